from rest_framework import serializers


class TeamRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class MeSerializer(serializers.Serializer):
    """De ingelogde medewerker: wie het is en waar die werkt."""

    username = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True, help_text="Voornaam en achternaam.")
    role = serializers.CharField(
        read_only=True,
        help_text="Rol: medewerker, coordinator, teamleider, vakafdeling, beleid, beheer of privacy.",
    )
    team = TeamRefSerializer(read_only=True, allow_null=True)
    municipality_code = serializers.CharField(
        read_only=True, help_text="CBS-code van de gemeente, zoals GM0363."
    )

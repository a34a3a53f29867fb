from rest_framework import serializers

from stevig.accounts.models import Role


class TeamRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class MeSerializer(serializers.Serializer):
    """De ingelogde medewerker: wie het is en waar die werkt."""

    id = serializers.UUIDField(
        read_only=True, help_text="Id van de medewerker (voor toewijzen en betrekken)."
    )
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


class StaffQuerySerializer(serializers.Serializer):
    team = serializers.UUIDField(required=False, help_text="Alleen dit team.")
    role = serializers.ChoiceField(choices=Role.choices, required=False, help_text="Alleen deze rol.")


class StaffSerializer(serializers.Serializer):
    """Een medewerker van de eigen gemeente: het id dat toewijzen, betrekken en contactpersoon vragen."""

    id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True, source="get_full_name")
    role = serializers.CharField(read_only=True)
    team = TeamRefSerializer(read_only=True, allow_null=True)

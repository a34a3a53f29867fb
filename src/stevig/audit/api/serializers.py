from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stevig.audit.models import Action, Outcome


class ResidentRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField(allow_null=True, help_text="Naam, of null als de inwoner niet meer bestaat.")


@extend_schema_field(ResidentRefSerializer(many=True))
class ResidentRefsField(serializers.Field):  # type: ignore[type-arg]
    """The residents of one log row, written out directly: `ResidentRefSerializer(many=True)` gives the
    same JSON but ran two DRF fields per resident, and a household list's row names about 135 residents:
    three quarters of the CPU of a page of the log by person. Output only; the schema is the serializer's."""

    def to_representation(self, value: Any) -> list[dict[str, str | None]]:
        return [{"id": str(ref.id), "name": None if ref.name is None else str(ref.name)} for ref in value]


class AccessLogEntrySerializer(serializers.Serializer):
    event_id = serializers.UUIDField(source="entry.event_id")
    seq = serializers.IntegerField(source="entry.seq", help_text="Plaats in de hash-keten van de gemeente.")
    timestamp = serializers.DateTimeField(source="entry.timestamp")
    username = serializers.CharField(source="entry.username")
    role = serializers.CharField(source="entry.role")
    role_label = serializers.CharField()
    action = serializers.ChoiceField(source="entry.action", choices=Action.choices)
    outcome = serializers.ChoiceField(source="entry.outcome", choices=Outcome.choices)
    part = serializers.CharField(source="entry.part")
    part_label = serializers.CharField(help_text="Het onderdeel in woorden, zoals de pagina het toont.")
    purpose = serializers.CharField(source="entry.purpose")
    access_point = serializers.CharField(source="entry.access_point")
    on_behalf_of = serializers.CharField(source="entry.on_behalf_of")
    emergency = serializers.BooleanField(source="entry.emergency")
    object_type = serializers.CharField(source="entry.object_type")
    object_id = serializers.CharField(source="entry.object_id")
    residents = ResidentRefsField()
    hash = serializers.CharField(source="entry.hash")


class ExportSectionSerializer(serializers.Serializer):
    title = serializers.CharField()
    data = serializers.JSONField(  # type: ignore[assignment]  # a field named "data", not Serializer.data
        help_text="De gegevens van dit onderdeel; de vorm verschilt per onderdeel."
    )


class MunicipalityRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class DataExportSerializer(serializers.Serializer):
    format = serializers.CharField(help_text="Versie van het exportformaat, nu 'stevig-inzage/1'.")
    generated_at = serializers.DateTimeField()
    municipality = MunicipalityRefSerializer()
    resident_id = serializers.UUIDField()
    sections = serializers.DictField(
        child=ExportSectionSerializer(),
        help_text="Onderdelen van de export, op naam (inwoner, huishoudens, betrokken_medewerkers, noodtoegang, "
        "toegangslog en onderdelen van andere apps).",
    )


class UserRefSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()
    role = serializers.CharField()


class EmergencyAccessReviewItemSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    user = serializers.SerializerMethodField()
    household_id = serializers.UUIDField()
    address = serializers.CharField(source="household.address_line")
    reason = serializers.CharField()
    granted_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    reviewed_by = serializers.SerializerMethodField()
    review_note = serializers.CharField()

    @staticmethod
    def _user(user: Any) -> dict[str, str] | None:
        if user is None:
            return None
        return {"username": user.username, "name": user.get_full_name(), "role": user.role}

    @extend_schema_field(UserRefSerializer)
    def get_user(self, obj: Any) -> dict[str, str] | None:
        return self._user(obj.user)

    @extend_schema_field(UserRefSerializer(allow_null=True))
    def get_reviewed_by(self, obj: Any) -> dict[str, str] | None:
        return self._user(obj.reviewed_by)


class ReviewRequestSerializer(serializers.Serializer):
    note = serializers.CharField(
        min_length=5, max_length=2000, help_text="Was de noodtoegang terecht, en waarom?"
    )

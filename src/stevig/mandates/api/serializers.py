from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stevig.core import figures_api
from stevig.core.api import CachedModelSerializer
from stevig.datasharing.models import LegalBasis
from stevig.mandates.models import EventKind, MandateEvent, MandateRequest, Status, Urgency
from stevig.mandates.selectors import STATUS_FILTERS


class SharedResidentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    naam = serializers.CharField()
    geboortedatum = serializers.DateField()


class SharedScoreSerializer(serializers.Serializer):
    inwoner = serializers.CharField()
    datum = serializers.DateField()
    leefgebied = serializers.CharField()
    score = serializers.IntegerField()
    score_tekst = serializers.CharField()
    toelichting = serializers.CharField(allow_blank=True)


class SharedActionSerializer(serializers.Serializer):
    wat = serializers.CharField()
    wie = serializers.CharField()
    klaar_op = serializers.DateField()


class SharedGoalSerializer(serializers.Serializer):
    doel = serializers.CharField()
    voor_wie = serializers.ListField(child=serializers.CharField())
    leefgebieden = serializers.ListField(child=serializers.CharField())
    acties = SharedActionSerializer(many=True)


class SharedContentSerializer(serializers.Serializer):
    """The snapshot that travelled with the request: nothing else of the file."""

    adres = serializers.CharField()
    inwoners = SharedResidentSerializer(many=True)
    analyse = SharedScoreSerializer(many=True)
    plan = SharedGoalSerializer(many=True)


class MandateRequestSerializer(CachedModelSerializer):
    department = serializers.UUIDField(source="department_id", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)
    requested_by = serializers.SerializerMethodField()
    residents = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, read_only=True)
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices, read_only=True)

    class Meta:
        model = MandateRequest
        fields = [
            "id",
            "version",
            "department",
            "department_name",
            "requested_by",
            "residents",
            "ask",
            "urgency",
            "status",
            "sent_on",
            "due_on",
            "overdue",
            "legal_basis",
        ]
        read_only_fields = fields

    def get_requested_by(self, obj: MandateRequest) -> str:
        return obj.requested_by.get_full_name() or obj.requested_by.username

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_residents(self, obj: MandateRequest) -> list[str]:
        return [str(r.id) for r in obj.residents.all()]

    def get_overdue(self, obj: MandateRequest) -> bool:
        return bool(getattr(obj, "overdue", obj.is_overdue))


class MandateEventSerializer(CachedModelSerializer):
    kind = serializers.ChoiceField(choices=EventKind.choices)
    by = serializers.SerializerMethodField()

    class Meta:
        model = MandateEvent
        fields = ["kind", "at", "by", "note"]

    def get_by(self, obj: MandateEvent) -> str:
        return obj.by.get_full_name() or obj.by.username


class MandateRequestDetailSerializer(MandateRequestSerializer):
    shared_content = SharedContentSerializer(read_only=True)
    events = serializers.SerializerMethodField()
    trajectory = serializers.SerializerMethodField()

    class Meta(MandateRequestSerializer.Meta):
        fields = [
            *MandateRequestSerializer.Meta.fields,
            "reason",
            "term_working_days",
            "shared_content",
            "outcome",
            "deviation_reason",
            "rejection_reason",
            "coordinator_decision",
            "coordinator_outcome",
            "decided_at",
            "question_asked_at",
            "trajectory",
            "events",
        ]
        read_only_fields = fields

    @extend_schema_field(MandateEventSerializer(many=True))
    def get_events(self, obj: MandateRequest) -> list[dict[str, Any]]:
        return MandateEventSerializer(self.context.get("events", []), many=True).data  # type: ignore[return-value]

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_trajectory(self, obj: MandateRequest) -> str | None:
        """Only for those who may open the file; never for the department."""
        return str(obj.trajectory_id) if self.context.get("may_open_file") else None


class SendRequestSerializer(serializers.Serializer):
    trajectory = serializers.UUIDField(source="trajectory_id")
    department = serializers.UUIDField(source="department_id")
    ask = serializers.CharField(max_length=5000, allow_blank=True)
    reason = serializers.CharField(max_length=5000, allow_blank=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    legal_basis = serializers.CharField(max_length=20, allow_blank=True)
    residents = serializers.ListField(source="resident_ids", child=serializers.UUIDField(), allow_empty=True)
    scores = serializers.ListField(
        source="score_ids", child=serializers.UUIDField(), required=False, default=list
    )
    goals = serializers.ListField(
        source="goal_ids", child=serializers.UUIDField(), required=False, default=list
    )
    consent = serializers.UUIDField(source="consent_id", required=False, allow_null=True)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1)


class CompleteSerializer(VersionSerializer):
    outcome = serializers.CharField(max_length=5000, allow_blank=True)
    deviation_reason = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")


class RejectSerializer(VersionSerializer):
    reason = serializers.CharField(max_length=5000, allow_blank=True)


class DecisionSerializer(VersionSerializer):
    decision = serializers.CharField(max_length=5000, allow_blank=True)


class AskSerializer(VersionSerializer):
    question = serializers.CharField(max_length=5000, allow_blank=True)


class AnswerSerializer(VersionSerializer):
    answer = serializers.CharField(max_length=5000, allow_blank=True)


class CoordinatorNoteSerializer(VersionSerializer):
    note = serializers.CharField(max_length=5000, allow_blank=True)


class ResendSerializer(VersionSerializer):
    ask = serializers.CharField(max_length=5000, allow_blank=True)
    reason = serializers.CharField(max_length=5000, allow_blank=True)


class CoordinatorHouseholdSerializer(serializers.Serializer):
    household = serializers.UUIDField(source="household.id")
    address = serializers.CharField(source="household.address_line")
    domains = serializers.IntegerField()
    departments = serializers.IntegerField()
    department_names = serializers.ListField(child=serializers.CharField())


class CoordinatorDashboardSerializer(serializers.Serializer):
    escalated = MandateRequestSerializer(many=True)
    households = CoordinatorHouseholdSerializer(many=True)


MandateFigureSerializer = figures_api.FigureSerializer


class DepartmentFiguresSerializer(serializers.Serializer):
    department = serializers.CharField()
    total = serializers.IntegerField(allow_null=True)
    within_term = MandateFigureSerializer()
    rejected = serializers.IntegerField(allow_null=True)
    escalated = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField(help_text="Het totaal van de vakafdeling is verborgen.")
    total_display = serializers.CharField(help_text='"<5" (1 tot en met 4), "x" (verborgen) of het getal.')
    rejected_display = serializers.CharField(help_text='"<5", "x" of het getal.')
    escalated_display = serializers.CharField(help_text='"<5", "x" of het getal.')
    period = serializers.CharField(help_text='Het kwartaal ("2026-K2") of het jaar ("2026").')
    refreshed_at = serializers.DateTimeField(
        allow_null=True, help_text="Wanneer de overzichtstabellen voor het laatst zijn bijgewerkt."
    )


class DepartmentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    response_term_working_days = serializers.IntegerField()


class MandateListQuerySerializer(serializers.Serializer):
    """The filter of a list of mandate requests (core.api.query): `open`, `all` or one status."""

    status = serializers.ChoiceField(
        choices=list(STATUS_FILTERS), default="all", help_text="open, all of een status (standaard: all)."
    )


class MineQuerySerializer(MandateListQuerySerializer):
    pass


class InboxQuerySerializer(MandateListQuerySerializer):
    status = serializers.ChoiceField(
        choices=list(STATUS_FILTERS), default="open", help_text="open, all of een status (standaard: open)."
    )

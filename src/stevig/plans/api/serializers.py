from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stevig.analysis.models import Domain
from stevig.core.figures_api import periode_field
from stevig.core.suppression import Period
from stevig.plans.models import AgreementMethod, Goal, HouseholdPlan, OwnerType, PlanAction, PlanVersion

VERSION_HELP = "De versie van het plan die u las; is het plan intussen gewijzigd, dan volgt 409."


class PlanActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanAction
        fields = ["id", "description", "owner_type", "owner_name", "due_date", "done_on"]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()
    domains = serializers.ListField(child=serializers.ChoiceField(choices=Domain.choices), read_only=True)
    actions = PlanActionSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "text", "members", "domains", "actions"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_members(self, obj: Goal) -> list[str]:
        return [str(r.id) for r in obj.members.all()]


class PlanVersionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanVersion
        fields = ["id", "number", "agreed_on", "agreed_how", "agreed_with"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    trajectory = serializers.UUIDField(source="trajectory_id", read_only=True)
    goals = serializers.SerializerMethodField()
    agreed_versions = serializers.SerializerMethodField()

    class Meta:
        model = HouseholdPlan
        fields = ["id", "trajectory", "version", "start_date", "evaluation_date", "goals", "agreed_versions"]
        read_only_fields = fields

    @extend_schema_field(GoalSerializer(many=True))
    def get_goals(self, obj: HouseholdPlan) -> list[dict[str, Any]]:
        return GoalSerializer(self.context.get("goals", []), many=True).data  # type: ignore[return-value]

    @extend_schema_field(PlanVersionSummarySerializer(many=True))
    def get_agreed_versions(self, obj: HouseholdPlan) -> list[dict[str, Any]]:
        return PlanVersionSummarySerializer(self.context.get("versions", []), many=True).data  # type: ignore[return-value]


class PlanVersionSerializer(serializers.ModelSerializer):
    plan = serializers.UUIDField(source="plan_id", read_only=True)
    snapshot = serializers.JSONField(
        read_only=True, help_text="Het plan zoals het is afgesproken (bevroren)."
    )

    class Meta:
        model = PlanVersion
        fields = ["id", "plan", "number", "agreed_on", "agreed_how", "agreed_with", "snapshot", "created_at"]
        read_only_fields = fields


class PlanCreateSerializer(serializers.Serializer):
    start_date = serializers.DateField()
    evaluation_date = serializers.DateField()


class PlanUpdateSerializer(PlanCreateSerializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)


class GoalWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)
    text = serializers.CharField(max_length=5000, help_text="Het doel in de woorden van de inwoner.")
    members = serializers.ListField(source="member_ids", child=serializers.UUIDField(), allow_empty=True)
    domains = serializers.ListField(child=serializers.ChoiceField(choices=Domain.choices), allow_empty=True)


class ActionWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)
    description = serializers.CharField(max_length=5000)
    owner_type = serializers.ChoiceField(
        choices=OwnerType.choices,
        error_messages={
            "required": "Kies wie deze actie doet.",
            "null": "Kies wie deze actie doet.",
            "invalid_choice": "Kies wie deze actie doet uit de lijst.",
        },
    )
    owner_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    due_date = serializers.DateField()
    done_on = serializers.DateField(required=False, allow_null=True, default=None)


class AgreeSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)
    agreed_on = serializers.DateField()
    agreed_how = serializers.ChoiceField(choices=AgreementMethod.choices)
    agreed_with = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ShareSerializer(serializers.Serializer):
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    share_percent = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField(help_text="Te kleine groep: niet getoond.")
    bound = serializers.CharField(
        help_text='Grens in plaats van een precies aandeel, bijv. "ten minste 96 %".'
    )


class PlanFiguresSerializer(serializers.Serializer):
    period_from = serializers.DateField(allow_null=True)
    period_until = serializers.DateField(allow_null=True)
    period = serializers.CharField(help_text='Het kwartaal ("2026-K2") of het jaar ("2026").')
    refreshed_at = serializers.DateTimeField(
        allow_null=True, help_text="Wanneer de overzichtstabellen voor het laatst zijn bijgewerkt."
    )
    min_group = serializers.IntegerField(help_text="Kleinere groepen worden niet getoond.")
    analysis_before_plan = ShareSerializer(
        help_text="Trajecten met een afgesproken plan: aandeel met een brede "
        "analyse op of voor de eerste afspraak."
    )
    network_or_social_basis = ShareSerializer(
        help_text="Trajecten met een gezinsplan: aandeel met een actie door "
        "het netwerk of de sociale basis, of een warme verwijzing."
    )


class FiguresQuerySerializer(serializers.Serializer):
    periode = periode_field()
    opened_from = serializers.DateField(
        required=False, help_text="Trajecten geopend vanaf: de eerste dag van een kwartaal of jaar."
    )
    opened_until = serializers.DateField(
        required=False,
        help_text="Trajecten geopend tot en met: de laatste dag van hetzelfde kwartaal of jaar.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("opened_from"), attrs.get("opened_until")
        if start and end and end < start:
            raise serializers.ValidationError({"opened_until": "Deze datum ligt voor de begindatum."})
        return attrs

    def period(self) -> Period:
        """One quarter or year only: two overlapping free ranges could isolate a small group."""
        data = self.validated_data
        if data.get("periode"):
            return Period.parse(data["periode"])
        return Period.from_range(
            data.get("opened_from"), data.get("opened_until"), today=timezone.localdate()
        )

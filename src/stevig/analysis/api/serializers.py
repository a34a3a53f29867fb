from typing import Any

from rest_framework import serializers

from stevig.analysis.models import (
    DOMAIN_DESCRIPTIONS,
    SCORE_DESCRIPTIONS,
    Analysis,
    Domain,
    DomainScore,
    Score,
)


class DomainScoreSerializer(serializers.ModelSerializer):
    domain = serializers.ChoiceField(choices=Domain.choices)
    score = serializers.IntegerField(
        min_value=1, max_value=5, help_text="1 acute problematiek … 5 volledig zelfredzaam."
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")

    class Meta:
        model = DomainScore
        fields = ["id", "domain", "score", "note"]
        read_only_fields = ["id"]


class AnalysisSerializer(serializers.ModelSerializer):
    scores = DomainScoreSerializer(many=True, read_only=True)
    resident = serializers.UUIDField(source="resident_id", read_only=True)
    resident_name = serializers.CharField(source="resident.full_name", read_only=True)
    trajectory = serializers.UUIDField(source="trajectory_id", read_only=True)

    class Meta:
        model = Analysis
        fields = [
            "id",
            "trajectory",
            "resident",
            "resident_name",
            "analysed_on",
            "self_direction",
            "strengths",
            "wishes",
            "scores",
            "created_at",
        ]
        read_only_fields = fields


class AnalysisCreateSerializer(serializers.Serializer):
    resident = serializers.UUIDField(
        source="resident_id", help_text="Het lid van het huishouden over wie de analyse gaat."
    )
    analysed_on = serializers.DateField()
    self_direction = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True, default=None
    )
    strengths = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    wishes = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    scores = DomainScoreSerializer(many=True, help_text="Alleen de leefgebieden die ertoe doen.")

    def validate_scores(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not value:
            raise serializers.ValidationError("Vul minstens één leefgebied in.")
        return value


class ScaleStepSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    description = serializers.CharField()


class LifeDomainSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    description = serializers.CharField()
    children_only = serializers.BooleanField()


class LifeDomainsSerializer(serializers.Serializer):
    domains = LifeDomainSerializer(many=True)
    scale = ScaleStepSerializer(many=True)


def life_domains_payload() -> dict[str, Any]:
    from stevig.analysis.models import CHILD_DOMAINS

    return {
        "domains": [
            {
                "code": value,
                "label": str(label),
                "description": str(DOMAIN_DESCRIPTIONS[value]),
                "children_only": value in CHILD_DOMAINS,
            }
            for value, label in Domain.choices
        ],
        "scale": [
            {"value": value, "label": str(label), "description": str(SCORE_DESCRIPTIONS[value])}
            for value, label in Score.choices
        ],
    }

from typing import Any

from rest_framework import serializers

from stevig.transitions.rules import Big5, DomainStatus, eighteenth_birthday


class TurningEighteenSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField(source="full_name")
    date_of_birth = serializers.DateField()
    eighteenth_birthday = serializers.SerializerMethodField()
    has_plan = serializers.BooleanField()
    plan_agreed = serializers.BooleanField()

    def get_eighteenth_birthday(self, obj: Any) -> str:
        return eighteenth_birthday(obj.date_of_birth).isoformat()


class TransitionOverviewRowSerializer(TurningEighteenSerializer):
    youth_help = serializers.BooleanField(source="youth")


class FuturePlanDomainSerializer(serializers.Serializer):
    domain = serializers.ChoiceField(choices=Big5.choices)
    status = serializers.ChoiceField(choices=DomainStatus.choices)
    next_step = serializers.CharField(max_length=5000, allow_blank=True)


class FuturePlanSerializer(serializers.Serializer):
    resident = serializers.UUIDField()
    exists = serializers.BooleanField()
    version = serializers.IntegerField(allow_null=True)
    agreed_on = serializers.DateField(allow_null=True)
    domains = FuturePlanDomainSerializer(many=True)


class FuturePlanInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        source="expected_version", required=False, allow_null=True, help_text="Verplicht bij een wijziging."
    )
    domains = FuturePlanDomainSerializer(many=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # `save_plan(domains=...)` takes {domain: (status, next_step)}.
        domains = {d["domain"]: (d["status"], d["next_step"]) for d in attrs["domains"]}
        return {**attrs, "domains": domains}


class FuturePlanAgreeSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version")
    agreed_on = serializers.DateField()


def plan_data(view: Any) -> dict[str, Any]:
    return {
        "resident": view.resident.id,
        "exists": view.plan is not None,
        "version": view.plan.version if view.plan else None,
        "agreed_on": view.plan.agreed_on if view.plan else None,
        "domains": [
            {"domain": d.domain, "status": d.status, "next_step": d.next_step} for d in view.domains.values()
        ],
    }


class PerspectiveGoalSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(
        choices=[("nu", "nu"), ("komende_jaren", "de komende jaren"), ("later", "later")]
    )
    goal = serializers.CharField(max_length=5000, allow_blank=True)
    support = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")


class PerspectivePlanSerializer(serializers.Serializer):
    resident = serializers.UUIDField()
    exists = serializers.BooleanField()
    version = serializers.IntegerField(allow_null=True)
    review_years = serializers.IntegerField(allow_null=True)
    next_review = serializers.DateField(allow_null=True)
    goals = PerspectiveGoalSerializer(many=True)


class PerspectivePlanInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        source="expected_version", required=False, allow_null=True, help_text="Verplicht bij een wijziging."
    )
    review_years = serializers.IntegerField(min_value=1, max_value=5)
    goals = PerspectiveGoalSerializer(many=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # `save_perspective_plan(goals=...)` takes {phase: (goal, support)}.
        goals = {g["phase"]: (g["goal"], g.get("support", "")) for g in attrs["goals"]}
        return {**attrs, "goals": goals}


def perspective_data(view: Any) -> dict[str, Any]:
    return {
        "resident": view.resident.id,
        "exists": view.plan is not None,
        "version": view.plan.version if view.plan else None,
        "review_years": view.plan.review_years if view.plan else None,
        "next_review": view.plan.next_review if view.plan else None,
        "goals": [{"phase": g.phase, "goal": g.goal, "support": g.support} for g in view.goals.values()],
    }

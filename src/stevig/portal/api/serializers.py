"""Mijn Stevig API bodies and answers (field checks only)."""

from rest_framework import serializers


class ResidentQuestionRowSerializer(serializers.Serializer):
    reference = serializers.CharField()
    about = serializers.CharField(help_text="Over wie: 'u zelf' of de naam van uw kind.")
    received_at = serializers.DateTimeField()
    status = serializers.CharField()
    explanation = serializers.CharField()
    contact_due = serializers.DateField(allow_null=True)


class ResidentDecisionRowSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="decision.id")
    about = serializers.CharField()
    category = serializers.CharField(source="decision.category")
    outcome = serializers.CharField(source="decision.get_outcome_display")
    decided_on = serializers.DateField(source="decision.decided_on")
    start_date = serializers.DateField(source="decision.start_date")
    end_date = serializers.DateField(source="decision.end_date", allow_null=True)
    letter_url = serializers.SerializerMethodField()

    def get_letter_url(self, row) -> str:  # type: ignore[no-untyped-def]
        from django.urls import reverse

        return reverse("portal:letter", args=[row.decision.id])


class ResidentPlanVersionRowSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="version.id")
    number = serializers.IntegerField(source="version.number")
    agreed_on = serializers.DateField(source="version.agreed_on")
    goals = serializers.IntegerField()


class ResidentOverviewSerializer(serializers.Serializer):
    name = serializers.CharField(source="resident.full_name")
    children = serializers.SerializerMethodField(help_text="Kinderen onder 16 over wie u het gezag heeft.")
    contact_person = serializers.CharField()
    team = serializers.CharField()
    questions = ResidentQuestionRowSerializer(many=True)
    decisions = ResidentDecisionRowSerializer(many=True)
    plan_versions = ResidentPlanVersionRowSerializer(many=True)

    def get_children(self, data) -> list[str]:  # type: ignore[no-untyped-def]
        return [c.full_name for c in data.children]


class WhoLookedRowSerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    role = serializers.CharField()
    team = serializers.CharField()
    what = serializers.CharField()
    why = serializers.CharField()
    refused = serializers.BooleanField()
    emergency = serializers.BooleanField()


class ResidentMessageBodySerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000)


class ResidentMessageSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    text = serializers.CharField()
    sent_at = serializers.DateTimeField()


class FollowCodesSerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=20)
    secret = serializers.CharField(max_length=30)


class ResidentSubjectRequestBodySerializer(serializers.Serializer):
    """AVG art. 16 (rectificatie) or art. 18 (beperking), asked by the resident."""

    for_resident = serializers.UUIDField(
        source="for_resident_id", help_text="The resident or a child under 16 in their gezag."
    )
    right = serializers.CharField(max_length=15, help_text="rectificatie or beperking.")
    what = serializers.CharField(max_length=5000, allow_blank=True)
    correction = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")
    ground = serializers.CharField(
        max_length=20,
        allow_blank=True,
        required=False,
        default="",
        help_text="For beperking: juistheid, onrechtmatig, rechtsvordering or bezwaar (AVG art. 18 lid 1).",
    )

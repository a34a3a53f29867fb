from typing import Any

from rest_framework import serializers

from stevig.safety.meldcode import QUESTIONS, Outcome, conclude
from stevig.safety.models import RiskLevel, SafetyTrack, Source, Status, StepRecord


def _name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user else ""


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class StepSerializer(serializers.ModelSerializer):
    done_by = serializers.SerializerMethodField()

    class Meta:
        model = StepRecord
        fields = [
            "number",
            "done_on",
            "done_by",
            "notes",
            "not_done_for_safety",
            "colleague_consulted",
            "veilig_thuis_consulted",
            "veilig_thuis_advice",
        ]

    def get_done_by(self, obj: StepRecord) -> str:
        return _name(obj.done_by)


class AnswerSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    question = serializers.CharField()
    answer = serializers.BooleanField(allow_null=True)


class ConclusionSerializer(serializers.Serializer):
    next_question = serializers.IntegerField(allow_null=True)
    report_required = serializers.BooleanField()
    text = serializers.CharField()
    allowed_outcomes = serializers.ListField(child=serializers.ChoiceField(choices=Outcome.choices))


class MemberRiskSerializer(serializers.Serializer):
    resident = serializers.UUIDField()
    name = serializers.CharField()
    age = serializers.IntegerField()
    is_child = serializers.BooleanField()
    level = serializers.ChoiceField(choices=RiskLevel.choices)
    note = serializers.CharField(allow_blank=True)


class TrackSerializer(serializers.ModelSerializer):
    """A track in a list: no notes."""

    household = serializers.UUIDField(source="household_id")
    trajectory = serializers.UUIDField(source="trajectory_id")
    address = serializers.CharField(source="household.address_line")
    status = serializers.ChoiceField(choices=Status.choices)

    class Meta:
        model = SafetyTrack
        fields = [
            "id",
            "version",
            "household",
            "trajectory",
            "address",
            "status",
            "opened_at",
            "veilig_thuis_due",
        ]


class TrackDetailSerializer(TrackSerializer):
    source = serializers.ChoiceField(choices=Source.choices)  # type: ignore[assignment]
    question = serializers.UUIDField(source="question_id", allow_null=True)
    opened_by = serializers.SerializerMethodField()
    contact_person = serializers.SerializerMethodField()
    named = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()
    afwegingskader = serializers.SerializerMethodField()
    conclusion = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()
    next_step = serializers.SerializerMethodField()
    outcome = serializers.ChoiceField(choices=Outcome.choices, allow_blank=True)
    emergency = serializers.SerializerMethodField()

    class Meta:
        model = SafetyTrack
        fields = [
            *TrackSerializer.Meta.fields,
            "source",
            "question",
            "source_note",
            "opened_by",
            "contact_person",
            "named",
            "members",
            "steps",
            "next_step",
            "afwegingskader",
            "conclusion",
            "outcome",
            "outcome_reason",
            "decided_on",
            "reported_on",
            "follow_up_on",
            "follow_up",
            "emergency",
        ]

    def _file(self) -> Any:
        return self.context["file"]

    def get_opened_by(self, obj: SafetyTrack) -> str:
        return _name(obj.opened_by)

    def get_contact_person(self, obj: SafetyTrack) -> str:
        return _name(obj.trajectory.contact_person)

    def get_named(self, obj: SafetyTrack) -> list[str]:
        return [_name(n.user) for n in self._file().named]

    def get_steps(self, obj: SafetyTrack) -> list[dict[str, Any]]:
        return StepSerializer(list(self._file().steps.values()), many=True).data  # type: ignore[return-value]

    def get_next_step(self, obj: SafetyTrack) -> int | None:
        return self._file().next_step  # type: ignore[no-any-return]

    def get_afwegingskader(self, obj: SafetyTrack) -> list[dict[str, Any]]:
        answers = obj.answers
        return AnswerSerializer(
            [
                {"number": q.number, "question": str(q.text), "answer": answers.get(q.number)}
                for q in QUESTIONS
            ],
            many=True,
        ).data  # type: ignore[return-value]

    def get_conclusion(self, obj: SafetyTrack) -> dict[str, Any]:
        c = conclude(obj.answers)
        return ConclusionSerializer(
            {
                "next_question": c.next_question,
                "report_required": c.report_required,
                "text": c.text,
                "allowed_outcomes": sorted(c.allowed_outcomes),
            }
        ).data

    def get_members(self, obj: SafetyTrack) -> list[dict[str, Any]]:
        return MemberRiskSerializer(
            [
                {
                    "resident": r.membership.resident_id,
                    "name": r.membership.resident.full_name,
                    "age": r.age,
                    "is_child": r.is_child,
                    "level": r.risk.level if r.risk else RiskLevel.UNKNOWN,
                    "note": r.risk.note if r.risk else "",
                }
                for r in self._file().members
            ],
            many=True,
        ).data  # type: ignore[return-value]

    def get_emergency(self, obj: SafetyTrack) -> bool:
        return bool(self._file().emergency)


class OpenTrackSerializer(serializers.Serializer):
    trajectory = serializers.UUIDField(source="trajectory_id")
    source = serializers.ChoiceField(choices=Source.choices)  # type: ignore[assignment]
    source_note = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    question = serializers.UUIDField(source="question_id", required=False, allow_null=True)


class StepInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1)
    number = serializers.ChoiceField(choices=[1, 2, 3])
    done_on = serializers.DateField()
    notes = serializers.CharField(allow_blank=True, max_length=10000)
    not_done_for_safety = serializers.BooleanField(required=False, default=False)
    colleague_consulted = serializers.CharField(required=False, allow_blank=True, max_length=200)
    veilig_thuis_consulted = serializers.BooleanField(required=False, default=False)
    veilig_thuis_advice = serializers.CharField(required=False, allow_blank=True, max_length=10000)


class WeighSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1)
    done_on = serializers.DateField()
    notes = serializers.CharField(allow_blank=True, max_length=10000)
    q1 = serializers.BooleanField(
        source="suspicion", allow_null=True, required=False, default=None, help_text="Vermoeden?"
    )
    q2 = serializers.BooleanField(
        source="unsafe",
        allow_null=True,
        required=False,
        default=None,
        help_text="Acute of structurele onveiligheid?",
    )


class DecideSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1)
    done_on = serializers.DateField()
    notes = serializers.CharField(allow_blank=True, max_length=10000)
    q3 = serializers.BooleanField(
        source="help_possible",
        allow_null=True,
        required=False,
        default=None,
        help_text="Passende hulp mogelijk?",
    )
    q4 = serializers.BooleanField(
        source="help_accepted", allow_null=True, required=False, default=None, help_text="Hulp aanvaard?"
    )
    q5 = serializers.BooleanField(
        source="lasting_safety",
        allow_null=True,
        required=False,
        default=None,
        help_text="Binnen de termijn duurzame veiligheid?",
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    outcome_reason = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    reported_on = serializers.DateField(required=False, allow_null=True)


class FollowUpSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1)
    follow_up_on = serializers.DateField()
    follow_up = serializers.CharField(allow_blank=True, max_length=10000)


class NameColleagueSerializer(serializers.Serializer):
    user = serializers.UUIDField(source="user_id")


class RiskInputSerializer(serializers.Serializer):
    resident = serializers.UUIDField()
    level = serializers.ChoiceField(choices=RiskLevel.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=10000)


class RisksSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1)
    risks = RiskInputSerializer(many=True)

    def validate(self, attrs: dict) -> dict:  # type: ignore[type-arg]
        """The service's `risks`: {resident: (level, note)}."""
        risks = {r["resident"]: (r["level"], r.get("note", "")) for r in attrs["risks"]}
        return {**attrs, "risks": risks}


class EmergencySerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)

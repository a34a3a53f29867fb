from rest_framework import serializers

from stevig.selfassessment.models import (
    ActionStatus,
    Group,
    ImprovementAction,
    Participant,
    QuarterlyReport,
    Round,
)


class StatementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    text = serializers.CharField()


class PrincipleSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    short = serializers.CharField()
    explanation = serializers.CharField()
    value = serializers.CharField(source="value.name")
    statements = StatementSerializer(many=True, source="statements.all")


class LevelSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]


class InstrumentSerializer(serializers.Serializer):
    levels = LevelSerializer(many=True)
    principles = PrincipleSerializer(many=True)


class RoundSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Round
        fields = ["id", "title", "period", "status", "status_label", "created_at", "closed_at", "version"]


class RoundCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    period = serializers.CharField(max_length=7, help_text='Een kwartaal ("2026-K1") of een jaar ("2026").')


class ParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["id", "group", "name", "user", "submitted_at"]


class ParticipantCreateSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=Group.choices)
    user = serializers.UUIDField(source="user_id", required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


class AnswerInSerializer(serializers.Serializer):
    statement = serializers.IntegerField()
    level = serializers.CharField(help_text="0-3 of niet, beginnend, grotendeels, volledig.")


class AnswersSerializer(serializers.Serializer):
    answers = AnswerInSerializer(many=True)

    def validate(self, attrs: dict) -> dict:  # type: ignore[type-arg]
        """The service's `answers`: {statement: level}."""
        return {"answers": {a["statement"]: a["level"] for a in attrs["answers"]}}


class ScoreSerializer(serializers.Serializer):
    mean = serializers.FloatField(allow_null=True, help_text="Gemiddeld niveau, 0 (niet) tot 3 (volledig).")
    answers = serializers.IntegerField()
    display = serializers.CharField()


class IndicatorSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    how = serializers.CharField(help_text="Hoe het cijfer is berekend.")
    period = serializers.CharField()
    display = serializers.CharField(help_text="Zoals op de pagina (kleine groepen onderdrukt).")
    percentage = serializers.IntegerField(allow_null=True)
    extra = serializers.ListField(child=serializers.CharField())


class PrincipleResultSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="principle.number")
    title = serializers.CharField(source="principle.title")
    score = ScoreSerializer()
    previous = ScoreSerializer()
    by_group = serializers.DictField(child=ScoreSerializer())
    difference = serializers.CharField()
    indicator = IndicatorSerializer()


class ActionSerializer(serializers.ModelSerializer):
    principle = serializers.IntegerField(source="principle.number")
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ImprovementAction
        fields = [
            "id",
            "round",
            "principle",
            "description",
            "owner",
            "due_on",
            "status",
            "status_label",
            "version",
        ]


class ActionCreateSerializer(serializers.Serializer):
    principle = serializers.IntegerField(source="principle_number", min_value=1, max_value=13)
    description = serializers.CharField(max_length=1000)
    owner = serializers.UUIDField(source="owner_id")
    due_on = serializers.DateField()


class ActionStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    version = serializers.IntegerField(source="expected_version")


class RoundVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version")


class RoundResultSerializer(serializers.Serializer):
    round = RoundSerializer()
    previous_round = RoundSerializer(allow_null=True, source="previous")
    principles = PrincipleResultSerializer(many=True)
    participants = ParticipantSerializer(many=True)
    actions = ActionSerializer(many=True)
    summary = serializers.CharField(source="radar.summary", help_text="De tekst bij het radardiagram.")


class ReportSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = QuarterlyReport
        fields = ["id", "period", "status", "status_label", "created_at", "generated_at"]


class ReportDetailSerializer(ReportSerializer):
    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "html"]


class ReportCreateSerializer(serializers.Serializer):
    period = serializers.CharField(max_length=7, help_text='Een kwartaal, bijvoorbeeld "2026-K1".')

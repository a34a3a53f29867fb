from rest_framework import serializers

from stevig.signalering.models import Category, Signal, SignalEvent, SignalGroup, Status


class SignalSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    neighbourhood_name = serializers.CharField(
        source="neighbourhood.name", read_only=True, allow_null=True, default=None
    )
    team_name = serializers.CharField(source="team.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Signal
        fields = [
            "id",
            "category",
            "category_label",
            "description",
            "neighbourhood",
            "neighbourhood_name",
            "facility",
            "department",
            "team_name",
            "group",
            "status",
            "status_label",
            "answer",
            "answered_at",
            "created_at",
            "version",
        ]


class SignalCreateSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices)
    description = serializers.CharField(max_length=2000)
    neighbourhood = serializers.UUIDField(
        source="neighbourhood_id", required=False, allow_null=True, default=None
    )
    facility = serializers.UUIDField(source="facility_id", required=False, allow_null=True, default=None)
    department = serializers.UUIDField(source="department_id", required=False, allow_null=True, default=None)
    trajectory = serializers.UUIDField(
        source="trajectory_id",
        required=False,
        allow_null=True,
        default=None,
        help_text="Gemeld vanuit dit traject: de namen van het huishouden worden in de tekst gezocht. "
        "Het knelpunt bewaart geen koppeling met het traject.",
    )
    warned = serializers.CharField(
        source="warned_fingerprint",
        required=False,
        allow_blank=True,
        default="",
        help_text="De 'warned'-waarde uit de vorige 400: dezelfde tekst nog eens sturen wordt geweigerd.",
    )


class PersonalDataErrorSerializer(serializers.Serializer):
    description = serializers.ListField(child=serializers.CharField())
    warned = serializers.ListField(child=serializers.CharField(), help_text="Vingerafdruk van de tekst.")
    code = serializers.CharField()


class ClusterSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices)
    category_label = serializers.CharField()
    neighbourhood_id = serializers.UUIDField(allow_null=True)
    neighbourhood = serializers.CharField()
    count = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    signal_ids = serializers.ListField(child=serializers.UUIDField())


class SignalGroupSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    signal_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = SignalGroup
        fields = [
            "id",
            "title",
            "category",
            "neighbourhood",
            "status",
            "status_label",
            "answer",
            "answered_at",
            "signal_count",
            "created_at",
            "version",
        ]


class SignalEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = SignalEvent
        fields = ["created_at", "status", "note"]


class QuarterCountSerializer(serializers.Serializer):
    period = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class SignalGroupDetailSerializer(serializers.Serializer):
    group = SignalGroupSerializer()
    signals = SignalSerializer(many=True)
    events = SignalEventSerializer(many=True)
    per_quarter = QuarterCountSerializer(many=True)
    matching = serializers.ListField(child=serializers.UUIDField(), help_text="Losse meldingen die passen.")


class SignalGroupCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    category = serializers.ChoiceField(choices=Category.choices)
    neighbourhood = serializers.UUIDField(
        source="neighbourhood_id", required=False, allow_null=True, default=None
    )
    signals = serializers.ListField(source="signal_ids", child=serializers.UUIDField(), min_length=1)


class SignalGroupAddSerializer(serializers.Serializer):
    signals = serializers.ListField(source="signal_ids", child=serializers.UUIDField(), min_length=1)
    version = serializers.IntegerField(source="expected_version", min_value=1)


class SignalGroupAnswerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, help_text="Niet 'nieuw': de volgende stap.")
    reason = serializers.CharField(max_length=4000, allow_blank=True)
    version = serializers.IntegerField(source="expected_version", min_value=1)

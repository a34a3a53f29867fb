from rest_framework import serializers

from stevig.istandaarden.models import Allocation, Message, Provider
from stevig.istandaarden.services import ANSWERS, REJECTION_REASONS


class ProviderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Provider
        fields = ["id", "agb_code", "name", "active"]


class AllocationSerializer(serializers.ModelSerializer):
    provider = ProviderSerializer(read_only=True)

    class Meta:
        model = Allocation
        fields = [
            "id",
            "number",
            "provider",
            "product_category",
            "product_code",
            "start_date",
            "end_date",
            "status",
            "care_started_on",
            "care_stopped_on",
            "stop_reason",
        ]


class MessageSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    in_reply_to = serializers.UUIDField(source="in_reply_to_id", read_only=True, allow_null=True)
    decision = serializers.UUIDField(source="decision_id", read_only=True, allow_null=True)
    allocation_number = serializers.IntegerField(source="allocation.number", read_only=True, allow_null=True)

    class Meta:
        model = Message
        fields = [
            "id",
            "direction",
            "standard",
            "code",
            "identification",
            "sender",
            "receiver",
            "status",
            "status_label",
            "decision",
            "allocation_number",
            "in_reply_to",
            "errors",
            "created_at",
            "fetched_at",
        ]


class MessageDetailSerializer(MessageSerializer):
    class Meta(MessageSerializer.Meta):
        fields = [*MessageSerializer.Meta.fields, "xml"]


class DecisionMessagesSerializer(serializers.Serializer):
    allocations = AllocationSerializer(many=True)
    messages = MessageSerializer(many=True)


class MessageAnswerSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=["toewijzen", *ANSWERS])
    reason = serializers.ChoiceField(choices=list(REJECTION_REASONS), required=False, default="")


class ReceivedSerializer(serializers.Serializer):
    message = MessageSerializer()
    answers = MessageSerializer(many=True)

from rest_framework import serializers

from stevig.retention.models import (
    DestructionList,
    DestructionListItem,
    ItemStatus,
    ListStatus,
    LitigationHold,
)
from stevig.retention.rules import RecordKind


class DestructionListSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=ListStatus.choices)

    class Meta:
        model = DestructionList
        fields = ["id", "month", "made_on", "status", "version"]


class DestructionListItemSerializer(serializers.ModelSerializer):
    household = serializers.UUIDField(source="household_ref", help_text="Het huishouden (id).")
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=RecordKind.choices))
    sources = serializers.ListField(
        child=serializers.CharField(),
        help_text="Categorie van de Selectielijst en het wetsartikel per termijn.",
    )
    status = serializers.ChoiceField(choices=ItemStatus.choices)
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True, default=None)
    destruction_list = serializers.UUIDField(source="destruction_list_id")

    class Meta:
        model = DestructionListItem
        fields = [
            "id",
            "destruction_list",
            "household",
            "kinds",
            "last_involvement",
            "keep_until",
            "sources",
            "status",
            "decided_by",
            "decided_at",
            "reason",
            "version",
        ]


class DestructionListRowSerializer(serializers.Serializer):
    item = DestructionListItemSerializer()
    address = serializers.CharField(help_text="Adres van het huishouden; leeg als het dossier al weg is.")
    members = serializers.IntegerField(help_text="Aantal leden van het huishouden.")
    holds = serializers.IntegerField(help_text="Aantal lopende bewaarplichten (dan kan vernietigen niet).")


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("goedkeuren", "goedkeuren: vernietigen"), ("afwijzen", "afwijzen: bewaren")],
        error_messages={"invalid_choice": "Kies goedkeuren of afwijzen."},
    )
    reason = serializers.CharField(max_length=2000, help_text="Waarom (minstens 5 tekens).")
    expected_version = serializers.IntegerField(
        min_value=1, help_text="De versie van het dossier op de lijst zoals u die las (anders 409)."
    )


class LitigationHoldSerializer(serializers.ModelSerializer):
    household = serializers.UUIDField(source="household_id")
    placed_by = serializers.CharField(source="placed_by.username")
    lifted_by = serializers.CharField(source="lifted_by.username", allow_null=True, default=None)
    active = serializers.SerializerMethodField()

    class Meta:
        model = LitigationHold
        fields = [
            "id",
            "household",
            "reason",
            "placed_by",
            "placed_at",
            "active",
            "lifted_at",
            "lifted_by",
            "lift_reason",
        ]

    def get_active(self, hold: LitigationHold) -> bool:
        return hold.lifted_at is None


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Waarom (minstens 5 tekens).")

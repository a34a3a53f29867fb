from rest_framework import serializers

from stevig.retention.models import (
    DestructionList,
    DestructionListItem,
    DestructionRequest,
    ItemStatus,
    ListStatus,
    LitigationHold,
    Requester,
    RequestLaw,
    RequestStatus,
)
from stevig.retention.rules import RecordKind, RequestException


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


class DestructionRequestSerializer(serializers.ModelSerializer):
    household = serializers.UUIDField(source="household_ref", help_text="Het huishouden (id).")
    law = serializers.ChoiceField(choices=RequestLaw.choices)
    requested_by = serializers.ChoiceField(choices=Requester.choices)
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    exception = serializers.ChoiceField(
        choices=[("", "geen"), *RequestException.choices],
        help_text="De uitzondering uit de wet bij een weigering; leeg anders.",
    )
    due_on = serializers.DateField(
        help_text="Uiterlijk uitvoeren op: drie maanden na ontvangst, naar de volgende werkdag als dat een "
        "weekend- of feestdag is (Jeugdwet art. 7.3.9, Wmo 2015 art. 5.3.5, Algemene termijnenwet art. 1)."
    )
    registered_by = serializers.CharField(source="registered_by.username")
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True, default=None)
    record = serializers.UUIDField(
        source="record_id", allow_null=True, help_text="De vernietigingsverklaring als het is uitgevoerd."
    )

    class Meta:
        model = DestructionRequest
        fields = [
            "id",
            "household",
            "law",
            "received_on",
            "due_on",
            "requested_by",
            "registered_by",
            "status",
            "exception",
            "reason",
            "decided_by",
            "decided_at",
            "record",
            "version",
        ]


class RegisterRequestSerializer(serializers.Serializer):
    law = serializers.ChoiceField(
        choices=RequestLaw.choices, error_messages={"invalid_choice": "Kies de Jeugdwet of de Wmo 2015."}
    )
    received_on = serializers.DateField(help_text="De dag waarop het verzoek binnenkwam.")
    requested_by = serializers.ChoiceField(
        choices=Requester.choices, error_messages={"invalid_choice": "Kies wie om vernietiging vroeg."}
    )


class DecideRequestSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("uitvoeren", "uitvoeren: nu vernietigen"), ("weigeren", "weigeren: bewaren")],
        error_messages={"invalid_choice": "Kies uitvoeren of weigeren."},
    )
    exception = serializers.ChoiceField(
        choices=RequestException.choices,
        required=False,
        default="",
        help_text="Verplicht bij weigeren: de uitzondering uit de wet.",
        error_messages={"invalid_choice": "Kies de uitzondering uit de wet waarop u weigert."},
    )
    reason = serializers.CharField(max_length=2000, help_text="Waarom (minstens 5 tekens).")
    expected_version = serializers.IntegerField(
        min_value=1, help_text="De versie van het verzoek zoals u die las (anders 409)."
    )

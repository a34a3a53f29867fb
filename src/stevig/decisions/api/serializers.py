"""Serializers for the decisions API. Field checks only; business rules (pgb motivation, end date, the
lifelong flag, the reason) come from the services as 400 {field: [messages]}."""

from datetime import date

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stevig.core import figures_api
from stevig.decisions.models import (
    Application,
    Decision,
    DecisionForm,
    Law,
    LetterPdfStatus,
    LifelongLimitation,
    PeriodicContact,
    ProductCategory,
)
from stevig.decisions.selectors import ends_soon, objection_deadline

VERSION_HELP = "De versie die u las; is het intussen gewijzigd, dan volgt 409."


class DecisionCategorySerializer(serializers.ModelSerializer):
    law = serializers.CharField(read_only=True, help_text="wmo of jeugdwet")

    class Meta:
        model = ProductCategory
        fields = ["id", "code", "name", "law", "description"]
        read_only_fields = fields


class DecisionApplicationSerializer(serializers.ModelSerializer):
    household = serializers.UUIDField(source="household_id", read_only=True)
    resident = serializers.UUIDField(source="resident_id", read_only=True)
    trajectory = serializers.UUIDField(source="trajectory_id", read_only=True, allow_null=True)
    category = serializers.UUIDField(source="category_id", read_only=True, allow_null=True)
    law = serializers.CharField(read_only=True, help_text="wmo of jeugdwet")
    status = serializers.CharField(read_only=True, help_text="open, besloten of ingetrokken")
    due_on = serializers.DateField(read_only=True, help_text="Uiterlijk besluiten op (wettelijke termijn).")

    class Meta:
        model = Application
        fields = [
            "id",
            "household",
            "resident",
            "trajectory",
            "law",
            "category",
            "received_on",
            "due_on",
            "description",
            "status",
            "withdrawn_reason",
            "version",
        ]
        read_only_fields = fields


class DecisionApplicationCreateSerializer(serializers.Serializer):
    resident = serializers.UUIDField()
    law = serializers.ChoiceField(choices=Law.choices)
    received_on = serializers.DateField()
    description = serializers.CharField(max_length=5000, allow_blank=True)
    category = serializers.UUIDField(required=False, allow_null=True)


class DecisionWithdrawSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)
    reason = serializers.CharField(max_length=5000, allow_blank=True)


class LifelongLimitationSerializer(serializers.ModelSerializer):
    resident = serializers.UUIDField(source="resident_id", read_only=True)

    class Meta:
        model = LifelongLimitation
        fields = ["id", "resident", "description", "since", "ended_at", "end_reason"]
        read_only_fields = fields


class LifelongLimitationCreateSerializer(serializers.Serializer):
    resident = serializers.UUIDField()
    description = serializers.CharField(max_length=5000, allow_blank=True)
    since = serializers.DateField()


class LifelongLimitationEndSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, allow_blank=True)


class PeriodicContactSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True, help_text="Altijd: contactmoment, geen herindicatie.")  # type: ignore[assignment]

    class Meta:
        model = PeriodicContact
        fields = ["id", "label", "due_on", "done_on", "note"]
        read_only_fields = fields


class PeriodicContactDoneSerializer(serializers.Serializer):
    done_on = serializers.DateField()
    note = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")


class DecisionSerializer(serializers.ModelSerializer):
    household = serializers.UUIDField(source="household_id", read_only=True)
    resident = serializers.UUIDField(source="resident_id", read_only=True)
    trajectory = serializers.UUIDField(source="trajectory_id", read_only=True, allow_null=True)
    application = serializers.UUIDField(source="application_id", read_only=True, allow_null=True)
    category = serializers.UUIDField(source="category_id", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    law = serializers.CharField(read_only=True, help_text="wmo of jeugdwet")
    form = serializers.CharField(read_only=True, help_text="zin (zorg in natura) of pgb")
    objection_until = serializers.SerializerMethodField(help_text="Laatste dag voor bezwaar (6 weken).")
    ends_soon = serializers.SerializerMethodField(
        help_text="Loopt binnen drie maanden af (nooit bij een levenslange beschikking: die wordt voortgezet)."
    )
    contacts = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "household",
            "resident",
            "trajectory",
            "application",
            "category",
            "category_name",
            "law",
            "form",
            "pgb_motivation",
            "start_date",
            "end_date",
            "reason",
            "provider",
            "decided_on",
            "lifelong",
            "fitting_duration",
            "contact_interval_months",
            "objection_until",
            "ends_soon",
            "contacts",
            "version",
        ]
        read_only_fields = fields

    def get_objection_until(self, obj: Decision) -> date:
        return objection_deadline(obj)

    def get_ends_soon(self, obj: Decision) -> bool:
        return ends_soon(obj)

    @extend_schema_field(PeriodicContactSerializer(many=True))
    def get_contacts(self, obj: Decision) -> list[dict[str, object]]:
        contacts = self.context.get("contacts", {}).get(obj.id, [])
        return PeriodicContactSerializer(contacts, many=True).data  # type: ignore[return-value]


class DecisionWriteSerializer(serializers.Serializer):
    category = serializers.UUIDField()
    form = serializers.ChoiceField(choices=DecisionForm.choices)
    pgb_motivation = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True, required=False, default=None)
    reason = serializers.CharField(max_length=5000, allow_blank=True)
    provider = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    contact_interval_months = serializers.IntegerField(required=False, allow_null=True, default=None)


class DecisionCreateSerializer(DecisionWriteSerializer):
    resident = serializers.UUIDField()
    application = serializers.UUIDField(required=False, allow_null=True, default=None)


class DecisionUpdateSerializer(DecisionWriteSerializer):
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


class DecisionLetterSectionSerializer(serializers.Serializer):
    heading = serializers.CharField()
    paragraphs = serializers.ListField(child=serializers.CharField())


class DecisionLetterSerializer(serializers.Serializer):
    decision = serializers.UUIDField(source="decision.id")
    municipality = serializers.CharField()
    letter_date = serializers.DateField()
    recipient_name = serializers.CharField()
    address_lines = serializers.ListField(child=serializers.CharField())
    subject = serializers.CharField()
    salutation = serializers.CharField()
    intro = serializers.CharField()
    sections = DecisionLetterSectionSerializer(many=True)
    closing = serializers.ListField(child=serializers.CharField())
    objection_until = serializers.DateField()


class DecisionDueItemSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="aanvraag, contactmoment, einde of voortzetten (levenslang)")
    due = serializers.DateField()
    days_left = serializers.IntegerField()
    overdue = serializers.BooleanField()
    title = serializers.CharField()
    resident = serializers.UUIDField(source="resident_id")
    resident_name = serializers.CharField()
    household = serializers.UUIDField(source="household_id")
    object_id = serializers.UUIDField()
    url = serializers.CharField()


DecisionFigureSerializer = figures_api.FigureSerializer


class DecisionFiguresQuerySerializer(serializers.Serializer):
    since = serializers.DateField(required=False)
    until = serializers.DateField(required=False)


class LetterPdfPendingSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=LetterPdfStatus.choices, help_text="queued: wordt gemaakt")
    detail = serializers.CharField()


class ContinueDecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, allow_blank=True)
    end_date = serializers.DateField(required=False, allow_null=True, help_text="Leeg: zonder einddatum.")

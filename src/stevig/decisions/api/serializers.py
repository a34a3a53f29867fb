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
    Frequency,
    Law,
    LegalRemedy,
    LetterPdfStatus,
    LifelongLimitation,
    Outcome,
    PeriodicContact,
    ProductCategory,
    RemedyKind,
    Signatory,
    VolumeUnit,
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
    resident = serializers.UUIDField(source="resident_id")
    law = serializers.ChoiceField(choices=Law.choices)
    received_on = serializers.DateField()
    description = serializers.CharField(max_length=5000, allow_blank=True)
    category = serializers.UUIDField(source="category_id", required=False, allow_null=True)


class DecisionWithdrawSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)
    reason = serializers.CharField(max_length=5000, allow_blank=True)


class LifelongLimitationSerializer(serializers.ModelSerializer):
    resident = serializers.UUIDField(source="resident_id", read_only=True)

    class Meta:
        model = LifelongLimitation
        fields = ["id", "resident", "description", "since", "ended_at", "end_reason"]
        read_only_fields = fields


class LifelongLimitationCreateSerializer(serializers.Serializer):
    resident = serializers.UUIDField(source="resident_id")
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
    objection_until = serializers.SerializerMethodField(
        help_text="Laatste dag voor bezwaar: 6 weken vanaf de dag na verzending (Awb 6:8). Leeg zolang niet verstuurd."
    )
    signatory_name = serializers.CharField(
        source="signatory.name", read_only=True, allow_null=True, default=None
    )
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
            "outcome",
            "legal_ground",
            "volume",
            "unit",
            "frequency",
            "sent_on",
            "signatory",
            "signatory_name",
            "withdrawn_on",
            "withdrawn_reason",
            "objection_until",
            "ends_soon",
            "contacts",
            "version",
        ]
        read_only_fields = fields

    def get_objection_until(self, obj: Decision) -> date | None:
        return objection_deadline(obj)

    def get_ends_soon(self, obj: Decision) -> bool:
        return ends_soon(obj)

    @extend_schema_field(PeriodicContactSerializer(many=True))
    def get_contacts(self, obj: Decision) -> list[dict[str, object]]:
        contacts = self.context.get("contacts", {}).get(obj.id, [])
        return PeriodicContactSerializer(contacts, many=True).data  # type: ignore[return-value]


class DecisionWriteSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices, default=Outcome.GRANTED)
    category = serializers.UUIDField(source="category_id")
    legal_ground = serializers.CharField(
        max_length=200, allow_blank=True, help_text="Bijvoorbeeld: Wmo 2015 art. 2.3.5."
    )
    volume = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text="Omvang; verplicht bij toekenning.",
    )
    unit = serializers.ChoiceField(choices=VolumeUnit.choices, required=False, allow_blank=True, default="")
    frequency = serializers.ChoiceField(
        choices=Frequency.choices, required=False, allow_blank=True, default=""
    )
    sent_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Verzenddatum (bekendmaking); niet vóór het besluit.",
    )
    signatory = serializers.UUIDField(
        source="signatory_id",
        required=False,
        allow_null=True,
        default=None,
        help_text="Uit het mandaatregister.",
    )
    form = serializers.ChoiceField(choices=DecisionForm.choices, required=False, allow_blank=True, default="")
    pgb_motivation = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")
    start_date = serializers.DateField(required=False, allow_null=True, default=None)
    end_date = serializers.DateField(allow_null=True, required=False, default=None)
    reason = serializers.CharField(max_length=5000, allow_blank=True)
    provider = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    contact_interval_months = serializers.IntegerField(required=False, allow_null=True, default=None)


class DecisionCreateSerializer(DecisionWriteSerializer):
    resident = serializers.UUIDField(source="resident_id")
    application = serializers.UUIDField(
        source="application_id", required=False, allow_null=True, default=None
    )


class DecisionUpdateSerializer(DecisionWriteSerializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)


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
    objection_until = serializers.DateField(allow_null=True)


class DecisionDueItemSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="aanvraag, contactmoment, einde, voortzetten, bezwaar of klacht")
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


class DecisionSendSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)
    sent_on = serializers.DateField(
        help_text="De dag dat de brief verstuurd is (bekendmaking); niet vóór het besluit."
    )


class ApplicationSuspendSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)
    days = serializers.IntegerField(help_text="Dagen dat de termijn stilstond (Awb 4:15), 1 tot en met 365.")
    reason = serializers.CharField(max_length=5000, allow_blank=True)


class ApplicationPostponeSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)
    until = serializers.DateField(help_text="De nieuwe uiterste datum (Awb 4:14 lid 3).")
    reason = serializers.CharField(max_length=5000, allow_blank=True)


class LegalRemedySerializer(serializers.ModelSerializer):
    decision = serializers.UUIDField(source="decision_id", read_only=True)

    class Meta:
        model = LegalRemedy
        fields = [
            "id",
            "decision",
            "kind",
            "received_on",
            "posted_on",
            "in_time",
            "excusable_reason",
            "advisory_committee",
            "postponed",
            "postpone_reason",
            "due_on",
            "summary",
            "status",
            "decided_on",
            "result",
            "version",
        ]
        read_only_fields = fields


class LegalRemedyCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RemedyKind.choices)
    received_on = serializers.DateField()
    posted_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Poststempel (Awb 6:9 lid 2)."
    )
    summary = serializers.CharField(max_length=5000, allow_blank=True)
    excusable_reason = serializers.CharField(
        max_length=5000,
        allow_blank=True,
        required=False,
        default="",
        help_text="Verplicht bij een bezwaar na de termijn.",
    )
    advisory_committee = serializers.BooleanField(required=False, default=False)


class LegalRemedyPostponeSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)
    reason = serializers.CharField(max_length=5000, allow_blank=True)


class LegalRemedyDecideSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="expected_version", min_value=1, help_text=VERSION_HELP)
    decided_on = serializers.DateField()
    result = serializers.CharField(max_length=5000, allow_blank=True)


class SignatorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Signatory
        fields = ["id", "name", "function", "basis", "mandate_reference", "valid_from", "valid_until"]
        read_only_fields = fields

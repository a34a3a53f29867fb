from rest_framework import serializers

from stevig.datasharing.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    Disclosure,
    LegalBasis,
    RecipientKind,
    RequestChannel,
    RequestStatus,
    RestrictionGround,
    SubjectRequest,
    SubjectRight,
)


class DisclosureSerializer(serializers.ModelSerializer):
    residents = serializers.SerializerMethodField()
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices)
    recipient_kind = serializers.ChoiceField(choices=RecipientKind.choices)
    categories = serializers.ListField(child=serializers.ChoiceField(choices=DataCategory.choices))
    consent = serializers.UUIDField(source="consent_id", allow_null=True)

    class Meta:
        model = Disclosure
        fields = [
            "id",
            "disclosed_on",
            "recipient_kind",
            "recipient",
            "residents",
            "purpose",
            "legal_basis",
            "consent",
            "categories",
            "source_type",
            "source_id",
        ]
        read_only_fields = fields

    def get_residents(self, obj: Disclosure) -> list[str]:
        return [str(r.id) for r in obj.residents.all()]


class ConsentSerializer(serializers.ModelSerializer):
    resident = serializers.UUIDField(source="resident_id")
    method = serializers.ChoiceField(choices=ConsentMethod.choices)
    categories = serializers.ListField(child=serializers.ChoiceField(choices=DataCategory.choices))

    class Meta:
        model = Consent
        fields = [
            "id",
            "resident",
            "given_on",
            "method",
            "purpose",
            "recipient",
            "categories",
            "health_explicit",
            "withdrawn_at",
        ]
        read_only_fields = fields


class RegisterSerializer(serializers.Serializer):
    household = serializers.UUIDField(source="household.id")
    disclosures = DisclosureSerializer(many=True)
    consents = ConsentSerializer(many=True)


class NewDisclosureSerializer(serializers.Serializer):
    recipient_kind = serializers.CharField(max_length=20, default=RecipientKind.OTHER)
    recipient = serializers.CharField(max_length=200, allow_blank=True)
    purpose = serializers.CharField(max_length=5000, allow_blank=True)
    legal_basis = serializers.CharField(max_length=20, allow_blank=True)
    consent = serializers.UUIDField(required=False, allow_null=True)
    residents = serializers.ListField(child=serializers.UUIDField(), required=False)
    categories = serializers.ListField(child=serializers.CharField(max_length=30), allow_empty=True)
    disclosed_on = serializers.DateField(required=False)


class NewConsentSerializer(serializers.Serializer):
    resident = serializers.UUIDField(source="resident_id")
    given_on = serializers.DateField()
    method = serializers.CharField(max_length=15)
    purpose = serializers.CharField(max_length=5000, allow_blank=True)
    recipient = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    categories = serializers.ListField(child=serializers.CharField(max_length=30), allow_empty=True)
    health_explicit = serializers.BooleanField(
        required=False,
        default=False,
        help_text="AVG art. 9: the resident was asked separately about health data and said yes explicitly. "
        "Required when categories contain 'gezondheid'.",
    )


class WithdrawSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")


class LegalBasisSerializer(serializers.Serializer):
    """One ground of the catalogue: which law and article, for which recipients, which data."""

    code = serializers.ChoiceField(choices=LegalBasis.choices)
    label = serializers.CharField()  # type: ignore[assignment]
    article = serializers.CharField()
    when = serializers.CharField()
    recipient_kinds = serializers.ListField(child=serializers.ChoiceField(choices=RecipientKind.choices))
    categories = serializers.ListField(child=serializers.ChoiceField(choices=DataCategory.choices))
    debt_help_only = serializers.BooleanField(
        help_text="Only for the department that gives debt help (schuldhulpverlening)."
    )


class SubjectRequestSerializer(serializers.ModelSerializer):
    """An AVG art. 16 (rectificatie) or art. 18 (beperking) request with its art. 12 lid 3 clock."""

    resident = serializers.UUIDField(source="resident_id")
    household = serializers.UUIDField(source="household_id")
    right = serializers.ChoiceField(choices=SubjectRight.choices)
    ground = serializers.ChoiceField(choices=[("", ""), *RestrictionGround.choices])
    channel = serializers.ChoiceField(choices=RequestChannel.choices)
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    due_on = serializers.DateField(
        help_text="AVG art. 12 lid 3: one month from receipt, three when extended."
    )
    first_due_on = serializers.DateField(
        help_text="The end of the first month: extending is only possible until then."
    )
    restricts = serializers.BooleanField(
        help_text="AVG art. 18: processing of this resident's data is restricted now."
    )

    class Meta:
        model = SubjectRequest
        fields = [
            "id",
            "version",
            "household",
            "resident",
            "right",
            "received_on",
            "channel",
            "what",
            "correction",
            "ground",
            "status",
            "due_on",
            "first_due_on",
            "extended_on",
            "extension_reason",
            "resident_informed_on",
            "decided_on",
            "decision_reason",
            "restricts",
            "lifted_on",
            "lift_reason",
        ]
        read_only_fields = fields


class RectificationSerializer(serializers.Serializer):
    field = serializers.CharField()
    field_label = serializers.CharField(source="label")
    before = serializers.CharField()
    after = serializers.CharField()
    applied_on = serializers.DateTimeField(source="created_at")


class SubjectRequestDetailSerializer(SubjectRequestSerializer):
    """One request with what a granted rectification changed (AVG art. 16, the history) and the version of
    the resident's data to send back with `corrections`."""

    resident_version = serializers.IntegerField(source="resident.version")
    rectifications = RectificationSerializer(many=True)

    class Meta(SubjectRequestSerializer.Meta):
        fields = [*SubjectRequestSerializer.Meta.fields, "resident_version", "rectifications"]
        read_only_fields = fields


class NewSubjectRequestSerializer(serializers.Serializer):
    resident = serializers.UUIDField(source="resident_id")
    right = serializers.CharField(
        max_length=15, help_text="rectificatie (AVG art. 16) or beperking (art. 18)."
    )
    what = serializers.CharField(max_length=5000, allow_blank=True)
    correction = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")
    ground = serializers.CharField(
        max_length=20,
        allow_blank=True,
        required=False,
        default="",
        help_text="AVG art. 18 lid 1; for beperking.",
    )
    received_on = serializers.DateField(required=False, help_text="Default: today (Europe/Amsterdam).")


class SubjectRequestExtendSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(max_length=5000, allow_blank=True)
    informed_on = serializers.DateField(allow_null=True)


class SubjectRequestDecideSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    outcome = serializers.CharField(max_length=20, help_text="toegewezen, deels_toegewezen or afgewezen.")
    reason = serializers.CharField(max_length=5000, allow_blank=True)
    corrections = serializers.DictField(
        child=serializers.CharField(max_length=150, allow_blank=True),
        required=False,
        default=dict,
        help_text=(
            "AVG art. 16: when a rectification is (partly) granted, what the resident's own data must become, "
            "per field: given_names, prefix, surname, date_of_birth (YYYY-MM-DD), phone, email, "
            "preferred_language. Applied in the same transaction; the old values are kept. A field error "
            "answers 400 under the field's name (e.g. errors.date_of_birth). Not for a refusal or a "
            "restriction."
        ),
    )
    resident_version = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        default=None,
        help_text="resident_version from GET of the request: the version of the resident's data you read; stale: 409.",
    )


class SubjectRequestLiftSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(max_length=5000, allow_blank=True)
    informed_on = serializers.DateField(allow_null=True)


class SubjectRequestListQuerySerializer(serializers.Serializer):
    """The filter of the privacy officer's worklist (core.api.query)."""

    all = serializers.ChoiceField(
        choices=[(0, "0"), (1, "1")],
        default=0,
        help_text="1: ook afgehandelde verzoeken; 0 (standaard): open.",
    )


class RegisterQuerySerializer(serializers.Serializer):
    """The filters of the municipality's register (core.api.query)."""

    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices, required=False)
    source_type = serializers.ChoiceField(
        choices=["mandaatverzoek", "beschikking", "verwijzing", "consultatie", "inzage", "handmatig"],
        required=False,
    )

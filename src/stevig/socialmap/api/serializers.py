from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stevig.analysis.models import Domain
from stevig.socialmap.models import Facility, FacilityKind, Referral, Sphere
from stevig.socialmap.models import Outcome as ReferralOutcome


class FacilitySerializer(serializers.ModelSerializer):
    domains = serializers.SerializerMethodField()
    neighbourhood = serializers.CharField(
        source="neighbourhood.name",
        default=None,
        allow_null=True,
        read_only=True,
        help_text="Leeg (null): voor de hele gemeente.",
    )

    class Meta:
        model = Facility
        fields = [
            "id",
            "name",
            "sphere",
            "kind",
            "domains",
            "neighbourhood",
            "purpose",
            "contact",
            "address",
            "active",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Domain.choices)))
    def get_domains(self, obj: Facility) -> list[str]:
        return obj.domain_codes


class FacilitySearchSerializer(serializers.Serializer):
    domain = serializers.ChoiceField(choices=Domain.choices, required=False)
    neighbourhood = serializers.UUIDField(
        required=False, help_text="Ook voorzieningen voor de hele gemeente."
    )
    sphere = serializers.ChoiceField(choices=Sphere.choices, required=False)
    kind = serializers.ChoiceField(choices=FacilityKind.choices, required=False)
    q = serializers.CharField(required=False, max_length=100, allow_blank=True)


class ReferralSerializer(serializers.ModelSerializer):
    trajectory = serializers.UUIDField(source="trajectory_id", read_only=True)
    facility = FacilitySerializer(read_only=True)
    residents = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "trajectory",
            "facility",
            "residents",
            "referred_on",
            "follow_up_on",
            "note",
            "outcome",
            "outcome_reason",
            "outcome_on",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_residents(self, obj: Referral) -> list[str]:
        return [str(r.id) for r in obj.residents.all()]


class ReferralCreateSerializer(serializers.Serializer):
    facility = serializers.UUIDField(source="facility_id")
    residents = serializers.ListField(
        source="resident_ids",
        child=serializers.UUIDField(),
        allow_empty=True,
        help_text="De leden van het huishouden voor wie de verwijzing is.",
    )
    referred_on = serializers.DateField()
    follow_up_on = serializers.DateField(help_text="Op of na referred_on.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    legal_basis = serializers.CharField(
        max_length=20,
        required=False,
        default="publieke_taak",
        help_text="Grondslag uit de catalogus (GET /api/v1/data-sharing/legal-bases/) voor deze ontvanger; "
        "zonder: publieke_taak (AVG art. 6 lid 1 onder e).",
    )
    consent = serializers.UUIDField(
        source="consent_id",
        required=False,
        allow_null=True,
        help_text="Alleen bij legal_basis 'toestemming'.",
    )
    categories = serializers.ListField(
        child=serializers.CharField(max_length=30),
        required=False,
        help_text="Welke gegevens de ontvanger krijgt (DataCategory); zonder: persoonsgegevens, contactgegevens.",
    )


class OutcomeSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        source="expected_version",
        min_value=1,
        help_text="De versie die u las; nieuwer op de server geeft 409.",
    )
    outcome = serializers.ChoiceField(choices=ReferralOutcome.choices)
    outcome_reason = serializers.CharField(
        source="reason",
        required=False,
        allow_blank=True,
        max_length=5000,
        default="",
        help_text="Verplicht bij niet_gestart.",
    )
    outcome_on = serializers.DateField(required=False, allow_null=True, default=None)


class FollowUpQuerySerializer(serializers.Serializer):
    until = serializers.DateField(required=False, help_text="Standaard vandaag.")

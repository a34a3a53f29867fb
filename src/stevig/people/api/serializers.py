from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stevig.core.api import CachedModelSerializer
from stevig.core.fields import StrictCharField
from stevig.people.models import CommunicationNeed, Household, HouseholdMembership, Relation, Resident
from stevig.people.validators import validate_bsn, validate_not_in_future, validate_postcode


class ResidentSerializer(CachedModelSerializer):
    communication_needs = serializers.ListField(
        child=serializers.ChoiceField(choices=CommunicationNeed.choices), required=False
    )
    household_id = serializers.SerializerMethodField()

    class Meta:
        model = Resident
        fields = [
            "id",
            "given_names",
            "prefix",
            "surname",
            "date_of_birth",
            "bsn",
            "phone",
            "email",
            "preferred_language",
            "communication_needs",
            "household_id",
            "version",
        ]
        read_only_fields = ["id", "household_id", "version"]

    def get_household_id(self, obj: Resident) -> str | None:
        current = getattr(obj, "current_memberships", None)
        if current is None:
            current = [m for m in obj.memberships.all() if m.end_date is None]
        return str(current[0].household_id) if current else None


class ResidentWriteSerializer(serializers.Serializer):
    given_names = serializers.CharField(max_length=150)
    prefix = serializers.CharField(max_length=20, required=False, allow_blank=True)
    surname = serializers.CharField(max_length=150)
    date_of_birth = serializers.DateField(validators=[validate_not_in_future])
    bsn = serializers.CharField(max_length=11, required=False, allow_blank=True, validators=[validate_bsn])
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    preferred_language = serializers.CharField(max_length=40, required=False, allow_blank=True)
    communication_needs = serializers.ListField(
        child=serializers.ChoiceField(choices=CommunicationNeed.choices), required=False
    )


# A body for a service that takes `expected_version` and the changed fields as `data` (`update_resident`,
# `update_household`): validated, it carries exactly those argument names, so the view hands it to
# `core.api.write` as is. (A comment, not a docstring: a docstring would become the schema's description.)
class VersionedDataBody:
    def validate(self, attrs: dict) -> dict:  # type: ignore[type-arg]
        attrs = dict(super().validate(attrs))  # type: ignore[misc]
        return {"expected_version": attrs.pop("version"), "data": attrs}


class ResidentUpdateSerializer(VersionedDataBody, ResidentWriteSerializer):
    version = serializers.IntegerField(help_text="The version you read; a newer one on the server gives 409.")

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "version":
                field.required = False


class MembershipSerializer(CachedModelSerializer):
    resident = ResidentSerializer(read_only=True)

    class Meta:
        model = HouseholdMembership
        fields = ["id", "resident", "relation", "start_date", "end_date"]


class FormerMemberSerializer(CachedModelSerializer):
    """A former member as the old household's file shows them: name and date of birth, and the household
    they live in now only when the reader may open that household (`household_id`, else null). No BSN,
    no contact details: those belong to the new household's file."""

    household_id = serializers.SerializerMethodField()

    class Meta:
        model = Resident
        fields = ["id", "given_names", "prefix", "surname", "date_of_birth", "household_id"]
        read_only_fields = fields

    def get_household_id(self, obj: Resident) -> str | None:
        others = self.context["file"].other_addresses.get(obj.id, [])
        now = [m.household_id for m in others if m.end_date is None]
        return str(now[0]) if now else None


class PastMembershipSerializer(CachedModelSerializer):
    resident = FormerMemberSerializer(read_only=True)

    class Meta:
        model = HouseholdMembership
        fields = ["id", "resident", "relation", "start_date", "end_date"]


class HouseholdSerializer(CachedModelSerializer):
    neighbourhood = serializers.CharField(
        source="neighbourhood.name", default=None, allow_null=True, read_only=True
    )
    team = serializers.CharField(source="team.name", default=None, read_only=True)

    class Meta:
        model = Household
        fields = [
            "id",
            "street",
            "house_number",
            "house_number_addition",
            "postcode",
            "city",
            "neighbourhood",
            "team",
            "version",
        ]
        read_only_fields = fields


class HouseholdFileSerializer(HouseholdSerializer):
    members = serializers.SerializerMethodField()
    past_members = serializers.SerializerMethodField()
    emergency_access = serializers.BooleanField(read_only=True)

    class Meta(HouseholdSerializer.Meta):
        fields = [*HouseholdSerializer.Meta.fields, "members", "past_members", "emergency_access"]
        read_only_fields = fields

    def get_members(self, obj: Household) -> list[dict]:  # type: ignore[type-arg]
        return MembershipSerializer(self.context["file"].current_members, many=True).data  # type: ignore[return-value]

    @extend_schema_field(PastMembershipSerializer(many=True))
    def get_past_members(self, obj: Household) -> list[dict]:  # type: ignore[type-arg]
        file = self.context["file"]
        return PastMembershipSerializer(file.past_members, many=True, context={"file": file}).data  # type: ignore[return-value]


class HouseholdCreateSerializer(serializers.Serializer):
    street = serializers.CharField(max_length=150)
    house_number = serializers.IntegerField(min_value=1)
    house_number_addition = serializers.CharField(max_length=10, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=7, validators=[validate_postcode])
    city = serializers.CharField(max_length=100)
    relation = serializers.ChoiceField(choices=Relation.choices, default=Relation.OTHER)
    first_member = ResidentWriteSerializer()


class HouseholdUpdateSerializer(VersionedDataBody, serializers.Serializer):
    street = serializers.CharField(max_length=150, required=False)
    house_number = serializers.IntegerField(min_value=1, required=False)
    house_number_addition = serializers.CharField(max_length=10, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=7, validators=[validate_postcode], required=False)
    city = serializers.CharField(max_length=100, required=False)
    version = serializers.IntegerField()


class AddMemberSerializer(serializers.Serializer):
    relation = serializers.ChoiceField(choices=Relation.choices)
    start_date = serializers.DateField(required=False, validators=[validate_not_in_future])
    resident = ResidentWriteSerializer(source="data")


class MoveSerializer(serializers.Serializer):
    to_household = serializers.UUIDField(source="to_household_id")
    relation = serializers.ChoiceField(choices=Relation.choices)
    move_date = serializers.DateField()


class ResidentSearchSerializer(serializers.Serializer):
    """Search criteria. Sent in a POST body so a BSN never ends up in a URL or a server log."""

    name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    bsn = StrictCharField(required=False, allow_blank=True, max_length=11)
    postcode = StrictCharField(required=False, allow_blank=True, max_length=7)
    house_number = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    cursor = StrictCharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=500,
        help_text="`next_cursor` van de vorige pagina.",
    )
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100, default=25)

    def validate(self, attrs: dict) -> dict:  # type: ignore[type-arg]
        if bool(attrs.get("postcode")) != bool(attrs.get("house_number")):
            raise serializers.ValidationError({"house_number": "Zoek met postcode én huisnummer samen."})
        if not any(attrs.get(k) for k in ("name", "date_of_birth", "bsn", "postcode")):
            raise serializers.ValidationError({"non_field_errors": ["Vul minstens één zoekveld in."]})
        return attrs


class ResidentSearchResultSerializer(serializers.Serializer):
    next_cursor = serializers.CharField(
        allow_null=True, help_text="Stuur mee als `cursor` voor de volgende pagina."
    )
    results = ResidentSerializer(many=True)


class EmergencyAccessSerializer(serializers.Serializer):
    reason = serializers.CharField(min_length=10, max_length=2000)
    expires_at = serializers.DateTimeField(read_only=True)

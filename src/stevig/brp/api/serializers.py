from rest_framework import serializers

from stevig.core.fields import StrictCharField
from stevig.people.validators import validate_bsn

DIFFERENCE_KINDS = [("verhuisd", "verhuisd"), ("overleden", "overleden"), ("nieuw-kind", "nieuw kind")]


class SearchSerializer(serializers.Serializer):
    bsn = StrictCharField(required=False, allow_blank=True, max_length=11, validators=[validate_bsn])
    surname = StrictCharField(required=False, allow_blank=True, max_length=200)
    birth_date = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):  # type: ignore[no-untyped-def]
        if not attrs.get("bsn") and not (attrs.get("surname") and attrs.get("birth_date")):
            raise serializers.ValidationError(
                {"bsn": ["Vul een BSN in, of een achternaam met een geboortedatum."]}
            )
        return attrs


class AddressSerializer(serializers.Serializer):
    street = serializers.CharField()
    house_number = serializers.IntegerField()
    house_letter = serializers.CharField()
    addition = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    bsn = serializers.CharField(source="person.bsn")
    given_names = serializers.CharField(source="person.given_names")
    prefix = serializers.CharField(source="person.prefix")
    surname = serializers.CharField(source="person.surname")
    birth_date = serializers.DateField(source="person.birth_date", allow_null=True)
    died_on = serializers.DateField(source="person.died_on", allow_null=True)
    address = AddressSerializer(source="person.address", allow_null=True)
    resident_id = serializers.UUIDField(
        allow_null=True, help_text="De inwoner in Stevig met dit BSN, als die er is."
    )


class SearchResultSerializer(serializers.Serializer):
    results = PersonSerializer(many=True)


class BsnSerializer(serializers.Serializer):
    bsn = serializers.CharField(max_length=11, validators=[validate_bsn])


class HouseholdCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    address = serializers.CharField(source="address_line")


class DifferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DIFFERENCE_KINDS)
    label = serializers.CharField()  # type: ignore[assignment]
    bsn = serializers.CharField()
    name = serializers.CharField()
    text = serializers.CharField()
    resident_id = serializers.UUIDField(allow_null=True)


class DifferencesSerializer(serializers.Serializer):
    household = serializers.UUIDField(source="household.id")
    differences = DifferenceSerializer(many=True)


class TakeOverSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DIFFERENCE_KINDS)
    bsn = serializers.CharField(max_length=11, validators=[validate_bsn])


class BrpFailureSerializer(serializers.Serializer):
    """RFC 9457 problem document (code "brp")."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = serializers.CharField()

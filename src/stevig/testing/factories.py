"""Factories for tests. Resident data is always created inside one municipality."""

import datetime as dt

import factory
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from stevig.accounts.models import Role, User
from stevig.people.models import Household, HouseholdMembership, Involvement, Relation, Resident
from stevig.people.validators import search_key
from stevig.tenancy.models import Department, Municipality, Neighbourhood, PostcodeArea, Team

PASSWORD = "Correct-paard-batterij-12"
# One hash for every test user: hashing per user would make the suite slow.
_PASSWORD_HASH = make_password(PASSWORD)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    # GM1000 to GM8999, wrapping: the column holds six characters, and 9xxx is kept for fixed test/demo codes.
    code = factory.Sequence(lambda n: f"GM{1000 + n % 8000:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.Sequence(lambda n: f"WK{900000 + n:06d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")


class PostcodeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostcodeArea

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    municipality = factory.SelfAttribute("neighbourhood.municipality")
    postcode_digits = factory.Sequence(lambda n: f"{1000 + n % 9000:04d}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Vakafdeling {n}")
    response_term_working_days = 10


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = _PASSWORD_HASH
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.WORKER
    team = None

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            TOTPDevice.objects.create(user=obj, name="default", confirmed=True)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    municipality = factory.SubFactory(MunicipalityFactory)
    street = "Dorpsstraat"
    house_number = factory.Sequence(lambda n: n + 1)
    postcode = "1234 AB"
    city = "Teststad"
    team = None


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    given_names = factory.Sequence(lambda n: f"Voornaam{n}")
    surname = factory.Sequence(lambda n: f"Achternaam{n}")
    date_of_birth = dt.date(1980, 5, 17)
    surname_key = factory.LazyAttribute(lambda o: search_key(o.surname))
    given_key = factory.LazyAttribute(lambda o: search_key(o.given_names))

    @factory.post_generation
    def tokens(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            from stevig.people.services import sync_name_tokens

            sync_name_tokens(obj)


def add_member(
    household: Household,
    resident: Resident | None = None,
    relation: str = Relation.PARENT,
    start: dt.date = dt.date(2020, 1, 1),
    **resident_fields,
) -> Resident:  # type: ignore[no-untyped-def]
    resident = resident or ResidentFactory(municipality=household.municipality, **resident_fields)
    HouseholdMembership.objects.create(
        municipality=household.municipality,
        household=household,
        resident=resident,
        relation=relation,
        start_date=start,
    )
    return resident


def involve(household: Household, user: User, kind: str = Involvement.Kind.CONTACT_PERSON) -> Involvement:
    return Involvement.objects.create(
        municipality=household.municipality, household=household, user=user, kind=kind
    )

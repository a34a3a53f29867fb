"""The tenant and its set-up: CBS codes are checked, codes are unique within one municipality (not across
municipalities), opening hours run forwards, and the set-up admin keeps each beheerder in their own
municipality."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stevig.tenancy.models import Location, Municipality, Neighbourhood, OpeningHours, PostcodeArea
from stevig.testing import factories as f
from stevig.testing.personas import web_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "valid"), [("GM0363", True), ("GM363", False), ("gm0363", False), ("0363", False)]
)
def test_municipality_code_is_a_cbs_code(code, valid):
    municipality = Municipality(code=code, name="Amsterdam")
    if valid:
        municipality.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            municipality.full_clean()
        assert error.value.message_dict["code"] == ["Een gemeentecode is GM met vier cijfers, zoals GM0363."]


def test_neighbourhood_code_is_a_cbs_code(world):
    hood = Neighbourhood(municipality=world.municipality, code="WK12", name="Oost")
    with pytest.raises(ValidationError) as error:
        hood.full_clean()
    assert "code" in error.value.message_dict


def test_codes_are_unique_within_a_municipality_only(world):
    # The same CBS neighbourhood code and postcode digits may exist in another municipality's set-up.
    f.NeighbourhoodFactory(municipality=world.other_municipality, code="WK900101", name="Noord elders")
    hood = Neighbourhood.objects.get(municipality=world.municipality, code="WK900101")
    f.PostcodeAreaFactory(municipality=world.other_municipality, neighbourhood=hood, postcode_digits="1234")
    with pytest.raises(IntegrityError), transaction.atomic():
        Neighbourhood.objects.create(municipality=world.municipality, code="WK900101", name="Dubbel")
    with pytest.raises(IntegrityError), transaction.atomic():
        PostcodeArea.objects.create(
            municipality=world.municipality, neighbourhood=hood, postcode_digits="1234"
        )


def test_opening_hours_must_close_after_opening(world):
    location = Location.objects.create(municipality=world.municipality, name="Buurthuis", kind="buurthuis")
    OpeningHours.objects.create(
        municipality=world.municipality, location=location, weekday=0, opens=dt.time(9), closes=dt.time(12)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHours.objects.create(
            municipality=world.municipality,
            location=location,
            weekday=1,
            opens=dt.time(12),
            closes=dt.time(9),
        )


def test_rows_of_a_tenant_get_a_uuid_and_timestamps(world):
    hood = Neighbourhood.objects.create(municipality=world.municipality, code="WK900109", name="Centrum")
    assert len(str(hood.id)) == 36 and hood.created_at is not None and hood.updated_at is not None


def test_beheer_sees_and_changes_only_its_own_municipality(world):
    client = web_client(world.admin)
    listing = client.get("/beheer/tenancy/municipality/").content.decode()
    assert "Stevigdam" in listing and "Anderdorp" not in listing
    assert client.get("/beheer/tenancy/municipality/add/").status_code == 403
    own = client.get(f"/beheer/tenancy/municipality/{world.municipality.id}/change/")
    assert own.status_code == 200
    assert 'name="code"' not in own.content.decode()  # the CBS code is read-only for a beheerder
    other = client.get(f"/beheer/tenancy/municipality/{world.other_municipality.id}/change/")
    assert other.status_code == 302  # Django admin: "does not exist", back to the list

"""BRP pages and endpoints: personas, the access log, bad input, a BRP that answers wrongly."""

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

from stevig.audit.models import AccessLogEntry
from stevig.brp import client, services
from stevig.people.models import Household, HouseholdMembership
from stevig.testing.personas import PERSONAS, api_client, web_client

pytestmark = pytest.mark.django_db

NANDINI, DEEPAK = "999970884", "999970872"
FILE = {
    "own_worker",
    "colleague",
    "team_lead",
    "coordinator",
    "other_team_worker",
    "other_municipality_worker",
}
SEES_WORLD_HOUSEHOLD = {"own_worker", "colleague", "team_lead"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_search_page_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).post("/brp/", {"bsn": NANDINI})
    if persona in FILE:
        assert response.status_code == 200
        assert "Adiga" in response.content.decode()
        row = AccessLogEntry.objects.filter(user_id=user.id, part="brp").latest("id")
        assert (row.outcome, row.detail["doel"]) == ("allowed", services.PURPOSE_SEARCH)
    else:
        assert response.status_code == 403
        assert "Adiga" not in response.content.decode()
        assert AccessLogEntry.objects.filter(user_id=user.id, outcome="denied").exists()


def test_search_page_bad_input_and_unknown_bsn(world):
    browser = web_client(world.own_worker)
    assert browser.get("/brp/").status_code == 200
    empty = browser.post("/brp/", {})
    assert empty.status_code == 400 and "Vul een BSN in" in empty.content.decode()
    wrong = browser.post("/brp/", {"bsn": "123456789"})
    assert wrong.status_code == 400
    unknown = browser.post("/brp/", {"bsn": "111222011"})
    assert unknown.status_code == 200 and 'id="niets"' in unknown.content.decode()


def test_search_page_when_the_brp_answers_outside_the_specification(world):
    client.set_transport(
        lambda body: (
            200,
            {"type": "RaadpleegMetBurgerservicenummer", "personen": [{"burgerservicenummer": "1"}]},
        )
    )
    response = web_client(world.own_worker).post("/brp/", {"bsn": NANDINI})
    assert response.status_code == 502
    assert "klopt niet met de afspraken" in response.content.decode()


def test_anonymous_is_sent_to_login():
    assert Client().get("/brp/").status_code == 302
    assert Client().post("/brp/huishouden/", {"bsn": NANDINI}).status_code == 302
    assert APIClient().post("/api/v1/brp/search", {"bsn": NANDINI}, format="json").status_code == 401


@time_machine.travel("2026-11-29 10:00 +01:00", tick=False)
def test_household_from_the_brp_page_then_differences_page(world):
    browser = web_client(world.own_worker)
    response = browser.post("/brp/huishouden/", {"bsn": NANDINI})
    assert response.status_code == 302
    household = Household.objects.get(postcode="2521 DA")
    assert response["Location"] == f"/inwoners/huishouden/{household.id}/"
    assert HouseholdMembership.objects.filter(household=household).count() == 3
    again = browser.post("/brp/huishouden/", {"bsn": NANDINI})
    assert again.status_code == 400 and "staat al in Stevig" in again.content.decode()
    page = browser.get(f"/brp/huishouden/{household.id}/")
    assert page.status_code == 200 and 'id="geen-verschillen"' in page.content.decode()
    stale = browser.post(f"/brp/huishouden/{household.id}/", {"kind": "overleden", "bsn": DEEPAK})
    assert stale.status_code == 400


@pytest.mark.parametrize("persona", PERSONAS)
def test_differences_page_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get(f"/brp/huishouden/{world.household.id}/")
    if persona in SEES_WORLD_HOUSEHOLD:
        assert response.status_code == 200
    elif persona == "other_municipality_worker":
        assert response.status_code == 404
    else:
        assert response.status_code == 403
    if persona not in SEES_WORLD_HOUSEHOLD:
        assert AccessLogEntry.objects.filter(user_id=user.id, outcome="denied").exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_per_persona(world, persona):
    user = getattr(world, persona)
    api = api_client(user)
    search = api.post("/api/v1/brp/search", {"bsn": NANDINI}, format="json")
    differences = api.get(f"/api/v1/brp/households/{world.household.id}/differences")
    take = api.post(
        f"/api/v1/brp/households/{world.household.id}/differences/take-over",
        {"kind": "overleden", "bsn": DEEPAK},
        format="json",
    )
    if persona in FILE:
        assert search.status_code == 200
        assert search.json()["results"][0]["surname"] == "Adiga"
    else:
        assert search.status_code == 403
    if persona in SEES_WORLD_HOUSEHOLD:
        # The world's parent lives elsewhere according to the BRP: one difference, no death.
        assert differences.status_code == 200
        assert [d["kind"] for d in differences.json()["differences"]] == ["verhuisd"]
        assert take.status_code == 400
    elif persona in FILE:
        assert (differences.status_code, take.status_code) == (404, 404)
    else:
        assert (differences.status_code, take.status_code) == (403, 403)


@time_machine.travel("2026-11-29 10:00 +01:00", tick=False)
def test_api_household_from_the_brp_and_errors(world):
    api = api_client(world.own_worker)
    created = api.post("/api/v1/brp/households", {"bsn": NANDINI}, format="json")
    assert created.status_code == 201
    assert HouseholdMembership.objects.filter(household_id=created.json()["id"]).count() == 3
    assert api.post("/api/v1/brp/households", {"bsn": "111222011"}, format="json").json()["errors"] == {
        "bsn": ["De BRP kent dit BSN niet. Kijk of u het goed heeft overgenomen."]
    }
    assert api.post("/api/v1/brp/households", {"bsn": "12"}, format="json").status_code == 400
    assert (
        api_client(world.policy).post("/api/v1/brp/households", {"bsn": NANDINI}, format="json").status_code
        == 403
    )
    client.set_transport(lambda body: (503, None))
    failed = api.post("/api/v1/brp/search", {"bsn": NANDINI}, format="json")
    assert failed.status_code == 502 and "fout" in failed.json()["detail"]
    # Taking over through the API when there is a difference.


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - FILE))
def test_household_from_the_brp_is_refused_to_roles_without_files(world, persona):
    """Making a household from the BRP is file work: a role without files is refused, logged, nothing made."""
    user = getattr(world, persona)
    households = Household.objects.count()
    response = web_client(user).post("/brp/huishouden/", {"bsn": NANDINI})
    assert response.status_code == 403
    assert Household.objects.count() == households
    assert AccessLogEntry.objects.filter(user_id=user.id, outcome="denied").exists()

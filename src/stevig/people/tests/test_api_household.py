"""Household endpoints: every persona, the access log, bad input, concurrency, query counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.audit.models import AccessLogEntry
from stevig.people.models import Household, HouseholdMembership, Resident
from stevig.testing import factories as f
from stevig.testing.personas import NON_FILE_PERSONAS, PERSONAS, api_client, api_denied_status

pytestmark = pytest.mark.django_db

ALLOWED = {"own_worker", "colleague", "team_lead"}


def last_entry(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


@pytest.mark.parametrize("persona", PERSONAS)
def test_household_file_visibility_per_persona(world, persona):
    user = getattr(world, persona)
    response = api_client(user).get(f"/api/v1/households/{world.household.id}")
    entry = last_entry(user)
    if persona in ALLOWED:
        assert response.status_code == 200
        members = {m["resident"]["id"] for m in response.json()["members"]}
        assert members == {str(world.parent.id), str(world.child.id)}
        assert (entry.action, entry.outcome, entry.part) == ("read", "allowed", "huishouden")
        assert set(entry.resident_ids) == members
        assert entry.access_point.startswith("api ")
    else:
        assert response.status_code == api_denied_status(persona)
        assert "El Amrani" not in response.content.decode()
        assert (entry.action, entry.outcome) == ("read", "denied")
        assert entry.object_id == str(world.household.id)
        if persona == "other_municipality_worker":
            # Nothing about the other municipality's residents lands in this municipality's chain.
            assert entry.resident_ids == []
            assert entry.municipality_code == "GM9002"
        else:
            assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}


def test_anonymous_gets_401_and_nothing(world):
    from rest_framework.test import APIClient

    response = APIClient().get(f"/api/v1/households/{world.household.id}")
    assert response.status_code == 401


def test_coordinator_sees_escalated_household(world):
    from django.utils import timezone

    Household.objects.filter(id=world.household.id).update(escalated_at=timezone.now())
    assert api_client(world.coordinator).get(f"/api/v1/households/{world.household.id}").status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_household_list_is_scoped(world, persona):
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/households")
    entry = last_entry(user)
    if persona in NON_FILE_PERSONAS:  # as the page: 403 (logged), not an empty list
        assert response.status_code == 403
        assert (entry.action, entry.outcome, entry.part) == ("search", "denied", "huishouden")
        return
    assert response.status_code == 200
    ids = {h["id"] for h in response.json()["results"]}
    if persona in ALLOWED:
        assert ids == {str(world.household.id)}
    elif persona == "other_municipality_worker":
        assert ids == {str(world.other_household.id)}
    else:
        assert ids == set()
    entry = last_entry(user)
    assert (entry.action, entry.outcome) == ("search", "allowed")


def test_household_file_query_count_does_not_grow_with_members(world):
    """The API's household file reads the same number of queries for 2 members as for 20 (each member's
    `household_id` used to cost a query of its own)."""
    client = api_client(world.own_worker)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/api/v1/households/{world.household.id}")
        assert response.status_code == 200
        assert {m["resident"]["household_id"] for m in response.json()["members"]} == {
            str(world.household.id)
        }
        return len(ctx.captured_queries)

    count()  # the first request creates the access-log chain head
    two = count()
    for _ in range(18):
        f.add_member(world.household, relation="kind")
    assert count() == two


def test_household_list_query_count_is_constant(world, django_assert_max_num_queries):
    client = api_client(world.own_worker)

    client.get("/api/v1/households")  # warm-up: the first log row creates the chain head

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/households?page_size=50").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(30):
        household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
        f.add_member(household)
        f.add_member(household, relation="kind")
    assert count() == few


def test_household_list_paginates_without_count(world):
    for _ in range(30):
        f.HouseholdFactory(municipality=world.municipality, team=world.team)
    client = api_client(world.own_worker)
    first = client.get("/api/v1/households").json()
    assert len(first["results"]) == 25 and first["next"] and first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 6 and second["next"] is None
    assert not {h["id"] for h in first["results"]} & {h["id"] for h in second["results"]}


NEW_HOUSEHOLD = {
    "street": "Lindelaan",
    "house_number": 12,
    "postcode": "1235ab",
    "city": "Stevigdam",
    "relation": "ouder",
    "first_member": {
        "given_names": "Sanne",
        "surname": "Bakker",
        "date_of_birth": "1990-02-03",
        "bsn": "999990032",
    },
}


def test_create_household_assigns_neighbourhood_team_and_logs(world):
    response = api_client(world.own_worker).post("/api/v1/households", NEW_HOUSEHOLD, format="json")
    assert response.status_code == 201, response.json()
    household = Household.objects.get(id=response.json()["id"])
    assert household.postcode == "1235 AB"
    assert household.neighbourhood.name == "Zuid"
    assert household.team == world.team  # the worker's own team holds what they open
    entry = last_entry(world.own_worker)
    assert (entry.action, entry.outcome) == ("create", "allowed")
    resident = Resident.objects.get(bsn="999990032")
    assert entry.resident_ids == [str(resident.id)]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"first_member": {**NEW_HOUSEHOLD["first_member"], "bsn": "123456789"}},
            "bsn",
            "Dit BSN klopt niet.",
        ),
        ({"postcode": "0123 AB"}, "postcode", "Vul een postcode in zoals 1234 AB."),
        (
            {"first_member": {**NEW_HOUSEHOLD["first_member"], "date_of_birth": "2999-01-01"}},
            "date_of_birth",
            "Deze datum ligt in de toekomst.",
        ),
    ],
)
def test_create_household_bad_input_is_field_level_and_saves_nothing(world, change, field, message):
    before = (Household.objects.count(), Resident.objects.count())
    response = api_client(world.own_worker).post(
        "/api/v1/households", {**NEW_HOUSEHOLD, **change}, format="json"
    )
    assert response.status_code == 400
    body = response.json()["errors"]
    errors = body["first_member"][field] if field in ("bsn", "date_of_birth") else body[field]
    assert message in errors
    assert (Household.objects.count(), Resident.objects.count()) == before


def test_duplicate_bsn_names_the_problem_not_the_person(world):
    payload = {**NEW_HOUSEHOLD, "first_member": {**NEW_HOUSEHOLD["first_member"], "bsn": world.parent.bsn}}
    before = Household.objects.count()
    response = api_client(world.other_team_worker).post("/api/v1/households", payload, format="json")
    assert response.status_code == 400
    text = response.content.decode()
    assert "al bij een andere inwoner" in text
    assert "Fatima" not in text and "El Amrani" not in text
    assert Household.objects.count() == before  # the household is not half-saved


def test_same_bsn_is_allowed_in_another_municipality(world):
    payload = {
        **NEW_HOUSEHOLD,
        "postcode": "9999 ZZ",
        "first_member": {**NEW_HOUSEHOLD["first_member"], "bsn": world.parent.bsn},
    }
    assert (
        api_client(world.other_municipality_worker)
        .post("/api/v1/households", payload, format="json")
        .status_code
        == 201
    )


def test_html_in_text_is_stored_verbatim_and_returned_as_data(world):
    payload = {**NEW_HOUSEHOLD, "street": "<script>alert(1)</script>"}
    response = api_client(world.own_worker).post("/api/v1/households", payload, format="json")
    assert response.status_code == 201
    assert response["Content-Type"].startswith("application/json")


def test_update_household_version_conflict_gives_409(world):
    client = api_client(world.own_worker)
    url = f"/api/v1/households/{world.household.id}"
    version = client.get(url).json()["version"]
    assert client.patch(url, {"street": "Eerste", "version": version}, format="json").status_code == 200
    stale = client.patch(url, {"street": "Tweede", "version": version}, format="json")
    assert stale.status_code == 409
    assert stale.json()["code"] == "version_conflict"
    world.household.refresh_from_db()
    assert world.household.street == "Eerste"


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - ALLOWED))
def test_update_household_denied_for_others(world, persona):
    user = getattr(world, persona)
    response = api_client(user).patch(
        f"/api/v1/households/{world.household.id}", {"street": "X", "version": 1}, format="json"
    )
    assert response.status_code == api_denied_status(persona)
    world.household.refresh_from_db()
    assert world.household.street != "X"
    entry = last_entry(user)
    assert (entry.action, entry.outcome, entry.object_id) == ("update", "denied", str(world.household.id))


@pytest.mark.parametrize("persona", ["policy", "department_worker", "admin", "privacy"])
def test_roles_without_files_cannot_create_households(world, persona):
    user = getattr(world, persona)
    before = Household.objects.count()
    response = api_client(user).post("/api/v1/households", NEW_HOUSEHOLD, format="json")
    assert response.status_code == 403
    assert Household.objects.count() == before
    entry = last_entry(user)
    assert (entry.action, entry.outcome) == ("create", "denied")


def test_add_member_and_move_resident_keeps_history(world):
    client = api_client(world.own_worker)
    response = client.post(
        f"/api/v1/households/{world.household.id}/members",
        {
            "relation": "partner",
            "resident": {"given_names": "Karim", "surname": "El Amrani", "date_of_birth": "1985-07-07"},
        },
        format="json",
    )
    assert response.status_code == 201
    new_home = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    karim = response.json()["id"]
    moved = client.post(
        f"/api/v1/residents/{karim}/move",
        {"to_household": str(new_home.id), "relation": "ouder", "move_date": date.today().isoformat()},
        format="json",
    )
    assert moved.status_code == 201, moved.json()
    history = list(HouseholdMembership.objects.filter(resident_id=karim).order_by("start_date"))
    assert [m.household_id for m in history] == [world.household.id, new_home.id]
    assert history[0].end_date is not None and history[1].end_date is None
    past = client.get(f"/api/v1/households/{world.household.id}").json()["past_members"]
    assert [m["resident"]["id"] for m in past] == [karim]


def test_move_to_a_household_out_of_scope_is_denied(world):
    elsewhere = f.HouseholdFactory(municipality=world.municipality, team=world.other_team)
    response = api_client(world.own_worker).post(
        f"/api/v1/residents/{world.child.id}/move",
        {"to_household": str(elsewhere.id), "relation": "kind", "move_date": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 404
    assert (
        HouseholdMembership.objects.get(resident=world.child, end_date__isnull=True).household
        == world.household
    )


def test_oversized_request_is_refused_with_413(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    payload = {**NEW_HOUSEHOLD, "city": "x" * 20_000}
    response = api_client(world.own_worker).post("/api/v1/households", payload, format="json")
    assert response.status_code == 413


def test_oversized_form_post_gets_the_dutch_413_page(world, settings):
    from stevig.testing.personas import web_client

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = web_client(world.own_worker).post("/inwoners/huishouden/nieuw/", {"city": "x" * 20_000})
    assert response.status_code == 413
    assert "Wat u stuurde is te groot" in response.content.decode()

"""Pages of AVG art. 16/18 requests: the worker files one from the register page, the privacy officer's
worklist and detail (extend, decide, lift), the mark on the household file; personas and access log."""

import datetime as dt

import pytest
import time_machine

from stevig.audit.models import AccessLogEntry
from stevig.datasharing import services
from stevig.datasharing.models import SubjectRequest
from stevig.datasharing.tests.conftest import actor_for
from stevig.testing.personas import PERSONAS, api_client, web_client

pytestmark = pytest.mark.django_db

FILE_ALLOWED = {"own_worker", "colleague", "team_lead"}


def last(user):  # type: ignore[no-untyped-def]
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


@pytest.fixture
def request_(world):  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 1, 30, 9, 0, tzinfo=dt.UTC), tick=False):
        return services.file_subject_request(
            actor=actor_for(world.own_worker),
            household_id=world.household.id,
            resident_id=world.parent.id,
            right="beperking",
            what="De score gezondheid",
            ground="juistheid",
        )


@pytest.mark.parametrize("persona", PERSONAS)
def test_file_a_request_on_the_register_page_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).post(
        f"/gegevensdeling/huishouden/{world.household.id}/verzoek/",
        {
            "resident": str(world.parent.id),
            "right": "rectificatie",
            "what": "Mijn telefoonnummer",
            "correction": "06-12345678",
            "received_on": "2026-03-02",
        },
    )
    if persona in FILE_ALLOWED:
        assert response.status_code == 302, response.content.decode()[:2000]
        request = SubjectRequest.objects.get()
        assert (request.channel, request.filed_by_id, request.due_on) == (
            "medewerker",
            user.id,
            dt.date(2026, 4, 2),
        )
    else:
        assert response.status_code in (403, 404)
        assert SubjectRequest.objects.count() == 0
        assert last(user).outcome == "denied"


def test_bad_request_on_the_register_page_shows_the_field_error(world):
    response = web_client(world.own_worker).post(
        f"/gegevensdeling/huishouden/{world.household.id}/verzoek/",
        {
            "resident": str(world.parent.id),
            "right": "beperking",
            "what": "Alles",
            "received_on": "2026-03-02",
        },
    )
    assert response.status_code == 400
    assert "Kies waarom de inwoner wil dat we minder met de gegevens doen." in response.content.decode()
    assert SubjectRequest.objects.count() == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_worklist_only_for_the_privacy_officer(world, request_, persona):
    user = getattr(world, persona)
    response = web_client(user).get("/gegevensdeling/verzoeken/")
    if persona == "privacy":
        body = response.content.decode()
        assert response.status_code == 200
        assert world.parent.full_name in body and "maandag 2 maart 2026" in body
        entry = last(user)
        assert (entry.action, entry.part, entry.resident_ids) == (
            "search",
            "avg-verzoeken",
            [str(world.parent.id)],
        )
    else:
        assert response.status_code == 403 and world.parent.full_name not in response.content.decode()
        assert last(user).outcome == "denied"


def test_worklist_queries_are_constant(world, django_assert_max_num_queries):
    for _ in range(12):
        services.file_subject_request(
            actor=actor_for(world.own_worker),
            household_id=world.household.id,
            resident_id=world.child.id,
            right="rectificatie",
            what="Naam",
            correction="Anders",
        )
    client = web_client(world.privacy)
    client.get("/gegevensdeling/verzoeken/")
    with django_assert_max_num_queries(20):
        assert client.get("/gegevensdeling/verzoeken/").status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_only_for_the_privacy_officer(world, request_, persona):
    user = getattr(world, persona)
    response = web_client(user).get(f"/gegevensdeling/verzoeken/{request_.id}/")
    if persona == "privacy":
        assert response.status_code == 200 and "De score gezondheid" in response.content.decode()
        assert last(user).part == "avg-verzoek"
    else:
        assert response.status_code in (403, 404) and "De score gezondheid" not in response.content.decode()
        assert last(user).outcome == "denied"


def test_privacy_officer_extends_then_decides_on_the_page(world, request_):
    client = web_client(world.privacy)
    url = f"/gegevensdeling/verzoeken/{request_.id}/"
    with time_machine.travel(dt.datetime(2026, 2, 10, 9, 0, tzinfo=dt.UTC), tick=True):
        bad = client.post(url, {"stap": "verlengen", "version": request_.version, "reason": ""})
        assert bad.status_code == 400 and "Fout" in bad.content.decode()
        ok = client.post(
            url,
            {
                "stap": "verlengen",
                "version": request_.version,
                "reason": "Drie afdelingen",
                "informed_on": "2026-02-10",
            },
        )
        assert ok.status_code == 302
        request_.refresh_from_db()
        assert request_.due_on == dt.date(2026, 4, 30)
        stale = client.post(
            url, {"stap": "besluiten", "version": 1, "outcome": "toegewezen", "reason": "Klopt"}
        )
        assert stale.status_code == 409
        done = client.post(
            url,
            {
                "stap": "besluiten",
                "version": request_.version,
                "outcome": "toegewezen",
                "reason": "De score klopte niet.",
            },
        )
        assert done.status_code == 302
    request_.refresh_from_db()
    assert request_.status == "toegewezen" and request_.restricts


def test_household_file_is_marked_while_restricted(world, request_):
    body = web_client(world.own_worker).get(f"/inwoners/huishouden/{world.household.id}/").content.decode()
    assert "Beperking (AVG artikel 18)" in body and "De score gezondheid" in body
    register = web_client(world.own_worker).get(f"/gegevensdeling/huishouden/{world.household.id}/")
    assert "Beperking (AVG artikel 18)" in register.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_file_request_per_persona(world, persona):
    user = getattr(world, persona)
    response = api_client(user).post(
        f"/api/v1/data-sharing/households/{world.household.id}/subject-requests",
        {
            "resident": str(world.child.id),
            "right": "beperking",
            "what": "Alles over school",
            "ground": "onrechtmatig",
        },
        format="json",
    )
    if persona in FILE_ALLOWED:
        assert response.status_code == 201
        data = response.json()
        assert (data["right"], data["status"], data["due_on"], data["restricts"]) == (
            "beperking",
            "open",
            "2026-04-02",
            False,  # ground b restricts only once granted
        )
    else:
        assert response.status_code in (403, 404)
        assert last(user).outcome == "denied"


def test_api_bad_request_is_a_structured_400(world):
    response = api_client(world.own_worker).post(
        f"/api/v1/data-sharing/households/{world.household.id}/subject-requests",
        {"resident": str(world.child.id), "right": "rectificatie", "what": ""},
        format="json",
    )
    assert response.status_code == 400
    assert {"what", "correction"} <= set(response.json()["errors"])
    assert SubjectRequest.objects.count() == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_worklist_and_detail_only_for_privacy(world, request_, persona):
    user = getattr(world, persona)
    client = api_client(user)
    listing = client.get("/api/v1/data-sharing/subject-requests")
    detail = client.get(f"/api/v1/data-sharing/subject-requests/{request_.id}")
    decide = client.post(
        f"/api/v1/data-sharing/subject-requests/{request_.id}/decide",
        {"version": request_.version, "outcome": "afgewezen", "reason": "Nee"},
        format="json",
    )
    if persona == "privacy":
        assert listing.status_code == 200 and listing.json()["results"][0]["due_on"] == "2026-03-02"
        assert set(listing.json()) == {"next", "previous", "results"}
        assert detail.json()["restricts"] is True
        assert decide.status_code == 200 and decide.json()["status"] == "afgewezen"
    else:
        assert (listing.status_code, detail.status_code, decide.status_code) == (403, 403, 403)
        assert last(user).outcome == "denied"
        request_.refresh_from_db()
        assert request_.status == "open"


def test_api_extend_decide_lift_with_version_conflict(world, request_):
    client = api_client(world.privacy)
    base = f"/api/v1/data-sharing/subject-requests/{request_.id}"
    with time_machine.travel(dt.datetime(2026, 2, 2, 9, 0, tzinfo=dt.UTC), tick=True):
        bad = client.post(f"{base}/extend", {"version": 1, "reason": "", "informed_on": None}, format="json")
        assert bad.status_code == 400 and {"reason", "informed_on"} <= set(bad.json()["errors"])
        ok = client.post(
            f"{base}/extend",
            {"version": 1, "reason": "Veel stukken", "informed_on": "2026-02-02"},
            format="json",
        )
        assert ok.status_code == 200 and ok.json()["due_on"] == "2026-04-30"
        stale = client.post(
            f"{base}/decide", {"version": 1, "outcome": "toegewezen", "reason": "Ja"}, format="json"
        )
        assert stale.status_code == 409
        done = client.post(
            f"{base}/decide", {"version": 2, "outcome": "toegewezen", "reason": "Ja"}, format="json"
        )
        assert done.status_code == 200 and done.json()["restricts"] is True
        lifted = client.post(
            f"{base}/lift-restriction",
            {"version": 3, "reason": "Gecontroleerd", "informed_on": "2026-02-02"},
            format="json",
        )
        assert lifted.status_code == 200 and lifted.json()["restricts"] is False


@pytest.mark.parametrize("persona", ["own_worker", "team_lead", "admin"])
def test_api_extend_and_lift_refused_to_other_roles(world, request_, persona):
    client = api_client(getattr(world, persona))
    base = f"/api/v1/data-sharing/subject-requests/{request_.id}"
    body = {"version": 1, "reason": "x", "informed_on": "2026-03-02"}
    assert client.post(f"{base}/extend", body, format="json").status_code == 403
    assert client.post(f"{base}/lift-restriction", body, format="json").status_code == 403
    request_.refresh_from_db()
    assert request_.status == "open" and request_.lifted_on is None

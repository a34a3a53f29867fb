"""Destruction on request of the resident (Jeugdwet art. 7.3.9, Wmo 2015 art. 5.3.5): registered by a
worker who may see the household or by the privacy officer, listed on /bewaren/ with its three-month due
date, decided by the privacy officer (carried out: the file is destroyed, the request record stays with
ids only; refused: on one of the legal exceptions with a reason), 409 when stale; every persona tested."""

import datetime as dt

import pytest
import time_machine

from stevig.audit.models import AccessLogEntry
from stevig.core.context import Actor
from stevig.people.models import Household
from stevig.people.selectors import households_visible_to
from stevig.retention import rules, services
from stevig.retention.models import DestructionRecord, DestructionRequest, LitigationHold
from stevig.testing.personas import PERSONAS, api_client, web_client

pytestmark = pytest.mark.django_db

# "Today": Thursday 5 March 2026 (Amsterdam); the request came in on Monday 2 March 2026.
NOW = dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC)
RECEIVED = dt.date(2026, 3, 2)
DUE = dt.date(2026, 6, 2)  # Tuesday: three months later, a working day
OTHERS = [p for p in PERSONAS if p != "privacy"]


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=True):
        yield


def may_see(world, persona: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the persona registers for the world's household: the privacy officer of its municipality, or
    a worker the scoped access layer lets see the household."""
    user = getattr(world, persona)
    if persona == "privacy":
        return True
    if persona in ("policy", "department_worker", "admin"):
        return False
    return households_visible_to(user).filter(id=world.household.id).exists()


def registered(world, **kwargs) -> DestructionRequest:  # type: ignore[no-untyped-def]
    actor = Actor(user=world.own_worker, access_point="test")
    values = {"law": "jeugdwet", "received_on": RECEIVED, "requested_by": "betrokkene", **kwargs}
    return services.register_destruction_request(actor=actor, household_id=world.household.id, **values)


def decide(user, request, **body):  # type: ignore[no-untyped-def]
    data = {
        "decision": "uitvoeren",
        "reason": "Geen uitzondering van toepassing.",
        "expected_version": request.version,
    }
    data.update(body)
    return api_client(user).post(f"/api/v1/destruction-requests/{request.id}/decide", data, format="json")


# ---- The rule: three months, to the next working day ---------------------------------------------------


def test_due_date_is_three_months_after_receipt_real_date():
    # Monday 2 March 2026 -> Tuesday 2 June 2026 (Jeugdwet art. 7.3.9 lid 1, Wmo 2015 art. 5.3.5 lid 1).
    assert rules.destruction_request_due(RECEIVED) == DUE
    assert DUE.isoweekday() == 2
    # Received Saturday 28 February 2026 -> 28 May 2026 is a Thursday: stays.
    assert rules.destruction_request_due(dt.date(2026, 2, 28)) == dt.date(2026, 5, 28)


# ---- Registering ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_register_api_per_persona(world, persona):
    user = getattr(world, persona)
    response = api_client(user).post(
        f"/api/v1/households/{world.household.id}/destruction-requests",
        {"law": "jeugdwet", "received_on": "2026-03-02", "requested_by": "ouder_voogd"},
        format="json",
    )
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    if may_see(world, persona):
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["due_on"], body["status"], body["household"]) == (
            "2026-06-02",
            "open",
            str(world.household.id),
        )
        assert (entry.outcome, entry.action, entry.object_type) == (
            "allowed",
            "create",
            "vernietigingsverzoek",
        )
        assert str(world.child.id) in entry.resident_ids
    else:
        assert response.status_code in (403, 404)
        assert response.status_code == (403 if persona in ("policy", "department_worker", "admin") else 404)
        assert entry.outcome == "denied"
        assert not DestructionRequest.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_register_page_per_persona(world, persona):
    user = getattr(world, persona)
    client = web_client(user)
    url = f"/bewaren/huishouden/{world.household.id}/verzoek-vernietiging/"
    page = client.get(url)
    response = client.post(url, {"law": "wmo", "received_on": "2026-03-02", "requested_by": "betrokkene"})
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    if may_see(world, persona):
        assert page.status_code == 200
        assert "Verzoek om vernietiging vastleggen" in page.content.decode()
        assert response.status_code == 302
        request = DestructionRequest.objects.get()
        assert (request.law, request.due_on, request.registered_by_id) == ("wmo", DUE, user.id)
        assert entry.outcome == "allowed"
    else:
        assert page.status_code in (403, 404) and response.status_code in (403, 404)
        assert world.household.street not in page.content.decode()
        assert entry.outcome == "denied"
        assert not DestructionRequest.objects.exists()


def test_register_bad_input_saves_nothing(world):
    client = web_client(world.own_worker)
    url = f"/bewaren/huishouden/{world.household.id}/verzoek-vernietiging/"
    response = client.post(url, {"law": "awbz", "received_on": "gisteren"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"law", "received_on", "requested_by"}
    future = api_client(world.own_worker).post(
        f"/api/v1/households/{world.household.id}/destruction-requests",
        {"law": "jeugdwet", "received_on": "2026-03-09", "requested_by": "betrokkene"},
        format="json",
    )
    assert future.status_code == 400
    assert set(future.json()["errors"]) == {"received_on"}
    assert not DestructionRequest.objects.exists()


# ---- The privacy officer's list -------------------------------------------------------------------------


def test_open_request_is_listed_with_its_due_date_and_the_read_is_logged(world):
    registered(world)
    response = web_client(world.privacy).get("/bewaren/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verzoeken om vernietiging" in html and world.household.address_line in html
    assert "2 juni 2026" in html
    entry = AccessLogEntry.objects.filter(
        user_id=world.privacy.id, object_type="vernietigingsverzoeken"
    ).get()
    assert entry.outcome == "allowed" and str(world.child.id) in entry.resident_ids


def test_an_overdue_request_is_marked_late(world):
    request = registered(world)
    with time_machine.travel(dt.datetime(2026, 6, 3, 9, 0, tzinfo=dt.UTC), tick=True):
        html = web_client(world.privacy).get("/bewaren/").content.decode()
        assert "(te laat)" in html
        detail = web_client(world.privacy).get(f"/bewaren/verzoek/{request.id}/").content.decode()
        assert "Te laat" in detail


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_api_per_persona(world, persona):
    registered(world)
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/destruction-requests")
    if persona == "privacy":
        assert response.status_code == 200
        assert [r["due_on"] for r in response.json()["results"]] == ["2026-06-02"]
        # The list names the household whose residents asked for destruction: the read is logged so.
        entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
        assert (entry.outcome, entry.action, entry.object_type) == (
            "allowed",
            "read",
            "vernietigingsverzoeken",
        )
        assert {str(world.parent.id), str(world.child.id)} <= set(entry.resident_ids)
    else:
        assert response.status_code == 403
        assert AccessLogEntry.objects.filter(user_id=user.id).latest("id").outcome == "denied"


# ---- Deciding ------------------------------------------------------------------------------------------


def test_carrying_out_destroys_the_file_and_keeps_the_request_with_ids_only(world):
    request = registered(world)
    household_id, child_id = world.household.id, world.child.id
    street, surname = world.household.street, world.child.surname
    response = decide(world.privacy, request)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "uitgevoerd"
    assert not Household.objects.filter(id=household_id).exists()
    request.refresh_from_db()
    record = DestructionRecord.objects.get(household_ref=str(household_id))
    assert request.record_id == record.id and "art. 7.3.9" in record.ground
    assert str(child_id) in record.resident_refs
    # The request keeps no personal data beyond ids: no address, no name.
    kept = {f.attname: getattr(request, f.attname) for f in DestructionRequest._meta.concrete_fields}
    assert street not in str(kept) and surname not in str(kept)
    entry = AccessLogEntry.objects.filter(
        user_id=world.privacy.id, object_type="vernietigingsverzoek"
    ).latest("id")
    assert entry.detail["besluit"] == "uitvoeren" and str(child_id) in entry.resident_ids
    # The page still shows the request, without the file.
    html = web_client(world.privacy).get(f"/bewaren/verzoek/{request.id}/").content.decode()
    assert "Het dossier is vernietigd." in html


@pytest.mark.parametrize(
    "exception",
    [
        pytest.param("belang_ander", id="aanmerkelijk-belang-van-een-ander"),
        pytest.param("wet_verzet", id="wettelijke-bewaarplicht"),
        pytest.param("niet_bevoegd", id="verzoeker-niet-bevoegd-kind-onder-12"),
    ],
)
def test_refused_on_a_legal_exception_keeps_the_file(world, exception):
    request = registered(world, requested_by="betrokkene")
    response = decide(world.privacy, request, decision="weigeren", exception=exception, reason="Zie de wet.")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["exception"]) == ("geweigerd", exception)
    assert Household.objects.filter(id=world.household.id).exists()
    assert not DestructionRecord.objects.exists()
    html = web_client(world.privacy).get(f"/bewaren/verzoek/{request.id}/").content.decode()
    assert str(rules.RequestException(exception).label)[:30] in html


def test_refusing_needs_an_exception_and_a_reason(world):
    request = registered(world)
    response = decide(world.privacy, request, decision="weigeren", exception="", reason="")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"exception", "reason"}
    request.refresh_from_db()
    assert (request.status, request.version) == ("open", 1)


def test_a_litigation_hold_blocks_carrying_out_and_nothing_changes(world):
    request = registered(world)
    LitigationHold.objects.create(
        municipality=world.municipality,
        household=world.household,
        reason="Beroep loopt.",
        placed_by=world.privacy,
    )
    response = decide(world.privacy, request)
    assert response.status_code == 400
    assert "bewaarplicht" in str(response.json()["errors"])
    request.refresh_from_db()
    assert (request.status, request.version, request.record_id) == ("open", 1, None)
    assert Household.objects.filter(id=world.household.id).exists()
    page = web_client(world.privacy).get(f"/bewaren/verzoek/{request.id}/")
    assert "Vernietigen kan nu niet" in page.content.decode()


def test_409_when_the_request_was_decided_since_it_was_read(world):
    request = registered(world)
    assert decide(world.privacy, request, decision="weigeren", exception="belang_ander").status_code == 200
    stale = decide(world.privacy, request)  # the version read before the refusal
    assert stale.status_code == 409
    assert stale.json()["code"] == "version_conflict"
    assert Household.objects.filter(id=world.household.id).exists()
    page = web_client(world.privacy).post(
        f"/bewaren/verzoek/{request.id}/",
        {"decision": "uitvoeren", "reason": "Geen uitzondering.", "expected_version": 1},
    )
    assert page.status_code == 409


@pytest.mark.parametrize("persona", OTHERS)
def test_only_the_privacy_officer_decides(world, persona):
    request = registered(world)
    user = getattr(world, persona)
    assert decide(user, request).status_code == 403
    client = web_client(user)
    assert client.get(f"/bewaren/verzoek/{request.id}/").status_code == 403
    posted = client.post(
        f"/bewaren/verzoek/{request.id}/",
        {"decision": "uitvoeren", "reason": "Geen uitzondering.", "expected_version": 1},
    )
    assert posted.status_code == 403
    assert Household.objects.filter(id=world.household.id).exists()
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert (entry.outcome, entry.action) == ("denied", "delete")


def test_carrying_out_on_the_page(world):
    request = registered(world)
    response = web_client(world.privacy).post(
        f"/bewaren/verzoek/{request.id}/",
        {"decision": "uitvoeren", "exception": "", "reason": "Geen uitzondering.", "expected_version": 1},
    )
    assert response.status_code == 302
    assert not Household.objects.filter(id=world.household.id).exists()


def test_another_municipality_request_is_not_found(world):
    request = DestructionRequest.objects.create(
        municipality=world.other_municipality_worker.municipality,
        household_ref=str(world.household.id),
        law="wmo",
        received_on=RECEIVED,
        due_on=DUE,
        requested_by="betrokkene",
        registered_by=world.other_municipality_worker,
    )
    assert decide(world.privacy, request).status_code == 404
    assert web_client(world.privacy).get(f"/bewaren/verzoek/{request.id}/").status_code == 404
    assert AccessLogEntry.objects.filter(user_id=world.privacy.id).latest("id").outcome == "denied"
    assert Household.objects.filter(id=world.household.id).exists()


def test_who_may_register_for_the_household(world):
    """The persona tests above cover both sides: a worker of the household's team and the privacy officer
    register; a worker of another team or municipality, and roles without files, do not."""
    assert may_see(world, "own_worker") and may_see(world, "privacy")
    assert not may_see(world, "other_team_worker") and not may_see(world, "other_municipality_worker")
    assert not may_see(world, "policy")


def test_the_list_page_runs_constant_queries_whatever_the_number_of_requests(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = web_client(world.privacy)
    registered(world)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/bewaren/").status_code == 200
    for day in (3, 4, 5):
        registered(world, received_on=dt.date(2026, 3, day), law="wmo")
    with CaptureQueriesContext(connection) as four:
        response = client.get("/bewaren/")
    assert response.content.decode().count("/bewaren/verzoek/") == 4
    assert len(four.captured_queries) == len(one.captured_queries)


def test_a_worker_reaches_the_registration_from_the_household_page_and_returns_there(world):
    client = web_client(world.own_worker)
    url = f"/bewaren/huishouden/{world.household.id}/verzoek-vernietiging/"
    assert url in client.get(f"/inwoners/huishouden/{world.household.id}/").content.decode()
    response = client.post(
        url, {"law": "jeugdwet", "received_on": "2026-03-02", "requested_by": "betrokkene"}
    )
    assert (
        response.status_code == 302 and response["Location"] == f"/inwoners/huishouden/{world.household.id}/"
    )
    assert "2 juni 2026" in client.get(response["Location"]).content.decode()


def test_the_refusal_grounds_are_exactly_those_of_the_law():
    """Jeugdwet art. 7.3.9 lid 3 / Wmo 2015 art. 5.3.5: considerable importance to someone other than the
    young person, or a rule by or under the law; plus the article's condition on who may ask. A pending
    investigation is no ground of its own (see `rules.RequestException`)."""
    assert rules.RequestException.values == ["belang_ander", "wet_verzet", "niet_bevoegd"]
    assert "aanmerkelijk belang" in rules.RequestException.OTHER_INTEREST.label
    assert "ander dan de jeugdige" in rules.RequestException.OTHER_INTEREST.label
    assert "bij of krachtens de wet" in rules.RequestException.LAW_FORBIDS.label
    assert all("7.3.9" in label for label in rules.RequestException.labels)


@pytest.mark.parametrize("exception", ["onderzoek", "lopende_procedure"])
def test_a_pending_investigation_is_not_a_ground_of_its_own(world, exception):
    request = registered(world)
    response = decide(
        world.privacy, request, decision="weigeren", exception=exception, reason="Er loopt iets."
    )
    assert response.status_code == 400
    assert "exception" in response.json()["errors"]
    request.refresh_from_db()
    assert (request.status, request.version) == ("open", 1)

"""Mandate pages: every persona on every page, access-log rows, the department sees only the shared parts
and never the file, forms with bad input, 409, constant queries on lists."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.audit.models import AccessLogEntry
from stevig.mandates import services
from stevig.mandates.models import MandateRequest
from stevig.mandates.tests.conftest import SECRET, actor_for, send
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db

FAMILY = {"Fatima", "Yusuf"}


def last(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


@pytest.fixture
def sent(world, case) -> MandateRequest:
    return send(world, case)


# The coordinator reads a request only once it is escalated, overdue or rejected (test_coordinator_scope).
DETAIL_ALLOWED = {"own_worker", "colleague", "team_lead", "department_worker"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_per_persona(world, sent, persona):
    user = getattr(world, persona)
    response = web_client(user).get(f"/mandaat/{sent.id}/")
    body = response.content.decode()
    entry = last(user)
    assert (entry.part, entry.object_id) == ("mandaatverzoek", str(sent.id))
    if persona in DETAIL_ALLOWED:
        assert response.status_code == 200
        assert (
            "Stop het beslag" in body and "Huurschuld van drie maanden" in body and "Rust over geld" in body
        )
        assert SECRET not in body and "Minder ruzie" not in body and "Yusuf" not in body
        assert (entry.action, entry.outcome) == ("read", "allowed")
        assert entry.resident_ids == [str(world.parent.id)]
    else:
        assert response.status_code in (403, 404)
        assert "Stop het beslag" not in body and "Fatima" not in body
        assert entry.outcome == "denied"
        if persona == "other_municipality_worker":
            assert response.status_code == 404 and entry.resident_ids == []
        else:
            assert entry.resident_ids == [str(world.parent.id)]


def test_department_sees_actions_but_no_link_to_the_file(world, sent):
    body = web_client(world.department_worker).get(f"/mandaat/{sent.id}/").content.decode()
    assert "In behandeling nemen" in body and "Verzoek afwijzen" in body
    assert f"/trajecten/{sent.trajectory_id}/" not in body
    worker = web_client(world.own_worker).get(f"/mandaat/{sent.id}/").content.decode()
    assert f"/trajecten/{sent.trajectory_id}/" in worker and "In behandeling nemen" not in worker


def test_other_department_gets_404_and_a_denied_row(world, sent, wonen_worker):
    response = web_client(wonen_worker).get(f"/mandaat/{sent.id}/")
    assert response.status_code == 404
    entry = last(wonen_worker)
    assert (entry.outcome, entry.part) == ("denied", "mandaatverzoek")


DEPARTMENT_DENIED_PAGES = [
    "/inwoners/huishouden/{h}/",
    "/trajecten/{t}/",
    "/analyse/traject/{t}/",
    "/plannen/traject/{t}/",
    "/gegevensdeling/huishouden/{h}/",
]


@pytest.mark.parametrize("path", DEPARTMENT_DENIED_PAGES)
def test_department_cannot_open_anything_of_the_file(world, sent, path):
    url = path.format(h=world.household.id, t=sent.trajectory_id)
    response = web_client(world.department_worker).get(url)
    body = response.content.decode()
    assert response.status_code in (403, 404), url
    assert "Fatima" not in body and "Dorpsstraat" not in body
    entry = last(world.department_worker)
    assert entry.outcome == "denied" and entry.object_id in (str(world.household.id), str(sent.trajectory_id))


@pytest.mark.parametrize("persona", PERSONAS)
def test_inbox_per_persona(world, sent, persona):
    user = getattr(world, persona)
    response = web_client(user).get("/mandaat/inbox/")
    entry = last(user)
    assert entry.part == "mandaatverzoeken"
    if persona == "department_worker":
        assert response.status_code == 200
        assert "Stop het beslag" in response.content.decode()
        assert (entry.action, entry.outcome, entry.resident_ids) == (
            "search",
            "allowed",
            [str(world.parent.id)],
        )
    else:
        assert response.status_code == 403 and entry.outcome == "denied"


def test_inbox_of_another_department_is_empty(world, sent, wonen_worker):
    body = web_client(wonen_worker).get("/mandaat/inbox/").content.decode()
    assert "Stop het beslag" not in body and "Er zijn geen verzoeken." in body
    assert last(wonen_worker).resident_ids == []


def test_inbox_shows_overdue_first(world, case, clock):
    clock.move_to(dt.datetime(2026, 2, 2, 10, 0, tzinfo=dt.UTC))
    send(world, case, ask="Oud verzoek dat nu te laat is")
    clock.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC))
    send(world, case, ask="Nieuw verzoek van vandaag")
    body = web_client(world.department_worker).get("/mandaat/inbox/").content.decode()
    assert body.index("Oud verzoek") < body.index("Nieuw verzoek") and "te laat" in body


@pytest.mark.parametrize("persona", PERSONAS)
def test_mine_per_persona(world, sent, persona):
    user = getattr(world, persona)
    response = web_client(user).get("/mandaat/mijn/")
    entry = last(user)
    if persona == "own_worker":
        assert response.status_code == 200 and "Stop het beslag" in response.content.decode()
        assert entry.resident_ids == [str(world.parent.id)]
    elif persona in (
        "colleague",
        "team_lead",
        "coordinator",
        "other_team_worker",
        "other_municipality_worker",
    ):
        assert response.status_code == 200 and "Stop het beslag" not in response.content.decode()
    else:
        assert response.status_code == 403 and entry.outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_coordinator_page_per_persona(world, sent, persona):
    services.reject_request(
        actor=actor_for(world.department_worker),
        request_id=sent.id,
        expected_version=1,
        reason="Niet voor ons",
    )
    user = getattr(world, persona)
    response = web_client(user).get("/mandaat/coordinatie/")
    entry = last(user)
    assert entry.part == "coordinatie"
    if persona == "coordinator":
        body = response.content.decode()
        assert response.status_code == 200 and "Stop het beslag" in body and "afgewezen" in body
        assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    else:
        assert response.status_code == 403 and entry.outcome == "denied"


NEW_ALLOWED = {"own_worker", "colleague", "team_lead"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_new_page_per_persona(world, case, persona):
    user = getattr(world, persona)
    response = web_client(user).get(f"/mandaat/nieuw/?trajectory={case.trajectory.id}")
    body = response.content.decode()
    entry = last(user)
    assert entry.part == "mandaatverzoek"
    if persona in NEW_ALLOWED:
        assert response.status_code == 200
        assert "Huurschuld" in body and "Rust over geld" in body and "Schuldhulpverlening" in body
        assert (entry.outcome, set(entry.resident_ids)) == (
            "allowed",
            {str(world.parent.id), str(world.child.id)},
        )
    else:
        assert response.status_code in (403, 404) and "Huurschuld" not in body
        assert entry.outcome == "denied"
        if persona in ("other_team_worker", "coordinator"):
            assert response.status_code == 403 and "Noodtoegang vragen" in body


def test_new_page_without_trajectory_is_404(world):
    assert web_client(world.own_worker).get("/mandaat/nieuw/").status_code == 404
    assert web_client(world.own_worker).get("/mandaat/nieuw/?trajectory=abc").status_code == 404


def test_send_from_the_page(world, case):
    client = web_client(world.own_worker)
    response = client.post(
        f"/mandaat/nieuw/?trajectory={case.trajectory.id}",
        {
            "department": str(world.department.id),
            "ask": "Stop het beslag op de uitkering",
            "reason": "De schulden houden alles tegen",
            "urgency": "spoed",
            "residents": [str(world.parent.id)],
            "scores": [str(case.debts.id)],
            "goals": [str(case.goal.id)],
            "legal_basis": "wmo_h5",
        },
    )
    created = MandateRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mandaat/{created.id}/"
    assert created.urgency == "spoed" and created.shared_content["analyse"][0]["leefgebied"] == "financiën"


def test_send_with_bad_input_shows_linked_errors(world, case):
    response = web_client(world.own_worker).post(
        f"/mandaat/nieuw/?trajectory={case.trajectory.id}",
        {
            "department": str(world.department.id),
            "ask": "hulp",
            "reason": "",
            "residents": [str(world.parent.id)],
        },
    )
    body = response.content.decode()
    assert response.status_code == 400 and MandateRequest.objects.count() == 0
    assert 'id="id_reason_error"' in body and 'aria-describedby="id_reason_helptext id_reason_error"' in body
    assert "Kies de grondslag." in body and "Er is nog niets opgeslagen." in body
    # The short ask passes the form but not the service rule: the error is on the field.
    assert "Schrijf op waarom dit nodig is." in body


def test_send_with_a_too_short_ask(world, case):
    response = web_client(world.own_worker).post(
        f"/mandaat/nieuw/?trajectory={case.trajectory.id}",
        {
            "department": str(world.department.id),
            "ask": "hulp",
            "reason": "Nodig",
            "urgency": "normaal",
            "residents": [str(world.parent.id)],
            "legal_basis": "wmo_h5",
        },
    )
    assert response.status_code == 400
    assert "Schrijf concreet op wat de afdeling moet doen. Bijvoorbeeld" in response.content.decode()
    assert MandateRequest.objects.count() == 0


def test_department_flow_on_the_pages(world, sent):
    client = web_client(world.department_worker)
    assert client.post(f"/mandaat/{sent.id}/accepteren/", {"version": 1}).status_code == 302
    response = client.post(f"/mandaat/{sent.id}/uitvoeren/", {"version": 2, "outcome": ""})
    assert response.status_code == 400 and "Schrijf op wat u heeft gedaan." in response.content.decode()
    response = client.post(
        f"/mandaat/{sent.id}/uitvoeren/", {"version": 2, "outcome": "Beslag gestopt", "deviation_reason": ""}
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == "uitgevoerd"


def test_stale_version_on_the_page_is_409_and_keeps_the_text(world, sent):
    client = web_client(world.department_worker)
    client.post(f"/mandaat/{sent.id}/accepteren/", {"version": 1})
    response = client.post(
        f"/mandaat/{sent.id}/afwijzen/", {"version": 1, "reason": "Past niet in ons beleid"}
    )
    body = response.content.decode()
    assert response.status_code == 409 and "intussen gewijzigd" in body and "Past niet in ons beleid" in body
    assert MandateRequest.objects.get(id=sent.id).status == "in_behandeling"


def test_reject_and_decide_on_the_pages(world, sent):
    dept = web_client(world.department_worker)
    response = dept.post(f"/mandaat/{sent.id}/afwijzen/", {"version": 1, "reason": ""})
    assert response.status_code == 400
    assert (
        dept.post(f"/mandaat/{sent.id}/afwijzen/", {"version": 1, "reason": "Niet voor ons"}).status_code
        == 302
    )
    coordinator = web_client(world.coordinator)
    page = coordinator.get(f"/mandaat/{sent.id}/").content.decode()
    assert "Besluit vastleggen en doorzetten" in page
    assert (
        coordinator.post(f"/mandaat/{sent.id}/doorzetten/", {"version": 2, "decision": ""}).status_code == 400
    )
    response = coordinator.post(
        f"/mandaat/{sent.id}/doorzetten/", {"version": 2, "decision": "Doen, het is nodig."}
    )
    assert response.status_code == 302
    body = dept.get(f"/mandaat/{sent.id}/").content.decode()
    assert "Besluit van de coördinator" in body and "Doen, het is nodig." in body
    assert "Verzoek afwijzen" not in body and "Klaar: uitgevoerd" in body


@pytest.mark.parametrize("persona", ["own_worker", "department_worker", "policy"])
def test_decision_by_other_roles_is_refused(world, sent, persona):
    services.reject_request(
        actor=actor_for(world.department_worker), request_id=sent.id, expected_version=1, reason="Nee"
    )
    response = web_client(getattr(world, persona)).post(
        f"/mandaat/{sent.id}/doorzetten/", {"version": 2, "decision": "Doen"}
    )
    assert response.status_code == 403
    assert MandateRequest.objects.get(id=sent.id).status == "afgewezen"


@pytest.mark.parametrize("persona", PERSONAS)
def test_figures_page_per_persona(world, sent, persona):
    from stevig.patterns.services import refresh

    refresh(municipality_id=world.municipality.id)  # served from the summary tables
    response = web_client(getattr(world, persona)).get("/mandaat/cijfers/")
    if persona == "policy":
        body = response.content.decode()
        assert response.status_code == 200 and "Schuldhulpverlening" in body and "&lt;5</td>" in body
        assert "Cijfers over 2026." in body and "Bijgewerkt op" in body
        assert "Fatima" not in body
    else:
        assert response.status_code == 403


def test_start_page_panels(world, sent, clock):
    clock.move_to(dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.UTC))  # overdue now
    assert "Stop het beslag" in web_client(world.own_worker).get("/").content.decode()
    assert "Stop het beslag" in web_client(world.department_worker).get("/").content.decode()
    assert "Stop het beslag" in web_client(world.coordinator).get("/").content.decode()
    assert "Stop het beslag" not in web_client(world.policy).get("/").content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("persona", "url", "reject"),
    [
        ("department_worker", "/mandaat/inbox/", False),
        ("own_worker", "/mandaat/mijn/", False),
        ("coordinator", "/mandaat/coordinatie/", True),
    ],
)
def test_lists_run_constant_queries(world, case, wonen, persona, url, reject):
    from stevig.mandates.tests.conftest import build_case
    from stevig.testing import factories as f

    def reject_all():
        if not reject:
            return
        for r in MandateRequest.objects.filter(status="ontvangen", department=world.department):
            services.reject_request(
                actor=actor_for(world.department_worker),
                request_id=r.id,
                expected_version=r.version,
                reason="Nee",
            )

    send(world, case)
    reject_all()
    client = web_client(getattr(world, persona))
    one = _queries(client, url)
    for _ in range(4):
        household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
        f.add_member(household)
        f.add_member(household, relation="kind")
        other = build_case(world, household)
        send(world, other, resident_ids=[m.resident_id for m in household.memberships.all()])
        send(world, other, department=wonen, resident_ids=[household.memberships.first().resident_id])
    reject_all()
    body = client.get(url).content.decode()
    assert body.count("/mandaat/") >= 5
    assert _queries(client, url) == one


# Accept, complete and reject are the department's work: every other persona is refused, logged, and the
# request stays as it was. (An unknown request is a 404 for the department worker too.)
DEPARTMENT_ACTIONS = {
    "accepteren": {"version": 1},
    "uitvoeren": {"version": 1, "outcome": "Gedaan", "deviation_reason": ""},
    "afwijzen": {"version": 1, "reason": "Niet voor ons"},
}


@pytest.mark.parametrize("action", sorted(DEPARTMENT_ACTIONS))
@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - {"department_worker"}))
def test_department_actions_are_refused_to_every_other_persona(world, sent, persona, action):
    user = getattr(world, persona)
    response = web_client(user).post(f"/mandaat/{sent.id}/{action}/", DEPARTMENT_ACTIONS[action])
    assert response.status_code == 403
    assert MandateRequest.objects.get(id=sent.id).status == sent.status
    assert AccessLogEntry.objects.filter(user_id=user.id, outcome="denied").exists()

"""Mandate API: personas per endpoint, the department sees only its requests and only the shared parts,
access-log rows, bad input (400), conflicts (409), constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.audit.models import AccessLogEntry
from stevig.mandates import services
from stevig.mandates.models import MandateRequest
from stevig.mandates.tests.conftest import SECRET, actor_for, send
from stevig.testing.personas import PERSONAS, api_client

pytestmark = pytest.mark.django_db


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
    response = api_client(user).get(f"/api/v1/mandate-requests/{sent.id}")
    entry = last(user)
    assert (entry.part, entry.object_id) == ("mandaatverzoek", str(sent.id))
    if persona in DETAIL_ALLOWED:
        assert response.status_code == 200
        data = response.json()
        assert (
            data["ask"].startswith("Stop het beslag")
            and data["shared_content"]["plan"][0]["doel"] == "Rust over geld"
        )
        assert SECRET not in response.content.decode()
        # Only those who may open the household file get the link (the coordinator: once escalated).
        hidden = persona in ("department_worker", "coordinator")
        assert data["trajectory"] == (None if hidden else str(sent.trajectory_id))
        assert (entry.outcome, entry.resident_ids) == ("allowed", [str(world.parent.id)])
        assert entry.access_point.startswith("api")
    else:
        assert response.status_code == 404 and entry.outcome == "denied"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/households/{h}",
        "/api/v1/residents/{r}",
        "/api/v1/trajectories/{t}",
        "/api/v1/trajectories/{t}/timeline",
        "/api/v1/data-sharing/households/{h}",
    ],
)
def test_department_cannot_read_the_file_through_the_api(world, sent, path):
    url = path.format(h=world.household.id, t=sent.trajectory_id, r=world.parent.id)
    response = api_client(world.department_worker).get(url)
    assert response.status_code in (403, 404), url
    assert "Fatima" not in response.content.decode()
    entry = last(world.department_worker)
    assert entry.outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_inbox_per_persona(world, sent, persona):
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/mandate-requests/inbox")
    entry = last(user)
    if persona == "department_worker":
        assert response.status_code == 200
        assert [r["id"] for r in response.json()["results"]] == [str(sent.id)]
        assert (entry.action, entry.part, entry.resident_ids) == (
            "search",
            "mandaatverzoeken",
            [str(world.parent.id)],
        )
    else:
        assert response.status_code == 403 and entry.outcome == "denied"


def test_inbox_of_other_department_is_empty(world, sent, wonen_worker):
    response = api_client(wonen_worker).get("/api/v1/mandate-requests/inbox?status=all")
    assert response.status_code == 200 and response.json()["results"] == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_mine_per_persona(world, sent, persona):
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/mandate-requests")
    if persona == "own_worker":
        assert [r["id"] for r in response.json()["results"]] == [str(sent.id)]
    elif persona in (
        "colleague",
        "team_lead",
        "coordinator",
        "other_team_worker",
        "other_municipality_worker",
    ):
        assert response.status_code == 200 and response.json()["results"] == []
    else:
        assert response.status_code == 403 and last(user).outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_coordinator_endpoint_per_persona(world, sent, persona):
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/mandate-requests/coordinator")
    if persona == "coordinator":
        assert response.status_code == 200
        assert response.json()["households"][0]["household"] == str(world.household.id)
        assert last(user).part == "coordinatie"
    else:
        assert response.status_code == 403 and last(user).outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_figures_per_persona(world, sent, persona):
    from stevig.patterns.services import refresh

    refresh(municipality_id=world.municipality.id)  # served from the summary tables
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/mandate-requests/figures", {"periode": "2026-K1"})
    entry = last(user)
    if persona == "policy":
        [row] = response.json()["results"]
        assert (
            row["department"] == "Schuldhulpverlening" and row["suppressed"] is True and row["total"] is None
        )
        assert row["period"] == "2026-K1" and row["refreshed_at"]
        assert (entry.part, entry.outcome, entry.resident_ids) == ("cijfers", "allowed", [])
    else:
        assert response.status_code == 403 and entry.outcome == "denied"


def test_departments(world, wonen):
    response = api_client(world.own_worker).get("/api/v1/mandate-requests/departments")
    assert [d["name"] for d in response.json()["results"]] == ["Schuldhulpverlening", "Wonen"]
    other = api_client(world.other_municipality_worker).get("/api/v1/mandate-requests/departments")
    assert other.json()["results"] == []


def _payload(world, case, **kwargs):
    data = {
        "trajectory": str(case.trajectory.id),
        "department": str(world.department.id),
        "ask": "Stop het beslag op de uitkering",
        "reason": "De schulden houden alles tegen",
        "legal_basis": "wmo_h5",
        "residents": [str(world.parent.id)],
        "scores": [str(case.debts.id)],
        "goals": [],
    }
    data.update(kwargs)
    return data


def test_send_through_the_api(world, case):
    response = api_client(world.own_worker).post(
        "/api/v1/mandate-requests", _payload(world, case), format="json"
    )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "ontvangen" and data["due_on"] == "2026-03-16" and data["overdue"] is False
    assert (
        data["shared_content"]["analyse"][0]["leefgebied"] == "financiën"
        and data["shared_content"]["plan"] == []
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"ask": ""}, "ask"),
        ({"legal_basis": ""}, "legal_basis"),
        ({"residents": []}, "residents"),
        ({"department": "00000000-0000-0000-0000-000000000000"}, "department"),
        ({"scores": ["00000000-0000-0000-0000-000000000000"]}, "scores"),
        ({"trajectory": "geen-uuid"}, "trajectory"),
    ],
)
def test_send_bad_input(world, case, kwargs, field):
    response = api_client(world.own_worker).post(
        "/api/v1/mandate-requests", _payload(world, case, **kwargs), format="json"
    )
    assert response.status_code == 400 and field in response.json()["errors"]
    assert MandateRequest.objects.count() == 0


def test_send_for_a_trajectory_out_of_scope_is_404(world, case):
    response = api_client(world.other_team_worker).post(
        "/api/v1/mandate-requests", _payload(world, case), format="json"
    )
    assert response.status_code == 404 and last(world.other_team_worker).outcome == "denied"
    response = api_client(world.department_worker).post(
        "/api/v1/mandate-requests", _payload(world, case), format="json"
    )
    assert response.status_code == 403


def test_department_flow_and_conflict(world, sent, clock):
    client = api_client(world.department_worker)
    base = f"/api/v1/mandate-requests/{sent.id}"
    clock.shift(60)  # the clock is frozen: each step a minute later, so the history has one order
    assert client.post(f"{base}/accept", {"version": 1}, format="json").json()["status"] == "in_behandeling"
    clock.shift(60)
    conflict = client.post(f"{base}/reject", {"version": 1, "reason": "Nee"}, format="json")
    assert conflict.status_code == 409 and conflict.json()["code"] == "version_conflict"
    bad = client.post(f"{base}/complete", {"version": 2, "outcome": ""}, format="json")
    assert bad.status_code == 400 and "outcome" in bad.json()["errors"]
    done = client.post(
        f"{base}/complete", {"version": 2, "outcome": "Gedaan", "deviation_reason": "Deels"}, format="json"
    )
    assert done.status_code == 200 and done.json()["deviation_reason"] == "Deels"
    assert [e["kind"] for e in done.json()["events"]] == ["verstuurd", "in_behandeling", "uitgevoerd"]


def test_reject_and_decision_through_the_api(world, sent):
    base = f"/api/v1/mandate-requests/{sent.id}"
    rejected = api_client(world.department_worker).post(
        f"{base}/reject", {"version": 1, "reason": "Nee"}, format="json"
    )
    assert rejected.json()["status"] == "afgewezen"
    assert (
        api_client(world.own_worker)
        .post(f"{base}/decision", {"version": 2, "decision": "Doen"}, format="json")
        .status_code
        == 403
    )
    bad = api_client(world.coordinator).post(
        f"{base}/decision", {"version": 2, "decision": ""}, format="json"
    )
    assert bad.status_code == 400 and "decision" in bad.json()["errors"]
    decided = api_client(world.coordinator).post(
        f"{base}/decision", {"version": 2, "decision": "Doen"}, format="json"
    )
    assert decided.status_code == 200 and decided.json()["coordinator_decision"] == "Doen"
    assert decided.json()["status"] == "in_behandeling"


def test_other_department_cannot_act(world, sent, wonen_worker):
    response = api_client(wonen_worker).post(
        f"/api/v1/mandate-requests/{sent.id}/accept", {"version": 1}, format="json"
    )
    assert response.status_code == 404 and last(wonen_worker).outcome == "denied"
    assert MandateRequest.objects.get(id=sent.id).status == "ontvangen"


def test_lists_run_constant_queries(world, case):
    from stevig.mandates.tests.conftest import build_case
    from stevig.testing import factories as f

    send(world, case)
    client = api_client(world.department_worker)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/mandate-requests/inbox").status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for _ in range(4):
        household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
        f.add_member(household)
        f.add_member(household, relation="kind")
        send(
            world,
            build_case(world, household),
            resident_ids=[m.resident_id for m in household.memberships.all()],
        )
    assert len(client.get("/api/v1/mandate-requests/inbox").json()["results"]) == 5
    assert count() == one
    services.accept_request(
        actor=actor_for(world.department_worker),
        request_id=MandateRequest.objects.first().id,
        expected_version=1,
    )


@pytest.mark.parametrize("step", ["accept", "complete", "reject", "ask"])
def test_department_steps_refuse_every_other_role_before_reading_the_body(world, sent, step):
    """Only the department takes these steps: any other role gets 403 with a denied row, also for an empty
    body (the role is checked first); the department itself gets its field errors (400)."""
    url = f"/api/v1/mandate-requests/{sent.id}/{step}"
    version = sent.version
    for persona in ("own_worker", "coordinator", "policy"):
        user = getattr(world, persona)
        response = api_client(user).post(url, {}, format="json")
        assert response.status_code == 403, (persona, step)
        entry = last(user)
        assert (entry.outcome, entry.part, entry.object_id) == ("denied", "mandaatverzoek", str(sent.id))
    assert api_client(world.department_worker).post(url, {}, format="json").status_code == 400
    sent.refresh_from_db()
    assert sent.version == version

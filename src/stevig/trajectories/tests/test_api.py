"""The trajectory API: every endpoint per persona, access log, bad input, 409, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.audit.models import AccessLogEntry
from stevig.testing import factories as f
from stevig.testing.personas import NON_FILE_PERSONAS, PERSONAS, api_client, api_denied_status
from stevig.trajectories import services
from stevig.trajectories.models import BasicHelp, Trajectory
from stevig.trajectories.tests.conftest import actor_for, move_to

pytestmark = pytest.mark.django_db

ALLOWED = {"own_worker", "colleague", "team_lead"}
BASE = "/api/v1/trajectories"


def last_entry(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


def _requests(world, trajectory, tags):
    help_row = BasicHelp.objects.filter(trajectory=trajectory).first()
    t = f"{BASE}/{trajectory.id}"
    return {
        "detail": ("get", t, None, "traject"),
        "timeline": ("get", t + "/timeline", None, "tijdlijn"),
        "basic_help_list": ("get", t + "/basic-help", None, "basishulp"),
        "contacts_list": ("get", t + "/contacts", None, "contact"),
        "consultations_list": ("get", t + "/consultations", None, "consultatie"),
        "phase": (
            "post",
            t + "/phase",
            {"to_phase": "plan", "reason": "Plan.", "version": trajectory.version},
            "fase",
        ),
        "basic_help_add": (
            "post",
            t + "/basic-help",
            {
                "kind": "advies",
                "intensity": "licht",
                "duration": "kort",
                "start_date": "2026-01-01",
                "evaluation_date": "2026-02-01",
            },
            "basishulp",
        ),
        "evaluation": (
            "post",
            t + f"/basic-help/{help_row.id}/evaluation",
            {"evaluated_at": "2026-01-20", "version": 1},
            "basishulp",
        ),
        "contact_add": (
            "post",
            t + "/contacts",
            {
                "kind": "telefoon",
                "contact_date": "2026-01-05",
                "summary": "Gebeld.",
                "residents": [str(world.parent.id)],
            },
            "contact",
        ),
        "consultation_add": (
            "post",
            t + "/consultations",
            {
                "kind": "consultatie",
                "area": str(tags["GGZ"].id),
                "consulted": "GGZ",
                "consultation_date": "2026-01-05",
                "question": "Hoe verder?",
            },
            "consultatie",
        ),
        "involved": ("post", t + "/involved", {"user": str(world.other_team_worker.id)}, "betrokkenen"),
        "expertise": (
            "put",
            t + "/expertise",
            {"expertise": [str(tags["LVB"].id)], "version": trajectory.version},
            "expertise",
        ),
    }


ENDPOINTS = [
    "detail",
    "timeline",
    "basic_help_list",
    "contacts_list",
    "consultations_list",
    "phase",
    "basic_help_add",
    "evaluation",
    "contact_add",
    "consultation_add",
    "involved",
    "expertise",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_endpoints_per_persona(world, trajectory, tags, persona, endpoint):
    services.add_basic_help(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        kind="advies",
        provided_by_id=None,
        intensity="licht",
        duration="kort",
        start_date=dt.date(2026, 1, 1),
        evaluation_date=dt.date(2026, 2, 1),
    )
    method, url, payload, part = _requests(world, trajectory, tags)[endpoint]
    user = getattr(world, persona)
    before = Trajectory.objects.get(id=trajectory.id).version
    response = getattr(api_client(user), method)(url, payload, format="json")
    entry = last_entry(user)
    if persona in ALLOWED:
        assert response.status_code in (200, 201), response.json()
        assert entry.outcome == "allowed"
        assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
        assert entry.access_point.startswith("api ")
        if method == "get":
            assert (entry.action, entry.part) == ("read", part)
        else:
            assert AccessLogEntry.objects.filter(
                user_id=user.id, part=part, action__in=("create", "update"), outcome="allowed"
            ).exists()
    else:
        assert response.status_code == api_denied_status(persona)
        assert "El Amrani" not in response.content.decode()
        # A role without files is refused before the view, on the trajectory the URL names.
        assert (entry.outcome, entry.part) == ("denied", "traject" if persona in NON_FILE_PERSONAS else part)
        assert Trajectory.objects.get(id=trajectory.id).version == before
        if persona == "other_municipality_worker":
            assert entry.resident_ids == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_is_scoped(world, trajectory, persona):
    user = getattr(world, persona)
    response = api_client(user).get(BASE + "?scope=team")
    entry = last_entry(user)
    if persona in NON_FILE_PERSONAS:  # a role without files: 403 (logged), as the list page answers
        assert response.status_code == 403
        assert (entry.action, entry.outcome, entry.part) == ("search", "denied", "traject")
        return
    assert response.status_code == 200
    ids = {t["id"] for t in response.json()["results"]}
    assert ids == ({str(trajectory.id)} if persona in ALLOWED else set())
    entry = last_entry(user)
    assert (entry.action, entry.outcome, entry.part) == ("search", "allowed", "trajecten")


def test_anonymous_gets_401(world, trajectory):
    from rest_framework.test import APIClient

    assert APIClient().get(f"{BASE}/{trajectory.id}").status_code == 401
    assert APIClient().get(BASE).status_code == 401


def test_open_via_api(world):
    household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    member = f.add_member(household)
    client = api_client(world.own_worker)
    response = client.post(
        BASE, {"household": str(household.id), "opened_from": "Hulp bij schulden."}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["phase"] == "verkennen" and body["allowed_next_phases"] == ["plan", "afgesloten"]
    assert body["members"][0]["id"] == str(member.id)
    again = client.post(BASE, {"household": str(household.id)}, format="json")
    assert again.status_code == 400 and "household" in again.json()["errors"]
    foreign = api_client(world.other_team_worker).post(BASE, {"household": str(household.id)}, format="json")
    assert foreign.status_code == 404
    assert last_entry(world.other_team_worker).outcome == "denied"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"to_phase": "waakvlam", "reason": "x"}, "to_phase"),
        ({"to_phase": "afgesloten", "reason": ""}, "reason"),
        ({"to_phase": "onbekend", "reason": "x"}, "to_phase"),
        ({"to_phase": "plan"}, "reason"),
    ],
)
def test_phase_bad_input(world, trajectory, payload, field):
    response = api_client(world.own_worker).post(
        f"{BASE}/{trajectory.id}/phase", {**payload, "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    trajectory.refresh_from_db()
    assert trajectory.phase == "verkennen"


def test_concurrent_phase_change_gives_409(world, trajectory):
    first = api_client(world.own_worker).post(
        f"{BASE}/{trajectory.id}/phase", {"to_phase": "plan", "reason": "Plan.", "version": 1}, format="json"
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    second = api_client(world.colleague).post(
        f"{BASE}/{trajectory.id}/phase",
        {"to_phase": "afgesloten", "reason": "Klaar.", "version": 1},
        format="json",
    )
    assert second.status_code == 409
    assert second.json()["code"] == "version_conflict"
    trajectory.refresh_from_db()
    assert trajectory.phase == "plan"


def test_pilot_light_and_reactivation_via_api(world, trajectory):
    client = api_client(world.own_worker)
    move_to(trajectory, world.own_worker, "plan", "hulp")
    bad = client.post(
        f"{BASE}/{trajectory.id}/phase",
        {"to_phase": "waakvlam", "reason": "Klaar.", "version": 3},
        format="json",
    )
    assert bad.status_code == 400 and "cadence_unit" in bad.json()["errors"]
    ok = client.post(
        f"{BASE}/{trajectory.id}/phase",
        {
            "to_phase": "waakvlam",
            "reason": "Klaar.",
            "version": 3,
            "cadence_number": 3,
            "cadence_unit": "maanden",
        },
        format="json",
    )
    assert ok.status_code == 200
    pilot = ok.json()["pilot_light"]
    assert (pilot["cadence_number"], pilot["cadence_unit"], pilot["missed"]) == (3, "maanden", False)
    cadence = client.patch(
        f"{BASE}/{trajectory.id}/pilot-light",
        {"cadence_number": 6, "cadence_unit": "weken", "version": pilot["version"]},
        format="json",
    )
    assert cadence.status_code == 200 and cadence.json()["cadence_unit"] == "weken"
    # PATCH is partial: only the number changes, the unit stays.
    number = client.patch(
        f"{BASE}/{trajectory.id}/pilot-light",
        {"cadence_number": 4, "version": cadence.json()["version"]},
        format="json",
    )
    assert number.status_code == 200 and (number.json()["cadence_number"], number.json()["cadence_unit"]) == (
        4,
        "weken",
    )
    stale = client.patch(
        f"{BASE}/{trajectory.id}/pilot-light", {"cadence_number": 5, "version": 1}, format="json"
    )
    assert stale.status_code == 409
    due = client.get(BASE + "/pilot-light/due?until=2999-01-01")
    assert [row["trajectory"] for row in due.json()["results"]] == [str(trajectory.id)]
    assert client.get(BASE + "/pilot-light/due?until=gisteren").status_code == 400
    assert (
        api_client(world.other_team_worker)
        .get(BASE + "/pilot-light/due?until=2999-01-01&scope=team")
        .json()["results"]
        == []
    )
    refused = api_client(world.policy).get(BASE + "/pilot-light/due?until=2999-01-01")
    assert refused.status_code == 403
    assert AccessLogEntry.objects.filter(user_id=world.policy.id, outcome="denied", part="waakvlam").exists()
    react = client.post(f"{BASE}/{trajectory.id}/reactivate", {"version": 4}, format="json")
    assert (
        react.status_code == 200 and react.json()["phase"] == "hulp" and react.json()["pilot_light"] is None
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "maatwerk", "reason": ""}, "reason"),
        ({"evaluation_date": "2025-12-31"}, "evaluation_date"),
        ({"intensity": "heel"}, "intensity"),
        ({"provided_by": "00000000-0000-0000-0000-000000000000"}, "provided_by"),
    ],
)
def test_basic_help_bad_input(world, trajectory, payload, field):
    base = {
        "kind": "advies",
        "intensity": "licht",
        "duration": "kort",
        "start_date": "2026-01-01",
        "evaluation_date": "2026-02-01",
    }
    response = api_client(world.own_worker).post(
        f"{BASE}/{trajectory.id}/basic-help", {**base, **payload}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not BasicHelp.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_figures_endpoint(world, persona):
    response = api_client(getattr(world, persona)).get(BASE + "/figures")
    if persona == "policy":
        assert response.status_code == 200
        keys = {x["key"] for x in response.json()["results"]}
        assert {"trajectories_with_basic_help", "evaluations_on_time", "pilot_light_on_time"} <= keys
        assert all(x["suppressed"] and x["numerator"] is None for x in response.json()["results"])
    else:
        assert response.status_code == 403
    assert last_entry(getattr(world, persona)).part == "cijfers"


def test_list_query_count_is_constant(world, trajectory):
    client = api_client(world.own_worker)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(BASE + "?scope=team&page_size=50").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(15):
        household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
        f.add_member(household)
        f.add_member(household)
        move_to(
            services.open_trajectory(actor=actor_for(world.colleague), household_id=household.id),
            world.colleague,
            "plan",
            "hulp",
            "waakvlam",
        )
    assert count() == few
    assert len(client.get(BASE + "?scope=team&page_size=50").json()["results"]) == 16


def test_contacts_list_query_count_is_constant(world, trajectory):
    client = api_client(world.own_worker)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{BASE}/{trajectory.id}/contacts").status_code == 200
        return len(ctx.captured_queries)

    services.record_contact(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        kind="telefoon",
        contact_date=dt.date(2026, 1, 1),
        summary="x",
        resident_ids=[world.parent.id],
    )
    few = count()
    for day in range(2, 20):
        services.record_contact(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            kind="telefoon",
            contact_date=dt.date(2026, 1, day),
            summary="x",
            resident_ids=[world.parent.id, world.child.id],
        )
    assert count() == few


def test_timeline_gives_one_date_time_format(world, trajectory):
    """Issue 13 point 11: the timeline mixed dates (`2026-03-01`) and date-times; now every `date` is an
    ISO 8601 date-time with an offset, and `all_day` tells a day-only event apart."""
    services.record_contact(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        kind="huisbezoek",
        contact_date=dt.date(2026, 3, 2),
        summary="Kennismaking",
        resident_ids=[world.parent.id],
    )
    items = (
        api_client(world.own_worker).get(f"/api/v1/trajectories/{trajectory.id}/timeline").json()["results"]
    )
    assert items
    for item in items:
        parsed = dt.datetime.fromisoformat(item["date"])
        assert parsed.tzinfo is not None, item
        assert isinstance(item["all_day"], bool)
    assert any(item["all_day"] and item["date"].startswith("2026-03-02T00:00:00+01:00") for item in items)

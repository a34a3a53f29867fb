"""Issue 9 point 2: the open safety track is on the one worklist (start page and GET /api/v1/worklist/) of
everyone named on it, until it is decided (after a report: until Veilig Thuis' follow-up), and of nobody
else. The item carries no notes; the source runs a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.accounts.models import Role
from stevig.safety import services
from stevig.safety.models import RiskLevel, Status
from stevig.safety.tests.conftest import TODAY, actor_for, walk
from stevig.testing import factories as f
from stevig.testing.personas import api_client, web_client
from stevig.trajectories import services as trajectory_services
from stevig.web.worklist import WorkQuery, worklist_for

pytestmark = pytest.mark.django_db

NOTE = "Kind vertelt over harde klappen"
ON_LIST = {
    "own_worker": True,
    "named_colleague": True,
    "team_lead": True,
    "named_coordinator": True,
    "unnamed_colleague": False,
    "unnamed_coordinator": False,
    "other_team_worker": False,
    "other_municipality_worker": False,
}


@pytest.fixture
def people(world, track):
    named_coordinator = f.UserFactory(
        username="coord2", municipality=world.municipality, role=Role.COORDINATOR
    )
    for user in (world.colleague, named_coordinator):
        services.name_colleague(actor=actor_for(world.own_worker), track_id=track.id, user_id=user.id)
    walk(track, world.own_worker, to=1)
    track.steps.filter(number=1).update(notes=NOTE)
    return {
        "own_worker": world.own_worker,
        "named_colleague": world.colleague,
        "team_lead": world.team_lead,
        "named_coordinator": named_coordinator,
        "unnamed_colleague": f.UserFactory(
            username="teamgenoot", municipality=world.municipality, role=Role.WORKER, team=world.team
        ),
        "unnamed_coordinator": world.coordinator,
        "other_team_worker": world.other_team_worker,
        "other_municipality_worker": world.other_municipality_worker,
    }


def _safety_items(user, scope="mine"):
    return [i for i in worklist_for(actor=actor_for(user), scope=scope).items if i.kind == "veiligheid"]


@pytest.mark.parametrize("persona", sorted(ON_LIST))
@pytest.mark.parametrize("scope", ["mine", "team"])
def test_open_track_on_the_worklist_of_everyone_named_on_it(world, track, people, persona, scope):
    user = people[persona]
    api = api_client(user).get("/api/v1/worklist", {"scope": scope})
    assert api.status_code == 200
    safety = [i for i in api.json()["results"] if i["kind"] == "veiligheid"]
    page = web_client(user).get("/", {"werk": scope}).content.decode()
    if ON_LIST[persona]:
        assert [i["url"] for i in safety] == [f"/veiligheid/{track.id}/"]
        assert safety[0]["title"] == world.household.address_line
        assert (
            safety[0]["status"]
            == "volgende stap: 2 collegiale consultatie en zo nodig Veilig Thuis raadplegen"
        )
        assert f"/veiligheid/{track.id}/" in page
    else:
        assert safety == []
        assert f"/veiligheid/{track.id}/" not in page
    assert NOTE not in api.content.decode() and NOTE not in page


def test_on_the_worklist_until_decided_and_after_a_report_until_veilig_thuis_answers(world, track, people):
    for number in (2, 3):
        track.refresh_from_db()
        services.record_step(
            actor=actor_for(world.own_worker),
            track_id=track.id,
            expected_version=track.version,
            number=number,
            done_on=TODAY,
            notes=f"stap {number}",
            colleague_consulted="Fleur" if number == 2 else "",
        )
    (item,) = _safety_items(world.colleague)
    assert item.status.startswith("volgende stap: 4 ") and not item.urgent
    track.refresh_from_db()
    services.weigh(
        actor=actor_for(world.own_worker),
        track_id=track.id,
        expected_version=track.version,
        done_on=TODAY,
        notes="gewogen",
        suspicion=True,
        unsafe=True,
    )
    (item,) = _safety_items(world.colleague)
    assert item.urgent and item.due is None and item.status.startswith("volgende stap: 5 ")
    track.refresh_from_db()
    services.decide(
        actor=actor_for(world.own_worker),
        track_id=track.id,
        expected_version=track.version,
        done_on=TODAY,
        notes="besloten",
        outcome="melden",
        reported_on=TODAY,
    )
    track.refresh_from_db()
    assert track.status == Status.REPORTED
    (item,) = _safety_items(world.colleague)
    assert item.status == "gemeld, wacht op Veilig Thuis" and item.due == track.veilig_thuis_due
    services.record_follow_up(
        actor=actor_for(world.own_worker),
        track_id=track.id,
        expected_version=track.version,
        follow_up_on=TODAY,
        follow_up="Veilig Thuis neemt het onderzoek op zich.",
    )
    for user in people.values():
        assert _safety_items(user) == []


def test_acute_risk_puts_the_track_on_top(world, track, people):
    track.refresh_from_db()
    services.set_risks(
        actor=actor_for(world.own_worker),
        track_id=track.id,
        expected_version=track.version,
        risks={world.child.id: (RiskLevel.ACUTE, "Blauwe plekken")},
    )
    items = worklist_for(actor=actor_for(world.own_worker)).items
    assert items[0].kind == "veiligheid" and items[0].urgent


def test_emergency_access_does_not_put_a_track_on_the_worklist(world, track, people):
    user = people["unnamed_colleague"]
    services.grant_emergency_access(
        actor=actor_for(user), track_id=track.id, reason="Vaste collega ziek, kind aan de balie."
    )
    assert _safety_items(user) == [] and _safety_items(user, "team") == []


def test_the_source_runs_a_constant_number_of_queries(world, track, people):
    from stevig.people.selectors import households_visible_to
    from stevig.safety.hooks import worklist_items

    def count(user):
        query = WorkQuery(
            user=user, scope="mine", households=households_visible_to(user), today=TODAY, limit=100
        )
        with CaptureQueriesContext(connection) as ctx:
            items = worklist_items(query)
        return len(items), len(ctx.captured_queries)

    one = count(world.team_lead)
    assert one == (1, 1)
    for _n in range(3):  # three more households of the team, each with a trajectory and an open track
        household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
        f.add_member(household)
        trajectory = trajectory_services.open_trajectory(
            actor=actor_for(world.team_lead), household_id=household.id, opened_from="Zorgen."
        )
        services.open_track(actor=actor_for(world.team_lead), trajectory_id=trajectory.id, source="signalen")
    assert count(world.team_lead) == (4, 1)

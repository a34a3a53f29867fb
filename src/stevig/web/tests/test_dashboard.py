"""The teamleider's dashboard: caseload, waiting times, the coming 5 working days, overdue, the team list."""

import datetime as dt

import pytest
import time_machine

from stevig.audit.models import AccessLogEntry
from stevig.core.context import Actor
from stevig.intake import services as intake
from stevig.plans import services as plans
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, api_client, web_client
from stevig.trajectories import services as trajectories
from stevig.web import dashboard

pytestmark = pytest.mark.django_db

# Wednesday 4 March 2026, 10.00 Amsterdam time.
NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


def actor(user):  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="127.0.0.1")


def _question(world, received: dt.date, text: str = "Mevrouw belt: zij redt het niet meer."):  # type: ignore[no-untyped-def]
    return intake.register_question(
        actor=actor(world.own_worker), text=text, channel="telefoon", phone="0612345678", received_on=received
    )


@pytest.fixture
def team_work(world):  # type: ignore[no-untyped-def]
    """Team Noord on 4 March 2026: three questions waiting (2, 3 and 9 days), one picked up after 1 day;
    the household's trajectory (own_worker) with a contact on 2 March and two open plan actions: one
    overdue (2 March), one due Monday 9 March (inside the coming 5 working days)."""
    with time_machine.travel(dt.datetime(2026, 2, 23, 9, 0, tzinfo=dt.UTC), tick=False):
        _question(world, dt.date(2026, 2, 23))
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        _question(world, dt.date(2026, 3, 1))
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        _question(world, dt.date(2026, 3, 2))
        picked = _question(world, dt.date(2026, 3, 2))
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        intake.pick_up_question(actor=actor(world.colleague), question_id=picked.id)
    with time_machine.travel(dt.datetime(2026, 2, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        trajectory = trajectories.open_trajectory(
            actor=actor(world.own_worker), household_id=world.household.id, opened_from="Schulden."
        )
    me = actor(world.own_worker)
    with time_machine.travel(NOW, tick=False):
        trajectories.record_contact(
            actor=me,
            trajectory_id=trajectory.id,
            kind="huisbezoek",
            contact_date=dt.date(2026, 3, 2),
            summary="Kennismaking thuis.",
            resident_ids=[world.parent.id],
        )
        plan = plans.create_plan(
            actor=me,
            trajectory_id=trajectory.id,
            start_date=dt.date(2026, 2, 25),
            evaluation_date=dt.date(2026, 6, 1),
        )
        goal = plans.add_goal(
            actor=me,
            plan_id=plan.id,
            expected_version=plan.version,
            text="Rust in de financiën",
            member_ids=[world.parent.id],
            domains=["financien"],
        )
        for due, text in (
            (dt.date(2026, 3, 2), "Brieven sorteren"),
            (dt.date(2026, 3, 9), "Naar de schuldhulp"),
        ):
            plan.refresh_from_db()
            plans.add_action(
                actor=me,
                goal_id=goal.id,
                expected_version=plan.version,
                description=text,
                owner_type="netwerk",
                owner_name="Zus",
                due_date=due,
            )
    return trajectory


def test_dashboard_figures(world, team_work):
    with time_machine.travel(NOW, tick=False):
        board = dashboard.team_dashboard(actor=actor(world.team_lead))
    loads = {w.user: (w.trajectories, w.questions) for w in board.caseload}
    assert loads[world.own_worker] == (1, 0)
    assert loads[world.colleague] == (0, 1)
    assert loads[world.team_lead] == (0, 0)
    assert world.other_team_worker not in loads
    assert (board.waiting_now.count, board.waiting_now.median_days, board.waiting_now.longest_days) == (
        3,
        3,
        9,
    )
    assert (board.pick_up.count, board.pick_up.longest_days) == (1, 1)
    # Wednesday 4 March: the coming 5 working days run to Wednesday 11 March.
    assert board.soon_until == dt.date(2026, 3, 11)
    assert "Naar de schuldhulp" in " ".join(i.title for i in board.soon)
    assert "Brieven sorteren" in " ".join(i.title for i in board.overdue)
    assert all(i.due < board.today for i in board.overdue)


def test_dashboard_page_shows_chart_and_the_same_data_as_table(world, team_work):
    with time_machine.travel(NOW, tick=False):
        response = web_client(world.team_lead).get("/team/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'role="img"' in html
    assert 'data-testid="caseload-table"' in html
    assert "Naar de schuldhulp" in html and "Brieven sorteren" in html
    assert "9 dagen" in html  # the longest wait


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_team_lead_sees_the_dashboard(world, persona):
    user = getattr(world, persona)
    page = web_client(user).get("/team/")
    api = api_client(user).get("/api/v1/team/dashboard")
    listing = api_client(user).get("/api/v1/team/trajectories")
    if persona == "team_lead":
        assert (page.status_code, api.status_code, listing.status_code) == (200, 200, 200)
    else:
        assert page.status_code == 403
        assert api.status_code == 403 and listing.status_code == 403
        assert AccessLogEntry.objects.filter(user_id=user.id, outcome="denied").exists()


def test_dashboard_api(world, team_work):
    with time_machine.travel(NOW, tick=False):
        data = api_client(world.team_lead).get("/api/v1/team/dashboard").json()
    assert data["team"] == str(world.team.id)
    assert data["soon_until"] == "2026-03-11"
    assert data["waiting_now"] == {"count": 3, "median_days": 3.0, "longest_days": 9}
    by_user = {row["user"]: row for row in data["caseload"]}
    assert by_user[str(world.own_worker.id)]["trajectories"] == 1
    assert [i["kind"] for i in data["overdue"]].count("planactie") == 1
    assert any(i["title"].startswith("Naar de schuldhulp") for i in data["soon"])


def test_team_trajectory_list_sorts_searches_and_logs(world, team_work, django_assert_max_num_queries):
    other = f.HouseholdFactory(municipality=world.municipality, team=world.team, street="Zonnebloemstraat")
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        trajectories.open_trajectory(
            actor=actor(world.colleague), household_id=other.id, opened_from="Eenzaam."
        )
    client = api_client(world.team_lead)
    with time_machine.travel(NOW, tick=False):
        rows = client.get("/api/v1/team/trajectories").json()["results"]
        assert [r["days_open"] for r in rows] == [12, 1]  # default: longest open first
        first = rows[0]
        assert (first["last_contact"], first["next_action"]) == ("2026-03-02", "2026-03-02")
        assert rows[1]["last_contact"] is None and rows[1]["next_action"] is None
        ascending = client.get("/api/v1/team/trajectories?sort=dagen").json()["results"]
        assert [r["days_open"] for r in ascending] == [1, 12]
        found = client.get("/api/v1/team/trajectories?search=zonnebloem").json()["results"]
        assert [r["household"] for r in found] == [str(other.id)]
        by_member = client.get(f"/api/v1/team/trajectories?search={world.parent.surname}").json()["results"]
        assert str(world.household.id) in [r["household"] for r in by_member]
        entry = (
            AccessLogEntry.objects.filter(user_id=world.team_lead.id, part="trajecten")
            .order_by("-id")
            .first()
        )
        assert entry is not None and entry.outcome == "allowed"
        html = web_client(world.team_lead).get("/team/?sorteer=adres&zoek=zonnebloem").content.decode()
        assert "Zonnebloemstraat" in html and 'aria-sort="ascending"' in html
        assert 'for="zoek-traject"' in html


def test_team_list_runs_constant_queries(world, django_assert_max_num_queries):
    lead = actor(world.team_lead)
    for n in range(6):
        household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
        trajectories.open_trajectory(
            actor=actor(world.own_worker), household_id=household.id, opened_from=f"{n}"
        )
    # The page (with last contact and next action as annotations), the members of its households, and
    # the access-log row (savepoint, chain head, insert, update, release): 7, whatever the number of rows.
    with django_assert_max_num_queries(7):
        page = dashboard.team_trajectories(actor=lead)
        [(r.household.address_line, r.contact_person.get_full_name(), r.days_open) for r in page.rows]
    assert len(page.rows) == 6

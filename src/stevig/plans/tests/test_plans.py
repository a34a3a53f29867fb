"""Household plan: API and pages for every persona, the access log, bad input, concurrent edits (409),
agreed versions that stay frozen and print, constant query counts."""

import datetime as dt
import re
import uuid

import pytest

from stevig.analysis.tests.helpers import ALLOWED, count_queries, last_entry
from stevig.core.context import Actor
from stevig.plans import services
from stevig.plans.models import Goal, HouseholdPlan, PlanAction, PlanVersion
from stevig.testing.personas import PERSONAS, api_client, api_denied_status, denied_status, web_client

pytestmark = pytest.mark.django_db

BREAK_GLASS = {"other_team_worker", "coordinator"}


def actor(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="test")


def make_plan(world, trajectory, goals: int = 1, actions: int = 1) -> HouseholdPlan:  # type: ignore[no-untyped-def]
    me = actor(world.own_worker)
    plan = services.create_plan(
        actor=me,
        trajectory_id=trajectory.id,
        start_date=dt.date(2026, 3, 1),
        evaluation_date=dt.date(2026, 6, 1),
    )
    for g in range(goals):
        goal = services.add_goal(
            actor=me,
            plan_id=plan.id,
            expected_version=plan.version,
            text=f"Doel {g}",
            member_ids=[world.parent.id],
            domains=["financien"],
        )
        plan.refresh_from_db()
        for a in range(actions):
            services.add_action(
                actor=me,
                goal_id=goal.id,
                expected_version=plan.version,
                description=f"Actie {a}",
                owner_type="netwerk",
                owner_name="Zus",
                due_date=dt.date(2026, 4, 1),
            )
            plan.refresh_from_db()
    return plan


def test_api_walkthrough_plan_three_goals_agree_and_print(world, trajectory):
    client = api_client(world.own_worker)
    created = client.post(
        f"/api/v1/trajectories/{trajectory.id}/plan",
        {"start_date": "2026-03-01", "evaluation_date": "2026-06-01"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    plan = created.json()
    goals = [
        ("Ik wil weer rust in mijn hoofd", [world.parent.id], ["geestelijke_gezondheid"]),
        ("Geen brieven meer van de deurwaarder", [world.parent.id], ["financien"]),
        ("Yusuf gaat weer elke dag naar school", [world.child.id], ["school", "opvoeding"]),
    ]
    version = plan["version"]
    for text, members, domains in goals:
        response = client.post(
            f"/api/v1/plans/{plan['id']}/goals",
            {
                "version": version,
                "text": text,
                "members": [str(m) for m in members],
                "domains": domains,
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        version = response.json()["version"]
    goal_ids = [g["id"] for g in response.json()["goals"]]
    assert [g["text"] for g in response.json()["goals"]] == [g[0] for g in goals]
    for goal_id, owner in zip(goal_ids, ["inwoner", "sociale_basis", "team"], strict=True):
        response = client.post(
            f"/api/v1/plan-goals/{goal_id}/actions",
            {
                "version": version,
                "description": "Eerste stap",
                "owner_type": owner,
                "owner_name": "Iemand",
                "due_date": "2026-04-01",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        version = response.json()["version"]
    agreed = client.post(
        f"/api/v1/plans/{plan['id']}/agreements",
        {
            "version": version,
            "agreed_on": "2026-03-02",
            "agreed_how": "gesprek",
            "agreed_with": "Fatima",
        },
        format="json",
    )
    assert agreed.status_code == 201, agreed.json()
    snapshot = agreed.json()["snapshot"]
    assert [g["text"] for g in snapshot["goals"]] == [g[0] for g in goals]
    assert snapshot["goals"][1]["actions"][0]["owner_type_label"] == "partner in de sociale basis"
    entry = last_entry(world.own_worker)
    assert (entry.action, entry.part) == ("create", "plan-versie")
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    # The print page shows the frozen version in plain words.
    page = web_client(world.own_worker).get(f"/plannen/versies/{agreed.json()['id']}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ons plan" in html and "Geen brieven meer van de deurwaarder" in html
    assert 'media="print"' in html and "plans/print.css" in html
    assert last_entry(world.own_worker).part == "plan-versie"


def test_agreed_versions_stay_frozen_and_are_all_kept(world, trajectory):
    plan = make_plan(world, trajectory, goals=1)
    me = actor(world.own_worker)
    first = services.agree_plan(
        actor=me,
        plan_id=plan.id,
        expected_version=plan.version,
        agreed_on=dt.date(2026, 3, 2),
        agreed_how="gesprek",
    )
    plan.refresh_from_db()
    goal = plan.goals.get()
    services.update_goal(
        actor=me,
        goal_id=goal.id,
        expected_version=plan.version,
        text="Nieuw doel",
        member_ids=[world.parent.id],
        domains=["financien"],
    )
    plan.refresh_from_db()
    page = web_client(world.own_worker).get(f"/plannen/traject/{trajectory.id}/")
    assert "het plan is daarna nog gewijzigd" in page.content.decode()
    second = services.agree_plan(
        actor=me,
        plan_id=plan.id,
        expected_version=plan.version,
        agreed_on=dt.date(2026, 3, 2),
        agreed_how="telefoon",
    )
    first.refresh_from_db()
    assert first.snapshot["goals"][0]["text"] == "Doel 0"
    assert second.snapshot["goals"][0]["text"] == "Nieuw doel"
    assert list(
        PlanVersion.objects.filter(plan=plan).values_list("number", flat=True).order_by("number")
    ) == [1, 2]


def test_one_plan_per_trajectory(world, trajectory):
    make_plan(world, trajectory, goals=0)
    response = api_client(world.own_worker).post(
        f"/api/v1/trajectories/{trajectory.id}/plan",
        {"start_date": "2026-03-01", "evaluation_date": "2026-06-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "al een gezinsplan" in str(response.json())
    assert HouseholdPlan.objects.count() == 1


def test_evaluation_date_before_start_is_refused(world, trajectory):
    client = api_client(world.own_worker)
    response = client.post(
        f"/api/v1/trajectories/{trajectory.id}/plan",
        {"start_date": "2026-03-01", "evaluation_date": "2026-02-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "voor de startdatum" in response.json()["errors"]["evaluation_date"][0]
    assert not HouseholdPlan.objects.exists()
    plan = make_plan(world, trajectory, goals=0)
    patch = client.patch(
        f"/api/v1/plans/{plan.id}",
        {"version": plan.version, "start_date": "2026-03-01", "evaluation_date": "2026-01-01"},
        format="json",
    )
    assert patch.status_code == 400 and "evaluation_date" in patch.json()["errors"]
    # The HTML form says the same, on the field.
    page = web_client(world.own_worker).post(
        f"/plannen/{plan.id}/bewerken/",
        {"version": plan.version, "start_date": "2026-03-01", "evaluation_date": "2026-01-01"},
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert 'id="id_evaluation_date_error"' in html and re.search(
        r'aria-describedby="[^"]*id_evaluation_date_error', html
    )
    plan.refresh_from_db()
    assert plan.evaluation_date == dt.date(2026, 6, 1)


@pytest.mark.parametrize("payload_change", [{"owner_type": ""}, {"owner_type": None}, {}])
def test_action_without_owner_is_refused(world, trajectory, payload_change):
    plan = make_plan(world, trajectory, goals=1, actions=0)
    goal = plan.goals.get()
    payload = {
        "version": plan.version,
        "description": "Bellen met de woningcorporatie",
        "due_date": "2026-04-01",
        **payload_change,
    }
    if payload_change == {}:
        payload.pop("owner_type", None)
    response = api_client(world.own_worker).post(
        f"/api/v1/plan-goals/{goal.id}/actions", payload, format="json"
    )
    assert response.status_code == 400
    assert "Kies wie deze actie doet" in response.json()["errors"]["owner_type"][0]
    assert not PlanAction.objects.exists()


def test_action_without_owner_in_the_form_keeps_what_was_typed(world, trajectory):
    plan = make_plan(world, trajectory, goals=1, actions=0)
    goal = plan.goals.get()
    response = web_client(world.own_worker).post(
        f"/plannen/doelen/{goal.id}/acties/nieuw/",
        {
            "version": plan.version,
            "description": "Bellen met de woningcorporatie",
            "owner_type": "",
            "due_date": "2026-04-01",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een actie zonder eigenaar gebeurt niet." in html
    assert 'aria-describedby="id_owner_type_error"' in html
    assert "Bellen met de woningcorporatie" in html
    assert not PlanAction.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"members": []}, "members"),
        ({"domains": []}, "domains"),
        ({"text": "  "}, "text"),
        ({"members": ["STRANGER"]}, "members"),
        ({"domains": ["astrologie"]}, "domains"),
    ],
)
def test_goal_bad_input(world, trajectory, change, field):
    from stevig.testing import factories as f

    plan = make_plan(world, trajectory, goals=0)
    stranger = f.ResidentFactory(municipality=world.municipality)
    payload = {
        "version": plan.version,
        "text": "Rust",
        "members": [str(world.parent.id)],
        "domains": ["financien"],
        **change,
    }
    payload["members"] = [str(stranger.id) if m == "STRANGER" else m for m in payload["members"]]
    response = api_client(world.own_worker).post(f"/api/v1/plans/{plan.id}/goals", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Goal.objects.exists()


def test_concurrent_api_edits_second_save_gets_409_and_nothing_is_lost(world, trajectory):
    plan = make_plan(world, trajectory, goals=1)
    goal = plan.goals.get()
    mine, theirs = api_client(world.own_worker), api_client(world.colleague)
    read_version = mine.get(f"/api/v1/plans/{plan.id}").json()["version"]
    assert theirs.get(f"/api/v1/plans/{plan.id}").json()["version"] == read_version
    first = theirs.patch(
        f"/api/v1/plan-goals/{goal.id}",
        {
            "version": read_version,
            "text": "Tekst van collega",
            "members": [str(world.parent.id)],
            "domains": ["financien"],
        },
        format="json",
    )
    assert first.status_code == 200
    second = mine.patch(
        f"/api/v1/plan-goals/{goal.id}",
        {
            "version": read_version,
            "text": "Mijn tekst",
            "members": [str(world.parent.id)],
            "domains": ["huisvesting"],
        },
        format="json",
    )
    assert second.status_code == 409
    assert second.json()["code"] == "version_conflict"
    goal.refresh_from_db()
    assert goal.text == "Tekst van collega" and goal.domains == ["financien"]
    stale_action = mine.post(
        f"/api/v1/plan-goals/{goal.id}/actions",
        {"version": read_version, "description": "x", "owner_type": "team", "due_date": "2026-04-01"},
        format="json",
    )
    assert stale_action.status_code == 409
    assert mine.delete(f"/api/v1/plan-goals/{goal.id}?version={read_version}").status_code == 409
    assert Goal.objects.filter(id=goal.id).exists()


def test_concurrent_page_edits_second_save_is_refused_with_a_message_and_typed_values(world, trajectory):
    plan = make_plan(world, trajectory, goals=1)
    goal = plan.goals.get()
    mine, theirs = web_client(world.own_worker), web_client(world.colleague)
    url = f"/plannen/doelen/{goal.id}/bewerken/"
    seen = mine.get(url).context["form"].initial["version"]
    assert theirs.get(url).context["form"].initial["version"] == seen
    assert (
        theirs.post(
            url,
            {
                "version": seen,
                "text": "Tekst van collega",
                "members": [str(world.parent.id)],
                "domains": ["financien"],
            },
        ).status_code
        == 302
    )
    response = mine.post(
        url,
        {
            "version": seen,
            "text": "Mijn eigen zorgvuldige tekst",
            "members": [str(world.parent.id)],
            "domains": ["huisvesting"],
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft het plan net gewijzigd" in html
    assert "Mijn eigen zorgvuldige tekst" in html  # what was typed is still on the screen
    goal.refresh_from_db()
    assert goal.text == "Tekst van collega"
    # The form now carries the current version: a deliberate second save goes through.
    plan.refresh_from_db()
    assert f'name="version" value="{plan.version}"' in html
    again = mine.post(
        url,
        {
            "version": plan.version,
            "text": "Mijn eigen zorgvuldige tekst",
            "members": [str(world.parent.id)],
            "domains": ["huisvesting"],
        },
    )
    assert again.status_code == 302


def test_writes_are_logged_with_the_members_concerned(world, trajectory):
    plan = make_plan(world, trajectory, goals=1, actions=0)
    goal = plan.goals.get()
    api_client(world.own_worker).post(
        f"/api/v1/plan-goals/{goal.id}/actions",
        {"version": plan.version, "description": "x", "owner_type": "team", "due_date": "2026-04-01"},
        format="json",
    )
    from stevig.audit.models import AccessLogEntry

    entry = AccessLogEntry.objects.filter(user_id=world.own_worker.id, action="create").latest("id")
    assert (
        last_entry(world.own_worker).action == "read"
    )  # the response shows the plan: that read is logged too
    assert (entry.action, entry.outcome, entry.part, entry.object_type) == (
        "create",
        "allowed",
        "plan",
        "plan_action",
    )
    assert entry.resident_ids == [str(world.parent.id)]


@pytest.mark.parametrize("persona", PERSONAS)
def test_plan_page_and_api_per_persona(world, trajectory, persona):
    plan = make_plan(world, trajectory, goals=1)
    version = services.agree_plan(
        actor=actor(world.own_worker),
        plan_id=plan.id,
        expected_version=plan.version,
        agreed_on=dt.date(2026, 3, 2),
        agreed_how="gesprek",
    )
    user = getattr(world, persona)
    web, api = web_client(user), api_client(user)
    urls_web = [
        f"/plannen/traject/{trajectory.id}/",
        f"/plannen/versies/{version.id}/",
        f"/plannen/{plan.id}/doelen/nieuw/",
        f"/plannen/{plan.id}/afspreken/",
    ]
    urls_api = [
        f"/api/v1/trajectories/{trajectory.id}/plan",
        f"/api/v1/plans/{plan.id}",
        f"/api/v1/plans/{plan.id}/versions",
        f"/api/v1/plan-versions/{version.id}",
    ]
    for url in urls_web:
        response = web.get(url)
        entry = last_entry(user)
        if persona in ALLOWED:
            assert response.status_code == 200, url
            assert entry.outcome == "allowed"
        else:
            assert response.status_code == denied_status(persona), url
            assert "El Amrani" not in response.content.decode()
            assert (entry.action, entry.outcome) == ("read", "denied"), url
    for url in urls_api:
        response = api.get(url)
        entry = last_entry(user)
        if persona in ALLOWED:
            assert response.status_code == 200, url
            assert entry.outcome == "allowed"
        else:
            assert response.status_code == api_denied_status(persona), url
            assert entry.outcome == "denied", url
    write = api.post(
        f"/api/v1/plans/{plan.id}/goals",
        {
            "version": plan.version + 1,
            "text": "x",
            "members": [str(world.parent.id)],
            "domains": ["financien"],
        },
        format="json",
    )
    if persona in ALLOWED:
        assert write.status_code == 201
    else:
        assert write.status_code == api_denied_status(persona)
        assert (last_entry(user).action, last_entry(user).outcome) == ("create", "denied")
        assert Goal.objects.count() == 1


def test_unknown_plan_is_404_and_logged(world):
    assert api_client(world.own_worker).get(f"/api/v1/plans/{uuid.uuid4()}").status_code == 404
    assert last_entry(world.own_worker).outcome == "denied"


def test_no_plan_yet_shows_the_create_form(world, trajectory):
    response = web_client(world.own_worker).get(f"/plannen/traject/{trajectory.id}/")
    assert response.status_code == 200
    assert "Plan maken" in response.content.decode()
    assert api_client(world.own_worker).get(f"/api/v1/trajectories/{trajectory.id}/plan").status_code == 404
    created = web_client(world.own_worker).post(
        f"/plannen/traject/{trajectory.id}/", {"start_date": "2026-03-01", "evaluation_date": "2026-05-01"}
    )
    assert created.status_code == 302
    assert HouseholdPlan.objects.get().trajectory == trajectory


def test_plan_page_and_api_query_counts_are_constant(world, trajectory):
    plan = make_plan(world, trajectory, goals=1, actions=1)
    services.agree_plan(
        actor=actor(world.own_worker),
        plan_id=plan.id,
        expected_version=plan.version,
        agreed_on=dt.date(2026, 3, 2),
        agreed_how="gesprek",
    )
    web, api = web_client(world.own_worker), api_client(world.own_worker)
    page = f"/plannen/traject/{trajectory.id}/"
    endpoint = f"/api/v1/plans/{plan.id}"
    versions = f"/api/v1/plans/{plan.id}/versions"
    few = [
        count_queries(lambda u=u, c=c: c.get(u)) for c, u in ((web, page), (api, endpoint), (api, versions))
    ]
    me = actor(world.own_worker)
    plan.refresh_from_db()
    for g in range(6):
        goal = services.add_goal(
            actor=me,
            plan_id=plan.id,
            expected_version=plan.version,
            text=f"Extra {g}",
            member_ids=[world.parent.id, world.child.id],
            domains=["financien", "school"],
        )
        plan.refresh_from_db()
        for a in range(3):
            services.add_action(
                actor=me,
                goal_id=goal.id,
                expected_version=plan.version,
                description=f"A{a}",
                owner_type="team",
                due_date=dt.date(2026, 4, 1),
            )
            plan.refresh_from_db()
        services.agree_plan(
            actor=me,
            plan_id=plan.id,
            expected_version=plan.version,
            agreed_on=dt.date(2026, 3, 2),
            agreed_how="digitaal",
        )
        plan.refresh_from_db()
    many = [
        count_queries(lambda u=u, c=c: c.get(u)) for c, u in ((web, page), (api, endpoint), (api, versions))
    ]
    assert many == few


def test_patch_changes_only_the_sent_fields(world, trajectory):
    """PATCH of a plan, a goal and an action is a true partial update: the fields not sent keep their
    value; `version` is required and a stale one is a 409 (issue 13 point 7)."""
    plan = make_plan(world, trajectory, goals=1, actions=1)
    goal = plan.goals.get()
    action = goal.actions.get()
    client = api_client(world.own_worker)
    evaluation = client.patch(
        f"/api/v1/plans/{plan.id}", {"version": plan.version, "evaluation_date": "2026-07-01"}, format="json"
    )
    assert evaluation.status_code == 200, evaluation.json()
    plan.refresh_from_db()
    assert (plan.start_date, plan.evaluation_date) == (dt.date(2026, 3, 1), dt.date(2026, 7, 1))
    text = client.patch(
        f"/api/v1/plan-goals/{goal.id}", {"version": plan.version, "text": "Nieuw"}, format="json"
    )
    assert text.status_code == 200, text.json()
    goal.refresh_from_db()
    assert goal.text == "Nieuw" and goal.domains == ["financien"]
    assert list(goal.members.values_list("id", flat=True)) == [world.parent.id]
    plan.refresh_from_db()
    done = client.patch(
        f"/api/v1/plan-actions/{action.id}", {"version": plan.version, "done_on": "2026-03-02"}, format="json"
    )
    assert done.status_code == 200, done.json()["errors"]
    action.refresh_from_db()
    assert (action.done_on, action.description, action.owner_name) == (dt.date(2026, 3, 2), "Actie 0", "Zus")
    assert action.due_date == dt.date(2026, 4, 1)
    missing = client.patch(f"/api/v1/plan-actions/{action.id}", {"done_on": None}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()["errors"]
    stale = client.patch(f"/api/v1/plan-goals/{goal.id}", {"version": 1, "text": "Oud"}, format="json")
    assert stale.status_code == 409
    goal.refresh_from_db()
    assert goal.text == "Nieuw"

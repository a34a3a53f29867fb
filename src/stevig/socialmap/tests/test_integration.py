"""The hooks into the shell: timeline items, the start-page panel with follow-ups, the menu item."""

import datetime as dt

import pytest

from stevig.analysis.services import record_analysis
from stevig.core.context import Actor
from stevig.plans import services as plans
from stevig.socialmap import services
from stevig.socialmap.models import Facility
from stevig.testing.personas import web_client
from stevig.trajectories import timeline

pytestmark = pytest.mark.django_db


def test_timeline_shows_analyses_agreed_plans_and_referrals(world, trajectory):
    me = Actor(user=world.own_worker, access_point="test")
    record_analysis(
        actor=me,
        trajectory_id=trajectory.id,
        resident_id=world.parent.id,
        analysed_on=dt.date(2026, 2, 1),
        scores=[{"domain": "financien", "score": 2}],
    )
    plan = plans.create_plan(
        actor=me,
        trajectory_id=trajectory.id,
        start_date=dt.date(2026, 2, 2),
        evaluation_date=dt.date(2026, 5, 1),
    )
    plans.add_goal(
        actor=me,
        plan_id=plan.id,
        expected_version=plan.version,
        text="Rust",
        member_ids=[world.parent.id],
        domains=["financien"],
    )
    plans.agree_plan(
        actor=me,
        plan_id=plan.id,
        expected_version=plan.version + 1,
        agreed_on=dt.date(2026, 2, 3),
        agreed_how="gesprek",
    )
    services.seed_example_facilities(world.municipality)
    maatje = Facility.objects.get(municipality=world.municipality, name="SchuldHulpMaatje")
    services.create_referral(
        actor=me,
        trajectory_id=trajectory.id,
        facility_id=maatje.id,
        resident_ids=[world.parent.id],
        referred_on=dt.date(2026, 2, 4),
        follow_up_on=dt.date(2026, 2, 18),
    )
    items = timeline.collect(world.household, me)
    kinds = {item.kind: item for item in items}
    assert {"analyse", "plan", "verwijzing"} <= set(kinds)
    assert kinds["analyse"].url == f"/analyse/traject/{trajectory.id}/"
    assert "SchuldHulpMaatje" in kinds["verwijzing"].title


def test_start_page_panel_lists_follow_ups_due(world, trajectory):
    me = Actor(user=world.own_worker, access_point="test")
    services.seed_example_facilities(world.municipality)
    maatje = Facility.objects.get(municipality=world.municipality, name="SchuldHulpMaatje")
    services.create_referral(
        actor=me,
        trajectory_id=trajectory.id,
        facility_id=maatje.id,
        resident_ids=[world.parent.id],
        referred_on=dt.date(2026, 2, 4),
        follow_up_on=dt.date(2026, 2, 18),
    )
    html = web_client(world.own_worker).get("/").content.decode()
    assert 'data-panel="socialmap-follow-ups"' in html and "SchuldHulpMaatje" in html and "te laat" in html
    assert "Sociale kaart" in html  # the menu item
    from stevig.audit.models import AccessLogEntry

    logged = AccessLogEntry.objects.filter(
        user_id=world.own_worker.id, part="werklijst", object_type="referral"
    )
    assert logged.get().resident_ids == [str(world.parent.id)]  # the panel's read is logged
    other = web_client(world.other_team_worker).get("/").content.decode()
    assert "SchuldHulpMaatje" not in other

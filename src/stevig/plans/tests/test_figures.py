"""Figures for policy: aggregated shares, small groups suppressed, only the policy role."""

import datetime as dt

import pytest
from django.utils import timezone

from stevig.analysis.models import Analysis
from stevig.analysis.tests.helpers import last_entry, open_trajectory
from stevig.core.suppression import Period
from stevig.patterns.services import refresh
from stevig.plans.figures import MIN_GROUP, plan_figures
from stevig.plans.models import Goal, HouseholdPlan, PlanAction, PlanVersion
from stevig.socialmap.models import Facility, Referral
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, api_client

pytestmark = pytest.mark.django_db


def trajectory_with(
    world,
    *,
    municipality=None,
    agreed_on=None,
    analysed_on=None,
    owner=None,  # type: ignore[no-untyped-def]
    referral=False,
):
    municipality = municipality or world.municipality
    household = f.HouseholdFactory(
        municipality=municipality, team=world.team if municipality == world.municipality else None
    )
    resident = f.add_member(household)
    trajectory = open_trajectory(world, household=household)
    if municipality != world.municipality:
        trajectory.team = f.TeamFactory(municipality=municipality)
        trajectory.save()
    plan = HouseholdPlan.objects.create(
        municipality=municipality,
        trajectory=trajectory,
        start_date=dt.date(2026, 1, 1),
        evaluation_date=dt.date(2026, 6, 1),
        created_by=world.own_worker,
    )
    goal = Goal.objects.create(municipality=municipality, plan=plan, text="Doel", domains=["financien"])
    if owner:
        PlanAction.objects.create(
            municipality=municipality,
            goal=goal,
            description="x",
            owner_type=owner,
            due_date=dt.date(2026, 3, 1),
        )
    if agreed_on:
        PlanVersion.objects.create(
            municipality=municipality,
            plan=plan,
            number=1,
            agreed_on=agreed_on,
            agreed_how="gesprek",
            snapshot={},
            recorded_by=world.own_worker,
        )
    if analysed_on:
        Analysis.objects.create(
            municipality=municipality,
            trajectory=trajectory,
            resident=resident,
            analysed_on=analysed_on,
            created_by=world.own_worker,
        )
    if referral:
        facility = Facility.objects.create(
            municipality=municipality,
            name=f"V {trajectory.id}",
            sphere="collectief",
            kind="overig",
            purpose="x",
            contact="x",
        )
        Referral.objects.create(
            municipality=municipality,
            trajectory=trajectory,
            facility=facility,
            referred_on=dt.date(2026, 2, 1),
            follow_up_on=dt.date(2026, 2, 8),
            created_by=world.own_worker,
        )
    return trajectory


@pytest.fixture
def twelve(world):  # type: ignore[no-untyped-def]
    agreed = dt.date(2026, 2, 1)
    before, after = dt.date(2026, 1, 15), dt.date(2026, 2, 15)
    specs = (
        [{"analysed_on": before, "owner": "netwerk"}] * 3
        + [{"analysed_on": before, "owner": "sociale_basis"}] * 2
        + [{"analysed_on": before, "referral": True}]
        + [{"analysed_on": before, "owner": "team"}] * 2
        + [{"analysed_on": after, "owner": "inwoner"}] * 2
        + [{"owner": "specialist"}] * 2
    )
    for spec in specs:
        trajectory_with(world, agreed_on=agreed, **spec)
    # Another municipality's trajectories never count here.
    for _ in range(3):
        trajectory_with(
            world,
            municipality=world.other_municipality,
            agreed_on=agreed,
            analysed_on=before,
            owner="netwerk",
        )


def test_shares_are_served_from_the_summary_tables(world, twelve, django_assert_max_num_queries):
    refresh(municipality_id=world.municipality.id)
    this_year = Period(timezone.localdate().year)
    with django_assert_max_num_queries(2):  # the summary counts of the year and their refresh time
        figures = plan_figures(municipality_id=world.municipality.id, period=this_year)
    # 8 of 12 with the analysis first: the rest (4) is a small group, so the share is not shown at all (a
    # bound would give the 4 away beside the published table; stevig.core.suppression).
    assert figures.analysis_before_plan.suppressed and figures.analysis_before_plan.numerator is None
    assert (figures.network_or_social_basis.numerator, figures.network_or_social_basis.denominator) == (6, 12)
    assert figures.network_or_social_basis.share_percent == 50
    assert figures.refreshed_at is not None and figures.period == str(this_year)


def test_small_groups_are_suppressed(world):
    for _ in range(MIN_GROUP - 1):
        trajectory_with(
            world, agreed_on=dt.date(2026, 2, 1), analysed_on=dt.date(2026, 1, 1), owner="netwerk"
        )
    refresh(municipality_id=world.municipality.id)
    figures = plan_figures(municipality_id=world.municipality.id, period=Period(timezone.localdate().year))
    assert figures.analysis_before_plan.suppressed and figures.analysis_before_plan.share_percent is None
    assert figures.network_or_social_basis.numerator is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_policy_gets_the_figures(world, twelve, persona):
    refresh(municipality_id=world.municipality.id)
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/figures/plans")
    if persona == "policy":
        assert response.status_code == 200
        body = response.json()
        assert body["network_or_social_basis"] == {
            "numerator": 6,
            "denominator": 12,
            "share_percent": 50,
            "suppressed": False,
            "bound": "",
        }
        assert body["analysis_before_plan"]["suppressed"] is True
        assert "El Amrani" not in response.content.decode()
        entry = last_entry(user)
        assert (entry.part, entry.resident_ids, entry.purpose) == ("cijfers", [], "beleid")
    else:
        assert response.status_code == 403


def test_period_filter_and_bad_period(world, twelve):
    client = api_client(world.policy)
    future = client.get("/api/v1/figures/plans?opened_from=2030-01-01&opened_until=2030-12-31").json()
    assert future["analysis_before_plan"]["suppressed"] is True
    assert (
        client.get("/api/v1/figures/plans?opened_from=2026-03-01&opened_until=2026-01-01").status_code == 400
    )
    assert client.get("/api/v1/figures/plans?opened_from=gisteren").status_code == 400
    # Not one quarter or year: two such ranges could isolate a small group by their difference.
    response = client.get("/api/v1/figures/plans?opened_from=2026-01-01&opened_until=2026-02-10")
    assert response.status_code == 400 and "periode" in response.json()["errors"]
    response = client.get("/api/v1/figures/plans?periode=2026-K5")
    assert response.status_code == 400 and "periode" in response.json()["errors"]
    assert client.get("/api/v1/figures/plans?periode=2026-K1").json()["period"] == "2026-K1"


def test_anonymous_gets_401(world):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/figures/plans").status_code == 401

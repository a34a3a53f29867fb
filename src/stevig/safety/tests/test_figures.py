"""Policy figures for principles 12 and 9: through the shared registry and its small-number suppression."""

import datetime as dt

import pytest
from django.utils import timezone

from stevig.core.suppression import Period
from stevig.patterns.figures import Summaries
from stevig.patterns.services import refresh
from stevig.safety.figures import safety_figures
from stevig.safety.models import SafetyTrack
from stevig.testing import factories as f
from stevig.testing.personas import web_client
from stevig.trajectories import figures as registry
from stevig.trajectories import services
from stevig.trajectories.tests.conftest import actor_for
from stevig.transitions.figures import transition_figures

pytestmark = pytest.mark.django_db


def _tracks(world, trajectory, n: int, *, decided_after_days: int | None) -> None:
    for _ in range(n):
        if decided_after_days is None:  # one open track per trajectory
            household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
            f.add_member(household)
            trajectory = services.open_trajectory(
                actor=actor_for(world.own_worker), household_id=household.id
            )
        track = SafetyTrack.objects.create(
            municipality=world.municipality,
            trajectory=trajectory,
            household=world.household,
            source="signalen",
            opened_by=world.own_worker,
            status="afgerond" if decided_after_days is not None else "open",
            outcome="hulp" if decided_after_days is not None else "",
        )
        if decided_after_days is not None:
            SafetyTrack.objects.filter(id=track.id).update(
                decided_on=track.opened_at.date() + dt.timedelta(days=decided_after_days)
            )


def _figures(world):  # type: ignore[no-untyped-def]
    refresh(municipality_id=world.municipality.id)
    period = Period(timezone.localdate().year)
    summaries = Summaries.load(world.municipality.id, period.year)
    return {f.key: f for f in safety_figures(summaries, period) + transition_figures(summaries, period)}


def test_safety_figures_from_the_summary_tables(world, trajectory):
    _tracks(world, trajectory, 3, decided_after_days=2)
    small = _figures(world)
    assert small["safety_tracks_decided"].suppressed  # fewer than 10 cases: not shown
    _tracks(world, trajectory, 9, decided_after_days=20)
    _tracks(world, trajectory, 1, decided_after_days=None)
    figures = _figures(world)
    # 12 of 13 decided: the one undecided track is a small remainder, so the share is not shown; neither is
    # 3 of 12 decided within 14 days.
    assert figures["safety_tracks_decided"].suppressed
    assert figures["safety_tracks_decided_within_14_days"].suppressed
    _tracks(world, trajectory, 5, decided_after_days=None)
    _tracks(world, trajectory, 3, decided_after_days=1)
    figures = _figures(world)
    decided = figures["safety_tracks_decided"]
    assert (decided.numerator, decided.denominator, decided.percentage) == (15, 21, 71)
    fast = figures["safety_tracks_decided_within_14_days"]
    assert (fast.numerator, fast.denominator, fast.percentage) == (6, 15, 40)
    assert {"safety", "transitions", "decisions"} <= set(registry._SOURCES)


def test_transition_figure_is_suppressed_for_small_groups(world):
    figure = _figures(world)["youth_17_5_with_future_plan"]
    assert figure.suppressed


def test_only_policy_sees_the_figures_page(world):
    assert web_client(world.policy).get("/trajecten/cijfers/").status_code == 200
    assert web_client(world.own_worker).get("/trajecten/cijfers/").status_code == 403

"""Policy figures for principles 12 and 9: through the shared registry and its small-number suppression."""

import datetime as dt

import pytest

from stevig.safety.figures import safety_figures
from stevig.safety.models import SafetyTrack
from stevig.testing.personas import web_client
from stevig.trajectories import figures as registry
from stevig.transitions.figures import transition_figures

pytestmark = pytest.mark.django_db


def _tracks(world, trajectory, n: int, *, decided_after_days: int | None) -> None:
    for _ in range(n):
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


def test_safety_figures_with_suppression(world, trajectory):
    today = dt.date(2026, 3, 2)
    _tracks(world, trajectory, 3, decided_after_days=2)
    small = {f.key: f for f in safety_figures(world.municipality.id, None, today)}
    assert small["safety_tracks_decided"].suppressed  # fewer than 10 cases: not shown
    _tracks(world, trajectory, 9, decided_after_days=20)
    _tracks(world, trajectory, 1, decided_after_days=None)
    figures = {f.key: f for f in safety_figures(world.municipality.id, None, today)}
    decided = figures["safety_tracks_decided"]
    # 12 of 13 decided; the one undecided track is a small remainder: only a bound is shown.
    assert decided.denominator == 13 and decided.bound and not decided.suppressed
    fast = figures["safety_tracks_decided_within_14_days"]
    assert fast.denominator == 12 and fast.bound  # 3 of 12: the small part gives only a bound
    assert {"safety", "transitions", "decisions"} <= set(registry._SOURCES)


def test_transition_figure_is_suppressed_for_small_groups(world):
    [figure] = transition_figures(world.municipality.id, dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert figure.key == "youth_17_5_with_future_plan" and figure.suppressed


def test_only_policy_sees_the_figures_page(world):
    assert web_client(world.policy).get("/trajecten/cijfers/").status_code == 200
    assert web_client(world.own_worker).get("/trajecten/cijfers/").status_code == 403

import datetime as dt

import pytest
from django.test import RequestFactory

from stevig.core.context import Actor
from stevig.tenancy.models import ExpertiseTag
from stevig.trajectories import services
from stevig.trajectories.models import Phase, Trajectory


def actor_for(user, channel: str = "web") -> Actor:
    return Actor(user=user, access_point="127.0.0.1", channel=channel)


@pytest.fixture
def rf():
    return RequestFactory()


@pytest.fixture
def trajectory(world) -> Trajectory:
    return services.open_trajectory(
        actor=actor_for(world.own_worker), household_id=world.household.id, opened_from="Wij hebben schulden."
    )


@pytest.fixture
def tags(world) -> dict[str, ExpertiseTag]:
    names = ["GGZ", "LVB", "schulden", "opvoeding", "verslaving"]
    return {n: ExpertiseTag.objects.create(municipality=world.municipality, name=n) for n in names}


def move_to(trajectory: Trajectory, user, *path: str) -> Trajectory:
    """Walk a trajectory through phases (waakvlam with a six-week cadence)."""
    for phase in path:
        trajectory.refresh_from_db()
        extra = {"cadence_number": 6, "cadence_unit": "weken"} if phase == Phase.PILOT_LIGHT else {}
        services.change_phase(
            actor=actor_for(user),
            trajectory_id=trajectory.id,
            expected_version=trajectory.version,
            to_phase=phase,
            reason=f"naar {phase}",
            **extra,
        )
    trajectory.refresh_from_db()
    return trajectory


TODAY = dt.date(2026, 3, 2)

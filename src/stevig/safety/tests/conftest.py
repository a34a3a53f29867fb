import datetime as dt

import pytest
import time_machine

from stevig.core.context import Actor
from stevig.safety import services
from stevig.safety.models import SafetyTrack
from stevig.testing.factories import involve
from stevig.trajectories import services as trajectory_services
from stevig.trajectories.models import Trajectory

# "Today" in these tests: Monday 2 March 2026.
TODAY = dt.date(2026, 3, 2)


def actor_for(user, channel: str = "web") -> Actor:
    return Actor(user=user, access_point="127.0.0.1", channel=channel)


@pytest.fixture(autouse=True)
def clock(request):  # type: ignore[no-untyped-def]
    if request.node.get_closest_marker("browser"):
        yield  # the browser's TOTP codes need the real clock
        return
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=True):
        yield


@pytest.fixture
def trajectory(world) -> Trajectory:
    return trajectory_services.open_trajectory(
        actor=actor_for(world.own_worker), household_id=world.household.id, opened_from="Zorgen thuis."
    )


@pytest.fixture
def track(world, trajectory) -> SafetyTrack:
    """An open track, opened by the vast aanspreekpunt; the coordinator is involved in the household
    (so may see the trajectory) but not named."""
    involve(world.household, world.coordinator, kind="betrokken")
    return services.open_track(
        actor=actor_for(world.own_worker), trajectory_id=trajectory.id, source="signalen"
    )


def walk(track: SafetyTrack, user, *, to: int, day: dt.date = TODAY) -> SafetyTrack:
    """Record steps 1..`to` (max 3) for a track."""
    for number in range(1, to + 1):
        track.refresh_from_db()
        services.record_step(
            actor=actor_for(user),
            track_id=track.id,
            expected_version=track.version,
            number=number,
            done_on=day,
            notes=f"stap {number}",
            colleague_consulted="Fleur" if number == 2 else "",
        )
    track.refresh_from_db()
    return track

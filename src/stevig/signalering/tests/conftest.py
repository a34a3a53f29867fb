import pytest

from stevig.core.context import Actor
from stevig.signalering import services
from stevig.signalering.models import Signal
from stevig.tenancy.models import Neighbourhood
from stevig.trajectories import services as trajectory_services


def actor(user, channel: str = "web") -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="127.0.0.1", channel=channel)


@pytest.fixture
def north(world) -> Neighbourhood:  # type: ignore[no-untyped-def]
    return Neighbourhood.objects.get(municipality=world.municipality, name="Noord")


@pytest.fixture
def trajectory(world):  # type: ignore[no-untyped-def]
    return trajectory_services.open_trajectory(
        actor=actor(world.own_worker), household_id=world.household.id, opened_from="Wij hebben schulden."
    )


def raise_signal(world, north, user=None, **overrides) -> Signal:  # type: ignore[no-untyped-def]
    fields = {
        "actor": actor(user or world.own_worker),
        "category": "wachtlijst",
        "description": "De wachtlijst voor GGZ-behandeling voor jongeren is een half jaar.",
        "neighbourhood_id": north.id,
    }
    fields.update(overrides)
    return services.raise_signal(**fields)

import datetime as dt

import pytest
import time_machine

from stevig.core.context import Actor

# "Today" in these tests: Monday 2 March 2026.
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 2)


def actor_for(user, channel: str = "web") -> Actor:
    return Actor(user=user, access_point="127.0.0.1", channel=channel)


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def consent(world):  # type: ignore[no-untyped-def]
    from stevig.datasharing import services

    return services.record_consent(
        actor=actor_for(world.own_worker),
        household_id=world.household.id,
        resident_id=world.parent.id,
        given_on=TODAY,
        method="mondeling",
        purpose="Hulp bij schulden via Schuldhulpverlening",
        recipient="Schuldhulpverlening",
        categories=["persoonsgegevens", "brede_analyse", "financien"],
    )

import datetime as dt

import pytest
import time_machine

from stevig.analysis.tests.helpers import open_trajectory

# "Today" in these tests: Monday 2 March 2026.
TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture
def trajectory(world):  # type: ignore[no-untyped-def]
    return open_trajectory(world)

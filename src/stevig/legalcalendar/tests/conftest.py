import pytest

from stevig.legalcalendar.calendar import clear_cache


@pytest.fixture(autouse=True)
def fresh_holiday_cache():
    """Each test starts and ends with an empty per-year cache.

    A test's DecreeDay rows are rolled back without a signal, so a cache filled during the test must
    not leak into the next test in the same worker.
    """
    clear_cache()
    yield
    clear_cache()

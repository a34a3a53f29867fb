"""Open deadlines follow the legal calendar when a decree day is added, corrected or removed."""

import datetime as dt

import pytest
import time_machine

from stevig.intake.models import LegalDeadline
from stevig.intake.tests.helpers import actor, register
from stevig.legalcalendar.models import DeadlineChange, DecreeDay
from stevig.trajectories import timeline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_holiday_cache():  # type: ignore[no-untyped-def]
    """Decree days made here are rolled back without a signal: never let the cached year leak."""
    from stevig.legalcalendar.calendar import clear_cache

    clear_cache()
    yield
    clear_cache()


AMS = dt.timezone(dt.timedelta(hours=1))


def _onderzoek(question) -> LegalDeadline:
    return LegalDeadline.objects.get(question=question, clock="WMO_ONDERZOEK")


def test_adding_a_decree_day_moves_open_deadlines_and_notes_it_on_the_timeline(
    world, django_capture_on_commit_callbacks
):
    # Mon 13 Apr 2026 + 6 weeks = Whit Monday 25 May -> Tue 26 May.
    with time_machine.travel(dt.datetime(2026, 4, 13, 10, tzinfo=AMS), tick=False):
        question = register(world, kind="wmo", household_id=world.household.id)
        met = register(world, kind="wmo")
    LegalDeadline.objects.filter(question=met).update(met_at=dt.datetime(2026, 4, 14, tzinfo=dt.UTC))
    assert _onderzoek(question).due_date == dt.date(2026, 5, 26)
    with django_capture_on_commit_callbacks(execute=True):
        DecreeDay.objects.create(
            date=dt.date(2026, 5, 26), description="brugdag", decree_reference="Stb. test"
        )
    assert _onderzoek(question).due_date == dt.date(2026, 5, 27)
    assert _onderzoek(met).due_date == dt.date(2026, 5, 26)  # met deadlines are history: unchanged
    change = DeadlineChange.objects.get()
    assert (change.household_id, change.old_due, change.new_due) == (
        world.household.id,
        dt.date(2026, 5, 26),
        dt.date(2026, 5, 27),
    )
    items = [i for i in timeline.collect(world.household, actor(world.own_worker)) if i.kind == "termijn"]
    assert len(items) == 1 and "26 mei 2026" in items[0].summary and "27 mei 2026" in items[0].summary


def test_removing_a_decree_day_moves_the_date_back(world, django_capture_on_commit_callbacks):
    # Thu 2 Apr 2026 + 6 weeks = Ascension Day; Fri 15 May is a decree day -> Mon 18 May.
    with time_machine.travel(dt.datetime(2026, 4, 2, 10, tzinfo=AMS), tick=False):
        question = register(world, kind="wmo")
    assert _onderzoek(question).due_date == dt.date(2026, 5, 18)
    with django_capture_on_commit_callbacks(execute=True):
        DecreeDay.objects.get(date=dt.date(2026, 5, 15)).delete()
    assert _onderzoek(question).due_date == dt.date(2026, 5, 15)
    assert DeadlineChange.objects.get().reason.startswith("Gelijkgestelde dag 15-05-2026")

"""Open mandate requests follow the legal calendar: a decree day added moves the term (counted again from
where it started), with a note on the household timeline; handled requests keep their history."""

import datetime as dt

import pytest

from stevig.legalcalendar.models import DeadlineChange, DecreeDay
from stevig.mandates import services
from stevig.mandates.models import MandateRequest
from stevig.mandates.tests.conftest import actor_for, send
from stevig.trajectories import timeline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_holiday_cache():  # type: ignore[no-untyped-def]
    """Decree days made here are rolled back without a signal: never let the cached year leak."""
    from stevig.legalcalendar.calendar import clear_cache

    clear_cache()
    yield
    clear_cache()


def test_a_new_decree_day_moves_open_mandate_terms_and_notes_it(
    world, case, clock, django_capture_on_commit_callbacks
):
    # Sent Mon 2 Mar 2026 with a term of 10 working days: due Mon 16 Mar 2026.
    open_request = send(world, case)
    done = send(world, case)
    assert open_request.term_working_days == 10
    assert open_request.due_on == dt.date(2026, 3, 16)
    dept = actor_for(world.department_worker)
    services.accept_request(actor=dept, request_id=done.id, expected_version=1)
    services.complete_request(
        actor=dept, request_id=done.id, expected_version=2, outcome="Regeling getroffen"
    )
    with django_capture_on_commit_callbacks(execute=True):
        DecreeDay.objects.create(date=dt.date(2026, 3, 10), description="test", decree_reference="Stb. test")
    open_request.refresh_from_db()
    done.refresh_from_db()
    assert open_request.due_on == dt.date(2026, 3, 17)
    assert done.due_on == dt.date(2026, 3, 16)  # handled: its term is history
    change = DeadlineChange.objects.get(object_id=open_request.id)
    assert (change.household_id, change.clock, change.old_due, change.new_due) == (
        world.household.id,
        "MANDATE_REQUEST",
        dt.date(2026, 3, 16),
        dt.date(2026, 3, 17),
    )
    items = [i for i in timeline.collect(world.household, actor_for(world.own_worker)) if i.kind == "termijn"]
    assert len(items) == 1
    assert "Mandaatverzoek" in items[0].title and "17 maart 2026" in items[0].summary


def test_after_the_coordinator_decides_the_term_counts_from_the_decision(
    world, case, clock, django_capture_on_commit_callbacks
):
    r = send(world, case)
    services.reject_request(
        actor=actor_for(world.department_worker), request_id=r.id, expected_version=1, reason="Niet voor ons"
    )
    clock.move_to(dt.datetime(2026, 3, 6, 10, 0, tzinfo=dt.UTC))  # Friday
    services.decide(actor=actor_for(world.coordinator), request_id=r.id, expected_version=2, decision="Doen.")
    assert MandateRequest.objects.get(id=r.id).due_on == dt.date(2026, 3, 20)
    with django_capture_on_commit_callbacks(execute=True):
        DecreeDay.objects.create(date=dt.date(2026, 3, 19), description="test", decree_reference="Stb. test")
    assert MandateRequest.objects.get(id=r.id).due_on == dt.date(2026, 3, 23)

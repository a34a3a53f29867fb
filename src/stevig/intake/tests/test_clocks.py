"""The legal clocks of a question use the legal calendar (Algemene termijnenwet).

The calendar itself is tested in `stevig.legalcalendar`; here we check that registering a question of a
given kind on a given day stores the right computed due dates, around weekends and Atw holidays.
"""

import datetime as dt

import pytest
import time_machine

from stevig.intake.models import LegalDeadline
from stevig.intake.tests.helpers import actor, ask, register

pytestmark = pytest.mark.django_db

AMS = dt.timezone(dt.timedelta(hours=1))


def _due(question) -> dict[str, dt.date]:
    return dict(LegalDeadline.objects.filter(question=question).values_list("clock", "due_date"))


def _at(day: dt.date):  # type: ignore[no-untyped-def]
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=AMS), tick=False)


@pytest.mark.parametrize(
    ("melding", "plan_due", "onderzoek_due", "why"),
    [
        # Sunday melding: 7 days ends on a Sunday -> Monday; 6 weeks ends on a Sunday -> Monday.
        (dt.date(2026, 3, 1), dt.date(2026, 3, 9), dt.date(2026, 4, 13), "weekend"),
        # Friday 27 March 2026 + 7 days = Good Friday 3 April; Sat, Sun, Easter Monday 6 April -> Tuesday 7 April.
        (dt.date(2026, 3, 27), dt.date(2026, 4, 7), dt.date(2026, 5, 8), "Good Friday and Easter Monday"),
        # Monday 16 March 2026 + 6 weeks = King's Day, Monday 27 April 2026 -> Tuesday 28 April.
        (dt.date(2026, 3, 16), dt.date(2026, 3, 23), dt.date(2026, 4, 28), "King's Day"),
        # Tuesday 28 April 2026 + 7 days = 5 May 2026 (not a lustrum year, still an Atw holiday) -> 6 May.
        (dt.date(2026, 4, 28), dt.date(2026, 5, 6), dt.date(2026, 6, 9), "5 May in a non-lustrum year"),
        # Thursday 2 April 2026 + 6 weeks = Ascension Day 14 May; Friday 15 May is a decree day -> Monday 18 May.
        (
            dt.date(2026, 4, 2),
            dt.date(2026, 4, 9),
            dt.date(2026, 5, 18),
            "Ascension Day and the Friday after",
        ),
    ],
)
def test_wmo_melding_due_dates_follow_the_legal_calendar(world, melding, plan_due, onderzoek_due, why):
    with _at(melding):
        question = register(world, kind="wmo")
    due = _due(question)
    assert due["WMO_PERSOONLIJK_PLAN"] == plan_due, why
    assert due["WMO_ONDERZOEK"] == onderzoek_due, why
    # Receipt: the next working day (a working agreement; the Wmo names no term).
    assert due["WMO_RECEIPT"] > melding
    assert all(d.weekday() < 5 for d in due.values())


def test_public_wmo_question_counts_from_the_day_it_was_sent_and_confirms_receipt(world):
    with _at(dt.date(2026, 3, 27)):
        question = ask(world, topic="wmo")
    rows = {d.clock: d for d in LegalDeadline.objects.filter(question=question)}
    assert rows["WMO_PERSOONLIJK_PLAN"].due_date == dt.date(2026, 4, 7)
    assert rows["WMO_ONDERZOEK"].due_date == dt.date(2026, 5, 8)
    # The confirmation page with the reference code confirms receipt.
    assert rows["WMO_RECEIPT"].met_at is not None


def test_wgs_first_conversation_four_weeks_or_three_working_days_when_eviction_threatens(world):
    with _at(dt.date(2026, 4, 2)):  # Thursday before Good Friday
        normal = register(world, kind="wgs")
        urgent = register(world, kind="wgs", eviction_or_cutoff_threat=True)
    assert _due(normal) == {"WGS_EERSTE_GESPREK": dt.date(2026, 4, 30)}
    # Good Friday 3 April and Easter Monday 6 April do not count: Tue 7, Wed 8, Thu 9 April.
    assert _due(urgent) == {"WGS_EERSTE_GESPREK_SPOED": dt.date(2026, 4, 9)}
    assert urgent.first_contact_due == dt.date(2026, 4, 9)


def test_a_jeugdwet_or_participatiewet_question_starts_no_decision_clock(world):
    """Awb 4:13: the decision term runs from the aanvraag, not from a question. A Jeugdwet question of
    Thursday 19 March 2026 must not show 'overdue' from 19 May; the aanvraag (decisions app) starts it."""
    with _at(dt.date(2026, 3, 19)):
        youth = register(world, kind="jeugdwet")
        income = register(world, kind="participatiewet")
        general = register(world, kind="algemeen")
    assert _due(youth) == {}
    assert _due(income) == {}
    assert _due(general) == {}


def test_wgs_cancelled_health_insurance_gets_three_working_days_only_as_debt_help(world):
    """Wgs art. 4a lid 2 names opzegging/ontbinding of the zorgverzekering. A question of Thursday 2 April
    2026 about a cancelled health insurance: first conversation by Thursday 9 April (Good Friday and Easter
    Monday do not count). The same threat on a question not classed as debt help starts no Wgs clock."""
    with _at(dt.date(2026, 4, 2)):
        insurance = register(world, kind="wgs", eviction_or_cutoff_threat=True)
        not_debt_help = register(world, kind="algemeen", eviction_or_cutoff_threat=True)
    assert _due(insurance) == {"WGS_EERSTE_GESPREK_SPOED": dt.date(2026, 4, 9)}
    assert _due(not_debt_help) == {}
    assert not_debt_help.first_contact_due != dt.date(2026, 4, 9)


def test_an_email_is_no_first_conversation_for_debt_help(world):
    from stevig.intake.models import FirstContact
    from stevig.intake.services import record_first_contact

    with _at(dt.date(2026, 4, 2)):
        question = register(world, kind="wgs", eviction_or_cutoff_threat=True)
        record_first_contact(
            actor=actor(world.own_worker),
            question_id=question.id,
            contact_date=dt.date(2026, 4, 2),
            channel=FirstContact.ContactChannel.EMAIL,
            clientondersteuning_offered=True,
        )
    row = LegalDeadline.objects.get(question=question)
    assert row.met_at is None  # still open: an e-mail is not the eerste gesprek of Wgs art. 4a


def test_deadlines_are_computed_never_typed(world, settings):
    """The API and the form accept no due date; a received date in the past moves every due date with it."""
    with _at(dt.date(2026, 4, 10)):
        question = register(world, kind="wmo", received_on=dt.date(2026, 3, 27))
    assert _due(question)["WMO_PERSOONLIJK_PLAN"] == dt.date(2026, 4, 7)

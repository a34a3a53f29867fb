"""Legal clocks: Awb counting, Atw art. 1 and 2 extensions, working-day terms, days_left."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from stevig.legalcalendar.clocks import RULES, Clock, Unit, days_left, deadline, explain_deadline
from stevig.legalcalendar.models import DecreeDay

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_every_clock_has_a_rule():
    assert set(RULES) == set(Clock)
    assert {clock for clock, rule in RULES.items() if rule.amount is None} == {Clock.MANDATE_REQUEST}


def test_six_weeks_from_a_monday_ends_on_the_monday_six_weeks_later():
    assert deadline(Clock.WMO_ONDERZOEK, date(2026, 3, 2)) == date(2026, 4, 13)
    result = explain_deadline(Clock.WMO_ONDERZOEK, date(2026, 3, 2))
    assert result.term_end == result.due
    assert result.skipped == ()
    assert result.term == "6 weken"


@pytest.mark.parametrize(
    ("clock", "start", "due"),
    [
        (Clock.WMO_ONDERZOEK, date(2026, 4, 1), date(2026, 5, 13)),  # Wednesday, the day before Ascension
        (Clock.WMO_BESCHIKKING, date(2026, 3, 10), date(2026, 3, 24)),
        (Clock.JEUGDWET_BESCHIKKING, date(2026, 1, 13), date(2026, 3, 10)),
        (Clock.WGS_EERSTE_GESPREK, date(2026, 2, 2), date(2026, 3, 2)),
        (Clock.BEZWAAR_INDIENEN, date(2026, 6, 3), date(2026, 7, 15)),
        (Clock.BEZWAAR_BESLISSEN, date(2026, 6, 3), date(2026, 7, 15)),
        (Clock.BEZWAAR_BESLISSEN_ADVIESCOMMISSIE, date(2026, 6, 3), date(2026, 8, 26)),
        (Clock.WMO_PERSOONLIJK_PLAN, date(2026, 3, 10), date(2026, 3, 17)),
        (Clock.WMO_RECEIPT, date(2026, 3, 13), date(2026, 3, 16)),  # Friday -> next working day Monday
        (Clock.VEILIG_THUIS_BEOORDELING, date(2026, 3, 9), date(2026, 3, 16)),
    ],
)
def test_plain_terms(clock, start, due):
    assert deadline(clock, start) == due


def test_six_week_wmo_term_ending_on_whit_monday_moves_to_tuesday():
    result = explain_deadline(Clock.WMO_ONDERZOEK, date(2026, 4, 13))
    assert result.term_end == date(2026, 5, 25)
    assert result.due == date(2026, 5, 26)
    assert [(d.date, d.reason) for d in result.skipped] == [(date(2026, 5, 25), "Tweede pinksterdag")]
    assert any("artikel 1" in step for step in result.steps)
    assert "dinsdag 26 mei 2026" in result.steps[-1]


def test_six_week_wmo_term_ending_on_ascension_day_skips_the_decree_friday_and_the_weekend():
    result = explain_deadline(Clock.WMO_ONDERZOEK, date(2026, 4, 2))
    assert result.term_end == date(2026, 5, 14)
    assert result.due == date(2026, 5, 18)
    assert [(d.date, d.reason) for d in result.skipped] == [
        (date(2026, 5, 14), "Hemelvaartsdag"),
        (date(2026, 5, 15), "vrijdag na Hemelvaartsdag"),
        (date(2026, 5, 16), "zaterdag"),
        (date(2026, 5, 17), "zondag"),
    ]
    assert "donderdag 14 mei 2026" in result.steps[1]


def test_term_ending_on_fifth_of_may_in_a_non_lustrum_year():
    # 8 weeks from Wednesday 10 March 2027 ends on Wednesday 5 May 2027; Thursday 6 May is Ascension,
    # Friday 7 May the decree day, then the weekend.
    assert deadline(Clock.JEUGDWET_BESCHIKKING, date(2027, 3, 10)) == date(2027, 5, 10)
    # 2 weeks from Tuesday 21 April 2026 ends on Tuesday 5 May 2026.
    assert deadline(Clock.WMO_BESCHIKKING, date(2026, 4, 21)) == date(2026, 5, 6)


def test_term_ending_on_kings_day():
    assert deadline(Clock.BEZWAAR_BESLISSEN, date(2026, 3, 16)) == date(2026, 4, 28)


def test_seven_day_term_ending_on_good_friday_skips_easter():
    result = explain_deadline(Clock.WMO_PERSOONLIJK_PLAN, date(2026, 3, 27))
    assert result.term_end == date(2026, 4, 3)
    assert result.due == date(2026, 4, 7)
    assert [d.reason for d in result.skipped] == ["Goede Vrijdag", "zaterdag", "zondag", "Tweede paasdag"]


def test_objection_term_across_new_year():
    # Six weeks from Thursday 20 November 2025 ends on Nieuwjaarsdag 2026; Friday 2 January is a decree day.
    assert deadline(Clock.BEZWAAR_INDIENEN, date(2025, 11, 20)) == date(2026, 1, 5)


def test_three_working_day_wgs_term_started_on_the_thursday_before_easter():
    result = explain_deadline(Clock.WGS_EERSTE_GESPREK_SPOED, date(2026, 4, 2))
    # Good Friday, the weekend and Easter Monday do not count: Tue 7, Wed 8, Thu 9 April.
    assert result.due == date(2026, 4, 9)
    assert [(d.date, d.reason) for d in result.skipped] == [
        (date(2026, 4, 3), "Goede Vrijdag"),
        (date(2026, 4, 4), "zaterdag"),
        (date(2026, 4, 5), "zondag"),
        (date(2026, 4, 6), "Tweede paasdag"),
    ]
    assert result.term == "3 werkdagen"


def test_veilig_thuis_five_working_days_skip_the_fifth_of_may():
    assert deadline(Clock.VEILIG_THUIS_BEOORDELING, date(2026, 4, 30)) == date(2026, 5, 8)


def test_mandate_request_uses_the_departments_working_days():
    assert deadline(Clock.MANDATE_REQUEST, date(2026, 12, 18), working_days=10) == date(2027, 1, 5)
    assert deadline(Clock.MANDATE_REQUEST, date(2026, 3, 9), working_days=1) == date(2026, 3, 10)
    assert explain_deadline("MANDATE_REQUEST", date(2026, 3, 9), working_days=1).term == "1 werkdag"


def test_bad_combinations_raise_value_error():
    with pytest.raises(ValueError):
        deadline(Clock.MANDATE_REQUEST, date(2026, 3, 9))
    with pytest.raises(ValueError):
        deadline(Clock.MANDATE_REQUEST, date(2026, 3, 9), working_days=0)
    with pytest.raises(ValueError):
        deadline(Clock.WMO_ONDERZOEK, date(2026, 3, 9), working_days=5)
    with pytest.raises(ValueError):
        deadline("NO_SUCH_CLOCK", date(2026, 3, 9))


def test_atw_article_2_a_term_holds_at_least_two_working_days():
    # Seven days from Wednesday 23 December 2026 end on Wednesday 30 December. With decree days on
    # 24, 28 and 29 December only one working day (the 30th) would be left in the term.
    for day in (24, 28, 29):
        DecreeDay.objects.create(date=date(2026, 12, day), description="testdag", decree_reference="test")
    result = explain_deadline(Clock.WMO_PERSOONLIJK_PLAN, date(2026, 12, 23))
    assert result.term_end == date(2026, 12, 30)
    assert result.due == date(2026, 12, 31)
    assert any("artikel 2" in step for step in result.steps)


def test_atw_article_2_does_not_apply_to_short_terms():
    # A one-working-day term is a working-day term: never extended by art. 2.
    assert deadline(Clock.WMO_RECEIPT, date(2026, 12, 23)) == date(2026, 12, 24)


def test_units_are_consistent():
    assert RULES[Clock.WGS_EERSTE_GESPREK_SPOED].unit == Unit.WORKING_DAYS
    assert RULES[Clock.WMO_PERSOONLIJK_PLAN].unit == Unit.DAYS
    assert RULES[Clock.BEZWAAR_BESLISSEN_ADVIESCOMMISSIE].amount == 12


def test_deadline_computation_for_a_worklist_is_cached(django_assert_max_num_queries):
    starts = [date(2026, 1, 1) + timedelta(days=i) for i in range(300)]
    with django_assert_max_num_queries(2):  # 2026 and 2027 decree days, once each
        dues = [deadline(Clock.JEUGDWET_BESCHIKKING, start) for start in starts]
    assert len(set(dues)) > 100


@time_machine.travel(datetime(2026, 4, 1, 10, 0, tzinfo=AMSTERDAM), tick=False)
def test_days_left_counts_from_today():
    assert days_left(date(2026, 4, 1)) == 0
    assert days_left(date(2026, 4, 9)) == 8
    assert days_left(date(2026, 3, 30)) == -2
    assert days_left(date(2026, 4, 9), today=date(2026, 4, 10)) == -1


@time_machine.travel(datetime(2026, 3, 31, 23, 30, tzinfo=ZoneInfo("UTC")), tick=False)
def test_days_left_uses_the_dutch_date_not_utc():
    # 23:30 UTC on 31 March is 01:30 on 1 April in Amsterdam.
    assert days_left(date(2026, 4, 1)) == 0


def test_days_left_on_a_deadline_during_the_term():
    due = deadline(Clock.WGS_EERSTE_GESPREK_SPOED, date(2026, 4, 2))
    with time_machine.travel(datetime(2026, 4, 7, 9, 0, tzinfo=AMSTERDAM), tick=False):
        assert days_left(due) == 2
    with time_machine.travel(datetime(2026, 4, 10, 9, 0, tzinfo=AMSTERDAM), tick=False):
        assert days_left(due) == -1

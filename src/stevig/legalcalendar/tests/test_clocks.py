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
        # Awb 7:10 counts from the end of the objection term: sent Wed 3 Jun 2026, objection term ends
        # Wed 15 Jul, decision on the objection due Wed 26 Aug (Wed 7 Oct with an advisory committee).
        (Clock.BEZWAAR_BESLISSEN, date(2026, 6, 3), date(2026, 8, 26)),
        (Clock.BEZWAAR_BESLISSEN_ADVIESCOMMISSIE, date(2026, 6, 3), date(2026, 10, 7)),
        # Participatiewet: aanvraag Mon 2 Mar 2026 -> voorschot by Mon 30 Mar (art. 52), decision by
        # Tue 28 Apr 2026 (8 weeks end on King's Day, Mon 27 Apr).
        (Clock.PARTICIPATIEWET_VOORSCHOT, date(2026, 3, 2), date(2026, 3, 30)),
        (Clock.PARTICIPATIEWET_BESCHIKKING, date(2026, 3, 2), date(2026, 4, 28)),
        # Jeugdwet: aanvraag Fri 1 May 2026 -> decision by Fri 26 Jun 2026 (Awb 4:13).
        (Clock.JEUGDWET_BESCHIKKING, date(2026, 5, 1), date(2026, 6, 26)),
        # Awb 6:8: a decision sent (bekendgemaakt) on Mon 20 Apr 2026 can be objected to until Mon 1 Jun.
        (Clock.BEZWAAR_INDIENEN, date(2026, 4, 20), date(2026, 6, 1)),
        # Awb 9:11: a complaint received Mon 2 Mar 2026 is handled by Mon 13 Apr.
        (Clock.KLACHT_AFHANDELEN, date(2026, 3, 2), date(2026, 4, 13)),
        # AVG art. 12 lid 3: one month; 31 Jan -> 28 Feb 2026 is a Saturday -> Mon 2 Mar.
        (Clock.AVG_VERZOEK, date(2026, 1, 31), date(2026, 3, 2)),
        (Clock.JEUGDWET_VERNIETIGING, date(2026, 3, 2), date(2026, 6, 2)),
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
    assert deadline(Clock.BEZWAAR_INDIENEN, date(2026, 3, 16)) == date(2026, 4, 28)


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


def test_awb_7_10_counts_from_the_end_of_the_objection_term_and_explains_it():
    result = explain_deadline(Clock.BEZWAAR_BESLISSEN, date(2026, 6, 3))
    assert result.start == date(2026, 7, 15)
    assert result.due == date(2026, 8, 26)
    assert any("15 juli 2026" in step for step in result.steps)


def test_objection_decision_postponed_by_six_weeks():
    from stevig.legalcalendar.clocks import objection_decision_due

    assert objection_decision_due(date(2026, 6, 3)) == date(2026, 8, 26)
    assert objection_decision_due(date(2026, 6, 3), postponed=True) == date(2026, 10, 7)
    assert objection_decision_due(date(2026, 6, 3), advisory_committee=True) == date(2026, 10, 7)
    assert objection_decision_due(date(2026, 6, 3), advisory_committee=True, postponed=True) == date(
        2026, 11, 18
    )


def test_posted_objection_in_time_under_awb_6_9_lid_2():
    from stevig.legalcalendar.clocks import objection_in_time

    sent = date(2026, 4, 20)  # the term ends Mon 1 Jun 2026
    assert objection_in_time(sent_on=sent, received_on=date(2026, 6, 1))
    assert not objection_in_time(sent_on=sent, received_on=date(2026, 6, 2))
    # Posted on the last day, received within a week after the term: in time.
    assert objection_in_time(sent_on=sent, received_on=date(2026, 6, 8), posted_on=date(2026, 6, 1))
    assert not objection_in_time(sent_on=sent, received_on=date(2026, 6, 9), posted_on=date(2026, 6, 1))
    assert not objection_in_time(sent_on=sent, received_on=date(2026, 6, 3), posted_on=date(2026, 6, 2))


def test_opschorting_moves_the_end_by_the_suspended_days():
    # Awb 4:15: a Jeugdwet aanvraag of Fri 1 May 2026, suspended 14 days while documents were missing.
    assert deadline(Clock.JEUGDWET_BESCHIKKING, date(2026, 5, 1), suspended_days=14) == date(2026, 7, 10)
    result = explain_deadline(Clock.JEUGDWET_BESCHIKKING, date(2026, 5, 1), suspended_days=14)
    assert any("4:15" in step for step in result.steps)

"""Retention rules with real dates (Jeugdwet art. 7.3.8 and 7.3.9, Algemene termijnenwet art. 1)."""

import datetime as dt

import pytest

from stevig.retention import rules

pytestmark = pytest.mark.django_db  # the legal calendar may read decree days


def test_jeugdwet_file_is_kept_twenty_years():
    made = dt.date(2006, 3, 2)
    assert rules.jeugdwet_keep_until(made) == dt.date(2026, 3, 2)
    assert not rules.jeugdwet_term_passed(made, dt.date(2026, 3, 2))  # the last day it must be kept
    assert rules.jeugdwet_term_passed(made, dt.date(2026, 3, 3))


def test_a_leap_day_file_without_a_leap_day_twenty_years_on():
    # Twenty years after 29 February is a leap year too, except across 2100 (no leap year).
    assert rules.jeugdwet_keep_until(dt.date(2008, 2, 29)) == dt.date(2028, 2, 29)
    assert rules.jeugdwet_keep_until(dt.date(2080, 2, 29)) == dt.date(2100, 2, 28)


def test_destruction_request_within_three_months():
    # Request on Monday 2 March 2026: destroy by Tuesday 2 June 2026.
    assert rules.destruction_request_due(dt.date(2026, 3, 2)) == dt.date(2026, 6, 2)


def test_destruction_request_ending_on_a_weekend_runs_to_monday():
    # Request on Monday 30 November 2026: three months end on Sunday 28 February 2027 (no 30 February),
    # so the term runs to Monday 1 March 2027 (Algemene termijnenwet art. 1).
    assert rules.destruction_request_due(dt.date(2026, 11, 30)) == dt.date(2027, 3, 1)


def test_destruction_request_ending_on_a_holiday_runs_to_the_next_working_day():
    # Request on Thursday 25 September 2025: three months end on Thursday 25 December 2025 (Kerstmis),
    # 26 December is Tweede Kerstdag, so the term runs to Monday 29 December 2025.
    assert rules.destruction_request_due(dt.date(2025, 9, 25)) == dt.date(2025, 12, 29)

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


# Selectielijst gemeenten en intergemeentelijke organen 2020, procestype 8 (docs/retention.md).


def test_wmo_file_is_kept_fifteen_years_after_the_provision_ended():
    # A Wmo provision that ended on Friday 31 December 2010 (result 8.1.1): kept to 31 December 2025.
    until, sources = rules.keep_until(["wmo"], dt.date(2010, 12, 31))
    assert until == dt.date(2025, 12, 31)
    assert sources == ["Selectielijst 2020, 8.1.1 en 8.3.1; Wmo 2015 art. 5.3.4: 15 jaar"]
    assert not rules.term_passed(["wmo"], dt.date(2010, 12, 31), dt.date(2025, 12, 31))
    assert rules.term_passed(["wmo"], dt.date(2010, 12, 31), dt.date(2026, 1, 1))


def test_debt_help_file_is_kept_five_years_after_it_ended():
    # Schuldhulpverlening ended Monday 2 March 2020 (result 8.1.9): kept to Sunday 2 March 2025; the
    # Algemene termijnenwet does not move it (it is a keeping term, not a term to act within).
    assert rules.keep_until(["wgs"], dt.date(2020, 3, 2))[0] == dt.date(2025, 3, 2)
    assert rules.term_passed(["wgs"], dt.date(2020, 3, 2), dt.date(2025, 3, 3))


def test_participatiewet_file_is_kept_ten_years():
    # Result 8.1 (uitkering of inkomensvoorziening): question closed Thursday 1 April 2016 → 1 April 2026.
    assert rules.keep_until(["participatiewet"], dt.date(2016, 4, 1))[0] == dt.date(2026, 4, 1)


def test_jeugdwet_kind_is_kept_twenty_years():
    assert rules.keep_until(["jeugdwet"], dt.date(2006, 3, 2))[0] == dt.date(2026, 3, 2)


def test_a_file_is_kept_as_long_as_its_longest_period():
    # A Wmo provision and debt help, both ended 30 June 2015: 15 years (Wmo), not 5 (Wgs).
    until, sources = rules.keep_until(["wgs", "wmo"], dt.date(2015, 6, 30))
    assert until == dt.date(2030, 6, 30)
    assert sources[0].startswith("Selectielijst 2020, 8.1.1") and sources[1].startswith(
        "Selectielijst 2020, 8.1.9"
    )


def test_a_file_without_a_legal_provision_is_kept_ten_years():
    assert rules.keep_until([], dt.date(2016, 1, 4)) == (
        dt.date(2026, 1, 4),
        ["Selectielijst 2020, 8.1 en 8.3 (algemeen): 10 jaar"],
    )

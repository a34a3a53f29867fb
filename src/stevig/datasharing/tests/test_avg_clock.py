"""AVG art. 12 lid 3 with real dates: one month from receipt, counted as Verordening 1182/71 art. 3 (and,
identically here, the Algemene termijnenwet): a month ends on the same date or the last day of a shorter
month; a Saturday, Sunday or public holiday moves the end to the next working day."""

import datetime as dt

import pytest

from stevig.legalcalendar.clocks import Clock, deadline, explain_deadline

# The legal calendar reads decreed days (DecreeDay) from the database.
pytestmark = pytest.mark.django_db


def test_request_on_friday_30_january_2026_is_due_monday_2_march_2026():
    # 30 February does not exist -> Saturday 28 February -> Monday 2 March.
    assert deadline(Clock.AVG_VERZOEK, dt.date(2026, 1, 30)) == dt.date(2026, 3, 2)
    explained = explain_deadline(Clock.AVG_VERZOEK, dt.date(2026, 1, 30))
    assert explained.term_end == dt.date(2026, 2, 28)
    assert "AVG art. 12 lid 3" in explained.steps[0]


def test_extended_by_two_months_ends_three_months_after_receipt():
    # Fri 30 Jan 2026 + 3 months = Thu 30 Apr 2026 (a working day; King's Day is Mon 27 Apr).
    assert deadline(Clock.AVG_VERZOEK_VERLENGD, dt.date(2026, 1, 30)) == dt.date(2026, 4, 30)
    # Received Sat 28 Feb 2026 -> Thu 28 May 2026 (Ascension Day, 14 May, lies before it).
    assert deadline(Clock.AVG_VERZOEK_VERLENGD, dt.date(2026, 2, 28)) == dt.date(2026, 5, 28)


def test_a_month_ending_on_kings_day_moves_to_the_next_working_day():
    # Received Fri 27 Mar 2026 -> Mon 27 Apr 2026 is King's Day -> Tue 28 Apr 2026.
    assert deadline(Clock.AVG_VERZOEK, dt.date(2026, 3, 27)) == dt.date(2026, 4, 28)

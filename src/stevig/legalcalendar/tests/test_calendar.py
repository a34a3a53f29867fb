"""The Atw calendar: weekends, the art. 3 holidays, the decree days, and working-day arithmetic."""

from datetime import date, timedelta

import pytest

from stevig.legalcalendar.calendar import (
    SOURCE_ATW,
    SOURCE_DECREE,
    SOURCE_HOLIDAYS,
    add_working_days,
    atw_holidays,
    extend_to_working_day,
    is_non_working_day,
    non_working_days,
    reason_not_working,
    working_days_between,
)
from stevig.legalcalendar.models import DecreeDay

pytestmark = pytest.mark.django_db


def test_weekend_days_do_not_count_and_weekdays_do():
    assert is_non_working_day(date(2026, 3, 7))  # Saturday
    assert is_non_working_day(date(2026, 3, 8))  # Sunday
    for day in range(9, 14):  # Monday 9 to Friday 13 March 2026: no holidays
        assert not is_non_working_day(date(2026, 3, day))
    assert reason_not_working(date(2026, 3, 7)) == "zaterdag"
    assert reason_not_working(date(2026, 3, 8)) == "zondag"
    assert reason_not_working(date(2026, 3, 9)) is None


def test_the_full_atw_list_for_2026():
    assert atw_holidays(2026) == {
        date(2026, 1, 1): "Nieuwjaarsdag",
        date(2026, 1, 2): "vrijdag na Nieuwjaarsdag",
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 6): "Tweede paasdag",
        date(2026, 4, 27): "Koningsdag",
        date(2026, 5, 5): "Bevrijdingsdag (5 mei)",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 15): "vrijdag na Hemelvaartsdag",
        date(2026, 5, 25): "Tweede pinksterdag",
        date(2026, 12, 25): "Eerste kerstdag",
        date(2026, 12, 26): "Tweede kerstdag",
    }


def test_sources_say_where_each_day_comes_from():
    sources = {day.date: day.source for day in non_working_days(2026)}
    assert sources[date(2026, 1, 1)] == SOURCE_HOLIDAYS
    assert sources[date(2026, 4, 3)] == SOURCE_ATW  # Good Friday: Atw art. 3 lid 2
    assert sources[date(2026, 5, 5)] == SOURCE_ATW  # 5 May: Atw art. 3 lid 1, every year
    assert sources[date(2026, 5, 15)] == SOURCE_DECREE
    assert [day.date for day in non_working_days(2026)] == sorted(sources)


def test_good_friday_and_easter_monday_2026():
    assert is_non_working_day(date(2026, 4, 3))  # Good Friday, a Friday
    assert is_non_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_non_working_day(date(2026, 4, 2))  # Maundy Thursday is an ordinary day
    assert not is_non_working_day(date(2026, 4, 7))
    assert reason_not_working(date(2026, 4, 3)) == "Goede Vrijdag"


def test_easter_sunday_and_whit_sunday_are_not_in_the_atw_list_but_are_sundays():
    holidays_2026 = atw_holidays(2026)
    assert date(2026, 4, 5) not in holidays_2026
    assert date(2026, 5, 24) not in holidays_2026
    assert is_non_working_day(date(2026, 4, 5))
    assert reason_not_working(date(2026, 5, 24)) == "zondag"


def test_kings_day_2026_is_monday_27_april():
    assert is_non_working_day(date(2026, 4, 27))
    assert reason_not_working(date(2026, 4, 27)) == "Koningsdag"


def test_kings_day_2025_moves_to_saturday_26_april_because_the_27th_is_a_sunday():
    holidays_2025 = atw_holidays(2025)
    assert holidays_2025[date(2025, 4, 26)] == "Koningsdag"
    assert date(2025, 4, 27) not in holidays_2025
    # Monday 28 April 2025 is an ordinary working day: Koningsdag is not moved to after the weekend.
    assert not is_non_working_day(date(2025, 4, 28))


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2029])
def test_fifth_of_may_counts_every_year_not_only_in_lustrum_years(year):
    import holidays

    library = holidays.country_holidays("NL", years=year)
    # The library has Bevrijdingsdag only every fifth year; the Atw names 5 May every year.
    assert date(year, 5, 5) not in library
    fifth = date(year, 5, 5)
    assert is_non_working_day(fifth)
    assert atw_holidays(year)[fifth] == "Bevrijdingsdag (5 mei)"


def test_fifth_of_may_2025_lustrum_year_counts_once():
    entries = [day for day in non_working_days(2025) if day.date == date(2025, 5, 5)]
    assert len(entries) == 1
    assert entries[0].source == SOURCE_ATW
    assert not is_non_working_day(date(2025, 5, 6))


def test_ascension_day_and_the_friday_after_from_the_decree_data_2026():
    assert reason_not_working(date(2026, 5, 14)) == "Hemelvaartsdag"
    assert reason_not_working(date(2026, 5, 15)) == "vrijdag na Hemelvaartsdag"
    assert not is_non_working_day(date(2026, 5, 13))
    # Without the decree row the Friday is an ordinary working day: it is data, not a rule.
    DecreeDay.objects.filter(date=date(2026, 5, 15)).delete()
    assert not is_non_working_day(date(2026, 5, 15))


def test_whit_monday_and_christmas():
    assert reason_not_working(date(2026, 5, 25)) == "Tweede pinksterdag"
    assert reason_not_working(date(2026, 12, 25)) == "Eerste kerstdag"
    # Tweede kerstdag 2026 is a Saturday: the holiday name wins as the reason.
    assert reason_not_working(date(2026, 12, 26)) == "Tweede kerstdag"
    assert not is_non_working_day(date(2026, 12, 24))  # Christmas Eve is a working day
    assert not is_non_working_day(date(2026, 12, 31))  # so is New Year's Eve


def test_municipality_argument_does_not_change_the_national_calendar(world):
    assert is_non_working_day(date(2026, 4, 3), municipality=world.municipality)
    assert not is_non_working_day(date(2026, 2, 16), municipality=world.municipality)  # carnival Monday


def test_extend_to_working_day():
    assert extend_to_working_day(date(2026, 3, 11)) == date(2026, 3, 11)  # a Wednesday stays
    assert extend_to_working_day(date(2026, 3, 7)) == date(2026, 3, 9)  # Saturday -> Monday
    assert extend_to_working_day(date(2026, 4, 3)) == date(2026, 4, 7)  # Good Friday -> Tuesday after Easter
    assert extend_to_working_day(date(2026, 5, 14)) == date(
        2026, 5, 18
    )  # Ascension + decree Friday + weekend
    assert extend_to_working_day(date(2026, 12, 25)) == date(2026, 12, 28)


def test_extend_to_working_day_across_new_year():
    # Thursday 1 January 2026 and the decree Friday 2 January, then the weekend.
    assert extend_to_working_day(date(2025, 12, 27)) == date(2025, 12, 29)
    assert extend_to_working_day(date(2026, 1, 1)) == date(2026, 1, 5)
    # Friday 1 January 2027 and the weekend.
    assert extend_to_working_day(date(2027, 1, 1)) == date(2027, 1, 4)


def test_add_working_days_basics():
    assert add_working_days(date(2026, 3, 9), 0) == date(2026, 3, 9)
    assert add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 10)
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)  # Friday -> Monday
    assert add_working_days(date(2026, 3, 14), 1) == date(2026, 3, 16)  # from Saturday
    assert add_working_days(date(2026, 3, 9), 10) == date(2026, 3, 23)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 9), -1)


def test_add_working_days_across_christmas_and_new_year():
    # Wed 23 Dec 2026: Thu 24 (1), Fri 25 Christmas, weekend with Tweede kerstdag, Mon 28 (2) ... Thu 31 (5).
    assert add_working_days(date(2026, 12, 23), 5) == date(2026, 12, 31)
    # Then Friday 1 January 2027 and the weekend: the sixth working day is Monday 4 January.
    assert add_working_days(date(2026, 12, 23), 6) == date(2027, 1, 4)
    # Christmas 2025 on Thursday and Friday, New Year 2026 on Thursday with the decree Friday.
    assert add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)
    assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)


def test_working_days_between():
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 9)) == 3  # Easter week
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0


def test_decree_day_added_at_runtime_changes_the_result():
    christmas_eve = date(2026, 12, 24)  # a Thursday
    assert not is_non_working_day(christmas_eve)  # fills the 2026 cache
    assert add_working_days(date(2026, 12, 23), 1) == christmas_eve

    decree = DecreeDay.objects.create(
        date=christmas_eve, description="brugdag", decree_reference="Stcrt. test"
    )
    assert is_non_working_day(christmas_eve)
    assert atw_holidays(2026)[christmas_eve] == "brugdag"
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)

    decree.description = "dag voor Kerstmis"
    decree.save()
    assert reason_not_working(christmas_eve) == "dag voor Kerstmis"

    decree.delete()
    assert not is_non_working_day(christmas_eve)


def test_returned_dict_cannot_corrupt_the_cache():
    atw_holidays(2026).clear()
    assert date(2026, 4, 3) in atw_holidays(2026)


def test_lookups_are_cached_per_year(django_assert_num_queries):
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(365)]
    with django_assert_num_queries(1):  # one query for the 2026 decree days, then memory only
        results = [is_non_working_day(day) for day in days]
    assert sum(results) == 104 + 10  # 104 weekend days plus 10 holidays of 2026 on a weekday
    with django_assert_num_queries(0):
        atw_holidays(2026)
        add_working_days(date(2026, 3, 1), 100)


def test_cache_expires_so_other_processes_see_new_decree_days(monkeypatch, django_assert_num_queries):
    from stevig.legalcalendar import calendar

    is_non_working_day(date(2026, 3, 9))
    with django_assert_num_queries(0):
        is_non_working_day(date(2026, 3, 10))
    # Simulate a decree day saved by another process: no signal reaches this one ...
    DecreeDay.objects.bulk_create([DecreeDay(date=date(2026, 3, 10), description="x", decree_reference="y")])
    assert not is_non_working_day(date(2026, 3, 10))
    # ... until the cache period has passed.
    epoch = calendar._cache_epoch()
    monkeypatch.setattr(calendar, "_cache_epoch", lambda: epoch + 1)
    assert is_non_working_day(date(2026, 3, 10))


def test_decree_days_without_a_decree_are_marked_expected():
    """No decree exists yet for 2029 and 2030: the seeded Fridays after Ascension Day count, but say so."""
    from stevig.legalcalendar.calendar import non_working_days
    from stevig.legalcalendar.models import DecreeDay

    assert set(DecreeDay.objects.filter(expected=True).values_list("date", flat=True)) == {
        date(2029, 5, 11),
        date(2030, 5, 31),
    }
    friday = next(d for d in non_working_days(2029) if d.date == date(2029, 5, 11))
    assert friday.expected and "verwacht" in friday.name
    decreed = next(d for d in non_working_days(2026) if d.date == date(2026, 5, 15))
    assert not decreed.expected

"""The Dutch legal calendar: which days do not count when a legal term ends, and Dutch working days.

Why not simply use the `holidays` library? The law that decides is the Algemene termijnenwet (Atw),
and its list differs from the common holiday calendar:

* Art. 3 lid 1 names Nieuwjaarsdag, tweede Paasdag, tweede Pinksterdag, both Christmas days,
  Hemelvaartsdag, the day the King's birthday is celebrated (Koningsdag) and **5 May**. The Atw names
  5 May *every* year. The `holidays` library follows the collective-labour custom of a day off for
  Bevrijdingsdag only every fifth year (lustrum), so we add 5 May ourselves.
* Art. 3 lid 2 equates **Goede Vrijdag** with those holidays, although it is no day off for most
  people. We add it ourselves too, whatever the library's version thinks about it.
* Art. 3 lid 3 lets a royal decree equate more days (in practice the Friday after Ascension Day and
  some bridge days). Those are data: `DecreeDay`, managed by functioneel beheer in the admin.
* Eerste Paas- and Pinksterdag are not in art. 3; they are Sundays, and Sundays count already.

The library stays the base: it knows when Easter falls and moves Koningsdag to 26 April when the
27th is a Sunday. We do not hand-code lists of dates.

Lookups are cached per year (one database query per year per process for the decree days), so a
worklist that computes a deadline for every row does not hit the database per row. Saving or
deleting a `DecreeDay` clears the cache in this process (see `signals.py`); other processes pick up
the change within `CACHE_SECONDS`.
"""

import time
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import holidays
from dateutil.easter import easter
from django.utils.translation import gettext as _

SOURCE_HOLIDAYS = "holidays"
SOURCE_ATW = "atw"
SOURCE_DECREE = "decree"

# Other worker processes do not receive our signals; they refresh the decree days after this long.
CACHE_SECONDS = 15 * 60

# A term can only be extended past a handful of days in a row (e.g. Christmas plus a weekend plus a
# decree day). More than this means the data is broken; fail loudly rather than loop.
_MAX_CONSECUTIVE_NON_WORKING_DAYS = 31


@dataclass(frozen=True)
class NonWorkingDay:
    """A day that is not a weekend day but still does not count for the Atw."""

    date: date
    name: str
    source: str  # SOURCE_HOLIDAYS, SOURCE_ATW or SOURCE_DECREE
    expected: bool = False  # a decree day for which no decree has been published yet


def _cache_epoch() -> int:
    return int(time.monotonic() // CACHE_SECONDS)


def _decree_days(year: int) -> list[tuple[date, str, bool]]:
    from stevig.legalcalendar.models import DecreeDay

    return list(
        DecreeDay.objects.filter(date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))
        .order_by("date")
        .values_list("date", "description", "expected")
    )


@lru_cache(maxsize=128)
def _year_table(year: int, epoch: int) -> dict[date, NonWorkingDay]:
    """All Atw holidays of one year. `epoch` only makes the cache expire; see `_cache_epoch`."""
    easter_sunday = easter(year)
    not_in_atw = {easter_sunday, easter_sunday + timedelta(days=49)}  # eerste Paas- en Pinksterdag
    good_friday = easter_sunday - timedelta(days=2)
    fifth_of_may = date(year, 5, 5)

    table: dict[date, NonWorkingDay] = {}
    for day, name in holidays.country_holidays("NL", years=year, language="nl").items():
        if day in not_in_atw or day in (good_friday, fifth_of_may):
            continue
        table[day] = NonWorkingDay(day, name, SOURCE_HOLIDAYS)
    # Art. 3 lid 1 names 5 May every year; art. 3 lid 2 equates Good Friday.
    table[fifth_of_may] = NonWorkingDay(fifth_of_may, _("Bevrijdingsdag (5 mei)"), SOURCE_ATW)
    table[good_friday] = NonWorkingDay(good_friday, _("Goede Vrijdag"), SOURCE_ATW)
    for day, description, expected in _decree_days(year):
        name = _("%(name)s (verwacht)") % {"name": description} if expected else description
        table.setdefault(day, NonWorkingDay(day, name, SOURCE_DECREE, expected))
    return dict(sorted(table.items()))


def _table(year: int) -> dict[date, NonWorkingDay]:
    return _year_table(year, _cache_epoch())


def clear_cache(*args: Any, **kwargs: Any) -> None:
    """Forget the cached years (called when a DecreeDay changes; usable as a signal receiver)."""
    _year_table.cache_clear()


def non_working_days(year: int) -> list[NonWorkingDay]:
    """The Atw holidays and decree days of a year, in date order, with where each one comes from."""
    return list(_table(year).values())


def atw_holidays(year: int) -> dict[date, str]:
    """The Atw art. 3 holidays of a year plus the days equated by royal decree: {date: name}."""
    return {day: entry.name for day, entry in _table(year).items()}


def is_non_working_day(day: date, municipality: object = None) -> bool:
    """True on Saturday, Sunday, an Atw holiday or a decree day.

    `municipality` is accepted so callers need not change if local rules ever matter, but it is
    ignored on purpose: the Atw is national. A day on which a town hall closes (carnival, a local
    day of prayer) is a working day for legal terms.
    """
    return day.weekday() >= 5 or day in _table(day.year)


def reason_not_working(day: date) -> str | None:
    """Why a day does not count, in plain Dutch, or None for a working day."""
    entry = _table(day.year).get(day)
    if entry is not None:
        return entry.name
    if day.weekday() == 5:
        return _("zaterdag")
    if day.weekday() == 6:
        return _("zondag")
    return None


def extend_to_working_day(day: date) -> date:
    """Atw art. 1: a term that ends on a Saturday, Sunday or Atw holiday runs on to the next day that is
    none of these. A working day is returned unchanged."""
    for _step in range(_MAX_CONSECUTIVE_NON_WORKING_DAYS):
        if not is_non_working_day(day):
            return day
        day += timedelta(days=1)
    raise RuntimeError(f"More than {_MAX_CONSECUTIVE_NON_WORKING_DAYS} non-working days in a row from {day}.")


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    return extend_to_working_day(day + timedelta(days=1))


def add_working_days(start: date, n: int) -> date:
    """The n-th Dutch working day after `start` (the start day itself does not count).

    Saturdays, Sundays, Atw holidays and decree days are skipped. `n == 0` returns `start`.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    day = start
    for _step in range(n):
        day = next_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after `start` up to and including `end`."""
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if not is_non_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count

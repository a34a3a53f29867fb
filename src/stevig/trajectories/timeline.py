"""One timeline per household: questions, contacts, analyses, plan versions, help, referrals, phase changes.

Apps add their own events by registering a *source*: a function `(household, actor) -> list[TimelineItem]`.

    from stevig.trajectories import timeline

    @timeline.register("analyses")
    def analysis_items(household, actor):
        return [timeline.TimelineItem(date=a.made_on, kind="analyse", title="Brede analyse", url=...)]

Register in your `AppConfig.ready()` (registering the same key again replaces the source). A source is
only called after the caller has checked that the actor may see the household, and the caller writes the
access-log row for the whole timeline: sources must not check access or log themselves, and should run
a fixed number of queries (one per source is the aim).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

from django.utils import timezone

if TYPE_CHECKING:
    from stevig.core.context import Actor
    from stevig.people.models import Household


@dataclass(frozen=True)
class TimelineItem:
    date: dt.date  # a date or a datetime (a datetime is a date too)
    kind: str  # short machine key: vraag, fase, contact, basishulp, consultatie, verwijzing, analyse, plan …
    title: str  # one line, B1 Dutch
    summary: str = ""
    url: str = ""

    @property
    def sort_key(self) -> dt.datetime:
        if isinstance(self.date, dt.datetime):
            return (
                timezone.localtime(self.date)
                if timezone.is_aware(self.date)
                else self.date.replace(tzinfo=timezone.get_current_timezone())
            )
        return dt.datetime.combine(self.date, dt.time.min, tzinfo=timezone.get_current_timezone())

    @property
    def has_time(self) -> bool:
        return isinstance(self.date, dt.datetime)


TimelineSource = Callable[["Household", "Actor"], list[TimelineItem]]

_SOURCES: dict[str, TimelineSource] = {}


@overload
def register(key: str) -> Callable[[TimelineSource], TimelineSource]: ...
@overload
def register(key: str, source: TimelineSource) -> TimelineSource: ...
def register(key: str, source: TimelineSource | None = None):  # type: ignore[no-untyped-def]
    """Register a timeline source under a unique key; usable as a decorator or a plain call."""

    def add(func: TimelineSource) -> TimelineSource:
        _SOURCES[key] = func
        return func

    return add(source) if source is not None else add


def unregister(key: str) -> None:
    _SOURCES.pop(key, None)


def registered_keys() -> list[str]:
    return sorted(_SOURCES)


def collect(household: "Household", actor: "Actor") -> list[TimelineItem]:
    """Every registered source's items for this household, newest first. Access is the caller's job."""
    items: list[TimelineItem] = []
    for key in sorted(_SOURCES):
        items.extend(_SOURCES[key](household, actor))
    return sorted(items, key=lambda item: item.sort_key, reverse=True)

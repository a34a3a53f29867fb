"""Moved due dates on the household timeline: the worker sees why a date changed."""

from django.utils import formats
from django.utils.translation import gettext as _

from stevig.core.context import Actor
from stevig.legalcalendar.clocks import Clock
from stevig.legalcalendar.models import DeadlineChange
from stevig.people.models import Household
from stevig.trajectories import timeline
from stevig.trajectories.timeline import TimelineItem


def _label(clock: str) -> str:
    return str(Clock[clock].label) if clock in Clock.names else clock


def deadline_change_items(household: Household, actor: Actor) -> list[TimelineItem]:
    return [
        TimelineItem(
            change.created_at,
            "termijn",
            _("Termijn verschoven: %(clock)s") % {"clock": _label(change.clock)},
            _("Was uiterlijk %(old)s, nu uiterlijk %(new)s. Reden: %(reason)s.")
            % {
                "old": formats.date_format(change.old_due, "j F Y"),
                "new": formats.date_format(change.new_due, "j F Y"),
                "reason": change.reason,
            },
        )
        for change in DeadlineChange.objects.filter(household=household).order_by("-created_at")[:200]
    ]


def register_sources() -> None:
    timeline.register("legalcalendar", deadline_change_items)

"""Recompute open legal deadlines when the legal calendar changes.

Stored due dates are computed once, when the event is registered. When functioneel beheer adds, corrects
or removes a decree day (Algemene termijnenwet art. 3 lid 3), every open deadline that depends on the
calendar must be computed again, or the worklist keeps showing a date the law no longer gives. Every
moved date leaves a `DeadlineChange`, shown on the household timeline with the reason.

Apps register a *recomputer*: a function that recomputes its own open deadlines and returns the changes.
It runs after the decree day is committed (see `signals.py`).
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from stevig.legalcalendar.calendar import clear_cache


@dataclass(frozen=True)
class Change:
    municipality_id: uuid.UUID
    household_id: uuid.UUID | None
    object_type: str
    object_id: uuid.UUID
    clock: str
    old_due: date
    new_due: date


Recomputer = Callable[[], list[Change]]
_RECOMPUTERS: dict[str, Recomputer] = {}


def register(key: str, recomputer: Recomputer) -> Recomputer:
    """Register an app's recomputer under a unique key (again with the same key replaces it)."""
    _RECOMPUTERS[key] = recomputer
    return recomputer


def recompute_open_deadlines(*, reason: str) -> list[Change]:
    """Recompute every open deadline with the current calendar; note each moved date. Returns the changes."""
    from stevig.legalcalendar.models import DeadlineChange

    clear_cache()
    changes: list[Change] = []
    with transaction.atomic():
        for key in sorted(_RECOMPUTERS):
            changes.extend(_RECOMPUTERS[key]())
        DeadlineChange.objects.bulk_create(
            [
                DeadlineChange(
                    municipality_id=c.municipality_id,
                    household_id=c.household_id,
                    object_type=c.object_type,
                    object_id=c.object_id,
                    clock=c.clock,
                    old_due=c.old_due,
                    new_due=c.new_due,
                    reason=reason[:300],
                )
                for c in changes
            ],
            batch_size=1000,
        )
    return changes

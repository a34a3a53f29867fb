"""Close guards: other apps may refuse that a trajectory is closed.

Example (the safety app, later): a trajectory with an open safety track cannot be closed.

    from stevig.trajectories.guards import register_close_guard

    def open_safety_track_blocks_closing(trajectory):
        if SafetyTrack.objects.filter(household=trajectory.household_id, closed_at__isnull=True).exists():
            raise ValidationError({"to_phase": "Er loopt nog een veiligheidsspoor. Sluit dat eerst af."})

    register_close_guard("safety", open_safety_track_blocks_closing)

A guard gets the trajectory (inside the closing transaction) and raises
`django.core.exceptions.ValidationError` to refuse; returning normally allows.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stevig.trajectories.models import Trajectory

CloseGuard = Callable[["Trajectory"], None]

_CLOSE_GUARDS: dict[str, CloseGuard] = {}


def register_close_guard(key: str, guard: CloseGuard) -> CloseGuard:
    _CLOSE_GUARDS[key] = guard
    return guard


def unregister_close_guard(key: str) -> None:
    _CLOSE_GUARDS.pop(key, None)


def run_close_guards(trajectory: "Trajectory") -> None:
    for key in sorted(_CLOSE_GUARDS):
        _CLOSE_GUARDS[key](trajectory)

"""Guards: other apps may refuse that a trajectory is closed, put on waakvlam or handed over.

Example (the safety app): a trajectory with an open safety track cannot be closed, put on waakvlam or
handed over, because the team stays involved while there are worries about safety (kader, principle 12).

    from stevig.trajectories.guards import GuardAction, register_guard

    def open_safety_track(trajectory, action):
        if SafetyTrack.objects.filter(trajectory=trajectory).exclude(status="afgerond").exists():
            raise ValidationError({"to_phase": "Er loopt nog een veiligheidsspoor."})

    register_guard("safety", open_safety_track)

A guard gets the trajectory and the action (inside the transaction of the change) and raises
`django.core.exceptions.ValidationError` to refuse; returning normally allows.
`register_close_guard` keeps the older form: a guard that only looks at closing.
"""

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stevig.trajectories.models import Trajectory


class GuardAction(StrEnum):
    CLOSE = "afsluiten"
    PILOT_LIGHT = "waakvlam"
    HAND_OVER = "overdragen"


Guard = Callable[["Trajectory", GuardAction], None]
CloseGuard = Callable[["Trajectory"], None]

_GUARDS: dict[str, Guard] = {}


def register_guard(key: str, guard: Guard) -> Guard:
    _GUARDS[key] = guard
    return guard


def unregister_guard(key: str) -> None:
    _GUARDS.pop(key, None)


def register_close_guard(key: str, guard: CloseGuard) -> CloseGuard:
    def only_closing(trajectory: "Trajectory", action: GuardAction) -> None:
        if action == GuardAction.CLOSE:
            guard(trajectory)

    register_guard(key, only_closing)
    return guard


unregister_close_guard = unregister_guard


def run_guards(trajectory: "Trajectory", action: GuardAction) -> None:
    for key in sorted(_GUARDS):
        _GUARDS[key](trajectory, action)


def run_close_guards(trajectory: "Trajectory") -> None:
    run_guards(trajectory, GuardAction.CLOSE)

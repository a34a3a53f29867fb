"""Exceptions that services raise and both the HTML and the API layer translate."""

from typing import Any


class VersionConflict(Exception):
    """Someone else saved the object after the caller read it (HTTP 409)."""

    def __init__(
        self, message: str = "Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw."
    ) -> None:
        super().__init__(message)
        self.message = message


class AccessDenied(Exception):
    """The actor may not do this; the denial has already been written to the access log.

    `can_break_glass`: the object belongs to a household in the actor's own municipality and the actor
    works in household files, so a page offers emergency access (`household_id`) instead of "not found".
    """

    def __init__(
        self,
        message: str = "Geen toegang tot dit dossier.",
        *,
        can_break_glass: bool = False,
        household_id: Any = None,
    ) -> None:
        super().__init__(message)
        self.can_break_glass = can_break_glass
        # The household the emergency-access page would open (set only when `can_break_glass`).
        self.household_id = household_id if can_break_glass else None


class RoleDenied(AccessDenied):
    """The actor's role may never do this, whatever the object (HTTP 403)."""


class RateLimited(Exception):
    """Too many requests of one kind by one actor in a short time (HTTP 429, `Retry-After: wait`)."""

    def __init__(self, message: str, *, wait: int) -> None:
        super().__init__(message)
        self.message = message
        self.wait = wait

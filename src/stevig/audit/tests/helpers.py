"""Helpers for the audit tests: write log rows as a given user, read the last row of a user."""

import uuid
from collections.abc import Iterable

from stevig.accounts.models import User
from stevig.audit.models import AccessLogEntry, Action, Outcome
from stevig.audit.services import record_access
from stevig.core.context import Actor


def log(
    user: User,
    *,
    residents: Iterable[uuid.UUID] = (),
    action: Action = Action.READ,
    outcome: Outcome = Outcome.ALLOWED,
    part: str = "huishouden",
    emergency: bool = False,
) -> AccessLogEntry:
    return record_access(
        actor=Actor(user=user, access_point="10.0.0.5"),
        action=action,
        outcome=outcome,
        part=part,
        residents=residents,
        emergency=emergency,
    )


def last_entry(user: User) -> AccessLogEntry:
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")

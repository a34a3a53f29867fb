"""The one way to write the access log (NEN 7513) from a selector or a service.

    from stevig.audit import log
    log.allowed(actor, Action.READ, Part.HOUSEHOLD, member_ids, object_type="household", object_id=h.id)
    log.denied(actor, Action.UPDATE, Part.PLAN, object_type="plan", object_id=plan_id)
    log.listed(actor, Part.WORKLIST, resident_ids, detail={"aantal": len(rows)})

`subjects` are the ids of the residents concerned. Who acts, from where, for what purpose and on whose
behalf comes from the `Actor`. Each call appends one hash-chained row through
`stevig.audit.services.record_access`, inside the caller's transaction: the data operation and its row
commit together or not at all, and a row that cannot be written fails the request.

Views, serializers and template tags never call this module: a lint test
(`stevig.core.tests.test_layer_rules`) fails the build when they do.
"""

import uuid
from collections.abc import Iterable
from typing import Any, TypedDict, Unpack

from stevig.audit import services
from stevig.audit.models import AccessLogEntry, Action, Outcome, Part
from stevig.core.context import Actor

__all__ = ["Action", "Part", "Where", "allowed", "denied", "listed"]


class Where(TypedDict, total=False):
    """What a row is about, besides the residents: the object, details, and (rarely) another chain."""

    object_type: str
    object_id: Any
    detail: dict[str, Any] | None
    municipality_code: str | None


def _write(
    actor: Actor,
    action: Action,
    outcome: Outcome,
    part: Part,
    subjects: Iterable[uuid.UUID],
    *,
    emergency: bool = False,
    **where: Unpack[Where],
) -> AccessLogEntry:
    return services.record_access(
        actor=actor,
        action=action,
        outcome=outcome,
        part=Part(part).value,
        residents=subjects,
        emergency=emergency,
        **where,
    )


def allowed(
    actor: Actor,
    action: Action,
    part: Part,
    subjects: Iterable[uuid.UUID] = (),
    *,
    emergency: bool = False,
    **where: Unpack[Where],
) -> AccessLogEntry:
    """The actor did `action` on `part` of the file of `subjects` (flag `emergency` for break-the-glass)."""
    return _write(actor, action, Outcome.ALLOWED, part, subjects, emergency=emergency, **where)


def denied(
    actor: Actor, action: Action, part: Part, subjects: Iterable[uuid.UUID] = (), **where: Unpack[Where]
) -> AccessLogEntry:
    """The actor tried and was refused. Name `subjects` only when they are in the actor's municipality."""
    return _write(actor, action, Outcome.DENIED, part, subjects, **where)


def listed(
    actor: Actor,
    part: Part,
    subjects: Iterable[uuid.UUID] = (),
    *,
    action: Action = Action.SEARCH,
    emergency: bool = False,
    **where: Unpack[Where],
) -> AccessLogEntry:
    """The actor was shown a list (search result, worklist, overview): one row naming everyone on it."""
    return _write(actor, action, Outcome.ALLOWED, part, subjects, emergency=emergency, **where)

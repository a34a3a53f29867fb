"""Reads of iWmo/iJw messages: need-to-know through the decision's household (decisions.selectors)."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from stevig.accounts.models import User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.decisions.models import Decision
from stevig.decisions.selectors import DECISION, decisions_visible_to
from stevig.istandaarden.models import Allocation, Direction, Message, MessageStatus


def messages_visible_to(user: User) -> QuerySet[Message]:
    return Message.objects.filter(decision__in=decisions_visible_to(user))


MESSAGE = access.Kind(
    Message,
    "ibericht",
    visible=messages_visible_to,
    household="household_id",
    url_kwarg="message_id",
    related=("decision", "provider", "allocation"),
    roles=access.FILE_ROLES,
    part=Part.MESSAGE,
)


@dataclass(frozen=True)
class DecisionMessages:
    allocations: list[Allocation]
    messages: list[Message]


def _of_decision(decision: Decision, limit: int) -> DecisionMessages:
    allocations = list(
        Allocation.objects.filter(decision=decision).select_related("provider").order_by("number")
    )
    messages = list(
        Message.objects.filter(decision=decision)
        .select_related("provider")
        .order_by("-created_at", "-id")[:limit]
    )
    return DecisionMessages(allocations, messages)


def _log_read(actor: Actor, decision: Decision, **detail: Any) -> None:
    log.allowed(
        actor,
        Action.READ,
        Part.MESSAGES,
        [decision.resident_id],
        object_type="decision",
        object_id=decision.id,
        detail=detail,
    )


def for_decision(*, actor: Actor, decision_id: uuid.UUID, limit: int = 100) -> DecisionMessages:
    """The allocations and messages of one decision (newest first), logged as one read."""
    decision = access.scoped_get(
        DECISION, actor=actor, pk=decision_id, action=Action.READ, part=Part.MESSAGES
    )
    found = _of_decision(decision, limit)
    _log_read(actor, decision, berichten=len(found.messages))
    return found


# The decision page shows this many messages, newest first; the messages page shows them all (up to 100).
INLINE_MESSAGES = 10


def decision_section(actor: Actor, decision: Decision) -> dict[str, Any] | None:
    """The allocation(s) and newest messages of one decision, for its own page (`decisions.sections`;
    the decision page checked access already). One access-log row (part: iWmo/iJw messages) when there
    is something to show; None for a decision without provider, allocation or message."""
    found = _of_decision(decision, INLINE_MESSAGES + 1)
    if not (decision.provider or found.allocations or found.messages):
        return None
    shown = found.messages[:INLINE_MESSAGES]
    _log_read(actor, decision, berichten=len(shown), op="pagina van de beschikking")
    return {
        "decision": decision,
        "found": DecisionMessages(found.allocations, shown),
        "more": len(found.messages) > INLINE_MESSAGES,
    }


def message_detail(*, actor: Actor, message_id: uuid.UUID) -> Message:
    message = access.scoped_get(MESSAGE, actor=actor, pk=message_id, action=Action.READ, part=Part.MESSAGE)
    log.allowed(
        actor,
        Action.READ,
        Part.MESSAGE,
        [message.decision.resident_id] if message.decision else [],
        object_type="ibericht",
        object_id=message.id,
    )
    return message


def open_requests(households: QuerySet) -> QuerySet[Message]:  # type: ignore[type-arg]
    """Received 315/317 not answered yet, in the given households (for the worklist)."""
    return Message.objects.filter(
        household__in=households,
        direction=Direction.IN,
        code__in=("315", "317"),
        status=MessageStatus.RECEIVED,
    )

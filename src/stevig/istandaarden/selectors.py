"""Reads of iWmo/iJw messages: need-to-know through the decision's household (decisions.selectors)."""

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from stevig.accounts.models import User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
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
)


@dataclass(frozen=True)
class DecisionMessages:
    allocations: list[Allocation]
    messages: list[Message]


def for_decision(*, actor: Actor, decision_id: uuid.UUID, limit: int = 100) -> DecisionMessages:
    """The allocations and messages of one decision (newest first), logged as one read."""
    decision = access.scoped_get(
        DECISION, actor=actor, pk=decision_id, action=Action.READ, part=Part.MESSAGES
    )
    allocations = list(
        Allocation.objects.filter(decision=decision).select_related("provider").order_by("number")
    )
    messages = list(
        Message.objects.filter(decision=decision)
        .select_related("provider")
        .order_by("-created_at", "-id")[:limit]
    )
    log.allowed(
        actor,
        Action.READ,
        Part.MESSAGES,
        [decision.resident_id],
        object_type="decision",
        object_id=decision.id,
        detail={"berichten": len(messages)},
    )
    return DecisionMessages(allocations, messages)


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

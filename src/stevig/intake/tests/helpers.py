"""Small helpers for intake tests."""

import datetime as dt
from typing import Any

from django.test import RequestFactory

from stevig.accounts.models import User
from stevig.core.context import Actor
from stevig.intake import services
from stevig.intake.models import Question


def actor(user: User) -> Actor:
    return Actor(user=user, access_point="127.0.0.1")


def ask(world: Any, **kwargs: Any) -> Question:
    """A public question from postcode 1234 (Team Noord) unless told otherwise."""
    fields: dict[str, Any] = {
        "municipality": world.municipality,
        "text": "Ik kan de trap niet meer op. Wie helpt mij?",
        "phone": "06 12345678",
        "postcode": "1234 AB",
        "idempotency_key": kwargs.pop("key", None) or dt.datetime.now().isoformat() + str(id(kwargs)),
    }
    fields.update(kwargs)
    question, _created = services.submit_public_question(**fields)
    return question


def register(world: Any, user: User | None = None, **kwargs: Any) -> Question:
    fields: dict[str, Any] = {
        "text": "Mevrouw belt: zij redt het niet meer thuis.",
        "channel": "telefoon",
        "phone": "0612345678",
    }
    fields.update(kwargs)
    return services.register_question(actor=actor(user or world.own_worker), **fields)


rf = RequestFactory()

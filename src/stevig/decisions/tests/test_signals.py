"""The hook later apps use: `decision_registered` after a decision is written, inside its transaction."""

import pytest

from stevig.decisions.models import Decision
from stevig.decisions.signals import decision_registered
from stevig.decisions.tests.conftest import decide

pytestmark = pytest.mark.django_db


def test_decision_registered_is_sent_once_with_the_decision_and_actor(world, categories):
    seen = []

    def receiver(sender, decision, actor, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((sender, decision.id, actor.user.id, Decision.objects.filter(id=decision.id).exists()))

    decision_registered.connect(receiver, dispatch_uid="test-decision-registered")
    try:
        decision = decide(world, categories, provider="Zorg Noord")
    finally:
        decision_registered.disconnect(dispatch_uid="test-decision-registered")
    assert seen == [(Decision, decision.id, world.own_worker.id, True)]


def test_a_refused_decision_sends_nothing(world, categories):
    seen = []
    decision_registered.connect(lambda **kw: seen.append(kw), dispatch_uid="test-refused", weak=False)
    try:
        with pytest.raises(Exception):  # noqa: B017 - the validation error of a missing reason
            decide(world, categories, reason="")
    finally:
        decision_registered.disconnect(dispatch_uid="test-refused")
    assert seen == []

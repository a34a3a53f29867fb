"""The access log of a mandate request says why and for whom (NEN 7513): the department carries the request
out in mandate, the coordinator uses the college's doorzettingsmacht, the worker supports the household."""

import pytest

from stevig.audit.models import AccessLogEntry
from stevig.mandates import services
from stevig.mandates.tests.conftest import actor_for, send

pytestmark = pytest.mark.django_db


def last(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


def test_purpose_and_on_behalf_of_along_a_mandate_request(world, case):
    r = send(world, case)
    sent = last(world.own_worker)
    assert (sent.part, sent.purpose, sent.on_behalf_of) == ("mandaatverzoek", "ondersteuning", "")
    dept = actor_for(world.department_worker)
    services.reject_request(actor=dept, request_id=r.id, expected_version=1, reason="Niet voor ons")
    rejected = last(world.department_worker)
    assert (rejected.purpose, rejected.on_behalf_of) == (
        "uitvoering mandaatverzoek",
        "afdeling Schuldhulpverlening (mandaat)",
    )
    services.decide(
        actor=actor_for(world.coordinator),
        request_id=r.id,
        expected_version=2,
        decision="De afdeling doet het.",
    )
    decided = last(world.coordinator)
    assert (decided.part, decided.purpose, decided.on_behalf_of) == (
        "mandaatverzoek",
        "doorzettingsmacht",
        "college van B en W (doorzettingsmacht)",
    )

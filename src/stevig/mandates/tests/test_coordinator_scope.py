"""The coordinator reads only the mandate requests that reached the coordinator function (issue 13,
finding 5). Regression: the coordinator read every request in the municipality (name, date of birth,
address), not only escalated ones."""

import datetime as dt

import pytest

from stevig.mandates.models import MandateRequest
from stevig.mandates.selectors import mandate_requests_visible_to
from stevig.mandates.tests.conftest import send

pytestmark = pytest.mark.django_db


def test_coordinator_sees_only_escalated_overdue_or_rejected_requests(world, case, clock):
    request = send(world, case)
    assert not mandate_requests_visible_to(world.coordinator).filter(pk=request.pk).exists()
    assert (
        mandate_requests_visible_to(world.own_worker).filter(pk=request.pk).exists()
    )  # the sender still does

    MandateRequest.objects.filter(pk=request.pk).update(escalated_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    assert mandate_requests_visible_to(world.coordinator).filter(pk=request.pk).exists()

    MandateRequest.objects.filter(pk=request.pk).update(escalated_at=None)
    request.refresh_from_db()
    clock.move_to(dt.datetime.combine(request.due_on, dt.time(12), tzinfo=dt.UTC))
    assert (
        not mandate_requests_visible_to(world.coordinator).filter(pk=request.pk).exists()
    )  # due today: on time
    clock.move_to(dt.datetime.combine(request.due_on + dt.timedelta(days=1), dt.time(12), tzinfo=dt.UTC))
    assert mandate_requests_visible_to(world.coordinator).filter(pk=request.pk).exists()  # overdue


def test_coordinator_api_list_leaves_out_ordinary_requests(world, case):
    from stevig.testing.personas import api_client

    send(world, case)
    response = api_client(world.coordinator).get("/api/v1/mandate-requests")
    assert response.status_code == 200
    assert response.json()["results"] == []

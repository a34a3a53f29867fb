"""GET /api/v1/questions filters and finds a question by its reference (issue 13 point 11: the list had
no filters and no search by reference)."""

import pytest

from stevig.audit.models import AccessLogEntry
from stevig.intake.tests.helpers import register
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db
URL = "/api/v1/questions"


def ids(response):
    assert response.status_code == 200, response.content[:300]
    return [row["id"] for row in response.json()["results"]]


def test_filters_and_reference_search(world):
    by_phone = register(world, world.own_worker, channel="telefoon")
    by_mail = register(world, world.own_worker, channel="huisarts")
    client = api_client(world.own_worker)
    assert set(ids(client.get(URL))) >= {str(by_phone.id), str(by_mail.id)}
    assert ids(client.get(URL, {"reference": by_mail.reference.lower()})) == [str(by_mail.id)]
    phone = ids(client.get(URL, {"channel": "telefoon"}))
    assert str(by_phone.id) in phone and str(by_mail.id) not in phone
    assert str(by_phone.id) in ids(client.get(URL, {"status": by_phone.status, "team": str(world.team.id)}))
    day = by_phone.received_at.date().isoformat()
    assert str(by_phone.id) in ids(client.get(URL, {"received_from": day, "received_until": day}))
    assert ids(client.get(URL, {"received_until": "2000-01-01"})) == []
    # The reference of a question out of scope finds nothing, and the search is logged.
    assert ids(api_client(world.other_team_worker).get(URL, {"reference": by_mail.reference})) == []
    assert AccessLogEntry.objects.filter(part="hulpvragen").exists()


def test_bad_filters_are_a_400_with_field_errors(world):
    response = api_client(world.own_worker).get(
        URL, {"status": "weg", "team": "x", "received_from": "gisteren"}
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"status", "team", "received_from"}

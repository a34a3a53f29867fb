"""A request whose access-log row cannot be written fails and returns no data (and commits nothing)."""

import pytest

from stevig.audit import services
from stevig.audit.models import AccessLogChainHead, AccessLogEntry, AccessLogSubject
from stevig.people.models import Household
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db


def broken_save(*args, **kwargs):
    raise RuntimeError("het toegangslog is niet bereikbaar")


@pytest.fixture
def client_of_own_worker(world):
    client = api_client(world.own_worker)
    client.raise_request_exception = False
    return client


def test_read_fails_without_data_when_the_log_row_cannot_be_written(world, client_of_own_worker, monkeypatch):
    url = f"/api/v1/households/{world.household.id}"
    assert client_of_own_worker.get(url).status_code == 200  # it works while the log works
    rows, subjects = AccessLogEntry.objects.count(), AccessLogSubject.objects.count()
    head = AccessLogChainHead.objects.get(municipality_code="GM9001")
    monkeypatch.setattr(services, "insert_row", broken_save)
    response = client_of_own_worker.get(url)
    assert response.status_code == 500
    body = response.content.decode()
    for secret in ("El Amrani", "Fatima", "Yusuf", "999990019", str(world.parent.id), world.household.street):
        assert secret not in body
    monkeypatch.undo()
    assert (AccessLogEntry.objects.count(), AccessLogSubject.objects.count()) == (rows, subjects)
    assert AccessLogChainHead.objects.get(municipality_code="GM9001").last_hash == head.last_hash


def test_read_fails_when_the_record_access_used_by_the_selector_raises(
    world, client_of_own_worker, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("het toegangslog is niet bereikbaar")

    # The selector writes through audit.log, which appends with services.record_access.
    monkeypatch.setattr(services, "record_access", broken)
    response = client_of_own_worker.get(f"/api/v1/households/{world.household.id}")
    assert response.status_code == 500
    assert "El Amrani" not in response.content.decode()


def test_write_is_rolled_back_when_the_log_row_cannot_be_written(world, client_of_own_worker, monkeypatch):
    household = world.household
    monkeypatch.setattr(services, "insert_row", broken_save)
    response = client_of_own_worker.patch(
        f"/api/v1/households/{household.id}",
        {"street": "Nieuwe Weg", "version": household.version},
        format="json",
    )
    assert response.status_code == 500
    assert "Nieuwe Weg" not in response.content.decode()
    household = Household.objects.get(id=household.id)
    assert household.street == "Dorpsstraat" and household.version == world.household.version
    monkeypatch.undo()
    assert not AccessLogEntry.objects.filter(user_id=world.own_worker.id).exists()

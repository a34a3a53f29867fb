"""The hash chain: tampering, deleted rows and an intact chain; rows are append-only."""

import pytest
from django.core.management import CommandError, call_command

from stevig.audit.models import AccessLogChainHead, AccessLogEntry, AccessLogSubject
from stevig.audit.services import verify_chain
from stevig.audit.tests.helpers import log

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(world):
    rows = [log(world.own_worker, residents=[world.parent.id]) for _ in range(5)]
    log(world.other_municipality_worker)  # a second municipality's chain, untouched by the tampering below
    return rows


def run_verify(capsys) -> tuple[int, str, str]:
    try:
        call_command("verify_access_log")
    except CommandError as exc:
        captured = capsys.readouterr()
        return exc.returncode, captured.out, captured.err + str(exc)
    captured = capsys.readouterr()
    return 0, captured.out, captured.err


def test_intact_chain_succeeds(chain, capsys):
    code, out, err = run_verify(capsys)
    assert code == 0, err
    assert "intact (2 gemeente(n))" in out
    assert verify_chain("GM9001") == []


def test_changed_field_is_detected_and_named(chain, capsys):
    AccessLogEntry.objects.filter(pk=chain[2].pk).update(username="iemand-anders")
    code, _, err = run_verify(capsys)
    assert code != 0
    assert "GM9001: rij 3 is gewijzigd." in err
    assert "GM9002" not in err


@pytest.mark.parametrize(
    "field, value",
    [
        ("outcome", "denied"),
        ("resident_ids", []),
        ("timestamp", "2020-01-01T00:00:00Z"),
        ("purpose", "nieuwsgierig"),
    ],
)
def test_every_fact_is_covered_by_the_hash(chain, field, value):
    AccessLogEntry.objects.filter(pk=chain[1].pk).update(**{field: value})
    assert verify_chain("GM9001") == ["GM9001: rij 2 is gewijzigd."]


def test_rehashed_row_breaks_the_link_to_the_next(chain):
    """Whoever changes a row and recomputes its hash still breaks the link with the next row."""
    from stevig.audit.services import entry_digest

    entry = AccessLogEntry.objects.get(pk=chain[1].pk)
    entry.username = "iemand-anders"
    AccessLogEntry.objects.filter(pk=entry.pk).update(username=entry.username, hash=entry_digest(entry))
    assert verify_chain("GM9001") == ["GM9001: rij 3 sluit niet aan op de vorige rij."]


def test_deleted_middle_row_is_detected(chain, capsys):
    AccessLogSubject.objects.filter(entry_id=chain[2].pk).delete()
    AccessLogEntry.objects.filter(pk=chain[2].pk).delete()  # raw delete, bypassing the model's guard
    code, _, err = run_verify(capsys)
    assert code != 0
    assert "GM9001: rij 3 ontbreekt (gevonden: 4)." in err
    assert "GM9001: rij 4 sluit niet aan op de vorige rij." in err


def test_deleted_last_row_is_detected(chain, capsys):
    AccessLogSubject.objects.filter(entry_id=chain[4].pk).delete()
    AccessLogEntry.objects.filter(pk=chain[4].pk).delete()
    code, _, err = run_verify(capsys)
    assert code != 0
    assert "GM9001: de laatste rij(en) ontbreken (verwacht tot rij 5)." in err


def test_chain_continues_after_the_head(chain):
    head = AccessLogChainHead.objects.get(municipality_code="GM9001")
    assert (head.seq, head.last_hash) == (5, chain[4].hash)
    assert [e.prev_hash for e in chain[1:]] == [e.hash for e in chain[:-1]]


def test_rows_are_append_only(chain):
    entry = AccessLogEntry.objects.get(pk=chain[0].pk)
    entry.username = "anders"
    with pytest.raises(RuntimeError, match="append-only"):
        entry.save()
    with pytest.raises(RuntimeError, match="append-only"):
        entry.delete()
    assert AccessLogEntry.objects.get(pk=chain[0].pk).username == "eigen"

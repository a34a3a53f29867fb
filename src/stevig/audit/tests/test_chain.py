"""The hash chain: every kind of tampering (changed, deleted, inserted, truncated, re-hashed rows and the
subject index) and an intact chain; rows are append-only. Runs on SQLite and PostgreSQL."""

import hashlib
import json
import re
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from stevig.audit.models import AccessLogChainHead, AccessLogEntry, AccessLogSubject
from stevig.audit.services import GENESIS_HASH, entry_digest, head_seal, verify_chain
from stevig.audit.tests.helpers import log

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(world):
    rows = [log(world.own_worker, residents=[world.parent.id]) for _ in range(5)]
    log(world.other_municipality_worker)  # a second municipality's chain, untouched by the tampering below
    return rows


def run_verify(capsys, *args: str) -> tuple[int, str, str]:
    try:
        call_command("verify_access_log", *args)
    except CommandError as exc:
        captured = capsys.readouterr()
        return exc.returncode, captured.out, captured.err + str(exc)
    captured = capsys.readouterr()
    return 0, captured.out, captured.err


def test_intact_chain_succeeds(chain, capsys):
    code, out, err = run_verify(capsys)
    assert code == 0, err
    assert "intact (2 gemeente(n), 0 controlepunt(en) geldig)" in out
    assert f"Controlepunt: GM9001:5:{chain[4].hash}" in out
    assert verify_chain("GM9001") == []
    # Streamed in batches, and the speed is reported (the number itself is not asserted: machines differ).
    assert re.search(r"Gecontroleerd: 6 rijen in [0-9.]+ s \([0-9]+ rijen/s\)", out)
    batches = []
    verify_chain("GM9001", on_rows=batches.append)
    assert batches == [5]


def rehash(code: str) -> None:
    """Recompute every row and the head with whatever key is active, as an attacker with database access
    would after changing a row."""
    prev = GENESIS_HASH
    for entry in AccessLogEntry.objects.filter(municipality_code=code).order_by("seq"):
        entry.prev_hash = prev
        entry.hash = entry_digest(entry)
        AccessLogEntry.objects.filter(pk=entry.pk).update(prev_hash=entry.prev_hash, hash=entry.hash)
        prev = entry.hash
        AccessLogChainHead.objects.filter(municipality_code=code).update(
            seq=entry.seq, last_hash=entry.hash, seal=head_seal(code, entry.seq, entry.hash)
        )


def test_deleted_subject_rows_are_detected(chain, world):
    """Regression: deleting a resident's AccessLogSubject rows emptied their inzage and verification
    still passed."""
    AccessLogSubject.objects.filter(resident_id=world.parent.id).delete()
    problems = verify_chain("GM9001")
    assert problems == [f"GM9001: de inwoners van rij {n} zijn gewijzigd." for n in range(1, 6)]


def test_inserted_subject_row_is_detected(chain):
    AccessLogSubject.objects.create(
        entry_id=chain[3].pk, municipality_code="GM9001", resident_id=uuid.uuid4()
    )
    assert verify_chain("GM9001") == ["GM9001: de inwoners van rij 4 zijn gewijzigd."]


def test_subject_moved_to_another_municipality_is_detected(chain, world):
    AccessLogSubject.objects.filter(entry_id=chain[0].pk).update(municipality_code="GM9002")
    assert verify_chain("GM9001") == ["GM9001: de inwoners van rij 1 zijn gewijzigd."]


def test_full_rehash_without_the_key_is_detected(chain):
    """Regression: the chain had no key, so changing a row and re-hashing everything after it passed."""
    AccessLogEntry.objects.filter(pk=chain[1].pk).update(purpose="nieuwsgierig")
    with override_settings(ACCESS_LOG_KEY="geraden-sleutel"):
        rehash("GM9001")
        assert verify_chain("GM9001") == []  # consistent under the wrong key ...
    problems = verify_chain("GM9001")  # ... but not under the real one
    assert [p for p in problems if "is gewijzigd" in p] == [
        f"GM9001: rij {n} is gewijzigd." for n in range(1, 6)
    ]
    assert "GM9001: het einde van de keten is verplaatst (ingekort of opnieuw berekend)." in problems


def test_plain_sha256_rehash_is_detected(chain):
    """An attacker who recomputes the old unkeyed SHA-256 over a row does not produce a valid hash."""
    entry = AccessLogEntry.objects.get(pk=chain[4].pk)
    payload = json.dumps({"event_id": str(entry.event_id), "prev_hash": entry.prev_hash}, sort_keys=True)
    AccessLogEntry.objects.filter(pk=entry.pk).update(
        purpose="x", hash=hashlib.sha256(payload.encode()).hexdigest()
    )
    assert "GM9001: rij 5 is gewijzigd." in verify_chain("GM9001")


def test_truncated_tail_with_moved_head_is_detected(chain):
    """Regression: deleting the last rows and moving the head back passed verification."""
    for entry in chain[3:]:
        AccessLogSubject.objects.filter(entry_id=entry.pk).delete()
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    AccessLogChainHead.objects.filter(municipality_code="GM9001").update(seq=3, last_hash=chain[2].hash)
    assert verify_chain("GM9001") == [
        "GM9001: het einde van de keten is verplaatst (ingekort of opnieuw berekend)."
    ]


def copy_row(source: AccessLogEntry, *, seq: int) -> AccessLogEntry:
    """An unsaved copy of `source` placed right after it: a forged row."""
    row = AccessLogEntry.objects.get(pk=source.pk)
    row.pk = None
    row._state.adding = True
    row.event_id = uuid.uuid4()
    row.seq = seq
    row.prev_hash = source.hash
    return row


def test_forged_row_appended_without_the_key_is_detected(chain, world):
    forged = copy_row(chain[4], seq=6)
    with override_settings(ACCESS_LOG_KEY="geraden-sleutel"):
        forged.hash = entry_digest(forged)
        forged.save(force_insert=True)
        AccessLogSubject.objects.create(entry=forged, municipality_code="GM9001", resident_id=world.parent.id)
        AccessLogChainHead.objects.filter(municipality_code="GM9001").update(
            seq=6, last_hash=forged.hash, seal=head_seal("GM9001", 6, forged.hash)
        )
    assert verify_chain("GM9001") == [
        "GM9001: rij 6 is gewijzigd.",
        "GM9001: het einde van de keten is verplaatst (ingekort of opnieuw berekend).",
    ]


def test_inserted_row_in_the_middle_is_detected(chain):
    """A row slipped in between needs the later rows renumbered: the chain breaks and the hashes fail."""
    for entry in reversed(chain[2:]):
        AccessLogEntry.objects.filter(pk=entry.pk).update(seq=entry.seq + 1)
    inserted = copy_row(chain[1], seq=3)
    inserted.hash = "f" * 64
    inserted.save(force_insert=True)
    problems = verify_chain("GM9001")
    assert "GM9001: rij 3 is gewijzigd." in problems
    assert "GM9001: rij 4 sluit niet aan op de vorige rij." in problems
    assert "GM9001: rij 4 is gewijzigd." in problems


def test_rehash_with_the_key_is_caught_by_a_kept_checkpoint(chain, capsys):
    """Someone who holds the key can re-hash a consistent chain; the checkpoint kept outside the database
    still notices."""
    _, out, _ = run_verify(capsys)
    kept = [line for line in out.splitlines() if line.startswith("Controlepunt: GM9001")]
    assert kept == [f"Controlepunt: GM9001:5:{chain[4].hash}"]
    AccessLogEntry.objects.filter(pk=chain[1].pk).update(purpose="nieuwsgierig")
    rehash("GM9001")
    assert verify_chain("GM9001") == []
    code, _, err = run_verify(capsys, "--checkpoint", kept[0].removeprefix("Controlepunt: "))
    assert code != 0
    assert "GM9001: rij 5 wijkt af van het controlepunt (opnieuw berekend)." in err


def test_checkpoint_file_catches_a_wholly_deleted_chain(chain, capsys, tmp_path):
    _, out, _ = run_verify(capsys)
    kept = tmp_path / "toegangslog-controle.txt"
    kept.write_text(out, encoding="utf-8")
    code, out, _ = run_verify(capsys, "--checkpoint-file", str(kept))
    assert code == 0
    assert "2 controlepunt(en) geldig" in out
    AccessLogSubject.objects.filter(municipality_code="GM9001").delete()
    AccessLogEntry.objects.filter(municipality_code="GM9001").delete()
    AccessLogChainHead.objects.filter(municipality_code="GM9001").delete()
    code, _, err = run_verify(capsys, "--checkpoint-file", str(kept))
    assert code != 0
    assert "GM9001: rij 5 uit het controlepunt ontbreekt (ingekort log)." in err


def test_malformed_checkpoint_is_a_problem(chain, capsys):
    code, _, err = run_verify(capsys, "--checkpoint", "GM9001-5")
    assert code != 0
    assert "heeft niet de vorm GEMEENTE:RIJ:HASH" in err


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
    assert verify_chain("GM9001")[0] == "GM9001: rij 2 is gewijzigd."
    # Emptying resident_ids also no longer matches the subject index.
    assert verify_chain("GM9001")[1:] == (
        ["GM9001: de inwoners van rij 2 zijn gewijzigd."] if field == "resident_ids" else []
    )


def test_rehashed_row_breaks_the_link_to_the_next(chain):
    """Whoever changes a row and recomputes its hash still breaks the link with the next row."""
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


def test_deploy_check_warns_without_a_separate_key():
    from stevig.audit.checks import access_log_key_is_set

    with override_settings(ACCESS_LOG_KEY_IS_SET=False):
        assert [m.id for m in access_log_key_is_set()] == ["stevig.W001"]
    with override_settings(ACCESS_LOG_KEY_IS_SET=True):
        assert access_log_key_is_set() == []

"""Writing the access log. Every service that touches resident data calls `record_access` inside its own
transaction, so the data operation and its log row commit together or not at all."""

import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from stevig.audit import purposes
from stevig.audit.models import AccessLogChainHead, AccessLogEntry, AccessLogSubject, Action, Outcome
from stevig.core.context import Actor
from stevig.core.db import insert_row

GENESIS_HASH = "0" * 64


def _mac(message: str) -> str:
    """HMAC-SHA256 with the access-log key, which lives outside the database (`STEVIG_ACCESS_LOG_KEY`):
    whoever can write the database but does not hold the key cannot forge or re-hash a row."""
    return hmac.new(settings.ACCESS_LOG_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


def entry_digest(entry: AccessLogEntry) -> str:
    """Keyed hash over the row's facts, its residents (the subjects) and the previous row's hash (the
    chain link). The subject rows (`AccessLogSubject`) are checked against `resident_ids` by
    `verify_chain`, so the per-resident index cannot lose or gain a resident unnoticed."""
    payload = {
        "event_id": str(entry.event_id),
        "municipality_code": entry.municipality_code,
        "seq": entry.seq,
        "timestamp": entry.timestamp.isoformat(),
        "action": entry.action,
        "outcome": entry.outcome,
        "user_id": str(entry.user_id) if entry.user_id else None,
        "username": entry.username,
        "role": entry.role,
        "on_behalf_of": entry.on_behalf_of,
        "purpose": entry.purpose,
        "access_point": entry.access_point,
        "part": entry.part,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "emergency": entry.emergency,
        "detail": entry.detail,
        "resident_ids": sorted(entry.resident_ids),
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return _mac(canonical)


def head_seal(municipality_code: str, seq: int, last_hash: str) -> str:
    """The seal on the chain head. Truncating the tail means moving the head back; without the key the
    head cannot be re-sealed, so `verify_chain` notices."""
    return _mac(f"head:{municipality_code}:{seq}:{last_hash}")


def checkpoint(municipality_code: str) -> str | None:
    """'CODE:SEQ:HASH' of the chain's last row: `verify_access_log` prints it, operators keep it outside
    the database and hand it back (`--checkpoint`) to prove no row up to there was removed or re-hashed,
    even by someone who holds the key."""
    last = AccessLogEntry.objects.filter(municipality_code=municipality_code).order_by("-seq").first()
    return f"{municipality_code}:{last.seq}:{last.hash}" if last is not None else None


def verify_checkpoint(point: str) -> list[str]:
    """Problems with one kept checkpoint 'CODE:SEQ:HASH' (empty when the row is still there unchanged)."""
    try:
        code, seq_text, expected = point.strip().split(":")
        seq = int(seq_text)
    except ValueError:
        return [f"Controlepunt {point!r} heeft niet de vorm GEMEENTE:RIJ:HASH."]
    row = (
        AccessLogEntry.objects.filter(municipality_code=code, seq=seq).values_list("hash", flat=True).first()
    )
    if row is None:
        return [f"{code}: rij {seq} uit het controlepunt ontbreekt (ingekort log)."]
    if not hmac.compare_digest(row, expected):
        return [f"{code}: rij {seq} wijkt af van het controlepunt (opnieuw berekend)."]
    return []


def record_access(
    *,
    actor: Actor,
    action: Action,
    outcome: Outcome,
    part: str,
    residents: Iterable[uuid.UUID] = (),
    object_type: str = "",
    object_id: Any = "",
    emergency: bool = False,
    detail: dict[str, Any] | None = None,
    municipality_code: str | None = None,
) -> AccessLogEntry:
    """Append one row to the municipality's chain. Raises if it cannot be written: callers let that
    propagate, so a request whose access cannot be logged fails and returns no data."""
    municipality = actor.user.municipality if actor.user.municipality_id else None
    code = municipality_code or (municipality.code if municipality is not None else "-")
    resident_ids = sorted({str(r) for r in residents})
    # Everything that does not depend on the chain head is worked out before the head is locked (the
    # 'namens wie' may read the department or, under emergency access, the holding team): the lock
    # serialises every logged request of the municipality, so it is held only for the writes.
    on_behalf_of = actor.on_behalf_of or purposes.acting_for(
        user=actor.user, part=part, emergency=emergency, residents=resident_ids
    )
    purpose = purposes.purpose_for(named=actor.purpose, part=part, role=actor.user.role, emergency=emergency)
    using = router.db_for_write(AccessLogEntry)
    with transaction.atomic(using=using):
        seq, last_hash = _lock_head(code, using)
        entry = AccessLogEntry(
            municipality_code=code,
            seq=seq + 1,
            timestamp=timezone.now().replace(microsecond=0),
            action=action,
            outcome=outcome,
            user_id=actor.user.pk,
            username=actor.user.get_username(),
            role=actor.user.role or ("superuser" if actor.user.is_superuser else ""),
            on_behalf_of=on_behalf_of,
            purpose=purpose,
            access_point=f"{actor.channel} {actor.access_point}",
            part=part,
            object_type=object_type,
            object_id=str(object_id) if object_id else "",
            emergency=emergency,
            detail=detail or {},
            resident_ids=resident_ids,
            prev_hash=last_hash,
        )
        entry.hash = entry_digest(entry)
        # Statements written once per process (core.db): this runs on nearly every request, and compiling
        # the ORM's SELECT ... FOR UPDATE, INSERT and UPDATE again each time cost more than running them.
        insert_row(entry, using=using)
        _insert_subjects(entry.pk, code, resident_ids, using=using)
        connection = connections[using]
        table = connection.ops.quote_name(AccessLogChainHead._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET seq = %s, last_hash = %s, seal = %s WHERE municipality_code = %s",  # noqa: S608
                [entry.seq, entry.hash, head_seal(code, entry.seq, entry.hash), code],
            )
    return entry


def _lock_head(code: str, using: str) -> tuple[int, str]:
    """(seq, last hash) of the municipality's chain head, locked until the transaction ends (PostgreSQL:
    FOR UPDATE; SQLite: the write transaction, begun IMMEDIATE, already excludes other writers). The
    first row of a municipality makes its head."""
    connection = connections[using]
    table = connection.ops.quote_name(AccessLogChainHead._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, last_hash FROM {table} WHERE municipality_code = %s{lock}", [code])  # noqa: S608
        row = cursor.fetchone()
    if row is None:
        head, _ = (
            AccessLogChainHead.objects.using(using).select_for_update().get_or_create(municipality_code=code)
        )
        return head.seq, head.last_hash
    return int(row[0]), str(row[1])


def _insert_subjects(entry_id: int, code: str, resident_ids: list[str], *, using: str) -> None:
    """The subject index rows of one entry in one statement, without building a model instance per
    resident (a household list names about 135 residents; this runs while the chain head is locked)."""
    if not resident_ids:
        return
    connection = connections[using]
    table = connection.ops.quote_name(AccessLogSubject._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {table} (entry_id, municipality_code, resident_id) "
                "SELECT %s, %s, unnest(%s::uuid[])",
                [entry_id, code, resident_ids],
            )
        else:
            field = AccessLogSubject._meta.get_field("resident_id")
            cursor.executemany(
                f"INSERT INTO {table} (entry_id, municipality_code, resident_id) VALUES (%s, %s, %s)",  # noqa: S608
                [(entry_id, code, field.get_db_prep_save(uuid.UUID(r), connection)) for r in resident_ids],
            )


def verify_chain(municipality_code: str, *, on_rows: Callable[[int], None] | None = None) -> list[str]:
    """Return the problems found in one municipality's chain (empty when intact): changed, deleted or
    inserted rows, rows re-hashed without the key, residents added to or removed from the subject index,
    and a truncated tail (the head's seal)."""
    problems: list[str] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    rows = AccessLogEntry.objects.filter(municipality_code=municipality_code).order_by("seq")
    batch: list[AccessLogEntry] = []

    def check_subjects() -> None:
        subjects: dict[int, set[str]] = {entry.pk: set() for entry in batch}
        for entry_id, code, resident_id in AccessLogSubject.objects.filter(entry_id__in=subjects).values_list(
            "entry_id", "municipality_code", "resident_id"
        ):
            subjects[entry_id].add(str(resident_id) if code == municipality_code else f"{code}/{resident_id}")
        for entry in batch:
            if subjects[entry.pk] != {str(r) for r in entry.resident_ids}:
                problems.append(f"{municipality_code}: de inwoners van rij {entry.seq} zijn gewijzigd.")
        if on_rows is not None and batch:
            on_rows(len(batch))  # streamed in batches: memory stays flat over tens of millions of rows
        batch.clear()

    for entry in rows.iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            problems.append(f"{municipality_code}: rij {expected_seq} ontbreekt (gevonden: {entry.seq}).")
        if entry.prev_hash != expected_prev:
            problems.append(f"{municipality_code}: rij {entry.seq} sluit niet aan op de vorige rij.")
        if not hmac.compare_digest(entry_digest(entry), entry.hash):
            problems.append(f"{municipality_code}: rij {entry.seq} is gewijzigd.")
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
        batch.append(entry)
        if len(batch) >= 2000:
            check_subjects()
    check_subjects()
    head = AccessLogChainHead.objects.filter(municipality_code=municipality_code).first()
    if head is not None and (head.seq != expected_seq - 1 or head.last_hash != expected_prev):
        problems.append(f"{municipality_code}: de laatste rij(en) ontbreken (verwacht tot rij {head.seq}).")
    elif head is not None and not hmac.compare_digest(
        head.seal, head_seal(municipality_code, head.seq, head.last_hash)
    ):
        problems.append(
            f"{municipality_code}: het einde van de keten is verplaatst (ingekort of opnieuw berekend)."
        )
    return problems

"""Writing the access log. Every service that touches resident data calls `record_access` inside its own
transaction, so the data operation and its log row commit together or not at all."""

import hashlib
import json
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from stevig.audit.models import AccessLogChainHead, AccessLogEntry, AccessLogSubject, Action, Outcome
from stevig.core.context import Actor

GENESIS_HASH = "0" * 64


def entry_digest(entry: AccessLogEntry) -> str:
    """SHA-256 over the row's facts and the previous row's hash (the chain link)."""
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
    return hashlib.sha256(canonical.encode()).hexdigest()


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
    with transaction.atomic():
        head, _ = AccessLogChainHead.objects.select_for_update().get_or_create(municipality_code=code)
        entry = AccessLogEntry(
            municipality_code=code,
            seq=head.seq + 1,
            timestamp=timezone.now().replace(microsecond=0),
            action=action,
            outcome=outcome,
            user_id=actor.user.pk,
            username=actor.user.get_username(),
            role=actor.user.role or ("superuser" if actor.user.is_superuser else ""),
            on_behalf_of=actor.on_behalf_of,
            purpose=actor.purpose,
            access_point=f"{actor.channel} {actor.access_point}",
            part=part,
            object_type=object_type,
            object_id=str(object_id) if object_id else "",
            emergency=emergency,
            detail=detail or {},
            resident_ids=resident_ids,
            prev_hash=head.last_hash,
        )
        entry.hash = entry_digest(entry)
        entry.save(force_insert=True)
        AccessLogSubject.objects.bulk_create(
            [AccessLogSubject(entry=entry, municipality_code=code, resident_id=rid) for rid in resident_ids]
        )
        AccessLogChainHead.objects.filter(pk=head.pk).update(seq=entry.seq, last_hash=entry.hash)
    return entry


def verify_chain(municipality_code: str) -> list[str]:
    """Return the problems found in one municipality's chain (empty when intact)."""
    problems: list[str] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    rows = AccessLogEntry.objects.filter(municipality_code=municipality_code).order_by("seq")
    for entry in rows.iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            problems.append(f"{municipality_code}: rij {expected_seq} ontbreekt (gevonden: {entry.seq}).")
        if entry.prev_hash != expected_prev:
            problems.append(f"{municipality_code}: rij {entry.seq} sluit niet aan op de vorige rij.")
        if entry_digest(entry) != entry.hash:
            problems.append(f"{municipality_code}: rij {entry.seq} is gewijzigd.")
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
    head = AccessLogChainHead.objects.filter(municipality_code=municipality_code).first()
    if head is not None and (head.seq != expected_seq - 1 or head.last_hash != expected_prev):
        problems.append(f"{municipality_code}: de laatste rij(en) ontbreken (verwacht tot rij {head.seq}).")
    return problems

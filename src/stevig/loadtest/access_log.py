"""Fill the access log with synthetic, validly chained rows, for the scale measurement of issue 14
point 5 (the privacy officer's filters over tens of millions of rows; `verify_access_log` rows/s).

    DATABASE_URL=postgres://... STEVIG_DEMO=1 PYTHONPATH=src python -m stevig.loadtest.access_log \\
        --rows 5000000 --months 12

Appends to the chain of the first demo municipality (after its head), one row per access, spread
evenly over the last `--months` months, by the municipality's staff, about 2 % refused, each about
one to three of its residents; the rows are hashed with the real key, so the chain still verifies.
PostgreSQL only (COPY into the partitioned table, then ANALYZE). Never run it against a real
municipality's database: it writes log rows about accesses that never happened.
"""

import argparse
import json
import os
import random
import sys
import time
import uuid
from datetime import timedelta

BATCH = 20_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stevig.loadtest.access_log")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stevig.settings")
    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from stevig.accounts.models import User
    from stevig.audit.models import AccessLogChainHead, AccessLogEntry
    from stevig.audit.partitions import create_partitions, months_from
    from stevig.audit.services import entry_digest, head_seal
    from stevig.people.models import Resident
    from stevig.tenancy.models import Municipality

    if connection.vendor != "postgresql":
        raise SystemExit("PostgreSQL only (DATABASE_URL).")
    if not os.environ.get("STEVIG_DEMO"):
        raise SystemExit("Set STEVIG_DEMO=1: this writes fabricated log rows (demo databases only).")
    rng = random.Random(args.seed)
    municipality = Municipality.objects.order_by("code").first()
    if municipality is None:
        raise SystemExit("Load the demo first (manage.py stevig_demo).")
    code = municipality.code
    staff = list(User.objects.filter(municipality=municipality).values_list("id", "username", "role"))
    residents = [
        str(r) for r in Resident.objects.filter(municipality=municipality).values_list("id", flat=True)
    ]
    now = timezone.now().replace(microsecond=0)
    start = now - timedelta(days=30 * args.months)
    step = (now - start) / args.rows
    first = start.date().replace(day=1)
    for month in months_from(first, args.months + 1):
        create_partitions(months_ahead=0, today=month)
    columns = [str(f.column) for f in AccessLogEntry._meta.concrete_fields if f.column != "id"]
    started = time.perf_counter()
    with transaction.atomic():
        head, _ = AccessLogChainHead.objects.select_for_update().get_or_create(municipality_code=code)
        seq, prev = head.seq, head.last_hash
        with connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM audit_accesslogentry")
            next_id = cursor.fetchone()[0] + 1
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('audit_accesslogentry', 'id'), %s)",
                [next_id + args.rows],
            )
        written = 0
        while written < args.rows:
            entries, subjects = [], []
            for _ in range(min(BATCH, args.rows - written)):
                seq += 1
                user_id, username, role = rng.choice(staff)
                chosen = sorted(rng.sample(residents, rng.choice((1, 1, 2, 3))))
                entry = AccessLogEntry(
                    id=next_id,
                    event_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    municipality_code=code,
                    seq=seq,
                    timestamp=start + step * written,
                    action="read",
                    outcome="denied" if rng.random() < 0.02 else "allowed",
                    user_id=user_id,
                    username=username,
                    role=role or "",
                    on_behalf_of="",
                    purpose="ondersteuning",
                    access_point="api 127.0.0.1",
                    part="huishouden",
                    object_type="household",
                    object_id="",
                    emergency=False,
                    detail={},
                    resident_ids=chosen,
                    prev_hash=prev,
                )
                entry.timestamp = entry.timestamp.replace(microsecond=0)
                entry.hash = prev = entry_digest(entry)
                entries.append(entry)
                subjects += [(code, rid, next_id) for rid in chosen]
                next_id += 1
                written += 1
            with connection.cursor() as cursor:
                raw = cursor.cursor  # psycopg 3: COPY
                with raw.copy(f"COPY audit_accesslogentry (id, {', '.join(columns)}) FROM STDIN") as copy:
                    for e in entries:
                        values = [getattr(e, f.attname) for f in AccessLogEntry._meta.concrete_fields]
                        copy.write_row([json.dumps(v) if isinstance(v, dict | list) else v for v in values])
                with raw.copy(
                    "COPY audit_accesslogsubject (municipality_code, resident_id, entry_id) FROM STDIN"
                ) as copy:
                    for row in subjects:
                        copy.write_row(row)
            print(f"\r  {written:,} / {args.rows:,}", end="", file=sys.stderr, flush=True)
        AccessLogChainHead.objects.filter(pk=head.pk).update(
            seq=seq, last_hash=prev, seal=head_seal(code, seq, prev)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_accesslogentry")
        cursor.execute("ANALYZE audit_accesslogsubject")
    seconds = time.perf_counter() - started
    print(
        f"\n{args.rows:,} log rows for {code} in {seconds:.0f} s ({args.rows / seconds:,.0f} rows/s), ANALYZE done."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make loadtest-sqlite`: concurrent writers on the embedded SQLite database, never "database is locked".

A fresh SQLite file (WAL, `BEGIN IMMEDIATE`, 20 s busy timeout: see settings), migrated and loaded with
the demo (``--households``), then ``--writers`` threads, each with its own connection, open household
files through the normal service (one transaction with its access-log row, so every write also takes
the municipality's hash-chain lock). Prints writes, writes/s and every error; exit status 1 on any
"database is locked" or other error.
"""

import argparse
import os
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make loadtest-sqlite", description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=2_000)
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--writes", type=int, default=25, help="writes per writer")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    os.environ.pop("DATABASE_URL", None)
    os.environ["STEVIG_SQLITE_PATH"] = str(Path(tempfile.mkdtemp(prefix="stevig-sqlite-")) / "load.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stevig.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from stevig.accounts.models import User
    from stevig.core.context import Actor
    from stevig.demo.loader import load_demo
    from stevig.people import services

    call_command("migrate", verbosity=0)
    print(f"SQLite {os.environ['STEVIG_SQLITE_PATH']}: loading {args.households:,} households ...")
    print(load_demo(households=args.households).line())
    connection.close()
    worker = User.objects.get(username="anna")
    errors: list[str] = []
    done = [0]
    lock = threading.Lock()

    def write(number: int) -> None:
        actor = Actor(user=worker, access_point="127.0.0.1")
        try:
            for i in range(args.writes):
                try:
                    services.create_household(
                        actor=actor,
                        street="Schrijversstraat",
                        house_number=number * 1000 + i + 1,
                        postcode="9999 ZZ",
                        city="Stevigdam",
                        first_member={
                            "given_names": f"Schrijver{number}",
                            "surname": f"Test{i}",
                            "date_of_birth": date(1980, 1, 1),
                        },
                    )
                    with lock:
                        done[0] += 1
                except Exception as exc:  # every failure is reported, none hidden
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            from django.db import connection as own

            own.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(args.writers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    locked = sum("database is locked" in e for e in errors)
    print(
        f"{args.writers} writers: {done[0]} writes in {seconds:.1f} s ({done[0] / seconds:.1f}/s), "
        f"{len(errors)} errors, {locked} 'database is locked'"
    )
    for error in sorted(set(errors))[:10]:
        print(f"  {error}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())

"""`make loadtest`: the production server under a mixed workload at a fixed arrival rate.

1. migrates the database (PostgreSQL from ``DATABASE_URL``) and, when it is empty, loads the demo
   municipality with ``--households`` households (bulk load, then ANALYZE);
2. writes a plan (API tokens of the demo medewerkers and the privacy officer, household ids in their
   scope, the cursor of household-list page 200) for the locust file;
3. starts gunicorn with ``gunicorn.conf.py`` (``--workers``, default 2 per core) and waits for ``/ready``;
4. runs locust headless: ``--users`` users at ``--rate`` requests per second in total, for ``--duration``
   seconds (see ``locustfile.py`` for the mix; FastHttpUser, so the generator stays light);
5. prints per endpoint the requests, errors, p50/p95/p99 and the ratio to B (``GET /api/v1/me``):
   B's median divided by the endpoint's median, measured in the same run; then the budgets of the
   whole mix (rate reached, p95 <= 300 ms, p99 <= 1 s, no errors). Exit status 1 when one fails.
   Also the CPU time per request of the server (gunicorn workers), of the load generator, and the
   machine's load average: on a shared machine a low rate with a high load average means the server
   was starved of CPU, not slow.

Only 127.0.0.1 is ever a target. Timings live here and in `make bench`, never in unit tests.
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEARCH_WORDS = ["van", "de", "jan", "zwa", "van dijk"]
BUDGET_P95_MS = 300
BUDGET_P99_MS = 1000
MIN_RATIO = 0.2


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make loadtest", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--households", type=int, default=100_000, help="demo size when the database is empty"
    )
    parser.add_argument("--rate", type=float, default=150.0, help="requests per second, all users together")
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn workers (default 2 per core)"
    )
    parser.add_argument("--port", type=int, default=8390)
    return parser.parse_args(argv)


def _prepare(households: int) -> dict:  # type: ignore[type-arg]
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stevig.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from stevig.accounts.models import User
    from stevig.core.pagination import cursor_at
    from stevig.demo.credentials import demo_credentials
    from stevig.demo.loader import demo_loaded, load_demo
    from stevig.people.models import HouseholdMembership
    from stevig.people.selectors import HOUSEHOLD_KEYSET, households_visible_to

    print(f"database: {connection.vendor} {connection.settings_dict.get('NAME')}")
    call_command("migrate", verbosity=0)
    if not demo_loaded():
        print(f"loading the demo with {households:,} households (bulk insert, then ANALYZE) ...")

        def progress(done: int, total: int) -> None:
            print(f"\r  {done:,} / {total:,}", end="", file=sys.stderr, flush=True)

        summary = load_demo(households=households, progress=progress)
        print(f"\n{summary.line()}")
    _ensure_demo_keys(["anna", "fleur", "priya"])
    _fresh_statistics()
    credentials = {c["username"]: c for c in demo_credentials()}
    workers = [credentials["anna"], credentials["fleur"]]  # Team Noord of Stevigdam
    privacy = credentials["priya"]
    anna = User.objects.get(username="anna")
    today = timezone.localdate()
    visible = households_visible_to(anna)
    return {
        "worker_tokens": [c["api_token"] for c in workers],
        "privacy_token": privacy["api_token"],
        "household_ids": [str(i) for i in visible.order_by("id").values_list("id", flat=True)[:500]],
        "deep_cursor": cursor_at(visible, HOUSEHOLD_KEYSET, 200) or "",
        "search_words": SEARCH_WORDS,
        "resident_ids": [
            str(i)
            for i in HouseholdMembership.objects.filter(household__in=visible)
            .order_by("id")
            .values_list("resident_id", flat=True)[:200]
        ],
        # A week a month ago: the privacy officer's typical "what happened then" question.
        "log_period": f"from={today - timedelta(days=35)}&to={today - timedelta(days=28)}",
    }


def _fresh_statistics() -> None:
    """ANALYZE the whole database before measuring. Earlier runs added hundreds of thousands of access-log
    rows; where autovacuum is off (it was on the machines measured here) the planner still believes the
    month's partition is empty and sorts all of a person's rows for one page: 'access log by person'
    spent 8.1 ms of PostgreSQL CPU per request with stale statistics, 1.9 ms after ANALYZE."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        if cursor.fetchone()[0] != "on":
            print("note: autovacuum is off on this server; statistics come from the ANALYZE before the run")
        cursor.execute("ANALYZE")


def _ensure_demo_keys(usernames: list[str]) -> None:
    """A database loaded by an older release has no hashed demo API keys yet: add them."""
    from datetime import timedelta

    from django.utils import timezone

    from stevig.accounts.models import ApiToken, User
    from stevig.accounts.selectors import token_hash
    from stevig.demo.credentials import demo_api_key

    for user in User.objects.filter(username__in=usernames):
        key = demo_api_key(user.username)
        if not ApiToken.objects.filter(key_hash=token_hash(key)).exists():
            ApiToken.objects.create(
                user=user,
                name="demo",
                prefix=key[:12],
                key_hash=token_hash(key),
                expires_at=timezone.now() + timedelta(days=365),
            )


def _wait_ready(url: str, server: subprocess.Popen, seconds: int = 240) -> None:  # type: ignore[type-arg]
    # Each worker's first /ready loads the migration graph: seconds per worker on a busy machine.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped while starting (see the log above)")
        try:
            with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} not ready after {seconds} s")


def _stat(proc: Path) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (None for a process that is gone)."""
    try:
        return (proc / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of these processes so far (Linux /proc; 0 for a process that is gone)."""
    total = 0
    for pid in pids:
        fields = _stat(Path(f"/proc/{pid}"))
        if fields is not None:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _postgres_cpu_seconds() -> float:
    """CPU seconds of the local PostgreSQL server so far: every server process's own time, plus what the
    server's exited backends left in the postmaster's children's time (connections come and go during a
    run: CONN_MAX_AGE). 0 when the database runs elsewhere."""
    processes: dict[int, tuple[int, list[int]]] = {}  # pid -> (parent, times)
    for proc in Path("/proc").iterdir():
        try:
            if not proc.name.isdigit() or (proc / "comm").read_text().strip() != "postgres":
                continue
        except OSError:
            continue
        fields = _stat(proc)
        if fields is not None:
            processes[int(proc.name)] = (int(fields[1]), [int(f) for f in fields[11:15]])
    total = 0
    for parent, (utime, stime, cutime, cstime) in processes.values():
        total += utime + stime
        if parent not in processes:  # the postmaster: its reaped backends' time too
            total += cutime + cstime
    return total / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _warm_up(host: str, token: str, workers: int, seconds: int = 300) -> float:
    """Send every worker its first requests before the clock runs: a worker's first request builds the
    URL resolver, imports the API views and opens its database connection, seconds of CPU on a busy
    machine. As many parallel rounds as there are workers, so each sync worker gets one. Returns seconds."""
    from concurrent.futures import ThreadPoolExecutor

    started = time.monotonic()

    def one(_: int) -> None:
        for path in ("/api/v1/me", "/api/v1/households", "/api/v1/trajectories?scope=team"):
            request = urllib.request.Request(f"{host}{path}", headers={"Authorization": f"Token {token}"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=seconds) as response:  # noqa: S310 (loopback only)
                response.read()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, range(workers * 2)))
    return time.monotonic() - started


def _report(stats_csv: Path, rate: float, duration: int) -> bool:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    by_name = {r["Name"]: r for r in rows}
    total = by_name.pop("Aggregated")
    base = float(by_name["B me"]["50%"]) or 1.0
    print(
        f"\n{'endpoint':<28}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'ratio to B':>12}"
    )
    ok = True
    for name in sorted(by_name, key=lambda n: (n != "B me", n)):
        r = by_name[name]
        p50 = float(r["50%"]) or 1.0
        ratio = base / p50
        flag = "" if ratio >= MIN_RATIO or name == "B me" else "  < 0.2"
        print(
            f"{name:<28}{r['Request Count']:>9}{r['Failure Count']:>8}{r['50%']:>9}{r['95%']:>9}{r['99%']:>9}"
            f"{ratio:>12.2f}{flag}"
        )
    achieved = float(total["Requests/s"])
    p95, p99, errors = float(total["95%"]), float(total["99%"]), int(total["Failure Count"])
    print(
        f"{'mix':<28}{total['Request Count']:>9}{errors:>8}{total['50%']:>9}{total['95%']:>9}{total['99%']:>9}"
    )
    checks = [
        (f"arrival rate {achieved:.0f}/s of {rate:.0f}/s", achieved >= 0.9 * rate),
        (f"p95 {p95:.0f} ms <= {BUDGET_P95_MS} ms", p95 <= BUDGET_P95_MS),
        (f"p99 {p99:.0f} ms <= {BUDGET_P99_MS} ms", p99 <= BUDGET_P99_MS),
        (f"errors {errors} == 0", errors == 0),
    ]
    print()
    for label, passed in checks:
        print(f"{'ok  ' if passed else 'FAIL'} {label}")
        ok &= passed
    return ok


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("make loadtest needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    plan = _prepare(args.households)
    plan["rate_per_user"] = args.rate / args.users
    work = Path(tempfile.mkdtemp(prefix="stevig-loadtest-"))
    (work / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "STEVIG_BIND": f"127.0.0.1:{args.port}",
        "STEVIG_WORKERS": str(args.workers),
        # Under overload a request waits in the queue, it is not stuck: no worker is killed for it.
        "STEVIG_REQUEST_TIMEOUT": "120",
        "STEVIG_SECURE_COOKIES": "0",
        "STEVIG_LOADTEST_PLAN": str(work / "plan.json"),
    }
    server_log = (work / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [str(bin_dir / "gunicorn"), "--config", "gunicorn.conf.py", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    try:
        host = f"http://127.0.0.1:{args.port}"
        _wait_ready(f"{host}/ready", server)
        print(
            f"warm-up of {args.workers} workers: {_warm_up(host, plan['worker_tokens'][0], args.workers):.0f} s"
        )
        print(
            f"gunicorn: {args.workers} workers on {host}; locust: {args.users} users, {args.rate:g} req/s, {args.duration} s"
        )
        locust = [
            str(bin_dir / "locust"),
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            f"{args.duration}s",
            "--reset-stats",
            "--host",
            host,
            "--csv",
            str(work / "run"),
        ]
        workers = _children(server.pid)
        server_cpu = _cpu_seconds(workers)
        postgres_cpu = _postgres_cpu_seconds()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        load_before = os.getloadavg()[0]
        with (work / "locust.log").open("w") as locust_log:
            subprocess.run(locust, env=env, check=False, stdout=locust_log, stderr=subprocess.STDOUT)  # noqa: S603
        server_cpu = _cpu_seconds(workers) - server_cpu
        postgres_cpu = _postgres_cpu_seconds() - postgres_cpu
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        generator_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        ok = _report(work / "run_stats.csv", args.rate, args.duration)
        requests = sum(
            int(r["Request Count"])
            for r in csv.DictReader((work / "run_stats.csv").open(encoding="utf-8"))
            if r["Name"] == "Aggregated"
        )
        per_request = 1000 / max(requests, 1)
        print(
            f"\nCPU per request: server {server_cpu * per_request:.1f} ms ({len(workers)} workers), "
            f"PostgreSQL {postgres_cpu * per_request:.1f} ms (local server processes), "
            f"load generator {generator_cpu * per_request:.1f} ms; load average {load_before:.1f} before, "
            f"{os.getloadavg()[0]:.1f} after ({os.cpu_count()} cores)"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log.close()
    print(f"\nraw results: {work}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

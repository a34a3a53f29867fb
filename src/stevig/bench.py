"""Benchmark: a large demo municipality, and how list, search and file views compare to a baseline.

Run with `make bench` (or `PYTHONPATH=src .venv/bin/python -m stevig.bench --help`). It

1. creates a separate SQLite file (`bench.sqlite3`, replaced on every run) or, with `--database-url`,
   uses that database (it must be empty, or hold an earlier bench load and `--reuse` is given);
2. migrates and generates the demo municipality with `--households` households (default 20,000;
   100,000 or more is the "large municipality" setting of DESIGN.md — expect a few minutes to load);
3. measures with Django's test client, logged in as a medewerker with an API token (as
   `stevig.testing.personas.api_client` does), the median of `--repeat` runs of: a minimal baseline
   (`GET /api/v1/me`), the household list (first page and a deep page), resident search by name prefix
   and a household file; plus the number of queries each runs;
4. prints a table of medians and ratios against the baseline and writes `bench-results.json`; on
   PostgreSQL it prints `EXPLAIN (ANALYZE, BUFFERS)` of the name prefix search, on SQLite
   `EXPLAIN QUERY PLAN`, and reports whether a resident name index is used.

Machines are noisy, so budgets are ratios against the baseline, measured round-robin (every endpoint
once per round) so a slow moment hits all of them. Budgets are checked and reported; `--strict` makes
the exit status 1 when one is exceeded. Query counts must not grow with the municipality: compare two
runs with different `--households`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_HOUSEHOLDS = 20_000
LARGE_MUNICIPALITY = 100_000
# Ratio of an endpoint's median to the baseline's median that we accept.
BUDGETS = {
    "households_list": 5.0,
    "households_list_deep": 8.0,
    "resident_search": 5.0,
    "household_file": 5.0,
}


@dataclass
class Endpoint:
    name: str
    method: str
    path: str
    data: dict[str, Any] | None = None
    budget: float | None = None
    timings: list[float] = field(default_factory=list)
    status: int = 0
    queries: int = 0

    def call(self, client: Any) -> Any:
        if self.method == "POST":
            return client.post(self.path, self.data, format="json")
        return client.get(self.path)


@dataclass
class Result:
    name: str
    method: str
    path: str
    status: int
    queries: int
    median_ms: float
    p90_ms: float
    min_ms: float
    ratio: float | None
    budget: float | None
    within_budget: bool | None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m stevig.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--households",
        type=int,
        default=DEFAULT_HOUSEHOLDS,
        help=f"households in the demo municipality (default {DEFAULT_HOUSEHOLDS}; "
        f"{LARGE_MUNICIPALITY}+ is a large municipality)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=30, help="measured rounds (median over these)")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured rounds first")
    parser.add_argument("--user", default="bram", help="demo user to measure as (default: bram, Team Zuid)")
    parser.add_argument("--search", default="", help="name prefix to search (default: the most common one)")
    parser.add_argument("--sqlite", default="bench.sqlite3", help="SQLite file (replaced unless --reuse)")
    parser.add_argument(
        "--database-url", default="", help="measure on this database instead (e.g. PostgreSQL)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep an earlier bench load instead of regenerating"
    )
    parser.add_argument("--output", default="bench-results.json")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is exceeded")
    args = parser.parse_args(argv)
    if args.households < 1 or args.repeat < 1 or args.warmup < 0:
        parser.error("--households and --repeat must be at least 1, --warmup at least 0")
    return args


def configure(args: argparse.Namespace) -> None:
    """Point Django at the bench database, then set it up. Must run before any model import."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stevig.settings")
    os.environ.setdefault("STEVIG_SECRET_KEY", "bench-only-not-secret")
    os.environ["STEVIG_DEMO"] = "0"
    os.environ["STEVIG_DEBUG"] = "0"  # DEBUG would keep every query in memory and slow everything
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        path = Path(args.sqlite).resolve()
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["STEVIG_SQLITE_PATH"] = str(path)

    import warnings

    import django

    # Static files are served from node_modules in the benchmark too; collectstatic is not needed.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    """Migrate and load the demo municipality (or reuse it). Returns facts about the data."""
    from django.core.management import call_command
    from django.db import connection

    from stevig.demo.loader import demo_loaded, load_demo
    from stevig.people.models import Household, Resident

    call_command("migrate", verbosity=0, interactive=False)
    generation_seconds = None
    if demo_loaded():
        if not args.reuse:
            raise SystemExit(
                "The bench database already holds the demo municipality. Pass --reuse to measure it as it "
                "is, or give an empty database."
            )
    else:
        print(f"Generating {args.households} households (seed {args.seed}) ...", flush=True)
        summary = load_demo(households=args.households, seed=args.seed)
        generation_seconds = round(summary.seconds, 1)
        print(summary.line(), flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as a real database would have
    return {
        "households": Household.objects.filter(municipality__code="GM9901").count(),
        "residents": Resident.objects.filter(municipality__code="GM9901").count(),
        "generation_seconds": generation_seconds,
    }


def baseline_path() -> str:
    from django.urls import Resolver404, resolve

    try:
        resolve("/api/v1/me")
    except Resolver404:  # pragma: no cover - /api/v1/me is part of the accounts app
        return "/"
    return "/api/v1/me"


def pick_search_prefix(user: Any) -> str:
    """The three-letter start of the most common surname the user can see: a heavy, realistic search."""
    from collections import Counter

    from stevig.people.selectors import residents_visible_to

    starts = Counter(
        key[:3]
        for key in residents_visible_to(user).values_list("surname_key", flat=True).iterator()
        if len(key) >= 3
    )
    return starts.most_common(1)[0][0] if starts else "jan"


def pick_household(user: Any) -> Any:
    """A large household in the user's scope (the file with the most members)."""
    from django.db.models import Count

    from stevig.people.selectors import households_visible_to

    return (
        households_visible_to(user)
        .annotate(n=Count("memberships"))
        .order_by("-n", "id")
        .values_list("id", flat=True)
    ).first()


def endpoints_for(user: Any, *, prefix: str, household_id: Any, visible: int) -> list[Endpoint]:
    endpoints = [
        Endpoint("baseline", "GET", baseline_path()),
        Endpoint("households_list", "GET", "/api/v1/households", budget=BUDGETS["households_list"]),
    ]
    deep_page = min(200, visible // 25 // 2)
    cursor = None
    if deep_page >= 2:
        from stevig.core.pagination import cursor_at
        from stevig.people.selectors import HOUSEHOLD_KEYSET, households_visible_to

        cursor = cursor_at(households_visible_to(user), HOUSEHOLD_KEYSET, deep_page)
    if cursor:
        endpoints.append(
            Endpoint(
                "households_list_deep",
                "GET",
                f"/api/v1/households?cursor={cursor}",
                budget=BUDGETS["households_list_deep"],
            )
        )
    endpoints.append(
        Endpoint(
            "resident_search",
            "POST",
            "/api/v1/residents/search",
            {"name": prefix},
            budget=BUDGETS["resident_search"],
        )
    )
    if household_id:
        endpoints.append(
            Endpoint(
                "household_file",
                "GET",
                f"/api/v1/households/{household_id}",
                budget=BUDGETS["household_file"],
            )
        )
    return endpoints


def measure(
    user: Any, endpoints: list[Endpoint], *, repeat: int, warmup: int
) -> tuple[list[Result], dict[str, list[str]]]:
    """Median timings (round-robin) and query counts per endpoint. Returns results and the SQL per endpoint."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stevig.testing.personas import api_client

    client = api_client(user)
    sql: dict[str, list[str]] = {}
    for endpoint in endpoints:
        with CaptureQueriesContext(connection) as captured:
            response = endpoint.call(client)
        endpoint.status, endpoint.queries = response.status_code, len(captured.captured_queries)
        sql[endpoint.name] = [q["sql"] for q in captured.captured_queries]
    for round_number in range(warmup + repeat):
        for endpoint in endpoints:
            started = time.perf_counter()
            endpoint.call(client)
            elapsed = (time.perf_counter() - started) * 1000
            if round_number >= warmup:
                endpoint.timings.append(elapsed)
    base = statistics.median(endpoints[0].timings)
    results = []
    for e in endpoints:
        median = statistics.median(e.timings)
        ratio = median / base if base else None
        p90 = statistics.quantiles(e.timings, n=10)[-1] if len(e.timings) >= 2 else e.timings[0]
        results.append(
            Result(
                name=e.name,
                method=e.method,
                path=e.path,
                status=e.status,
                queries=e.queries,
                median_ms=round(median, 2),
                p90_ms=round(p90, 2),
                min_ms=round(min(e.timings), 2),
                ratio=round(ratio, 2) if ratio is not None else None,
                budget=e.budget,
                within_budget=None if e.budget is None or ratio is None else ratio <= e.budget,
            )
        )
    return results, sql


def name_search_indexes() -> list[str]:
    """Indexes meant for the name prefix search: the resident name keys and the name-token table."""
    from django.apps import apps

    names = []
    for model in apps.get_app_config("people").get_models():
        for index in model._meta.indexes:
            if index.name and ("key" in index.name or "token" in index.name):
                names.append(index.name)
    return names


def explain_search(queries: list[str]) -> dict[str, Any]:
    """The query plan of the name prefix search, and whether a name-search index is used."""
    from django.db import connection

    # The search filters on name tokens: LIKE 'abc%' on PostgreSQL, a half-open range on SQLite.
    search = next(
        (
            q
            for q in queries
            if q.lstrip().upper().startswith("SELECT") and '"people_residentnametoken"' in q and "token" in q
        ),
        None,
    )
    if search is None:
        return {"plan": "", "index_used": None, "note": "no prefix search query captured"}
    prefix = {"postgresql": "EXPLAIN (ANALYZE, BUFFERS) ", "sqlite": "EXPLAIN QUERY PLAN "}.get(
        connection.vendor
    )
    if prefix is None:
        return {"plan": "", "index_used": None, "note": f"no EXPLAIN for {connection.vendor}"}
    with connection.cursor() as cursor:
        cursor.execute(prefix + search)
        rows = cursor.fetchall()
    plan = "\n".join(" | ".join(str(c) for c in row) for row in rows)
    names = name_search_indexes()
    used = [name for name in names if name in plan]
    return {
        "vendor": connection.vendor,
        "query": search,
        "plan": plan,
        "name_indexes": names,
        "indexes_used": used,
        "index_used": bool(used),
    }


def print_table(results: list[Result]) -> None:
    headers = ("endpoint", "method", "median ms", "p90 ms", "x baseline", "budget", "queries", "status", "")
    rows = []
    for r in results:
        verdict = "" if r.within_budget is None else ("ok" if r.within_budget else "OVER BUDGET")
        rows.append(
            (
                r.name,
                r.method,
                f"{r.median_ms:.2f}",
                f"{r.p90_ms:.2f}",
                "1.00" if r.name == "baseline" else f"{r.ratio:.2f}",
                f"<= {r.budget:.1f}" if r.budget else "-",
                str(r.queries),
                str(r.status),
                verdict,
            )
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def run(args: argparse.Namespace) -> int:
    from django.db import connection

    from stevig.accounts.models import User
    from stevig.people.selectors import households_visible_to

    facts = prepare(args)
    user = User.objects.select_related("municipality", "team").get(
        username=args.user, municipality__code="GM9901"
    )
    prefix = args.search or pick_search_prefix(user)
    visible = households_visible_to(user).count()
    endpoints = endpoints_for(user, prefix=prefix, household_id=pick_household(user), visible=visible)
    print(
        f"Measuring as {user.username} ({user.role}, {user.team}), {visible} households in scope, "
        f"search {prefix!r}, {args.repeat} rounds on {connection.vendor} ...",
        flush=True,
    )
    results, sql = measure(user, endpoints, repeat=args.repeat, warmup=args.warmup)
    print()
    print_table(results)
    explain = explain_search(sql.get("resident_search", []))
    print()
    print(f"Query plan of the name prefix search ({explain.get('vendor', connection.vendor)}):")
    print(explain["plan"])
    print(f"Resident name index used: {explain['index_used']} {explain.get('indexes_used', '')}")
    report = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "database": connection.vendor,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "seed": args.seed,
        "user": args.user,
        "households_in_scope": visible,
        "search_prefix": prefix,
        "repeat": args.repeat,
        **facts,
        "results": [asdict(r) for r in results],
        "explain_search": explain,
    }
    Path(args.output).write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"\nWritten to {args.output}.")
    if any(r.status != 200 for r in results):
        print("An endpoint did not answer 200: the timings above are not meaningful.", file=sys.stderr)
        return 2
    over = [r.name for r in results if r.within_budget is False]
    if over:
        print(f"Over budget: {', '.join(over)}", file=sys.stderr)
        return 1 if args.strict else 0
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    configure(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())

"""Query-plan assertions for tests: a list or search must be answered from an index, on both databases.

On PostgreSQL the planner is told to avoid sequential scans (``enable_seqscan = off``): with test-sized
tables it would rightly prefer one, but when no index can answer the query it has to scan anyway,
and that is what these tests catch. SQLite has no statistics without ANALYZE, so it takes an index
whenever one fits; ``EXPLAIN QUERY PLAN`` then says ``SEARCH ... USING INDEX`` instead of ``SCAN t``.
Likewise for order: PostgreSQL sorts a one-row test table rather than read it in index order, so
``enable_sort = off`` asks whether an index *can* give the order; a remaining Sort means none can.
"""

import re
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet


def query_plan(queryset: QuerySet[Any], *, avoid_sort: bool = False) -> str:
    """The database's plan for `queryset`, with sequential scans (and sorts) discouraged on PostgreSQL."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                if avoid_sort:
                    cursor.execute("SET LOCAL enable_sort = off")
        return queryset.explain()


def full_scans(plan: str) -> list[str]:
    """The plan lines that read a whole table (not an index)."""
    if connection.vendor == "postgresql":
        return [line.strip() for line in plan.splitlines() if "Seq Scan" in line]
    # SQLite: "SCAN people_resident" reads the table; "SCAN t USING (COVERING) INDEX i" walks an index
    # in order (fine with a LIMIT); "SCAN CONSTANT ROW" and subquery/CTE scans are no tables.
    return [
        line.strip()
        for line in plan.splitlines()
        if re.search(r"\bSCAN \w+", line) and "USING" not in line and "CONSTANT ROW" not in line
    ]


def sorts_all_rows(plan: str) -> bool:
    """True when the database sorts the matches before the LIMIT instead of reading them in index order."""
    if connection.vendor == "postgresql":
        # A Sort node (not Incremental Sort, not the "Sort Key" of a Merge Append over ordered
        # partitions, which only merges rows that each index already gives in order).
        return bool(re.search(r"^\s*(->\s*)?Sort\s*\(", plan, re.MULTILINE))
    return "USE TEMP B-TREE FOR ORDER BY" in plan


def assert_indexed(queryset: QuerySet[Any], *, ordered_by_index: bool = False) -> str:
    """Fail when `queryset` reads a whole table (or, with `ordered_by_index`, sorts all its matches)."""
    plan = query_plan(queryset, avoid_sort=ordered_by_index)
    assert not full_scans(plan), f"full table scan in the plan on {connection.vendor}:\n{plan}"
    if ordered_by_index:
        assert not sorts_all_rows(plan), f"sort of all matches in the plan on {connection.vendor}:\n{plan}"
    return plan

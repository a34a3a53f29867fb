"""The access log at scale (issue 14 point 5): monthly partitions on PostgreSQL, created ahead by the
background job; the privacy officer's filters answered from indexes (EXPLAIN, both databases); the
migration converts a log that already holds rows, and back.

SQLite keeps one table: the same tests run there and check that everything still works without
partitions (no skips)."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from stevig.audit import partitions
from stevig.audit.models import AccessLogEntry, AccessLogSubject, Outcome
from stevig.audit.selectors import ACCESS_LOG_KEYSET, AccessLogFilter, access_log_rows
from stevig.audit.services import verify_chain
from stevig.audit.tests.helpers import log
from stevig.core.pagination import Cursor, PageRequest, slice_of
from stevig.testing.explain import assert_indexed, query_plan
from stevig.testing.tasks import run_queued_tasks

AMSTERDAM = dt.timezone(dt.timedelta(hours=1))


def _partition_of(entry: AccessLogEntry) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM audit_accesslogentry WHERE id = %s", [entry.pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_row_lands_in_the_partition_of_its_month(world):
    with time_machine.travel(dt.datetime(2026, 11, 30, 12, 0, tzinfo=AMSTERDAM), tick=False):
        call_command("access_log_partitions", "--now")
        entry = log(world.own_worker, residents=[world.parent.id])
    if connection.vendor != "postgresql":
        assert not partitions.partitioned()
        assert partitions.partitions() == []
        assert partitions.create_partitions() == []
        assert AccessLogEntry.objects.filter(pk=entry.pk).exists()
        return
    assert partitions.partitioned()
    assert _partition_of(entry) == "audit_accesslogentry_y2026m11"
    names = partitions.partitions()
    assert names[-1] == partitions.DEFAULT_PARTITION
    assert {"audit_accesslogentry_y2026m12", "audit_accesslogentry_y2027m02"} <= set(names)


@pytest.mark.django_db
def test_the_background_job_creates_months_ahead_and_takes_over_rows_from_the_default(world):
    # A year nobody created partitions for: the row goes to the default partition, writing never fails.
    with time_machine.travel(dt.datetime(2031, 2, 10, 9, 0, tzinfo=AMSTERDAM), tick=False):
        first = log(world.own_worker, residents=[world.parent.id])
    if connection.vendor == "postgresql":
        assert _partition_of(first) == partitions.DEFAULT_PARTITION
    with time_machine.travel(dt.datetime(2031, 1, 20, 9, 0, tzinfo=AMSTERDAM), tick=False):
        call_command("access_log_partitions")  # queued for the worker, as cron does daily
        run_queued_tasks()
        run_queued_tasks()  # twice: the job is idempotent
    if connection.vendor == "postgresql":
        assert {f"audit_accesslogentry_y2031m{m:02d}" for m in (1, 2, 3, 4)} <= set(partitions.partitions())
        assert "audit_accesslogentry_y2031m05" not in partitions.partitions()
        assert _partition_of(first) == "audit_accesslogentry_y2031m02"
    else:
        assert partitions.partitions() == []
    with time_machine.travel(dt.datetime(2031, 2, 11, 9, 0, tzinfo=AMSTERDAM), tick=False):
        second = log(world.own_worker, residents=[world.child.id])
    assert second.seq == first.seq + 1
    assert verify_chain("GM9001") == []


def test_month_arithmetic_crosses_the_year():
    assert partitions.months_from(dt.date(2026, 11, 30), 4) == [
        dt.date(2026, 11, 1),
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 1),
        dt.date(2027, 2, 1),
    ]
    assert partitions.partition_name(dt.date(2027, 1, 1)) == "audit_accesslogentry_y2027m01"


# --- the privacy officer's filters: answered from indexes, per partition ---------------------------------

# Each filter and the column(s) an index must be searched by (not merely filtered on afterwards).
FILTERS = {
    "person": (AccessLogFilter(username="eigen"), "username"),
    "period": (AccessLogFilter(date_from=dt.date(2026, 11, 2), date_to=dt.date(2026, 11, 8)), "timestamp"),
    "outcome": (AccessLogFilter(outcome=Outcome.DENIED), "outcome"),
    "person and period": (
        AccessLogFilter(username="eigen", date_from=dt.date(2026, 11, 2), date_to=dt.date(2026, 11, 8)),
        "username|timestamp",  # either narrows the walk to the person's rows or to the period
    ),
    "none": (AccessLogFilter(), "municipality_code"),
}


def _searched_by(plan: str, columns: str) -> bool:
    """True when an index is searched by one of `columns` ('a|b'; PostgreSQL: Index Cond; SQLite:
    SEARCH ... USING INDEX)."""
    lines = [line for line in plan.splitlines() if "Index Cond" in line or "USING INDEX" in line]
    return any(column in line for column in columns.split("|") for line in lines)


def _page_query(world, filters: AccessLogFilter, *, deep: bool = False):
    rows = access_log_rows(user=world.privacy, filters=filters)
    request = PageRequest()
    if deep:  # a page far down the list: the cursor of an older row
        request = PageRequest(cursor=Cursor((dt.datetime(2026, 11, 5, 12, tzinfo=dt.UTC), 10**6), number=200))
    return slice_of(request, rows, ACCESS_LOG_KEYSET)


@pytest.mark.django_db
@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("deep", [False, True], ids=["first page", "deep page"])
def test_privacy_officer_filters_read_an_index_in_list_order(world, name, deep):
    log(world.own_worker, residents=[world.parent.id])
    log(world.own_worker, residents=[world.child.id], outcome=Outcome.DENIED)
    filters, column = FILTERS[name]
    plan = assert_indexed(_page_query(world, filters, deep=deep), ordered_by_index=True)
    assert _searched_by(plan, column), plan


@pytest.mark.django_db
def test_the_resident_filter_goes_through_the_subject_index(world):
    log(world.own_worker, residents=[world.parent.id])
    plan = assert_indexed(_page_query(world, AccessLogFilter(resident_id=world.parent.id)))
    assert _searched_by(plan, "resident_id"), plan


@pytest.mark.django_db
def test_postgresql_counts_residents_of_the_subject_index_one_by_one():
    """Migration 0014: a statistics target of 10 000 on the subject's resident column, so a few residents
    named in every household list do not make the planner walk the whole log for everyone else."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            return
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = 'audit_accesslogsubject'::regclass "
            "AND attname = 'resident_id'"
        )
        assert cursor.fetchone()[0] == 10000


@pytest.mark.django_db
def test_a_period_reads_only_the_partitions_of_those_months(world):
    with time_machine.travel(dt.datetime(2026, 11, 30, 12, 0, tzinfo=AMSTERDAM), tick=False):
        call_command("access_log_partitions", "--now")
    plan = query_plan(_page_query(world, FILTERS["period"][0]))
    if connection.vendor == "postgresql":
        assert "audit_accesslogentry_y2026m11" in plan
        others = [n for n in partitions.partitions() if n != "audit_accesslogentry_y2026m11"]
        assert others and not [n for n in others if n in plan], plan
    else:
        assert "audit_accesslogentry" in plan


# --- the migration on a database that already holds log rows -------------------------------------------

BEFORE = ("audit", "0011_retention_parts")
AFTER = ("audit", "0012_access_log_partitioned_by_month")


@pytest.mark.system
@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_row_and_the_chain_both_ways(world):
    rows = []
    for day in (
        dt.datetime(2026, 9, 3, 10, tzinfo=AMSTERDAM),
        dt.datetime(2026, 11, 4, 10, tzinfo=AMSTERDAM),
    ):
        with time_machine.travel(day, tick=False):
            rows.append(log(world.own_worker, residents=[world.parent.id, world.child.id]))
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE])  # back to one plain table, rows copied
        executor.loader.build_graph()
        assert not partitions.partitioned()
        assert AccessLogEntry.objects.filter(pk__in=[r.pk for r in rows]).count() == 2
        executor.migrate([AFTER])  # forward again, with the rows
        executor.loader.build_graph()
    finally:
        MigrationExecutor(connection).migrate([AFTER])
    assert AccessLogEntry.objects.filter(pk__in=[r.pk for r in rows]).count() == 2
    assert AccessLogSubject.objects.filter(entry_id__in=[r.pk for r in rows]).count() == 4
    assert verify_chain("GM9001") == []
    later = log(world.own_worker, residents=[uuid.uuid4()])
    assert later.pk > max(r.pk for r in rows)  # the id sequence continues after the copied rows
    if connection.vendor == "postgresql":
        assert partitions.partitioned()
        assert _partition_of(rows[0]) == "audit_accesslogentry_y2026m09"
        assert _partition_of(rows[1]) == "audit_accesslogentry_y2026m11"

"""The access log's monthly partitions on PostgreSQL (issue 14 point 5; migration 0012).

`audit_accesslogentry` is `PARTITION BY RANGE ("timestamp")`: one partition per calendar month in UTC,
named `audit_accesslogentry_y2026m11`, and a default partition that catches a row no month partition
takes, so writing the log never fails for want of a partition. The background job
(`stevig.audit.tasks.create_access_log_partitions`, queued daily by `manage.py access_log_partitions`)
creates the coming months ahead of time through the SECURITY DEFINER function
`stevig_access_log_partition(date)`: the application role does not own the table and may not create
or change partitions itself, only call that function. A partition past the retention term is detached
and archived by the owner role, never emptied row by row.

SQLite keeps one table; there every function here does nothing.
"""

from datetime import date

from django.db import connection
from django.utils import timezone

TABLE = "audit_accesslogentry"
DEFAULT_PARTITION = f"{TABLE}_default"
FUNCTION = "stevig_access_log_partition(date)"
MONTHS_AHEAD = 3


def partitioned() -> bool:
    """True when the log is a partitioned table (PostgreSQL after migration 0012)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [TABLE])
        return cursor.fetchone() is not None


def partitions() -> list[str]:
    """The names of the log's partitions, oldest month first, the default partition last."""
    if not partitioned():
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass ORDER BY c.relname = %s, c.relname",
            [TABLE, DEFAULT_PARTITION],
        )
        return [name for (name,) in cursor.fetchall()]


def partition_name(month: date) -> str:
    return f"{TABLE}_y{month.year:04d}m{month.month:02d}"


def months_from(first: date, count: int) -> list[date]:
    """`count` first days of months, starting with the month of `first`."""
    months = []
    year, month = first.year, first.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def create_partitions(*, months_ahead: int = MONTHS_AHEAD, today: date | None = None) -> list[str]:
    """Make sure this month's partition and `months_ahead` after it exist (idempotent). Returns their
    names (empty on SQLite). Rows of those months that fell into the default partition move in."""
    if not partitioned():
        return []
    start = today or timezone.now().date()  # UTC: the partition bounds are UTC months
    names = []
    with connection.cursor() as cursor:
        for month in months_from(start, months_ahead + 1):
            cursor.execute("SELECT stevig_access_log_partition(%s)", [month])
            names.append(cursor.fetchone()[0])
    return names

"""The application role may add and read log rows, never change or remove them (PostgreSQL privileges).

On PostgreSQL the test creates a limited role, gives it the privileges of `grant_app_role` and proves that
UPDATE, DELETE and TRUNCATE on the log fail while writing a new row still works. SQLite has no roles: there
the command prints the SQL and refuses to apply it."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from stevig.audit import partitions
from stevig.audit.models import AccessLogEntry, AccessLogSubject
from stevig.audit.services import verify_chain
from stevig.audit.tests.helpers import log

pytestmark = pytest.mark.django_db

FORBIDDEN = [
    "UPDATE audit_accesslogentry SET purpose = 'nieuwsgierig'",
    "DELETE FROM audit_accesslogentry",
    "TRUNCATE audit_accesslogentry CASCADE",
    "UPDATE audit_accesslogsubject SET resident_id = resident_id",
    "DELETE FROM audit_accesslogsubject",
    "TRUNCATE audit_accesslogsubject",
    "DELETE FROM audit_accesslogchainhead",
    "TRUNCATE audit_accesslogchainhead",
]


@contextmanager
def as_role(role: str) -> Iterator[None]:
    """Run the block as `role` inside a savepoint, so a refused statement leaves the test usable."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{role}"')
            yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def test_printed_sql_limits_the_log_tables(capsys):
    call_command("grant_app_role", "stevig_app")
    out = capsys.readouterr().out
    assert (
        'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_accesslogentry", "audit_accesslogsubject" '
        'FROM "stevig_app";'
    ) in out
    assert (
        'REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_accesslogchainhead" FROM "stevig_app";' in out
    )


def test_app_role_can_insert_and_select_but_not_change_the_log(world):
    before = log(world.own_worker, residents=[world.parent.id])
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="alleen op PostgreSQL"):
            call_command("grant_app_role", "stevig_app", "--apply")
        return
    role = f"stevig_app_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')  # rolled back with the test's transaction
    call_command("grant_app_role", role, "--apply")

    # The monthly partitions (PostgreSQL): no way around the parent's privileges.
    month = partitions.partitions()[0]  # a name from the catalogue
    forbidden = [
        *FORBIDDEN,
        f"UPDATE {month} SET purpose = 'nieuwsgierig'",  # noqa: S608
        "DELETE FROM audit_accesslogentry_default",
        "DROP TABLE audit_accesslogentry_default",
    ]
    for statement in forbidden:
        with pytest.raises(DatabaseError, match=r"permission denied|must be owner"), as_role(role):
            with connection.cursor() as cursor:
                cursor.execute(statement)

    with as_role(role):
        after = log(
            world.own_worker, residents=[world.child.id]
        )  # INSERT rows, UPDATE the head, use sequences
        assert AccessLogEntry.objects.filter(municipality_code="GM9001").count() == 2
        # The background job runs as the application: it may add a month through the owner's function.
        with connection.cursor() as cursor:
            cursor.execute("SELECT stevig_access_log_partition('2040-03-01')")
            assert cursor.fetchone()[0] == "audit_accesslogentry_y2040m03"
    assert after.seq == before.seq + 1
    assert AccessLogSubject.objects.filter(entry_id=after.pk, resident_id=world.child.id).exists()
    assert verify_chain("GM9001") == []

"""The access log partitioned by month on PostgreSQL (issue 14 point 5). SQLite keeps one table.

First the model's constraints move to what a partitioned table allows (every unique constraint includes
`timestamp`; the subject rows keep their entry id without a database foreign key). Then, on PostgreSQL
only, the plain table is rebuilt as `PARTITION BY RANGE ("timestamp")` with one partition per month
(UTC) from the oldest row to three months ahead plus a default partition, existing rows copied over in
one statement, and the SECURITY DEFINER function `stevig_access_log_partition(date)` created: the
background job (`stevig.audit.tasks`) calls it to add next months' partitions, which the application
role cannot do itself because it does not own the table. Reversible: the reverse copies the rows back
into one plain table.
"""

import django.db.models.deletion
import uuid
from django.db import migrations, models

TABLE = "audit_accesslogentry"

PARTITION_FUNCTION = f"""
CREATE OR REPLACE FUNCTION stevig_access_log_partition(month date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
    first_day date := date_trunc('month', month)::date;
    start_at timestamptz := first_day::timestamp AT TIME ZONE 'UTC';
    end_at timestamptz := (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    name text := format('{TABLE}_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
BEGIN
    IF to_regclass('public.' || quote_ident(name)) IS NOT NULL THEN
        RETURN name;
    END IF;
    -- Rows that fell into the default partition for this month move into the new partition first;
    -- otherwise attaching it would fail. Normally the partition exists long before its month starts.
    EXECUTE format('CREATE TABLE %I (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
    EXECUTE format(
        'WITH moved AS (DELETE FROM {TABLE}_default WHERE "timestamp" >= %L AND "timestamp" < %L RETURNING *) '
        'INSERT INTO %I SELECT * FROM moved', start_at, end_at, name);
    EXECUTE format('ALTER TABLE {TABLE} ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, start_at, end_at);
    RETURN name;
END
$fn$;
REVOKE ALL ON FUNCTION stevig_access_log_partition(date) FROM PUBLIC;
"""


def _indexes_and_constraints(apps, schema_editor):  # type: ignore[no-untyped-def]
    model = apps.get_model("audit", "AccessLogEntry")
    for index in model._meta.indexes:
        schema_editor.add_index(model, index)
    for constraint in model._meta.constraints:
        schema_editor.add_constraint(model, constraint)


def _restart_identity(cursor) -> None:  # type: ignore[no-untyped-def]
    cursor.execute(f"SELECT pg_get_serial_sequence('{TABLE}', 'id')")
    sequence = cursor.fetchone()[0]
    if sequence != f"public.{TABLE}_id_seq":
        cursor.execute(f"ALTER SEQUENCE {sequence} RENAME TO {TABLE}_id_seq")
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {TABLE}"
    )


def partition_by_month(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_plain")
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {TABLE}_plain INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
            'INCLUDING IDENTITY) PARTITION BY RANGE ("timestamp")'
        )
        cursor.execute(f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE} DEFAULT")
        cursor.execute(PARTITION_FUNCTION)
        cursor.execute(
            "SELECT stevig_access_log_partition(month::date) FROM generate_series("
            f"  date_trunc('month', LEAST((SELECT MIN(\"timestamp\") FROM {TABLE}_plain), now()) AT TIME ZONE 'UTC'),"
            "  date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months', interval '1 month') AS month"
        )
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {TABLE}_plain")
        cursor.execute(f"DROP TABLE {TABLE}_plain")
        cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, "timestamp")')
        _restart_identity(cursor)
    _indexes_and_constraints(apps, schema_editor)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")


def one_table_again(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP FUNCTION IF EXISTS stevig_access_log_partition(date)")
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_partitioned")
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {TABLE}_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
            "INCLUDING IDENTITY)"
        )
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {TABLE}_partitioned")
        cursor.execute(f"DROP TABLE {TABLE}_partitioned")  # with its partitions
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id)")
        _restart_identity(cursor)
    _indexes_and_constraints(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0011_retention_parts'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='accesslogentry',
            name='access_log_chain_position',
        ),
        migrations.RemoveIndex(
            model_name='accesslogentry',
            name='access_log_time',
        ),
        migrations.AlterField(
            model_name='accesslogentry',
            name='event_id',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='accesslogentry',
            name='hash',
            field=models.CharField(max_length=64),
        ),
        migrations.AlterField(
            model_name='accesslogsubject',
            name='entry',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='subjects', to='audit.accesslogentry'),
        ),
        migrations.AddIndex(
            model_name='accesslogentry',
            index=models.Index(fields=['municipality_code', 'timestamp', 'id'], name='access_log_time'),
        ),
        migrations.RemoveIndex(
            model_name='accesslogentry',
            name='access_log_username',
        ),
        migrations.AddIndex(
            model_name='accesslogentry',
            index=models.Index(fields=['municipality_code', 'username', 'timestamp', 'id'], name='access_log_username'),
        ),
        migrations.AddIndex(
            model_name='accesslogentry',
            index=models.Index(fields=['municipality_code', 'outcome', 'timestamp', 'id'], name='access_log_outcome'),
        ),
        migrations.AddConstraint(
            model_name='accesslogentry',
            constraint=models.UniqueConstraint(fields=('municipality_code', 'seq', 'timestamp'), name='access_log_chain_position'),
        ),
        migrations.RunPython(partition_by_month, one_table_again),
    ]

"""Database privileges for the application role: on the log tables INSERT and SELECT only.

The tables belong to a separate owner role that runs the migrations; the application connects as a role
that can read and write the ordinary tables but cannot UPDATE, DELETE or TRUNCATE a log row. The chain
head is updated on every write, so it keeps UPDATE but loses DELETE and TRUNCATE. Retention of the log
happens by detaching a partition as the owner role, never as the application (see README).

On PostgreSQL the log is partitioned by month (`stevig.audit.partitions`). The role reaches the rows only
through the partitioned table, whose privileges PostgreSQL checks for every partition behind it; it gets
no privileges on the partitions themselves (so no UPDATE of `audit_accesslogentry_y2026m11` either) and
EXECUTE on the function that adds next months' partitions, which the background job calls.
"""

from django.db import connection

from stevig.audit import partitions
from stevig.audit.models import AccessLogChainHead, AccessLogEntry, AccessLogSubject

# Rows that must never change once written. Others add their append-only tables here.
APPEND_ONLY_TABLES = [AccessLogEntry._meta.db_table, AccessLogSubject._meta.db_table]
HEAD_TABLES = [AccessLogChainHead._meta.db_table]


def app_role_sql(role: str) -> list[str]:
    """The statements that give `role` what the application needs, and no more on the log tables."""
    quoted = connection.ops.quote_name(role)
    append_only = ", ".join(connection.ops.quote_name(t) for t in APPEND_ONLY_TABLES)
    heads = ", ".join(connection.ops.quote_name(t) for t in HEAD_TABLES)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {append_only} FROM {quoted}",
        f"REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON {heads} FROM {quoted}",
    ]
    names = partitions.partitions()
    if names:
        statements += [
            f"REVOKE ALL ON {', '.join(connection.ops.quote_name(n) for n in names)} FROM {quoted}",
            f"GRANT EXECUTE ON FUNCTION {partitions.FUNCTION} TO {quoted}",
        ]
    return statements

"""Read-replica routing for figures and reports.

Figures and reports read many rows and may be a few seconds stale; they go to the PostgreSQL read
replica when one is configured (``STEVIG_REPLICA_DATABASE_URL``, alias ``replica``), so a heavy report
never competes with the team's daily work on the primary. Everything else, and every write, stays on
``default``. Code that builds figures runs inside :func:`reporting`::

    with reporting():
        figures = collect(municipality_id, period)

Without a replica the block changes nothing. The replica is never migrated (it follows the primary).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import models

REPLICA = "replica"

_reporting: ContextVar[bool] = ContextVar("stevig_reporting", default=False)


@contextmanager
def reporting() -> Iterator[None]:
    """Reads inside this block may come from the read replica."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: type[models.Model], **hints: Any) -> str | None:
        if _reporting.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str | None:
        return None

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None

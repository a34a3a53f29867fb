"""Health and readiness endpoints for the process manager, the container runtime and a load balancer.

* ``/health``: the process answers (liveness). It touches nothing else, so a slow database never
  makes the orchestrator kill healthy app processes.
* ``/ready``: this process can serve requests (readiness): the database answers, every migration is
  applied, and the shared cache answers when one is configured (Redis). A load balancer sends traffic
  only to a ready process; ``compose.yaml`` waits for it.

Neither endpoint needs a login nor shows anything about residents or the installation beyond the
names of the checks.
"""

from typing import Any

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# Once every migration is applied it stays so for the life of the process (a new release restarts it).
_migrations_applied = False


def _database() -> bool:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _migrations() -> bool:
    global _migrations_applied
    if _migrations_applied:
        return True
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        return False
    _migrations_applied = not pending
    return _migrations_applied


def _cache() -> bool:
    try:
        cache.set("stevig:ready", "1", timeout=10)
        return cache.get("stevig:ready") == "1"
    except Exception:
        return False


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    checks: dict[str, Any] = {"database": _database()}
    checks["migrations"] = checks["database"] and _migrations()
    checks["cache"] = _cache()
    ok = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )

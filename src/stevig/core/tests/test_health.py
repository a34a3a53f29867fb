"""Liveness and readiness endpoints: no login, JSON, 503 when a dependency is missing."""

from pathlib import Path

import pytest
from django.db import connections

from stevig.core import health

pytestmark = pytest.mark.django_db


def test_health_answers_without_login_or_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_ready_checks_database_migrations_and_cache(client):
    response = client.get("/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": True, "migrations": True, "cache": True},
    }


def test_ready_is_unavailable_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", broken_cursor)
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] is False
    assert response.json()["checks"]["migrations"] is False


def test_ready_is_unavailable_while_a_migration_is_pending(client, monkeypatch):
    class PendingExecutor:
        def __init__(self, connection):
            self.loader = type(
                "Loader", (), {"graph": type("Graph", (), {"leaf_nodes": lambda self: []})()}
            )()

        def migration_plan(self, targets):
            return [("people", "9999_pending")]

    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(health, "MigrationExecutor", PendingExecutor)
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] is False


def test_ready_is_unavailable_when_the_cache_fails(client, monkeypatch):
    def broken_set(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(health.cache, "set", broken_set)
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] is False


def test_health_refuses_writes(client):
    assert client.post("/health").status_code == 405


def _settings_with(env: dict[str, str]) -> dict[str, str]:
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'cache': settings.CACHES['default']['BACKEND'], "
        "'location': settings.CACHES['default'].get('LOCATION', ''), 'session': settings.SESSION_ENGINE}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("STEVIG_REDIS_URL", "CACHE_URL")}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={
            **clean,
            "PYTHONPATH": str(Path(health.__file__).resolve().parents[2]),
            "DJANGO_SETTINGS_MODULE": "stevig.settings",
            "STEVIG_SECRET_KEY": "x",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.system
def test_redis_url_puts_cache_rate_limit_and_sessions_in_redis():
    configured = _settings_with({"STEVIG_REDIS_URL": "redis://cache:6379/0"})
    assert configured == {
        "cache": "django.core.cache.backends.redis.RedisCache",
        "location": "redis://cache:6379/0",
        "session": "django.contrib.sessions.backends.cache",
    }


@pytest.mark.system
def test_a_platforms_cache_url_counts_when_it_is_redis():
    configured = _settings_with({"CACHE_URL": "redis://platform-cache:6379/1"})
    assert configured["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert configured["location"] == "redis://platform-cache:6379/1"
    assert configured["session"] == "django.contrib.sessions.backends.cache"
    both = _settings_with(
        {"CACHE_URL": "redis://platform-cache:6379/1", "STEVIG_REDIS_URL": "redis://own:6379/0"}
    )
    assert both["location"] == "redis://own:6379/0"
    other = _settings_with({"CACHE_URL": "memcached://somewhere:11211"})
    assert other["cache"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.system
def test_without_redis_each_process_has_local_memory_and_database_sessions():
    configured = _settings_with({})
    assert configured["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert configured["session"] == "django.contrib.sessions.backends.db"

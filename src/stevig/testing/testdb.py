"""The test database, migrated once per set of migrations instead of once per test process.

Running every migration takes a test process seconds of CPU (minutes on a busy machine), and with
`pytest -n 4` four processes did it at the same time. On SQLite this pytest plugin migrates an in-memory
test database once, keeps a copy as a template file named after a fingerprint of every migration file,
and gives every later test process (in this run and in later runs) a copy of that template instead of
migrating again. Any change to a migration (ours or a library's) or to Django changes the fingerprint,
so a stale template is never used. PostgreSQL runs migrate as before.

The template lives in the system's temporary directory (`stevig-test-db/`); delete it freely.
"""

import fcntl
import hashlib
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

TEMPLATE_DIR = Path(tempfile.gettempdir()) / "stevig-test-db"


def _fingerprint() -> str:
    """A hash over Django's version and the source of every migration of every installed app."""
    import django
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256(f"{django.__version__}|{sqlite3.sqlite_version}".encode())
    loader = MigrationLoader(None, ignore_no_migrations=True, load=False)
    loader.load_disk()
    for key in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[key].__module__]
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:20]


def _is_test_migrate(args: tuple[Any, ...], options: dict[str, Any]) -> bool:
    # Exactly the call `create_test_db` makes: migrate everything, with run_syncdb.
    return args == ("migrate",) and options.get("run_syncdb") is True


def _templated(call_command: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **options: Any) -> Any:
        from django.db import connections

        connection = connections[options.get("database", "default")]
        if not _is_test_migrate(args, options) or connection.vendor != "sqlite":
            return call_command(*args, **options)
        if not connection.creation.is_in_memory_db(connection.settings_dict["NAME"]):
            return call_command(*args, **options)
        TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
        template = TEMPLATE_DIR / f"sqlite-{_fingerprint()}.sqlite3"
        connection.ensure_connection()
        with open(TEMPLATE_DIR / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one process migrates, the others wait and copy
            if template.exists():
                source = sqlite3.connect(template)
                try:
                    source.backup(connection.connection)
                finally:
                    source.close()
                return None
            result = call_command(*args, **options)
            partial = template.with_suffix(f".{os.getpid()}.tmp")
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
            partial.replace(template)
            return result

    return call


@pytest.fixture(scope="session")
def _migrate_from_template() -> Iterator[Callable[..., Any]]:
    """Answer the test database's `migrate` from the template while pytest-django sets it up."""
    import django.core.management

    original = django.core.management.call_command
    django.core.management.call_command = _templated(original)
    try:
        yield original
    finally:
        django.core.management.call_command = original


@pytest.fixture(scope="session")
def django_db_setup(_migrate_from_template: Callable[..., Any], django_db_setup: None) -> Iterator[None]:
    """pytest-django's database setup (the fixture of the same name), with `migrate` answered from the
    template on SQLite; afterwards `call_command` is the real one again."""
    import django.core.management

    django.core.management.call_command = _migrate_from_template
    yield

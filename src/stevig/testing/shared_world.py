"""The `world` fixture, built once per test process instead of once per test.

Building the personas' world takes about 60 queries. Most tests use it, so building it for each test was
the largest cost of the suite. This pytest plugin builds it once per process (per xdist worker) inside an
outer transaction, the way Django's `TestCase.setUpTestData` does:

* The outer transaction is opened before pytest-django opens the test's own transaction, so every test
  runs in a savepoint inside it and its changes are rolled back as always; the world stays.
* Each test gets a deep copy of the world's Python objects, so a test that changes an instance (a
  `version`, a cached relation) does not leak that change into the next test.
* Tests that need real commits (`transactional_db`, `live_server`, browser tests) and tests that do not
  ask for `world` run without it: the outer transaction is rolled back first, so they see exactly the
  database they saw before. The test order groups tests (without world, with world, transactional), so
  the world is built once per process in practice, not once per switch.

Nothing changes for a test's author: ask for `world` as before.
"""

import copy
from collections.abc import Iterator
from typing import Any

import pytest

_TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


def _is_transactional(item: Any, fixturenames: list[str]) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool(_TRANSACTIONAL_FIXTURES & set(fixturenames))


def _uses_db(item: Any) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server", "world"} & names
    )


class _Shared:
    """The outer transaction and the world built in it, for this process."""

    def __init__(self) -> None:
        self.atomic: Any = None
        self.world: Any = None

    def open(self, blocker: Any) -> None:
        if self.atomic is not None:
            return
        from django.db import transaction

        from stevig.testing.personas import build_world

        with blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            self.atomic = atomic
            try:
                self.world = build_world()
            except BaseException:
                self.close(blocker)
                raise

    def close(self, blocker: Any) -> None:
        if self.atomic is None:
            return
        from django.db import transaction

        with blocker.unblock():
            transaction.set_rollback(True)
            atomic, self.atomic, self.world = self.atomic, None, None
            atomic.__exit__(None, None, None)


SHARED = _Shared()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[Any]) -> None:
    """After pytest-django's own ordering: tests without the world first, then with it, then the ones that
    commit (stable, so the order within each group stays as it was)."""

    def group(item: Any) -> int:
        names = list(getattr(item, "fixturenames", ()))
        if _uses_db(item) and _is_transactional(item, names):
            return 2
        return 1 if "world" in names else 0

    items.sort(key=group)


@pytest.fixture(scope="session")
def _close_shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Roll the outer transaction back at the end, before pytest-django removes the test database."""
    yield
    SHARED.close(django_db_blocker)


@pytest.fixture
def _shared_world_scope(
    request: pytest.FixtureRequest, _close_shared_world: None, django_db_blocker: Any
) -> None:
    names = list(request.fixturenames)
    if "world" in names and not _is_transactional(request.node, names):
        SHARED.open(django_db_blocker)
    else:
        SHARED.close(django_db_blocker)


@pytest.fixture
def _django_db_helper(_shared_world_scope: None, _django_db_helper: None) -> Iterator[None]:
    """pytest-django's per-test transaction, entered after the shared world's outer transaction."""
    yield


@pytest.fixture
def world(db: None) -> Any:
    """The personas' world (see `stevig.testing.personas.build_world`): shared, copied for this test."""
    if SHARED.world is not None:
        return copy.deepcopy(SHARED.world)
    from stevig.testing.personas import build_world

    return build_world()

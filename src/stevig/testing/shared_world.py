"""Shared test data: `world` and the demo municipality, built once per test process instead of per test.

Building the personas' world takes about 60 queries, and the demo municipality (with its work in
progress, made through the services) seconds of CPU. Many tests use them, so building them for each
test was the largest cost of the suite. This pytest plugin builds them once per process (per xdist
worker) inside an outer transaction, the way Django's `TestCase.setUpTestData` does:

* The outer transaction is opened before pytest-django opens the test's own transaction, so every test
  runs in a savepoint inside it and its changes are rolled back as always; the shared data stays.
* Each test gets a deep copy of the Python objects, so a test that changes an instance (a `version`, a
  cached relation) does not leak that change into the next test.
* Tests that need real commits (`transactional_db`, `live_server`, browser tests) and tests that ask for
  none of the shared data run without it: the outer transaction is rolled back first, so they see
  exactly the database they saw before. A test that asks for other shared data than the test before
  gets a fresh outer transaction with just what it asks for. The test order groups tests by what they
  share (nothing, world, demo, ..., then the ones that commit), so each set is built once per process
  in practice, not once per switch.

The shared data (`SHARED_DATA`), by fixture name:

* `world`: the personas' world (`stevig.testing.personas.build_world`).
* `shared_demo`: the demo (`stevig.demo.loader.load_demo(**DEMO)`: Stevigdam with 60 households,
  Anderdorp, the social map and the work in progress, dated as if today were `DEMO["today"]`); the
  fixture gives its `DemoSummary`. A demo test module wraps it in its own fixture, e.g.
  `def demo(shared_demo, settings): settings.DEMO = True; return shared_demo`.

Nothing changes for a test's author: ask for the fixture; change what you like, it is rolled back.
"""

import copy
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

_TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}

# The one demo the tests share (the planner's input: same seed, same data).
DEMO: dict[str, Any] = {"households": 60, "seed": 7, "today": date(2026, 3, 2)}


def _build_world() -> Any:
    from stevig.testing.personas import build_world

    return build_world()


def _build_demo() -> Any:
    from stevig.demo.loader import load_demo

    return load_demo(**DEMO)


# Fixture name → builder, in the order they are built when a test asks for more than one.
SHARED_DATA: dict[str, Callable[[], Any]] = {"world": _build_world, "shared_demo": _build_demo}


def _is_transactional(item: Any, fixturenames: list[str]) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool(_TRANSACTIONAL_FIXTURES & set(fixturenames))


def _uses_db(item: Any) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server", *SHARED_DATA} & names
    )


def _wanted(fixturenames: Any) -> tuple[str, ...]:
    return tuple(name for name in SHARED_DATA if name in fixturenames)


class _Shared:
    """The outer transaction and the shared data built in it, for this process."""

    def __init__(self) -> None:
        self.atomic: Any = None
        self.names: tuple[str, ...] = ()
        self.data: dict[str, Any] = {}

    def open(self, names: tuple[str, ...], blocker: Any) -> None:
        if self.atomic is not None and self.names == names:
            return
        self.close(blocker)
        from django.db import transaction

        with blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            self.atomic, self.names = atomic, names
            try:
                for name in names:
                    self.data[name] = SHARED_DATA[name]()
            except BaseException:
                self.close(blocker)
                raise

    def close(self, blocker: Any) -> None:
        if self.atomic is None:
            return
        from django.db import transaction

        with blocker.unblock():
            transaction.set_rollback(True)
            atomic, self.atomic, self.names, self.data = self.atomic, None, (), {}
            atomic.__exit__(None, None, None)

    def get(self, name: str) -> Any:
        """A deep copy of the shared `name` when the outer transaction holds it, else a fresh build."""
        if name in self.data:
            return copy.deepcopy(self.data[name])
        return SHARED_DATA[name]()


SHARED = _Shared()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[Any]) -> None:
    """After pytest-django's own ordering: tests without shared data first, then grouped by the shared
    data they use, then the ones that commit (stable, so the order within each group stays as it was)."""

    def group(item: Any) -> tuple[int, tuple[str, ...]]:
        names = list(getattr(item, "fixturenames", ()))
        if _uses_db(item) and _is_transactional(item, names):
            return (2, ())
        wanted = _wanted(names)
        return (1 if wanted else 0, wanted)

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
    wanted = _wanted(names)
    if wanted and not _is_transactional(request.node, names):
        SHARED.open(wanted, django_db_blocker)
    else:
        SHARED.close(django_db_blocker)


@pytest.fixture
def _django_db_helper(_shared_world_scope: None, _django_db_helper: None) -> Iterator[None]:
    """pytest-django's per-test transaction, entered after the shared data's outer transaction."""
    yield


@pytest.fixture
def world(db: None) -> Any:
    """The personas' world (see `stevig.testing.personas.build_world`): shared, copied for this test."""
    return SHARED.get("world")


@pytest.fixture
def shared_demo(db: None) -> Any:
    """The demo's `DemoSummary` (`load_demo(**DEMO)`): shared, copied for this test."""
    return SHARED.get("shared_demo")

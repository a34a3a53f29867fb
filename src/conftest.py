import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    from stevig.testing.personas import build_world

    return build_world()


pytest_plugins = ["stevig.testing.browser"]

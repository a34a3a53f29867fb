import os
from pathlib import Path

import pytest

import stevig  # noqa: F401  (its import defers rfc3987_syntax before jsonschema is imported)

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# `world` (the personas) comes from stevig.testing.shared_world: built once per process, copied per test.
pytest_plugins = [
    "stevig.testing.testdb",
    "stevig.testing.shared_world",
    "stevig.testing.browser",
    "stevig.testing.url_gate",
    "stevig.testing.canonical_api",
]


# Test modules whose every test carries the same markers (their `pytestmark`). Collecting the schemathesis
# module builds a hypothesis test per API operation: about 10 s of CPU in every test process, more than
# half of collection, also when `-m "not contract"` deselects all of them afterwards.
WHOLLY_MARKED_MODULES = {"test_schemathesis.py": {"contract", "django_db"}}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Leave a wholly marked module out of collection when the `-m` expression cannot select its tests."""
    markers = WHOLLY_MARKED_MODULES.get(collection_path.name)
    markexpr = config.getoption("markexpr", "")
    if markers is None or not markexpr:
        return None
    from _pytest.mark.expression import Expression

    def matcher(name: str, /, **kwargs: object) -> bool:
        return not kwargs and name in markers

    return True if not Expression.compile(markexpr).evaluate(matcher) else None


def pytest_configure(config: pytest.Config) -> None:
    """Test-only speed-ups. A fast password hasher for the whole suite: the production hasher (PBKDF2,
    ~1 s per check on a busy machine) would dominate every login test. PBKDF2 stays listed so real
    hashes still verify."""
    from django.conf import settings

    # WhiteNoise without autorefresh walks every static file (node_modules included) each time a test
    # client builds its middleware chain, i.e. for every client: over half of an API test's time. With
    # autorefresh it finds a file when it is asked for, as in development.
    settings.WHITENOISE_AUTOREFRESH = True
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]

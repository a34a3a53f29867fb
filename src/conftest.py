import importlib
import os
import sys
import types
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _lazy_rfc3987_syntax() -> None:
    """Defer `rfc3987_syntax` until an "iri" format is checked. jsonschema imports it at its own import
    (for the "iri" and "iri-reference" formats, which none of our schemas use) and it builds 38 Earley
    parsers then: about 2 s of CPU in every test process. The stand-in imports the real module on the first
    check and hands it on, so a check gives the same answer as before."""
    if "rfc3987_syntax" in sys.modules or "jsonschema" in sys.modules:
        return
    stand_in = types.ModuleType("rfc3987_syntax")

    real: list[Any] = []

    def is_valid_syntax(*args: Any, **kwargs: Any) -> Any:
        if not real:
            if sys.modules.get("rfc3987_syntax") is stand_in:
                del sys.modules["rfc3987_syntax"]
            real.append(importlib.import_module("rfc3987_syntax"))
        return real[0].is_valid_syntax(*args, **kwargs)

    stand_in.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    sys.modules["rfc3987_syntax"] = stand_in


_lazy_rfc3987_syntax()

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

"""Tests call the API at its canonical paths, the ones in openapi.yaml (no trailing slash).

The old form with a slash is still answered as an alias (`core.api_paths`); a test that means to call
the alias says so with `@pytest.mark.slash_alias`. Any other test that calls `/api/v1/.../` fails, so
a green suite proves the canonical paths, not the aliases.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client


def is_slash_alias(path: str) -> bool:
    return path.startswith("/api/v1/") and path.endswith("/") and path != "/api/v1/"


@pytest.fixture(autouse=True)
def _canonical_api_paths(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if request.node.get_closest_marker("slash_alias") is not None:
        yield
        return
    original = Client.request

    def checked(self: Client, **environ: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        if is_slash_alias(path):
            raise AssertionError(
                f"{path}: call the canonical API path without the trailing slash (openapi.yaml); "
                "mark a test of the alias itself with @pytest.mark.slash_alias"
            )
        return original(self, **environ)

    monkeypatch.setattr(Client, "request", checked)
    yield

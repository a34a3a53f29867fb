import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit():  # type: ignore[no-untyped-def]
    """The rate limit lives in the (process-local) cache: every test starts with a clean counter."""
    cache.clear()
    yield
    cache.clear()

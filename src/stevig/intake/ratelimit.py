"""A small fixed-window rate limit on Django's cache, for the public question form and endpoint.

The rate comes from the setting ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["public_question"]``, which
the environment variable ``STEVIG_PUBLIC_RATE`` sets (default ``10/hour``; formats ``N/second``,
``N/minute``, ``N/hour``, ``N/day``). The HTML form and the API share one counter per IP address, so
switching channels does not double the allowance. With several server processes the cache must be shared
(e.g. a database or Redis cache); with the default local-memory cache each process counts on its own.
"""

import time

from django.conf import settings
from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
DEFAULT_RATE = "10/hour"
SCOPE = "public_question"

LIMIT_MESSAGE = "U heeft veel vragen achter elkaar gestuurd. Probeer het over een uur opnieuw."


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/hour' -> (10, 3600)."""
    number, _, period = rate.partition("/")
    return int(number), PERIODS[period.strip()[:1].lower()]


def configured_rate() -> tuple[int, int]:
    rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
    return parse_rate(rates.get(SCOPE) or DEFAULT_RATE)


def hit(
    address: str, *, scope: str = SCOPE, now: float | None = None, rate: tuple[int, int] | None = None
) -> bool:
    """Count one request from `address`; False when it is over the limit of the current window.
    `rate` (count, seconds) for another scope than the public question."""
    limit, period = rate or configured_rate()
    window = int((now if now is not None else time.time()) // period)
    key = f"stevig:ratelimit:{scope}:{address}:{window}"
    # add() is atomic: only the first request in a window creates the key.
    if cache.add(key, 1, timeout=period + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=period + 1)
            count = 1
    return count <= limit

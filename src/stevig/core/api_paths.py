"""API paths without a trailing slash (NLGov API Design Rules, /core/no-trailing-slash).

The apps write their API routes the Django way (`households/<uuid:household_id>/`); `without_trailing_slashes`
turns the `/api/v1/` URL list into the canonical routes without the slash (`households/<uuid:household_id>`),
which carry the route names (so `reverse()` and every link the API gives out use them) and are the only
paths in the OpenAPI document. The old form with the slash stays answered as an unnamed alias for clients
written against it; the schema leaves it out (`drop_slash_aliases`, a drf-spectacular preprocessing hook).
"""

from typing import Any

from django.urls import URLPattern, URLResolver, path
from django.urls.resolvers import RoutePattern


def _flatten(patterns: list[Any], prefix: str = "") -> list[tuple[str, URLPattern]]:
    """(full route, pattern) for every view below `patterns`; includes with a route prefix are merged."""
    found: list[tuple[str, URLPattern]] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if not isinstance(entry.pattern, RoutePattern):
                raise TypeError(f"API includes use path(), not regular expressions: {entry.pattern}")
            found.extend(_flatten(list(entry.url_patterns), prefix + str(entry.pattern)))
        else:
            if not isinstance(entry.pattern, RoutePattern):
                raise TypeError(f"API routes use path(), not regular expressions: {entry.pattern}")
            found.append((prefix + str(entry.pattern), entry))
    return found


def without_trailing_slashes(patterns: list[Any]) -> list[URLPattern]:
    """The canonical slashless routes (named) followed by the old routes with a slash (unnamed aliases)."""
    canonical: list[URLPattern] = []
    aliases: list[URLPattern] = []
    for route, entry in _flatten(patterns):
        bare = route.rstrip("/")
        canonical.append(path(bare, entry.callback, entry.default_args, name=entry.name))
        if bare != route:
            aliases.append(path(route, entry.callback, entry.default_args))
    return canonical + aliases


def drop_slash_aliases(endpoints: list[tuple[Any, ...]], **kwargs: Any) -> list[tuple[Any, ...]]:
    """drf-spectacular preprocessing hook: only the canonical API paths go into the OpenAPI document."""
    return [endpoint for endpoint in endpoints if not str(endpoint[0]).endswith("/")]

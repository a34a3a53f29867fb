"""Panels on the start page per role. Other apps plug in their worklists here, e.g. in `AppConfig.ready()`:

    register_panel(Panel(key="mandates-overdue", template="mandates/panels/overdue.html",
                         roles=("coordinator",), order=20, context=overdue_context))

`context(request)` returns the panel's template context; it must run a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    roles: tuple[str, ...] = field(default_factory=tuple)  # empty: every staff role
    order: int = 100
    context: Callable[[HttpRequest], dict[str, Any]] | None = None


_PANELS: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    """Add or replace a panel (by key)."""
    _PANELS[panel.key] = panel


def unregister_panel(key: str) -> None:
    _PANELS.pop(key, None)


def panels_for(role: str) -> list[Panel]:
    return sorted(
        (p for p in _PANELS.values() if not p.roles or role in p.roles), key=lambda p: (p.order, p.key)
    )


def render_panels(request: HttpRequest, role: str) -> list[SafeString]:
    rendered = []
    for panel in panels_for(role):
        context = panel.context(request) if panel.context else {}
        rendered.append(mark_safe(render_to_string(panel.template, context, request=request)))  # noqa: S308
    return rendered

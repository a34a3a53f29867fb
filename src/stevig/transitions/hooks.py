"""Menu, start-page panel (the worker's worklist: who turns 18 soon) and the decisions hook."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

PANEL_SIZE = 10


def panel_context(request: HttpRequest) -> dict[str, Any]:
    from stevig.audit.models import Part
    from stevig.core.context import actor_from_request
    from stevig.transitions import selectors

    actor = actor_from_request(request)
    rows = list(selectors.turning_18_for(actor.user)[:PANEL_SIZE])
    if rows:
        selectors.log_listed(actor=actor, part=Part.TRANSITIONS, residents=rows)
    return {"young": rows}


def register() -> None:
    from stevig.transitions.figures import register_figures

    register_figures()
    from stevig.web.navigation import CASE_ROLES, NavItem, register_nav_item
    from stevig.web.panels import Panel, register_panel

    register_nav_item(NavItem(_("16-27"), url_name="transitions:overview", roles=CASE_ROLES, order=26))
    register_panel(
        Panel(
            key="transitions-18",
            template="transitions/panels/turning_18.html",
            roles=tuple(CASE_ROLES),
            order=16,
            context=panel_context,
        )
    )

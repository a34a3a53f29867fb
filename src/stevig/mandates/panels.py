"""Start-page panels and menu items: the worker's requests that need attention (overdue or rejected), the
department's inbox, the coordinator's escalations. Each panel runs a constant number of queries and logs
the residents it shows."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from stevig.accounts.models import Role
from stevig.audit.models import Part
from stevig.core.context import actor_from_request
from stevig.core.pagination import PageRequest
from stevig.mandates import selectors

PANEL_SIZE = 5


def worker_context(request: HttpRequest) -> dict[str, Any]:
    actor = actor_from_request(request)
    rows = list(selectors.needing_attention_for(actor.user)[:PANEL_SIZE])
    selectors.log_listed(actor=actor, rows=rows, detail={"lijst": "startpagina"})
    return {"rows": rows}


def department_context(request: HttpRequest) -> dict[str, Any]:
    page = selectors.inbox(actor=actor_from_request(request), page=PageRequest(size=PANEL_SIZE))
    return {"rows": page.rows, "more": page.has_next}


def coordinator_context(request: HttpRequest) -> dict[str, Any]:
    actor = actor_from_request(request)
    rows = list(selectors.escalated_requests(actor.user)[:PANEL_SIZE])
    selectors.log_listed(actor=actor, rows=rows, part=Part.COORDINATION, detail={"lijst": "startpagina"})
    return {"rows": rows}


def register() -> None:
    try:
        from stevig.web.navigation import NavItem, register_nav_item
        from stevig.web.panels import Panel, register_panel
    except ImportError:  # pragma: no cover - the web shell is always installed
        return
    register_panel(
        Panel(
            key="mandates-worker",
            template="mandates/panels/worker.html",
            roles=(Role.WORKER, Role.TEAM_LEAD),
            order=30,
            context=worker_context,
        )
    )
    register_panel(
        Panel(
            key="mandates-inbox",
            template="mandates/panels/inbox.html",
            roles=(Role.DEPARTMENT,),
            order=10,
            context=department_context,
        )
    )
    register_panel(
        Panel(
            key="mandates-coordinator",
            template="mandates/panels/coordinator.html",
            roles=(Role.COORDINATOR,),
            order=10,
            context=coordinator_context,
        )
    )
    register_nav_item(NavItem(_("Inbox"), url_name="mandates:inbox", roles=(Role.DEPARTMENT,), order=10))
    register_nav_item(
        NavItem(
            _("Mijn verzoeken"),
            url_name="mandates:mine",
            roles=(Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR),
            order=30,
        )
    )
    register_nav_item(
        NavItem(_("Coördinatie"), url_name="mandates:coordinator", roles=(Role.COORDINATOR,), order=5)
    )
    register_nav_item(
        NavItem(_("Cijfers mandaat"), url_name="mandates:figures", roles=(Role.POLICY,), order=30)
    )

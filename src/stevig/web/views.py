from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from stevig.accounts.models import Role
from stevig.audit.models import Part
from stevig.core import access
from stevig.web.panels import render_panels

WORKLIST_ROLES = (Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR)
START_TEMPLATES = {role.value: f"web/start/{role.value}.html" for role in Role}


def home(request: HttpRequest) -> HttpResponse:
    """The public start page for visitors; the start page of their role for a verified staff member."""
    user = request.user
    verified = user.is_authenticated and getattr(user, "is_verified", lambda: False)()
    if not verified:
        return render(request, "web/home.html")
    role = getattr(user, "role", "")
    if getattr(user, "is_staff_member", False) and role in START_TEMPLATES:
        template = START_TEMPLATES[role]
    elif user.is_superuser:
        template = "web/start/superuser.html"
    else:
        template = "web/start/no_role.html"
    context: dict[str, Any] = {"panels": render_panels(request, role), "role": role}
    if role in WORKLIST_ROLES and getattr(user, "is_staff_member", False):
        from stevig.core.context import actor_from_request
        from stevig.web.worklist import worklist_for

        default_scope = "team" if role == Role.TEAM_LEAD else "mine"
        context["work"] = worklist_for(
            actor=actor_from_request(request),
            scope=request.GET.get("werk", default_scope),
            sort=request.GET.get("volgorde", "due"),
            limit=50,
        )
    return render(request, template, context)


@access.page(Role.TEAM_LEAD, part=Part.TRAJECTORIES)
def team_dashboard(request: HttpRequest) -> HttpResponse:
    """The teamleider's dashboard (`stevig.web.dashboard`): figures, chart + table, the team's trajectories."""
    from stevig.core.context import actor_from_request
    from stevig.core.pagination import PageRequest
    from stevig.web import dashboard

    actor = actor_from_request(request)
    search = request.GET.get("zoek", "")[:100]
    sort = request.GET.get("sorteer", dashboard.DEFAULT_SORT)
    sort = sort if sort in dashboard.SORTS else dashboard.DEFAULT_SORT
    page = dashboard.team_trajectories(
        actor=actor,
        search=search,
        sort=sort,
        page=PageRequest.from_query(request.GET, page_param="pagina", size=25, max_size=100),
    ).bind(request.get_full_path(), page_param="pagina")
    columns = [
        ("adres", _("Huishouden")),
        ("aanspreekpunt", _("Vast aanspreekpunt")),
        ("contact", _("Laatste contact")),
        ("actie", _("Volgende actie")),
        ("dagen", _("Dagen open")),
    ]
    headers = []
    for key, label in columns:
        current = sort.lstrip("-") == key
        descending = sort.startswith("-")
        next_sort = key if (not current or descending) else f"-{key}"
        query = urlencode({k: v for k, v in (("zoek", search), ("sorteer", next_sort)) if v})
        aria = ("descending" if descending else "ascending") if current else ""
        headers.append({"key": key, "label": label, "url": f"?{query}#team-trajecten", "aria_sort": aria})
    return render(
        request,
        "web/team.html",
        {
            "board": dashboard.team_dashboard(actor=actor),
            "page": page,
            "search": search,
            "sort": sort,
            "headers": headers,
        },
    )


ABOUT_PAGES = {
    "contact": "web/about/contact.html",
    "privacy": "web/about/privacy.html",
    "toegankelijkheid": "web/about/accessibility.html",
}


def about_page(request: HttpRequest, page: str) -> HttpResponse:
    """Contact, privacy statement and accessibility statement: public, linked from every footer. The
    municipality's name, phone and address come from its tenancy record (context processor `site`)."""
    return render(request, ABOUT_PAGES[page])


@require_POST
def keepalive(request: HttpRequest) -> HttpResponse:
    """'Blijf ingelogd' (WCAG 2.2.1): a POST that renews the idle timer (the session is saved on every
    request). 204 for a logged-in user, 401 when the session has already ended (the page then shows the
    login page, and the drafts stay in the browser)."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    request.session.modified = True
    return HttpResponse(status=204)

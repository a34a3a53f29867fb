from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stevig.accounts.models import Role
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


ABOUT_PAGES = {
    "contact": "web/about/contact.html",
    "privacy": "web/about/privacy.html",
    "toegankelijkheid": "web/about/accessibility.html",
}


def about_page(request: HttpRequest, page: str) -> HttpResponse:
    """Contact, privacy statement and accessibility statement: public, linked from every footer. The
    municipality's name, phone and address come from its tenancy record (context processor `site`)."""
    return render(request, ABOUT_PAGES[page])

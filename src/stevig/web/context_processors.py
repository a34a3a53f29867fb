from typing import Any

from django.conf import settings
from django.http import HttpRequest

from stevig.web.navigation import current_url, items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu items the current user's role may use (the server checks again on every page)."""
    user = getattr(request, "user", None)
    verified = bool(
        user is not None and user.is_authenticated and getattr(user, "is_verified", lambda: False)()
    )
    if not verified:
        return {"nav_role": "", "nav_items": [], "nav_user": None}
    role = getattr(user, "role", "")
    linked = [
        (item, url)
        for item in items_for(role, is_superuser=bool(getattr(user, "is_superuser", False)))
        if (url := item.url()) is not None
    ]
    current = current_url([url for _item, url in linked], request.path)
    items = [{"label": item.label, "url": url, "current": url == current} for item, url in linked]
    from django.conf import settings

    # The idle-logout warning (web/stevig.js) needs the idle time: warn two minutes before it runs out.
    return {
        "nav_role": role,
        "nav_items": items,
        "nav_user": user,
        "idle_seconds": settings.SESSION_COOKIE_AGE,
    }


def site(request: HttpRequest) -> dict[str, Any]:
    """The municipality this page serves (the staff member's own, else the public one) and its theme:
    name, logo, phone and address show on every page."""
    user = getattr(request, "user", None)
    municipality = getattr(user, "municipality", None) if user is not None and user.is_authenticated else None
    if municipality is None:
        from stevig.intake.selectors import public_municipality

        municipality = public_municipality(request.GET.get("gemeente"))
    return {
        "site_municipality": municipality,
        "theme_css": settings.THEME_CSS,
        "theme_logo": settings.THEME_LOGO,
    }

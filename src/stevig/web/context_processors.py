from typing import Any

from django.http import HttpRequest

from stevig.web.navigation import items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu items the current user's role may use (the server checks again on every page)."""
    user = getattr(request, "user", None)
    verified = bool(
        user is not None and user.is_authenticated and getattr(user, "is_verified", lambda: False)()
    )
    if not verified:
        return {"nav_role": "", "nav_items": [], "nav_user": None}
    role = getattr(user, "role", "")
    current = request.path
    items = []
    for item in items_for(role, is_superuser=bool(getattr(user, "is_superuser", False))):
        url = item.url()
        if url is None:
            continue
        is_current = url == current if url == "/" else current.startswith(url)
        items.append({"label": item.label, "url": url, "current": is_current})
    return {"nav_role": role, "nav_items": items, "nav_user": user}

"""Access decorators for server-rendered pages: default deny, the second factor is required."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def staff_required(*roles: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Allow a verified (two-factor) staff member, optionally only with one of `roles`.

    Anyone else is sent to the login page (not logged in / not verified) or gets 403 (wrong role).
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated or not getattr(user, "is_verified", lambda: False)():
                return redirect_to_login(request.get_full_path())
            if not getattr(user, "is_staff_member", False) or (roles and user.role not in roles):  # type: ignore[union-attr]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stevig.core.api import problem_response


class RequestSizeLimitMiddleware:
    """Refuse oversized requests with 413 before anything reads the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            message = "Het verzoek is te groot."
            if request.path.startswith("/api/"):
                return problem_response(413, message, path=request.path)
            # This runs before the session and user are known: the page shows no personal menu.
            return render(request, "413.html", status=413)
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response Stevig renders (pages, API, files): nothing with resident
    data stays in a browser, proxy or shared-computer cache. Static files are served before this runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store"
        return response


SESSION_STARTED = "stevig_session_started"


# Mijn Stevig's session key for a resident logged in with DigiD (`stevig.portal.principal`).
RESIDENT_SESSION_KEY = "mijn_stevig"


class AbsoluteSessionLifetimeMiddleware:
    """Log out after STEVIG_SESSION_MAX_SECONDS since the session began, however active it is. The idle
    timeout (SESSION_COOKIE_AGE with a save on every request) alone would let a busy session live forever.
    The same holds for a resident's DigiD session in Mijn Stevig (not a Django user: its start is set at
    the DigiD login, `portal.principal.start_session`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        resident = RESIDENT_SESSION_KEY in request.session
        if request.user.is_authenticated or resident:
            started = request.session.get(SESSION_STARTED)
            now = time.time()
            if started is None:
                request.session[SESSION_STARTED] = now
            elif now - float(started) > settings.SESSION_MAX_SECONDS:
                if request.user.is_authenticated:
                    logout(request)  # flushes the session; the request goes on as anonymous
                else:
                    request.session.flush()
        return self.get_response(request)


class ApiVersionMiddleware:
    """`API-Version: <semver>` on every /api/ response, errors included (NLGov API Design Rules)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response


class ApiMethodMiddleware:
    """An API path answers a method its view does not have (TRACE, PUT on a read) with 405 and an `Allow`
    header before anything else: DRF checks login and permissions first, so a resident-only path answered
    a TRACE with 403, which tells a client the method might work with other credentials (RFC 9110 15.5.6)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if not request.path.startswith("/api/"):
            return None
        allowed = _allowed_methods(view_func)
        if allowed is None or request.method in allowed:
            return None
        response = problem_response(
            405, f"Methode {request.method} is hier niet toegestaan.", path=request.path
        )
        response["Allow"] = ", ".join(sorted(allowed))
        return response


def _allowed_methods(view_func: Callable[..., Any]) -> set[str] | None:
    """The methods a (DRF or Django class-based) view answers, or None when that is not known."""
    actions = getattr(view_func, "actions", None)
    if isinstance(actions, dict):
        methods = {method.upper() for method in actions}
    else:
        view_class = getattr(view_func, "cls", None) or getattr(view_func, "view_class", None)
        if view_class is None:
            return None
        methods = {
            method.upper()
            for method in view_class.http_method_names
            if method != "options" and hasattr(view_class, method)
        }
    if "GET" in methods:
        methods.add("HEAD")
    methods.add("OPTIONS")
    return methods

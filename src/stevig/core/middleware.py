from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


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
                return JsonResponse({"detail": message}, status=413)
            # This runs before the session and user are known: the page shows no personal menu.
            return render(request, "413.html", status=413)
        return self.get_response(request)

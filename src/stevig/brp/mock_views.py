"""The mock BRP's HTTP face: POST /mock-brp/personen, as BRP API Personen answers it.

Mounted only when STEVIG_BRP_MOCK is on (demo, tests). It serves fictitious persons only; when
STEVIG_BRP_API_KEY is set it asks for that key in the X-API-KEY header, as the real gateway does.
"""

import hmac
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from stevig.brp import mock


def _json(status: int, body: dict[str, object], content_type: str) -> HttpResponse:
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=content_type)


@csrf_exempt
@require_POST
def personen(request: HttpRequest) -> HttpResponse:
    key = settings.BRP_API_KEY
    if key and not hmac.compare_digest(request.headers.get("X-API-KEY", ""), key):
        return _json(
            401,
            {"title": "Niet correct geauthenticeerd.", "status": 401, "code": "authentication"},
            "application/problem+json",
        )
    status, body = mock.answer(request.body, today=timezone.localdate())
    content_type = "application/json; charset=utf-8" if status == 200 else "application/problem+json"
    return _json(status, body, content_type)

"""API error mapping shared by every app."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import exception_handler as drf_exception_handler

from stevig.core.context import actor_from_request
from stevig.core.errors import AccessDenied, RoleDenied, VersionConflict


def write(
    request: Request,
    *,
    body: type[Serializer],
    service: Callable[..., Any],
    answer: type[Serializer],
    created: bool = False,
    **arguments: Any,
) -> Response:
    """The one shape of an API write: validate the body, call the service with the actor, the URL
    arguments and the validated fields, answer with the result. Serializer fields carry the service's
    argument names (use `source=` where the JSON name differs), so no view maps them by hand. Errors
    (400, 403, 404, 409) come from `exception_handler`."""
    serializer = body(data=request.data)
    serializer.is_valid(raise_exception=True)
    result = service(actor=actor_from_request(request), **arguments, **serializer.validated_data)
    return Response(answer(result).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Structured errors: 400 {field: [messages]}, 403/404 {detail}, 409 {detail, code}."""
    if isinstance(exc, VersionConflict):
        return Response({"detail": exc.message, "code": "version_conflict"}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, RoleDenied):
        return Response({"detail": str(exc) or "Geen toegang."}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, AccessDenied):
        # Not found rather than forbidden: the API does not confirm that a file exists.
        return Response({"detail": "Niet gevonden."}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail: Any = {
                field: [str(m) for e in errors for m in e.messages]
                for field, errors in exc.error_dict.items()
            }
        else:
            detail = {"non_field_errors": list(exc.messages)}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Niet gevonden.")
    return drf_exception_handler(exc, context)

"""The shape of API writes and errors shared by every app."""

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer, ModelSerializer, Serializer
from rest_framework.views import exception_handler as drf_exception_handler

from stevig.core.context import Actor, actor_from_request
from stevig.core.errors import AccessDenied, RateLimited, RoleDenied, VersionConflict

INVALID_INPUT = "De invoer klopt niet. Zie de fouten per veld."


# A ModelSerializer that works out its fields from the model once per class, not once per instance.
#
# DRF's `ModelSerializer.get_fields()` walks the model's fields, relations and uniqueness rules on every
# instantiation: measured, 16 % of the CPU of a household file (three nested serializers) and 7 % of a
# question list. Here the first instance's result is kept on the class and every instance gets copies,
# made the way DRF copies declared fields (`Field.__deepcopy__`: a new field from the same arguments),
# so no two serializers share a field. Only for serializers whose fields depend on the class alone
# (Meta and declared fields), not on the instance, the request or the context.
# (A comment, not a docstring: drf-spectacular would make a docstring every subclass's schema description.)
class CachedModelSerializer(ModelSerializer):  # type: ignore[type-arg]
    def get_fields(self) -> dict[str, Any]:
        cls = type(self)
        fields = cls.__dict__.get("_fields_from_model")
        if fields is None:
            fields = super().get_fields()
            cls._fields_from_model = fields  # type: ignore[attr-defined]
        return {name: copy.deepcopy(field) for name, field in fields.items()}


def write(
    request: Request,
    *,
    body: type[Serializer] | None,
    service: Callable[..., Any],
    answer: type[Serializer] | Callable[[Any], Any] | None,
    created: bool = False,
    accepted: bool = False,
    purpose: str | None = None,
    current: Callable[[Actor], Mapping[str, Any]] | None = None,
    actor: Actor | None = None,
    **arguments: Any,
) -> Response:
    """The one shape of an API write (POST, PUT, PATCH, DELETE): validate the body, call the service with
    the actor, the URL arguments and the validated fields, answer with the result. Serializer fields
    carry the service's argument names (use `source=` where the JSON name differs, e.g.
    `version = IntegerField(source="expected_version")`), so no view maps them by hand. Errors (400, 403,
    404, 409) come from `exception_handler`.

    `created` answers 201, `accepted` 202 (the work goes on in the background), else 200.
    `body=None`: a write without a body. `answer`: the serializer of the result, or a function that gives
    the answer's data for it (e.g. the object read again with its context); None answers 204 without a
    body. `current` (PATCH): the object's current values under the body's argument names, read for the
    actor (`current_values`); the body is then a true partial update (`partial_body`). `purpose` is the
    access log's "doel" when the write is not ordinary support (e.g. handling a data subject's request).
    `actor`: who writes when it is not the logged-in staff user (a resident in Mijn Stevig, whose actor
    the view's permission built from the DigiD session)."""
    if actor is None:
        actor = actor_from_request(request, purpose=purpose) if purpose else actor_from_request(request)
    fields: Mapping[str, Any] = {}
    if body is not None and current is not None:
        fields = partial_body(request, body, current=lambda: current(actor))
    elif body is not None:
        serializer = body(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = serializer.validated_data
    result = service(actor=actor, **arguments, **fields)
    if answer is None:
        return Response(status=status.HTTP_204_NO_CONTENT)
    if isinstance(answer, type) and issubclass(answer, BaseSerializer):
        data = answer(result).data
    else:
        data = answer(result)  # type: ignore[call-arg]
    code = (
        status.HTTP_201_CREATED if created else status.HTTP_202_ACCEPTED if accepted else status.HTTP_200_OK
    )
    return Response(data, status=code)


def partial_body(
    request: Request, body: type[Serializer], *, current: Callable[[], Mapping[str, Any]]
) -> dict[str, Any]:
    """The body of a PATCH as a true partial update: the fields the client sent (validated with
    `partial=True`) over the object's current values (`current()`, under the body's argument names, read
    through the scoped access layer after the body is valid), so every field not sent keeps its value.
    `version` (the version the client read) must always be sent: the service answers 409 when it is
    stale. The schema documents every PATCH body so (`core.schema.StevigAutoSchema`)."""
    serializer = body(data=request.data, partial=True)
    serializer.is_valid(raise_exception=True)
    sent = dict(serializer.validated_data)
    version = serializer.fields.get("version")
    if (version.source if version is not None else "version") not in sent:
        raise exceptions.ValidationError({"version": [VERSION_REQUIRED]})
    return {**current(), **sent}


def current_values(
    obj: Any, body: type[Serializer], **attributes: str | Callable[[Any], Any]
) -> dict[str, Any]:
    """`obj`'s values under the argument names of a PATCH `body` (a field's `source`), for
    `partial_body(current=...)`: the attribute of that name, or the one `attributes` names for a field
    (`category="category_id"`), or what a callable there gives for `obj`."""
    values: dict[str, Any] = {}
    for name, field in body().fields.items():
        if name == "version" or field.read_only:
            continue
        source = str(field.source)
        attribute: str | Callable[[Any], Any] = attributes.get(name, source)
        values[source] = attribute(obj) if callable(attribute) else getattr(obj, attribute)
    return values


def query(request: Request, serializer: type[Serializer]) -> dict[str, Any]:
    """The query string of an API read, checked by `serializer`: the same class the view names in
    `extend_schema(parameters=[serializer])`, so every filter is parsed exactly as it is documented. A
    value outside what is documented (an unknown status, a date that is no date, a number out of range)
    is a 400 problem document with the error under the parameter's name (`exception_handler`), never a
    silent fallback; a parameter not sent (or sent empty) takes its field's `default`. The paging
    parameters (`page`, `page_size`, `cursor`) are the paginator's (`core.pagination`)."""
    checked = serializer(data=request.query_params)
    require_values(checked, request.query_params)
    checked.is_valid(raise_exception=True)
    return dict(checked.validated_data)


EMPTY_PARAMETER = "Geef een waarde of laat de parameter weg."


def require_values(checked: Serializer, params: Mapping[str, Any]) -> None:
    """A 400 naming every parameter of `checked` that was sent empty but may not be blank."""
    empty = empty_parameters(checked, params)
    if empty:
        raise exceptions.ValidationError(empty)


def refuse_empty(params: Mapping[str, Any], names: Iterable[str]) -> None:
    """The same for parameters read without a serializer (a form, a single flag)."""
    empty = {name: [EMPTY_PARAMETER] for name in names if name in params and "" in _values(params, name)}
    if empty:
        raise exceptions.ValidationError(empty)


def empty_parameters(checked: Serializer, params: Mapping[str, Any]) -> dict[str, list[str]]:
    """{name: [message]} for every parameter sent empty (`?status=`) whose field does not allow a blank
    value (a choice, date, uuid, number or boolean): the schema says such a value is invalid, so it is
    a 400 naming the parameter, never read as "not sent" (which DRF does for form-like input)."""
    return {
        name: [EMPTY_PARAMETER]
        for name, field in checked.fields.items()
        if not field.read_only
        and name in params
        and not getattr(field, "allow_blank", False)
        and any(value == "" for value in _values(params, name))
    }


def _values(params: Mapping[str, Any], name: str) -> list[Any]:
    getlist = getattr(params, "getlist", None)
    return list(getlist(name)) if getlist is not None else [params[name]]


VERSION_REQUIRED = "Stuur de versie die u las (`version`); bij een nieuwere volgt 409."


PROBLEM_JSON = "application/problem+json"

# The Dutch title per status (RFC 9457 `title`: the same for every occurrence of the problem type).
TITLES = {
    400: "Ongeldig verzoek",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Antwoordformaat niet beschikbaar",
    409: "Conflict",
    413: "Verzoek te groot",
    415: "Inhoudstype niet ondersteund",
    429: "Te veel verzoeken",
    500: "Fout in de server",
}


def problem(
    status_code: int,
    detail: str,
    *,
    instance: str | None = None,
    errors: Any = None,
    code: str | None = None,
    headers: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Response:
    """An RFC 9457 problem document (`application/problem+json`): `type`, `title`, `status`, `detail`,
    `instance`; a 400 for bad fields adds `errors` ({field: [messages]}, nested like the body) and
    `invalid_params` ([{name, reason}], one per message, `name` a dotted path such as `scores.0.domain`);
    `extra` adds members of the problem type (RFC 9457 extension members, e.g. `warned`)."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if code:
        body["code"] = code
    if errors is not None:
        body["errors"] = errors
        body["invalid_params"] = [{"name": name, "reason": reason} for name, reason in _flatten(errors)]
    body.update(extra or {})
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_JSON)


def problem_response(status_code: int, detail: str, *, path: str | None = None) -> HttpResponse:
    """The same document outside DRF (middleware, Django's 404/500 handlers for /api/ paths)."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
    }
    if path:
        body["instance"] = path
    return JsonResponse(body, status=status_code, content_type=PROBLEM_JSON)


def _flatten(errors: Any, prefix: str = "") -> list[tuple[str, str]]:
    """(dotted name, message) for every message in a (nested) DRF/Django error structure."""
    if isinstance(errors, Mapping):
        return [
            pair
            for key, value in errors.items()
            for pair in _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        ]
    if isinstance(errors, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in errors):
            return [(prefix or "non_field_errors", str(item)) for item in errors]
        return [pair for index, item in enumerate(errors) for pair in _flatten(item, f"{prefix}.{index}")]
    return [(prefix or "non_field_errors", str(errors))]


def _path(context: dict[str, Any]) -> str | None:
    request = context.get("request")
    return request.path if request is not None else None


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every API error as `application/problem+json` (RFC 9457) with the Dutch message in `detail`:
    400 with the field errors in `errors`/`invalid_params`, 403 for a role that may never do it, 404 for
    anything out of scope (the API never confirms that a file exists), 409 with `code: version_conflict`,
    and DRF's own 401/405/406/415/429 in the same shape."""
    instance = _path(context)
    if isinstance(exc, VersionConflict):
        return problem(409, exc.message, instance=instance, code="version_conflict")
    if isinstance(exc, RateLimited):
        return problem(429, exc.message, instance=instance, headers={"Retry-After": str(exc.wait)})
    if isinstance(exc, RoleDenied):
        return problem(403, str(exc) or "Geen toegang.", instance=instance)
    if isinstance(exc, AccessDenied):
        return problem(404, "Niet gevonden.", instance=instance)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors: Any = {
                field: [str(m) for e in errors for m in e.messages]
                for field, errors in exc.error_dict.items()
            }
        else:
            errors = {"non_field_errors": [str(m) for m in exc.messages]}
        # A service's own kind of 400 may name its problem (`problem_code`) and add members (`problem_extra`).
        return problem(
            400,
            INVALID_INPUT,
            instance=instance,
            errors=errors,
            code=getattr(exc, "problem_code", None),
            extra=getattr(exc, "problem_extra", None),
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Niet gevonden.")
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    headers = {
        name: value
        for name, value in response.items()
        if name in {"WWW-Authenticate", "Retry-After", "Allow"}
    }
    if isinstance(exc, exceptions.ParseError):
        # A body that is no JSON: the documented 400 (ValidationProblem), the reason under the body.
        message = str(exc.detail)
        return problem(
            400, message, instance=instance, errors={"non_field_errors": [message]}, headers=headers
        )
    if isinstance(exc, exceptions.ValidationError):
        data = exc.detail
        errors = data if isinstance(data, Mapping) else {"non_field_errors": data}
        return problem(400, INVALID_INPUT, instance=instance, errors=errors, headers=headers)
    detail = exc.detail
    message = str(detail) if not isinstance(detail, Mapping | list) else str(response.data.get("detail", ""))
    return problem(
        response.status_code, message, instance=instance, code=getattr(detail, "code", None), headers=headers
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 404 handler: a problem document under /api/ (an unknown path), else the 404 page."""
    if request.path.startswith("/api/"):
        return problem_response(404, "Niet gevonden.", path=request.path)
    return defaults.page_not_found(request, exception or Http404())


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler: a problem document under /api/, else the 500 page."""
    if request.path.startswith("/api/"):
        return problem_response(
            500, "Er ging iets mis in Stevig. Probeer het later opnieuw.", path=request.path
        )
    return defaults.server_error(request)

"""OpenAPI: our session authentication described like DRF's own, and the API contract every operation
shares (problem documents for errors, lists documented as pages)."""

import inspect
from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import is_patched_serializer

from stevig.core.pagination import NoCountPagination


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = "stevig.core.api_auth.VerifiedSessionAuthentication"
    name = "sessie"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "Sessie van de webapplicatie, na inloggen met tweede factor.",
        }


# ------------------------------------------------------------------------------------ the API contract

PROBLEM = {"$ref": "#/components/schemas/Problem"}
VALIDATION_PROBLEM = {"$ref": "#/components/schemas/ValidationProblem"}

# What each error status means in this API (the `description` of its response when a view gave none).
ERROR_DESCRIPTIONS = {
    "400": "Ongeldige invoer: de fouten per veld staan in `errors` en `invalid_params`.",
    "401": "Niet ingelogd: stuur `Authorization: Token <token>` of log in.",
    "403": "Uw rol mag dit nooit (gelogd).",
    "404": "Niet gevonden of buiten uw bereik (gelogd).",
    "406": "Het gevraagde antwoordformaat (`Accept`) is er niet: alleen JSON.",
    "409": "Iemand anders wijzigde dit intussen: lees opnieuw en stuur de nieuwe `version`.",
    "413": "Het verzoek is te groot.",
    "415": "Dit inhoudstype (`Content-Type`) wordt niet ondersteund: stuur JSON.",
    "429": "Te veel verzoeken: probeer het later opnieuw (`Retry-After`).",
    "502": "Een systeem waar Stevig op wacht (zoals de BRP) gaf geen bruikbaar antwoord.",
}


class StevigAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema with the two things our views do that it cannot see:

    * a list that an APIView pages itself (`paginator.get_paginated_response(...)`) is documented as the
      page object it is (`{next, previous, results}`, with `cursor`/`page` and `page_size`), not as a
      bare array;
    * every status the API can answer is documented, each error as an RFC 9457 problem document
      (`core.api.exception_handler`): 400, 404 and 406 always, 401 and 403 unless public, 409 for writes,
      413 and 415 with a request body, 429 when the view is rate-limited.
    """

    def _get_paginator(self):  # type: ignore[no-untyped-def]
        paginator = super()._get_paginator()
        if paginator is not None or self.method != "GET":
            return paginator
        handler = getattr(self.view, self.method.lower(), None)
        try:
            source = inspect.getsource(handler) if handler is not None else ""
        except (OSError, TypeError):
            return None
        if not any(call in source for call in ("get_paginated_response", "_paged(", "page_response(")):
            return None
        return NoCountPagination(keyset=("id",) if "keyset" in source or "_paged(" in source else None)

    def _map_basic_serializer(self, serializer, direction):  # type: ignore[no-untyped-def]
        """A PATCH body (`core.api.partial_body`): every field optional except `version`."""
        schema = super()._map_basic_serializer(serializer, direction)
        if is_patched_serializer(serializer, direction) and "version" in schema.get("properties", {}):
            schema["required"] = ["version"]
        return schema

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        paginator = self._get_paginator() if self.method == "GET" else None
        if paginator is not None and operation.get("parameters"):
            # A view that also names `page`, `page_size` or `cursor` itself gets the paginator's bounds
            # (1..100 and so on): a bare integer would promise that 0 or 10 000 is accepted.
            paging = {p["name"]: p for p in paginator.get_schema_operation_parameters(self.view)}
            operation["parameters"] = [
                paging.get(p["name"], p) if p.get("in") == "query" else p for p in operation["parameters"]
            ]
        responses: dict[str, Any] = operation.setdefault("responses", {})
        public = {} in operation.get("security", [{}])
        codes = {"400", "404", "406"}
        if not public:
            codes |= {"401", "403"}
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.add("409")
        if "requestBody" in operation:
            codes |= {"413", "415"}
        if self.view.get_throttles():
            codes.add("429")
        if self.method == "PATCH":
            operation["description"] = (
                (operation.get("description", "") + "\n\n").lstrip()
                + "Gedeeltelijk wijzigen: alleen de velden die u stuurt veranderen, de rest houdt zijn "
                "waarde. Stuur altijd `version` (de versie die u las); is die oud, dan volgt 409."
            )
        for code in sorted(codes | {c for c in responses if c.startswith(("4", "5"))}):
            response = responses.setdefault(code, {})
            response.setdefault("description", ERROR_DESCRIPTIONS.get(code, "Fout."))
            schema = VALIDATION_PROBLEM if code == "400" else PROBLEM
            response["content"] = {"application/problem+json": {"schema": schema}}
        return operation


def problem_components(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the problem document schemas the error responses refer to."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = {
        "type": "object",
        "description": "Een fout volgens RFC 9457 (`application/problem+json`).",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "format": "uri-reference", "example": "about:blank"},
            "title": {"type": "string", "example": "Niet gevonden"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599, "example": 404},
            "detail": {"type": "string", "example": "Niet gevonden."},
            "instance": {"type": "string", "format": "uri-reference"},
            "code": {"type": "string", "description": "Soort fout, bijvoorbeeld `version_conflict`."},
        },
    }
    schemas["ValidationProblem"] = {
        "description": "Ongeldige invoer: RFC 9457 met de fouten per veld.",
        "allOf": [
            PROBLEM,
            {
                "type": "object",
                "required": ["errors", "invalid_params"],
                "properties": {
                    "errors": {
                        "type": "object",
                        "description": "Per veld de meldingen (genest zoals de invoer).",
                        "additionalProperties": {},
                    },
                    "invalid_params": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["name", "reason"],
                            "properties": {
                                "name": {"type": "string", "example": "first_member.bsn"},
                                "reason": {"type": "string", "example": "Dit BSN klopt niet."},
                            },
                        },
                    },
                },
            },
        ],
    }
    return result


# ----------------------------------------------------------------------------------------------- links

# Create → read and next steps a client takes with the id of what it just made (OpenAPI links on the 201
# answer). schemathesis follows them in its stateful test (core/tests/test_schemathesis.py); a client
# generator can offer them as next calls. (create operationId, next operationId, path parameter).
API_LINKS: list[tuple[str, str, str]] = [
    ("questions_create", "questions_retrieve", "question_id"),
    ("questions_create", "questions_first_contact_create", "question_id"),
    ("questions_create", "questions_triage_create", "question_id"),
    ("households_create", "households_retrieve", "household_id"),
    ("households_create", "households_members_create", "household_id"),
    ("trajectories_create", "trajectories_retrieve", "trajectory_id"),
    ("trajectories_create", "trajectories_contacts_create", "trajectory_id"),
    ("trajectories_analyses_create", "analyses_retrieve", "analysis_id"),
    ("trajectories_referrals_create", "referrals_retrieve", "referral_id"),
    ("trajectories_plan_create", "plans_retrieve", "plan_id"),
    ("households_decisions_create", "decisions_retrieve", "decision_id"),
    ("signals_create", "signals_retrieve", "signal_id"),
    ("signal_groups_create", "signal_groups_retrieve", "group_id"),
    ("safety_tracks_create", "safety_tracks_retrieve", "track_id"),
    ("mandate_requests_create", "mandate_requests_retrieve", "request_id"),
    (
        "data_sharing_households_subject_requests_create",
        "data_sharing_subject_requests_retrieve",
        "request_id",
    ),
    ("self_assessment_rounds_create", "self_assessment_rounds_retrieve", "round_id"),
]


def api_links(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the `links` of API_LINKS on each create's 201 answer.

    Fails the schema generation when an operation, its 201 answer, the `id` in it or the path parameter
    is gone, so a link never points at what no longer exists."""
    operations: dict[str, tuple[str, dict[str, Any]]] = {}
    for path, item in result.get("paths", {}).items():
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                operations[operation["operationId"]] = (path, operation)
    schemas = result.get("components", {}).get("schemas", {})
    for source, target, parameter in API_LINKS:
        if source not in operations or target not in operations:
            raise ValueError(f"API_LINKS: operation {source} or {target} does not exist")
        created = operations[source][1].get("responses", {}).get("201")
        if created is None:
            raise ValueError(f"API_LINKS: {source} has no 201 answer")
        ref = created["content"]["application/json"]["schema"].get("$ref", "")
        if "id" not in schemas.get(ref.rsplit("/", 1)[-1], {}).get("required", []):
            raise ValueError(f"API_LINKS: the 201 answer of {source} has no required id")
        if f"{{{parameter}}}" not in operations[target][0]:
            raise ValueError(f"API_LINKS: {target} has no path parameter {parameter}")
        name = "".join(part.capitalize() for part in target.split("_"))
        created.setdefault("links", {})[name] = {
            "operationId": target,
            "parameters": {parameter: "$response.body#/id"},
            "description": f"`id` uit het antwoord als `{parameter}`.",
        }
    return result

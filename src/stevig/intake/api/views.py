"""Intake endpoints. Thin: validate with a serializer, call a selector or service.

`POST /public/questions/` needs no login (AllowAny), is rate limited per IP (shared with the HTML form) and
honours an `Idempotency-Key` header: the same key returns the same answer and creates one question.
"""

import re
import uuid
from typing import Any, NoReturn

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from stevig.accounts.models import Role
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.api import query, refuse_empty, require_values, write
from stevig.core.context import actor_from_request, client_address
from stevig.core.errors import AccessDenied
from stevig.core.pagination import NoCountPagination
from stevig.core.parsers import StrictJSONParser
from stevig.core.suppression import Period
from stevig.intake import ratelimit, selectors, services
from stevig.intake.api import serializers as s
from stevig.intake.models import Question
from stevig.tenancy.models import Municipality

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_\-:.]{1,60}$")

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    pattern=IDEMPOTENCY_KEY.pattern,
    description="Unique per request you mean once (1 to 60 characters: letters, digits, - _ : .). Sending it "
    "again (a retry) returns the same answer and creates no second question.",
)
GEMEENTE_PARAMETER = OpenApiParameter(
    "gemeente",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description="CBS code of the municipality (GMxxxx). Default: the installation's public municipality. "
    "An unknown or empty code is a 400 naming `gemeente`.",
)
GEMEENTE_UNKNOWN = "Deze gemeente kennen we niet. Gebruik de CBS-code (GMxxxx) of laat de parameter weg."


def requested_municipality(request: Request) -> Municipality:
    """The municipality of `?gemeente=` on the anonymous API, else the installation's public one.

    An unknown or empty code is a 400 problem naming the parameter: the old silent fallback to the
    default municipality filed a resident's question with a municipality he did not choose."""
    refuse_empty(request.query_params, ["gemeente"])
    code = request.query_params.get("gemeente")
    if code is not None:
        chosen = selectors.municipality_by_code(code)
        if chosen is None:
            raise exceptions.ValidationError({"gemeente": [GEMEENTE_UNKNOWN]})
        return chosen
    municipality = selectors.public_municipality()
    if municipality is None:
        raise exceptions.NotFound("Niet gevonden.")
    return municipality


def _idempotency_key(request: Request) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    key = key.strip()
    if not IDEMPOTENCY_KEY.match(key):
        raise exceptions.ValidationError(
            {"Idempotency-Key": [_("Gebruik 1 tot 60 letters, cijfers of - _ : .")]}
        )
    return key


class PublicFlood(exceptions.Throttled):
    """429 with only the plain Dutch message (DRF would append an English sentence); Retry-After is kept."""

    def __init__(self, wait: float | None) -> None:
        exceptions.APIException.__init__(self, ratelimit.LIMIT_MESSAGE)
        self.wait = None if wait is None else int(wait)


class PublicQuestionThrottle(BaseThrottle):
    """Per-IP fixed window shared with the HTML form (see `stevig.intake.ratelimit`)."""

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method != "POST":
            return True
        return ratelimit.hit(client_address(request._request))

    def wait(self) -> float | None:
        return float(ratelimit.configured_rate()[1])


class PublicQuestionView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicQuestionThrottle]

    def throttled(self, request: Request, wait: float | None) -> NoReturn:
        raise PublicFlood(wait)

    @extend_schema(
        request=s.PublicQuestionSerializer,
        parameters=[IDEMPOTENCY_PARAMETER, GEMEENTE_PARAMETER],
        responses={
            201: s.PublicQuestionReceiptSerializer,
            400: OpenApiResponse(description="Field errors, or an unknown `gemeente`."),
            429: OpenApiResponse(description="Too many questions from this address."),
        },
        summary="Een hulpvraag stellen zonder in te loggen",
        auth=[],
    )
    def post(self, request: Request) -> Response:
        municipality = requested_municipality(request)
        key = _idempotency_key(request)
        if key is not None:
            existing = selectors.question_by_idempotency_key(municipality=municipality, key="api-" + key)
            if existing is not None:
                response = Response(_receipt(existing), status=status.HTTP_201_CREATED)
                response["Idempotent-Replayed"] = "true"
                return response
        serializer = s.PublicQuestionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        question, created = services.submit_public_question(
            municipality=municipality,
            text=data["text"],
            about_whom=data["about_whom"],
            topic=data.get("topic", ""),
            eviction_or_cutoff_threat=data["eviction_or_cutoff_threat"],
            contact_methods=data.get("contact_methods", []),
            contact_when=data.get("contact_when", ""),
            name=data.get("name", ""),
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            postcode=data.get("postcode", ""),
            idempotency_key="api-" + (key or uuid.uuid4().hex),
        )
        response = Response(_receipt(question), status=status.HTTP_201_CREATED)
        if not created:
            response["Idempotent-Replayed"] = "true"
        return response


def _receipt(question: Question) -> dict[str, Any]:
    advice_only = question.first_contact_due is None
    if advice_only:
        steps = _("U gaf geen telefoon of e-mail. U krijgt alleen advies. Bel ons en noem uw code.")
    else:
        steps = _("Het team leest uw vraag en neemt uiterlijk op %(date)s contact met u op.") % {
            "date": date_format(question.first_contact_due, "j F Y") if question.first_contact_due else ""
        }
    return {
        "reference": question.reference,
        "received_at": question.received_at,
        "contact_by": question.first_contact_due,
        "advice_only": advice_only,
        "next_steps": steps,
    }


class QuestionListView(APIView):
    # JSON only: a form body cannot send `null`, so an empty `household=` would pass as "no household"
    # where the schema says uuid (found by schemathesis, issue 13).
    parser_classes = [StrictJSONParser]
    # Only roles that work in files list or add one: any other role gets 403 (logged) before the body is read
    # (`docs/architecture.md`, "One answer everywhere").
    permission_classes = [
        access.role_permission(
            *access.FILE_ROLES, part=Part.QUESTION, read_action=Action.SEARCH, write_action=Action.CREATE
        )
    ]

    @extend_schema(
        parameters=[s.QuestionFilterSerializer],
        responses=s.QuestionSummarySerializer(many=True),
        summary="Vragen die u mag zien (te filteren, of zoeken op kenmerk)",
    )
    def get(self, request: Request) -> Response:
        actor = actor_from_request(request)
        filters = query(request, s.QuestionFilterSerializer)
        paginator = NoCountPagination()
        wanted = paginator.page_request(request)
        # Cursor pages by keyset (selectors.QUESTION_KEYSET): a deep page costs what the first costs.
        rows = paginator.take(selectors.questions_page(actor=actor, page=wanted, filters=filters), request)
        return paginator.get_paginated_response(s.QuestionSummarySerializer(rows, many=True).data)

    @extend_schema(
        request=s.QuestionCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: s.QuestionSummarySerializer},
        summary="Een vraag vastleggen (elk kanaal)",
    )
    def post(self, request: Request) -> Response:
        key = _idempotency_key(request)
        return write(
            request,
            body=s.QuestionCreateSerializer,
            service=services.register_question,
            answer=s.QuestionSummarySerializer,
            created=True,
            idempotency_key=("api-" + key) if key else None,
        )


class QuestionDetailView(APIView):
    @extend_schema(responses=s.QuestionDetailSerializer, summary="Eén vraag met termijnen, triage en contact")
    def get(self, request: Request, question_id: uuid.UUID) -> Response:
        file = selectors.question_detail(actor=actor_from_request(request), question_id=question_id)
        return Response(s.QuestionDetailSerializer(file.question, context={"file": file}).data)


class FirstContactView(APIView):
    @extend_schema(
        request=s.FirstContactSerializer,
        responses={201: s.FirstContactSerializer},
        summary="Eerste contact vastleggen (cliëntondersteuning aangeboden: verplicht)",
    )
    def post(self, request: Request, question_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.FirstContactSerializer,
            service=services.record_first_contact,
            answer=s.FirstContactSerializer,
            created=True,
            question_id=question_id,
        )


class TriageView(APIView):
    @extend_schema(
        request=s.TriageSerializer,
        responses={201: s.TriageSerializer},
        summary="Prioriteit met reden vastleggen",
    )
    def post(self, request: Request, question_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.TriageSerializer,
            service=services.triage_question,
            answer=s.TriageSerializer,
            created=True,
            question_id=question_id,
        )


class AssignView(APIView):
    @extend_schema(
        request=s.AssignmentSerializer,
        responses={201: s.AssignmentSerializer},
        summary="Vast aanspreekpunt aanwijzen (teamleider)",
    )
    def post(self, request: Request, question_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.AssignmentSerializer,
            service=services.assign_contact_person,
            answer=s.AssignmentSerializer,
            created=True,
            question_id=question_id,
        )


class PickUpView(APIView):
    @extend_schema(
        request=None,
        responses={
            201: s.AssignmentSerializer,
            400: OpenApiResponse(
                description="De vraag is al opgepakt of is afgesloten: {question: [melding]}."
            ),
            403: OpenApiResponse(
                description="Alleen een medewerker of teamleider van het team van de vraag."
            ),
            404: OpenApiResponse(description="Vraag niet gevonden of buiten uw bereik."),
        },
        summary="'Ik pak dit op': de medewerker wordt zelf het vaste aanspreekpunt",
        description="The question leaves the team's waiting list. Refused (400) when a colleague picked it "
        "up first or the question is closed.",
    )
    def post(self, request: Request, question_id: uuid.UUID) -> Response:
        return write(
            request,
            body=None,
            service=services.pick_up_question,
            answer=s.AssignmentSerializer,
            created=True,
            question_id=question_id,
        )


class ClassifyView(APIView):
    @extend_schema(
        request=s.ClassifySerializer,
        responses=s.QuestionSummarySerializer,
        summary="Soort vraag zetten; de wettelijke termijnen worden berekend",
    )
    def post(self, request: Request, question_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ClassifySerializer,
            service=services.classify_question,
            answer=s.QuestionSummarySerializer,
            question_id=question_id,
        )


class LinkView(APIView):
    @extend_schema(
        request=s.LinkSerializer,
        responses=s.QuestionSummarySerializer,
        summary="Vraag koppelen aan een (nieuw) huishouden",
    )
    def post(self, request: Request, question_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.LinkSerializer,
            service=services.link_household,
            answer=s.QuestionSummarySerializer,
            question_id=question_id,
        )


class DeadlineMetView(APIView):
    @extend_schema(request=None, responses=s.DeadlineSerializer, summary="Termijn afvinken als gehaald")
    def post(self, request: Request, deadline_id: uuid.UUID) -> Response:
        return write(
            request,
            body=None,
            service=services.mark_deadline_met,
            answer=_deadline_data,
            deadline_id=deadline_id,
        )


def _deadline_data(row: Any) -> Any:
    return s.DeadlineSerializer(selectors.DeadlineRow(row, selectors.clock_label(row.clock), 0)).data


class DuplicateCheckView(APIView):
    # JSON only: a form body cannot send `null`, so an empty `date_of_birth` would pass as "not sent".
    parser_classes = [StrictJSONParser]

    @extend_schema(
        request=s.DuplicateCheckRequestSerializer,
        responses={
            200: s.DuplicateCheckSerializer,
            429: OpenApiResponse(
                description="Te vaak gecontroleerd (60 per uur per gebruiker): `Retry-After`."
            ),
        },
        summary="Mogelijke dubbele inwoners vóór het vastleggen (alleen binnen uw bereik)",
    )
    def post(self, request: Request) -> Response:
        actor = actor_from_request(request)
        serializer = s.DuplicateCheckRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        criteria = selectors.DuplicateCriteria(
            **{k: v for k, v in serializer.validated_data.items() if v not in (None, "")}
        )
        check = selectors.duplicate_candidates(actor=actor, criteria=criteria)
        return Response(s.DuplicateCheckSerializer(check).data)


class WorklistView(APIView):
    # The same roles as the page: any other role gets 403 (logged), not an empty list.
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.WORKLIST)]

    @extend_schema(
        parameters=[OpenApiParameter("scope", OpenApiTypes.STR, enum=["me", "team"], required=False)],
        responses=s.WorklistSerializer,
        summary="Werklijst: nieuwe vragen, eerste contacten en termijnen",
    )
    def get(self, request: Request) -> Response:
        work = selectors.worklist(
            actor=actor_from_request(request), scope=request.query_params.get("scope", "me")
        )
        return Response(s.WorklistSerializer(work).data)


class WaitingListView(APIView):
    # The same roles as the page (a team's list): any other role gets 403 (logged).
    permission_classes = [access.role_permission(Role.WORKER, Role.TEAM_LEAD, part=Part.WAITING_LIST)]

    @extend_schema(
        responses=s.QuestionSummarySerializer(many=True),
        summary="Wachtlijst van het eigen team (prioriteit, dan wachttijd)",
    )
    def get(self, request: Request) -> Response:
        paginator = NoCountPagination()
        wanted = paginator.page_request(request)
        rows, has_more = selectors.waiting_list(
            actor=actor_from_request(request), offset=wanted.offset, limit=wanted.size
        )
        paginator.take(wanted.cut(rows, has_next=has_more), request)
        return paginator.get_paginated_response(s.QuestionSummarySerializer(rows, many=True).data)


class FiguresView(APIView):
    @extend_schema(
        parameters=[s.FiguresQuerySerializer],
        responses={200: s.FiguresSerializer, 403: OpenApiResponse(description="Only beleid and teamleider.")},
        summary="Cijfers per kwartaal of jaar (uit de overzichtstabellen): dagen tot eerste contact, "
        "cliëntondersteuning, te late termijnen",
    )
    def get(self, request: Request) -> Response:
        params = s.FiguresQuerySerializer(data=request.query_params)
        require_values(params, request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            figures = selectors.intake_figures(
                actor=actor_from_request(request),
                start=data.get("since") or data.get("start"),
                end=data.get("until") or data.get("end"),
                period=Period.parse(data["periode"]) if data.get("periode") else None,
            )
        except AccessDenied as exc:
            raise exceptions.PermissionDenied(_("Alleen beleid en de teamleider zien deze cijfers.")) from exc
        return Response(s.FiguresSerializer(figures).data)

"""Mandate request endpoints. Thin: validate with a serializer, call a selector or service.

Out of scope → 404 (logged as denied); a role that may never do this → 403 (logged); a stale `version` →
409; a business rule → 400 {field: [messages]}.
"""

import uuid
from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import Role
from stevig.audit.models import Action, Part
from stevig.core import access, figures_api
from stevig.core.api import query, write
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination, page_response
from stevig.mandates import selectors, services
from stevig.mandates.api import serializers as s

TAGS = ["mandaatverzoeken"]
# The department's own steps: any other role gets 403 (logged) before the body is read.
DEPARTMENT_ONLY = [access.role_permission(Role.DEPARTMENT, part=Part.MANDATE_REQUEST)]


def _paged(request: Request, fetch: Any, filters: type[s.MandateListQuerySerializer]) -> Response:
    """One cursor page (selectors.INBOX_KEYSET, MINE_KEYSET) of the requests `fetch` selects; an unknown
    `status` is a 400 (core.api.query), not the whole list."""
    paginator = NoCountPagination()
    page = paginator.page_request(request)
    wanted = query(request, filters)
    rows = paginator.take(
        fetch(actor=actor_from_request(request), status=wanted["status"], page=page), request
    )
    return paginator.get_paginated_response(s.MandateRequestSerializer(rows, many=True).data)


def _detail_data(request: Request, request_id: uuid.UUID) -> Any:
    """A mandate request as the API shows it: read again through the detail selector, with its events."""
    detail = selectors.request_detail(actor=actor_from_request(request), request_id=request_id)
    context = {"events": detail.events, "may_open_file": detail.may_open_file}
    data = s.MandateRequestDetailSerializer(detail.request, context=context).data
    data["overdue"] = detail.overdue
    return data


def _detail_answer(request: Request) -> Callable[[Any], Any]:
    """`core.api.write`'s answer for a write whose service gives (or acts on) a mandate request."""
    return lambda result: _detail_data(request, result.id)


class MandateRequestListView(APIView):
    # Only roles that work in files add one: any other role gets 403 (logged) before the body is read.
    permission_classes = [
        access.role_permission(
            *access.FILE_ROLES, part=Part.MANDATE_REQUEST, write_action=Action.CREATE, writes_only=True
        )
    ]

    @extend_schema(
        tags=TAGS,
        summary="Mijn verzoeken: de mandaatverzoeken die ik verstuurde (te laat en afgewezen eerst)",
        parameters=[s.MineQuerySerializer],
        responses=s.MandateRequestSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        return _paged(request, selectors.my_requests, s.MineQuerySerializer)

    @extend_schema(
        tags=TAGS,
        summary="Mandaatverzoek versturen vanuit een traject (alleen de gekozen delen gaan mee)",
        request=s.SendRequestSerializer,
        responses={201: s.MandateRequestDetailSerializer},
    )
    def post(self, request: Request) -> Response:
        return write(
            request,
            body=s.SendRequestSerializer,
            service=services.send_request,
            answer=_detail_answer(request),
            created=True,
        )


class InboxView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Inbox van de vakafdeling (te laat eerst, dan spoed, dan op datum)",
        parameters=[s.InboxQuerySerializer],
        responses=s.MandateRequestSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        return _paged(request, selectors.inbox, s.InboxQuerySerializer)


class CoordinatorView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Coördinatie: afgewezen en te late verzoeken, huishoudens met vragen op meer gebieden",
        responses=s.CoordinatorDashboardSerializer,
    )
    def get(self, request: Request) -> Response:
        dashboard = selectors.coordinator_dashboard(actor=actor_from_request(request))
        return Response(s.CoordinatorDashboardSerializer(dashboard).data)


class FiguresView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Cijfers per vakafdeling voor beleid per kwartaal of jaar (uit de overzichtstabellen)",
        parameters=[figures_api.PeriodQuerySerializer],
        responses=s.DepartmentFiguresSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        period = figures_api.period_from_query(request.query_params)
        result = selectors.department_figures(actor=actor_from_request(request), period=period)
        rows = [
            {**vars(r), "period": str(result.period), "refreshed_at": result.refreshed_at}
            for r in result.rows
        ]
        return page_response(request, rows, s.DepartmentFiguresSerializer, view=self)


class DepartmentListView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Vakafdelingen van mijn gemeente met hun termijn",
        responses=s.DepartmentSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.departments_of(actor_from_request(request).municipality_id)
        return page_response(request, rows, s.DepartmentSerializer, view=self)


class MandateRequestDetailView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Eén mandaatverzoek met de gedeelde inhoud en het verloop",
        responses=s.MandateRequestDetailSerializer,
    )
    def get(self, request: Request, request_id: uuid.UUID) -> Response:
        return Response(_detail_data(request, request_id))


class AcceptView(APIView):
    permission_classes = DEPARTMENT_ONLY

    @extend_schema(
        tags=TAGS,
        summary="In behandeling nemen (vakafdeling)",
        request=s.VersionSerializer,
        responses=s.MandateRequestDetailSerializer,
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.VersionSerializer,
            service=services.accept_request,
            answer=_detail_answer(request),
            request_id=request_id,
        )


class CompleteView(APIView):
    permission_classes = DEPARTMENT_ONLY

    @extend_schema(
        tags=TAGS,
        summary="Uitgevoerd (vakafdeling), met waarom het anders ging dan gevraagd",
        request=s.CompleteSerializer,
        responses=s.MandateRequestDetailSerializer,
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.CompleteSerializer,
            service=services.complete_request,
            answer=_detail_answer(request),
            request_id=request_id,
        )


class RejectView(APIView):
    permission_classes = DEPARTMENT_ONLY

    @extend_schema(
        tags=TAGS,
        summary="Afwijzen met reden (vakafdeling); het verzoek gaat naar de coördinator",
        request=s.RejectSerializer,
        responses=s.MandateRequestDetailSerializer,
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.RejectSerializer,
            service=services.reject_request,
            answer=_detail_answer(request),
            request_id=request_id,
        )


class DecisionView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Doorzetten (coördinator): een besluit dat de afdeling moet uitvoeren",
        request=s.DecisionSerializer,
        responses=s.MandateRequestDetailSerializer,
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.DecisionSerializer,
            service=services.decide,
            answer=_detail_answer(request),
            request_id=request_id,
        )


# --- The conversation and the coordinator's other answers -----------------------------------------------

CONVERSATION_ERRORS = {
    400: OpenApiResponse(
        description="{veld: [melding]}: tekst ontbreekt, of de stap past niet bij de status."
    ),
    403: OpenApiResponse(description="Deze rol mag deze stap niet zetten."),
    404: OpenApiResponse(description="Verzoek niet gevonden of buiten uw bereik."),
    409: OpenApiResponse(description="Iemand anders heeft het verzoek intussen gewijzigd (versie)."),
}


class AskView(APIView):
    permission_classes = DEPARTMENT_ONLY

    @extend_schema(
        tags=TAGS,
        summary="Vraag aan de medewerker (vakafdeling); het verzoek blijft open",
        request=s.AskSerializer,
        responses={200: s.MandateRequestDetailSerializer, **CONVERSATION_ERRORS},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.AskSerializer,
            service=services.ask_worker,
            answer=_detail_answer(request),
            request_id=request_id,
        )


class AnswerView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Antwoord van de medewerker op de vraag van de afdeling",
        request=s.AnswerSerializer,
        responses={200: s.MandateRequestDetailSerializer, **CONVERSATION_ERRORS},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.AnswerSerializer,
            service=services.answer_department,
            answer=_detail_answer(request),
            request_id=request_id,
        )


class ConfirmRejectionView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Afwijzing bevestigen (coördinator); het verzoek blijft afgewezen",
        request=s.CoordinatorNoteSerializer,
        responses={200: s.MandateRequestDetailSerializer, **CONVERSATION_ERRORS},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.CoordinatorNoteSerializer,
            service=services.confirm_rejection,
            answer=_detail_answer(request),
            request_id=request_id,
        )


class SendBackView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Terugsturen naar de medewerker (coördinator) om aan te passen",
        request=s.CoordinatorNoteSerializer,
        responses={200: s.MandateRequestDetailSerializer, **CONVERSATION_ERRORS},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.CoordinatorNoteSerializer,
            service=services.send_back,
            answer=_detail_answer(request),
            request_id=request_id,
        )


class ResendView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Aangepast opnieuw versturen (medewerker), na terugsturen door de coördinator",
        request=s.ResendSerializer,
        responses={200: s.MandateRequestDetailSerializer, **CONVERSATION_ERRORS},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ResendSerializer,
            service=services.resend_request,
            answer=_detail_answer(request),
            request_id=request_id,
        )

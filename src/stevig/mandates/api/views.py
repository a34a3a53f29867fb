"""Mandate request endpoints. Thin: validate with a serializer, call a selector or service.

Out of scope → 404 (logged as denied); a role that may never do this → 403 (logged); a stale `version` →
409; a business rule → 400 {field: [messages]}.
"""

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import Role
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.api import query
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


def _detail(request: Request, request_id: uuid.UUID) -> Response:
    detail = selectors.request_detail(actor=actor_from_request(request), request_id=request_id)
    context = {"events": detail.events, "may_open_file": detail.may_open_file}
    data = s.MandateRequestDetailSerializer(detail.request, context=context).data
    data["overdue"] = detail.overdue
    return Response(data)


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
        serializer = s.SendRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        created = services.send_request(
            actor=actor_from_request(request),
            trajectory_id=data["trajectory"],
            department_id=data["department"],
            ask=data["ask"],
            reason=data["reason"],
            urgency=data["urgency"],
            legal_basis=data["legal_basis"],
            resident_ids=data["residents"],
            score_ids=data["scores"],
            goal_ids=data["goals"],
            consent_id=data.get("consent"),
        )
        response = _detail(request, created.id)
        response.status_code = status.HTTP_201_CREATED
        return response


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
        summary="Cijfers per vakafdeling voor beleid (geaggregeerd, kleine groepen weggelaten)",
        responses=s.DepartmentFiguresSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.department_figures(actor=actor_from_request(request))
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
        return _detail(request, request_id)


class AcceptView(APIView):
    permission_classes = DEPARTMENT_ONLY

    @extend_schema(
        tags=TAGS,
        summary="In behandeling nemen (vakafdeling)",
        request=s.VersionSerializer,
        responses=s.MandateRequestDetailSerializer,
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        serializer = s.VersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.accept_request(
            actor=actor_from_request(request),
            request_id=request_id,
            expected_version=serializer.validated_data["version"],
        )
        return _detail(request, request_id)


class CompleteView(APIView):
    permission_classes = DEPARTMENT_ONLY

    @extend_schema(
        tags=TAGS,
        summary="Uitgevoerd (vakafdeling), met waarom het anders ging dan gevraagd",
        request=s.CompleteSerializer,
        responses=s.MandateRequestDetailSerializer,
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        serializer = s.CompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.complete_request(
            actor=actor_from_request(request),
            request_id=request_id,
            expected_version=data["version"],
            outcome=data["outcome"],
            deviation_reason=data.get("deviation_reason", ""),
        )
        return _detail(request, request_id)


class RejectView(APIView):
    permission_classes = DEPARTMENT_ONLY

    @extend_schema(
        tags=TAGS,
        summary="Afwijzen met reden (vakafdeling); het verzoek gaat naar de coördinator",
        request=s.RejectSerializer,
        responses=s.MandateRequestDetailSerializer,
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        serializer = s.RejectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.reject_request(
            actor=actor_from_request(request),
            request_id=request_id,
            expected_version=data["version"],
            reason=data["reason"],
        )
        return _detail(request, request_id)


class DecisionView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Doorzetten (coördinator): een besluit dat de afdeling moet uitvoeren",
        request=s.DecisionSerializer,
        responses=s.MandateRequestDetailSerializer,
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        serializer = s.DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.decide(
            actor=actor_from_request(request),
            request_id=request_id,
            expected_version=data["version"],
            decision=data["decision"],
        )
        return _detail(request, request_id)


# --- The conversation and the coordinator's other answers -----------------------------------------------

CONVERSATION_ERRORS = {
    400: OpenApiResponse(
        description="{veld: [melding]}: tekst ontbreekt, of de stap past niet bij de status."
    ),
    403: OpenApiResponse(description="Deze rol mag deze stap niet zetten."),
    404: OpenApiResponse(description="Verzoek niet gevonden of buiten uw bereik."),
    409: OpenApiResponse(description="Iemand anders heeft het verzoek intussen gewijzigd (versie)."),
}


def _step(request: Request, request_id: uuid.UUID, serializer_class: Any, call: Any) -> Response:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    call(actor_from_request(request), serializer.validated_data)
    return _detail(request, request_id)


class AskView(APIView):
    permission_classes = DEPARTMENT_ONLY

    @extend_schema(
        tags=TAGS,
        summary="Vraag aan de medewerker (vakafdeling); het verzoek blijft open",
        request=s.AskSerializer,
        responses={200: s.MandateRequestDetailSerializer, **CONVERSATION_ERRORS},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return _step(
            request,
            request_id,
            s.AskSerializer,
            lambda actor, data: services.ask_worker(
                actor=actor,
                request_id=request_id,
                expected_version=data["version"],
                question=data["question"],
            ),
        )


class AnswerView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Antwoord van de medewerker op de vraag van de afdeling",
        request=s.AnswerSerializer,
        responses={200: s.MandateRequestDetailSerializer, **CONVERSATION_ERRORS},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return _step(
            request,
            request_id,
            s.AnswerSerializer,
            lambda actor, data: services.answer_department(
                actor=actor, request_id=request_id, expected_version=data["version"], answer=data["answer"]
            ),
        )


class ConfirmRejectionView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Afwijzing bevestigen (coördinator); het verzoek blijft afgewezen",
        request=s.CoordinatorNoteSerializer,
        responses={200: s.MandateRequestDetailSerializer, **CONVERSATION_ERRORS},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return _step(
            request,
            request_id,
            s.CoordinatorNoteSerializer,
            lambda actor, data: services.confirm_rejection(
                actor=actor, request_id=request_id, expected_version=data["version"], note=data["note"]
            ),
        )


class SendBackView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Terugsturen naar de medewerker (coördinator) om aan te passen",
        request=s.CoordinatorNoteSerializer,
        responses={200: s.MandateRequestDetailSerializer, **CONVERSATION_ERRORS},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return _step(
            request,
            request_id,
            s.CoordinatorNoteSerializer,
            lambda actor, data: services.send_back(
                actor=actor, request_id=request_id, expected_version=data["version"], note=data["note"]
            ),
        )


class ResendView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Aangepast opnieuw versturen (medewerker), na terugsturen door de coördinator",
        request=s.ResendSerializer,
        responses={200: s.MandateRequestDetailSerializer, **CONVERSATION_ERRORS},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return _step(
            request,
            request_id,
            s.ResendSerializer,
            lambda actor, data: services.resend_request(
                actor=actor,
                request_id=request_id,
                expected_version=data["version"],
                ask=data["ask"],
                reason=data["reason"],
            ),
        )

"""REST API of the self-assessment; the same services and selectors as the pages."""

import uuid
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.core import access
from stevig.core.api import write
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination
from stevig.selfassessment import selectors, services
from stevig.selfassessment.api import serializers as s
from stevig.selfassessment.models import Level
from stevig.selfassessment.roles import ORGANISER, VIEW_ROLES

TAGS = ["zelfevaluatie"]
BAD = OpenApiResponse(description="Foute invoer: {veld: [meldingen]}")
FORBIDDEN = OpenApiResponse(description="Deze rol mag dit niet.")
NOT_FOUND = OpenApiResponse(description="Niet gevonden (of u doet niet mee aan deze ronde).")
CONFLICT = OpenApiResponse(description="Iemand anders wijzigde dit intussen: stuur de nieuwe version.")
PERMISSIONS = [access.role_permission(*VIEW_ROLES)]


def _result_data(request: Request, round_id: uuid.UUID) -> Any:
    """A round's outcome as the API shows it (read again through the selector)."""
    return s.RoundResultSerializer(selectors.round_result(actor_from_request(request), round_id)).data


class InstrumentView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Het instrument: schaal, 13 principes en hun stellingen",
        responses={200: s.InstrumentSerializer, 403: FORBIDDEN},
    )
    def get(self, request: Request) -> Response:
        data = {
            "levels": [{"value": v, "label": str(label)} for v, label in Level.choices],
            "principles": selectors.instrument(),
        }
        return Response(s.InstrumentSerializer(data).data)


class RoundListView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Rondes (beleid en management: alle; medewerker: waar u aan meedoet)",
        responses={200: s.RoundSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request: Request) -> Response:
        paginator = NoCountPagination(keyset=("-created_at", "-id"))
        page = paginator.paginate_queryset(selectors.round_list(actor_from_request(request)), request, self)
        return paginator.get_paginated_response(s.RoundSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Nieuwe ronde starten (beleid)",
        request=s.RoundCreateSerializer,
        responses={201: s.RoundSerializer, 400: BAD, 403: FORBIDDEN},
    )
    def post(self, request: Request) -> Response:
        return write(
            request,
            body=s.RoundCreateSerializer,
            service=services.start_round,
            answer=s.RoundSerializer,
            created=True,
        )


class RoundDetailView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Uitkomst van een ronde: score per principe naast de cijfers, vorige ronde, acties",
        responses={200: s.RoundResultSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, round_id: uuid.UUID) -> Response:
        return Response(_result_data(request, round_id))


class ParticipantListView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Deelnemer toevoegen: een medewerker (user) of een partner (name) (beleid)",
        request=s.ParticipantCreateSerializer,
        responses={201: s.ParticipantSerializer, 400: BAD, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, round_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ParticipantCreateSerializer,
            service=services.add_participant,
            answer=s.ParticipantSerializer,
            created=True,
            round_id=round_id,
        )


class AnswersView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Scores van een deelnemer opslaan: alle stellingen tegelijk (alles of niets)",
        request=s.AnswersSerializer,
        responses={200: s.ParticipantSerializer, 400: BAD, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def put(self, request: Request, round_id: uuid.UUID, participant_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.AnswersSerializer,
            service=services.save_answers,
            answer=s.ParticipantSerializer,
            round_id=round_id,
            participant_id=participant_id,
        )


class CloseView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Ronde afsluiten (beleid)",
        request=s.RoundVersionSerializer,
        responses={200: s.RoundResultSerializer, 400: BAD, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, round_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.RoundVersionSerializer,
            service=services.close_round,
            answer=lambda closed: _result_data(request, closed.id),
            round_id=round_id,
        )


class ActionListView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Mijn open verbeteracties",
        responses={200: s.ActionSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request: Request) -> Response:
        paginator = NoCountPagination(keyset=("due_on", "id"))
        rows = selectors.open_actions_of(actor_from_request(request)).select_related("principle")
        page = paginator.paginate_queryset(rows, request, self)
        return paginator.get_paginated_response(s.ActionSerializer(page, many=True).data)


class RoundActionView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Verbeteractie toevoegen met eigenaar en datum (beleid)",
        request=s.ActionCreateSerializer,
        responses={201: s.ActionSerializer, 400: BAD, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, round_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ActionCreateSerializer,
            service=services.add_action,
            answer=s.ActionSerializer,
            created=True,
            round_id=round_id,
        )


class ActionDetailView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Stand van een verbeteractie zetten (eigenaar of beleid)",
        request=s.ActionStatusSerializer,
        responses={200: s.ActionSerializer, 400: BAD, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    def patch(self, request: Request, action_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ActionStatusSerializer,
            service=services.set_action_status,
            answer=s.ActionSerializer,
            current=lambda actor: {"status": selectors.action_status(actor=actor, action_id=action_id)},
            action_id=action_id,
        )


REPORT_PERMISSIONS = [access.role_permission(ORGANISER)]


class ReportListView(APIView):
    permission_classes = REPORT_PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Kwartaalrapportages van de gemeente (beleid)",
        responses={200: s.ReportSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request: Request) -> Response:
        paginator = NoCountPagination(keyset=("-created_at", "-id"))
        page = paginator.paginate_queryset(selectors.reports(actor_from_request(request)), request, self)
        return paginator.get_paginated_response(s.ReportSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Kwartaalrapportage laten maken (achtergrondtaak); antwoord 202 tot hij klaar is",
        request=s.ReportCreateSerializer,
        responses={202: s.ReportSerializer, 400: BAD, 403: FORBIDDEN},
    )
    def post(self, request: Request) -> Response:
        return write(
            request,
            body=s.ReportCreateSerializer,
            service=services.request_report,
            answer=s.ReportSerializer,
            accepted=True,
        )


class ReportDetailView(APIView):
    permission_classes = REPORT_PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="Eén kwartaalrapportage met de HTML (202 zolang hij wordt gemaakt)",
        responses={200: s.ReportDetailSerializer, 202: s.ReportSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, report_id: uuid.UUID) -> Response:
        report = selectors.report(actor_from_request(request), report_id)
        if report.status != "ready":
            return Response(s.ReportSerializer(report).data, status=status.HTTP_202_ACCEPTED)
        return Response(s.ReportDetailSerializer(report).data)


class ReportPdfView(APIView):
    permission_classes = REPORT_PERMISSIONS

    @extend_schema(
        tags=TAGS,
        summary="De kwartaalrapportage als PDF (202 zolang hij wordt gemaakt)",
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            202: s.ReportSerializer,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, report_id: uuid.UUID) -> HttpResponse | Response:
        report = selectors.report(actor_from_request(request), report_id)
        if report.status != "ready":
            return Response(s.ReportSerializer(report).data, status=status.HTTP_202_ACCEPTED)
        response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
        return response

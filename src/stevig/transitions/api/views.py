"""16-27 endpoints. Out of scope → 404 (logged); a rule → 400 {field: [..]}; a stale version → 409."""

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.audit.models import Part
from stevig.core.access import FILE_ROLES, role_permission
from stevig.core.api import write
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination
from stevig.transitions import selectors, services
from stevig.transitions.api import serializers as s

TAGS = ["16-27"]
ERRORS = {
    400: OpenApiResponse(description="Ongeldige invoer: {veld: [meldingen]}"),
    403: OpenApiResponse(description="Deze rol werkt niet met dossiers"),
    404: OpenApiResponse(description="Niet gevonden of buiten uw bereik (gelogd)"),
    409: OpenApiResponse(description="Iemand anders wijzigde het plan (stuur `version`)"),
}


def _positive_int(value: str | None, default: int) -> int:
    return int(value) if value and value.isascii() and value.isdigit() and int(value) > 0 else default


def _plan_write(request: Request, resident_id: uuid.UUID, body: type, service: Any) -> Response:
    """A write on the toekomstplan through `core.api.write`, answered with the plan read again."""
    return write(
        request,
        body=body,
        service=service,
        answer=lambda _: (
            s.FuturePlanSerializer(
                s.plan_data(selectors.plan_view(actor=actor_from_request(request), resident_id=resident_id))
            ).data
        ),
        resident_id=resident_id,
    )


class TurningEighteenView(APIView):
    permission_classes = [role_permission(*FILE_ROLES, part=Part.TRANSITIONS)]

    @extend_schema(
        tags=TAGS,
        summary="Jongeren met jeugdhulp die binnenkort 18 worden (uw werklijst)",
        responses={200: s.TurningEighteenSerializer(many=True), 403: ERRORS[403]},
    )
    def get(self, request: Request) -> Response:
        actor = actor_from_request(request)
        paginator = NoCountPagination()
        rows = paginator.paginate_queryset(selectors.turning_18_for(actor.user), request, self)
        selectors.log_listed(actor=actor, part=Part.TRANSITIONS, residents=rows)
        return paginator.get_paginated_response(s.TurningEighteenSerializer(rows, many=True).data)


class OverviewView(APIView):
    permission_classes = [role_permission(*FILE_ROLES, part=Part.TRANSITIONS_OVERVIEW)]

    @extend_schema(
        tags=TAGS,
        summary="Alle jongeren van 16 tot 27 in de huishoudens van uw team",
        responses={200: s.TransitionOverviewRowSerializer(many=True), 403: ERRORS[403]},
    )
    def get(self, request: Request) -> Response:
        actor = actor_from_request(request)
        paginator = NoCountPagination()
        rows = paginator.take(
            paginator.page_request(request).page(selectors.team_overview(actor.user)), request
        )
        selectors.log_listed(actor=actor, part=Part.TRANSITIONS_OVERVIEW, residents=rows)
        return paginator.get_paginated_response(s.TransitionOverviewRowSerializer(rows, many=True).data)


class PlanView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Het toekomstplan van een jongere",
        responses={200: s.FuturePlanSerializer, 404: ERRORS[404]},
    )
    def get(self, request: Request, resident_id: uuid.UUID) -> Response:
        view = selectors.plan_view(actor=actor_from_request(request), resident_id=resident_id)
        return Response(s.FuturePlanSerializer(s.plan_data(view)).data)

    @extend_schema(
        tags=TAGS,
        summary="Toekomstplan maken of wijzigen (alleen 16 tot 27 jaar; alle big 5 met status en volgende stap)",
        request=s.FuturePlanInputSerializer,
        responses={200: s.FuturePlanSerializer, **ERRORS},
    )
    def put(self, request: Request, resident_id: uuid.UUID) -> Response:
        return _plan_write(request, resident_id, s.FuturePlanInputSerializer, services.save_plan)


class AgreeView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Vastleggen dat de jongere het plan afsprak",
        request=s.FuturePlanAgreeSerializer,
        responses={200: s.FuturePlanSerializer, **ERRORS},
    )
    def post(self, request: Request, resident_id: uuid.UUID) -> Response:
        return _plan_write(request, resident_id, s.FuturePlanAgreeSerializer, services.agree_plan)


class PerspectivePlanView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Het perspectiefplan van een inwoner met een levenslange beperking",
        responses={200: s.PerspectivePlanSerializer, 404: ERRORS[404]},
    )
    def get(self, request: Request, resident_id: uuid.UUID) -> Response:
        view = selectors.perspective_view(actor=actor_from_request(request), resident_id=resident_id)
        return Response(s.PerspectivePlanSerializer(s.perspective_data(view)).data)

    @extend_schema(
        tags=TAGS,
        summary="Perspectiefplan maken of bijwerken (doelen per levensfase; opnieuw kijken na 1 tot 5 jaar)",
        request=s.PerspectivePlanInputSerializer,
        responses={200: s.PerspectivePlanSerializer, **ERRORS},
    )
    def put(self, request: Request, resident_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.PerspectivePlanInputSerializer,
            service=services.save_perspective_plan,
            answer=lambda _: (
                s.PerspectivePlanSerializer(
                    s.perspective_data(
                        selectors.perspective_view(actor=actor_from_request(request), resident_id=resident_id)
                    )
                ).data
            ),
            resident_id=resident_id,
        )

"""Safety track endpoints. Thin: validate with a serializer, call a selector or service.

Not named on the track, another role or another municipality → 404 (logged as denied, purpose
'veiligheid'); a stale `version` → 409; a Meldcode rule → 400 {field: [..]}.
"""

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.api import write
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination
from stevig.safety import selectors, services
from stevig.safety.api import serializers as s

TAGS = ["veiligheid"]
ERRORS = {
    400: OpenApiResponse(description="Ongeldige invoer of een regel van de Meldcode: {veld: [meldingen]}"),
    403: OpenApiResponse(s.ErrorSerializer, description="Geen medewerker of niet ingelogd"),
    404: OpenApiResponse(s.ErrorSerializer, description="Niet gevonden of niet op dit spoor (gelogd)"),
    409: OpenApiResponse(s.ErrorSerializer, description="Iemand anders wijzigde het spoor (stuur `version`)"),
}
READ_ERRORS = {k: v for k, v in ERRORS.items() if k in (403, 404)}


def _positive_int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else default


def _detail(request: Request, track_id: uuid.UUID) -> Response:
    return Response(_detail_data(request, track_id))


def _detail_data(request: Request, track_id: uuid.UUID) -> Any:
    """A safety track as the API shows it: read again through the file selector."""
    file = selectors.track_file(actor=actor_from_request(request), track_id=track_id)
    return s.TrackDetailSerializer(file.track, context={"file": file}).data


def _track_write(
    request: Request, track_id: uuid.UUID, body: type, service: Any, *, created: bool = False
) -> Response:
    """A write on a track through `core.api.write`, answered with the whole track read again."""
    return write(
        request,
        body=body,
        service=service,
        answer=lambda _: _detail_data(request, track_id),
        created=created,
        track_id=track_id,
    )


class TrackListView(APIView):
    # Only roles that work in files list or add one: any other role gets 403 (logged) before the body is read
    # (`docs/architecture.md`, "One answer everywhere").
    permission_classes = [
        access.role_permission(
            *access.FILE_ROLES, part=Part.SAFETY, read_action=Action.SEARCH, write_action=Action.CREATE
        )
    ]

    @extend_schema(
        tags=TAGS,
        summary="Open veiligheidssporen waarop u staat (zonder aantekeningen)",
        responses={200: s.TrackSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request: Request) -> Response:
        paginator = NoCountPagination()
        wanted = paginator.page_request(request)
        rows, has_more = selectors.track_list(
            actor=actor_from_request(request), offset=wanted.offset, limit=wanted.size
        )
        rows = paginator.take(wanted.cut(rows, has_next=has_more), request)
        return paginator.get_paginated_response(s.TrackSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Een veiligheidsspoor openen op een traject",
        request=s.OpenTrackSerializer,
        responses={201: s.TrackDetailSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        return write(
            request,
            body=s.OpenTrackSerializer,
            service=services.open_track,
            answer=lambda track: _detail_data(request, track.id),
            created=True,
        )


class TrackDetailView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Een veiligheidsspoor met stappen, afwegingskader en wie gevaar loopt",
        responses={200: s.TrackDetailSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, track_id: uuid.UUID) -> Response:
        return _detail(request, track_id)


def _write(summary: str, request_serializer: type, code: int = status.HTTP_200_OK):  # type: ignore[no-untyped-def]
    return extend_schema(
        tags=TAGS,
        summary=summary,
        request=request_serializer,
        responses={code: s.TrackDetailSerializer, **ERRORS},
    )


class StepView(APIView):
    @_write(
        "Stap 1, 2 of 3 vastleggen (op volgorde; stap 3 mag alleen voor de veiligheid worden overgeslagen)",
        s.StepInputSerializer,
        status.HTTP_201_CREATED,
    )
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        return _track_write(request, track_id, s.StepInputSerializer, services.record_step, created=True)


class WeighView(APIView):
    @_write(
        "Stap 4: wegen met afweging 1 en 2 van het afwegingskader", s.WeighSerializer, status.HTTP_201_CREATED
    )
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        return _track_write(request, track_id, s.WeighSerializer, services.weigh, created=True)


class DecideView(APIView):
    @_write(
        "Stap 5: afweging 3 tot en met 5 en het besluit (melden en/of hulp organiseren)",
        s.DecideSerializer,
        status.HTTP_201_CREATED,
    )
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        return _track_write(request, track_id, s.DecideSerializer, services.decide, created=True)


class FollowUpView(APIView):
    @_write("De terugkoppeling van Veilig Thuis vastleggen (sluit het spoor)", s.FollowUpSerializer)
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        return _track_write(request, track_id, s.FollowUpSerializer, services.record_follow_up)


class ColleagueView(APIView):
    @_write("Een collega op het spoor zetten", s.NameColleagueSerializer, status.HTTP_201_CREATED)
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        return _track_write(
            request, track_id, s.NameColleagueSerializer, services.name_colleague, created=True
        )


class RisksView(APIView):
    @_write("Wie loopt gevaar: inschatting per lid van het huishouden", s.RisksSerializer)
    def put(self, request: Request, track_id: uuid.UUID) -> Response:
        return _track_write(request, track_id, s.RisksSerializer, services.set_risks)


class EmergencyView(APIView):
    @_write(
        "Noodtoegang tot een veiligheidsspoor (met reden, 24 uur, wordt gecontroleerd)",
        s.EmergencySerializer,
        status.HTTP_201_CREATED,
    )
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        return _track_write(
            request, track_id, s.EmergencySerializer, services.grant_emergency_access, created=True
        )

"""Safety track endpoints. Thin: validate with a serializer, call a selector or service.

Not named on the track, another role or another municipality → 404 (logged as denied, purpose
'veiligheid'); a stale `version` → 409; a Meldcode rule → 400 {field: [..]}.
"""

import uuid

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.audit.models import Action, Part
from stevig.core import access
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


def _detail(request: Request, track_id: uuid.UUID, code: int = status.HTTP_200_OK) -> Response:
    file = selectors.track_file(actor=actor_from_request(request), track_id=track_id)
    return Response(s.TrackDetailSerializer(file.track, context={"file": file}).data, status=code)


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
        serializer = s.OpenTrackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        track = services.open_track(
            actor=actor_from_request(request),
            trajectory_id=data["trajectory"],
            source=data["source"],
            source_note=data.get("source_note", ""),
            question_id=data.get("question"),
        )
        return _detail(request, track.id, status.HTTP_201_CREATED)


class TrackDetailView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Een veiligheidsspoor met stappen, afwegingskader en wie gevaar loopt",
        responses={200: s.TrackDetailSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, track_id: uuid.UUID) -> Response:
        return _detail(request, track_id)


def _args(data: dict) -> dict:  # type: ignore[type-arg]
    """Serializer data as service keywords: `version` becomes `expected_version`."""
    args = dict(data)
    if "version" in args:
        args["expected_version"] = args.pop("version")
    return args


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
        serializer = s.StepInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.record_step(
            actor=actor_from_request(request), track_id=track_id, **_args(serializer.validated_data)
        )
        return _detail(request, track_id, status.HTTP_201_CREATED)


class WeighView(APIView):
    @_write(
        "Stap 4: wegen met afweging 1 en 2 van het afwegingskader", s.WeighSerializer, status.HTTP_201_CREATED
    )
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        serializer = s.WeighSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = _args(serializer.validated_data)
        services.weigh(
            actor=actor_from_request(request),
            track_id=track_id,
            expected_version=data["expected_version"],
            done_on=data["done_on"],
            notes=data["notes"],
            suspicion=data.get("q1"),
            unsafe=data.get("q2"),
        )
        return _detail(request, track_id, status.HTTP_201_CREATED)


class DecideView(APIView):
    @_write(
        "Stap 5: afweging 3 tot en met 5 en het besluit (melden en/of hulp organiseren)",
        s.DecideSerializer,
        status.HTTP_201_CREATED,
    )
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        serializer = s.DecideSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = _args(serializer.validated_data)
        services.decide(
            actor=actor_from_request(request),
            track_id=track_id,
            expected_version=data["expected_version"],
            done_on=data["done_on"],
            notes=data["notes"],
            outcome=data["outcome"],
            outcome_reason=data.get("outcome_reason", ""),
            help_possible=data.get("q3"),
            help_accepted=data.get("q4"),
            lasting_safety=data.get("q5"),
            reported_on=data.get("reported_on"),
        )
        return _detail(request, track_id, status.HTTP_201_CREATED)


class FollowUpView(APIView):
    @_write("De terugkoppeling van Veilig Thuis vastleggen (sluit het spoor)", s.FollowUpSerializer)
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        serializer = s.FollowUpSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.record_follow_up(
            actor=actor_from_request(request), track_id=track_id, **_args(serializer.validated_data)
        )
        return _detail(request, track_id)


class ColleagueView(APIView):
    @_write("Een collega op het spoor zetten", s.NameColleagueSerializer, status.HTTP_201_CREATED)
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        serializer = s.NameColleagueSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.name_colleague(
            actor=actor_from_request(request), track_id=track_id, user_id=serializer.validated_data["user"]
        )
        return _detail(request, track_id, status.HTTP_201_CREATED)


class RisksView(APIView):
    @_write("Wie loopt gevaar: inschatting per lid van het huishouden", s.RisksSerializer)
    def put(self, request: Request, track_id: uuid.UUID) -> Response:
        serializer = s.RisksSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.set_risks(
            actor=actor_from_request(request),
            track_id=track_id,
            expected_version=data["version"],
            risks={r["resident"]: (r["level"], r.get("note", "")) for r in data["risks"]},
        )
        return _detail(request, track_id)


class EmergencyView(APIView):
    @_write(
        "Noodtoegang tot een veiligheidsspoor (met reden, 24 uur, wordt gecontroleerd)",
        s.EmergencySerializer,
        status.HTTP_201_CREATED,
    )
    def post(self, request: Request, track_id: uuid.UUID) -> Response:
        serializer = s.EmergencySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.grant_emergency_access(
            actor=actor_from_request(request), track_id=track_id, reason=serializer.validated_data["reason"]
        )
        return _detail(request, track_id, status.HTTP_201_CREATED)

"""REST API of the signalering app; the same services and selectors as the pages."""

import uuid
from dataclasses import asdict

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import Role
from stevig.core import access, api
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination, page_response
from stevig.signalering import selectors, services
from stevig.signalering.api import serializers as s

TAGS = ["knelpunten"]
READ_ROLES = (*sorted(access.FILE_ROLES), Role.POLICY)
BAD = OpenApiResponse(description="Foute invoer: {veld: [meldingen]}")
FORBIDDEN = OpenApiResponse(description="Deze rol mag dit niet.")
NOT_FOUND = OpenApiResponse(description="Niet gevonden (of niet van u of uw team).")
CONFLICT = OpenApiResponse(description="Iemand anders wijzigde dit intussen: stuur de nieuwe version.")


class SignalListView(APIView):
    permission_classes = [access.role_permission(*READ_ROLES)]

    @extend_schema(
        tags=TAGS,
        summary="Knelpunten: eigen en van het team (medewerker), alle van de gemeente (beleid)",
        responses={200: s.SignalSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request: Request) -> Response:
        paginator = NoCountPagination(keyset=("-created_at", "-id"))
        page = paginator.paginate_queryset(selectors.signal_list(actor_from_request(request)), request, self)
        return paginator.get_paginated_response(s.SignalSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Knelpunt melden (zonder persoonsgegevens)",
        request=s.SignalCreateSerializer,
        responses={
            201: s.SignalSerializer,
            400: OpenApiResponse(
                s.PersonalDataErrorSerializer,
                description="Foute invoer, of persoonsgegevens in de tekst (code 'persoonsgegevens'; "
                "dezelfde tekst met 'warned' opnieuw: code 'geweigerd').",
            ),
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request) -> Response:
        body = s.SignalCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        d = body.validated_data
        try:
            signal = services.raise_signal(
                actor=actor_from_request(request),
                category=d["category"],
                description=d["description"],
                neighbourhood_id=d["neighbourhood"],
                facility_id=d["facility"],
                department_id=d["department"],
                trajectory_id=d["trajectory"],
                warned_fingerprint=d["warned"],
            )
        except services.PersonalDataWarning as exc:
            return api.problem(
                status.HTTP_400_BAD_REQUEST,
                api.INVALID_INPUT,
                instance=request.path,
                errors={"description": exc.message_dict["description"]},
                code="geweigerd" if exc.refused else "persoonsgegevens",
                extra={"warned": [exc.fingerprint]},
            )
        return Response(s.SignalSerializer(signal).data, status=status.HTTP_201_CREATED)


class SignalDetailView(APIView):
    permission_classes = [access.role_permission(*READ_ROLES)]

    @extend_schema(
        tags=TAGS,
        summary="Eén knelpunt met het antwoord",
        responses={200: s.SignalSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, signal_id: uuid.UUID) -> Response:
        return Response(
            s.SignalSerializer(selectors.signal_detail(actor_from_request(request), signal_id)).data
        )


class ClusterListView(APIView):
    permission_classes = [access.role_permission(Role.POLICY)]

    @extend_schema(
        tags=TAGS,
        summary="Losse meldingen die op elkaar lijken (soort en wijk), grootste eerst",
        responses={200: s.ClusterSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request: Request) -> Response:
        rows = selectors.clusters(actor_from_request(request))
        data = [asdict(c) | {"category_label": c.category_label, "label": c.label} for c in rows]
        return page_response(request, data, s.ClusterSerializer, view=self)


class GroupListView(APIView):
    permission_classes = [access.role_permission(Role.POLICY)]

    @extend_schema(
        tags=TAGS,
        summary="Groepen van knelpunten",
        responses={200: s.SignalGroupSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request: Request) -> Response:
        paginator = NoCountPagination(keyset=("-created_at", "-id"))
        page = paginator.paginate_queryset(selectors.group_list(actor_from_request(request)), request, self)
        return paginator.get_paginated_response(s.SignalGroupSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Groep maken van losse meldingen",
        request=s.SignalGroupCreateSerializer,
        responses={201: s.SignalGroupSerializer, 400: BAD, 403: FORBIDDEN},
    )
    def post(self, request: Request) -> Response:
        body = s.SignalGroupCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        d = body.validated_data
        actor = actor_from_request(request)
        group = services.create_group(
            actor=actor,
            title=d["title"],
            category=d["category"],
            neighbourhood_id=d["neighbourhood"],
            signal_ids=d["signals"],
        )
        return Response(
            s.SignalGroupSerializer(selectors.group_list(actor).get(id=group.id)).data,
            status=status.HTTP_201_CREATED,
        )


def _group_detail(request: Request, group_id: uuid.UUID, code: int = status.HTTP_200_OK) -> Response:
    view = selectors.group_detail(actor_from_request(request), group_id)
    group = selectors.group_list(actor_from_request(request)).get(id=view.group.id)
    data = {
        "group": group,
        "signals": view.signals,
        "events": view.events,
        "per_quarter": [asdict(q) for q in view.per_quarter],
        "matching": view.matching,
    }
    return Response(s.SignalGroupDetailSerializer(data).data, status=code)


class GroupDetailView(APIView):
    permission_classes = [access.role_permission(Role.POLICY)]

    @extend_schema(
        tags=TAGS,
        summary="Eén groep door de tijd: meldingen, stappen en aantal per kwartaal",
        responses={200: s.SignalGroupDetailSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, group_id: uuid.UUID) -> Response:
        return _group_detail(request, group_id)


class GroupAnswerView(APIView):
    permission_classes = [access.role_permission(Role.POLICY)]

    @extend_schema(
        tags=TAGS,
        summary="Antwoord van beleid: in behandeling, beleid aangepast of niet overgenomen (met reden)",
        request=s.SignalGroupAnswerSerializer,
        responses={
            200: s.SignalGroupDetailSerializer,
            400: BAD,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def post(self, request: Request, group_id: uuid.UUID) -> Response:
        body = s.SignalGroupAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        d = body.validated_data
        selectors.group_detail(actor_from_request(request), group_id)  # 404 before any rule check
        services.answer_group(
            actor=actor_from_request(request),
            group_id=group_id,
            expected_version=d["version"],
            status=d["status"],
            reason=d["reason"],
        )
        return _group_detail(request, group_id)


class GroupAddView(APIView):
    permission_classes = [access.role_permission(Role.POLICY)]

    @extend_schema(
        tags=TAGS,
        summary="Losse meldingen aan een groep toevoegen",
        request=s.SignalGroupAddSerializer,
        responses={
            200: s.SignalGroupDetailSerializer,
            400: BAD,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def post(self, request: Request, group_id: uuid.UUID) -> Response:
        body = s.SignalGroupAddSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        selectors.group_detail(actor_from_request(request), group_id)
        services.add_to_group(
            actor=actor_from_request(request),
            group_id=group_id,
            expected_version=body.validated_data["version"],
            signal_ids=body.validated_data["signals"],
        )
        return _group_detail(request, group_id)

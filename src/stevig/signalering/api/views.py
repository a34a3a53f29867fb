"""REST API of the signalering app; the same services and selectors as the pages."""

import uuid
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import Role
from stevig.core import access
from stevig.core.api import write
from stevig.core.context import Actor, actor_from_request
from stevig.core.pagination import NoCountPagination, page_response
from stevig.signalering import selectors, services
from stevig.signalering.api import serializers as s
from stevig.signalering.models import SignalGroup

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
        # Personal data in the text: 400 with code 'persoonsgegevens'/'geweigerd' and `warned`
        # (`PersonalDataWarning.problem_code`/`problem_extra`, rendered by `core.api.exception_handler`).
        return write(
            request,
            body=s.SignalCreateSerializer,
            service=services.raise_signal,
            answer=s.SignalSerializer,
            created=True,
        )


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
        return write(
            request,
            body=s.SignalGroupCreateSerializer,
            service=services.create_group,
            answer=lambda group: _group_row(request, group.id),
            created=True,
        )


def _group_row(request: Request, group_id: uuid.UUID) -> Any:
    return s.SignalGroupSerializer(selectors.group_list(actor_from_request(request)).get(id=group_id)).data


def _group_detail_data(request: Request, group_id: uuid.UUID) -> Any:
    view = selectors.group_detail(actor_from_request(request), group_id)
    group = selectors.group_list(actor_from_request(request)).get(id=view.group.id)
    data = {
        "group": group,
        "signals": view.signals,
        "events": view.events,
        "per_quarter": [asdict(q) for q in view.per_quarter],
        "matching": view.matching,
    }
    return s.SignalGroupDetailSerializer(data).data


def _in_scope(service: Callable[..., SignalGroup]) -> Callable[..., SignalGroup]:
    """The service behind a group's scope check: a group out of scope is 404 before any rule is checked."""

    def call(*, actor: Actor, group_id: uuid.UUID, **fields: Any) -> SignalGroup:
        selectors.group_detail(actor, group_id)
        return service(actor=actor, group_id=group_id, **fields)

    return call


class GroupDetailView(APIView):
    permission_classes = [access.role_permission(Role.POLICY)]

    @extend_schema(
        tags=TAGS,
        summary="Eén groep door de tijd: meldingen, stappen en aantal per kwartaal",
        responses={200: s.SignalGroupDetailSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request, group_id: uuid.UUID) -> Response:
        return Response(_group_detail_data(request, group_id))


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
        return write(
            request,
            body=s.SignalGroupAnswerSerializer,
            service=_in_scope(services.answer_group),
            answer=lambda group: _group_detail_data(request, group.id),
            group_id=group_id,
        )


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
        return write(
            request,
            body=s.SignalGroupAddSerializer,
            service=_in_scope(services.add_to_group),
            answer=lambda group: _group_detail_data(request, group.id),
            group_id=group_id,
        )

"""Privacy-officer endpoints for retention: the monthly destruction lists, the review of one file (approve:
destroyed now; reject: kept), litigation holds. Only the privacy role; anyone else gets 403, logged."""

import uuid
from typing import Any

from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import Role
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.api import write
from stevig.core.context import Actor, actor_from_request
from stevig.core.pagination import NoCountPagination, page_response
from stevig.retention import selectors, services
from stevig.retention.api import serializers as s
from stevig.retention.models import DestructionList, DestructionRequest

PROBLEM = OpenApiResponse(description="Probleem (application/problem+json)")


def _actor(request: Request) -> Actor:
    return actor_from_request(request, purpose=selectors.PURPOSE)


def privacy_only(part: Part, write_action: Action = Action.UPDATE) -> Any:
    return access.role_permission(
        Role.PRIVACY, part=part, write_action=write_action, purpose=selectors.PURPOSE
    )


class DestructionListsView(generics.ListAPIView):
    permission_classes = [privacy_only(Part.DESTRUCTION_LIST)]
    pagination_class = NoCountPagination
    page_keyset = ("-month", "id")
    serializer_class = s.DestructionListSerializer
    queryset = DestructionList.objects.none()

    @extend_schema(
        summary="Vernietigingslijsten van uw gemeente, nieuwste eerst (alleen privacy officer)",
        responses={200: s.DestructionListSerializer(many=True), 403: PROBLEM},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return selectors.lists_for(self.request.user)  # type: ignore[arg-type]


class DestructionListItemsView(APIView):
    permission_classes = [privacy_only(Part.DESTRUCTION_LIST)]

    @extend_schema(
        summary="Dossiers op een vernietigingslijst (bewaartermijn verstreken), oudste termijn eerst",
        responses={200: s.DestructionListRowSerializer(many=True), 403: PROBLEM, 404: PROBLEM},
    )
    def get(self, request: Request, list_id: uuid.UUID) -> Response:
        actor = _actor(request)
        paginator = NoCountPagination(keyset=("keep_until", "id"))
        with transaction.atomic():
            destruction_list = selectors.destruction_list(actor=actor, list_id=list_id)
            items = paginator.paginate_queryset(selectors.items_of(destruction_list), request, self)
            rows, subjects = selectors.item_views(items, actor.municipality_id)
            selectors.log_list_read(actor=actor, destruction_list=destruction_list, subjects=subjects)
        return paginator.get_paginated_response(s.DestructionListRowSerializer(rows, many=True).data)


class ReviewItemView(APIView):
    permission_classes = [privacy_only(Part.DESTRUCTION_LIST, write_action=Action.DELETE)]

    @extend_schema(
        request=s.ReviewSerializer,
        responses={
            200: s.DestructionListItemSerializer,
            400: PROBLEM,
            403: PROBLEM,
            404: PROBLEM,
            409: PROBLEM,
        },
        summary="Een dossier op de vernietigingslijst goedkeuren (nu vernietigen) of afwijzen (bewaren)",
        description="409 als de lijst verouderd is: het dossier is intussen beoordeeld (expected_version) of "
        "er is een nieuwere maandlijst. 400 als vernietigen niet mag (bewaarplicht, lopende termijn).",
    )
    def post(self, request: Request, item_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ReviewSerializer,
            service=services.review_item,
            answer=s.DestructionListItemSerializer,
            item_id=item_id,
        )


class HoldsView(APIView):
    permission_classes = [privacy_only(Part.LITIGATION_HOLD, write_action=Action.CREATE)]

    @extend_schema(
        summary="Bewaarplichten wegens een geschil van een huishouden (lopend eerst)",
        responses={200: s.LitigationHoldSerializer(many=True), 403: PROBLEM, 404: PROBLEM},
    )
    def get(self, request: Request, household_id: uuid.UUID) -> Response:
        _household, holds = selectors.read_holds(actor=_actor(request), household_id=household_id)
        return page_response(request, holds, s.LitigationHoldSerializer, view=self)

    @extend_schema(
        request=s.ReasonSerializer,
        responses={201: s.LitigationHoldSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM},
        summary="Bewaarplicht wegens een geschil plaatsen: het dossier wordt niet vernietigd",
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ReasonSerializer,
            service=services.place_hold,
            answer=s.LitigationHoldSerializer,
            created=True,
            household_id=household_id,
        )


class LiftHoldView(APIView):
    permission_classes = [privacy_only(Part.LITIGATION_HOLD)]

    @extend_schema(
        request=s.ReasonSerializer,
        responses={200: s.LitigationHoldSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM},
        summary="Bewaarplicht opheffen, met de reden (409 als ze al is opgeheven)",
    )
    def post(self, request: Request, hold_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ReasonSerializer,
            service=services.lift_hold,
            answer=s.LitigationHoldSerializer,
            hold_id=hold_id,
        )


FILE_ROLES_AND_PRIVACY = (Role.PRIVACY, Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR)


class DestructionRequestsView(generics.ListAPIView):
    permission_classes = [privacy_only(Part.DESTRUCTION_LIST)]
    pagination_class = NoCountPagination
    page_keyset = ("due_on", "id")
    serializer_class = s.DestructionRequestSerializer
    queryset = DestructionRequest.objects.none()

    @extend_schema(
        summary="Verzoeken om vernietiging van uw gemeente, vroegste uiterste datum eerst (alleen privacy officer)",
        responses={200: s.DestructionRequestSerializer(many=True), 403: PROBLEM},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return selectors.requests_for(self.request.user).select_related(  # type: ignore[arg-type]
            "registered_by", "decided_by"
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        selectors.log_requests_read(actor=_actor(request), requests=page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class RegisterRequestView(APIView):
    permission_classes = [
        access.role_permission(
            *FILE_ROLES_AND_PRIVACY, part=Part.DESTRUCTION_LIST, write_action=Action.CREATE, purpose=None
        )
    ]

    @extend_schema(
        request=s.RegisterRequestSerializer,
        responses={201: s.DestructionRequestSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM},
        summary="Een verzoek om vernietiging van een inwoner vastleggen (Jeugdwet art. 7.3.9, Wmo 2015 "
        "art. 5.3.5): uiterlijk drie maanden na ontvangst uitvoeren",
        description="Voor de medewerker die het huishouden mag zien en de privacy officer. De uiterste datum "
        "(due_on) rekent Stevig uit.",
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.RegisterRequestSerializer,
            service=services.register_destruction_request,
            answer=s.DestructionRequestSerializer,
            created=True,
            household_id=household_id,
        )


class DecideRequestView(APIView):
    permission_classes = [privacy_only(Part.DESTRUCTION_LIST, write_action=Action.DELETE)]

    @extend_schema(
        request=s.DecideRequestSerializer,
        responses={
            200: s.DestructionRequestSerializer,
            400: PROBLEM,
            403: PROBLEM,
            404: PROBLEM,
            409: PROBLEM,
        },
        summary="Besluiten over een verzoek om vernietiging: uitvoeren (nu vernietigen) of weigeren op een "
        "uitzondering uit de wet",
        description="409 als er intussen al over het verzoek is besloten (expected_version). 400 als de "
        "uitzondering of de reden ontbreekt, of als vernietigen nu niet mag (bewaarplicht, lopende termijn).",
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.DecideRequestSerializer,
            service=services.decide_destruction_request,
            answer=s.DestructionRequestSerializer,
            request_id=request_id,
        )

"""Resident and household endpoints. Thin: validate with a serializer, call a selector or service."""

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.api import write
from stevig.core.context import Actor, actor_from_request
from stevig.core.pagination import PageRequest
from stevig.people import selectors, services
from stevig.people.api import serializers as s
from stevig.people.models import Resident


def _update_resident(*, actor: Actor, resident_id: uuid.UUID, expected_version: int, data: dict) -> Resident:  # type: ignore[type-arg]
    """`update_resident` by id: the resident read for the actor first (404 when not theirs)."""
    resident = selectors.resident_for_update(actor=actor, resident_id=resident_id)
    return services.update_resident(
        actor=actor, resident=resident, expected_version=expected_version, data=data
    )


class HouseholdListView(APIView):
    # Only roles that work in files list or add one: any other role gets 403 (logged) before the body is read
    # (`docs/architecture.md`, "One answer everywhere").
    permission_classes = [
        access.role_permission(
            *access.FILE_ROLES, part=Part.HOUSEHOLD, read_action=Action.SEARCH, write_action=Action.CREATE
        )
    ]

    @extend_schema(responses=s.HouseholdSerializer(many=True), summary="Huishoudens die u mag zien")
    def get(self, request: Request) -> Response:
        from stevig.core.pagination import NoCountPagination

        actor = actor_from_request(request)
        # By address, deep pages by cursor: the (municipality, postcode, house number) index answers them.
        paginator = NoCountPagination(keyset=selectors.HOUSEHOLD_KEYSET)
        qs = selectors.households_visible_to(actor.user).select_related("neighbourhood", "team")
        page = paginator.paginate_queryset(qs, request, self)
        selectors.log_households_listed(actor=actor, households=page)
        return paginator.get_paginated_response(s.HouseholdSerializer(page, many=True).data)

    @extend_schema(request=s.HouseholdCreateSerializer, responses={201: s.HouseholdSerializer})
    def post(self, request: Request) -> Response:
        return write(
            request,
            body=s.HouseholdCreateSerializer,
            service=services.create_household,
            answer=lambda created: s.HouseholdSerializer(created[0]).data,
            created=True,
        )


class HouseholdDetailView(APIView):
    @extend_schema(responses=s.HouseholdFileSerializer, summary="Huishoudendossier met leden en geschiedenis")
    def get(self, request: Request, household_id: uuid.UUID) -> Response:
        file = selectors.household_file(actor=actor_from_request(request), household_id=household_id)
        data = s.HouseholdFileSerializer(file.household, context={"file": file}).data
        data["emergency_access"] = file.emergency
        return Response(data)

    @extend_schema(request=s.HouseholdUpdateSerializer, responses=s.HouseholdSerializer)
    def patch(self, request: Request, household_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.HouseholdUpdateSerializer,
            service=services.update_household,
            answer=s.HouseholdSerializer,
            household_id=household_id,
        )


class HouseholdMembersView(APIView):
    @extend_schema(request=s.AddMemberSerializer, responses={201: s.ResidentSerializer})
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.AddMemberSerializer,
            service=services.add_member,
            answer=s.ResidentSerializer,
            created=True,
            household_id=household_id,
        )


class EmergencyAccessView(APIView):
    @extend_schema(
        request=s.EmergencyAccessSerializer,
        responses={201: s.EmergencyAccessSerializer},
        summary="Noodtoegang: een dossier buiten uw team openen, met reden",
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.EmergencyAccessSerializer,
            service=services.grant_emergency_access,
            answer=lambda grant: {"reason": grant.reason, "expires_at": grant.expires_at},
            created=True,
            household_id=household_id,
        )


class ResidentDetailView(APIView):
    @extend_schema(responses=s.ResidentSerializer)
    def get(self, request: Request, resident_id: uuid.UUID) -> Response:
        resident = selectors.resident_detail(actor=actor_from_request(request), resident_id=resident_id)
        return Response(s.ResidentSerializer(resident).data)

    @extend_schema(request=s.ResidentUpdateSerializer, responses=s.ResidentSerializer)
    def patch(self, request: Request, resident_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ResidentUpdateSerializer,
            service=_update_resident,
            answer=s.ResidentSerializer,
            resident_id=resident_id,
        )


class ResidentMoveView(APIView):
    @extend_schema(
        request=s.MoveSerializer, responses={201: None}, summary="Inwoner verhuist naar ander huishouden"
    )
    def post(self, request: Request, resident_id: uuid.UUID) -> Response:
        # 201 without a body (an answer of None), as documented.
        return write(
            request,
            body=s.MoveSerializer,
            service=services.move_resident,
            answer=lambda _: None,
            created=True,
            resident_id=resident_id,
        )


class ResidentSearchView(APIView):
    # Only roles that work in files search residents; any other role: 403, logged as a search.
    permission_classes = [
        access.role_permission(*access.FILE_ROLES, part=Part.SEARCH, write_action=Action.SEARCH)
    ]

    @extend_schema(
        request=s.ResidentSearchSerializer,
        responses=s.ResidentSearchResultSerializer,
        summary="Inwoners zoeken (naam, geboortedatum, BSN, postcode + huisnummer)",
    )
    def post(self, request: Request) -> Response:
        serializer = s.ResidentSearchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        wanted = PageRequest.from_query({"cursor": data.pop("cursor"), "page_size": data.pop("page_size")})
        criteria = selectors.ResidentSearch(**{k: v for k, v in data.items() if v not in (None, "")})
        page = selectors.search_residents(
            actor=actor_from_request(request), criteria=criteria, page=wanted, with_address=False
        )
        return Response(
            {
                "next_cursor": page.next_cursor.encode() if page.has_next and page.next_cursor else None,
                "results": s.ResidentSerializer(page.rows, many=True).data,
            }
        )

"""BRP for staff over the API: search, a household from the BRP, differences and taking them over.
A BRP that cannot answer, or answers outside the specification, gives 502 with a Dutch `detail`."""

import uuid
from collections.abc import Callable

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.audit.models import Part
from stevig.brp import services
from stevig.brp.api import serializers as s
from stevig.brp.client import BrpError
from stevig.core import access
from stevig.core.api import problem, write
from stevig.core.context import actor_from_request

BRP_FAILED = OpenApiResponse(s.BrpFailureSerializer, description="De BRP gaf geen bruikbaar antwoord")


def _asking_brp(call: Callable[[], Response]) -> Response:
    try:
        return call()
    except BrpError as exc:
        return problem(status.HTTP_502_BAD_GATEWAY, exc.message, code="brp")


class SearchView(APIView):
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.BRP)]

    @extend_schema(
        request=s.SearchSerializer,
        responses={
            200: s.SearchResultSerializer,
            400: OpenApiResponse(
                description="Geen of een ongeldig BSN, of geen achternaam met geboortedatum"
            ),
            403: OpenApiResponse(description="Deze rol mag de BRP niet raadplegen"),
            502: BRP_FAILED,
        },
        summary="Een persoon zoeken in de BRP (op BSN, of op achternaam en geboortedatum)",
    )
    def post(self, request: Request) -> Response:
        return _asking_brp(
            lambda: write(
                request,
                body=s.SearchSerializer,
                service=services.search,
                answer=lambda found: s.SearchResultSerializer({"results": found}).data,
            )
        )


class HouseholdFromBrpView(APIView):
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.HOUSEHOLD)]

    @extend_schema(
        request=s.BsnSerializer,
        responses={
            201: s.HouseholdCreatedSerializer,
            400: OpenApiResponse(
                description="BSN onbekend bij de BRP, overleden, zonder adres, of al in Stevig"
            ),
            403: OpenApiResponse(description="Deze rol mag geen dossiers aanmaken"),
            502: BRP_FAILED,
        },
        summary="Een huishouden aanmaken uit de BRP: iedereen op het adres, met relaties en gezag",
    )
    def post(self, request: Request) -> Response:
        return _asking_brp(
            lambda: write(
                request,
                body=s.BsnSerializer,
                service=services.household_from_brp,
                answer=s.HouseholdCreatedSerializer,
                created=True,
            )
        )


class DifferencesView(APIView):
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.BRP_DIFFERENCES)]

    @extend_schema(
        responses={
            200: s.DifferencesSerializer,
            404: OpenApiResponse(description="Niet gevonden"),
            502: BRP_FAILED,
        },
        summary="Verschillen tussen het dossier en de BRP (verhuisd, overleden, nieuw kind)",
    )
    def get(self, request: Request, household_id: uuid.UUID) -> Response:
        actor = actor_from_request(request)

        def answer() -> Response:
            household, found = services.differences(actor=actor, household_id=household_id)
            return Response(s.DifferencesSerializer({"household": household, "differences": found}).data)

        return _asking_brp(answer)


class TakeOverView(APIView):
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.BRP_DIFFERENCES)]

    @extend_schema(
        request=s.TakeOverSerializer,
        responses={
            200: s.DifferenceSerializer,
            400: OpenApiResponse(description="Dit verschil is er niet (meer)"),
            404: OpenApiResponse(description="Niet gevonden"),
            502: BRP_FAILED,
        },
        summary="Eén verschil met de BRP overnemen in het dossier",
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        return _asking_brp(
            lambda: write(
                request,
                body=s.TakeOverSerializer,
                service=services.take_over,
                answer=s.DifferenceSerializer,
                household_id=household_id,
            )
        )

"""Data-sharing register endpoints: a household's register, a disclosure typed in, consent and its withdrawal.

Out of scope → 404 (logged as denied); a business rule → 400 {field: [messages]}.
"""

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.core.context import actor_from_request
from stevig.core.pagination import page_response
from stevig.datasharing import grounds, selectors, services
from stevig.datasharing.api import serializers as s
from stevig.datasharing.models import DataCategory

TAGS = ["gegevensdeling"]


class RegisterView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Register van een huishouden: gedeelde gegevens en toestemming",
        responses=s.RegisterSerializer,
    )
    def get(self, request: Request, household_id: uuid.UUID) -> Response:
        register = selectors.household_register(actor=actor_from_request(request), household_id=household_id)
        return Response(s.RegisterSerializer(register).data)


class DisclosureCreateView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Delen vastleggen (ontvanger, doel, grondslag, gegevens)",
        request=s.NewDisclosureSerializer,
        responses={201: s.DisclosureSerializer},
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        serializer = s.NewDisclosureSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        disclosure = services.record_disclosure(
            actor=actor_from_request(request),
            household=household_id,
            recipient_kind=data["recipient_kind"],
            recipient=data["recipient"],
            purpose=data["purpose"],
            legal_basis=data["legal_basis"],
            consent=data.get("consent"),
            residents=data.get("residents"),
            categories=data["categories"],
            disclosed_on=data.get("disclosed_on"),
        )
        return Response(s.DisclosureSerializer(disclosure).data, status=status.HTTP_201_CREATED)


class ConsentCreateView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Toestemming vastleggen (wie, wanneer, waarvoor, welke gegevens)",
        request=s.NewConsentSerializer,
        responses={201: s.ConsentSerializer},
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        serializer = s.NewConsentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        consent = services.record_consent(
            actor=actor_from_request(request),
            household_id=household_id,
            resident_id=data["resident"],
            given_on=data["given_on"],
            method=data["method"],
            purpose=data["purpose"],
            recipient=data.get("recipient", ""),
            categories=data["categories"],
            health_explicit=data["health_explicit"],
        )
        return Response(s.ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


class ConsentWithdrawView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Toestemming intrekken: daarna kan er niets meer op gedeeld worden",
        request=s.WithdrawSerializer,
        responses=s.ConsentSerializer,
    )
    def post(self, request: Request, consent_id: uuid.UUID) -> Response:
        serializer = s.WithdrawSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        consent = services.withdraw_consent(
            actor=actor_from_request(request),
            consent_id=consent_id,
            note=serializer.validated_data.get("note", ""),
        )
        return Response(s.ConsentSerializer(consent).data)


class LegalBasisCatalogueView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Grondslagen: welke wet en welk artikel delen toestaat, aan welke ontvanger, welke gegevens",
        responses=s.LegalBasisSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        rows = [
            {
                "code": g.code,
                "label": g.label,
                "article": g.article,
                "when": str(g.when),
                "recipient_kinds": sorted(g.recipient_kinds),
                "categories": [c for c in DataCategory.values if c in g.categories],
                "debt_help_only": g.debt_help_only,
            }
            for g in grounds.CATALOGUE.values()
        ]
        return page_response(request, rows, s.LegalBasisSerializer, view=self)

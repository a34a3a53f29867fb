"""Data-sharing register endpoints: a household's register, a disclosure typed in, consent and its withdrawal.

Out of scope → 404 (logged as denied); a business rule → 400 {field: [messages]}.
"""

import uuid
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import Role
from stevig.audit.models import Part
from stevig.audit.purposes import Purpose
from stevig.core import access
from stevig.core.api import query, write
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination, page_response
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
        return write(
            request,
            body=s.NewDisclosureSerializer,
            service=services.record_disclosure,
            answer=s.DisclosureSerializer,
            created=True,
            household=household_id,
        )


class ConsentCreateView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Toestemming vastleggen (wie, wanneer, waarvoor, welke gegevens)",
        request=s.NewConsentSerializer,
        responses={201: s.ConsentSerializer},
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.NewConsentSerializer,
            service=services.record_consent,
            answer=s.ConsentSerializer,
            created=True,
            household_id=household_id,
        )


class ConsentWithdrawView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Toestemming intrekken: daarna kan er niets meer op gedeeld worden",
        request=s.WithdrawSerializer,
        responses=s.ConsentSerializer,
    )
    def post(self, request: Request, consent_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.WithdrawSerializer,
            service=services.withdraw_consent,
            answer=s.ConsentSerializer,
            consent_id=consent_id,
        )


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


# --- AVG art. 16 and 18 requests ------------------------------------------------------------------------

REQUEST_TAGS = ["avg-verzoeken"]
# role_permission also requires a logged-in staff member (like IsStaffMember).
PRIVACY_ONLY = [access.role_permission(Role.PRIVACY, part=Part.SUBJECT_REQUEST, purpose=Purpose.DATA_SUBJECT)]


def _privacy_actor(request: Request) -> Any:
    return actor_from_request(request, purpose=Purpose.DATA_SUBJECT)


class SubjectRequestCreateView(APIView):
    @extend_schema(
        tags=REQUEST_TAGS,
        summary="Verzoek om verbetering (AVG art. 16) of beperking (art. 18) vastleggen namens de inwoner",
        request=s.NewSubjectRequestSerializer,
        responses={201: s.SubjectRequestSerializer},
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.NewSubjectRequestSerializer,
            service=services.file_subject_request,
            answer=s.SubjectRequestSerializer,
            created=True,
            household_id=household_id,
        )


class SubjectRequestListView(APIView):
    permission_classes = PRIVACY_ONLY

    @extend_schema(
        tags=REQUEST_TAGS,
        summary="Werklijst van de privacy officer: open verzoeken (all=1: ook afgehandelde)",
        parameters=[s.SubjectRequestListQuerySerializer],
        responses=s.SubjectRequestSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        wanted = query(request, s.SubjectRequestListQuerySerializer)
        rows = selectors.subject_request_worklist(
            request.user,  # type: ignore[arg-type]
            only_open=wanted["all"] != 1,
        )
        paginator = NoCountPagination()
        page = paginator.paginate_queryset(rows, request, self)
        selectors.log_worklist_read(actor=_privacy_actor(request), rows=list(page))
        return paginator.get_paginated_response(s.SubjectRequestSerializer(page, many=True).data)


class SubjectRequestDetailView(APIView):
    permission_classes = PRIVACY_ONLY

    @extend_schema(tags=REQUEST_TAGS, summary="Eén verzoek", responses=s.SubjectRequestDetailSerializer)
    def get(self, request: Request, request_id: uuid.UUID) -> Response:
        detail = selectors.subject_request_detail(actor=_privacy_actor(request), request_id=request_id)
        return Response(s.SubjectRequestDetailSerializer(detail.request).data)


class SubjectRequestExtendView(APIView):
    permission_classes = PRIVACY_ONLY

    @extend_schema(
        tags=REQUEST_TAGS,
        summary="Termijn verlengen met twee maanden (AVG art. 12 lid 3), met reden; inwoner ingelicht",
        request=s.SubjectRequestExtendSerializer,
        responses={200: s.SubjectRequestSerializer},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.SubjectRequestExtendSerializer,
            service=services.extend_subject_request,
            answer=s.SubjectRequestSerializer,
            purpose=Purpose.DATA_SUBJECT,
            request_id=request_id,
        )


class SubjectRequestDecideView(APIView):
    permission_classes = PRIVACY_ONLY

    @extend_schema(
        tags=REQUEST_TAGS,
        summary=(
            "Besluit met reden: toegewezen, deels toegewezen of afgewezen; bij verbeteren (AVG art. 16) "
            "worden de gegevens in dezelfde transactie verbeterd"
        ),
        request=s.SubjectRequestDecideSerializer,
        responses={200: s.SubjectRequestDetailSerializer},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.SubjectRequestDecideSerializer,
            service=services.decide_subject_request,
            answer=s.SubjectRequestDetailSerializer,
            purpose=Purpose.DATA_SUBJECT,
            request_id=request_id,
        )


class SubjectRequestLiftView(APIView):
    permission_classes = PRIVACY_ONLY

    @extend_schema(
        tags=REQUEST_TAGS,
        summary="Beperking opheffen (AVG art. 18 lid 3: eerst de inwoner inlichten)",
        request=s.SubjectRequestLiftSerializer,
        responses={200: s.SubjectRequestSerializer},
    )
    def post(self, request: Request, request_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.SubjectRequestLiftSerializer,
            service=services.lift_restriction,
            answer=s.SubjectRequestSerializer,
            purpose=Purpose.DATA_SUBJECT,
            request_id=request_id,
        )


class MunicipalityRegisterView(APIView):
    permission_classes = [
        access.role_permission(Role.PRIVACY, part=Part.DATA_SHARING, purpose=Purpose.SUPERVISION)
    ]

    @extend_schema(
        tags=TAGS,
        summary="Register van de gemeente (AVG art. 30): elke gegevensdeling, nieuwste eerst; privacy officer",
        parameters=[s.RegisterQuerySerializer],
        responses=s.DisclosureSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        wanted = query(request, s.RegisterQuerySerializer)
        source = wanted.get("source_type") or None
        rows = selectors.municipality_register(
            request.user,  # type: ignore[arg-type]
            legal_basis=wanted.get("legal_basis", ""),
            source_type="" if source == "handmatig" else source,
        )
        paginator = NoCountPagination()
        page = paginator.paginate_queryset(rows, request, self)
        selectors.log_register_read(
            actor=actor_from_request(request, purpose=Purpose.SUPERVISION), rows=list(page)
        )
        return paginator.get_paginated_response(s.DisclosureSerializer(page, many=True).data)

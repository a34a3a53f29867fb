"""Mijn Stevig API: the resident's overview, who looked, a message to the contact person (DigiD session),
and following one question with its reference and secret code (no login)."""

from typing import Any, NoReturn

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.core.api import write
from stevig.core.context import client_address
from stevig.core.pagination import NoCountPagination, page_response
from stevig.datasharing.api.serializers import SubjectRequestSerializer
from stevig.intake import ratelimit
from stevig.intake.api.views import (
    GEMEENTE_PARAMETER,
    PublicFlood,
    PublicQuestionThrottle,
    requested_municipality,
)
from stevig.portal import principal, selectors, services
from stevig.portal.api import serializers as s

NOT_LOGGED_IN = OpenApiResponse(
    description="Niet ingelogd met DigiD in Mijn Stevig (een medewerker of een code geeft geen toegang), "
    "of bij een schrijfactie: het CSRF-token ontbreekt."
)


class _Csrf(SessionAuthentication):
    def check(self, request: Request) -> None:
        self.enforce_csrf(request)


class ResidentSession(BasePermission):
    """A resident logged in with DigiD (the portal's session, not a staff login); writes need the CSRF
    token like every form of the site."""

    message = "Log in met DigiD in Mijn Stevig."

    def has_permission(self, request: Request, view: Any) -> bool:
        ids = principal.session_resident(request._request)
        if ids is None:
            return False
        resident = selectors.resident(municipality_id=ids[1], resident_id=ids[0])
        if resident is None:
            return False
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            _Csrf().check(request)
        view.resident = resident
        view.actor = principal.resident_actor(
            request._request,
            municipality=resident.municipality,
            resident_id=resident.id,
            via=principal.VIA_DIGID,
        )
        return True


class ResidentView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [ResidentSession]

    def permission_denied(
        self, request: Request, message: str | None = None, code: str | None = None
    ) -> NoReturn:
        raise exceptions.PermissionDenied(message or ResidentSession.message)


class OverviewView(ResidentView):
    @extend_schema(
        responses={200: s.ResidentOverviewSerializer, 403: NOT_LOGGED_IN},
        summary="Mijn Stevig: mijn vragen, plannen en besluiten",
        auth=[],
    )
    def get(self, request: Request) -> Response:
        data = selectors.overview(actor=self.actor, resident=self.resident)  # type: ignore[attr-defined]
        return Response(s.ResidentOverviewSerializer(data).data)


class WhoLookedView(ResidentView):
    pagination_class = NoCountPagination

    @extend_schema(
        parameters=[OpenApiParameter("cursor", str), OpenApiParameter("page_size", int)],
        responses={200: s.WhoLookedRowSerializer(many=True), 403: NOT_LOGGED_IN},
        summary="Mijn Stevig: wie keek in mijn dossier",
        auth=[],
    )
    def get(self, request: Request) -> Response:
        paginator = NoCountPagination()
        page = selectors.who_looked(
            actor=self.actor,  # type: ignore[attr-defined]
            resident=self.resident,  # type: ignore[attr-defined]
            request=paginator.page_request(request),
        )
        rows = paginator.take(page, request)
        return paginator.get_paginated_response(s.WhoLookedRowSerializer(rows, many=True).data)


class MessageView(ResidentView):
    @extend_schema(
        request=s.ResidentMessageBodySerializer,
        responses={
            201: s.ResidentMessageSerializer,
            400: OpenApiResponse(description="Veldfouten, of nog geen dossier om het bericht bij te zetten."),
            403: NOT_LOGGED_IN,
        },
        summary="Mijn Stevig: een bericht aan mijn contactpersoon",
        auth=[],
    )
    def post(self, request: Request) -> Response:
        return write(
            request,
            body=s.ResidentMessageBodySerializer,
            service=services.send_message,
            answer=s.ResidentMessageSerializer,
            created=True,
            actor=self.actor,  # type: ignore[attr-defined]
            resident=self.resident,  # type: ignore[attr-defined]
        )


class FollowThrottle(PublicQuestionThrottle):
    """Trying codes: the same counter as the follow page."""

    def allow_request(self, request: Request, view: Any) -> bool:
        from stevig.portal.views import FOLLOW_RATE_SCOPE

        return request.method != "POST" or ratelimit.hit(
            client_address(request._request), scope=FOLLOW_RATE_SCOPE
        )


class FollowView(APIView):
    """One question, opened with its reference and secret code (no DigiD)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [FollowThrottle]

    def throttled(self, request: Request, wait: float | None) -> NoReturn:
        raise PublicFlood(wait)

    @extend_schema(
        request=s.FollowCodesSerializer,
        parameters=[GEMEENTE_PARAMETER],
        responses={
            200: s.ResidentQuestionRowSerializer,
            400: OpenApiResponse(description="Veldfouten, of een onbekende `gemeente`."),
            404: OpenApiResponse(description="De codes horen niet bij elkaar (of de vraag bestaat niet)."),
            429: OpenApiResponse(description="Te veel pogingen vanaf dit adres."),
        },
        summary="Mijn Stevig: een vraag volgen met de code en de geheime code",
        auth=[],
    )
    def post(self, request: Request) -> Response:
        municipality = requested_municipality(request)
        body = s.FollowCodesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        actor = principal.resident_actor(
            request._request, municipality=municipality, resident_id=None, via=principal.VIA_CODE
        )
        question = selectors.question_by_codes(
            actor=actor, reference=body.validated_data["reference"], secret=body.validated_data["secret"]
        )
        row = (
            selectors.followed_question(actor=actor, municipality=municipality, question_id=question.id)
            if question is not None
            else None
        )
        if row is None:
            raise exceptions.NotFound("De codes horen niet bij elkaar.")
        return Response(s.ResidentQuestionRowSerializer(row).data)


class SubjectRequestsView(ResidentView):
    @extend_schema(
        responses={200: SubjectRequestSerializer(many=True), 403: NOT_LOGGED_IN},
        summary="Mijn Stevig: mijn verzoeken om gegevens te verbeteren of te beperken (AVG art. 16 en 18)",
        auth=[],
    )
    def get(self, request: Request) -> Response:
        rows = selectors.own_subject_requests(actor=self.actor, resident=self.resident)  # type: ignore[attr-defined]
        return page_response(request, rows, SubjectRequestSerializer, view=self)

    @extend_schema(
        request=s.ResidentSubjectRequestBodySerializer,
        responses={
            201: SubjectRequestSerializer,
            400: OpenApiResponse(description="Veldfouten, of nog geen dossier."),
            403: NOT_LOGGED_IN,
        },
        summary="Mijn Stevig: vragen om gegevens te verbeteren (AVG art. 16) of te beperken (art. 18)",
        auth=[],
    )
    def post(self, request: Request) -> Response:
        return write(
            request,
            body=s.ResidentSubjectRequestBodySerializer,
            service=services.file_subject_request,
            answer=SubjectRequestSerializer,
            created=True,
            actor=self.actor,  # type: ignore[attr-defined]
            resident=self.resident,  # type: ignore[attr-defined]
        )

"""iWmo/iJw over HTTP: the provider's inbox and outbox (the connection account's API key), and the
messages of a decision for staff."""

import uuid

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import Role
from stevig.audit.models import Part
from stevig.core import access
from stevig.core.api import problem, write
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination, PageRequest
from stevig.istandaarden import selectors, services
from stevig.istandaarden.api import serializers as s


class XmlParser(BaseParser):
    """The body as raw bytes: the XSD check reads it exactly as it arrived."""

    media_type = "application/xml"

    def parse(self, stream, media_type=None, parser_context=None):  # type: ignore[no-untyped-def]
        return stream.read()


class InboxView(APIView):
    parser_classes = [XmlParser]
    permission_classes = [access.role_permission(Role.ADMIN, part=Part.MESSAGE)]

    @extend_schema(
        request={"application/xml": OpenApiTypes.STR},
        responses={
            201: s.ReceivedSerializer,
            400: OpenApiResponse(
                description="XSD-fout (regel en melding), onbekende beschikking of dubbel bericht: "
                "de fouten staan in `errors.bericht`"
            ),
            403: OpenApiResponse(description="Alleen het koppelingsaccount (functioneel beheer)"),
        },
        summary="Bericht van een aanbieder afleveren (305, 307, 315, 317; iWmo/iJw 3.2, XML)",
    )
    def post(self, request: Request) -> Response:
        # The body is the raw XML (`XmlParser`), checked by the service against the XSD: no serializer.
        xml = request.data if isinstance(request.data, bytes) else b""
        return write(
            request,
            body=None,
            service=lambda actor: services.receive(actor=actor, body=xml),
            answer=s.ReceivedSerializer,
            created=True,
        )


class OutboxView(APIView):
    permission_classes = [access.role_permission(Role.ADMIN, part=Part.MESSAGES)]

    @extend_schema(
        parameters=[OpenApiParameter("agb", str, required=True, description="AGB-code van de aanbieder")],
        responses={
            200: s.MessageDetailSerializer(many=True),
            400: OpenApiResponse(description="Geen geldige AGB-code"),
            403: OpenApiResponse(description="Alleen het koppelingsaccount (functioneel beheer)"),
        },
        summary="Klaarstaande berichten voor één aanbieder ophalen (301, 319, 316, 318); daarna 'opgehaald'",
        description="Een wachtrij: elke aanroep geeft hoogstens `page_size` berichten en markeert ze als "
        "opgehaald. Zolang er meer kan klaarstaan, wijst `next` naar dezelfde URL.",
    )
    def get(self, request: Request) -> Response:
        agb = request.query_params.get("agb", "")
        if not (len(agb) == 8 and agb.isdigit()):
            return problem(
                400,
                "De invoer klopt niet. Zie de fouten per veld.",
                errors={"agb": ["Geef de AGB-code van de aanbieder (8 cijfers)."]},
                instance=request.path,
            )
        # A queue, not a list to page through: each call takes (and marks as fetched) at most one page;
        # `next` is this same URL while more messages may be waiting.
        paginator = NoCountPagination()
        size = paginator.page_request(request).size
        rows = services.fetch_outbox(actor=actor_from_request(request), agb_code=agb, limit=size)
        paginator.take(PageRequest(size=size).cut(rows, has_next=False), request)
        response = paginator.get_paginated_response(s.MessageDetailSerializer(rows, many=True).data)
        if len(rows) == size:
            response.data["next"] = request.build_absolute_uri()
        return response


class DecisionMessagesView(APIView):
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.MESSAGES)]

    @extend_schema(
        responses={200: s.DecisionMessagesSerializer, 404: OpenApiResponse(description="Niet gevonden")},
        summary="Toewijzingen en iWmo/iJw-berichten van een beschikking, met hun status",
    )
    def get(self, request: Request, decision_id: uuid.UUID) -> Response:
        found = selectors.for_decision(actor=actor_from_request(request), decision_id=decision_id)
        return Response(s.DecisionMessagesSerializer(found).data)


class MessageView(APIView):
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.MESSAGE)]

    @extend_schema(
        responses={200: s.MessageDetailSerializer, 404: OpenApiResponse(description="Niet gevonden")},
        summary="Eén iWmo/iJw-bericht met de XML",
    )
    def get(self, request: Request, message_id: uuid.UUID) -> Response:
        message = selectors.message_detail(actor=actor_from_request(request), message_id=message_id)
        return Response(s.MessageDetailSerializer(message).data)


class AnswerView(APIView):
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.MESSAGE)]

    @extend_schema(
        request=s.MessageAnswerSerializer,
        responses={
            201: s.MessageDetailSerializer,
            400: OpenApiResponse(description="Al beantwoord, geen verzoek, of geen reden van afwijzen"),
            404: OpenApiResponse(description="Niet gevonden"),
        },
        summary="Een verzoek (315/317) beantwoorden: toewijzen (301), afwijzen of in onderzoek (319)",
    )
    def post(self, request: Request, message_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.MessageAnswerSerializer,
            service=services.answer_request,
            answer=s.MessageDetailSerializer,
            created=True,
            message_id=message_id,
        )

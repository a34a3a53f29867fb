"""Broad analysis endpoints. Thin: validate with a serializer, call a selector or service."""

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.analysis import selectors, services
from stevig.analysis.api import serializers as s
from stevig.core.api import write
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination


class TrajectoryAnalysesView(APIView):
    @extend_schema(
        responses=s.AnalysisSerializer(many=True), summary="Brede analyses in een traject, nieuwste eerst"
    )
    def get(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        actor = actor_from_request(request)
        paginator = NoCountPagination()
        page = paginator.paginate_queryset(
            selectors.analyses_page(actor=actor, trajectory_id=trajectory_id), request, self
        )
        selectors.log_analyses_listed(actor=actor, trajectory_id=trajectory_id, analyses=page)
        return paginator.get_paginated_response(s.AnalysisSerializer(page, many=True).data)

    @extend_schema(
        request=s.AnalysisCreateSerializer,
        responses={201: s.AnalysisSerializer},
        summary="Nieuwe brede analyse van een lid van het huishouden",
    )
    def post(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.AnalysisCreateSerializer,
            service=services.record_analysis,
            answer=lambda analysis: (
                s.AnalysisSerializer(
                    selectors.analyses_visible_to(actor_from_request(request).user)
                    .select_related("resident")
                    .prefetch_related("scores")
                    .get(id=analysis.id)
                ).data
            ),
            created=True,
            trajectory_id=trajectory_id,
        )


class AnalysisDetailView(APIView):
    @extend_schema(responses=s.AnalysisSerializer, summary="Eén brede analyse")
    def get(self, request: Request, analysis_id: uuid.UUID) -> Response:
        analysis = selectors.analysis_detail(actor=actor_from_request(request), analysis_id=analysis_id)
        return Response(s.AnalysisSerializer(analysis).data)


class LifeDomainsView(APIView):
    @extend_schema(responses=s.LifeDomainsSerializer, summary="Leefgebieden en de schaal van 1 tot en met 5")
    def get(self, request: Request) -> Response:
        return Response(s.life_domains_payload())

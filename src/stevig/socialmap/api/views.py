"""Social-map and warm-referral endpoints."""

import uuid

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.api import query, require_values, write
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination, page_response
from stevig.socialmap import selectors, services
from stevig.socialmap.api import serializers as s
from stevig.socialmap.selectors import REFERRAL


class FacilityListView(APIView):
    @extend_schema(
        parameters=[s.FacilitySearchSerializer],
        responses=s.FacilitySerializer(many=True),
        summary="Sociale kaart doorzoeken op leefgebied, wijk, sfeer en soort",
    )
    def get(self, request: Request) -> Response:
        checked = s.FacilitySearchSerializer(data=request.query_params)
        require_values(checked, request.query_params)
        checked.is_valid(raise_exception=True)
        data = checked.validated_data
        criteria = selectors.FacilitySearch(
            domain=data.get("domain", ""),
            neighbourhood_id=data.get("neighbourhood"),
            text=data.get("q", "").strip(),
            sphere=data.get("sphere", ""),
            kind=data.get("kind", ""),
        )
        paginator = NoCountPagination()
        page = paginator.paginate_queryset(
            selectors.search_facilities(user=actor_from_request(request).user, criteria=criteria),
            request,
            self,
        )
        return paginator.get_paginated_response(s.FacilitySerializer(page, many=True).data)


class FacilityDetailView(APIView):
    @extend_schema(responses=s.FacilitySerializer, summary="Eén voorziening van de sociale kaart")
    def get(self, request: Request, facility_id: uuid.UUID) -> Response:
        item = selectors.facility_detail(user=actor_from_request(request).user, facility_id=facility_id)
        return Response(s.FacilitySerializer(item).data)


class TrajectoryReferralsView(APIView):
    @extend_schema(responses=s.ReferralSerializer(many=True), summary="Warme verwijzingen in een traject")
    def get(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        view = selectors.trajectory_referrals(actor=actor_from_request(request), trajectory_id=trajectory_id)
        return page_response(request, view.referrals, s.ReferralSerializer, view=self)

    @extend_schema(
        request=s.ReferralCreateSerializer,
        responses={201: s.ReferralSerializer},
        summary="Warm verwijzen naar de sociale kaart (het traject blijft open)",
    )
    def post(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ReferralCreateSerializer,
            service=services.create_referral,
            answer=s.ReferralSerializer,
            created=True,
            trajectory_id=trajectory_id,
        )


class ReferralDetailView(APIView):
    @extend_schema(responses=s.ReferralSerializer, summary="Eén warme verwijzing")
    def get(self, request: Request, referral_id: uuid.UUID) -> Response:
        referral = selectors.referral_detail(actor=actor_from_request(request), referral_id=referral_id)
        return Response(s.ReferralSerializer(referral).data)


class ReferralOutcomeView(APIView):
    @extend_schema(
        request=s.OutcomeSerializer,
        responses=s.ReferralSerializer,
        summary="Uitkomst: gestart, of niet gestart met de reden",
    )
    def post(self, request: Request, referral_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.OutcomeSerializer,
            service=services.record_outcome,
            answer=lambda _: (
                s.ReferralSerializer(
                    access.scoped_get(
                        REFERRAL,
                        actor=actor_from_request(request),
                        pk=referral_id,
                        action=Action.READ,
                        part=Part.REFERRAL,
                    )
                ).data
            ),
            referral_id=referral_id,
        )


class FollowUpsDueView(APIView):
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.REFERRAL)]

    @extend_schema(
        parameters=[s.FollowUpQuerySerializer],
        responses=s.ReferralSerializer(many=True),
        summary="Verwijzingen waarvoor nabellen nu aan de beurt is (werkvoorraad)",
    )
    def get(self, request: Request) -> Response:
        wanted = query(request, s.FollowUpQuerySerializer)
        actor = actor_from_request(request)
        until = wanted.get("until") or timezone.localdate()
        paginator = NoCountPagination()
        page = paginator.paginate_queryset(
            selectors.referral_follow_ups_due(user=actor.user, until=until), request, self
        )
        selectors.log_follow_ups_listed(actor=actor, referrals=page, until=until)
        return paginator.get_paginated_response(s.ReferralSerializer(page, many=True).data)

"""Reference data of the own municipality for API clients: the ids that other endpoints take."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import User
from stevig.core.pagination import NoCountPagination
from stevig.tenancy import selectors
from stevig.tenancy.api import serializers as s


class ExpertiseTagListView(APIView):
    @extend_schema(
        responses=s.ExpertiseTagSerializer(many=True),
        summary="Expertises van uw gemeente (voor 'expertise nodig' en de inzet van collega's)",
    )
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        paginator = NoCountPagination()
        page = paginator.paginate_queryset(selectors.expertise_tags_of(request.user), request, self)
        return paginator.get_paginated_response(s.ExpertiseTagSerializer(page, many=True).data)


class LocationListView(APIView):
    @extend_schema(
        responses=s.LocationSerializer(many=True),
        summary="Plekken van uw gemeente waar inwoners het team treffen, met spreekuren (intake `location`)",
    )
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        paginator = NoCountPagination()
        page = paginator.paginate_queryset(selectors.locations_of(request.user), request, self)
        return paginator.get_paginated_response(s.LocationSerializer(page, many=True).data)

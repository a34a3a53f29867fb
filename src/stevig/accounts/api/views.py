from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts import selectors
from stevig.accounts.api.serializers import MeSerializer, StaffQuerySerializer, StaffSerializer
from stevig.accounts.models import User
from stevig.core.api import query
from stevig.core.pagination import NoCountPagination


class MeView(APIView):
    """Gegevens van de ingelogde medewerker. Hier staan geen gegevens van inwoners, dus komt er geen regel in het toegangslog."""

    @extend_schema(responses=MeSerializer, summary="Wie ben ik: naam, rol, team en gemeente")
    def get(self, request: Request) -> Response:
        user = request.user
        assert isinstance(user, User)
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "name": user.get_full_name(),
            "role": user.role,
            "team": {"id": user.team.id, "name": user.team.name} if user.team_id else None,  # type: ignore[union-attr]
            "municipality_code": user.municipality.code if user.municipality_id else "",  # type: ignore[union-attr]
        }
        return Response(MeSerializer(data).data)


class StaffListView(APIView):
    """Medewerkers van de eigen gemeente (geen gegevens van inwoners, dus geen regel in het toegangslog)."""

    @extend_schema(
        parameters=[StaffQuerySerializer],
        responses=StaffSerializer(many=True),
        summary="Medewerkers van uw gemeente: id, naam, rol en team",
    )
    def get(self, request: Request) -> Response:
        user = request.user
        assert isinstance(user, User)
        wanted = query(request, StaffQuerySerializer)
        paginator = NoCountPagination()
        page = paginator.paginate_queryset(
            selectors.colleagues_of(user, team_id=wanted.get("team"), role=wanted.get("role")),
            request,
            self,
        )
        return paginator.get_paginated_response(StaffSerializer(page, many=True).data)

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.api.serializers import MeSerializer
from stevig.accounts.models import User


class MeView(APIView):
    """Gegevens van de ingelogde medewerker. Hier staan geen gegevens van inwoners, dus komt er geen regel in het toegangslog."""

    @extend_schema(responses=MeSerializer, summary="Wie ben ik: naam, rol, team en gemeente")
    def get(self, request: Request) -> Response:
        user = request.user
        assert isinstance(user, User)
        data = {
            "username": user.get_username(),
            "name": user.get_full_name(),
            "role": user.role,
            "team": {"id": user.team.id, "name": user.team.name} if user.team_id else None,  # type: ignore[union-attr]
            "municipality_code": user.municipality.code if user.municipality_id else "",  # type: ignore[union-attr]
        }
        return Response(MeSerializer(data).data)

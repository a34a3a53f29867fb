"""`GET /api/v1/worklist/`: the same worklist as the start page (see `stevig.web.worklist`)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.core.context import actor_from_request
from stevig.web.worklist import SCOPES, SORTS, worklist_for


class WorkItemSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="Soort werk, bijvoorbeeld vraag, planactie, mandaatverzoek.")
    kind_label = serializers.CharField()
    title = serializers.CharField()
    due = serializers.DateField(allow_null=True, help_text="Uiterlijk klaar op (leeg: geen datum).")
    overdue = serializers.BooleanField()
    urgent = serializers.BooleanField()
    status = serializers.CharField()
    url = serializers.CharField(help_text="De pagina waar de medewerker het werk doet.")


class WorkListSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(choices=SCOPES)
    sort = serializers.ChoiceField(choices=SORTS)
    today = serializers.DateField()
    soon_until = serializers.DateField(help_text="Einde van de komende 5 werkdagen.")
    overdue = serializers.IntegerField()
    soon = serializers.IntegerField()
    results = WorkItemSerializer(many=True)


class WorklistView(APIView):
    @extend_schema(
        tags=["werklijst"],
        summary="Mijn werklijst: alles waar ik (of mijn team) iets mee moet, op datum",
        parameters=[
            OpenApiParameter("scope", enum=list(SCOPES), required=False, description="mine of team"),
            OpenApiParameter("sort", enum=list(SORTS), required=False, description="due of kind"),
        ],
        responses=WorkListSerializer,
    )
    def get(self, request: Request) -> Response:
        work = worklist_for(
            actor=actor_from_request(request),
            scope=request.query_params.get("scope", "mine"),
            sort=request.query_params.get("sort", "due"),
        )
        return Response(
            WorkListSerializer(
                {
                    "scope": work.scope,
                    "sort": work.sort,
                    "today": work.today,
                    "soon_until": work.soon_until,
                    "overdue": work.overdue_count,
                    "soon": work.soon_count,
                    "results": [
                        {
                            "kind": i.kind,
                            "kind_label": i.kind_label,
                            "title": i.title,
                            "due": i.due,
                            "overdue": work.is_overdue(i),
                            "urgent": i.urgent,
                            "status": i.status,
                            "url": i.url,
                        }
                        for i in work.items
                    ],
                }
            ).data
        )

"""`GET /api/v1/worklist/`: the same worklist as the start page (see `stevig.web.worklist`)."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.audit.models import Part
from stevig.core import access
from stevig.core.api import query
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination
from stevig.web.dashboard import DEFAULT_SORT, team_dashboard, team_trajectories
from stevig.web.dashboard import SORTS as TEAM_SORTS
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


class WorklistQuerySerializer(serializers.Serializer):
    """The filters of the worklist (core.api.query)."""

    scope = serializers.ChoiceField(choices=list(SCOPES), default="mine", help_text="mine of team")
    sort = serializers.ChoiceField(choices=list(SORTS), default="due", help_text="due of kind")


class WorklistView(APIView):
    # The same roles as the start page's worklist: any other role gets 403 (logged), not an empty list.
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.WORKLIST)]

    @extend_schema(
        tags=["werklijst"],
        summary="Mijn werklijst: alles waar ik (of mijn team) iets mee moet, op datum",
        parameters=[WorklistQuerySerializer],
        responses=WorkListSerializer,
    )
    def get(self, request: Request) -> Response:
        wanted = query(request, WorklistQuerySerializer)
        work = worklist_for(actor=actor_from_request(request), scope=wanted["scope"], sort=wanted["sort"])
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


# --- The teamleider dashboard (`stevig.web.dashboard`) --------------------------------------------------


class WorkerLoadSerializer(serializers.Serializer):
    user = serializers.UUIDField(source="user.id")
    name = serializers.CharField(help_text="Naam van de medewerker.")
    trajectories = serializers.IntegerField(help_text="Open trajecten waarvan zij vast aanspreekpunt is.")
    questions = serializers.IntegerField(help_text="Open vragen waarvan zij vast aanspreekpunt is.")
    total = serializers.IntegerField()


class WaitingSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Aantal vragen.")
    median_days = serializers.FloatField(allow_null=True, help_text="Mediaan in kalenderdagen.")
    longest_days = serializers.IntegerField(allow_null=True, help_text="Langste, in kalenderdagen.")


class DueItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    title = serializers.CharField()
    due = serializers.DateField()
    urgent = serializers.BooleanField()
    url = serializers.CharField()


class TeamDashboardSerializer(serializers.Serializer):
    team = serializers.UUIDField(source="team.id")
    team_name = serializers.CharField(source="team.name")
    today = serializers.DateField()
    soon_until = serializers.DateField(help_text="Einde van de komende 5 werkdagen.")
    caseload = WorkerLoadSerializer(many=True)
    waiting_now = WaitingSerializer(help_text="Vragen op de wachtlijst nu: hoe lang ze al wachten.")
    pick_up = WaitingSerializer(help_text="Vragen van de laatste 90 dagen: dagen tot iemand ze oppakte.")
    soon = DueItemSerializer(many=True, help_text="Werk dat de komende 5 werkdagen af moet.")
    overdue = DueItemSerializer(many=True, help_text="Werk dat te laat is.")


class TeamTrajectorySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    household = serializers.UUIDField(source="household_id")
    address = serializers.CharField(source="household.address_line")
    phase = serializers.CharField()
    contact_person = serializers.UUIDField(source="contact_person_id")
    contact_person_name = serializers.SerializerMethodField()
    last_contact = serializers.DateField(allow_null=True)
    next_action = serializers.DateField(allow_null=True, help_text="Eerste open actie uit het plan.")
    days_open = serializers.IntegerField()

    def get_contact_person_name(self, row: Any) -> str:
        return row.contact_person.get_full_name() or row.contact_person.get_username()


TEAM_ERRORS = {
    403: OpenApiResponse(description="Alleen een teamleider met een team."),
}


class TeamDashboardView(APIView):
    @extend_schema(
        tags=["werklijst"],
        summary="Teamoverzicht: werkvoorraad per medewerker, wachttijden, termijnen en te laat",
        responses={200: TeamDashboardSerializer, **TEAM_ERRORS},
    )
    def get(self, request: Request) -> Response:
        board = team_dashboard(actor=actor_from_request(request))
        data = {
            "team": board.team,
            "today": board.today,
            "soon_until": board.soon_until,
            "caseload": [
                {
                    "user": w.user,
                    "name": w.user.get_full_name() or w.user.get_username(),
                    "trajectories": w.trajectories,
                    "questions": w.questions,
                    "total": w.total,
                }
                for w in board.caseload
            ],
            "waiting_now": board.waiting_now,
            "pick_up": board.pick_up,
            "soon": [vars(i) for i in board.soon],
            "overdue": [vars(i) for i in board.overdue],
        }
        return Response(TeamDashboardSerializer(data).data)


class TeamTrajectoriesQuerySerializer(serializers.Serializer):
    """The search and order of the team's open trajectories (core.api.query)."""

    search = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=100,
        help_text="Adres, postcode, achternaam, medewerker.",
    )
    sort = serializers.ChoiceField(
        choices=list(TEAM_SORTS), default=DEFAULT_SORT, help_text="Standaard -dagen."
    )


class TeamTrajectoriesView(APIView):
    @extend_schema(
        tags=["werklijst"],
        summary="Open trajecten van mijn team (teamleider), sorteerbaar en doorzoekbaar",
        parameters=[TeamTrajectoriesQuerySerializer],
        responses={200: TeamTrajectorySerializer(many=True), **TEAM_ERRORS},
    )
    def get(self, request: Request) -> Response:
        paginator = NoCountPagination()
        wanted = query(request, TeamTrajectoriesQuerySerializer)
        page = team_trajectories(
            actor=actor_from_request(request),
            search=wanted["search"],
            sort=wanted["sort"],
            page=paginator.page_request(request),
        )
        rows = paginator.take(page, request)
        return paginator.get_paginated_response(TeamTrajectorySerializer(rows, many=True).data)

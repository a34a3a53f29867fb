"""Legal calendar endpoints. The calendar holds no resident data, so nothing goes to the access log;
any staff member may use it (default permission)."""

from dataclasses import asdict

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.core.api import require_values
from stevig.core.pagination import page_response
from stevig.legalcalendar.api import serializers as s
from stevig.legalcalendar.calendar import non_working_days
from stevig.legalcalendar.clocks import Clock, days_left, explain_deadline


class LegalCalendarView(APIView):
    @extend_schema(
        parameters=[s.CalendarQuerySerializer],
        responses=s.LegalNonWorkingDaySerializer(many=True),
        summary="Feestdagen en gelijkgestelde dagen volgens de Algemene termijnenwet",
        description="Alle dagen van een jaar die naast zaterdag en zondag niet meetellen voor een wettelijke "
        "termijn, als pagina zoals elke lijst (een jaar past op de eerste pagina).",
    )
    def get(self, request: Request) -> Response:
        query = s.CalendarQuerySerializer(data=request.query_params)
        require_values(query, request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        days = [asdict(day) for day in non_working_days(year)]
        return page_response(request, days, s.LegalNonWorkingDaySerializer, view=self)


class DeadlineView(APIView):
    @extend_schema(
        parameters=[s.DeadlineQuerySerializer],
        responses=s.LegalDeadlineSerializer,
        summary="Bereken de laatste dag van een wettelijke termijn",
        description="Geeft de laatste dag en legt uit welke dagen niet meetelden en waarom.",
    )
    def get(self, request: Request) -> Response:
        query = s.DeadlineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        result = explain_deadline(data["clock"], data["start"], working_days=data.get("working_days"))
        payload = {
            "clock": result.clock.value,
            "clock_label": Clock(result.clock).label,
            "start": result.start,
            "due": result.due,
            "days_left": days_left(result.due),
            "term": result.term,
            "legal_basis": result.legal_basis,
            "term_end": result.term_end,
            "skipped": [asdict(day) for day in result.skipped],
            "explanation": list(result.steps),
        }
        return Response(s.LegalDeadlineSerializer(payload).data)

"""API of the policy patterns: the same suppressed table as the page."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import Role
from stevig.core import access
from stevig.core.context import actor_from_request
from stevig.core.figures_api import CellSerializer
from stevig.patterns import selectors
from stevig.patterns.models import MEASURE_BREAKDOWNS, Breakdown, Measure


class PatternQuerySerializer(serializers.Serializer):
    measure = serializers.ChoiceField(choices=Measure.choices, default=Measure.QUESTIONS)
    breakdown = serializers.ChoiceField(choices=Breakdown.choices, default=Breakdown.NEIGHBOURHOOD)
    year = serializers.IntegerField(min_value=2000, max_value=2100)

    def validate(self, attrs: dict) -> dict:  # type: ignore[type-arg]
        if attrs["breakdown"] not in MEASURE_BREAKDOWNS[attrs["measure"]]:
            raise serializers.ValidationError(
                {
                    "breakdown": "Deze indeling past niet bij deze cijfers. Kies uit: "
                    + ", ".join(MEASURE_BREAKDOWNS[attrs["measure"]])
                    + "."
                }
            )
        return attrs


class PatternRowSerializer(serializers.Serializer):
    group = serializers.CharField()
    quarters = CellSerializer(many=True)
    total = CellSerializer()


class PatternSerializer(serializers.Serializer):
    measure = serializers.CharField()
    breakdown = serializers.CharField()
    year = serializers.IntegerField()
    refreshed_at = serializers.DateTimeField(
        allow_null=True, help_text="Wanneer de samenvatting is bijgewerkt."
    )
    rows = PatternRowSerializer(many=True)
    quarter_totals = CellSerializer(many=True)
    total = CellSerializer()
    summary = serializers.CharField(help_text="De tekst bij de grafiek.")


class PatternView(APIView):
    permission_classes = [access.role_permission(Role.POLICY)]

    @extend_schema(
        tags=["patronen"],
        summary="Patronen per wijk of kanaal en kwartaal (kleine aantallen onderdrukt)",
        parameters=[PatternQuerySerializer],
        responses={
            200: PatternSerializer,
            400: OpenApiResponse(description="Foute keuze: {veld: [meldingen]}"),
            403: OpenApiResponse(description="Alleen beleid."),
        },
    )
    def get(self, request: Request) -> Response:
        query = PatternQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        d = query.validated_data
        result = selectors.pattern(
            actor=actor_from_request(request), measure=d["measure"], breakdown=d["breakdown"], year=d["year"]
        )
        data = {
            "measure": result.measure,
            "breakdown": result.breakdown,
            "year": result.year,
            "refreshed_at": result.refreshed_at,
            "rows": [{"group": g, "quarters": cells, "total": t} for g, cells, t in result.table.as_rows()],
            "quarter_totals": result.table.column_totals(),
            "total": result.table.total,
            "summary": result.summary,
        }
        return Response(PatternSerializer(data).data)


__all__ = ["PatternView"]

"""The one API shape of a published figure (see `stevig.core.suppression`)."""

from typing import TYPE_CHECKING

from rest_framework import serializers

from stevig.core.api import require_values
from stevig.core.suppression import Period

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stevig.trajectories.figures import Figures


def periode_field() -> serializers.RegexField:
    """The `?periode=` query parameter of every figures read: one quarter or one year, documented as the
    pattern `core.suppression.Period.parse` reads."""
    return serializers.RegexField(
        regex=r"^[0-9]{4}(-[KkQq][1-4])?$",
        error_messages={
            "invalid": "Kies een kwartaal (bijvoorbeeld 2026-K3) of een jaar (bijvoorbeeld 2026)."
        },
        required=False,
        help_text='Een kwartaal ("2026-K2") of een jaar ("2026"). Zonder: dit jaar.',
    )


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    numerator = serializers.IntegerField(allow_null=True, help_text="Leeg als het getal verborgen is.")
    denominator = serializers.IntegerField(allow_null=True)
    share = serializers.FloatField(allow_null=True, help_text="0..1; leeg als het niet getoond wordt.")
    suppressed = serializers.BooleanField(help_text="Te weinig gevallen om te tonen.")
    bound = serializers.CharField(
        help_text='Grens in plaats van een precies aandeel, bijv. "ten minste 96 %".'
    )
    display = serializers.CharField(help_text="Zoals op de pagina.")


class CellSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True, help_text="Leeg als het getal verborgen is.")
    display = serializers.CharField(help_text='"<5" (1 tot en met 4), "x" (verborgen) of het getal.')


class PeriodFigureSerializer(FigureSerializer):
    """A figure served from the summary tables: for which period, and when those were refreshed."""

    period = serializers.CharField(help_text='Het kwartaal ("2026-K2") of het jaar ("2026").')
    refreshed_at = serializers.DateTimeField(
        allow_null=True, help_text="Wanneer de overzichtstabellen voor het laatst zijn bijgewerkt."
    )


class PeriodQuerySerializer(serializers.Serializer):
    """One quarter or one year; `since`/`until` must then be exactly its first and last day."""

    periode = periode_field()
    since = serializers.DateField(
        required=False, help_text="Begin van een heel kwartaal of jaar (JJJJ-MM-DD)."
    )
    until = serializers.DateField(
        required=False, help_text="Einde van hetzelfde kwartaal of jaar (JJJJ-MM-DD)."
    )


def period_from_query(query_params: object) -> "Period":
    """The period a figures request asks for; a structured 400 ({"periode": [...]}) otherwise."""
    from django.utils import timezone

    query = PeriodQuerySerializer(data=query_params)
    require_values(query, query_params)  # type: ignore[arg-type]
    query.is_valid(raise_exception=True)
    data = query.validated_data
    if data.get("periode"):
        return Period.parse(data["periode"])
    return Period.from_range(data.get("since"), data.get("until"), today=timezone.localdate())


def period_rows(result: "Figures") -> list[dict[str, object]]:
    """The figures of `collect`, with their period and refresh time, for `PeriodFigureSerializer`."""
    return [
        {
            **{k: getattr(f, k) for k in ("key", "label", "numerator", "denominator", "share", "suppressed")},
            "bound": f.bound,
            "display": f.display,
            "period": str(result.period),
            "refreshed_at": result.refreshed_at,
        }
        for f in result
    ]


def page_period(request: "HttpRequest") -> tuple["Period | None", dict[str, object]]:
    """For a figure page: the period of `?periode=` (this year without it) and the context of the period
    chooser (`web/includes/figures_period.html`). None with a Dutch error when the value is not a quarter or
    a year."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    this_year = timezone.localdate().year
    choices = [
        (str(p), p.label)
        for year in range(this_year, this_year - 3, -1)
        for p in (Period(year), *Period(year).quarters)
    ]
    try:
        period = Period.parse(request.GET.get("periode") or str(this_year))
    except ValidationError as exc:
        return None, {"period_choices": choices, "period_error": exc.messages[0]}
    return period, {"period_choices": choices, "period": period}

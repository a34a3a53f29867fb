"""The patterns page for policy: a table and a chart (SVG, drawn on the server) per measure and year,
a CSV of exactly the figures shown, and when the summary tables were refreshed."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stevig.accounts.models import Role
from stevig.core import access
from stevig.core.context import actor_from_request
from stevig.patterns import selectors, services
from stevig.patterns.models import MEASURE_BREAKDOWNS, Breakdown, Measure


def _choices(request: HttpRequest) -> tuple[str, str, int]:
    measure = request.GET.get("maat", Measure.QUESTIONS)
    breakdown = request.GET.get("indeling") or MEASURE_BREAKDOWNS.get(measure, (Breakdown.NEIGHBOURHOOD,))[0]
    errors = {}
    if measure not in Measure.values:
        errors["maat"] = _("Kies wat u wilt zien.")
    if breakdown not in MEASURE_BREAKDOWNS.get(measure, ()):
        errors["indeling"] = _("Kies een indeling die bij deze cijfers past.")
    try:
        year = int(request.GET.get("jaar", timezone.localdate().year))
    except ValueError:
        errors["jaar"] = _("Kies een jaar, bijvoorbeeld 2026.")
        year = timezone.localdate().year
    if errors:
        raise ValidationError(errors)
    return measure, breakdown, year


@access.page(Role.POLICY)
@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    try:
        measure, breakdown, year = _choices(request)
    except ValidationError as exc:
        return render(
            request, "patterns/index.html", {"errors": exc.messages, "measures": Measure.choices}, status=400
        )
    result = selectors.pattern(
        actor=actor_from_request(request), measure=measure, breakdown=breakdown, year=year
    )
    return render(
        request,
        "patterns/index.html",
        {
            "pattern": result,
            "measures": Measure.choices,
            "breakdowns": [(b, Breakdown(b).label) for b in MEASURE_BREAKDOWNS[measure]],
            "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
            "chart_width": selectors.CHART_WIDTH,
        },
    )


@access.page(Role.POLICY)
@require_http_methods(["GET"])
def export_csv(request: HttpRequest) -> HttpResponse:
    try:
        measure, breakdown, year = _choices(request)
    except ValidationError:
        return HttpResponse(status=400)
    result = selectors.pattern(
        actor=actor_from_request(request), measure=measure, breakdown=breakdown, year=year
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="patronen-{measure}-{breakdown}-{year}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerows(result.csv_rows())
    return response


@access.page(Role.POLICY)
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    services.request_refresh(actor=actor_from_request(request))
    messages.success(
        request, _("De cijfers worden bijgewerkt. Dat duurt even; laad de pagina straks opnieuw.")
    )
    return redirect("patterns:index")

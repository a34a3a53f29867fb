"""Figures for policy (principle 11): mandate requests handled within term per department, rejected and
escalated, and the same for the whole municipality, for one quarter or year (`Period`).

Read from the summary tables that the background job fills (`patterns.services`, by the quarter the request
was sent), never from the raw rows. The department figures are the nested breakdowns of the mandate
requests (department x outcome), the municipality's shares their outcome breakdowns, and the patterns page
shows the same requests by term, neighbourhood, channel, ...: all of them are suppressed together with the
quarters as columns and the year as their total (`patterns.figures.suppress`, with the relations between
the breakdowns, `patterns.services.relations`). So a department hidden as "<5" cannot be computed back from
the municipality's numbers, from the year minus its quarters, or from the patterns page."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from stevig.core.suppression import MIN_SHARE_BASE as MIN_GROUP
from stevig.core.suppression import Figure, Period
from stevig.patterns import services as groups
from stevig.patterns.figures import Summaries
from stevig.patterns.models import Breakdown, Measure

__all__ = ["MIN_GROUP", "DepartmentFigures", "department_figures", "mandate_figures", "register_figures"]


@dataclass(frozen=True)
class DepartmentFigures:
    department: str
    total: int | None  # None when hidden
    within_term: Figure
    rejected: int | None
    escalated: int | None
    suppressed: bool
    total_display: str = ""  # "<5", "x" or the number
    rejected_display: str = ""
    escalated_display: str = ""


def departments(summaries: Summaries) -> list[str]:
    """The departments with requests in the year (a department without any has no row)."""
    table = summaries.tables(Measure.MANDATES).get(Breakdown.DEPARTMENT)
    return [str(d) for d in table.rows] if table else []


def department_figures(summaries: Summaries, period: Period) -> list[DepartmentFigures]:
    """One row per department. Its total, rejected and escalated counts are cells of the suppressed tables;
    its share within term is shown only when both its parts are shown (`Figure.share_of_cells`) and it has
    at least MIN_GROUP measured requests."""
    result = []
    m = Measure.MANDATES
    for d in departments(summaries):
        total = summaries.cell(m, Breakdown.DEPARTMENT, d, period)
        rejected = summaries.cell(m, Breakdown.DEPT_REJECTED, groups.nested(d, groups.REJECTED), period)
        escalated = summaries.cell(m, Breakdown.DEPT_ESCALATED, groups.nested(d, groups.ESCALATED), period)
        result.append(
            DepartmentFigures(
                d,
                total.value,
                summaries.share(
                    "mandate_requests_within_term",
                    _("Mandaatverzoeken op tijd afgehandeld"),
                    measure=m,
                    breakdown=Breakdown.DEPT_TERM,
                    part=groups.nested(d, groups.WITHIN),
                    rest=groups.nested(d, groups.LATE_OR_OVERDUE),
                    period=period,
                ),
                rejected.value,
                escalated.value,
                total.suppressed,
                total.display,
                rejected.display,
                escalated.display,
            )
        )
    return result


def mandate_figures(summaries: Summaries, period: Period) -> list[Figure]:
    """For the shared figures registry (`trajectories.figures`): the municipality's shares, the outcome
    breakdowns of the same suppressed tables as the department figures."""
    shares = (
        (
            "mandate_requests_within_term",
            _("Mandaatverzoeken op tijd afgehandeld (alle vakafdelingen)"),
            (Breakdown.MEASURED, groups.WITHIN, groups.LATE_OR_OVERDUE),
        ),
        ("mandate_requests_rejected", _("Mandaatverzoeken afgewezen"), (Breakdown.REJECTED, groups.REJECTED, groups.NOT_REJECTED)),
        (
            "mandate_requests_escalated",
            _("Mandaatverzoeken naar de coördinator (afgewezen of te laat)"),
            (Breakdown.ESCALATED, groups.ESCALATED, groups.NOT_ESCALATED),
        ),
    )  # fmt: skip
    return [
        summaries.share(
            key, label, measure=Measure.MANDATES, breakdown=b, part=part, rest=rest, period=period
        )
        for key, label, (b, part, rest) in shares
    ]


def register_figures() -> None:
    from stevig.trajectories import figures as registry

    registry.register("mandates", mandate_figures)

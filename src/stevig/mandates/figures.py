"""Figures for policy (principle 11): mandate requests handled within term per department, rejected and
escalated, and the same for the whole municipality. Aggregated in the database (one grouped query) and
suppressed by `stevig.core.suppression` as one set of tables: departments are the columns, the outcomes
the rows (within term / late / not yet measurable; rejected / not; to the coordinator / not). The column
totals are the departments' totals, the row totals the municipality's figures: so a department hidden
as "<5" cannot be computed back from the municipality figures beside it (secondary suppression, "x")."""

import uuid
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.core.suppression import MIN_SHARE_BASE as MIN_GROUP
from stevig.core.suppression import Cell, Figure, Table, suppress_breakdowns
from stevig.mandates.models import OPEN_STATUSES, MandateRequest, Status

__all__ = ["MIN_GROUP", "DepartmentFigures", "department_figures", "mandate_figures"]

WITHIN, LATE, NOT_YET = "op tijd", "te laat", "nog niet te meten"
REJECTED, NOT_REJECTED = "afgewezen", "niet afgewezen"
ESCALATED, NOT_ESCALATED = "naar de coördinator", "niet naar de coördinator"


def _requests(municipality_id: uuid.UUID, since: date | None, until: date | None):  # type: ignore[no-untyped-def]
    qs = MandateRequest.objects.filter(municipality_id=municipality_id)
    if since:
        qs = qs.filter(sent_on__gte=since)
    if until:
        qs = qs.filter(sent_on__lte=until)
    return qs


def _aggregates() -> dict[str, Count]:
    today = timezone.localdate()
    overdue_now = Q(status__in=OPEN_STATUSES, due_on__lt=today, handled_within_term__isnull=True)
    return {
        "total": Count("id"),
        # A request counts once its term has been tested: answered (in or out of term) or open past its date.
        "measured": Count("id", filter=Q(handled_within_term__isnull=False) | overdue_now),
        "within": Count("id", filter=Q(handled_within_term=True)),
        "rejected": Count("id", filter=Q(status=Status.REJECTED) | Q(rejection_reason__gt="")),
        "escalated": Count("id", filter=Q(escalated_at__isnull=False) | overdue_now),
    }


def _tables(
    municipality_id: uuid.UUID, since: date | None, until: date | None
) -> tuple[list[Hashable], dict[str, Table]]:
    rows = list(
        _requests(municipality_id, since, until)
        .values("department__name")
        .annotate(**_aggregates())
        .order_by("department__name")
    )
    departments: list[Hashable] = [r["department__name"] for r in rows]
    term: dict[tuple[Hashable, Hashable], int] = {}
    rejected: dict[tuple[Hashable, Hashable], int] = {}
    escalated: dict[tuple[Hashable, Hashable], int] = {}
    for r in rows:
        d = r["department__name"]
        term[(WITHIN, d)] = r["within"]
        term[(LATE, d)] = r["measured"] - r["within"]
        term[(NOT_YET, d)] = r["total"] - r["measured"]
        rejected[(REJECTED, d)] = r["rejected"]
        rejected[(NOT_REJECTED, d)] = r["total"] - r["rejected"]
        escalated[(ESCALATED, d)] = r["escalated"]
        escalated[(NOT_ESCALATED, d)] = r["total"] - r["escalated"]
    tables = suppress_breakdowns(
        {
            "term": (term, [WITHIN, LATE, NOT_YET]),
            "rejected": (rejected, [REJECTED, NOT_REJECTED]),
            "escalated": (escalated, [ESCALATED, NOT_ESCALATED]),
        },
        columns=departments,
    )
    return departments, tables


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


def department_figures(
    municipality_id: uuid.UUID, since: date | None = None, until: date | None = None
) -> list[DepartmentFigures]:
    """One row per department. A department's total, rejected and escalated counts are cells of the
    suppressed tables; its share within term is shown only when both its parts are shown and it has at
    least MIN_GROUP measured requests."""
    departments, tables = _tables(municipality_id, since, until)
    term, rejected, escalated = tables["term"], tables["rejected"], tables["escalated"]
    result = []
    for d in departments:
        total = term.column_total(d)
        result.append(
            DepartmentFigures(
                str(d),
                total.value,
                Figure.share_of_cells(
                    "mandate_requests_within_term",
                    _("Mandaatverzoeken op tijd afgehandeld"),
                    term.cell(WITHIN, d),
                    term.cell(LATE, d),
                ),
                rejected.cell(REJECTED, d).value,
                escalated.cell(ESCALATED, d).value,
                total.suppressed,
                total.display,
                rejected.cell(REJECTED, d).display,
                escalated.cell(ESCALATED, d).display,
            )
        )
    return result


def _rest(table: Table, row: str) -> Cell:
    """The other rows' total beside `row`: shown only when the row total and the grand total are."""
    part, whole = table.row_total(row), table.total
    if part.value is None or whole.value is None:
        return Cell(None)
    return Cell(whole.value - part.value)


def mandate_figures(municipality_id: uuid.UUID, since: date | None, until: date | None) -> list[Figure]:
    """For the shared figures registry (trajectories.figures): municipality-wide indicators, read from the
    row totals of the same suppressed tables as the department figures, so the two pages together give
    no hidden department away."""
    _departments, tables = _tables(municipality_id, since, until)
    term = tables["term"]
    return [
        Figure.share_of_cells(
            "mandate_requests_within_term",
            _("Mandaatverzoeken op tijd afgehandeld (alle vakafdelingen)"),
            term.row_total(WITHIN),
            term.row_total(LATE),
        ),
        Figure.share_of_cells(
            "mandate_requests_rejected",
            _("Mandaatverzoeken afgewezen"),
            tables["rejected"].row_total(REJECTED),
            _rest(tables["rejected"], REJECTED),
        ),
        Figure.share_of_cells(
            "mandate_requests_escalated",
            _("Mandaatverzoeken naar de coördinator (afgewezen of te laat)"),
            tables["escalated"].row_total(ESCALATED),
            _rest(tables["escalated"], ESCALATED),
        ),
    ]

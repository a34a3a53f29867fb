"""Figures for policy (principle 11): share of mandate requests handled within term per department,
rejected and escalated counts. Aggregated in the database; suppressed by `stevig.core.suppression`
(departments under MIN_GROUP requests hidden, counts 1..4 shown as "<5")."""

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.core.suppression import MIN_SHARE_BASE as MIN_GROUP
from stevig.core.suppression import Figure, count
from stevig.mandates.models import OPEN_STATUSES, MandateRequest, Status


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


@dataclass(frozen=True)
class DepartmentFigures:
    department: str
    total: int | None
    within_term: Figure
    rejected: int | None
    escalated: int | None
    suppressed: bool


def department_figures(
    municipality_id: uuid.UUID, since: date | None = None, until: date | None = None
) -> list[DepartmentFigures]:
    """One row per department (one grouped query). Counts of a department with fewer than MIN_GROUP
    requests are suppressed."""
    rows = (
        _requests(municipality_id, since, until)
        .values("department__name")
        .annotate(**_aggregates())
        .order_by("department__name")
    )
    result = []
    for row in rows:
        small = row["total"] < MIN_GROUP
        result.append(
            DepartmentFigures(
                row["department__name"],
                None if small else row["total"],
                Figure.share_of(
                    "mandate_requests_within_term",
                    _("Mandaatverzoeken op tijd afgehandeld"),
                    row["within"],
                    0 if small else row["measured"],
                ),
                None if small else count(row["rejected"]).value,  # "<5" when 1..4
                None if small else count(row["escalated"]).value,
                small,
            )
        )
    return result


def mandate_figures(municipality_id: uuid.UUID, since: date | None, until: date | None) -> list[Figure]:
    """For the shared figures registry (trajectories.figures): municipality-wide indicators."""
    row = _requests(municipality_id, since, until).aggregate(**_aggregates())
    total = row["total"]
    return [
        Figure.share_of(
            "mandate_requests_within_term",
            _("Mandaatverzoeken op tijd afgehandeld (alle vakafdelingen)"),
            row["within"],
            row["measured"],
        ),
        Figure.share_of("mandate_requests_rejected", _("Mandaatverzoeken afgewezen"), row["rejected"], total),
        Figure.share_of(
            "mandate_requests_escalated",
            _("Mandaatverzoeken naar de coördinator (afgewezen of te laat)"),
            row["escalated"],
            total,
        ),
    ]

"""Figures for policy (principles 10 and 13 of the kader), aggregated in the database only:

* share of decisions with a recorded reason (should be 100 %);
* share of lifelong decisions with a fitting duration (no end date, or at least FITTING_YEARS years).

Small groups are suppressed by `Figure.share_of`. The same source is registered in the shared figures
registry (`trajectories.figures`), so the indicators also appear beside the others.
"""

import uuid
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from stevig.trajectories import figures as registry
from stevig.trajectories.figures import Figure


def decision_figures(municipality_id: uuid.UUID, since: date | None, until: date | None) -> list[Figure]:
    """One aggregate query over the decisions taken in [since, until] (by decision date)."""
    from stevig.decisions.models import Decision

    qs = Decision.objects.filter(municipality_id=municipality_id)
    if since:
        qs = qs.filter(decided_on__gte=since)
    if until:
        qs = qs.filter(decided_on__lte=until)
    row = qs.aggregate(
        total=Count("id"),
        with_reason=Count("id", filter=~Q(reason="")),
        lifelong_total=Count("id", filter=Q(lifelong=True)),
        fitting_total=Count("id", filter=Q(lifelong=True, fitting_duration=True)),
    )
    return [
        Figure.share_of(
            "decisions_with_reason",
            _("Beschikkingen met een vastgelegde reden"),
            row["with_reason"],
            row["total"],
        ),
        Figure.share_of(
            "lifelong_decisions_fitting_duration",
            _("Beschikkingen bij een levenslange beperking met een passende duur"),
            row["fitting_total"],
            row["lifelong_total"],
        ),
    ]


def register_figures() -> None:
    registry.register("decisions", decision_figures)

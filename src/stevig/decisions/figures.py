"""Figures for policy (principles 10 and 13 of the kader), aggregated in the database only:

* share of decisions with an own reason: at least OWN_REASON_MIN_CHARS characters and not the same text as
  another decision of the municipality. ("With a recorded reason" was 100 % by construction: the database
  forbids an empty reason. A reason copied onto many decisions is what principle 13 warns against: every
  decision carries the reason why it fits this household.)
* share of lifelong decisions with a fitting duration (no end date, or at least FITTING_YEARS years).

Small groups are suppressed by `Figure.share_of` (`stevig.core.suppression`). The same source is registered in the shared figures
registry (`trajectories.figures`), so the indicators also appear beside the others.
"""

import uuid
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from stevig.core.suppression import Figure
from stevig.trajectories import figures as registry

OWN_REASON_MIN_CHARS = 40


def decision_figures(municipality_id: uuid.UUID, since: date | None, until: date | None) -> list[Figure]:
    """One aggregate query over the decisions taken in [since, until] (by decision date)."""
    from stevig.decisions.models import Decision

    qs = Decision.objects.filter(municipality_id=municipality_id)
    if since:
        qs = qs.filter(decided_on__gte=since)
    if until:
        qs = qs.filter(decided_on__lte=until)
    copied = Exists(
        Decision.objects.filter(municipality_id=municipality_id, reason=OuterRef("reason")).exclude(
            pk=OuterRef("pk")
        )
    )
    row = qs.annotate(reason_length=Length("reason"), copied=copied).aggregate(
        total=Count("id"),
        own_reason=Count("id", filter=Q(reason_length__gte=OWN_REASON_MIN_CHARS, copied=False)),
        lifelong_total=Count("id", filter=Q(lifelong=True)),
        fitting_total=Count("id", filter=Q(lifelong=True, fitting_duration=True)),
    )
    return [
        Figure.share_of(
            "decisions_with_own_reason",
            _("Beschikkingen met een eigen reden (niet gekopieerd van een andere beschikking)"),
            row["own_reason"],
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

"""Figures for policy (principles 3 and 5): aggregated in the database, never an individual file.

* analysis before the plan: of the trajectories with an agreed plan, the share with at least one broad
  analysis dated on or before the day the first version was agreed;
* network or social basis: of the trajectories with a household plan, the share with a plan action by
  the network or a partner in the social basis, or a warm referral to the social map.

Suppressed by `stevig.core.suppression` (the one module for every figure): a share over fewer than
`MIN_GROUP` trajectories is not shown, and when the part or the rest is 1..4 only a bound is shown.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from stevig.analysis.models import Analysis
from stevig.core.suppression import MIN_SHARE_BASE, Figure, Period
from stevig.plans.models import NETWORK_OR_SOCIAL_BASIS, HouseholdPlan, PlanAction, PlanVersion
from stevig.socialmap.models import Referral
from stevig.trajectories.models import Trajectory

MIN_GROUP = MIN_SHARE_BASE


@dataclass(frozen=True)
class Share:
    """A share over a group of trajectories; None where it is not shown (see `Figure.share_of`)."""

    numerator: int | None
    denominator: int | None
    share_percent: int | None
    suppressed: bool
    bound: str = ""

    @classmethod
    def of(cls, numerator: int, denominator: int) -> "Share":
        figure = Figure.share_of("", "", numerator, denominator)
        return cls(figure.numerator, figure.denominator, figure.percentage, figure.suppressed, figure.bound)


@dataclass(frozen=True)
class PlanFigures:
    period_from: date | None
    period_until: date | None
    analysis_before_plan: Share
    network_or_social_basis: Share
    min_group: int = MIN_GROUP


def plan_figures(
    *, municipality_id: uuid.UUID, opened_from: date | None = None, opened_until: date | None = None
) -> PlanFigures:
    """One aggregate query over the municipality's trajectories opened in the period (one quarter or year:
    overlapping free ranges could isolate a small group by their difference)."""
    if opened_from or opened_until:
        Period.from_range(opened_from, opened_until, today=timezone.localdate())
    trajectories = Trajectory.objects.filter(municipality_id=municipality_id)
    if opened_from:
        trajectories = trajectories.filter(opened_at__date__gte=opened_from)
    if opened_until:
        trajectories = trajectories.filter(opened_at__date__lte=opened_until)
    first_agreed = Subquery(
        PlanVersion.objects.filter(plan__trajectory=OuterRef("pk"))
        .order_by("agreed_on")
        .values("agreed_on")[:1]
    )
    first_analysis = Subquery(
        Analysis.objects.filter(trajectory=OuterRef("pk")).order_by("analysed_on").values("analysed_on")[:1]
    )
    annotated = trajectories.annotate(
        first_agreed=first_agreed,
        first_analysis=first_analysis,
        has_plan=Exists(HouseholdPlan.objects.filter(trajectory=OuterRef("pk"))),
        network_action=Exists(
            PlanAction.objects.filter(
                goal__plan__trajectory=OuterRef("pk"), owner_type__in=NETWORK_OR_SOCIAL_BASIS
            )
        ),
        referred=Exists(Referral.objects.filter(trajectory=OuterRef("pk"))),
    )
    totals = annotated.aggregate(
        agreed=Count("pk", filter=Q(first_agreed__isnull=False)),
        analysis_first=Count(
            "pk", filter=Q(first_agreed__isnull=False, first_analysis__lte=F("first_agreed"))
        ),
        with_plan=Count("pk", filter=Q(has_plan=True)),
        network=Count("pk", filter=Q(has_plan=True) & (Q(network_action=True) | Q(referred=True))),
    )
    return PlanFigures(
        period_from=opened_from,
        period_until=opened_until,
        analysis_before_plan=Share.of(totals["analysis_first"], totals["agreed"]),
        network_or_social_basis=Share.of(totals["network"], totals["with_plan"]),
    )

"""Figures for policy (principles 3 and 5): read from the summary tables (`patterns.figures`, filled by the
background job), by the quarter the trajectory was opened, never an individual file.

* analysis before the plan: of the trajectories with an agreed plan, the share with at least one broad
  analysis dated on or before the day the first version was agreed;
* network or social basis: of the trajectories with a household plan, the share with a plan action by
  the network or a partner in the social basis, or a warm referral to the social map.

Suppressed by `stevig.core.suppression` together with every other breakdown of the trajectories opened: a
share is shown when its part and rest are both shown and it covers at least `MIN_GROUP` trajectories.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from stevig.core.suppression import MIN_SHARE_BASE, Figure, Period
from stevig.patterns import services as groups
from stevig.patterns.figures import Summaries
from stevig.patterns.models import Breakdown, Measure

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
    def from_figure(cls, figure: Figure) -> "Share":
        return cls(figure.numerator, figure.denominator, figure.percentage, figure.suppressed, figure.bound)


@dataclass(frozen=True)
class PlanFigures:
    period_from: date | None
    period_until: date | None
    analysis_before_plan: Share
    network_or_social_basis: Share
    period: str = ""
    refreshed_at: datetime | None = None
    min_group: int = MIN_GROUP


def plan_figures(*, municipality_id: uuid.UUID, period: Period) -> PlanFigures:
    """Both shares for one quarter or year (two queries: the summary counts and their refresh time)."""
    summaries = Summaries.load(municipality_id, period.year)

    def share(breakdown: str, part: str, rest: str) -> Share:
        return Share.from_figure(
            summaries.share(
                "", "", measure=Measure.TRAJECTORIES, breakdown=breakdown, part=part, rest=rest, period=period
            )
        )

    return PlanFigures(
        period_from=period.start,
        period_until=period.end,
        analysis_before_plan=share(Breakdown.PLAN_ANALYSIS, groups.ANALYSIS_FIRST, groups.ANALYSIS_LATER),
        network_or_social_basis=share(Breakdown.PLAN_NETWORK, groups.WITH_NETWORK, groups.WITHOUT_NETWORK),
        period=str(period),
        refreshed_at=summaries.refreshed_at,
    )

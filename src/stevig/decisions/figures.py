"""Figures for policy (principles 10 and 13 of the kader), read from the summary tables
(`patterns.figures`, filled by the background job), by the quarter of the decision date:

* share of decisions with an own reason: at least OWN_REASON_MIN_CHARS characters and not the same text as
  another decision of the municipality. ("With a recorded reason" was 100 % by construction: the database
  forbids an empty reason. A reason copied onto many decisions is what principle 13 warns against: every
  decision carries the reason why it fits this household.)
* share of lifelong decisions with a fitting duration (no end date, or at least FITTING_YEARS years).

Suppressed with the other breakdowns of the decisions (`stevig.core.suppression`). The same source is
registered in the shared figures registry (`trajectories.figures`), so the indicators also appear beside
the others.
"""

from django.utils.translation import gettext as _

from stevig.core.suppression import Figure, Period
from stevig.patterns import services as groups
from stevig.patterns.figures import Summaries
from stevig.patterns.models import Breakdown, Measure
from stevig.trajectories import figures as registry

OWN_REASON_MIN_CHARS = groups.OWN_REASON_MIN_CHARS


def decision_figures(summaries: Summaries, period: Period) -> list[Figure]:
    return [
        summaries.share(
            "decisions_with_own_reason",
            _("Beschikkingen met een eigen reden (niet gekopieerd van een andere beschikking)"),
            measure=Measure.DECISIONS,
            breakdown=Breakdown.OWN_REASON,
            part=groups.OWN_REASON,
            rest=groups.NO_OWN_REASON,
            period=period,
        ),
        summaries.share(
            "lifelong_decisions_fitting_duration",
            _("Beschikkingen bij een levenslange beperking met een passende duur"),
            measure=Measure.DECISIONS,
            breakdown=Breakdown.DURATION,
            part=groups.LIFELONG_FITTING,
            rest=groups.LIFELONG_OTHER,
            period=period,
        ),
    ]


def register_figures() -> None:
    registry.register("decisions", decision_figures)

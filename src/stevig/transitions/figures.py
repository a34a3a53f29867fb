"""Figure for policy (kader principle 9), read from the summary tables (`patterns.figures`,
`patterns.services.half_year`): of the young people with youth help who turned 17.5 in the period, the
share with a toekomstplan. Suppressed through `stevig.core.suppression`."""

from django.utils.translation import gettext as _

from stevig.core.suppression import Figure, Period
from stevig.patterns import services as groups
from stevig.patterns.figures import Summaries
from stevig.patterns.models import Breakdown, FigureMeasure
from stevig.trajectories import figures as registry


def transition_figures(summaries: Summaries, period: Period) -> list[Figure]:
    return [
        summaries.share(
            "youth_17_5_with_future_plan",
            _("Jongeren met jeugdhulp die 17,5 werden en een toekomstplan hebben"),
            measure=FigureMeasure.HALF_YEAR,
            breakdown=Breakdown.HAS_PLAN,
            part=groups.WITH_FUTURE_PLAN,
            rest=groups.WITHOUT_FUTURE_PLAN,
            period=period,
        )
    ]


def register_figures() -> None:
    registry.register("transitions", transition_figures)

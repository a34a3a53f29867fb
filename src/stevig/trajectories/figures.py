"""Figures for policy (principles 5, 6, 7 of the kader): shares only, read from the summary tables.

Every share is served from the summary tables that the background job fills (`patterns.services`), for one
calendar quarter or one year (`Period`; never all time or a free range), and suppressed together with the
other figures of its year by the one suppression module (`patterns.figures.Summaries`,
`stevig.core.suppression`). Other apps add their indicators by registering a source:

    def plan_figures(summaries: Summaries, period: Period) -> list[Figure]:
        return [summaries.share("plan_with_network_action", "…", measure=Measure.TRAJECTORIES,
                                breakdown=Breakdown.PLAN_NETWORK, part=WITH_NETWORK, rest=WITHOUT_NETWORK,
                                period=period)]

    figures.register("plans", plan_figures)
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from stevig.core.db_router import reporting
from stevig.core.suppression import MIN_SHARE_BASE, Figure, Period
from stevig.patterns import services as groups
from stevig.patterns.figures import Summaries
from stevig.patterns.models import Breakdown, FigureMeasure, Measure

# The rules live in the one suppression module; re-exported for the apps that register sources here.
MIN_GROUP = MIN_SHARE_BASE
__all__ = ["MIN_GROUP", "Figure", "FigureSource", "Figures", "collect", "register", "unregister"]


FigureSource = Callable[[Summaries, Period], list[Figure]]

_SOURCES: dict[str, FigureSource] = {}


def register(key: str, source: FigureSource) -> FigureSource:
    _SOURCES[key] = source
    return source


def unregister(key: str) -> None:
    _SOURCES.pop(key, None)


def trajectory_figures(summaries: Summaries, period: Period) -> list[Figure]:
    """This app's indicators: trajectories by opening quarter, evaluations by their date, pilot-light
    contacts by their due date."""
    return [
        summaries.share(
            "trajectories_with_basic_help",
            _("Trajecten met basishulp door het team"),
            measure=Measure.TRAJECTORIES,
            breakdown=Breakdown.BASIC_HELP,
            part=groups.WITH_BASIC_HELP,
            rest=groups.WITHOUT_BASIC_HELP,
            period=period,
        ),
        summaries.share(
            "evaluations_on_time",
            _("Evaluaties van basishulp op tijd"),
            measure=FigureMeasure.EVALUATIONS,
            breakdown=Breakdown.TERM,
            part=groups.ON_TIME,
            rest=groups.LATE,
            period=period,
        ),
        summaries.share(
            "pilot_light_on_time",
            _("Waakvlamcontacten op tijd"),
            measure=FigureMeasure.PILOT_LIGHT,
            breakdown=Breakdown.TERM,
            part=groups.ON_TIME,
            rest=groups.LATE,
            period=period,
        ),
        summaries.average(
            "consultations_per_trajectory",
            _("Consultaties per traject (gemiddeld)"),
            amount=summaries.cell(FigureMeasure.CONSULTATIONS, Breakdown.COUNT, groups.CONSULTATIONS, period),
            cases=summaries.total(Measure.TRAJECTORIES, period),
        ),
    ]


register("trajectories", trajectory_figures)


@dataclass(frozen=True)
class Figures:
    period: Period
    refreshed_at: datetime | None
    figures: list[Figure]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.figures)


def collect(municipality_id: uuid.UUID, period: Period) -> Figures:
    """Every registered source's figures for one quarter or year, from the summary tables (read from the
    replica when one is configured)."""
    with reporting():
        summaries = Summaries.load(municipality_id, period.year)
        found: list[Figure] = []
        for key in sorted(_SOURCES):
            found.extend(_SOURCES[key](summaries, period))
    return Figures(period, summaries.refreshed_at, found)

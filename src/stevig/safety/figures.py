"""Figures for policy (kader principle 12), read from the summary tables (`patterns.figures`) by the
quarter the track was opened: safety tracks decided at step 5 of the Meldcode, and how fast. Suppressed
with the other breakdowns of the safety tracks (`stevig.core.suppression`).

Registered in the shared figures registry, so they appear beside the other indicators. No notes, no
names: counts only."""

from django.utils.translation import gettext as _

from stevig.core.suppression import Figure, Period
from stevig.patterns import services as groups
from stevig.patterns.figures import Summaries
from stevig.patterns.models import Breakdown, Measure
from stevig.trajectories import figures as registry

DECISION_DAYS = groups.DECISION_DAYS


def safety_figures(summaries: Summaries, period: Period) -> list[Figure]:
    """The share of tracks decided at step 5, and of the decided ones the share within DECISION_DAYS days."""
    return [
        summaries.share(
            "safety_tracks_decided",
            _("Veiligheidssporen (Meldcode) met een besluit in stap 5"),
            measure=Measure.SAFETY,
            breakdown=Breakdown.DECIDED,
            part=groups.DECIDED,
            rest=groups.NOT_DECIDED,
            period=period,
        ),
        summaries.share(
            "safety_tracks_decided_within_14_days",
            _("Veiligheidssporen besloten binnen 14 dagen na openen"),
            measure=Measure.SAFETY,
            breakdown=Breakdown.SPEED,
            part=groups.DECIDED_FAST,
            rest=groups.DECIDED_LATER,
            period=period,
        ),
    ]


def register_figures() -> None:
    registry.register("safety", safety_figures)

"""Figures for policy (principles 5, 6, 7 of the kader): aggregated only, small groups suppressed.

Other apps add their indicators by registering a source that returns `Figure`s for a municipality:

    from stevig.trajectories import figures

    def plan_figures(municipality_id, since, until):
        with_network, total = ...   # counts over trajectories opened in [since, until]
        return [figures.Figure.share("plan_with_network_action", "Plannen met een actie door netwerk of
                sociale basis", with_network, total)]

    figures.register("plans", plan_figures)

`since`/`until` (dates, may be None) limit the trajectories by their opening date. Every count is done
in the database; `Figure.share_of` (from `stevig.core.suppression`, the one suppression module) applies
the small-group rules, so no source can leak a small group.
"""

import uuid
from collections.abc import Callable
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.core.db_router import reporting
from stevig.core.suppression import MIN_SHARE_BASE, Figure

# The rules live in the one suppression module; re-exported for the apps that register sources here.
MIN_GROUP = MIN_SHARE_BASE
__all__ = ["MIN_GROUP", "Figure", "FigureSource", "collect", "register", "unregister"]


FigureSource = Callable[[uuid.UUID, date | None, date | None], list[Figure]]

_SOURCES: dict[str, FigureSource] = {}


def register(key: str, source: FigureSource) -> FigureSource:
    _SOURCES[key] = source
    return source


def unregister(key: str) -> None:
    _SOURCES.pop(key, None)


def _trajectories(municipality_id: uuid.UUID, since: date | None, until: date | None):  # type: ignore[no-untyped-def]
    from stevig.trajectories.models import Trajectory

    qs = Trajectory.objects.filter(municipality_id=municipality_id)
    if since:
        qs = qs.filter(opened_at__date__gte=since)
    if until:
        qs = qs.filter(opened_at__date__lte=until)
    return qs


def trajectory_figures(municipality_id: uuid.UUID, since: date | None, until: date | None) -> list[Figure]:
    """This app's indicators, each computed by one aggregate query."""
    from stevig.trajectories.models import BasicHelp, Contact, PilotLight

    today = timezone.localdate()
    trajectories = _trajectories(municipality_id, since, until)
    counts = trajectories.aggregate(
        total=Count("id", distinct=True),
        with_help=Count(
            "id", distinct=True, filter=Q(Exists(BasicHelp.objects.filter(trajectory_id=OuterRef("pk"))))
        ),
        consultations=Count("consultations"),
    )
    evaluations = (
        BasicHelp.objects.filter(trajectory__in=trajectories)
        .filter(Q(evaluated_at__isnull=False) | Q(evaluation_date__lt=today))
        .aggregate(
            due=Count("id"),
            on_time=Count("id", filter=Q(evaluated_at__isnull=False, evaluated_at__lte=F("evaluation_date"))),
        )
    )
    answered = Contact.objects.filter(trajectory__in=trajectories, pilot_light_due__isnull=False).aggregate(
        total=Count("id"), on_time=Count("id", filter=Q(contact_date__lte=F("pilot_light_due")))
    )
    missed_now = PilotLight.objects.filter(
        trajectory__in=trajectories, ended_at__isnull=True, next_due__lt=today
    ).count()
    total = counts["total"]
    result = [
        Figure.share_of(
            "trajectories_with_basic_help",
            _("Trajecten met basishulp door het team"),
            counts["with_help"],
            total,
        ),
        Figure.share_of(
            "evaluations_on_time",
            _("Evaluaties van basishulp op tijd"),
            evaluations["on_time"],
            evaluations["due"],
        ),
        Figure.share_of(
            "pilot_light_on_time",
            _("Waakvlamcontacten op tijd"),
            answered["on_time"],
            answered["total"] + missed_now,
        ),
    ]
    result.append(
        Figure.average_of(
            "consultations_per_trajectory",
            _("Consultaties per traject (gemiddeld)"),
            counts["consultations"],
            total,
        )
    )
    return result


register("trajectories", trajectory_figures)


def collect(municipality_id: uuid.UUID, since: date | None = None, until: date | None = None) -> list[Figure]:
    """Every registered source's figures, read from the replica when one is configured."""
    figures: list[Figure] = []
    with reporting():
        for key in sorted(_SOURCES):
            figures.extend(_SOURCES[key](municipality_id, since, until))
    return figures

"""Figures for policy (kader principle 12), aggregated in the database and suppressed through
`stevig.core.suppression`: safety tracks decided at step 5 of the Meldcode, and how fast.

Registered in the shared figures registry, so they appear beside the other indicators. No notes, no
names: counts only."""

import uuid
from datetime import date, timedelta

from django.db.models import Count, ExpressionWrapper, F, Q
from django.db.models.fields import DurationField
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from stevig.core.suppression import Figure
from stevig.trajectories import figures as registry

DECISION_DAYS = 14


def safety_figures(municipality_id: uuid.UUID, since: date | None, until: date | None) -> list[Figure]:
    """Over the tracks opened in [since, until]: the share decided at step 5, and of those the share
    decided within DECISION_DAYS days of opening."""
    from stevig.safety.models import SafetyTrack

    qs = SafetyTrack.objects.filter(municipality_id=municipality_id)
    if since:
        qs = qs.filter(opened_at__date__gte=since)
    if until:
        qs = qs.filter(opened_at__date__lte=until)
    qs = qs.annotate(
        took=ExpressionWrapper(F("decided_on") - TruncDate("opened_at"), output_field=DurationField())
    )
    row = qs.aggregate(
        opened=Count("id"),
        decided=Count("id", filter=Q(decided_on__isnull=False)),
        fast=Count("id", filter=Q(decided_on__isnull=False, took__lte=timedelta(days=DECISION_DAYS))),
    )
    return [
        Figure.share_of(
            "safety_tracks_decided",
            _("Veiligheidssporen (Meldcode) met een besluit in stap 5"),
            row["decided"],
            row["opened"],
        ),
        Figure.share_of(
            "safety_tracks_decided_within_14_days",
            _("Veiligheidssporen besloten binnen 14 dagen na openen"),
            row["fast"],
            row["decided"],
        ),
    ]


def register_figures() -> None:
    registry.register("safety", safety_figures)

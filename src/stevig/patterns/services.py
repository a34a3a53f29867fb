"""Fill the summary tables from the raw rows, in the database (GROUP BY), one transaction per municipality."""

import uuid

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role
from stevig.core.context import Actor
from stevig.core.errors import RoleDenied
from stevig.patterns.models import Breakdown, Measure, SummaryCount, SummaryRefresh

UNKNOWN = "onbekend"


def _counts(municipality_id: uuid.UUID) -> list[SummaryCount]:
    from stevig.intake.models import Question
    from stevig.trajectories.models import Trajectory

    sources = [
        (Measure.QUESTIONS, Question.objects.filter(municipality_id=municipality_id), "received_at"),
        (Measure.TRAJECTORIES, Trajectory.objects.filter(municipality_id=municipality_id), "opened_at"),
    ]
    channel_labels = dict(Question._meta.get_field("channel").choices or [])
    rows: list[SummaryCount] = []
    for measure, qs, when in sources:
        hood_path = (
            "neighbourhood__name" if measure == Measure.QUESTIONS else "household__neighbourhood__name"
        )
        breakdowns = [(Breakdown.NEIGHBOURHOOD, hood_path)]
        if measure == Measure.QUESTIONS:
            breakdowns.append((Breakdown.CHANNEL, "channel"))
        for breakdown, path in breakdowns:
            grouped = (
                qs.annotate(y=ExtractYear(when), q=ExtractQuarter(when))
                .values("y", "q", path)
                .annotate(n=Count("id"))
                .order_by()
            )
            for row in grouped:
                label = row[path] or UNKNOWN
                if breakdown == Breakdown.CHANNEL:
                    label = str(channel_labels.get(label, label))
                rows.append(
                    SummaryCount(
                        municipality_id=municipality_id,
                        measure=measure,
                        breakdown=breakdown,
                        group=label,
                        year=row["y"],
                        quarter=row["q"],
                        count=row["n"],
                    )
                )
    return rows


@transaction.atomic
def refresh(*, municipality_id: uuid.UUID) -> SummaryRefresh:
    """Replace the municipality's summary counts by a fresh count and record when."""
    rows = _counts(municipality_id)
    SummaryCount.objects.filter(municipality_id=municipality_id).delete()
    SummaryCount.objects.bulk_create(rows, batch_size=1000)
    stamp, _created = SummaryRefresh.objects.update_or_create(
        municipality_id=municipality_id, defaults={"refreshed_at": timezone.now()}
    )
    return stamp


@transaction.atomic
def request_refresh(*, actor: Actor) -> None:
    """Policy asks for fresh figures now; the background job does the counting."""
    from stevig.patterns.tasks import refresh_summaries

    if not actor.user.is_staff_member or actor.role != Role.POLICY:
        raise RoleDenied(_("Alleen beleid werkt de patronen bij."))
    refresh_summaries.enqueue(str(actor.municipality_id))

"""Fill the summary tables from the raw rows, in the database (GROUP BY), one transaction per municipality.

`SOURCES` says, per measure, which rows are counted, by which date they fall in a quarter, and how each
breakdown groups them (a field path, with its choice labels, or an expression such as the waiting-time
band). Only counts are stored."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import ExtractQuarter, ExtractYear, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role
from stevig.core.context import Actor
from stevig.core.errors import RoleDenied
from stevig.patterns.models import Breakdown, Measure, SummaryCount, SummaryRefresh

UNKNOWN = "onbekend"
WAIT_BANDS = ((2, "0-2 dagen"), (5, "3-5 dagen"), (10, "6-10 dagen"))
WAIT_LONGER = "meer dan 10 dagen"


@dataclass(frozen=True)
class Source:
    measure: str
    rows: Callable[[uuid.UUID], QuerySet[Any]]
    when: str  # the date (or datetime) that puts a row in a quarter
    breakdowns: dict[str, Any]  # breakdown → field path or expression
    labels: dict[str, dict[Any, str]] | None = None  # breakdown → labels of stored values


def _choices(model: Any, name: str) -> dict[Any, str]:
    return {k: str(v) for k, v in (model._meta.get_field(name).choices or [])}


def _sources() -> list[Source]:
    from stevig.analysis.models import DomainScore
    from stevig.decisions.models import Decision
    from stevig.intake.models import FirstContact, Question
    from stevig.mandates.models import MandateRequest
    from stevig.safety.models import SafetyTrack
    from stevig.socialmap.models import Referral
    from stevig.trajectories.models import BasicHelp, Trajectory
    from stevig.transitions.models import FuturePlan

    def of(model: Any) -> Callable[[uuid.UUID], QuerySet[Any]]:
        return lambda municipality_id: model.objects.filter(municipality_id=municipality_id)

    waited = ExpressionWrapper(
        F("contact_date") - TruncDate("question__received_at"), output_field=DurationField()
    )
    wait_band = Case(
        *[When(waited__lte=timedelta(days=days), then=Value(label)) for days, label in WAIT_BANDS],
        default=Value(WAIT_LONGER),
        output_field=CharField(),
    )
    term = Case(
        When(handled_within_term=True, then=Value("op tijd")),
        When(handled_within_term=False, then=Value("te laat")),
        default=Value("nog open"),
        output_field=CharField(),
    )
    decided = Case(
        When(decided_on__isnull=False, then=Value("besloten")),
        default=Value("nog geen besluit"),
        output_field=CharField(),
    )
    return [
        Source(
            Measure.QUESTIONS,
            of(Question),
            "received_at",
            {
                Breakdown.NEIGHBOURHOOD: "neighbourhood__name",
                Breakdown.CHANNEL: "channel",
                Breakdown.TOPIC: "kind",
            },
            {Breakdown.CHANNEL: _choices(Question, "channel"), Breakdown.TOPIC: _choices(Question, "kind")},
        ),
        Source(
            Measure.FIRST_CONTACTS,
            lambda municipality_id: FirstContact.objects.filter(municipality_id=municipality_id).annotate(
                waited=waited
            ),
            "contact_date",
            {
                Breakdown.NEIGHBOURHOOD: "question__neighbourhood__name",
                Breakdown.CHANNEL: "question__channel",
                Breakdown.WAIT: wait_band,
            },
            {Breakdown.CHANNEL: _choices(Question, "channel")},
        ),
        Source(
            Measure.TRAJECTORIES,
            of(Trajectory),
            "opened_at",
            {Breakdown.NEIGHBOURHOOD: "household__neighbourhood__name"},
        ),
        Source(
            Measure.ANALYSIS_SCORES,
            of(DomainScore),
            "analysis__analysed_on",
            {Breakdown.DOMAIN: "domain", Breakdown.SCORE: "score"},
            {
                Breakdown.DOMAIN: _choices(DomainScore, "domain"),
                Breakdown.SCORE: _choices(DomainScore, "score"),
            },
        ),
        Source(
            Measure.HELP,
            of(BasicHelp),
            "start_date",
            {
                Breakdown.KIND: Value("basishulp"),
                Breakdown.NEIGHBOURHOOD: "trajectory__household__neighbourhood__name",
            },
        ),
        Source(
            Measure.HELP,
            of(Referral),
            "referred_on",
            {
                Breakdown.KIND: Value("warme verwijzing"),
                Breakdown.NEIGHBOURHOOD: "trajectory__household__neighbourhood__name",
            },
        ),
        Source(
            Measure.MANDATES,
            of(MandateRequest),
            "sent_on",
            {Breakdown.TERM: term, Breakdown.NEIGHBOURHOOD: "household__neighbourhood__name"},
        ),
        Source(
            Measure.DECISIONS,
            of(Decision),
            "decided_on",
            {Breakdown.OUTCOME: "outcome", Breakdown.LAW: "law"},
            {Breakdown.OUTCOME: _choices(Decision, "outcome"), Breakdown.LAW: _choices(Decision, "law")},
        ),
        Source(
            Measure.FUTURE_PLANS,
            of(FuturePlan),
            "created_at",
            {Breakdown.NEIGHBOURHOOD: "household__neighbourhood__name"},
        ),
        Source(
            Measure.SAFETY,
            of(SafetyTrack),
            "opened_at",
            {Breakdown.DECIDED: decided, Breakdown.NEIGHBOURHOOD: "household__neighbourhood__name"},
        ),
    ]


def _counts(municipality_id: uuid.UUID) -> list[SummaryCount]:
    totals: dict[tuple[str, str, str, int, int], int] = {}
    for source in _sources():
        for breakdown, path in source.breakdowns.items():
            labels = (source.labels or {}).get(breakdown, {})
            grouped = (
                source.rows(municipality_id)
                .annotate(
                    y=ExtractYear(source.when),
                    q=ExtractQuarter(source.when),
                    g=path if not isinstance(path, str) else F(path),
                )
                .values("y", "q", "g")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in grouped:
                value = row["g"]
                label = UNKNOWN if value in (None, "") else str(labels.get(value, value))
                key = (source.measure, breakdown, label, row["y"], row["q"])
                totals[key] = totals.get(key, 0) + row["n"]
    return [
        SummaryCount(
            municipality_id=municipality_id, measure=m, breakdown=b, group=g, year=y, quarter=q, count=n
        )
        for (m, b, g, y, q), n in totals.items()
    ]


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

"""Scoped reads of signals and groups. Signals hold no resident data; the rule is still default deny:

* medewerker, teamleider, coördinator: the signals they raised and those of their team, with the answer;
* beleid: every signal and group of the municipality (never a household: there is no link to one);
* everyone else (vakafdeling, beheer, privacy): nothing.
"""

import uuid
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role
from stevig.core.access import FILE_ROLES
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied, RoleDenied
from stevig.core.suppression import Period
from stevig.signalering.models import Category, Signal, SignalEvent, SignalGroup, Status

READ_ROLES = FILE_ROLES | {Role.POLICY}


def signals_visible_to(actor: Actor) -> QuerySet[Signal]:
    if not actor.user.is_staff_member or actor.role not in READ_ROLES:
        raise RoleDenied(_("Deze rol ziet geen knelpunten."))
    qs = Signal.objects.filter(municipality_id=actor.municipality_id)
    if actor.role == Role.POLICY:
        return qs
    mine = Q(raised_by=actor.user)
    if actor.user.team_id:
        mine |= Q(team_id=actor.user.team_id)
    return qs.filter(mine)


def signal_list(actor: Actor) -> QuerySet[Signal]:
    """Newest first, for a keyset page (`-created_at`, `id`)."""
    return (
        signals_visible_to(actor)
        .select_related("neighbourhood", "facility", "department", "team", "group")
        .order_by("-created_at", "-id")
    )


def signal_detail(actor: Actor, signal_id: uuid.UUID) -> Signal:
    signal = signal_list(actor).filter(id=signal_id).first()
    if signal is None:
        raise AccessDenied(_("Dit knelpunt bestaat niet of is niet van u of uw team."))
    return signal


def _policy_only(actor: Actor) -> None:
    if not actor.user.is_staff_member or actor.role != Role.POLICY:
        raise RoleDenied(_("Alleen beleid ziet de groepen van knelpunten."))


@dataclass(frozen=True)
class Cluster:
    """Signals not yet in a group that look alike: same category and neighbourhood."""

    category: str
    neighbourhood_id: uuid.UUID | None
    neighbourhood: str
    count: int
    signal_ids: list[uuid.UUID]

    @property
    def category_label(self) -> str:
        return str(Category(self.category).label)

    @property
    def label(self) -> str:
        return _("%(n)s signalen: %(c)s, %(w)s") % {
            "n": self.count,
            "c": self.category_label,
            "w": self.neighbourhood,
        }


MAX_CLUSTERS = 50


def clusters(actor: Actor) -> list[Cluster]:
    """Ungrouped signals bundled by category and neighbourhood, largest first (two queries)."""
    _policy_only(actor)
    ungrouped = Signal.objects.filter(municipality_id=actor.municipality_id, group__isnull=True)
    rows = list(
        ungrouped.values("category", "neighbourhood_id", "neighbourhood__name")
        .annotate(n=Count("id"))
        .order_by("-n", "category", "neighbourhood__name")[:MAX_CLUSTERS]
    )
    ids: dict[tuple[str, uuid.UUID | None], list[uuid.UUID]] = {}
    keys = {(r["category"], r["neighbourhood_id"]) for r in rows}
    for category, hood, pk in ungrouped.order_by("created_at").values_list(
        "category", "neighbourhood_id", "id"
    ):
        if (category, hood) in keys:
            ids.setdefault((category, hood), []).append(pk)
    return [
        Cluster(
            r["category"],
            r["neighbourhood_id"],
            r["neighbourhood__name"] or _("hele gemeente"),
            r["n"],
            ids.get((r["category"], r["neighbourhood_id"]), []),
        )
        for r in rows
    ]


def group_list(actor: Actor) -> QuerySet[SignalGroup]:
    _policy_only(actor)
    return (
        SignalGroup.objects.filter(municipality_id=actor.municipality_id)
        .select_related("neighbourhood")
        .annotate(signal_count=Count("signals"))
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class QuarterCount:
    period: str
    label: str
    count: int


@dataclass
class GroupView:
    group: SignalGroup
    signals: list[Signal]
    events: list[SignalEvent]
    per_quarter: list[QuarterCount]
    matching: list[uuid.UUID]  # ungrouped signals like these: policy may add them
    next_statuses: list[tuple[str, str]]


def group_detail(actor: Actor, group_id: uuid.UUID) -> GroupView:
    """A group followed over time: its signals, every step, and the number of signals per quarter."""
    _policy_only(actor)
    group = (
        SignalGroup.objects.filter(id=group_id, municipality_id=actor.municipality_id)
        .select_related("neighbourhood")
        .first()
    )
    if group is None:
        raise AccessDenied(_("Deze groep bestaat niet."))
    signals = list(
        group.signals.select_related("neighbourhood", "facility", "department", "team").order_by("created_at")
    )
    events = list(group.events.select_related("by").order_by("created_at"))
    counts: dict[Period, int] = {}
    for signal in signals:
        period = Period.containing(timezone.localdate(signal.created_at))
        counts[period] = counts.get(period, 0) + 1
    per_quarter = [
        QuarterCount(str(p), p.label, counts[p])
        for p in sorted(counts, key=lambda p: (p.year, p.quarter or 0))
    ]
    matching = list(
        Signal.objects.filter(
            municipality_id=actor.municipality_id,
            group__isnull=True,
            category=group.category,
            neighbourhood_id=group.neighbourhood_id,
        ).values_list("id", flat=True)[:200]
    )
    from stevig.signalering.models import TRANSITIONS

    return GroupView(
        group,
        signals,
        events,
        per_quarter,
        matching,
        [(s, str(Status(s).label)) for s in TRANSITIONS[group.status]],
    )


def recent_answers(actor: Actor, *, limit: int = 5) -> list[Signal]:
    """For the start page of a professional: the latest answers to own or team signals."""
    if actor.role not in FILE_ROLES:
        return []
    return list(signal_list(actor).exclude(answer="").order_by("-updated_at", "-id")[:limit])

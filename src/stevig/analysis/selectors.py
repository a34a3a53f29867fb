"""Scoped reads of broad analyses. Visibility follows the trajectory, which follows the household.

`trajectory_in_scope` is also used by the plans and social-map apps: one place decides whether the
actor may work in a trajectory, and logs the denial when not.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from stevig.accounts.models import User
from stevig.analysis.models import (
    CHILD_AGE_LIMIT,
    CHILD_DOMAINS,
    DOMAIN_ORDER,
    Analysis,
    Domain,
    DomainScore,
    Score,
)
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied
from stevig.people.models import HouseholdMembership, Resident
from stevig.trajectories.models import Trajectory
from stevig.trajectories.selectors import TRAJECTORY, trajectories_visible_to


def is_emergency(*, actor: Actor, trajectory: Trajectory) -> bool:
    """Whether the actor sees this trajectory only through break-the-glass (flagged in the log)."""
    return access.is_emergency(actor.user, trajectory.household_id)


def current_members(trajectory: Trajectory) -> list[HouseholdMembership]:
    return list(
        HouseholdMembership.objects.filter(household_id=trajectory.household_id, end_date__isnull=True)
        .select_related("resident")
        .order_by("start_date", "resident__date_of_birth", "id")
    )


def age_on(resident: Resident, day: date) -> int:
    born = resident.date_of_birth
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_child(resident: Resident, day: date) -> bool:
    return age_on(resident, day) < CHILD_AGE_LIMIT


def domains_for(resident: Resident, day: date) -> list[str]:
    """The domains that may be scored for this person: the child domains only for children."""
    child = is_child(resident, day)
    return [d for d in Domain.values if child or d not in CHILD_DOMAINS]


def analyses_visible_to(user: User) -> QuerySet[Analysis]:
    return Analysis.objects.filter(
        municipality_id=user.municipality_id, trajectory__in=trajectories_visible_to(user)
    )


# For the access layer's role answer on URLs naming an analysis (`analysis_id`): only file roles.
ANALYSIS = access.child_kind(TRAJECTORY, Analysis, "analysis", via="trajectory", url_kwarg="analysis_id")


# --- the household view: matrix, chart and comparison ----------------------------------------------

CHANGE_BETTER = "beter"
CHANGE_WORSE = "slechter"
CHANGE_SAME = "gelijk"
CHANGE_NEW = "nieuw"


def compare(score: int, previous: int | None) -> str:
    if previous is None:
        return CHANGE_NEW
    if score > previous:
        return CHANGE_BETTER
    if score < previous:
        return CHANGE_WORSE
    return CHANGE_SAME


CHANGE_LABELS = {
    CHANGE_BETTER: _("beter"),
    CHANGE_WORSE: _("slechter"),
    CHANGE_SAME: _("gelijk"),
    CHANGE_NEW: _("nieuw bekeken"),
}


@dataclass
class ScoreRow:
    domain: str
    label: str
    score: int
    score_label: str
    note: str
    previous: int | None
    change: str
    index: int = 0

    @property
    def change_label(self) -> str:
        return str(CHANGE_LABELS[self.change])

    # Geometry of the inline SVG bar chart (one bar per domain, 60 px per scale step).
    @property
    def bar_width(self) -> int:
        return self.score * 60

    @property
    def bar_y(self) -> int:
        return self.index * 32 + 8

    @property
    def text_y(self) -> int:
        return self.index * 32 + 25

    @property
    def value_x(self) -> int:
        return 250 + self.bar_width + 8


@dataclass
class MemberAnalyses:
    membership: HouseholdMembership
    latest: Analysis | None
    previous: Analysis | None
    history: list[Analysis]
    rows: list[ScoreRow] = field(default_factory=list)

    @property
    def resident(self) -> Resident:
        return self.membership.resident

    @property
    def chart_height(self) -> int:
        return max(len(self.rows), 1) * 32 + 16


@dataclass
class MatrixRow:
    domain: str
    label: str
    cells: list[DomainScore | None]


@dataclass
class HouseholdAnalysis:
    trajectory: Trajectory
    members: list[MemberAnalyses]
    matrix: list[MatrixRow]
    emergency: bool


def _score_rows(latest: Analysis, previous: Analysis | None) -> list[ScoreRow]:
    before = {s.domain: s.score for s in previous.scores.all()} if previous else {}
    rows = []
    ordered = sorted(latest.scores.all(), key=lambda s: DOMAIN_ORDER.get(s.domain, 99))
    for index, s in enumerate(ordered):
        rows.append(
            ScoreRow(
                domain=s.domain,
                label=str(Domain(s.domain).label),
                score=s.score,
                score_label=str(Score(s.score).label),
                note=s.note,
                previous=before.get(s.domain),
                change=compare(s.score, before.get(s.domain)),
                index=index,
            )
        )
    return rows


def household_analysis(*, actor: Actor, trajectory_id: uuid.UUID) -> HouseholdAnalysis:
    """Every current member's analyses in this trajectory: the matrix (domains x members, latest
    analysis each), per member the latest scores compared with the previous analysis. Logged."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.READ, part=Part.ANALYSIS
    )
    memberships = current_members(trajectory)
    analyses = (
        Analysis.objects.filter(trajectory=trajectory, resident_id__in=[m.resident_id for m in memberships])
        .select_related("created_by")
        .prefetch_related(Prefetch("scores", queryset=DomainScore.objects.order_by("domain")))
        .order_by("-analysed_on", "-created_at")
    )
    per_resident: dict[uuid.UUID, list[Analysis]] = {}
    for analysis in analyses:
        per_resident.setdefault(analysis.resident_id, []).append(analysis)
    members = []
    for membership in memberships:
        history = per_resident.get(membership.resident_id, [])
        latest = history[0] if history else None
        previous = history[1] if len(history) > 1 else None
        member = MemberAnalyses(membership, latest, previous, history)
        if latest is not None:
            member.rows = _score_rows(latest, previous)
        members.append(member)
    used = sorted(
        {s.domain for m in members if m.latest for s in m.latest.scores.all()},
        key=lambda d: DOMAIN_ORDER.get(d, 99),
    )
    latest_scores = [{s.domain: s for s in m.latest.scores.all()} if m.latest else {} for m in members]
    matrix = [
        MatrixRow(domain=d, label=str(Domain(d).label), cells=[scores.get(d) for scores in latest_scores])
        for d in used
    ]
    emergency = is_emergency(actor=actor, trajectory=trajectory)
    log.allowed(
        actor,
        Action.READ,
        Part.ANALYSIS,
        [m.resident_id for m in memberships],
        object_type="trajectory",
        object_id=trajectory.id,
        emergency=emergency,
    )
    return HouseholdAnalysis(trajectory, members, matrix, emergency)


def analyses_page(*, actor: Actor, trajectory_id: uuid.UUID) -> QuerySet[Analysis]:
    """All analyses of a trajectory, newest first (the caller paginates and logs the page)."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.SEARCH, part=Part.ANALYSIS
    )
    return (
        Analysis.objects.filter(trajectory=trajectory)
        .select_related("resident")
        .prefetch_related(Prefetch("scores", queryset=DomainScore.objects.order_by("domain")))
        .order_by("-analysed_on", "-created_at", "id")
    )


def log_analyses_listed(*, actor: Actor, trajectory_id: uuid.UUID, analyses: list[Analysis]) -> None:
    log.listed(
        actor,
        Part.ANALYSIS,
        [a.resident_id for a in analyses],
        object_type="trajectory",
        object_id=trajectory_id,
    )


def analysis_detail(*, actor: Actor, analysis_id: uuid.UUID) -> Analysis:
    analysis = (
        analyses_visible_to(actor.user)
        .select_related("resident", "trajectory")
        .prefetch_related(Prefetch("scores", queryset=DomainScore.objects.order_by("domain")))
        .filter(id=analysis_id)
        .first()
    )
    if analysis is None:
        trajectory_id = (
            Analysis.objects.filter(id=analysis_id, municipality_id=actor.municipality_id)
            .values_list("trajectory_id", flat=True)
            .first()
        )
        if trajectory_id is None:
            log.denied(actor, Action.READ, Part.ANALYSIS, object_type="analysis", object_id=analysis_id)
            raise AccessDenied()
        raise access.deny(TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.READ, part=Part.ANALYSIS)
    log.allowed(
        actor,
        Action.READ,
        Part.ANALYSIS,
        [analysis.resident_id],
        object_type="analysis",
        object_id=analysis.id,
        emergency=is_emergency(actor=actor, trajectory=analysis.trajectory),
    )
    return analysis

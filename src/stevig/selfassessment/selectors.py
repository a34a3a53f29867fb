"""Reads of the self-assessment: rounds, the results of a round (self-scores beside the indicators, the
previous round, the radar chart), a participant's form, and improvement actions.

No resident data is read. The indicators are figures (suppressed aggregates): reading them writes one
access-log row (part "cijfers"), like every figure page."""

import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from stevig.accounts.models import User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied, RoleDenied
from stevig.core.suppression import Period
from stevig.selfassessment import indicators as ind
from stevig.selfassessment.models import (
    Answer,
    Group,
    ImprovementAction,
    Level,
    Participant,
    Principle,
    QuarterlyReport,
    Round,
    Statement,
)
from stevig.selfassessment.roles import MANAGEMENT, ORGANISER, VIEW_ROLES
from stevig.selfassessment.services import may_fill_in

RADAR_SIZE = 560
RADAR_CENTRE = RADAR_SIZE // 2
RADAR_RADIUS = 170


def _view_role(actor: Actor) -> None:
    if not actor.user.is_staff_member or actor.role not in VIEW_ROLES:
        log.denied(actor, Action.READ, Part.FIGURES, object_type="zelfevaluatie")
        raise RoleDenied(_("De zelfevaluatie is voor beleid, management en deelnemers."))


def sees_all_rounds(actor: Actor) -> bool:
    return actor.role == ORGANISER or actor.role in MANAGEMENT


def round_list(actor: Actor) -> QuerySet[Round]:
    """Policy and management: every round of the municipality; a worker: the rounds they take part in."""
    _view_role(actor)
    rounds = Round.objects.filter(municipality_id=actor.municipality_id)
    if not sees_all_rounds(actor):
        rounds = rounds.filter(participants__user=actor.user)
    return rounds.annotate(participant_count=Count("participants", distinct=True)).order_by(
        "-created_at", "-id"
    )


def get_round(actor: Actor, round_id: uuid.UUID) -> Round:
    found = round_list(actor).filter(id=round_id).first()
    if found is None:
        raise AccessDenied(_("Deze ronde bestaat niet of u doet er niet aan mee."))
    return found


def previous_round(round_: Round) -> Round | None:
    return (
        Round.objects.filter(municipality_id=round_.municipality_id, created_at__lt=round_.created_at)
        .order_by("-created_at", "-id")
        .first()
    )


@dataclass
class Score:
    """The mean level over every answer to a principle's statements (0 = niet … 3 = volledig)."""

    total: int = 0
    answers: int = 0

    @property
    def mean(self) -> float | None:
        return None if not self.answers else self.total / self.answers

    @property
    def percentage(self) -> int | None:
        mean = self.mean
        return None if mean is None else round(100 * mean / 3)

    @property
    def display(self) -> str:
        mean = self.mean
        if mean is None:
            return _("nog geen scores")
        label = Level(min(3, math.floor(mean + 0.5))).label
        return f"{mean:.1f}".replace(".", ",") + f" ({label})"


@dataclass
class PrincipleResult:
    principle: Principle
    score: Score
    previous: Score
    by_group: dict[str, Score]
    indicator: ind.Indicator

    @property
    def difference(self) -> str:
        now, before = self.score.mean, self.previous.mean
        if now is None or before is None:
            return "-"
        change = now - before
        return ("+" if change > 0 else "") + f"{change:.1f}".replace(".", ",")


@dataclass
class RadarPoint:
    x: float
    y: float


@dataclass
class RadarAxis:
    """Coordinates as text with a decimal point: a template would localise a float ("284,9")."""

    number: int
    label: str
    x: str
    y: str
    label_x: str
    label_y: str
    anchor: str


@dataclass
class Radar:
    size: int
    centre: int
    axes: list[RadarAxis]
    rings: list[str]  # polygon points of the 25/50/75/100 % rings
    current: str  # polygon points
    previous: str
    summary: str


@dataclass
class RoundResult:
    round: Round
    period: Period
    previous: Round | None
    principles: list[PrincipleResult]
    participants: list[Participant]
    actions: list[ImprovementAction]
    radar: Radar
    may_organise: bool
    own_participant: Participant | None = None
    refreshed_at: datetime | None = None  # when the summary tables behind the indicators were refreshed
    groups: list[tuple[str, str]] = field(
        default_factory=lambda: [(v, str(label)) for v, label in Group.choices]
    )


def _scores(round_ids: list[uuid.UUID]) -> dict[tuple[uuid.UUID, int, str], Score]:
    rows = (
        Answer.objects.filter(participant__round_id__in=round_ids)
        .values("participant__round_id", "statement__principle__number", "participant__group")
        .annotate(total=Sum("level"), n=Count("id"))
        .order_by()
    )
    return {
        (r["participant__round_id"], r["statement__principle__number"], r["participant__group"]): Score(
            r["total"], r["n"]
        )
        for r in rows
    }


def _merge(scores: dict[tuple[uuid.UUID, int, str], Score], round_id: uuid.UUID | None, number: int) -> Score:
    merged = Score()
    for group in Group.values:
        part = scores.get((round_id, number, group)) if round_id else None  # type: ignore[arg-type]
        if part:
            merged.total += part.total
            merged.answers += part.answers
    return merged


def _point(i: int, n: int, fraction: float) -> RadarPoint:
    angle = -math.pi / 2 + 2 * math.pi * i / n
    r = RADAR_RADIUS * fraction
    return RadarPoint(
        round(RADAR_CENTRE + r * math.cos(angle), 1), round(RADAR_CENTRE + r * math.sin(angle), 1)
    )


def _polygon(fractions: list[float]) -> str:
    n = len(fractions)
    return " ".join(f"{p.x},{p.y}" for p in (_point(i, n, f) for i, f in enumerate(fractions)))


def radar(principles: list[PrincipleResult], title: str) -> Radar:
    """A radar chart drawn on the server: one axis per principle, the self-score of this round and of
    the previous one (0-100 % of "volledig")."""
    n = len(principles)
    axes = []
    for i, result in enumerate(principles):
        end, label = _point(i, n, 1.0), _point(i, n, 1.13)
        anchor = (
            "middle" if abs(label.x - RADAR_CENTRE) < 10 else ("start" if label.x > RADAR_CENTRE else "end")
        )
        axes.append(
            RadarAxis(
                result.principle.number,
                f"{result.principle.number}. {result.principle.short}",
                f"{end.x:.1f}",
                f"{end.y:.1f}",
                f"{label.x:.1f}",
                f"{label.y + 4:.1f}",
                anchor,
            )
        )
    current = [(r.score.percentage or 0) / 100 for r in principles]
    previous = [(r.previous.percentage or 0) / 100 for r in principles]
    scored = [r for r in principles if r.score.mean is not None]
    if scored:
        high = max(scored, key=lambda r: r.score.mean or 0)
        low = min(scored, key=lambda r: r.score.mean or 0)
        summary = _(
            "%(title)s: de hoogste score is bij %(high)s (%(hs)s), de laagste bij %(low)s (%(ls)s). "
            "De tabel hieronder heeft alle scores."
        ) % {
            "title": title,
            "high": high.principle.title,
            "hs": high.score.display,
            "low": low.principle.title,
            "ls": low.score.display,
        }
    else:
        summary = _("%(title)s: nog geen scores.") % {"title": title}
    return Radar(
        RADAR_SIZE,
        RADAR_CENTRE,
        axes,
        [_polygon([f] * n) for f in (0.25, 0.5, 0.75, 1.0)],
        _polygon(current),
        _polygon(previous) if any(previous) else "",
        summary,
    )


def round_result(actor: Actor, round_id: uuid.UUID) -> RoundResult:
    """The results of one round: per principle the self-score (all and per group), the previous round's
    score and the indicator over the round's period; the radar chart; participants; actions."""
    round_ = get_round(actor, round_id)
    period = Period.parse(round_.period)
    previous = previous_round(round_)
    scores = _scores([round_.id] + ([previous.id] if previous else []))
    found, refreshed_at = ind.indicators_refreshed(actor.municipality_id, period)
    computed = {i.principle: i for i in found}
    results = []
    for principle in Principle.objects.all():
        results.append(
            PrincipleResult(
                principle,
                _merge(scores, round_.id, principle.number),
                _merge(scores, previous.id if previous else None, principle.number),
                {g: scores.get((round_.id, principle.number, g), Score()) for g in Group.values},
                computed[principle.number],
            )
        )
    participants = list(Participant.objects.filter(round=round_).select_related("user"))
    own = next((p for p in participants if may_fill_in(actor, p) and p.user_id == actor.user.pk), None)
    log.allowed(
        actor,
        Action.READ,
        Part.FIGURES,
        object_type="zelfevaluatie",
        detail={"ronde": str(round_.id), "periode": round_.period},
    )
    return RoundResult(
        round_,
        period,
        previous,
        results,
        participants,
        list(ImprovementAction.objects.filter(round=round_).select_related("owner", "principle")),
        radar(results, round_.title),
        actor.role == ORGANISER,
        own,
        refreshed_at=refreshed_at,
    )


@dataclass
class FormPrinciple:
    principle: Principle
    statements: list[tuple[Statement, int | None]]


def participant_form(
    actor: Actor, round_id: uuid.UUID, participant_id: uuid.UUID
) -> tuple[Round, Participant, list[FormPrinciple]]:
    """The statements with the participant's current answers; only for who may fill it in."""
    _view_role(actor)
    round_ = Round.objects.filter(municipality_id=actor.municipality_id, id=round_id).first()
    participant = (
        Participant.objects.filter(round=round_, id=participant_id).first() if round_ is not None else None
    )
    if round_ is None or participant is None:
        raise AccessDenied(_("Deze deelnemer bestaat niet."))
    if not may_fill_in(actor, participant):
        raise RoleDenied(_("U vult alleen uw eigen scores in."))
    given = dict(Answer.objects.filter(participant=participant).values_list("statement_id", "level"))
    grouped: dict[int, FormPrinciple] = {}
    for statement in Statement.objects.select_related("principle"):
        grouped.setdefault(
            statement.principle.number, FormPrinciple(statement.principle, [])
        ).statements.append((statement, given.get(statement.id)))
    return round_, participant, list(grouped.values())


def instrument() -> list[Principle]:
    return list(Principle.objects.select_related("value").prefetch_related("statements"))


def open_actions_of(actor: Actor) -> QuerySet[ImprovementAction]:
    return ImprovementAction.objects.filter(municipality_id=actor.municipality_id, owner=actor.user).exclude(
        status="klaar"
    )


def csv_rows(result: RoundResult) -> list[list[str]]:
    """Exactly what the results page shows: scores per principle and group, the indicator (suppressed)."""
    header = [
        _("principe"),
        _("score"),
        *[_("score %(g)s") % {"g": label} for _v, label in Group.choices],
        _("vorige ronde"),
        _("verschil"),
        _("indicator"),
        _("waarde"),
        _("periode"),
        _("hoe berekend"),
    ]
    rows = [header]
    for r in result.principles:
        rows.append(
            [
                str(r.principle),
                r.score.display,
                *[r.by_group[g].display for g in Group.values],
                r.previous.display if result.previous else "",
                r.difference,
                r.indicator.label,
                ", ".join([r.indicator.display, *r.indicator.extra]),
                r.indicator.period,
                r.indicator.how,
            ]
        )
    return rows


def people_who_take_part(actor: Actor) -> QuerySet[User]:
    """Staff of the municipality who can take part or own an action (for the choice lists)."""
    return User.objects.filter(
        municipality_id=actor.municipality_id, is_active=True, role__in=VIEW_ROLES
    ).order_by("last_name", "first_name", "username")


def action_status(*, actor: Actor, action_id: uuid.UUID) -> str:
    """The status an improvement action of the own municipality has now (a PATCH that sends none keeps
    it); the service checks who may set it."""
    status = (
        ImprovementAction.objects.filter(municipality_id=actor.municipality_id, id=action_id)
        .values_list("status", flat=True)
        .first()
    )
    if status is None:
        raise AccessDenied(_("Deze actie bestaat niet."))
    return status


def reports(actor: Actor) -> QuerySet[QuarterlyReport]:
    """The kept quarterly reports of the municipality (policy only), without their content."""
    if not actor.user.is_staff_member or actor.role != ORGANISER:
        log.denied(actor, Action.READ, Part.FIGURES, object_type="kwartaalrapportage")
        raise RoleDenied(_("Alleen beleid ziet de kwartaalrapportages."))
    return QuarterlyReport.objects.filter(municipality_id=actor.municipality_id).defer("html", "pdf")


def report(actor: Actor, report_id: uuid.UUID) -> QuarterlyReport:
    found = reports(actor).filter(id=report_id).defer(None).first()
    if found is None:
        raise AccessDenied(_("Deze rapportage bestaat niet."))
    log.allowed(
        actor, Action.READ, Part.FIGURES, object_type="kwartaalrapportage", detail={"periode": found.period}
    )
    return found

"""Scoped reads of trajectories: visibility follows the household (need-to-know in one place).

Functions that return resident data to a person write the access log themselves. The plain queryset
helpers (`trajectories_visible_to`, `pilot_light_due_for`, `evaluations_due_for`) do not: a page or
endpoint that shows their rows logs them (see `log_listed`).
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied
from stevig.core.pagination import FIRST_PAGE, Page, PageRequest
from stevig.core.suppression import Period
from stevig.intake.models import Question
from stevig.people.models import HouseholdMembership, Involvement
from stevig.people.selectors import FILE_ROLES, HOUSEHOLD, households_visible_to
from stevig.tenancy.models import ExpertiseTag
from stevig.trajectories import figures, timeline
from stevig.trajectories.models import (
    BasicHelp,
    Consultation,
    Contact,
    Phase,
    PhaseChange,
    PilotLight,
    Trajectory,
    TrajectoryExpertise,
)
from stevig.trajectories.timeline import TimelineItem


def trajectories_visible_to(user: User) -> QuerySet[Trajectory]:
    return Trajectory.objects.filter(
        municipality_id=user.municipality_id, household__in=households_visible_to(user)
    )


TRAJECTORY = access.Kind(
    Trajectory,
    "trajectory",
    visible=trajectories_visible_to,
    url_kwarg="trajectory_id",
    related=("household", "team", "contact_person"),
    roles=access.FILE_ROLES,
    part=Part.TRAJECTORY,
)
BASIC_HELP = access.child_kind(
    TRAJECTORY,
    BasicHelp,
    "basic_help",
    via="trajectory",
    url_kwarg="help_id",
    related=("provided_by",),
    part=Part.BASIC_HELP,
)


def question_to_open_from(
    *, actor: Actor, household_id: uuid.UUID, question_id: uuid.UUID
) -> Question | None:
    """The intake question a trajectory is about to be opened from, to carry its words into the form:
    only a question of this household that the actor may see (else None). Logs the read."""
    from stevig.intake.selectors import question_residents, questions_visible_to

    question = questions_visible_to(actor.user).filter(id=question_id, household_id=household_id).first()
    if question is not None:
        log.allowed(
            actor,
            Action.READ,
            Part.QUESTION,
            question_residents(question),
            object_type="question",
            object_id=question.id,
        )
    return question


def current_member_ids(household_ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
    return list(
        HouseholdMembership.objects.filter(household_id__in=list(household_ids), end_date__isnull=True)
        .values_list("resident_id", flat=True)
        .distinct()
    )


@dataclass
class Suggestion:
    user: User
    matching: list[ExpertiseTag]


def expertise_suggestions(
    trajectory: Trajectory, *, areas: Iterable[ExpertiseTag] | None = None
) -> list[Suggestion]:
    """Colleagues in the trajectory's team whose expertise matches what this household needs.

    'Needs' = the expertise marked as needed on the trajectory plus the areas of its consultations.
    Two queries, whatever the team size.
    """
    wanted = {t.id: t for t in (areas if areas is not None else _needed_areas(trajectory))}
    if not wanted:
        return []
    colleagues = (
        User.objects.filter(
            municipality_id=trajectory.municipality_id,
            team_id=trajectory.team_id,
            is_active=True,
            role__in=FILE_ROLES,
            expertise__in=list(wanted),
        )
        .distinct()
        .prefetch_related("expertise")
        .order_by("last_name", "first_name", "username")
    )
    suggestions = []
    for colleague in colleagues:
        matching = sorted((t for t in colleague.expertise.all() if t.id in wanted), key=lambda t: t.name)
        suggestions.append(Suggestion(colleague, matching))
    return suggestions


def _needed_areas(trajectory: Trajectory) -> list[ExpertiseTag]:
    consulted = Consultation.objects.filter(trajectory=trajectory).values("area_id")
    return list(
        ExpertiseTag.objects.filter(municipality_id=trajectory.municipality_id).filter(
            Q(
                id__in=TrajectoryExpertise.objects.filter(trajectory_id=trajectory.id).values(
                    "expertisetag_id"
                )
            )
            | Q(id__in=consulted)
        )
    )


@dataclass
class TrajectoryFile:
    trajectory: Trajectory
    members: list[HouseholdMembership]
    involvements: list[Involvement]
    phase_changes: list[PhaseChange]
    basic_help: list[BasicHelp]
    contacts: list[Contact]
    consultations: list[Consultation]
    pilot_light: PilotLight | None
    needed_areas: list[ExpertiseTag]
    suggestions: list[Suggestion]
    timeline: list[TimelineItem] = field(default_factory=list)
    emergency: bool = False


def trajectory_file(*, actor: Actor, trajectory_id: uuid.UUID, with_timeline: bool = True) -> TrajectoryFile:
    """Everything the trajectory page shows, in a fixed number of queries; one access-log row."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.READ, part=Part.TRAJECTORY
    )
    members = list(
        HouseholdMembership.objects.filter(household_id=trajectory.household_id, end_date__isnull=True)
        .select_related("resident")
        .order_by("start_date", "resident__date_of_birth")
    )
    involvements = list(
        Involvement.objects.filter(household_id=trajectory.household_id, ended_at__isnull=True)
        .select_related("user")
        .order_by("started_at")
    )
    phase_changes = list(trajectory.phase_changes.select_related("changed_by").order_by("changed_at"))
    basic_help = list(
        trajectory.basic_help.select_related("provided_by").order_by("start_date", "created_at")
    )
    contacts = list(
        trajectory.contacts.select_related("recorded_by")
        .prefetch_related("residents")
        .order_by("-contact_date", "-created_at")[:50]
    )
    consultations = list(trajectory.consultations.select_related("area", "recorded_by"))
    pilot_light = trajectory.pilot_lights.filter(ended_at__isnull=True).first()
    needed = _needed_areas(trajectory)
    suggestions = expertise_suggestions(trajectory, areas=needed)
    items = timeline.collect(trajectory.household, actor) if with_timeline else []
    emergency = access.is_emergency(actor.user, trajectory.household_id)
    log.allowed(
        actor,
        Action.READ,
        Part.TRAJECTORY,
        [m.resident_id for m in members],
        object_type="trajectory",
        object_id=trajectory.id,
        emergency=emergency,
    )
    return TrajectoryFile(
        trajectory,
        members,
        involvements,
        phase_changes,
        basic_help,
        contacts,
        consultations,
        pilot_light,
        needed,
        suggestions,
        items,
        emergency,
    )


PHASE_ORDER = {p: i for i, p in enumerate(Phase.values)}


# Newest first; deep pages by cursor (keyset) so page 200 costs what page 1 costs.
TRAJECTORY_KEYSET = ("-opened_at", "-id")


def trajectory_list(
    *, actor: Actor, scope: str = "mine", phase: str = "", page: PageRequest = FIRST_PAGE
) -> Page[Trajectory]:
    """A page of trajectories (mine: I am the vast aanspreekpunt or involved; team: all I may see).

    Constant queries: the rows with household, contact person and the active pilot light, one query for
    the members of the page's households, one access-log row.
    """
    qs = trajectories_visible_to(actor.user)
    if scope == "mine":
        involved = Involvement.objects.filter(user=actor.user, ended_at__isnull=True).values("household_id")
        qs = qs.filter(Q(contact_person=actor.user) | Q(household_id__in=involved))
    if phase in Phase.values:
        qs = qs.filter(phase=phase)
    else:
        qs = qs.exclude(phase=Phase.CLOSED)
    qs = qs.select_related("household", "contact_person", "team").prefetch_related(
        Prefetch(
            "pilot_lights",
            queryset=PilotLight.objects.filter(ended_at__isnull=True),
            to_attr="active_pilot",
        ),
        Prefetch(
            "household__memberships",
            queryset=HouseholdMembership.objects.filter(end_date__isnull=True).select_related("resident"),
            to_attr="current_members",
        ),
    )
    result: Page[Trajectory] = page.page(qs, keyset=TRAJECTORY_KEYSET)
    log_listed(actor=actor, part=Part.TRAJECTORIES, rows=result.rows, detail={"scope": scope, "fase": phase})
    return result


def log_listed(*, actor: Actor, part: Part, rows: Iterable[Trajectory], detail: dict | None = None) -> None:  # type: ignore[type-arg]
    """One 'search' row naming the residents of the listed trajectories (prefetched when possible)."""
    resident_ids: list[uuid.UUID] = []
    missing: list[uuid.UUID] = []
    for t in rows:
        members = getattr(t.household, "current_members", None)
        if members is None:
            missing.append(t.household_id)
        else:
            resident_ids.extend(m.resident_id for m in members)
    if missing:
        resident_ids.extend(current_member_ids(missing))
    log.listed(actor, part, resident_ids, object_type="trajectory", detail=detail or {})


def household_timeline(*, actor: Actor, household_id: uuid.UUID) -> list[TimelineItem]:
    """The household's timeline from every registered source; one access-log row."""
    household = households_visible_to(actor.user).filter(id=household_id).first()
    if household is None:
        raise access.deny(HOUSEHOLD, actor=actor, pk=household_id, action=Action.READ, part=Part.TIMELINE)
    items = timeline.collect(household, actor)
    log.allowed(
        actor,
        Action.READ,
        Part.TIMELINE,
        current_member_ids([household.id]),
        object_type="household",
        object_id=household.id,
    )
    return items


# --- Worklist: deadlines are queries, not jobs -------------------------------------------------------


def pilot_light_due_for(user: User, until: date, *, team: bool = False) -> QuerySet[PilotLight]:
    """Active pilot-light contacts due on or before `until` (missed ones included, oldest first).

    Mine: trajectories where the user is the vast aanspreekpunt; `team=True`: all the user may see.
    Each row is annotated with `missed` (due date already passed). The caller logs what it shows.
    """
    trajectories = trajectories_visible_to(user).filter(phase=Phase.PILOT_LIGHT)
    if not team:
        trajectories = trajectories.filter(contact_person=user)
    today = timezone.localdate()
    return (
        PilotLight.objects.filter(
            municipality_id=user.municipality_id,
            ended_at__isnull=True,
            next_due__lte=until,
            trajectory__in=trajectories,
        )
        .annotate(missed=Q(next_due__lt=today))
        .select_related("trajectory__household", "trajectory__contact_person")
        .order_by("next_due", "id")
    )


def active_pilot_light(*, actor: Actor, trajectory_id: uuid.UUID) -> PilotLight:
    """The running pilot light of a trajectory in the actor's scope (for a PATCH of its rhythm that
    sends only part of it); a logged denial (404) outside scope, a field error when there is none."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.UPDATE, part=Part.PILOT_LIGHT
    )
    pilot = trajectory.pilot_lights.filter(ended_at__isnull=True).first()
    if pilot is None:
        raise ValidationError({"cadence_number": _("Dit traject heeft geen waakvlamcontact.")})
    return pilot


def pilot_light_missed_for(user: User, *, team: bool = False) -> QuerySet[PilotLight]:
    """Pilot-light contacts whose date has passed without a contact."""
    return pilot_light_due_for(user, timezone.localdate() - timedelta(days=1), team=team)


def evaluations_due_for(user: User, until: date, *, team: bool = False) -> QuerySet[BasicHelp]:
    """Basic help whose evaluation is due on or before `until` and not done yet (overdue first)."""
    trajectories = trajectories_visible_to(user).exclude(phase=Phase.CLOSED)
    if not team:
        trajectories = trajectories.filter(Q(contact_person=user))
    today = timezone.localdate()
    return (
        BasicHelp.objects.filter(
            municipality_id=user.municipality_id,
            evaluated_at__isnull=True,
            evaluation_date__lte=until,
            trajectory__in=trajectories,
        )
        .annotate(overdue=Q(evaluation_date__lt=today))
        .select_related("trajectory__household", "provided_by")
        .order_by("evaluation_date", "id")
    )


def pilot_light_worklist(
    *, actor: Actor, until: date, team: bool = False, limit: int = 50
) -> list[PilotLight]:
    rows = list(pilot_light_due_for(actor.user, until, team=team)[:limit])
    _log_pilot_lights(actor, rows, until)
    return rows


PILOT_LIGHT_KEYSET = ("next_due", "id")


def pilot_light_page(*, actor: Actor, until: date, team: bool = False, page: PageRequest) -> Page[PilotLight]:
    """One page of the pilot-light worklist (by cursor on the due date); logs the trajectories shown."""
    result = page.page(pilot_light_due_for(actor.user, until, team=team), keyset=PILOT_LIGHT_KEYSET)
    _log_pilot_lights(actor, result.rows, until)
    return result


def _log_pilot_lights(actor: Actor, rows: list[PilotLight], until: date) -> None:
    log_listed(
        actor=actor,
        part=Part.PILOT_LIGHT,
        rows=[p.trajectory for p in rows],
        detail={"tot": until.isoformat()},
    )


# --- Figures for policy -------------------------------------------------------------------------------


def figures_for(*, actor: Actor, period: Period | None = None) -> figures.Figures:
    """Aggregated indicators for the policy role (never an individual file), for one quarter or year (the
    current year by default), read from the summary tables; small groups suppressed."""
    if not (actor.user.is_staff_member and actor.role == Role.POLICY):
        log.denied(actor, Action.READ, Part.FIGURES, object_type="figures")
        raise AccessDenied("Alleen beleid ziet deze cijfers.")
    period = period or Period(timezone.localdate().year)
    result = figures.collect(actor.municipality_id, period)
    log.allowed(actor, Action.READ, Part.FIGURES, object_type="figures", detail={"periode": str(period)})
    return result


# --- Helpers for the forms -------------------------------------------------------------------------------


@dataclass
class TrajectoryHeader:
    trajectory: Trajectory
    members: list[HouseholdMembership]


def trajectory_header(*, actor: Actor, trajectory_id: uuid.UUID, part: Part) -> TrajectoryHeader:
    """The trajectory with its current members, for a form page; logged as a read of `part`."""
    trajectory = access.scoped_get(TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.READ, part=part)
    members = list(
        HouseholdMembership.objects.filter(household_id=trajectory.household_id, end_date__isnull=True)
        .select_related("resident")
        .order_by("start_date", "resident__date_of_birth")
    )
    log.allowed(
        actor,
        Action.READ,
        part,
        [m.resident_id for m in members],
        object_type="trajectory",
        object_id=trajectory.id,
        emergency=access.is_emergency(actor.user, trajectory.household_id),
    )
    return TrajectoryHeader(trajectory, members)


def current_memberships(household_id: uuid.UUID) -> QuerySet[HouseholdMembership]:
    """For a form's choice list (the page that shows it logs the read through `trajectory_header`)."""
    return (
        HouseholdMembership.objects.filter(household_id=household_id, end_date__isnull=True)
        .select_related("resident")
        .order_by("start_date", "resident__date_of_birth")
    )


def team_colleagues(team_id: uuid.UUID | None, municipality_id: uuid.UUID) -> QuerySet[User]:
    return User.objects.filter(
        municipality_id=municipality_id, team_id=team_id, is_active=True, role__in=FILE_ROLES
    ).order_by("last_name", "first_name", "username")


def involvement_candidates(trajectory: Trajectory) -> QuerySet[User]:
    """Professionals of the municipality who work in files and are not yet involved in this household."""
    involved = Involvement.objects.filter(household_id=trajectory.household_id, ended_at__isnull=True).values(
        "user_id"
    )
    return (
        User.objects.filter(municipality_id=trajectory.municipality_id, is_active=True, role__in=FILE_ROLES)
        .exclude(id__in=involved)
        .order_by("last_name", "first_name", "username")
    )


def hand_over_candidates(trajectory: Trajectory) -> QuerySet[User]:
    """Professionals with a team who may become the vast aanspreekpunt (not the current one)."""
    return (
        User.objects.filter(
            municipality_id=trajectory.municipality_id,
            is_active=True,
            role__in=FILE_ROLES,
            team__isnull=False,
        )
        .exclude(id=trajectory.contact_person_id)
        .order_by("last_name", "first_name", "username")
    )


def expertise_tags(municipality_id: uuid.UUID) -> QuerySet[ExpertiseTag]:
    return ExpertiseTag.objects.filter(municipality_id=municipality_id).order_by("name")


# --- Child lists of one trajectory (the caller has checked scope and logs the read) ------------------------


def basic_help_of(trajectory: Trajectory) -> QuerySet[BasicHelp]:
    return trajectory.basic_help.select_related("provided_by").order_by("start_date", "created_at", "id")


def contacts_of(trajectory: Trajectory) -> QuerySet[Contact]:
    return (
        trajectory.contacts.select_related("recorded_by")
        .prefetch_related("residents")
        .order_by("-contact_date", "-created_at", "id")
    )


def consultations_of(trajectory: Trajectory) -> QuerySet[Consultation]:
    return trajectory.consultations.select_related("area").order_by("-consultation_date", "-created_at", "id")

"""Scoped reads of safety tracks. Narrower than the household file (kader principle 12; AVG art. 9 and
the Meldcode's professional secrecy): a track's notes are for

* the trajectory's vast aanspreekpunt,
* colleagues named on the track,
* the teamleider of the trajectory's team,
* someone with a logged emergency access to this track (reason required, reviewed by privacy),

and only while they may open the household file at all. Other team members, a coordinator who is not
named, departments, policy, beheer and privacy see no notes. Someone who may see the trajectory but not
the notes sees only *that* a track runs (so they do not close the trajectory) and whom to ask.

Every read of a track writes an access-log row with purpose "veiligheid (Meldcode)"; every denial too.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied
from stevig.intake.models import Question
from stevig.people.models import Household, HouseholdMembership
from stevig.people.selectors import FILE_ROLES, households_visible_to
from stevig.safety.meldcode import Conclusion, conclude
from stevig.safety.models import (
    MemberRisk,
    NamedColleague,
    RiskLevel,
    SafetyEmergencyAccess,
    SafetyTrack,
    Status,
    StepRecord,
)
from stevig.trajectories.models import Trajectory
from stevig.transitions.rules import age_on

PURPOSE = "veiligheid (Meldcode)"
PART = Part.SAFETY


def safety_actor(actor: Actor) -> Actor:
    """The same actor, with the purpose the access log keeps for every safety read."""
    return Actor(
        user=actor.user,
        access_point=actor.access_point,
        channel=actor.channel,
        purpose=PURPOSE,
        on_behalf_of=actor.on_behalf_of,
    )


class SafetyAccessDenied(AccessDenied):
    """No access to the notes of a track. `track_id` is set when the user may ask emergency access."""

    def __init__(self, *, can_break_glass: bool, track_id: uuid.UUID | None = None) -> None:
        super().__init__("Geen toegang tot dit veiligheidsspoor.", can_break_glass=can_break_glass)
        self.track_id = track_id if can_break_glass else None


def notes_scope(user: User) -> Q | None:
    """The need-to-know rule for safety notes as one filter on SafetyTrack, or None (no track at all)."""
    if not user.is_authenticated or not user.is_staff_member or user.role not in FILE_ROLES:
        return None
    named = NamedColleague.objects.filter(user=user).values("track_id")
    emergency = SafetyEmergencyAccess.objects.filter(
        grant__user=user, grant__expires_at__gt=timezone.now()
    ).values("track_id")
    scope = Q(trajectory__contact_person=user) | Q(id__in=named) | Q(id__in=emergency)
    if user.role == Role.TEAM_LEAD and user.team_id:
        scope |= Q(trajectory__team_id=user.team_id)
    return Q(municipality_id=user.municipality_id, household__in=households_visible_to(user)) & scope


def tracks_with_notes_for(user: User) -> QuerySet[SafetyTrack]:
    scope = notes_scope(user)
    if scope is None:
        return SafetyTrack.objects.none()
    return SafetyTrack.objects.filter(scope)


# The one declaration of this kind of object for the access layer: fetched through `track_in_scope`,
# denied through `deny_track`; role denials on pages with a `track_id` are logged on the track.
SAFETY_TRACK = access.Kind(
    SafetyTrack,
    "safety_track",
    visible=tracks_with_notes_for,
    url_kwarg="track_id",
    related=("trajectory__contact_person", "trajectory__team", "household", "opened_by", "decided_by"),
    roles=FILE_ROLES,
    part=Part.SAFETY,
)


def _is_emergency(user: User, track: SafetyTrack) -> bool:
    """Whether the user reads this track only through break-the-glass (flagged in the log): a safety
    emergency access, or a household they see only through emergency access."""

    normal = tracks_with_notes_for(user).exclude(
        id__in=SafetyEmergencyAccess.objects.filter(
            grant__user=user, grant__expires_at__gt=timezone.now()
        ).values("track_id")
    )
    return not normal.filter(id=track.id).exists() or access.is_emergency(user, track.household_id)


def deny_track(*, actor: Actor, track_id: uuid.UUID, action: Action, part: Part = PART) -> SafetyAccessDenied:
    """Log a denied attempt on a track (`access.deny`, with the safety purpose) and return the exception
    to raise (403 with the offer of emergency access to the track, or 404 upstream)."""
    denial = access.deny(SAFETY_TRACK, actor=safety_actor(actor), pk=track_id, action=action, part=part)
    return SafetyAccessDenied(can_break_glass=denial.can_break_glass, track_id=track_id)


def track_in_scope(
    *, actor: Actor, track_id: uuid.UUID, action: Action, part: Part = PART, for_update: bool = False
) -> SafetyTrack:
    """The track if the actor may read its notes (`access.scoped_get`); otherwise the denial is logged and
    raised. No 'allowed' row: the caller logs what it does with it."""
    try:
        return access.scoped_get(
            SAFETY_TRACK,
            actor=safety_actor(actor),
            pk=track_id,
            action=action,
            part=part,
            for_update=for_update,
        )
    except AccessDenied as exc:
        raise SafetyAccessDenied(can_break_glass=exc.can_break_glass, track_id=track_id) from exc


@dataclass
class MemberRow:
    """A household member on the track: who is at risk. Children are always listed."""

    membership: HouseholdMembership
    risk: MemberRisk | None
    age: int

    @property
    def is_child(self) -> bool:
        return self.age < 18

    @property
    def level_label(self) -> str:
        return self.risk.get_level_display() if self.risk else str(_unknown_label())


def _unknown_label() -> str:
    from stevig.safety.models import RiskLevel

    return str(RiskLevel.UNKNOWN.label)


@dataclass
class TrackFile:
    track: SafetyTrack
    steps: dict[int, StepRecord]
    named: list[NamedColleague]
    members: list[MemberRow]
    conclusion: Conclusion
    emergency: bool
    today: date

    @property
    def next_step(self) -> int | None:
        """The first step not recorded yet (None when all five are)."""
        for number in range(1, 6):
            if number not in self.steps:
                return number
        return None


def member_rows(track: SafetyTrack, today: date) -> list[MemberRow]:
    memberships = list(
        HouseholdMembership.objects.filter(household_id=track.household_id, end_date__isnull=True)
        .select_related("resident")
        .order_by("resident__date_of_birth")
    )
    risks = {r.resident_id: r for r in MemberRisk.objects.filter(track=track)}
    rows = [
        MemberRow(m, risks.get(m.resident_id), age_on(m.resident.date_of_birth, today)) for m in memberships
    ]
    # Children first: they are always visible on the track.
    return sorted(rows, key=lambda r: (not r.is_child, -r.age))


def track_file(*, actor: Actor, track_id: uuid.UUID, part: Part = PART) -> TrackFile:
    """Everything the track page shows, in a fixed number of queries; one access-log row (purpose
    'veiligheid')."""
    track = track_in_scope(actor=actor, track_id=track_id, action=Action.READ, part=part)
    today = timezone.localdate()
    steps = {s.number: s for s in StepRecord.objects.filter(track=track).select_related("done_by")}
    named = list(NamedColleague.objects.filter(track=track).select_related("user").order_by("added_at"))
    members = member_rows(track, today)
    emergency = _is_emergency(actor.user, track)
    log.allowed(
        safety_actor(actor),
        Action.READ,
        part,
        [m.membership.resident_id for m in members],
        object_type="safety_track",
        object_id=track.id,
        emergency=emergency,
    )
    return TrackFile(track, steps, named, members, conclude(track.answers), emergency, today)


# --- What a colleague without the notes may know -----------------------------------------------------


@dataclass
class TrackNotice:
    """That a safety track runs on a trajectory, without any of its content."""

    track_id: uuid.UUID
    status: str
    status_label: str
    can_read: bool
    contact_person: str


def open_track_notice(*, user: User, trajectory: Trajectory) -> TrackNotice | None:
    """The open (not closed) track of a trajectory the user already sees, or None. No notes; the page
    that shows it has logged the trajectory read."""
    track = (
        SafetyTrack.objects.filter(trajectory=trajectory)
        .exclude(status=Status.CLOSED)
        .annotate(readable=Exists(tracks_with_notes_for(user).filter(id=OuterRef("id"))))
        .first()
    )
    if track is None:
        return None
    contact = trajectory.contact_person
    return TrackNotice(
        track.id,
        track.status,
        str(track.get_status_display()),
        bool(track.readable),  # type: ignore[attr-defined]
        contact.get_full_name() or contact.username,
    )


def has_open_track(trajectory_id: uuid.UUID) -> bool:
    return SafetyTrack.objects.filter(trajectory_id=trajectory_id).exclude(status=Status.CLOSED).exists()


# --- Lists ---------------------------------------------------------------------------------------------


def open_tracks_for(user: User) -> QuerySet[SafetyTrack]:
    """Open tracks on the worklist of everyone named on them (vast aanspreekpunt, named colleagues,
    teamleider) until they are decided, and reported tracks until Veilig Thuis' follow-up is recorded."""
    return (
        tracks_with_notes_for(user)
        .exclude(status=Status.CLOSED)
        .select_related("household", "trajectory__contact_person")
        .prefetch_related(
            Prefetch(
                "household__memberships",
                queryset=HouseholdMembership.objects.filter(end_date__isnull=True).select_related("resident"),
                to_attr="current_members",
            )
        )
        .order_by("veilig_thuis_due", "opened_at", "id")
    )


def worklist_tracks(*, user: User, households: QuerySet[Household]) -> QuerySet[SafetyTrack]:
    """The open tracks for the one worklist (`web.worklist`), in one query: the tracks the user is named
    on (vast aanspreekpunt, named colleague, teamleider of the trajectory's team; never through emergency
    access), in households the worklist may show, until closed. Both scopes ("mine" and "team") show the
    same: a colleague who is not named never sees that a team track exists through the worklist.
    Annotated with `last_step` (the highest recorded Meldcode step) and `acute` (someone in the household
    is acutely unsafe)."""
    if notes_scope(user) is None:
        return SafetyTrack.objects.none()
    named = NamedColleague.objects.filter(user=user).values("track_id")
    by_name = Q(trajectory__contact_person=user) | Q(id__in=named)
    if user.role == Role.TEAM_LEAD and user.team_id:
        by_name |= Q(trajectory__team_id=user.team_id)
    return (
        SafetyTrack.objects.filter(by_name, municipality_id=user.municipality_id, household__in=households)
        .exclude(status=Status.CLOSED)
        .annotate(
            last_step=Subquery(
                StepRecord.objects.filter(track=OuterRef("id")).order_by("-number").values("number")[:1]
            ),
            acute=Exists(MemberRisk.objects.filter(track=OuterRef("id"), level=RiskLevel.ACUTE)),
        )
        .select_related("household")
        .order_by("veilig_thuis_due", "opened_at", "id")
    )


def log_listed(*, actor: Actor, rows: list[SafetyTrack], part: Part = Part.SAFETY_TRACKS) -> None:
    """One 'search' row naming the residents of the listed tracks (purpose 'veiligheid')."""
    log.listed(
        safety_actor(actor),
        part,
        [m.resident_id for t in rows for m in t.household.current_members],  # type: ignore[attr-defined]
        object_type="safety_track",
    )


def track_list(*, actor: Actor, offset: int = 0, limit: int = 25) -> tuple[list[SafetyTrack], bool]:
    """A page of the actor's open tracks; constant queries; one log row."""
    rows = list(open_tracks_for(actor.user)[offset : offset + limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    log_listed(actor=actor, rows=rows)
    return rows, has_more


# --- Form helpers ----------------------------------------------------------------------------------------


def nameable_colleagues(track: SafetyTrack) -> QuerySet[User]:
    """File roles of the municipality who are not yet named (nor the vast aanspreekpunt)."""
    named = NamedColleague.objects.filter(track=track).values("user_id")
    return (
        User.objects.filter(municipality_id=track.municipality_id, is_active=True, role__in=FILE_ROLES)
        .exclude(id__in=named)
        .exclude(id=track.trajectory.contact_person_id)
        .order_by("last_name", "first_name", "username")
    )


def household_visible(user: User, household: Household) -> bool:
    return households_visible_to(user).filter(id=household.id).exists()


def questions_of(household_id: uuid.UUID) -> QuerySet[Question]:
    """The household's intake questions, for the choice list when opening from a question (the page that
    shows them has logged the trajectory read)."""
    return Question.objects.filter(household_id=household_id).order_by("-created_at")[:20]  # type: ignore[return-value]


def require_track_in_municipality(*, actor: Actor, track_id: uuid.UUID) -> None:
    """Whether the emergency page may open: a track of the actor's municipality (reads no resident data;
    the grant checks again and logs). Otherwise the denial is logged and raised (404 upstream)."""
    if not SafetyTrack.objects.filter(id=track_id, municipality_id=actor.municipality_id).exists():
        raise deny_track(actor=actor, track_id=track_id, action=Action.READ, part=Part.SAFETY_EMERGENCY)

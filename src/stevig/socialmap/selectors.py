"""Reads of the social map (no resident data) and scoped reads of referrals (resident data)."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from stevig.accounts.models import User
from stevig.analysis.selectors import current_members, is_emergency
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.people.models import HouseholdMembership, Resident
from stevig.socialmap.models import Facility, FacilityDomain, Referral
from stevig.trajectories.models import Trajectory
from stevig.trajectories.selectors import TRAJECTORY, trajectories_visible_to


@dataclass(frozen=True)
class FacilitySearch:
    domain: str = ""
    neighbourhood_id: uuid.UUID | None = None
    text: str = ""
    sphere: str = ""
    kind: str = ""


def facilities_of(user: User) -> QuerySet[Facility]:
    """The social map of the user's own municipality (every staff member may consult it)."""
    if not user.is_authenticated or not user.is_staff_member:
        return Facility.objects.none()
    return Facility.objects.filter(municipality_id=user.municipality_id)


def search_facilities(
    *, user: User, criteria: FacilitySearch, include_inactive: bool = False
) -> QuerySet[Facility]:
    """Active facilities matching the criteria; a neighbourhood also finds municipality-wide ones.
    Ordered and prefetched: the caller paginates, and a page costs the same queries at any size."""
    qs = facilities_of(user)
    if not include_inactive:
        qs = qs.filter(active=True)
    if criteria.domain:
        qs = qs.filter(
            id__in=FacilityDomain.objects.filter(
                municipality_id=user.municipality_id, domain=criteria.domain
            ).values("facility_id")
        )
    if criteria.neighbourhood_id:
        qs = qs.filter(Q(neighbourhood_id=criteria.neighbourhood_id) | Q(neighbourhood__isnull=True))
    if criteria.text:
        qs = qs.filter(Q(name__icontains=criteria.text) | Q(purpose__icontains=criteria.text))
    if criteria.sphere:
        qs = qs.filter(sphere=criteria.sphere)
    if criteria.kind:
        qs = qs.filter(kind=criteria.kind)
    return (
        qs.select_related("neighbourhood")
        .prefetch_related(Prefetch("domain_links", queryset=FacilityDomain.objects.order_by("domain")))
        .order_by("name", "id")
    )


def facility_detail(*, user: User, facility_id: uuid.UUID) -> Facility:
    facility = (
        facilities_of(user)
        .select_related("neighbourhood")
        .prefetch_related("domain_links")
        .filter(id=facility_id)
        .first()
    )
    if facility is None:
        raise Http404
    return facility


# --- referrals (resident data) ----------------------------------------------------------------------


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    return Referral.objects.filter(
        municipality_id=user.municipality_id, trajectory__in=trajectories_visible_to(user)
    )


def _with_details(qs: QuerySet[Referral]) -> QuerySet[Referral]:
    return qs.select_related("facility", "facility__neighbourhood", "created_by").prefetch_related(
        Prefetch("residents", queryset=Resident.objects.order_by("date_of_birth")), "facility__domain_links"
    )


REFERRAL = access.Kind(
    Referral,
    "referral",
    visible=referrals_visible_to,
    household="trajectory__household_id",
    url_kwarg="referral_id",
    related=lambda qs: _with_details(qs).select_related("trajectory__household"),
    roles=access.FILE_ROLES,
    part=Part.REFERRAL,
)


@dataclass
class TrajectoryReferrals:
    trajectory: Trajectory
    referrals: list[Referral]
    members: list[HouseholdMembership]
    emergency: bool


def trajectory_referrals(*, actor: Actor, trajectory_id: uuid.UUID, limit: int = 200) -> TrajectoryReferrals:
    """The referrals of one trajectory, newest first. Logged with the residents they concern."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.READ, part=Part.REFERRAL
    )
    referrals = list(
        _with_details(Referral.objects.filter(trajectory=trajectory)).order_by(
            "-referred_on", "-created_at", "id"
        )[:limit]
    )
    members = current_members(trajectory)
    emergency = is_emergency(actor=actor, trajectory=trajectory)
    log.allowed(
        actor,
        Action.READ,
        Part.REFERRAL,
        {r.id for ref in referrals for r in ref.residents.all()} or [m.resident_id for m in members],
        object_type="trajectory",
        object_id=trajectory.id,
        emergency=emergency,
    )
    return TrajectoryReferrals(trajectory, referrals, members, emergency)


def referral_detail(*, actor: Actor, referral_id: uuid.UUID) -> Referral:
    referral = access.scoped_get(
        REFERRAL, actor=actor, pk=referral_id, action=Action.READ, part=Part.REFERRAL
    )
    log.allowed(
        actor,
        Action.READ,
        Part.REFERRAL,
        [r.id for r in referral.residents.all()],
        object_type="referral",
        object_id=referral.id,
        emergency=is_emergency(actor=actor, trajectory=referral.trajectory),
    )
    return referral


def log_follow_ups_listed(*, actor: Actor, referrals: Iterable[Referral], until: date) -> None:
    log.listed(
        actor,
        Part.REFERRAL,
        {r.id for ref in referrals for r in ref.residents.all()},
        object_type="referral",
        detail={"nabellen_tot": until.isoformat()},
    )


def referral_follow_ups_due(*, user: User, until: date) -> QuerySet[Referral]:
    """Referrals in the user's scope without an outcome whose follow-up date is on or before `until`
    (for the worklist). A query, not a job. The caller logs what it shows (part "verwijzing")."""
    return (
        referrals_visible_to(user)
        .filter(outcome="", follow_up_on__lte=until)
        .select_related("facility", "facility__neighbourhood", "trajectory__household")
        .prefetch_related(
            Prefetch("residents", queryset=Resident.objects.order_by("date_of_birth")),
            "facility__domain_links",
        )
        .order_by("follow_up_on", "id")
    )

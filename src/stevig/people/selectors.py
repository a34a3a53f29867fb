"""The only road to resident and household data.

`households_visible_to` is the single need-to-know rule for household files; every other read
(residents, search, later: trajectories, plans) derives from it. Anything it does not grant is denied.
Functions that return data to a person write the access log (`record_access`) themselves.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from stevig.accounts.models import Role, User
from stevig.audit.models import Action, Outcome
from stevig.audit.services import record_access
from stevig.core import access
from stevig.core.access import FILE_ROLES
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied
from stevig.people.models import (
    EmergencyAccess,
    Household,
    HouseholdMembership,
    Involvement,
    Resident,
    ResidentNameToken,
    name_tokens,
)
from stevig.people.validators import normalise_bsn, normalise_postcode


class FileAccessDenied(AccessDenied):
    """Kept while the apps move to `core.access` (which raises `AccessDenied` itself)."""


def household_scope(user: User, path: str = "") -> Q | None:
    """The need-to-know rule as a filter on a household reached through `path` (e.g.
    "memberships__household__"), or None when the user may see no household at all.

    medewerker: households their team holds, or they are involved in, or hold emergency access to;
    teamleider: the team's households and their own involvements; coördinator: households escalated
    to the coordinator function and their own involvements. Beleid, vakafdeling, beheer and privacy see
    no household file here (privacy uses its own, logged, data-subject selectors).
    """
    if not user.is_authenticated or not user.is_staff_member or user.role not in FILE_ROLES:
        return None
    involved = Involvement.objects.filter(user=user, ended_at__isnull=True).values("household_id")
    scope = Q(**{f"{path}id__in": involved})
    if user.role in (Role.WORKER, Role.TEAM_LEAD) and user.team_id:
        scope |= Q(**{f"{path}team_id": user.team_id})
    if user.role == Role.COORDINATOR:
        scope |= Q(**{f"{path}escalated_at__isnull": False})
    emergency = EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now()).values(
        "household_id"
    )
    scope |= Q(**{f"{path}id__in": emergency})
    return Q(**{f"{path}municipality_id": user.municipality_id}) & scope


HOUSEHOLD_KEYSET = ("postcode", "house_number", "id")


def households_visible_to(user: User) -> QuerySet[Household]:
    """Households this user may open in the normal course of work (see `household_scope`)."""
    scope = household_scope(user)
    if scope is None:
        return Household.objects.none()
    return Household.objects.filter(scope)


HOUSEHOLD = access.Kind(
    Household, "household", visible=households_visible_to, household="id", url_kwarg="household_id"
)


def residents_visible_to(user: User) -> QuerySet[Resident]:
    """Residents who currently live in a household the user may see."""
    memberships = HouseholdMembership.objects.filter(
        end_date__isnull=True, household__in=households_visible_to(user)
    ).values("resident_id")
    return Resident.objects.filter(municipality_id=user.municipality_id, id__in=memberships)


RESIDENT = access.Kind(
    Resident,
    "resident",
    visible=residents_visible_to,
    household="memberships__household_id",
    where={"memberships__end_date__isnull": True},
    residents=lambda pk: [pk],
    url_kwarg="resident_id",
)


def _is_emergency(user: User, household_id: uuid.UUID) -> bool:
    """Whether the user sees this household only through break-the-glass (flagged in the log)."""
    normal = households_visible_to(user).exclude(
        id__in=EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now()).values("household_id")
    )
    return not normal.filter(id=household_id).exists()


def _current_member_ids(household_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        HouseholdMembership.objects.filter(household_id=household_id, end_date__isnull=True).values_list(
            "resident_id", flat=True
        )
    )


def deny_household(*, actor: Actor, household_id: uuid.UUID, action: Action, part: str) -> FileAccessDenied:
    """Log a denied attempt on a household and return the exception to raise.

    Residents are named in the denied row only when the household is in the actor's municipality,
    so the resident's own access log shows attempts, and nothing leaks across municipalities.
    """
    in_municipality = Household.objects.filter(
        id=household_id, municipality_id=actor.municipality_id
    ).exists()
    record_access(
        actor=actor,
        action=action,
        outcome=Outcome.DENIED,
        part=part,
        residents=_current_member_ids(household_id) if in_municipality else (),
        object_type="household",
        object_id=household_id,
    )
    return FileAccessDenied(
        can_break_glass=in_municipality and actor.role in FILE_ROLES, household_id=household_id
    )


@dataclass
class HouseholdFile:
    household: Household
    current_members: list[HouseholdMembership]
    past_members: list[HouseholdMembership]
    involvements: list[Involvement]
    emergency: bool
    other_addresses: dict[uuid.UUID, list[HouseholdMembership]] = field(default_factory=dict)


def household_file(*, actor: Actor, household_id: uuid.UUID, part: str = "huishouden") -> HouseholdFile:
    """The household file: members (current and past), their other addresses, involved professionals."""
    household = (
        households_visible_to(actor.user)
        .select_related("neighbourhood", "team")
        .filter(id=household_id)
        .first()
    )
    if household is None:
        raise deny_household(actor=actor, household_id=household_id, action=Action.READ, part=part)
    memberships = list(
        HouseholdMembership.objects.filter(household=household)
        .select_related("resident")
        .order_by("start_date")
    )
    current = [m for m in memberships if m.end_date is None]
    past = [m for m in memberships if m.end_date is not None]
    member_ids = [m.resident_id for m in memberships]
    elsewhere: dict[uuid.UUID, list[HouseholdMembership]] = {}
    for other in (
        HouseholdMembership.objects.filter(resident_id__in=member_ids)
        .exclude(household=household)
        .select_related("household")
        .order_by("start_date")
    ):
        elsewhere.setdefault(other.resident_id, []).append(other)
    involvements = list(
        Involvement.objects.filter(household=household, ended_at__isnull=True).select_related("user")
    )
    emergency = _is_emergency(actor.user, household.id)
    record_access(
        actor=actor,
        action=Action.READ,
        outcome=Outcome.ALLOWED,
        part=part,
        residents=[m.resident_id for m in current],
        object_type="household",
        object_id=household.id,
        emergency=emergency,
    )
    return HouseholdFile(household, current, past, involvements, emergency, elsewhere)


def resident_for_update(*, actor: Actor, resident_id: uuid.UUID) -> Resident:
    """A resident the actor may change (no log row: the update itself is logged by the service)."""
    resident = residents_visible_to(actor.user).filter(id=resident_id).first()
    if resident is None:
        raise deny_resident(actor=actor, resident_id=resident_id, action=Action.UPDATE, part="inwoner")
    return resident


def resident_detail(*, actor: Actor, resident_id: uuid.UUID) -> Resident:
    resident = (
        residents_visible_to(actor.user)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=HouseholdMembership.objects.select_related("household").order_by("start_date"),
            )
        )
        .filter(id=resident_id)
        .first()
    )
    if resident is None:
        raise deny_resident(actor=actor, resident_id=resident_id, action=Action.READ, part="inwoner")
    current = next((m for m in resident.memberships.all() if m.end_date is None), None)
    record_access(
        actor=actor,
        action=Action.READ,
        outcome=Outcome.ALLOWED,
        part="inwoner",
        residents=[resident.id],
        object_type="resident",
        object_id=resident.id,
        emergency=current is not None and _is_emergency(actor.user, current.household_id),
    )
    return resident


def deny_resident(*, actor: Actor, resident_id: uuid.UUID, action: Action, part: str) -> FileAccessDenied:
    in_municipality = Resident.objects.filter(id=resident_id, municipality_id=actor.municipality_id).exists()
    record_access(
        actor=actor,
        action=action,
        outcome=Outcome.DENIED,
        part=part,
        residents=[resident_id] if in_municipality else (),
        object_type="resident",
        object_id=resident_id,
    )
    current_household = (
        HouseholdMembership.objects.filter(resident_id=resident_id, end_date__isnull=True)
        .values_list("household_id", flat=True)
        .first()
        if in_municipality
        else None
    )
    return FileAccessDenied(
        can_break_glass=in_municipality and actor.role in FILE_ROLES, household_id=current_household
    )


def household_in_municipality(*, user: User, household_id: uuid.UUID) -> bool:
    """Whether the household exists in the user's own municipality (the emergency-access page may open).

    Reads no resident data; the grant itself checks again and logs."""
    return Household.objects.filter(id=household_id, municipality_id=user.municipality_id).exists()


def households_at_address(
    *, actor: Actor, postcode: str, house_number: int, limit: int = 10
) -> list[Household]:
    """Visible households at one address (e.g. the target of a move), with their current members.

    The search and the residents it shows are logged."""
    memberships = Prefetch(
        "memberships",
        queryset=HouseholdMembership.objects.filter(end_date__isnull=True)
        .select_related("resident")
        .order_by("start_date"),
        to_attr="current_memberships",
    )
    households: list[Household] = list(
        households_visible_to(actor.user)
        .filter(postcode=normalise_postcode(postcode), house_number=house_number)
        .select_related("team")
        .prefetch_related(memberships)
        .order_by("house_number_addition", "id")[:limit]
    )
    record_access(
        actor=actor,
        action=Action.SEARCH,
        outcome=Outcome.ALLOWED,
        part="adres-zoeken",
        residents=[m.resident_id for h in households for m in h.current_memberships],  # type: ignore[attr-defined]
        object_type="household",
        detail={"postcode": normalise_postcode(postcode), "huisnummer": house_number},
    )
    return households


@dataclass(frozen=True)
class ResidentSearch:
    name: str = ""
    date_of_birth: date | None = None
    bsn: str = ""
    postcode: str = ""
    house_number: int | None = None

    def is_empty(self) -> bool:
        return not (self.name or self.date_of_birth or self.bsn or (self.postcode and self.house_number))

    def logged_criteria(self) -> dict[str, Any]:
        """What the log keeps of the query: never the BSN itself, only that one was used."""
        return {
            "naam": self.name,
            "geboortedatum": self.date_of_birth.isoformat() if self.date_of_birth else "",
            "bsn": bool(self.bsn),
            "postcode": self.postcode,
            "huisnummer": self.house_number,
        }


def _prefix(word: str) -> Q:
    """An index-friendly prefix match on a name token.

    PostgreSQL uses the `varchar_pattern_ops` index for `LIKE 'abc%'`. SQLite's LIKE ignores case and
    so cannot use a plain index, but a half-open range ('abc' <= token < 'abd') can.
    """
    if connection.vendor == "sqlite":
        upper = word[:-1] + chr(ord(word[-1]) + 1)
        return Q(token__gte=word, token__lt=upper)
    return Q(token__startswith=word)


def search_residents(
    *, actor: Actor, criteria: ResidentSearch, offset: int = 0, limit: int = 25
) -> tuple[list[Resident], bool]:
    """Residents the actor may see that match every given criterion; one page and whether more exist.

    Name fragments match the start of the surname or of a given name (indexed prefix search). The
    search and the residents it returned are logged.
    """
    if criteria.is_empty():
        return [], False
    # Start from the most selective criterion (name tokens, BSN, birth date, address), then keep only
    # residents whose current household is visible: the planner then drives from an index instead of
    # walking every resident the user may see.
    scope = household_scope(actor.user, "memberships__household__")
    if scope is None:
        qs = Resident.objects.none()
    else:
        qs = Resident.objects.filter(
            scope, municipality_id=actor.municipality_id, memberships__end_date__isnull=True
        )
    if criteria.name:
        for word in sorted(name_tokens(criteria.name)):
            matching = ResidentNameToken.objects.filter(
                _prefix(word), municipality_id=actor.municipality_id
            ).values("resident_id")
            qs = qs.filter(id__in=matching)
    if criteria.date_of_birth:
        qs = qs.filter(date_of_birth=criteria.date_of_birth)
    if criteria.bsn:
        qs = qs.filter(bsn=normalise_bsn(criteria.bsn))
    if criteria.postcode and criteria.house_number:
        at_address = Household.objects.filter(
            municipality_id=actor.municipality_id,
            postcode=normalise_postcode(criteria.postcode),
            house_number=criteria.house_number,
        ).values("id")
        qs = qs.filter(memberships__household__in=at_address)
    qs = qs.prefetch_related(
        Prefetch(
            "memberships",
            queryset=HouseholdMembership.objects.filter(end_date__isnull=True).select_related("household"),
            to_attr="current_memberships",
        )
    ).order_by("surname_key", "given_key", "id")
    rows: list[Resident] = list(qs[offset : offset + limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    record_access(
        actor=actor,
        action=Action.SEARCH,
        outcome=Outcome.ALLOWED,
        part="zoeken",
        residents=[r.id for r in rows],
        object_type="resident",
        detail=criteria.logged_criteria(),
    )
    return rows, has_more

"""The only road to resident and household data.

`households_visible_to` is the single need-to-know rule for household files; every other read
(residents, search, later: trajectories, plans) derives from it. Anything it does not grant is denied.
Functions that return data to a person write the access log (`record_access`) themselves.
"""

import dataclasses
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.access import FILE_ROLES
from stevig.core.context import Actor
from stevig.core.pagination import FIRST_PAGE, Page, PageRequest
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
    now = timezone.now()
    involved = (
        Involvement.objects.filter(user=user, ended_at__isnull=True)
        .exclude(emergency_until__lte=now)
        .values("household_id")
    )
    scope = Q(**{f"{path}id__in": involved})
    if user.role in (Role.WORKER, Role.TEAM_LEAD) and user.team_id:
        scope |= Q(**{f"{path}team_id": user.team_id})
    if user.role == Role.COORDINATOR:
        scope |= Q(**{f"{path}escalated_at__isnull": False})
    emergency = EmergencyAccess.objects.filter(user=user, expires_at__gt=now).values("household_id")
    scope |= Q(**{f"{path}id__in": emergency})
    return Q(**{f"{path}municipality_id": user.municipality_id}) & scope


def emergency_household_ids(user: User) -> list[uuid.UUID]:
    """Households the user reaches through break-the-glass: an open grant, or an involvement added under
    one (which ends with it). Reads there are flagged `emergency` in the access log."""
    now = timezone.now()
    grants = EmergencyAccess.objects.filter(user=user, expires_at__gt=now).values_list(
        "household_id", flat=True
    )
    involved = Involvement.objects.filter(
        user=user, ended_at__isnull=True, emergency_until__gt=now
    ).values_list("household_id", flat=True)
    return list(grants.union(involved, all=True))  # one query for both


HOUSEHOLD_KEYSET = ("postcode", "house_number", "id")


def households_visible_to(user: User) -> QuerySet[Household]:
    """Households this user may open in the normal course of work (see `household_scope`)."""
    scope = household_scope(user)
    if scope is None:
        return Household.objects.none()
    return Household.objects.filter(scope)


HOUSEHOLD = access.Kind(
    Household,
    "household",
    visible=households_visible_to,
    household="id",
    url_kwarg="household_id",
    roles=FILE_ROLES,
    part=Part.HOUSEHOLD,
)


def current_household_id(resident_id: uuid.UUID) -> uuid.UUID | None:
    return (
        HouseholdMembership.objects.filter(resident_id=resident_id, end_date__isnull=True)
        .values_list("household_id", flat=True)
        .first()
    )


def log_households_listed(
    *, actor: Actor, households: Iterable[Household], part: Part = Part.HOUSEHOLDS
) -> None:
    """One `search` row naming the current members of the households shown (one query)."""
    members = HouseholdMembership.objects.filter(
        household__in=[h.id for h in households], end_date__isnull=True
    ).values_list("resident_id", flat=True)
    log.listed(actor, part, list(members), object_type="household")


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
    roles=FILE_ROLES,
    part=Part.RESIDENT,
)


@dataclass
class HouseholdFile:
    household: Household
    current_members: list[HouseholdMembership]
    past_members: list[HouseholdMembership]
    involvements: list[Involvement]
    emergency: bool
    other_addresses: dict[uuid.UUID, list[HouseholdMembership]] = field(default_factory=dict)


def household_file(*, actor: Actor, household_id: uuid.UUID, part: Part = Part.HOUSEHOLD) -> HouseholdFile:
    """The household file: members (current and past), their other addresses, involved professionals."""
    household = access.scoped_get(
        HOUSEHOLD,
        actor=actor,
        pk=household_id,
        action=Action.READ,
        part=part,
        select_related=("neighbourhood", "team"),
    )
    memberships = list(
        HouseholdMembership.objects.filter(household=household)
        .select_related("resident")
        .order_by("start_date")
    )
    current = [m for m in memberships if m.end_date is None]
    past = [m for m in memberships if m.end_date is not None]
    for membership in current:
        # A resident has one current membership (a constraint), and for a current member it is this one:
        # the API's `household_id` reads it here instead of one query per member.
        membership.resident.current_memberships = [membership]  # type: ignore[attr-defined]
    member_ids = [m.resident_id for m in memberships]
    # Other addresses (earlier, and where a former member lives now) only where the actor may look
    # anyway: a member who moved to another team's household keeps that address and household hidden.
    elsewhere: dict[uuid.UUID, list[HouseholdMembership]] = {}
    for other in (
        HouseholdMembership.objects.filter(
            resident_id__in=member_ids, household__in=households_visible_to(actor.user)
        )
        .exclude(household=household)
        .select_related("household")
        .order_by("start_date")
    ):
        elsewhere.setdefault(other.resident_id, []).append(other)
    involvements = list(
        Involvement.objects.filter(household=household, ended_at__isnull=True).select_related("user")
    )
    # The household came through `households_visible_to` (scoped_get above).
    emergency = access.is_emergency(actor.user, household.id, known_visible=True)
    # Everyone the file shows is read: the current members and the former ones (name, dates).
    log.allowed(
        actor,
        Action.READ,
        part,
        list(dict.fromkeys(member_ids)),
        object_type="household",
        object_id=household.id,
        emergency=emergency,
    )
    return HouseholdFile(household, current, past, involvements, emergency, elsewhere)


def resident_for_update(*, actor: Actor, resident_id: uuid.UUID) -> Resident:
    """A resident the actor may change (no log row: the update itself is logged by the service)."""
    return access.scoped_get(RESIDENT, actor=actor, pk=resident_id, action=Action.UPDATE, part=Part.RESIDENT)


def resident_detail(*, actor: Actor, resident_id: uuid.UUID) -> Resident:
    resident = access.scoped_get(
        RESIDENT,
        actor=actor,
        pk=resident_id,
        action=Action.READ,
        part=Part.RESIDENT,
        prefetch_related=(
            Prefetch(
                "memberships",
                queryset=HouseholdMembership.objects.select_related("household").order_by("start_date"),
            ),
        ),
    )
    current = next((m for m in resident.memberships.all() if m.end_date is None), None)
    log.allowed(
        actor,
        Action.READ,
        Part.RESIDENT,
        [resident.id],
        object_type="resident",
        object_id=resident.id,
        # A visible resident's current household is visible (`residents_visible_to`).
        emergency=current is not None
        and access.is_emergency(actor.user, current.household_id, known_visible=True),
    )
    return resident


def emergency_access_needed(*, actor: Actor, household_id: uuid.UUID) -> bool:
    """False when the actor sees the household anyway; True when emergency access may be asked for it.
    Otherwise (another municipality, or no such household) the attempt is logged and denied (404)."""
    if households_visible_to(actor.user).filter(id=household_id).exists():
        return False
    if not household_in_municipality(user=actor.user, household_id=household_id):
        raise access.deny(HOUSEHOLD, actor=actor, pk=household_id, action=Action.READ, part=Part.EMERGENCY)
    return True


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
    log.listed(
        actor,
        Part.ADDRESS_SEARCH,
        [m.resident_id for h in households for m in h.current_memberships],  # type: ignore[attr-defined]
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


def token_prefix(word: str) -> Q:
    """An index-friendly prefix match on a name token: the half-open range 'abc' <= token < 'abd'.

    Tokens are normalised lower case without accents; the column sorts bytewise on both databases
    (SQLite's default, the "C" collation on PostgreSQL), so the range is exactly the prefix, and the
    (municipality, token, resident) index returns the matches already in the search's order.
    """
    upper = word[:-1] + chr(ord(word[-1]) + 1)
    return Q(token__gte=word, token__lt=upper)


# Tussenvoegsels (BRP "voorvoegsels geslachtsnaam"): short words that begin many Dutch surnames. A
# search never drives from one of them when the query has another word: "van dijk" walks the few
# "dijk…" tokens and checks "van" per candidate, instead of walking tens of thousands of "van" tokens.
TUSSENVOEGSELS = frozenset(
    "van de der den het ter ten te in op aan bij uit voor t s d l la le les du des del della di da dos "
    "el al von vom zu zum zur am auf".split()
)

# Name search pages in the order of the name-token index: top-N without sorting all matches, and
# deep pages by cursor. Other searches (BSN, birth date, address) find a handful of residents.
NAME_SEARCH_KEYSET = ("token", "resident_id")
RESIDENT_KEYSET = ("surname_key", "given_key", "id")


def _driving_word(words: list[str]) -> str:
    """The word to walk the token index with: the longest that is not a tussenvoegsel."""
    candidates = [w for w in words if w not in TUSSENVOEGSELS] or words
    return max(candidates, key=lambda w: (len(w), w))


def _resident_filter(actor: Actor, criteria: ResidentSearch, path: str = "") -> Q | None:
    """Visible (current household in scope) and matching the exact criteria, for residents at `path`."""
    scope = household_scope(actor.user, f"{path}memberships__household__")
    if scope is None:
        return None
    condition = scope & Q(
        **{f"{path}municipality_id": actor.municipality_id, f"{path}memberships__end_date__isnull": True}
    )
    if criteria.date_of_birth:
        condition &= Q(**{f"{path}date_of_birth": criteria.date_of_birth})
    if criteria.bsn:
        condition &= Q(**{f"{path}bsn": normalise_bsn(criteria.bsn)})
    if criteria.postcode and criteria.house_number:
        at_address = Household.objects.filter(
            municipality_id=actor.municipality_id,
            postcode=normalise_postcode(criteria.postcode),
            house_number=criteria.house_number,
        ).values("id")
        condition &= Q(**{f"{path}memberships__household__in": at_address})
    return condition


def _current_memberships(path: str = "", *, with_household: bool = True) -> Prefetch:  # type: ignore[type-arg]
    memberships = HouseholdMembership.objects.filter(end_date__isnull=True)
    return Prefetch(
        f"{path}memberships",
        queryset=memberships.select_related("household") if with_household else memberships,
        to_attr="current_memberships",
    )


def name_search_tokens(*, actor: Actor, criteria: ResidentSearch) -> QuerySet[ResidentNameToken]:
    """The name tokens that drive a name search, one per matching visible resident.

    Walks the (municipality, token) index from the driving word's prefix; every other word must be a
    prefix of another token of the same resident (EXISTS on the (resident, token) index). A resident
    with two tokens that match the driving prefix ("jan" in Jan Jansen) comes once, at the first one.
    """
    words = sorted(name_tokens(criteria.name))
    condition = _resident_filter(actor, criteria, "resident__") if words else None
    if condition is None:
        return ResidentNameToken.objects.none()
    drive = _driving_word(words)
    own_tokens = ResidentNameToken.objects.filter(resident_id=OuterRef("resident_id"))
    qs = ResidentNameToken.objects.filter(
        token_prefix(drive), condition, municipality_id=actor.municipality_id
    )
    qs = qs.exclude(Exists(own_tokens.filter(token_prefix(drive), token__lt=OuterRef("token"))))
    for word in words:
        if word != drive:
            qs = qs.filter(Exists(own_tokens.filter(token_prefix(word))))
    return qs


def search_residents(
    *, actor: Actor, criteria: ResidentSearch, page: PageRequest = FIRST_PAGE, with_address: bool = True
) -> Page[Resident]:
    """Residents the actor may see that match every given criterion: one page, in index order.

    Each result carries its current membership (`current_memberships`); with `with_address` also that
    household, for the page that shows the address (the API answers the household's id only).

    A name fragment matches the start of any word of the name ("dijk" and "van dijk" both find Van
    Dijk); see `name_search_tokens`. Without a name the exact criteria (BSN, birth date, postcode and
    house number) drive from their own indexes. The search and the residents it returned are logged.
    """
    if criteria.is_empty():
        return Page(rows=[], has_next=False, has_previous=False, request=page)
    if criteria.name:
        tokens = name_search_tokens(actor=actor, criteria=criteria).select_related("resident")
        token_page = page.page(
            tokens.prefetch_related(_current_memberships("resident__", with_household=with_address)),
            keyset=NAME_SEARCH_KEYSET,
        )
        # Within the page, alphabetical for the reader; the cursors keep the index order.
        residents = sorted((t.resident for t in token_page.rows), key=lambda r: (r.surname_key, r.given_key))
        result: Page[Resident] = dataclasses.replace(token_page, rows=residents)  # type: ignore[arg-type]
    else:
        condition = _resident_filter(actor, criteria)
        qs = Resident.objects.none() if condition is None else Resident.objects.filter(condition)
        result = page.page(
            qs.prefetch_related(_current_memberships(with_household=with_address)), keyset=RESIDENT_KEYSET
        )
    log.listed(
        actor,
        Part.SEARCH,
        [r.id for r in result.rows],
        object_type="resident",
        detail=criteria.logged_criteria(),
    )
    return result

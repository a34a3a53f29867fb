"""Reads of the retention app: which files' retention period has passed, and the privacy officer's view of
the destruction lists and litigation holds.

The privacy officer sees no household file through `household_scope`; these selectors are her own road,
scoped to her municipality, and every page or endpoint that shows residents' files writes an access-log row
naming them (purpose: privacy supervision).
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.utils import timezone

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.audit.purposes import Purpose
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied, RoleDenied
from stevig.people.models import Household, HouseholdMembership
from stevig.retention import rules
from stevig.retention.models import DestructionList, DestructionListItem, DestructionRequest, LitigationHold

PURPOSE = Purpose.SUPERVISION.value
M = TypeVar("M", bound=Model)


@dataclass
class FileFacts:
    """What decides a household file's retention period."""

    household_id: uuid.UUID
    kinds: set[str] = field(default_factory=set)
    last_involvement: date | None = None
    running: bool = False  # something still runs (open trajectory, decision without end, open request)

    def saw(self, day: date | datetime | None, kind: str | None = None) -> None:
        if kind:
            self.kinds.add(kind)
        if day is None:
            return
        if isinstance(day, datetime):
            day = timezone.localdate(day)
        if self.last_involvement is None or day > self.last_involvement:
            self.last_involvement = day

    def keep_until(self) -> tuple[date, list[str]] | None:
        if self.running or self.last_involvement is None:
            return None
        return rules.keep_until(self.kinds, self.last_involvement)


def file_facts(municipality_id: uuid.UUID) -> dict[uuid.UUID, FileFacts]:
    """The facts of every household file of a municipality, in a constant number of queries."""
    from stevig.decisions.models import GRANTING, Application, ApplicationStatus, Decision, LegalRemedy
    from stevig.intake.models import Kind as QuestionKind
    from stevig.intake.models import Question
    from stevig.intake.models import Status as QuestionStatus
    from stevig.mandates.models import OPEN_STATUSES, MandateRequest
    from stevig.safety.models import SafetyTrack
    from stevig.safety.models import Status as SafetyStatus
    from stevig.trajectories.models import Trajectory

    facts: dict[uuid.UUID, FileFacts] = {}

    def of(household_id: uuid.UUID) -> FileFacts:
        return facts.setdefault(household_id, FileFacts(household_id))

    mine = {"municipality_id": municipality_id}
    for hid, created in Household.objects.filter(**mine).values_list("id", "created_at"):
        of(hid).saw(created)
    for hid, opened, closed in Trajectory.objects.filter(**mine).values_list(
        "household_id", "opened_at", "closed_at"
    ):
        of(hid).saw(closed or opened)
        if closed is None:
            of(hid).running = True
    for hid, law, received, status in Application.objects.filter(**mine).values_list(
        "household_id", "law", "received_on", "status"
    ):
        of(hid).saw(received, law)
        if status == ApplicationStatus.OPEN:
            of(hid).running = True
    for hid, law, outcome, decided, end, withdrawn in Decision.objects.filter(**mine).values_list(
        "household_id", "law", "outcome", "decided_on", "end_date", "withdrawn_on"
    ):
        # The provision ends at its end date (Selectielijst: "bestaansduur procesobject"); a refusal or a
        # decision not to consider ends with the decision; a withdrawal on the day it was withdrawn.
        if withdrawn:
            of(hid).saw(withdrawn, law)
        elif outcome in GRANTING:
            if end is None:  # lifelong, no end date: the provision still runs
                of(hid).saw(decided, law)
                of(hid).running = True
            else:
                of(hid).saw(max(end, decided), law)
        else:
            of(hid).saw(decided, law)
    for hid, remedy_received, remedy_decided, status in LegalRemedy.objects.filter(**mine).values_list(
        "household_id", "received_on", "decided_on", "status"
    ):
        of(hid).saw(remedy_decided or remedy_received)
        if status == "open":
            of(hid).running = True
    question_kinds = {k.value for k in QuestionKind} - {QuestionKind.GENERAL.value}
    for hid, kind, received, status in Question.objects.filter(household__isnull=False, **mine).values_list(
        "household_id", "kind", "received_at", "status"
    ):
        of(hid).saw(received, kind if kind in question_kinds else None)
        if status != QuestionStatus.CLOSED:
            of(hid).running = True
    for hid, debt_help, sent, handled, status in MandateRequest.objects.filter(**mine).values_list(
        "household_id", "department__debt_help", "sent_on", "handled_on", "status"
    ):
        of(hid).saw(handled or sent, rules.RecordKind.WGS if debt_help else None)
        if status in OPEN_STATUSES:
            of(hid).running = True
    for hid, opened, closed, status in SafetyTrack.objects.filter(**mine).values_list(
        "household_id", "opened_at", "closed_at", "status"
    ):
        # Meldcode (Wmo 2015 ch. 4 / Jeugdwet ch. 4): kept as Wmo data, 15 years (our choice, see docs).
        of(hid).saw(closed or opened, rules.RecordKind.WMO)
        if status != SafetyStatus.CLOSED:
            of(hid).running = True
    return facts


@dataclass(frozen=True)
class Candidate:
    household_id: uuid.UUID
    kinds: list[str]
    last_involvement: date
    keep_until: date
    sources: list[str]


def files_past_their_term(*, municipality_id: uuid.UUID, today: date) -> list[Candidate]:
    """Every file of the municipality whose retention period ended before `today`, oldest first."""
    found = []
    for f in file_facts(municipality_id).values():
        term = f.keep_until()
        if term is None or f.last_involvement is None:
            continue
        until, sources = term
        if today > until:
            kinds = sorted(f.kinds) or [rules.RecordKind.GENERAL.value]
            found.append(Candidate(f.household_id, kinds, f.last_involvement, until, sources))
    return sorted(found, key=lambda c: (c.keep_until, str(c.household_id)))


# ---- The privacy officer's reads ---------------------------------------------------------------------


def require_privacy(actor: Actor, *, action: Action, part: Part, **where: str) -> None:
    """Only the privacy officer; anyone else gets a logged denial (`RoleDenied`, HTTP 403)."""
    if actor.role != Role.PRIVACY:
        log.denied(actor, action, part, **where)  # type: ignore[arg-type]
        raise RoleDenied("Alleen de privacy officer beoordeelt bewaartermijnen en vernietiging.")


def own_or_denied(
    queryset: QuerySet[M],
    *,
    actor: Actor,
    pk: uuid.UUID,
    action: Action,
    part: Part,
    object_type: str,
    missing: str,
) -> M:
    """One row of the privacy officer's own municipality. Another role: logged denial (403); not found or
    another municipality's: logged denial, `AccessDenied` (404, nothing confirmed)."""
    where = {"object_type": object_type, "object_id": str(pk)}
    require_privacy(actor, action=action, part=part, **where)
    found = queryset.filter(id=pk, municipality_id=actor.municipality_id).first()
    if found is None:
        log.denied(actor, action, part, **where)  # type: ignore[arg-type]
        raise AccessDenied(missing, can_break_glass=False)
    return found


def lists_for(user: User) -> QuerySet[DestructionList]:
    return DestructionList.objects.filter(municipality_id=user.municipality_id).order_by("-month", "id")


def latest_list_id(municipality_id: uuid.UUID) -> uuid.UUID | None:
    return (
        DestructionList.objects.filter(municipality_id=municipality_id)
        .order_by("-month")
        .values_list("id", flat=True)
        .first()
    )


def destruction_list(*, actor: Actor, list_id: uuid.UUID) -> DestructionList:
    """One list of the actor's municipality; another municipality's list: logged denial, not found."""
    return own_or_denied(
        DestructionList.objects.all(),
        actor=actor,
        pk=list_id,
        action=Action.READ,
        part=Part.DESTRUCTION_LIST,
        object_type="vernietigingslijst",
        missing="Deze vernietigingslijst bestaat niet.",
    )


def items_of(destruction_list: DestructionList) -> QuerySet[DestructionListItem]:
    return destruction_list.items.select_related("decided_by").order_by("keep_until", "id")


@dataclass(frozen=True)
class ItemView:
    item: DestructionListItem
    address: str  # empty once destroyed
    members: int
    holds: int


def item_views(
    items: list[DestructionListItem], municipality_id: uuid.UUID
) -> tuple[list[ItemView], list[uuid.UUID]]:
    """The page rows (address of a file still there, number of members, active holds) and the residents
    they show, in a constant number of queries."""
    ids = [uuid.UUID(i.household_ref) for i in items]
    households = {h.id: h for h in Household.objects.filter(id__in=ids, municipality_id=municipality_id)}
    members: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for hid, rid in HouseholdMembership.objects.filter(household_id__in=households).values_list(
        "household_id", "resident_id"
    ):
        members[hid].append(rid)
    holds: dict[uuid.UUID, int] = defaultdict(int)
    for hid in LitigationHold.objects.filter(household_id__in=households, lifted_at__isnull=True).values_list(
        "household_id", flat=True
    ):
        holds[hid] += 1
    rows = []
    for item, hid in zip(items, ids, strict=True):
        household = households.get(hid)
        rows.append(
            ItemView(item, household.address_line if household else "", len(set(members[hid])), holds[hid])
        )
    subjects = sorted({r for hid in households for r in members[hid]})
    return rows, subjects


def log_list_read(*, actor: Actor, destruction_list: DestructionList, subjects: list[uuid.UUID]) -> None:
    log.listed(
        actor,
        Part.DESTRUCTION_LIST,
        subjects,
        action=Action.READ,
        object_type="vernietigingslijst",
        object_id=str(destruction_list.id),
    )


def household_for_hold(*, actor: Actor, household_id: uuid.UUID, action: Action) -> Household:
    """The household whose litigation holds the privacy officer manages; out of her municipality: logged
    denial, not found."""
    return own_or_denied(
        Household.objects.all(),
        actor=actor,
        pk=household_id,
        action=action,
        part=Part.LITIGATION_HOLD,
        object_type="household",
        missing="Dit huishouden bestaat niet (meer).",
    )


def member_ids(household_id: uuid.UUID) -> list[uuid.UUID]:
    return sorted(
        set(
            HouseholdMembership.objects.filter(household_id=household_id).values_list(
                "resident_id", flat=True
            )
        )
    )


def holds_of(household: Household) -> QuerySet[LitigationHold]:
    return (
        LitigationHold.objects.filter(household=household)
        .select_related("placed_by", "lifted_by")
        .order_by("lifted_at", "-created_at")
    )


def list_item(*, actor: Actor, item_id: uuid.UUID) -> ItemView:
    """One file on a list, read by the privacy officer (logged, naming the file's residents)."""
    item = own_item(actor=actor, item_id=item_id, action=Action.READ)
    rows, subjects = item_views([item], actor.municipality_id)
    log.allowed(
        actor,
        Action.READ,
        Part.DESTRUCTION_LIST,
        subjects,
        object_type="vernietigingslijst-item",
        object_id=str(item.id),
    )
    return rows[0]


def own_item(*, actor: Actor, item_id: uuid.UUID, action: Action) -> DestructionListItem:
    return own_or_denied(
        DestructionListItem.objects.select_related("destruction_list", "decided_by"),
        actor=actor,
        pk=item_id,
        action=action,
        part=Part.DESTRUCTION_LIST,
        object_type="vernietigingslijst-item",
        missing="Dit dossier staat niet op een vernietigingslijst.",
    )


def blocking(household_id: uuid.UUID) -> list[str]:
    """Why a file may not be destroyed now (see `services.blocking_reasons`)."""
    from stevig.retention.services import blocking_reasons

    household = Household.objects.filter(id=household_id).first()
    return blocking_reasons(household) if household else []


def read_holds(*, actor: Actor, household_id: uuid.UUID) -> tuple[Household, list[LitigationHold]]:
    household = household_for_hold(actor=actor, household_id=household_id, action=Action.READ)
    holds = list(holds_of(household))
    log.allowed(
        actor,
        Action.READ,
        Part.LITIGATION_HOLD,
        member_ids(household.id),
        object_type="household",
        object_id=str(household.id),
    )
    return household, holds


def hold_household_id(*, actor: Actor, hold_id: uuid.UUID) -> uuid.UUID:
    """The household of a hold in the actor's municipality; otherwise a logged denial (not found)."""
    return own_hold(actor=actor, hold_id=hold_id).household_id


def own_hold(*, actor: Actor, hold_id: uuid.UUID) -> LitigationHold:
    return own_or_denied(
        LitigationHold.objects.all(),
        actor=actor,
        pk=hold_id,
        action=Action.UPDATE,
        part=Part.LITIGATION_HOLD,
        object_type="bewaarplicht",
        missing="Deze bewaarplicht bestaat niet.",
    )


MAX_ADDRESS_RESULTS = 20


def households_at(*, actor: Actor, postcode: str, house_number: int) -> list[Household]:
    """The privacy officer looks up a household by address to place a litigation hold (logged search,
    naming the residents found)."""
    require_privacy(actor, action=Action.SEARCH, part=Part.LITIGATION_HOLD, object_type="adres")
    found = list(
        Household.objects.filter(
            municipality_id=actor.municipality_id, postcode=postcode, house_number=house_number
        ).order_by("house_number_addition", "id")[:MAX_ADDRESS_RESULTS]
    )
    subjects = sorted(
        set(HouseholdMembership.objects.filter(household__in=found).values_list("resident_id", flat=True))
    )
    log.listed(actor, Part.LITIGATION_HOLD, subjects, object_type="adres", detail={"resultaten": len(found)})
    return found


def active_holds(*, actor: Actor) -> list[LitigationHold]:
    """Every running litigation hold of the municipality, oldest first (logged, naming the residents)."""
    require_privacy(actor, action=Action.READ, part=Part.LITIGATION_HOLD, object_type="bewaarplichten")
    holds = list(
        LitigationHold.objects.filter(municipality_id=actor.municipality_id, lifted_at__isnull=True)
        .select_related("household", "placed_by")
        .order_by("created_at", "id")[:100]
    )
    if holds:
        subjects = sorted(
            set(
                HouseholdMembership.objects.filter(
                    household_id__in={h.household_id for h in holds}
                ).values_list("resident_id", flat=True)
            )
        )
        log.listed(actor, Part.LITIGATION_HOLD, subjects, action=Action.READ, object_type="bewaarplichten")
    return holds


# ---- Destruction on request ------------------------------------------------------------------------------


def household_for_request(*, actor: Actor, household_id: uuid.UUID) -> Household:
    """The household a destruction request is registered for: the privacy officer's own municipality, or
    a worker's household through the scoped access layer (`people.selectors.HOUSEHOLD`). Anyone else, or
    out of scope: a logged denial."""
    from stevig.core import access
    from stevig.people.selectors import HOUSEHOLD

    if actor.role == Role.PRIVACY:
        return household_for_hold(actor=actor, household_id=household_id, action=Action.CREATE)
    return access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.DESTRUCTION_LIST
    )


def log_register_page_read(*, actor: Actor, household: Household) -> None:
    """The registration page names the household's address: that read is logged, naming its residents
    (the registration itself is logged by its service)."""
    log.allowed(
        actor,
        Action.READ,
        Part.DESTRUCTION_LIST,
        member_ids(household.id),
        object_type="household",
        object_id=str(household.id),
    )


def own_request(*, actor: Actor, request_id: uuid.UUID, action: Action) -> DestructionRequest:
    return own_or_denied(
        DestructionRequest.objects.select_related("registered_by", "decided_by"),
        actor=actor,
        pk=request_id,
        action=action,
        part=Part.DESTRUCTION_LIST,
        object_type="vernietigingsverzoek",
        missing="Dit verzoek bestaat niet.",
    )


def requests_for(user: User) -> QuerySet[DestructionRequest]:
    """The municipality's destruction requests, earliest due date first. Whoever shows them logs the read
    (`log_requests_read`): a request names its household and says its residents asked for destruction."""
    return DestructionRequest.objects.filter(municipality_id=user.municipality_id).order_by("due_on", "id")


def log_requests_read(*, actor: Actor, requests: list[DestructionRequest]) -> None:
    """One row for a page of destruction requests, naming the residents of the households on it (none
    once a file is destroyed: the request keeps only the household's id)."""
    refs = {r.household_ref for r in requests}
    subjects = sorted(
        set(HouseholdMembership.objects.filter(household_id__in=refs).values_list("resident_id", flat=True))
    )
    log.listed(
        actor, Part.DESTRUCTION_LIST, subjects, action=Action.READ, object_type="vernietigingsverzoeken"
    )


def open_requests(*, actor: Actor, limit: int = 100) -> list[tuple[DestructionRequest, str]]:
    """The open destruction requests of the municipality with the household's address (empty once the
    file is gone), earliest due date first; the read is logged naming the residents."""
    require_privacy(
        actor, action=Action.READ, part=Part.DESTRUCTION_LIST, object_type="vernietigingsverzoeken"
    )
    requests = list(
        DestructionRequest.objects.filter(municipality_id=actor.municipality_id, status="open").order_by(
            "due_on", "id"
        )[:limit]
    )
    refs = {r.household_ref for r in requests}
    households = {
        str(h.id): h for h in Household.objects.filter(id__in=refs, municipality_id=actor.municipality_id)
    }
    if requests:
        subjects = sorted(
            set(
                HouseholdMembership.objects.filter(household_id__in=refs).values_list(
                    "resident_id", flat=True
                )
            )
        )
        log.listed(
            actor, Part.DESTRUCTION_LIST, subjects, action=Action.READ, object_type="vernietigingsverzoeken"
        )
    return [
        (r, households[r.household_ref].address_line if r.household_ref in households else "")
        for r in requests
    ]


def request_view(*, actor: Actor, request_id: uuid.UUID) -> tuple[DestructionRequest, str, list[str]]:
    """One request for the decision page: the request, the address (empty once destroyed) and what
    blocks destruction now; the read is logged naming the residents."""
    request = own_request(actor=actor, request_id=request_id, action=Action.READ)
    household = Household.objects.filter(
        id=request.household_ref, municipality_id=actor.municipality_id
    ).first()
    log.allowed(
        actor,
        Action.READ,
        Part.DESTRUCTION_LIST,
        member_ids(household.id) if household else [],
        object_type="vernietigingsverzoek",
        object_id=str(request.id),
    )
    if household is None:
        return request, "", []
    return request, household.address_line, blocking(household.id)


def requests_for_worklist(
    *, user: User, households: QuerySet[Household], mine: bool, limit: int
) -> list[tuple[DestructionRequest, Household]]:
    """Open destruction requests for the worklist, earliest due date first, with their household.

    Only households the user may see (`households`, the need-to-know rule). Mine: the requests I
    registered, or of a household I am the vast aanspreekpunt of. Team: those of my team's households.
    Three queries, whatever the number of requests (the requests, the visible households, my
    households as aanspreekpunt). No log row here: the worklist writes one for the whole list."""
    from stevig.people.models import Involvement

    requests = list(
        DestructionRequest.objects.filter(municipality_id=user.municipality_id, status="open").order_by(
            "due_on", "id"
        )[:1000]
    )
    if not requests:
        return []
    refs = {r.household_ref for r in requests}
    visible = {str(h.id): h for h in households.filter(id__in=refs)}
    if mine:
        contact = {
            str(h)
            for h in Involvement.objects.filter(
                user=user,
                kind=Involvement.Kind.CONTACT_PERSON,
                ended_at__isnull=True,
                household_id__in=list(visible),
            ).values_list("household_id", flat=True)
        }
        chosen = [
            r
            for r in requests
            if r.household_ref in visible and (r.registered_by_id == user.id or r.household_ref in contact)
        ]
    else:
        chosen = [
            r
            for r in requests
            if r.household_ref in visible and visible[r.household_ref].team_id == user.team_id
        ]
    return [(r, visible[r.household_ref]) for r in chosen[:limit]]

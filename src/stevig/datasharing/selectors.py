"""Scoped reads of the data-sharing register. Visibility follows the household (need-to-know): whoever
may open the household file may see its register; nobody else (a department sees only what was shared
with it, in its inbox)."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.datasharing.models import (
    GRANTED_STATUSES,
    OPEN_STATUSES,
    RESTRICTED_WHILE_OPEN,
    Consent,
    Disclosure,
    Rectification,
    SubjectRequest,
    SubjectRight,
)
from stevig.people.models import Household, HouseholdMembership, Resident
from stevig.people.selectors import HOUSEHOLD, households_visible_to

CONSENT = access.Kind(
    Consent,
    "consent",
    visible=lambda user: Consent.objects.filter(household__in=households_visible_to(user)),
    url_kwarg="consent_id",
    related=("household", "resident"),
    roles=access.FILE_ROLES,
    part=Part.CONSENT,
)


def current_members(household_id: uuid.UUID) -> QuerySet[HouseholdMembership]:
    """For a form's choice list (the page that shows it logs the read)."""
    return (
        HouseholdMembership.objects.filter(household_id=household_id, end_date__isnull=True)
        .select_related("resident")
        .order_by("start_date", "resident__date_of_birth")
    )


def disclosures_of(household_id: uuid.UUID) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(household_id=household_id)
        .select_related("recorded_by", "consent__resident")
        .prefetch_related(Prefetch("residents", queryset=Resident.objects.order_by("date_of_birth")))
        .order_by("-disclosed_on", "-created_at", "id")
    )


def consents_of(household_id: uuid.UUID) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(household_id=household_id)
        .select_related("resident", "recorded_by", "withdrawn_by")
        .order_by("-given_on", "-created_at", "id")
    )


def active_consents_of(household_id: uuid.UUID) -> QuerySet[Consent]:
    """For a choice list (the page that shows it logs the read)."""
    return consents_of(household_id).filter(withdrawn_at__isnull=True)


@dataclass
class Register:
    household: Household
    members: list[HouseholdMembership]
    disclosures: list[Disclosure]
    consents: list[Consent]
    has_more: bool
    requests: list[SubjectRequest]
    restrictions: list[SubjectRequest]


def household_register(
    *, actor: Actor, household_id: uuid.UUID, offset: int = 0, limit: int = 50
) -> Register:
    """The household's register: disclosures (newest first, one page) and every consent. A fixed number of
    queries; one access-log row naming the current members."""
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.READ, part=Part.DATA_SHARING
    )
    members = list(
        HouseholdMembership.objects.filter(household=household, end_date__isnull=True)
        .select_related("resident")
        .order_by("start_date", "resident__date_of_birth")
    )
    rows = list(disclosures_of(household.id)[offset : offset + limit + 1])
    consents = list(consents_of(household.id))
    concerned = {m.resident_id for m in members}
    for row in rows[:limit]:
        concerned.update(r.id for r in row.residents.all())
    log.allowed(
        actor, Action.READ, Part.DATA_SHARING, concerned, object_type="household", object_id=household.id
    )
    requests = requests_of_household(household.id)
    restrictions = restrictions_in_household(household.id)
    return Register(household, members, rows[:limit], consents, len(rows) > limit, requests, restrictions)


# --- AVG art. 16 and 18 requests ------------------------------------------------------------------------


def _requests_visible_to(user: User) -> QuerySet[SubjectRequest]:
    """The privacy officer handles the municipality's requests; nobody else opens them here (a worker sees
    the household's requests on its register page)."""
    if getattr(user, "role", None) != Role.PRIVACY:
        return SubjectRequest.objects.none()
    return SubjectRequest.objects.filter(municipality_id=user.municipality_id)


SUBJECT_REQUEST = access.Kind(
    SubjectRequest,
    "subject_request",
    visible=_requests_visible_to,
    residents=lambda pk: list(SubjectRequest.objects.filter(pk=pk).values_list("resident_id", flat=True)),
    url_kwarg="request_id",
    related=("resident", "household", "filed_by", "decided_by"),
)


def _restricting() -> Q:
    """Requests that restrict processing now (AVG art. 18 lid 1 and 2; see `SubjectRequest.restricts`)."""
    return Q(right=SubjectRight.RESTRICTION, lifted_on__isnull=True) & (
        Q(status__in=OPEN_STATUSES, ground__in=RESTRICTED_WHILE_OPEN) | Q(status__in=GRANTED_STATUSES)
    )


def restricted_among(resident_ids: Iterable[uuid.UUID]) -> list[str]:
    """The names of those residents whose processing is restricted now (for the check in every disclosure)."""
    rows = (
        SubjectRequest.objects.filter(_restricting(), resident_id__in=list(resident_ids))
        .select_related("resident")
        .order_by("resident__date_of_birth")
    )
    return list(dict.fromkeys(r.resident.full_name for r in rows))


def restrictions_in_household(household_id: uuid.UUID) -> list[SubjectRequest]:
    """For the mark on the household file (the page that shows it logs the read)."""
    return list(
        SubjectRequest.objects.filter(_restricting(), household_id=household_id)
        .select_related("resident")
        .order_by("received_on", "id")
    )


def requests_of_household(household_id: uuid.UUID) -> list[SubjectRequest]:
    """For the register page (it logs the read of the household)."""
    return list(
        SubjectRequest.objects.filter(household_id=household_id)
        .select_related("resident")
        .order_by("-received_on", "-created_at", "id")[:50]
    )


def subject_request_worklist(user: User, *, only_open: bool = True) -> QuerySet[SubjectRequest]:
    """The privacy officer's worklist: open requests, the oldest receipt first (the earliest due date)."""
    qs = _requests_visible_to(user).select_related("resident")
    if only_open:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return qs.order_by("received_on", "created_at", "id")


def log_worklist_read(*, actor: Actor, rows: list[SubjectRequest]) -> None:
    log.listed(actor, Part.SUBJECT_REQUESTS, [r.resident_id for r in rows], object_type="subject_request")


@dataclass
class RequestDetail:
    request: SubjectRequest
    # AVG art. 19: the recipients to tell about a rectification or restriction.
    recipients: list[Disclosure]
    # AVG art. 16: what a granted rectification changed, with the values before (the history).
    rectifications: list[Rectification] = field(default_factory=list)


def subject_request_detail(*, actor: Actor, request_id: uuid.UUID) -> RequestDetail:
    request = access.scoped_get(
        SUBJECT_REQUEST, actor=actor, pk=request_id, action=Action.READ, part=Part.SUBJECT_REQUEST
    )
    recipients = list(
        Disclosure.objects.filter(residents=request.resident_id).order_by("-disclosed_on", "-created_at")[
            :100
        ]
    )
    log.allowed(
        actor,
        Action.READ,
        Part.SUBJECT_REQUEST,
        [request.resident_id],
        object_type="subject_request",
        object_id=request.id,
    )
    return RequestDetail(request, recipients, list(Rectification.objects.filter(request=request)))


# --- the municipality's register of disclosures, for the privacy officer ------------------------------

SOURCE_LABELS = {
    "": "vastgelegd op de registerpagina",
    "mandaatverzoek": "mandaatverzoek",
    "beschikking": "beschikking aan de zorgaanbieder",
    "verwijzing": "verwijzing",
    "consultatie": "consultatie",
    "inzage": "inzage (AVG artikel 15) aan de inwoner",
}


def municipality_register(
    user: User, *, legal_basis: str = "", source_type: str | None = None
) -> QuerySet[Disclosure]:
    """Every disclosure of the municipality, newest first (AVG art. 30: the privacy officer keeps the
    overview of who received what, why and on which ground). Only for the privacy officer."""
    if getattr(user, "role", None) != Role.PRIVACY:
        return Disclosure.objects.none()
    qs = Disclosure.objects.filter(municipality_id=user.municipality_id)
    if legal_basis:
        qs = qs.filter(legal_basis=legal_basis)
    if source_type is not None:
        qs = qs.filter(source_type=source_type)
    return (
        qs.select_related("household")
        .prefetch_related(Prefetch("residents", queryset=Resident.objects.order_by("date_of_birth")))
        .order_by("-disclosed_on", "-created_at", "id")
    )


def log_register_read(*, actor: Actor, rows: list[Disclosure]) -> None:
    ids = {r.id for d in rows for r in d.residents.all()}
    log.listed(actor, Part.DATA_SHARING, ids, object_type="disclosure", detail={"register": "gemeente"})

"""Scoped reads of the data-sharing register. Visibility follows the household (need-to-know): whoever
may open the household file may see its register; nobody else (a department sees only what was shared
with it, in its inbox)."""

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.datasharing.models import Consent, Disclosure
from stevig.people.models import Household, HouseholdMembership, Resident
from stevig.people.selectors import HOUSEHOLD, households_visible_to

CONSENT = access.Kind(
    Consent,
    "consent",
    visible=lambda user: Consent.objects.filter(household__in=households_visible_to(user)),
    url_kwarg="consent_id",
    related=("household", "resident"),
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
    return Register(household, members, rows[:limit], consents, len(rows) > limit)

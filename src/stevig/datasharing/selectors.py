"""Scoped reads of the data-sharing register. Visibility follows the household (need-to-know): whoever
may open the household file may see its register; nobody else (a department sees only what was shared
with it, in its inbox)."""

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from stevig.audit.models import Action, Outcome
from stevig.audit.services import record_access
from stevig.core.context import Actor
from stevig.datasharing.models import Consent, Disclosure
from stevig.people.models import Household, HouseholdMembership, Resident
from stevig.people.selectors import FileAccessDenied, deny_household, households_visible_to


def household_in_scope(
    *, actor: Actor, household_id: uuid.UUID, action: Action, part: str = "gegevensdeling"
) -> Household:
    """The household if the actor may see it; otherwise the denial is logged and raised. No 'allowed'
    row: the caller logs what it does."""
    household = households_visible_to(actor.user).filter(id=household_id).first()
    if household is None:
        raise deny_household(actor=actor, household_id=household_id, action=action, part=part)
    return household


def consent_in_scope(*, actor: Actor, consent_id: uuid.UUID, action: Action) -> Consent:
    consent = (
        Consent.objects.filter(id=consent_id, household__in=households_visible_to(actor.user))
        .select_related("household", "resident")
        .first()
    )
    if consent is None:
        household_id = (
            Consent.objects.filter(id=consent_id, municipality_id=actor.municipality_id)
            .values_list("household_id", flat=True)
            .first()
        )
        if household_id is not None:
            raise deny_household(actor=actor, household_id=household_id, action=action, part="toestemming")
        record_access(
            actor=actor,
            action=action,
            outcome=Outcome.DENIED,
            part="toestemming",
            object_type="consent",
            object_id=consent_id,
        )
        raise FileAccessDenied(can_break_glass=False)
    return consent


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
    household = household_in_scope(actor=actor, household_id=household_id, action=Action.READ)
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
    record_access(
        actor=actor,
        action=Action.READ,
        outcome=Outcome.ALLOWED,
        part="gegevensdeling",
        residents=concerned,
        object_type="household",
        object_id=household.id,
    )
    return Register(household, members, rows[:limit], consents, len(rows) > limit)

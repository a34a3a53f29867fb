"""Every write of the data-sharing register: disclosures and consent.

`record_disclosure` is the one entry point for every app that shares resident data (mandate requests,
decisions, referrals). It checks the legal basis and, for consent, that the consent is still in force and
covers the data; it raises `ValidationError({field: message})` otherwise, so the caller's transaction
rolls back and nothing is half-saved. Call it inside your own `transaction.atomic()`.
"""

import uuid
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.datasharing import grounds
from stevig.datasharing.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    Disclosure,
    LegalBasis,
    RecipientKind,
    category_labels,
)
from stevig.datasharing.selectors import CONSENT
from stevig.people.models import Household, HouseholdMembership, Resident
from stevig.people.selectors import HOUSEHOLD
from stevig.tenancy.models import Department

MAX_TEXT = 5000


def _id(value: object) -> uuid.UUID:
    return value.pk if hasattr(value, "pk") else value  # type: ignore[return-value]


def _clean_categories(categories: Iterable[str], errors: dict[str, str]) -> list[str]:
    codes = list(dict.fromkeys(categories or []))
    if not codes:
        errors["categories"] = _("Kies welke gegevens u deelt.")
    elif not set(codes) <= set(DataCategory.values):
        errors["categories"] = _("Kies alleen soorten gegevens uit de lijst.")
    return [c for c in DataCategory.values if c in codes]


def check_consent(
    *,
    consent: Consent | None,
    household_id: uuid.UUID,
    categories: Iterable[str],
    on: date | None = None,
    subject_ids: Iterable[uuid.UUID] = (),
    recipient: str = "",
) -> str | None:
    """Why this consent cannot carry a disclosure of `categories` about `subject_ids` to `recipient`, or None
    when it can.

    Consent is personal (AVG art. 6 lid 1 onder a, art. 7; for health data art. 9 lid 2 onder a): it only
    covers the data of the person who gave it, for the recipient it names. One member's consent never
    carries another member's data, and consent for one recipient does not reach another."""
    if consent is None:
        return _(
            "Kies de toestemming die de inwoner gaf. Zonder toestemming kunt u niet op deze grond delen."
        )
    if consent.household_id != household_id:
        return _("Deze toestemming hoort niet bij dit huishouden.")
    if consent.withdrawn_at is not None:
        return _("Deze toestemming is ingetrokken op %(day)s. U kunt er niets meer mee delen.") % {
            "day": date_format(timezone.localtime(consent.withdrawn_at).date(), "j F Y")
        }
    if on is not None and consent.given_on > on:
        return _("Deze toestemming is pas gegeven na de datum van het delen.")
    others = [s for s in dict.fromkeys(subject_ids) if s != consent.resident_id]
    if others:
        return _(
            "Deze toestemming is van één persoon en geldt alleen voor diens eigen gegevens. Voor de gegevens "
            "van de anderen is hun eigen toestemming nodig."
        )
    allowed = consent.recipient.strip().lower()
    if allowed and recipient and allowed not in recipient.strip().lower():
        return _("Deze toestemming geldt voor %(allowed)s, niet voor %(recipient)s.") % {
            "allowed": consent.recipient,
            "recipient": recipient,
        }
    missing = [c for c in categories if c not in consent.categories]
    if missing:
        return _("De toestemming geldt niet voor: %(list)s. Vraag eerst toestemming hiervoor.") % {
            "list": ", ".join(category_labels(missing))
        }
    if DataCategory.HEALTH in categories and not consent.health_explicit:
        return _(
            "Gezondheid is een bijzonder gegeven (AVG artikel 9). Daarvoor moet de inwoner apart en "
            "uitdrukkelijk ja zeggen. Bij deze toestemming is dat niet vastgelegd."
        )
    return None


def record_disclosure(
    *,
    actor: Actor,
    household: Household | uuid.UUID,
    recipient: str,
    purpose: str,
    legal_basis: str,
    categories: Iterable[str],
    residents: Iterable[Resident | uuid.UUID] | None = None,
    consent: Consent | uuid.UUID | None = None,
    recipient_kind: str = RecipientKind.OTHER,
    department: Department | None = None,
    disclosed_on: date | None = None,
    source_type: str = "",
    source_id: uuid.UUID | None = None,
) -> Disclosure:
    """Write one register entry: `residents` (default: the household's current members) of `household`
    went to `recipient` for `purpose` on `legal_basis`. With legal basis consent, `consent` must be a
    consent of this household that is not withdrawn and covers every category."""
    household_obj = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=_id(household), action=Action.CREATE, part=Part.DATA_SHARING
    )
    with transaction.atomic():
        errors: dict[str, str] = {}
        recipient = (recipient or "").strip()
        purpose = (purpose or "").strip()
        if not recipient:
            errors["recipient"] = _("Vul in aan wie u de gegevens geeft.")
        elif len(recipient) > 200:
            errors["recipient"] = _("Gebruik hoogstens 200 tekens.")
        if not purpose:
            errors["purpose"] = _("Vul in waarom u de gegevens deelt (het doel).")
        elif len(purpose) > MAX_TEXT:
            errors["purpose"] = _("Gebruik hoogstens 5000 tekens.")
        if legal_basis not in LegalBasis.values:
            errors["legal_basis"] = _("Kies de grondslag: waarom mag u deze gegevens delen?")
        if recipient_kind not in RecipientKind.values:
            errors["recipient_kind"] = _("Kies wat voor ontvanger het is.")
        codes = _clean_categories(categories, errors)
        if not errors.keys() & {"legal_basis", "recipient_kind", "categories"}:
            # The catalogue of legal bases: this ground must allow these data for this recipient.
            reason = grounds.problem(
                legal_basis=legal_basis,
                recipient_kind=recipient_kind,
                categories=codes,
                department=department,
            )
            if reason:
                errors["legal_basis"] = reason
        day = disclosed_on or timezone.localdate()
        if day > timezone.localdate():
            errors["disclosed_on"] = _("De datum ligt in de toekomst.")
        members = set(
            HouseholdMembership.objects.filter(household=household_obj).values_list("resident_id", flat=True)
        )
        if residents is None:
            resident_ids = list(
                HouseholdMembership.objects.filter(
                    household=household_obj, end_date__isnull=True
                ).values_list("resident_id", flat=True)
            )
        else:
            resident_ids = list(dict.fromkeys(_id(r) for r in residents))
        if not resident_ids:
            errors["residents"] = _("Kies over wie u gegevens deelt.")
        elif not set(resident_ids) <= members:
            errors["residents"] = _("Kies alleen mensen uit dit huishouden.")
        consent_obj: Consent | None = None
        if consent is not None:
            consent_obj = (
                Consent.objects.select_for_update()
                .filter(id=_id(consent), municipality_id=household_obj.municipality_id)
                .first()
            )
            if consent_obj is None:
                errors["consent"] = _("Deze toestemming bestaat niet.")
        if legal_basis == LegalBasis.CONSENT and "consent" not in errors:
            problem = check_consent(
                consent=consent_obj,
                household_id=household_obj.id,
                categories=codes,
                on=day,
                subject_ids=resident_ids,
                recipient=recipient,
            )
            if problem:
                errors["consent"] = problem
        elif (
            consent_obj is not None and legal_basis in LegalBasis.values and legal_basis != LegalBasis.CONSENT
        ):
            errors["consent"] = _("Een toestemming hoort alleen bij de grondslag 'toestemming'.")
        if errors:
            raise ValidationError(errors)
        disclosure = Disclosure.objects.create(
            municipality_id=household_obj.municipality_id,
            household=household_obj,
            recipient_kind=recipient_kind,
            recipient=recipient,
            department=department,
            purpose=purpose,
            legal_basis=legal_basis,
            categories=codes,
            disclosed_on=day,
            consent=consent_obj,
            source_type=source_type,
            source_id=source_id,
            recorded_by=actor.user,
        )
        disclosure.residents.set(resident_ids)  # type: ignore[arg-type]
        log.allowed(
            actor,
            Action.CREATE,
            Part.DATA_SHARING,
            resident_ids,
            object_type="disclosure",
            object_id=disclosure.id,
            detail={"grondslag": legal_basis, "ontvanger": recipient, "bron": source_type},
        )
        return disclosure


def record_consent(
    *,
    actor: Actor,
    household_id: uuid.UUID,
    resident_id: uuid.UUID,
    given_on: date,
    method: str,
    purpose: str,
    categories: Iterable[str],
    recipient: str = "",
    health_explicit: bool = False,
) -> Consent:
    """Record that a household member gave consent for sharing, for a purpose and certain data.

    Health data (AVG art. 9 lid 1) may only be included when the resident was asked about it separately
    and said yes explicitly (art. 9 lid 2 onder a): `health_explicit`."""
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.DATA_SHARING
    )
    with transaction.atomic():
        errors: dict[str, str] = {}
        purpose = (purpose or "").strip()
        recipient = (recipient or "").strip()
        if not HouseholdMembership.objects.filter(
            household=household, resident_id=resident_id, end_date__isnull=True
        ).exists():
            errors["resident"] = _("Kies iemand uit dit huishouden.")
        if given_on is None:
            errors["given_on"] = _("Vul de datum in.")
        elif given_on > timezone.localdate():
            errors["given_on"] = _("De datum ligt in de toekomst.")
        if method not in ConsentMethod.values:
            errors["method"] = _("Kies hoe de inwoner toestemming gaf.")
        if not purpose:
            errors["purpose"] = _("Vul in waarvoor de toestemming is (het doel).")
        elif len(purpose) > MAX_TEXT:
            errors["purpose"] = _("Gebruik hoogstens 5000 tekens.")
        if len(recipient) > 200:
            errors["recipient"] = _("Gebruik hoogstens 200 tekens.")
        codes = _clean_categories(categories, errors)
        if DataCategory.HEALTH in codes and not health_explicit:
            errors["health_explicit"] = _(
                "Gezondheid is een bijzonder gegeven (AVG artikel 9). Vraag de inwoner daar apart naar. "
                "Zegt de inwoner uitdrukkelijk ja? Zet dan het vinkje. Anders: haal gezondheid weg."
            )
        if errors:
            raise ValidationError(errors)
        consent = Consent.objects.create(
            municipality_id=household.municipality_id,
            household=household,
            resident_id=resident_id,
            given_on=given_on,
            method=method,
            purpose=purpose,
            recipient=recipient,
            categories=codes,
            health_explicit=DataCategory.HEALTH in codes and bool(health_explicit),
            recorded_by=actor.user,
        )
        log.allowed(
            actor, Action.CREATE, Part.CONSENT, [resident_id], object_type="consent", object_id=consent.id
        )
        return consent


def withdraw_consent(*, actor: Actor, consent_id: uuid.UUID, note: str = "") -> Consent:
    """The resident withdraws consent: from now on nothing can be shared on it. Earlier entries stay."""
    consent = access.scoped_get(CONSENT, actor=actor, pk=consent_id, action=Action.UPDATE, part=Part.CONSENT)
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(id=consent.id)
        if consent.withdrawn_at is not None:
            raise ValidationError({"consent": _("Deze toestemming is al ingetrokken.")})
        if len(note or "") > MAX_TEXT:
            raise ValidationError({"note": _("Gebruik hoogstens 5000 tekens.")})
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = actor.user
        consent.withdrawal_note = (note or "").strip()
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note", "updated_at"])
        log.allowed(
            actor,
            Action.UPDATE,
            Part.CONSENT,
            [consent.resident_id],
            object_type="consent",
            object_id=consent.id,
            detail={"ingetrokken": True},
        )
        return consent

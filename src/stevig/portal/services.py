"""Every write of Mijn Stevig: a message to the contact person, consent given or withdrawn by the
resident, a message marked as read by a staff member. Keyword-only, one transaction, logged."""

import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.brp import services as brp_services
from stevig.brp.client import BrpError
from stevig.core.context import Actor
from stevig.datasharing.models import Consent, ConsentMethod, DataCategory, RequestChannel, SubjectRequest
from stevig.datasharing.services import create_subject_request
from stevig.people.models import Resident
from stevig.portal import selectors
from stevig.portal.models import ResidentMessage

MAX_MESSAGE = 2000
MAX_PURPOSE = 1000


def send_message(*, actor: Actor, resident: Resident, text: str) -> ResidentMessage:
    """The resident writes to their contact person. The message goes on the contact person's worklist
    (or the team's, when the household has no contact person): `portal.worklist`."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf uw bericht.")})
    if len(text) > MAX_MESSAGE:
        raise ValidationError({"text": _("Uw bericht is te lang. Gebruik hoogstens 2000 tekens.")})
    household = selectors.current_household(resident)
    if household is None:
        raise ValidationError(
            {"text": _("Wij kunnen uw bericht nog niet doorsturen. Bel ons, dan helpen wij u.")}
        )
    with transaction.atomic():
        message = ResidentMessage.objects.create(
            municipality_id=resident.municipality_id,
            household=household,
            resident=resident,
            to_user=selectors.contact_person_of(household),
            text=text,
            sent_at=timezone.now(),
        )
        log.allowed(
            actor,
            Action.CREATE,
            Part.CONTACT,
            [resident.id],
            object_type="resident_message",
            object_id=message.id,
        )
    return message


def give_consent(
    *,
    actor: Actor,
    resident: Resident,
    for_resident_id: uuid.UUID,
    purpose: str,
    recipient: str,
    categories: Iterable[str],
    health_explicit: bool = False,
) -> Consent:
    """The resident gives consent (for themselves or a child in their care) in Mijn Stevig: method
    'digitaal', today, recorded by nobody on the staff side. Health data only with its own, explicit yes
    (AVG art. 9 lid 2 onder a): `health_explicit`."""
    people = {p.id: p for p in selectors.people_in_care(actor, resident)}
    errors: dict[str, str] = {}
    purpose = (purpose or "").strip()
    recipient = (recipient or "").strip()
    codes = [c for c in categories if c in DataCategory.values]
    if for_resident_id not in people:
        errors["for_resident"] = _("Kies uzelf of uw kind.")
    if not purpose:
        errors["purpose"] = _("Schrijf waarvoor wij uw gegevens mogen delen.")
    elif len(purpose) > MAX_PURPOSE:
        errors["purpose"] = _("Gebruik hoogstens 1000 tekens.")
    if not recipient:
        errors["recipient"] = _("Schrijf met wie wij uw gegevens mogen delen.")
    elif len(recipient) > 200:
        errors["recipient"] = _("Gebruik hoogstens 200 tekens.")
    if not codes or len(codes) != len(list(categories)):
        errors["categories"] = _("Kies welke gegevens wij mogen delen.")
    elif DataCategory.HEALTH in codes and not health_explicit:
        errors["health_explicit"] = _(
            "Gegevens over uw gezondheid delen wij alleen als u daar apart ja op zegt. Zet dan het vinkje. "
            "Of haal gezondheid weg."
        )
    household = selectors.current_household(resident)
    if household is None and not errors:
        errors["purpose"] = _("Wij hebben nog geen dossier van u. Bel ons, dan helpen wij u.")
    if errors:
        raise ValidationError(errors)
    assert household is not None
    with transaction.atomic():
        consent = Consent.objects.create(
            municipality_id=resident.municipality_id,
            household=household,
            resident_id=for_resident_id,
            given_on=timezone.localdate(),
            method=ConsentMethod.DIGITAL,
            purpose=purpose,
            recipient=recipient,
            categories=codes,
            health_explicit=DataCategory.HEALTH in codes and bool(health_explicit),
            recorded_by=None,
        )
        log.allowed(
            actor, Action.CREATE, Part.CONSENT, [for_resident_id], object_type="consent", object_id=consent.id
        )
    return consent


def withdraw_consent(*, actor: Actor, resident: Resident, consent_id: uuid.UUID) -> Consent:
    """The resident withdraws their (or their child's) consent: from now on nothing can be shared on it."""
    own = selectors.own_consent(actor=actor, resident=resident, consent_id=consent_id, action=Action.UPDATE)
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(id=own.id)
        if consent.withdrawn_at is not None:
            raise ValidationError({"consent": _("Deze toestemming is al ingetrokken.")})
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = None
        consent.withdrawal_note = _("Ingetrokken door de inwoner in Mijn Stevig.")
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note", "updated_at"])
        log.allowed(
            actor,
            Action.UPDATE,
            Part.CONSENT,
            [consent.resident_id],
            object_type="consent",
            object_id=consent.id,
            detail={"ingetrokken": True, "mijn_stevig": True},
        )
    return consent


def mark_message_read(*, actor: Actor, message_id: uuid.UUID) -> ResidentMessage:
    """A staff member who may open the household marks a resident's message as read (off the worklist)."""
    message = selectors.message_for_staff(actor=actor, message_id=message_id, action=Action.UPDATE)
    with transaction.atomic():
        updated = ResidentMessage.objects.filter(id=message.id, read_at__isnull=True).update(
            read_at=timezone.now(), read_by=actor.user
        )
        if not updated:
            raise ValidationError({"message": _("Dit bericht is al gelezen.")})
        log.allowed(
            actor,
            Action.UPDATE,
            Part.CONTACT,
            [message.resident_id],
            object_type="resident_message",
            object_id=message.id,
        )
    message.refresh_from_db()
    return message


def gezag_at_login(*, actor: Actor, resident: Resident) -> list[uuid.UUID] | None:
    """At DigiD login: ask the BRP once over which minors this resident has gezag (BRP API Personen,
    RaadpleegMetBurgerservicenummer with only `gezag`; one access-log row with purpose "gezag nagaan in
    de BRP", `brp.services.gezag_of`). Returns the ids of those minors who have a file in this
    municipality, or None when the BRP could not say (no BSN, unreachable, an answer outside the
    specification): then the portal shows only the resident's own data."""
    if not resident.bsn:
        return None
    try:
        minors = brp_services.gezag_of(actor=actor, bsn=resident.bsn)
    except BrpError:
        return None
    bsns = [m.minor_bsn for m in minors if m.minor_bsn]
    if not bsns:
        return []
    return list(
        Resident.objects.filter(municipality_id=resident.municipality_id, bsn__in=bsns)
        .exclude(id=resident.id)
        .order_by("date_of_birth", "id")
        .values_list("id", flat=True)
    )


def file_subject_request(
    *,
    actor: Actor,
    resident: Resident,
    for_resident_id: uuid.UUID,
    right: str,
    what: str,
    correction: str = "",
    ground: str = "",
) -> SubjectRequest:
    """The resident asks in Mijn Stevig to correct (AVG art. 16) or restrict (art. 18) their own data or
    their child's. Received today; on the privacy officer's worklist with the one-month clock."""
    people = {p.id: p for p in selectors.people_in_care(actor, resident)}
    if for_resident_id not in people:
        raise ValidationError({"for_resident": _("Kies uzelf of uw kind.")})
    if right == "beperking" and not ground:
        raise ValidationError({"ground": _("Kies waarom u wilt dat wij minder met uw gegevens doen.")})
    household = selectors.current_household(resident)
    if household is None:
        raise ValidationError({"what": _("Wij hebben nog geen dossier van u. Bel ons, dan helpen wij u.")})
    return create_subject_request(
        actor=actor,
        household=household,
        resident_id=for_resident_id,
        right=right,
        what=what,
        correction=correction,
        ground=ground,
        received_on=timezone.localdate(),
        channel=RequestChannel.PORTAL,
    )

"""Every write of the data-sharing register: disclosures and consent.

`record_disclosure` is the one entry point for every app that shares resident data (mandate requests,
decisions, referrals). It checks the legal basis and, for consent, that the consent is still in force and
covers the data; it raises `ValidationError({field: message})` otherwise, so the caller's transaction
rolls back and nothing is half-saved. Call it inside your own `transaction.atomic()`.
"""

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as _noop

from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import VersionConflict
from stevig.datasharing import grounds
from stevig.datasharing.models import (
    CORRECTABLE_FIELDS,
    GRANTED_STATUSES,
    Consent,
    ConsentMethod,
    DataCategory,
    Disclosure,
    LegalBasis,
    RecipientKind,
    Rectification,
    RequestChannel,
    RequestStatus,
    RestrictionGround,
    SubjectRequest,
    SubjectRight,
    category_labels,
)
from stevig.datasharing.selectors import CONSENT, SUBJECT_REQUEST, restricted_among
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
    return _write_disclosure(
        actor=actor,
        household_obj=household_obj,
        recipient=recipient,
        purpose=purpose,
        legal_basis=legal_basis,
        categories=categories,
        residents=residents,
        consent=consent,
        recipient_kind=recipient_kind,
        department=department,
        disclosed_on=disclosed_on,
        source_type=source_type,
        source_id=source_id,
    )


# The register entry of an inzage/portability export (AVG art. 15 lid 3 and art. 20): the data went to the
# resident (or whoever asked on their behalf) because the AVG obliges the municipality to give them.
EXPORT_SOURCE = "inzage"
EXPORT_FORMATS = {
    "json": _noop("bestand (JSON)"),
    "api": _noop("bestand via de API (JSON)"),
    "html": _noop("document om te lezen en te printen"),
}


def record_data_export(*, actor: Actor, resident: Resident, fmt: str) -> Disclosure | None:
    """Register that the privacy officer handed out a resident's data export (AVG art. 15 lid 3: a copy;
    art. 20: portability). The caller (`audit.selectors.data_subject_export`) has checked that the actor
    is the privacy officer of the resident's municipality; her role opens no household file, so the
    household is not fetched through the file scope here.

    The entry is on the resident's latest household (current first), about that resident only, with every
    category (the export holds all the resident's data) on the legal duty of AVG art. 6 lid 1 onder c:
    art. 15 obliges the municipality to give the copy. Call it inside the export's transaction. None (no
    entry) only for a resident who never belonged to a household."""
    membership = (
        HouseholdMembership.objects.filter(resident_id=resident.id, municipality_id=resident.municipality_id)
        .order_by(models.F("end_date").desc(nulls_first=True), "-start_date")
        .select_related("household")
        .first()
    )
    if membership is None:
        # Every resident is made inside a household; one without any membership has no file to hang the
        # entry on. The export itself must still be given (art. 15), and its access-log row remains.
        return None
    return _write_disclosure(
        actor=actor,
        household_obj=membership.household,
        recipient=_("De inwoner zelf (of wie namens de inwoner om inzage vroeg)"),
        purpose=_("Inzage in eigen gegevens (AVG artikel 15), als %(format)s")
        % {"format": _(EXPORT_FORMATS.get(fmt, fmt))},
        legal_basis=LegalBasis.LEGAL_DUTY,
        categories=DataCategory.values,
        residents=[resident.id],
        recipient_kind=RecipientKind.OTHER,
        source_type=EXPORT_SOURCE,
        source_id=resident.id,
    )


def _write_disclosure(
    *,
    actor: Actor,
    household_obj: Household,
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
    """The checks and the write of one register entry, for a household the caller may act on."""
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
        if resident_ids and "residents" not in errors and legal_basis not in GROUNDS_DESPITE_RESTRICTION:
            restricted = restricted_among(resident_ids)
            if restricted:
                errors["residents"] = _(
                    "Voor %(names)s geldt een beperking (AVG artikel 18): hun gegevens mogen we nu alleen "
                    "bewaren. Delen kan alleen met toestemming, bij een wettelijke plicht of bij nood."
                ) % {"names": ", ".join(restricted)}
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


# --- AVG art. 16 (rectification) and art. 18 (restriction) requests ---------------------------------------

# AVG art. 18 lid 2: restricted data may, apart from storage, only be processed with the resident's
# consent, for legal claims, to protect another person's rights, or for an important public interest. In
# the register: consent, a legal duty (a court order, a claim) and vital interest; never a routine ground.
GROUNDS_DESPITE_RESTRICTION = frozenset(
    {LegalBasis.CONSENT, LegalBasis.LEGAL_DUTY, LegalBasis.VITAL_INTEREST}
)


def _request_errors(*, right: str, what: str, correction: str, ground: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if right not in SubjectRight.values:
        errors["right"] = _("Kies wat de inwoner vraagt: gegevens verbeteren of minder met de gegevens doen.")
    if not what:
        errors["what"] = _("Schrijf op om welke gegevens het gaat.")
    elif len(what) > MAX_TEXT:
        errors["what"] = _("Gebruik hoogstens 5000 tekens.")
    if len(correction) > MAX_TEXT:
        errors["correction"] = _("Gebruik hoogstens 5000 tekens.")
    if right == SubjectRight.RECTIFICATION and not correction:
        errors["correction"] = _("Schrijf op wat er wel moet staan.")
    if right == SubjectRight.RESTRICTION and ground not in RestrictionGround.values:
        errors["ground"] = _("Kies waarom de inwoner wil dat we minder met de gegevens doen.")
    if right == SubjectRight.RECTIFICATION and ground:
        errors["ground"] = _("Een reden voor beperken hoort alleen bij een verzoek om beperking.")
    return errors


def create_subject_request(
    *,
    actor: Actor,
    household: Household,
    resident_id: uuid.UUID,
    right: str,
    what: str,
    correction: str = "",
    ground: str = "",
    received_on: date,
    channel: str,
) -> SubjectRequest:
    """Register an art. 16 or 18 request (the caller checked who may file it). It lands on the privacy
    officer's worklist with its one-month clock (art. 12 lid 3)."""
    what, correction = (what or "").strip(), (correction or "").strip()
    errors = _request_errors(right=right, what=what, correction=correction, ground=ground)
    if received_on is None:
        errors["received_on"] = _("Vul de datum in.")
    elif received_on > timezone.localdate():
        errors["received_on"] = _("De datum ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = SubjectRequest.objects.create(
            municipality_id=household.municipality_id,
            household=household,
            resident_id=resident_id,
            right=right,
            received_on=received_on,
            channel=channel,
            what=what,
            correction=correction if right == SubjectRight.RECTIFICATION else "",
            ground=ground if right == SubjectRight.RESTRICTION else "",
            filed_by=actor.user if channel == RequestChannel.WORKER else None,
        )
        log.allowed(
            actor,
            Action.CREATE,
            Part.SUBJECT_REQUEST,
            [resident_id],
            object_type="subject_request",
            object_id=request.id,
            detail={"recht": right},
        )
        return request


def file_subject_request(
    *,
    actor: Actor,
    household_id: uuid.UUID,
    resident_id: uuid.UUID,
    right: str,
    what: str,
    correction: str = "",
    ground: str = "",
    received_on: date | None = None,
) -> SubjectRequest:
    """A worker registers the request a resident made (by phone, letter or at the counter) on their behalf."""
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.SUBJECT_REQUEST
    )
    if not HouseholdMembership.objects.filter(
        household=household, resident_id=resident_id, end_date__isnull=True
    ).exists():
        raise ValidationError({"resident": _("Kies iemand uit dit huishouden.")})
    return create_subject_request(
        actor=actor,
        household=household,
        resident_id=resident_id,
        right=right,
        what=what,
        correction=correction,
        ground=ground,
        received_on=received_on or timezone.localdate(),
        channel=RequestChannel.WORKER,
    )


def _in_scope(actor: Actor, request_id: uuid.UUID) -> SubjectRequest:
    """Scope first, outside the transaction, so a denial's log row survives the rollback."""
    return access.scoped_get(
        SUBJECT_REQUEST, actor=actor, pk=request_id, action=Action.UPDATE, part=Part.SUBJECT_REQUEST
    )


def _locked_request(actor: Actor, found: SubjectRequest, version: int | None) -> SubjectRequest:
    request = SubjectRequest.objects.select_for_update().get(id=found.id)
    if version is not None and request.version != version:
        raise VersionConflict()
    return request


def _save(
    actor: Actor, request: SubjectRequest, fields: list[str], detail: dict[str, object]
) -> SubjectRequest:
    request.version += 1
    request.save(update_fields=[*fields, "version", "updated_at"])
    log.allowed(
        actor,
        Action.UPDATE,
        Part.SUBJECT_REQUEST,
        [request.resident_id],
        object_type="subject_request",
        object_id=request.id,
        detail=detail,
    )
    return request


def extend_subject_request(
    *, actor: Actor, request_id: uuid.UUID, version: int | None, reason: str, informed_on: date | None
) -> SubjectRequest:
    """AVG art. 12 lid 3: extend once by two months, with reasons, and only when the resident was told
    within the first month."""
    found = _in_scope(actor, request_id)
    with transaction.atomic():
        request = _locked_request(actor, found, version)
        reason = (reason or "").strip()
        today = timezone.localdate()
        errors: dict[str, str] = {}
        if request.status != RequestStatus.OPEN:
            errors["status"] = _("Alleen een open verzoek dat nog niet verlengd is, kan verlengd worden.")
        elif today > request.first_due_on:
            errors["status"] = _(
                "De eerste maand is voorbij (de laatste dag was %(day)s). Verlengen kan dan niet meer "
                "(AVG artikel 12 lid 3)."
            ) % {"day": date_format(request.first_due_on, "j F Y")}
        if not reason:
            errors["reason"] = _(
                "Schrijf op waarom u meer tijd nodig heeft. De inwoner krijgt die reden te horen."
            )
        elif len(reason) > MAX_TEXT:
            errors["reason"] = _("Gebruik hoogstens 5000 tekens.")
        if informed_on is None:
            errors["informed_on"] = _("Vul in wanneer u de inwoner over de verlenging liet weten.")
        elif informed_on < request.received_on or informed_on > today:
            errors["informed_on"] = _("Kies een datum tussen de ontvangst van het verzoek en vandaag.")
        elif informed_on > request.first_due_on:
            errors["informed_on"] = _(
                "De inwoner moet het binnen de eerste maand horen (AVG artikel 12 lid 3)."
            )
        if errors:
            raise ValidationError(errors)
        request.status = RequestStatus.EXTENDED
        request.extended_on = today
        request.extension_reason = reason
        request.resident_informed_on = informed_on
        return _save(
            actor,
            request,
            ["status", "extended_on", "extension_reason", "resident_informed_on"],
            {"verlengd_tot": request.due_on.isoformat()},
        )


def decide_subject_request(
    *,
    actor: Actor,
    request_id: uuid.UUID,
    version: int | None,
    outcome: str,
    reason: str,
    corrections: dict[str, Any] | None = None,
    resident_version: int | None = None,
) -> SubjectRequest:
    """Record the decision with its reason (art. 12 lid 4: a refusal tells why, and that the resident may
    complain to the Autoriteit Persoonsgegevens or go to court).

    A granted (or partly granted) rectification (art. 16) carries `corrections`: the fields of the
    resident's own data (`CORRECTABLE_FIELDS`) with the values the privacy officer confirmed. They are
    applied in the same transaction through `people.services.update_resident` (logged there), each one
    kept as a `Rectification` (before, after, who, when). `resident_version` is the version of the
    resident's data the decider read: stale answers 409 and nothing is saved, not even the decision."""
    found = _in_scope(actor, request_id)
    with transaction.atomic():
        request = _locked_request(actor, found, version)
        reason = (reason or "").strip()
        corrections = dict(corrections or {})
        errors: dict[str, str] = {}
        if not request.is_open:
            errors["status"] = _("Over dit verzoek is al besloten.")
        if outcome not in (RequestStatus.GRANTED, RequestStatus.PARTLY_GRANTED, RequestStatus.REFUSED):
            errors["outcome"] = _("Kies: toegewezen, deels toegewezen of afgewezen.")
        if not reason:
            errors["reason"] = _("Schrijf op waarom. De inwoner krijgt deze uitleg.")
        elif len(reason) > MAX_TEXT:
            errors["reason"] = _("Gebruik hoogstens 5000 tekens.")
        rectifies = request.right == SubjectRight.RECTIFICATION and outcome in GRANTED_STATUSES
        resident = Resident.objects.select_for_update().get(id=request.resident_id)
        changes: dict[str, Any] = {}
        if corrections and not rectifies:
            errors["corrections"] = _(
                "Gegevens verbeteren hoort alleen bij een verzoek om verbeteren dat u (deels) toewijst."
            )
        elif rectifies:
            changes = _corrections(resident, corrections, errors)
            if not changes and "corrections" not in errors and not errors.keys() & set(CORRECTABLE_FIELDS):
                errors["corrections"] = _(
                    "U wijst het verzoek toe: vul in wat er nu moet staan. Verander alleen de gegevens "
                    "waar het verzoek over gaat."
                )
            if changes and resident_version is None:
                errors["resident_version"] = _("Laad de pagina opnieuw: de versie van de gegevens ontbreekt.")
        if errors:
            raise ValidationError(errors)
        if changes:
            assert resident_version is not None
            before = {name: _as_text(getattr(resident, name)) for name in changes}
            from stevig.people.services import update_resident

            update_resident(actor=actor, resident=resident, expected_version=resident_version, data=changes)
            Rectification.objects.bulk_create(
                [
                    Rectification(
                        municipality_id=request.municipality_id,
                        request=request,
                        resident_id=resident.id,
                        field=name,
                        before=before[name],
                        after=_as_text(getattr(resident, name)),
                        applied_by=actor.user,
                    )
                    for name in changes
                ]
            )
        request.status = outcome
        request.decided_on = timezone.localdate()
        request.decided_by = actor.user
        request.decision_reason = reason
        detail: dict[str, object] = {"besluit": outcome, "op_tijd": request.decided_on <= request.due_on}
        if changes:
            detail["verbeterd"] = sorted(changes)
        return _save(actor, request, ["status", "decided_on", "decided_by", "decision_reason"], detail)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _corrections(resident: Resident, corrections: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """The corrections that change something, as values for the resident's fields; errors per field."""
    changes: dict[str, Any] = {}
    unknown = [name for name in corrections if name not in CORRECTABLE_FIELDS]
    if unknown:
        errors["corrections"] = _(
            "Deze gegevens kunt u hier niet verbeteren: %(list)s. Het BSN en het adres komen uit de BRP: "
            "vraag daar om verbetering."
        ) % {"list": ", ".join(sorted(unknown))}
        return {}
    for name, raw in corrections.items():
        value: Any = raw
        if name == "date_of_birth":
            if isinstance(raw, str):
                try:
                    value = date.fromisoformat(raw.strip())
                except ValueError:
                    errors[name] = _("Vul een datum in, zoals 2026-03-02.")
                    continue
            if not isinstance(value, date):
                errors[name] = _("Vul de geboortedatum in.")
                continue
        else:
            value = "" if raw is None else str(raw).strip()
        if value != getattr(resident, name):
            changes[name] = value
    return changes


def lift_restriction(
    *, actor: Actor, request_id: uuid.UUID, version: int | None, reason: str, informed_on: date | None
) -> SubjectRequest:
    """End a granted restriction. AVG art. 18 lid 3: the resident is told before it is lifted."""
    found = _in_scope(actor, request_id)
    with transaction.atomic():
        request = _locked_request(actor, found, version)
        reason = (reason or "").strip()
        today = timezone.localdate()
        errors: dict[str, str] = {}
        if not request.restricts or request.is_open:
            errors["status"] = _("Er geldt geen toegewezen beperking die u kunt opheffen.")
        if not reason:
            errors["reason"] = _("Schrijf op waarom de beperking stopt.")
        elif len(reason) > MAX_TEXT:
            errors["reason"] = _("Gebruik hoogstens 5000 tekens.")
        if informed_on is None:
            errors["informed_on"] = _("Vul in wanneer u de inwoner liet weten dat de beperking stopt.")
        elif informed_on > today or informed_on < request.received_on:
            errors["informed_on"] = _(
                "De inwoner moet het horen voordat de beperking stopt (AVG artikel 18 lid 3): kies een datum "
                "tot en met vandaag."
            )
        if errors:
            raise ValidationError(errors)
        request.lifted_on = today
        request.lift_reason = reason
        return _save(actor, request, ["lifted_on", "lift_reason"], {"beperking_opgeheven": True})

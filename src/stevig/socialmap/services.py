"""Writes of the social map: warm referrals (resident data, logged) and the example facilities."""

import uuid
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.analysis.models import Domain
from stevig.analysis.selectors import current_members, is_emergency
from stevig.analysis.services import ensure_open
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.versioning import save_if_unchanged
from stevig.datasharing.models import DataCategory, LegalBasis, RecipientKind
from stevig.datasharing.services import record_disclosure
from stevig.socialmap.models import Facility, FacilityDomain, FacilityKind, Referral, Sphere
from stevig.socialmap.models import Outcome as ReferralOutcome
from stevig.socialmap.selectors import REFERRAL
from stevig.tenancy.models import Municipality
from stevig.trajectories.selectors import TRAJECTORY

MAX_TEXT = 5000


def create_referral(
    *,
    actor: Actor,
    trajectory_id: uuid.UUID,
    facility_id: uuid.UUID | None,
    resident_ids: Iterable[uuid.UUID],
    referred_on: date | None,
    follow_up_on: date | None,
    note: str = "",
    legal_basis: str = LegalBasis.PUBLIC_TASK,
    consent_id: uuid.UUID | None = None,
    categories: Iterable[str] = (DataCategory.PERSONAL, DataCategory.CONTACT),
) -> Referral:
    """A warm referral to a facility on the social map. The trajectory stays open and the team stays
    involved: the follow-up date puts it back on the worklist.

    The facility receives the residents' details: the register gets its entry (AVG art. 30 and art. 15
    lid 1 onder c), on a ground the catalogue allows for a facility (`datasharing.grounds`)."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.CREATE, part=Part.REFERRAL
    )
    with transaction.atomic():
        ensure_open(trajectory)
        errors: dict[str, str] = {}
        facility = (
            Facility.objects.filter(
                municipality_id=actor.municipality_id, id=facility_id, active=True
            ).first()
            if facility_id
            else None
        )
        if facility is None:
            errors["facility"] = _("Kies een voorziening van de sociale kaart.")
        members = {m.resident_id for m in current_members(trajectory)}
        chosen = list(dict.fromkeys(resident_ids))
        if not chosen:
            errors["residents"] = _("Kies voor wie de verwijzing is.")
        elif not set(chosen) <= members:
            errors["residents"] = _("Kies alleen mensen uit dit huishouden.")
        if referred_on is None:
            errors["referred_on"] = _("Vul de datum van de verwijzing in.")
        elif referred_on > timezone.localdate():
            errors["referred_on"] = _("Deze datum ligt in de toekomst.")
        if follow_up_on is None:
            errors["follow_up_on"] = _("Vul in wanneer u nabelt.")
        elif referred_on is not None and follow_up_on < referred_on:
            errors["follow_up_on"] = _(
                "Nabellen kan niet voor de datum van de verwijzing. Kies die datum of later."
            )
        if len(note or "") > MAX_TEXT:
            errors["note"] = _("Gebruik hoogstens 5000 tekens.")
        if errors:
            raise ValidationError(errors)
        referral = Referral.objects.create(
            municipality_id=trajectory.municipality_id,
            trajectory=trajectory,
            facility=facility,
            referred_on=referred_on,
            follow_up_on=follow_up_on,
            note=(note or "").strip(),
            created_by=actor.user,
        )
        referral.residents.set(chosen)  # type: ignore[arg-type]
        assert facility is not None
        record_disclosure(
            actor=actor,
            household=trajectory.household_id,
            residents=chosen,
            recipient=facility.name,
            recipient_kind=RecipientKind.FACILITY,
            purpose=_("Warme verwijzing naar %(facility)s") % {"facility": facility.name},
            legal_basis=legal_basis,
            consent=consent_id,
            categories=categories,
            disclosed_on=referred_on,
            source_type="verwijzing",
            source_id=referral.id,
        )
        log.allowed(
            actor,
            Action.CREATE,
            Part.REFERRAL,
            chosen,
            object_type="referral",
            object_id=referral.id,
            emergency=is_emergency(actor=actor, trajectory=trajectory),
            detail={"voorziening": str(facility.id) if facility else ""},
        )
        return referral


def record_outcome(
    *,
    actor: Actor,
    referral_id: uuid.UUID,
    expected_version: int,
    outcome: str,
    reason: str = "",
    outcome_on: date | None = None,
) -> Referral:
    """Did the resident start at the facility? When not, why not (required). The trajectory stays open."""
    referral = access.scoped_get(
        REFERRAL, actor=actor, pk=referral_id, action=Action.UPDATE, part=Part.REFERRAL
    )
    with transaction.atomic():
        ensure_open(referral.trajectory)
        reason = (reason or "").strip()
        outcome_on = outcome_on or timezone.localdate()
        errors: dict[str, str] = {}
        if outcome not in ReferralOutcome.values:
            errors["outcome"] = _("Kies of de inwoner is gestart.")
        elif outcome == ReferralOutcome.NOT_STARTED and not reason:
            errors["outcome_reason"] = _("Schrijf op waarom de inwoner niet is gestart.")
        if len(reason) > MAX_TEXT:
            errors["outcome_reason"] = _("Gebruik hoogstens 5000 tekens.")
        if outcome_on > timezone.localdate():
            errors["outcome_on"] = _("Deze datum ligt in de toekomst.")
        elif outcome_on < referral.referred_on:
            errors["outcome_on"] = _("Deze datum ligt voor de datum van de verwijzing.")
        if errors:
            raise ValidationError(errors)
        save_if_unchanged(
            referral,
            expected_version=expected_version,
            fields={
                "outcome": outcome,
                "outcome_reason": reason if outcome == ReferralOutcome.NOT_STARTED else "",
                "outcome_on": outcome_on,
                "updated_at": timezone.now(),
            },
        )
        log.allowed(
            actor,
            Action.UPDATE,
            Part.REFERRAL,
            [r.id for r in referral.residents.all()],
            object_type="referral",
            object_id=referral.id,
            emergency=is_emergency(actor=actor, trajectory=referral.trajectory),
            detail={"uitkomst": outcome},
        )
        return referral


def set_facility_domains(facility: Facility, domains: Iterable[str]) -> None:
    """Replace the facility's domains (used by the admin and the seed)."""
    wanted = {d for d in domains if d in Domain.values}
    FacilityDomain.objects.filter(facility=facility).exclude(domain__in=wanted).delete()
    existing = set(FacilityDomain.objects.filter(facility=facility).values_list("domain", flat=True))
    FacilityDomain.objects.bulk_create(
        [
            FacilityDomain(facility=facility, municipality_id=facility.municipality_id, domain=d)
            for d in sorted(wanted - existing)
        ]
    )


# Example facilities for a new or demo municipality: invented, but typical of a Dutch social map.
EXAMPLE_FACILITIES: list[dict[str, object]] = [
    {
        "name": "Buurthuis De Schakel",
        "sphere": Sphere.COLLECTIVE,
        "kind": FacilityKind.COMMUNITY_CENTRE,
        "domains": [Domain.DAYTIME, Domain.SOCIAL_NETWORK, Domain.PARTICIPATION],
        "purpose": "Koffie-ochtenden, samen eten op donderdag en activiteiten voor jong en oud.",
        "contact": "Balie buurthuis, 010-0000001, info@deschakel.example",
    },
    {
        "name": "SchuldHulpMaatje",
        "sphere": Sphere.COLLECTIVE,
        "kind": FacilityKind.DEBT_BUDDY,
        "domains": [Domain.FINANCES, Domain.INSTRUMENTAL_ADL],
        "purpose": "Een getrainde vrijwilliger helpt met post, geld en schulden. Gratis en zonder wachtlijst.",
        "contact": "Coördinator maatjes, 010-0000002, maatje@example.org",
    },
    {
        "name": "Voedselbank",
        "sphere": Sphere.COLLECTIVE,
        "kind": FacilityKind.FOOD_BANK,
        "domains": [Domain.FINANCES],
        "purpose": "Wekelijks een pakket met eten voor huishoudens die tijdelijk te weinig geld hebben.",
        "contact": "Intake voedselbank, 010-0000003",
    },
    {
        "name": "Welzijnswerk Stevig",
        "sphere": Sphere.INSTITUTIONAL,
        "kind": FacilityKind.WELFARE_WORK,
        "domains": [Domain.SOCIAL_NETWORK, Domain.PARTICIPATION, Domain.MENTAL_HEALTH],
        "purpose": "Ouderenwerk, jongerenwerk en hulp bij eenzaamheid.",
        "contact": "Welzijnswerk, 010-0000004, welzijn@example.org",
    },
    {
        "name": "Jeugdgezondheidszorg (consultatiebureau)",
        "sphere": Sphere.INSTITUTIONAL,
        "kind": FacilityKind.YOUTH_HEALTH,
        "domains": [Domain.DEVELOPMENT, Domain.UPBRINGING, Domain.PHYSICAL_HEALTH],
        "purpose": "Vragen over groei, gezondheid en opvoeden van kinderen tot 18 jaar.",
        "contact": "JGZ, 010-0000005",
    },
    {
        "name": "Sportclub Vooruit",
        "sphere": Sphere.COLLECTIVE,
        "kind": FacilityKind.SPORTS_CLUB,
        "domains": [Domain.DAYTIME, Domain.PHYSICAL_HEALTH, Domain.SOCIAL_NETWORK],
        "purpose": "Voetbal, zwemmen en bewegen voor iedereen. Met het jeugdfonds gratis voor kinderen.",
        "contact": "Secretariaat, sport@example.org",
    },
    {
        "name": "Taalcafé in de bibliotheek",
        "sphere": Sphere.COLLECTIVE,
        "kind": FacilityKind.LANGUAGE_CAFE,
        "domains": [Domain.WORK_EDUCATION, Domain.PARTICIPATION],
        "purpose": "Samen Nederlands oefenen met vrijwilligers, elke week.",
        "contact": "Bibliotheek, 010-0000006",
    },
    {
        "name": "Steunpunt Mantelzorg",
        "sphere": Sphere.INSTITUTIONAL,
        "kind": FacilityKind.CARER_SUPPORT,
        "domains": [Domain.MENTAL_HEALTH, Domain.DOMESTIC_RELATIONS],
        "purpose": "Advies, lotgenotencontact en even vrij voor wie voor een naaste zorgt.",
        "contact": "Steunpunt, 010-0000007",
    },
]


@transaction.atomic
def seed_example_facilities(municipality: Municipality) -> list[Facility]:
    """Put example facilities on the municipality's social map (municipality-wide). Idempotent: a
    facility with the same name is left as it is. For the demo generator and new installations."""
    created = []
    for example in EXAMPLE_FACILITIES:
        facility, made = Facility.objects.get_or_create(
            municipality=municipality,
            name=example["name"],
            neighbourhood=None,
            defaults={
                "sphere": example["sphere"],
                "kind": example["kind"],
                "purpose": example["purpose"],
                "contact": example["contact"],
            },
        )
        if made:
            set_facility_domains(facility, example["domains"])  # type: ignore[arg-type]
            created.append(facility)
    return created

"""Every write to residents and households. One business operation per function, in one transaction,
with its access-log row in that same transaction.

The scope check runs *before* the transaction opens: a denied attempt writes its log row and raises,
and that row must survive — inside the operation's transaction it would be rolled back with it.
"""

import uuid
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.access import FILE_ROLES
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied, RoleDenied
from stevig.core.versioning import save_if_unchanged
from stevig.people.models import (
    EmergencyAccess,
    Household,
    HouseholdMembership,
    Involvement,
    Relation,
    Resident,
    ResidentNameToken,
    name_tokens,
)
from stevig.people.selectors import HOUSEHOLD, RESIDENT, households_visible_to
from stevig.people.validators import normalise_bsn, normalise_postcode, search_key
from stevig.tenancy.models import Neighbourhood, PostcodeArea, Team

EMERGENCY_ACCESS_HOURS = 24

RESIDENT_FIELDS = (
    "given_names",
    "prefix",
    "surname",
    "date_of_birth",
    "bsn",
    "phone",
    "email",
    "preferred_language",
    "communication_needs",
)
HOUSEHOLD_FIELDS = (
    "street",
    "house_number",
    "house_number_addition",
    "postcode",
    "city",
    "neighbourhood",
    "team",
)


def require_file_role(*, actor: Actor, action: Action, part: Part) -> None:
    """Only roles that work in household files may create them; others are refused and logged."""
    if actor.role not in FILE_ROLES:
        log.denied(actor, action, part, object_type="household")
        raise RoleDenied("Uw rol mag geen dossiers aanmaken.")


def _check_bsn_free(*, municipality_id: uuid.UUID, bsn: str, exclude_id: uuid.UUID | None = None) -> None:
    if not bsn:
        return
    taken = Resident.objects.filter(municipality_id=municipality_id, bsn=bsn)
    if exclude_id:
        taken = taken.exclude(id=exclude_id)
    if taken.exists():
        # Name the problem, never the other person.
        raise ValidationError(
            {
                "bsn": _(
                    "Dit BSN hoort al bij een andere inwoner in deze gemeente. Zoek eerst of deze inwoner al bekend is."
                )
            }
        )


def _clean_resident_fields(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {key: data[key] for key in RESIDENT_FIELDS if key in data}
    if "bsn" in cleaned:
        cleaned["bsn"] = normalise_bsn(cleaned["bsn"] or "")
    if "surname" in cleaned:
        cleaned["surname_key"] = search_key(cleaned["surname"])
    if "given_names" in cleaned:
        cleaned["given_key"] = search_key(cleaned["given_names"])
    return cleaned


def sync_name_tokens(resident: Resident) -> None:
    """Keep the search tokens equal to the resident's current name."""
    wanted = name_tokens(resident.given_names, resident.prefix, resident.surname)
    ResidentNameToken.objects.filter(resident=resident).exclude(token__in=wanted).delete()
    have = set(ResidentNameToken.objects.filter(resident=resident).values_list("token", flat=True))
    ResidentNameToken.objects.bulk_create(
        [
            ResidentNameToken(municipality_id=resident.municipality_id, resident=resident, token=t)
            for t in wanted - have
        ]
    )


def _neighbourhood_for(municipality_id: uuid.UUID, postcode: str) -> Neighbourhood | None:
    area = (
        PostcodeArea.objects.filter(municipality_id=municipality_id, postcode_digits=postcode[:4])
        .select_related("neighbourhood")
        .first()
    )
    return area.neighbourhood if area else None


def _team_for(neighbourhood: Neighbourhood | None) -> Team | None:
    return neighbourhood.teams.order_by("name").first() if neighbourhood else None


def _validated(instance: Any, exclude: list[str] | None = None) -> None:
    instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


def create_household(
    *,
    actor: Actor,
    street: str,
    house_number: int,
    postcode: str,
    city: str,
    house_number_addition: str = "",
    first_member: dict[str, Any],
    relation: str = Relation.OTHER,
    start_date: date | None = None,
) -> tuple[Household, Resident]:
    """Open a household file with its first member. The neighbourhood follows from the postcode and the
    team from the neighbourhood; the acting worker becomes involved so they keep access."""
    require_file_role(actor=actor, action=Action.CREATE, part=Part.HOUSEHOLD)
    with transaction.atomic():
        return _create_household(
            actor=actor,
            street=street,
            house_number=house_number,
            postcode=postcode,
            city=city,
            house_number_addition=house_number_addition,
            first_member=first_member,
            relation=relation,
            start_date=start_date,
        )


def _create_household(
    *,
    actor: Actor,
    street: str,
    house_number: int,
    postcode: str,
    city: str,
    house_number_addition: str,
    first_member: dict[str, Any],
    relation: str,
    start_date: date | None,
) -> tuple[Household, Resident]:
    municipality_id = actor.municipality_id
    postcode = normalise_postcode(postcode)
    neighbourhood = _neighbourhood_for(municipality_id, postcode)
    team = actor.user.team if actor.user.team_id else _team_for(neighbourhood)
    household = Household(
        municipality_id=municipality_id,
        street=street,
        house_number=house_number,
        house_number_addition=house_number_addition,
        postcode=postcode,
        city=city,
        neighbourhood=neighbourhood,
        team=team,
    )
    _validated(household)
    household.save()
    resident = _create_resident(
        actor=actor, household=household, data=first_member, relation=relation, start_date=start_date
    )
    Involvement.objects.create(municipality_id=municipality_id, household=household, user=actor.user)
    log.allowed(
        actor, Action.CREATE, Part.HOUSEHOLD, [resident.id], object_type="household", object_id=household.id
    )
    return household, resident


def _create_resident(
    *, actor: Actor, household: Household, data: dict[str, Any], relation: str, start_date: date | None
) -> Resident:
    fields = _clean_resident_fields(data)
    resident = Resident(municipality_id=household.municipality_id, **fields)
    _validated(resident)
    _check_bsn_free(municipality_id=household.municipality_id, bsn=resident.bsn)
    try:
        with transaction.atomic():
            resident.save()
    except IntegrityError as exc:  # a concurrent request took the BSN between check and insert
        raise ValidationError(
            {"bsn": _("Dit BSN hoort al bij een andere inwoner in deze gemeente.")}
        ) from exc
    sync_name_tokens(resident)
    HouseholdMembership.objects.create(
        municipality_id=household.municipality_id,
        household=household,
        resident=resident,
        relation=relation,
        start_date=start_date or timezone.localdate(),
    )
    return resident


def add_member(
    *,
    actor: Actor,
    household_id: uuid.UUID,
    data: dict[str, Any],
    relation: str,
    start_date: date | None = None,
) -> Resident:
    """A new resident joins the household (a child is born, a partner moves in)."""
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.MEMBERS
    )
    with transaction.atomic():
        resident = _create_resident(
            actor=actor, household=household, data=data, relation=relation, start_date=start_date
        )
        log.allowed(
            actor, Action.CREATE, Part.MEMBERS, [resident.id], object_type="resident", object_id=resident.id
        )
    return resident


@transaction.atomic
def update_resident(
    *, actor: Actor, resident: Resident, expected_version: int, data: dict[str, Any]
) -> Resident:
    fields = _clean_resident_fields(data)
    for name, value in fields.items():
        setattr(resident, name, value)
    _validated(resident)
    _check_bsn_free(municipality_id=resident.municipality_id, bsn=resident.bsn, exclude_id=resident.id)
    save_if_unchanged(resident, expected_version=expected_version, fields=fields)
    if {"given_names", "prefix", "surname"} & set(fields):
        sync_name_tokens(resident)
    log.allowed(
        actor,
        Action.UPDATE,
        Part.RESIDENT,
        [resident.id],
        object_type="resident",
        object_id=resident.id,
        detail={"velden": sorted(fields)},
    )
    return resident


def update_household(
    *, actor: Actor, household_id: uuid.UUID, expected_version: int, data: dict[str, Any]
) -> Household:
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.UPDATE, part=Part.HOUSEHOLD
    )
    with transaction.atomic():
        return _update_household(
            actor=actor, household=household, expected_version=expected_version, data=data
        )


def _update_household(
    *, actor: Actor, household: Household, expected_version: int, data: dict[str, Any]
) -> Household:
    fields = {key: data[key] for key in HOUSEHOLD_FIELDS if key in data}
    if "postcode" in fields:
        fields["postcode"] = normalise_postcode(fields["postcode"])
        if "neighbourhood" not in fields:
            fields["neighbourhood"] = _neighbourhood_for(household.municipality_id, fields["postcode"])
    for name, value in fields.items():
        setattr(household, name, value)
    _validated(household)
    save_if_unchanged(household, expected_version=expected_version, fields=fields)
    members = HouseholdMembership.objects.filter(household=household, end_date__isnull=True)
    log.allowed(
        actor,
        Action.UPDATE,
        Part.HOUSEHOLD,
        list(members.values_list("resident_id", flat=True)),
        object_type="household",
        object_id=household.id,
        detail={"velden": sorted(fields)},
    )
    return household


def move_resident(
    *, actor: Actor, resident_id: uuid.UUID, to_household_id: uuid.UUID, relation: str, move_date: date
) -> HouseholdMembership:
    """End the resident's current membership and start one in another household; history is kept."""
    target = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=to_household_id, action=Action.UPDATE, part=Part.MOVE
    )
    source = HouseholdMembership.objects.filter(
        resident_id=resident_id, end_date__isnull=True, household__in=households_visible_to(actor.user)
    ).first()
    if source is None:
        raise access.deny(RESIDENT, actor=actor, pk=resident_id, action=Action.UPDATE, part=Part.MOVE)
    with transaction.atomic():
        return _move(
            actor=actor, membership_id=source.id, target=target, relation=relation, move_date=move_date
        )


def _move(
    *, actor: Actor, membership_id: uuid.UUID, target: Household, relation: str, move_date: date
) -> HouseholdMembership:
    current = HouseholdMembership.objects.select_for_update().get(id=membership_id, end_date__isnull=True)
    resident_id = current.resident_id
    if current.household_id == target.id:
        raise ValidationError({"to_household": _("Deze inwoner woont al in dit huishouden.")})
    if move_date < current.start_date:
        raise ValidationError(
            {"move_date": _("De verhuisdatum ligt voor de datum waarop deze inwoner hier kwam wonen.")}
        )
    current.end_date = move_date
    current.save(update_fields=["end_date", "updated_at"])
    membership = HouseholdMembership.objects.create(
        municipality_id=target.municipality_id,
        household=target,
        resident_id=resident_id,
        relation=relation,
        start_date=move_date,
    )
    log.allowed(
        actor,
        Action.UPDATE,
        Part.MOVE,
        [resident_id],
        object_type="resident",
        object_id=resident_id,
        detail={"van": str(current.household_id), "naar": str(target.id)},
    )
    return membership


def grant_emergency_access(*, actor: Actor, household_id: uuid.UUID, reason: str) -> EmergencyAccess:
    """Break the glass: a file-role worker opens a household outside their scope for a limited time.

    The reason is required and the grant is flagged for the privacy officer's review.
    """
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Schrijf op waarom u dit dossier nu moet openen (minstens 10 tekens).")}
        )
    household = Household.objects.filter(id=household_id, municipality_id=actor.municipality_id).first()
    if household is None or actor.role not in FILE_ROLES:
        raise access.deny(HOUSEHOLD, actor=actor, pk=household_id, action=Action.READ, part=Part.EMERGENCY)
    with transaction.atomic():
        return _grant(actor=actor, household=household, reason=reason)


def _grant(*, actor: Actor, household: Household, reason: str) -> EmergencyAccess:
    grant = EmergencyAccess.objects.create(
        municipality_id=actor.municipality_id,
        household=household,
        user=actor.user,
        reason=reason,
        expires_at=timezone.now() + timedelta(hours=EMERGENCY_ACCESS_HOURS),
    )
    members = HouseholdMembership.objects.filter(household=household, end_date__isnull=True)
    log.allowed(
        actor,
        Action.CREATE,
        Part.EMERGENCY,
        list(members.values_list("resident_id", flat=True)),
        object_type="household",
        object_id=household.id,
        emergency=True,
        detail={"reden": reason},
    )
    return grant


def review_emergency_access(*, actor: Actor, grant_id: uuid.UUID, note: str) -> EmergencyAccess:
    """The privacy officer marks a break-the-glass access as reviewed, with a note."""
    exists = EmergencyAccess.objects.filter(id=grant_id, municipality_id=actor.municipality_id).exists()
    if not exists or actor.role != Role.PRIVACY:
        log.denied(
            actor, Action.UPDATE, Part.EMERGENCY_REVIEW, object_type="emergency_access", object_id=grant_id
        )
        raise AccessDenied("Alleen de privacy officer beoordeelt noodtoegang.")
    with transaction.atomic():
        return _review(actor=actor, grant_id=grant_id, note=note)


def _review(*, actor: Actor, grant_id: uuid.UUID, note: str) -> EmergencyAccess:
    grant = EmergencyAccess.objects.select_for_update().get(id=grant_id)
    if grant.reviewed_at:
        raise ValidationError({"note": _("Deze noodtoegang is al beoordeeld.")})
    grant.reviewed_at = timezone.now()
    grant.reviewed_by = actor.user
    grant.review_note = note
    grant.save(update_fields=["reviewed_at", "reviewed_by", "review_note", "updated_at"])
    log.allowed(
        actor, Action.UPDATE, Part.EMERGENCY_REVIEW, object_type="emergency_access", object_id=grant.id
    )
    return grant

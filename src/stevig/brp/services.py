"""BRP for staff: look residents up, open a household from the BRP, see and take over differences.

Every question to the BRP writes an access-log row (Part.BRP) with its purpose (doelbinding) in
`detail["doel"]`, the question type and the fields asked; the residents Stevig already knows by those
BSNs are named. Only roles that work in household files may ask (others: a logged refusal).
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.brp import client
from stevig.brp.client import BrpError, Gezag, Person
from stevig.brp.models import BrpLink
from stevig.core import access
from stevig.core.access import FILE_ROLES
from stevig.core.context import Actor
from stevig.core.errors import RoleDenied
from stevig.people import services as people_services
from stevig.people.models import Household, HouseholdMembership, Relation, Resident
from stevig.people.selectors import HOUSEHOLD
from stevig.people.validators import normalise_bsn, validate_bsn

PURPOSE_SEARCH = "inwoner opzoeken in de BRP"
PURPOSE_HOUSEHOLD = "huishouden vullen uit de BRP"
PURPOSE_COMPARE = "dossier vergelijken met de BRP"
PURPOSE_GEZAG = "gezag nagaan in de BRP"
ADULT_AGE = 18


def _require_role(actor: Actor, part: Part = Part.BRP) -> None:
    if actor.role not in FILE_ROLES:
        log.denied(actor, Action.SEARCH, part, object_type="brp")
        raise RoleDenied(_("Uw rol mag de BRP niet raadplegen."))


def _known(actor: Actor, bsns: list[str]) -> dict[str, uuid.UUID]:
    if not bsns:
        return {}
    rows = Resident.objects.filter(municipality_id=actor.municipality_id, bsn__in=bsns).values_list(
        "bsn", "id"
    )
    return dict(rows)


def _log(
    actor: Actor, purpose: str, question: str, bsns: list[str], *, fields: list[str], found: int
) -> None:
    """One row per question: purpose, question type, fields asked, how many persons came back."""
    log.allowed(
        actor,
        Action.SEARCH,
        Part.BRP,
        list(_known(actor, bsns).values()),
        object_type="brp",
        detail={"doel": purpose, "vraag": question, "velden": fields, "gevonden": found},
    )


def _log_failed(actor: Actor, purpose: str, question: str, error: BrpError) -> None:
    log.denied(
        actor,
        Action.SEARCH,
        Part.BRP,
        object_type="brp",
        detail={"doel": purpose, "vraag": question, "fout": type(error).__name__},
    )


T = TypeVar("T")


def _ask(
    actor: Actor,
    purpose: str,
    question: str,
    fields: list[str],
    call: Callable[[], T],
    bsns: Callable[[T], list[str]],
    found: Callable[[T], int],
) -> T:
    """Ask the BRP one question and log it, answered or not. The row is written in its own step, before
    the caller's writes: a question whose answer is refused or leads to a refusal stays in the log."""
    try:
        answer = call()
    except BrpError as exc:
        _log_failed(actor, purpose, question, exc)
        raise
    _log(actor, purpose, question, bsns(answer), fields=fields, found=found(answer))
    return answer


def _bsns(people: list[Person]) -> list[str]:
    return [p.bsn for p in people]


def _bsn_error(bsn: str) -> str:
    if not (len(bsn) == 9 and bsn.isascii() and bsn.isdigit()):
        return _("Een BSN heeft 9 cijfers.")
    try:
        validate_bsn(bsn)
    except ValidationError as exc:
        return exc.messages[0]
    return ""


@dataclass(frozen=True)
class Found:
    person: Person
    resident_id: uuid.UUID | None  # the resident Stevig already has with this BSN (in the municipality)


def search(*, actor: Actor, bsn: str = "", surname: str = "", birth_date: date | None = None) -> list[Found]:
    """Find a person in the BRP by BSN, or by surname and date of birth."""
    _require_role(actor)
    bsn = normalise_bsn(bsn or "")
    if bsn:
        problem = _bsn_error(bsn)
        if problem:
            raise ValidationError({"bsn": problem})
        question, fields = "RaadpleegMetBurgerservicenummer", client.FIELDS_PERSON
    elif surname.strip() and birth_date:
        question, fields = "ZoekMetGeslachtsnaamEnGeboortedatum", client.FIELDS_SEARCH
    else:
        raise ValidationError({"bsn": _("Vul een BSN in, of een achternaam met een geboortedatum.")})
    if bsn:
        found = _ask(actor, PURPOSE_SEARCH, question, fields, lambda: client.persons([bsn]), _bsns, len)
    else:
        assert birth_date is not None
        found = _ask(
            actor,
            PURPOSE_SEARCH,
            question,
            fields,
            lambda: client.search_name_birth(surname.strip(), birth_date),
            _bsns,
            len,
        )
    known = _known(actor, _bsns(found))
    return [Found(p, known.get(p.bsn)) for p in found]


def gezag_of(*, actor: Actor, bsn: str) -> list[Gezag]:
    """The minors over whom `bsn` has gezag, per the BRP, logged with its purpose.

    For staff (and for Mijn Stevig when it acts for a resident with an Actor): the client function
    `client.minors_in_gezag` does the question; this wrapper writes the access-log row."""
    bsn = normalise_bsn(bsn)
    return _ask(
        actor,
        PURPOSE_GEZAG,
        "RaadpleegMetBurgerservicenummer",
        client.FIELDS_GEZAG,
        lambda: client.minors_in_gezag(bsn),
        lambda minors: [bsn, *[m.minor_bsn for m in minors]],
        len,
    )


# --- a household from the BRP -------------------------------------------------------------------------


def _relation(person: Person, main: Person, at_address: dict[str, Person], today: date) -> str:
    if person.bsn == main.bsn:
        has_children_here = any(c.bsn in at_address for c in main.children)
        return Relation.PARENT if has_children_here else Relation.OTHER
    if person.bsn in main.partners:
        return Relation.PARTNER
    parents_here = [b for b in person.parents if b in at_address]
    age = person.age_on(today)
    if parents_here and age is not None and age < ADULT_AGE:
        return Relation.CHILD
    if any(c.bsn in at_address for c in person.children):
        return Relation.PARENT
    return Relation.OTHER


def _member_data(person: Person) -> dict[str, Any]:
    return {
        "given_names": person.given_names or "-",
        "prefix": person.prefix[:20],
        "surname": person.surname or "-",
        "date_of_birth": person.birth_date,
        "bsn": person.bsn,
    }


def _gezag_json(person: Person) -> list[dict[str, Any]]:
    return [
        {"soort": g.kind, "minderjarige": g.minor_bsn, "naam": g.minor_name, "gezaghouders": list(g.holders)}
        for g in person.gezag
    ]


def _link(resident: Resident, person: Person) -> None:
    BrpLink.objects.update_or_create(
        resident=resident,
        defaults={
            "municipality_id": resident.municipality_id,
            "fetched_at": timezone.now(),
            "died_on": person.died_on,
            "gezag": _gezag_json(person),
        },
    )


def household_from_brp(*, actor: Actor, bsn: str) -> Household:
    """Open a household file for the person with `bsn` and everyone living at their address, with
    relations (ouder, partner, kind) and gezag as the BRP gives them."""
    _require_role(actor, Part.HOUSEHOLD)
    bsn = normalise_bsn(bsn or "")
    problem = _bsn_error(bsn) if bsn else _("Vul een BSN in.")
    if problem:
        raise ValidationError({"bsn": problem})
    today = timezone.localdate()
    main = _ask(
        actor,
        PURPOSE_HOUSEHOLD,
        "RaadpleegMetBurgerservicenummer",
        client.FIELDS_PERSON,
        lambda: client.person(bsn),
        lambda person: [person.bsn] if person else [],
        lambda person: int(person is not None),
    )
    if main is None:
        raise ValidationError({"bsn": _("De BRP kent dit BSN niet. Kijk of u het goed heeft overgenomen.")})
    if main.died_on:
        raise ValidationError({"bsn": _("Deze persoon is volgens de BRP overleden.")})
    address = main.address
    if address is None:
        raise ValidationError({"bsn": _("Deze persoon heeft volgens de BRP geen woonadres in Nederland.")})
    everyone = _ask(
        actor,
        PURPOSE_HOUSEHOLD,
        "ZoekMetPostcodeEnHuisnummer",
        client.FIELDS_SEARCH + client.FIELDS_PERSON,
        lambda: client.persons_at_address(
            address.postcode,
            address.house_number,
            house_letter=address.house_letter,
            addition=address.addition,
        ),
        _bsns,
        len,
    )
    at_address = {p.bsn: p for p in everyone if not p.died_on}
    at_address[main.bsn] = main
    with transaction.atomic():
        known = _known(actor, list(at_address))
        if known:
            raise ValidationError(
                {
                    "bsn": _(
                        "Iemand op dit adres staat al in Stevig. Zoek eerst het huishouden van deze persoon op."
                    )
                }
            )
        household, first = people_services.create_household(
            actor=actor,
            street=address.street,
            house_number=address.house_number,
            house_number_addition=address.number_addition[:10],
            postcode=address.postcode,
            city=address.city or "-",
            first_member=_member_data(main),
            relation=_relation(main, main, at_address, today),
        )
        _link(first, main)
        for other in sorted(at_address.values(), key=lambda p: (p.birth_date or today, p.bsn)):
            if other.bsn == main.bsn:
                continue
            resident = people_services.add_member(
                actor=actor,
                household_id=household.id,
                data=_member_data(other),
                relation=_relation(other, main, at_address, today),
            )
            _link(resident, other)
    return household


# --- differences between the file and the BRP ---------------------------------------------------------


class DifferenceKind:
    MOVED = "verhuisd"
    DIED = "overleden"
    NEW_CHILD = "nieuw-kind"


LABELS = {
    DifferenceKind.MOVED: _("verhuisd"),
    DifferenceKind.DIED: _("overleden"),
    DifferenceKind.NEW_CHILD: _("nieuw kind"),
}


@dataclass(frozen=True)
class Difference:
    kind: str
    bsn: str
    name: str
    text: str
    resident_id: uuid.UUID | None = None
    on: date | None = None
    new_address: client.Address | None = None
    person: Person | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.kind])


def _same_address(household: Household, address: client.Address | None) -> bool:
    if address is None:
        return False
    number_addition = address.number_addition.replace(" ", "").lower()
    return (
        household.postcode.replace(" ", "").upper() == address.postcode
        and household.house_number == address.house_number
        and household.house_number_addition.replace(" ", "").lower() == number_addition
    )


def _compare(actor: Actor, household: Household) -> list[Difference]:
    members = list(
        HouseholdMembership.objects.filter(household=household, end_date__isnull=True).select_related(
            "resident"
        )
    )
    by_bsn = {m.resident.bsn: m.resident for m in members if m.resident.bsn}
    if not by_bsn:
        return []
    found = _ask(
        actor,
        PURPOSE_COMPARE,
        "RaadpleegMetBurgerservicenummer",
        client.FIELDS_PERSON,
        lambda: client.persons(list(by_bsn)),
        lambda _found: list(by_bsn),
        len,
    )
    differences: list[Difference] = []
    candidates: dict[str, client.Relative] = {}
    for person in found:
        resident = by_bsn[person.bsn]
        if person.died_on:
            differences.append(
                Difference(
                    DifferenceKind.DIED,
                    person.bsn,
                    resident.full_name,
                    _("%(name)s is volgens de BRP overleden op %(date)s.")
                    % {"name": resident.full_name, "date": date_format(person.died_on, "j F Y")},
                    resident_id=resident.id,
                    on=person.died_on,
                )
            )
            continue
        if not _same_address(household, person.address):
            where = person.address.line() if person.address else _("een adres buiten Nederland of onbekend")
            differences.append(
                Difference(
                    DifferenceKind.MOVED,
                    person.bsn,
                    resident.full_name,
                    _("%(name)s woont volgens de BRP op %(where)s.")
                    % {"name": resident.full_name, "where": where},
                    resident_id=resident.id,
                    new_address=person.address,
                )
            )
        for child in person.children:
            if child.bsn not in by_bsn:
                candidates.setdefault(child.bsn, child)
    if candidates:
        children = _ask(
            actor,
            PURPOSE_COMPARE,
            "RaadpleegMetBurgerservicenummer",
            client.FIELDS_PERSON,
            lambda: client.persons(list(candidates)),
            _bsns,
            len,
        )
        for found_child in children:
            if found_child.died_on or not _same_address(household, found_child.address):
                continue
            age = found_child.age_on(timezone.localdate())
            if age is not None and age >= ADULT_AGE:
                continue
            differences.append(
                Difference(
                    DifferenceKind.NEW_CHILD,
                    found_child.bsn,
                    found_child.name,
                    _(
                        "%(name)s (geboren %(date)s) woont volgens de BRP in dit huishouden, maar staat niet in het dossier."
                    )
                    % {
                        "name": found_child.name,
                        "date": date_format(found_child.birth_date, "j F Y")
                        if found_child.birth_date
                        else "?",
                    },
                    on=found_child.birth_date,
                    person=found_child,
                )
            )
    return differences


def differences(*, actor: Actor, household_id: uuid.UUID) -> tuple[Household, list[Difference]]:
    """Compare the household's current members with the BRP: moved, died, a child not in the file."""
    _require_role(actor, Part.BRP_DIFFERENCES)
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.READ, part=Part.BRP_DIFFERENCES
    )
    found = _compare(actor, household)
    with transaction.atomic():
        log.allowed(
            actor,
            Action.READ,
            Part.BRP_DIFFERENCES,
            list(
                HouseholdMembership.objects.filter(household=household, end_date__isnull=True).values_list(
                    "resident_id", flat=True
                )
            ),
            object_type="household",
            object_id=household.id,
            detail={"verschillen": len(found)},
        )
    return household, found


def _end_membership(
    actor: Actor, household: Household, resident_id: uuid.UUID, end: date, reason: str
) -> None:
    membership = HouseholdMembership.objects.select_for_update().get(
        household=household, resident_id=resident_id, end_date__isnull=True
    )
    membership.end_date = max(end, membership.start_date)
    membership.save(update_fields=["end_date", "updated_at"])
    log.allowed(
        actor,
        Action.UPDATE,
        Part.MEMBERS,
        [resident_id],
        object_type="resident",
        object_id=resident_id,
        detail={"reden": reason, "bron": "BRP"},
    )


def take_over(*, actor: Actor, household_id: uuid.UUID, kind: str, bsn: str) -> Difference:
    """Take one difference over into the file (one click). The BRP is asked again first: only a
    difference that still exists is taken over.

    * overleden: the membership ends on the date of death;
    * verhuisd: when every member with a BSN moved to the same address, the household's address
      changes; otherwise the person leaves this household (membership ends today);
    * nieuw kind: the child joins the household as kind, from its date of birth.
    """
    _require_role(actor, Part.BRP_DIFFERENCES)
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.UPDATE, part=Part.BRP_DIFFERENCES
    )
    found = _compare(actor, household)
    match = next((d for d in found if d.kind == kind and d.bsn == normalise_bsn(bsn or "")), None)
    if match is None:
        raise ValidationError({"kind": _("Dit verschil is er niet (meer). Vernieuw de pagina.")})
    with transaction.atomic():
        today = timezone.localdate()
        if match.kind == DifferenceKind.DIED:
            assert match.resident_id is not None and match.on is not None
            _end_membership(actor, household, match.resident_id, match.on, "overleden")
            BrpLink.objects.filter(resident_id=match.resident_id).update(
                died_on=match.on, fetched_at=timezone.now()
            )
        elif match.kind == DifferenceKind.MOVED:
            assert match.resident_id is not None
            movers = [d for d in found if d.kind == DifferenceKind.MOVED]
            everyone_moved = (
                len(movers)
                == HouseholdMembership.objects.filter(household=household, end_date__isnull=True)
                .exclude(resident__bsn="")
                .count()
                and len({d.new_address for d in movers}) == 1
            )
            if everyone_moved and match.new_address is not None:
                address = match.new_address
                people_services.update_household(
                    actor=actor,
                    household_id=household.id,
                    expected_version=household.version,
                    data={
                        "street": address.street,
                        "house_number": address.house_number,
                        "house_number_addition": address.number_addition[:10],
                        "postcode": address.postcode,
                        "city": address.city or household.city,
                    },
                )
            else:
                _end_membership(actor, household, match.resident_id, today, "verhuisd volgens de BRP")
        else:
            assert match.person is not None
            child = match.person
            resident = people_services.add_member(
                actor=actor,
                household_id=household.id,
                data={
                    "given_names": child.given_names or "-",
                    "prefix": child.prefix[:20],
                    "surname": child.surname or "-",
                    "date_of_birth": child.birth_date,
                    "bsn": child.bsn,
                },
                relation=Relation.CHILD,
                start_date=min(child.birth_date or today, today),
            )
            _link(resident, child)
    return match

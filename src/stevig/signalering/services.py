"""Every write of the signalering app: raise a signal, group signals, answer a group.

Signals hold no resident data (see `models`), so writing them logs nothing in the access log. The one
read of resident data here, the names of the household a signal is raised from (to warn when they are
in the text), goes through the trajectory's need-to-know rule and is logged.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.access import FILE_ROLES, current_member_ids
from stevig.core.context import Actor
from stevig.core.errors import RoleDenied, VersionConflict
from stevig.core.versioning import save_if_unchanged
from stevig.signalering.models import (
    ANSWERED,
    TRANSITIONS,
    Category,
    Signal,
    SignalEvent,
    SignalGroup,
    Status,
)
from stevig.signalering.privacy import Finding, find_personal_data, fingerprint
from stevig.socialmap.models import Facility
from stevig.tenancy.models import Department, Neighbourhood
from stevig.trajectories.selectors import TRAJECTORY

MAX_DESCRIPTION = 2000


class PersonalDataWarning(ValidationError):
    """The description seems to contain personal data. Nothing is saved; the form shows `findings` and
    may be sent again, but the same text a second time is refused (`refused`)."""

    def __init__(self, findings: list[Finding], text_fingerprint: str, *, refused: bool) -> None:
        if refused:
            message = _(
                "U stuurde dezelfde tekst opnieuw. Een knelpunt mag geen persoonsgegevens bevatten: "
                "haal ze weg en beschrijf wat er in het systeem vastloopt."
            )
        else:
            message = _("Haal de persoonsgegevens weg. Beleid mag niet zien over wie het gaat.")
        super().__init__({"description": [message] + [f.message for f in findings]})
        self.findings = findings
        self.fingerprint = text_fingerprint
        self.refused = refused
        # The API's problem document (`core.api.exception_handler`): its code and the fingerprint to send back.
        self.problem_code = "geweigerd" if refused else "persoonsgegevens"
        self.problem_extra = {"warned": [text_fingerprint]}


def _require_role(actor: Actor, roles: frozenset[str] | tuple[str, ...], message: str) -> None:
    if not actor.user.is_staff_member or actor.role not in roles:
        raise RoleDenied(message)


def _household_names(actor: Actor, trajectory_id: uuid.UUID) -> tuple[list[str], uuid.UUID | None]:
    """Names of the current members of the trajectory's household, read under need-to-know and logged;
    and the household's neighbourhood (to fill in). Nothing of this is stored with the signal."""
    from stevig.people.models import Resident

    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.READ, part=Part.MEMBERS
    )
    member_ids = current_member_ids(trajectory.household_id)
    names: list[str] = []
    for given, prefix, surname in Resident.objects.filter(id__in=member_ids).values_list(
        "given_names", "prefix", "surname"
    ):
        names.extend(given.split())
        names.append(surname)
        if prefix:
            names.append(f"{prefix} {surname}")
    log.allowed(
        actor,
        Action.READ,
        Part.MEMBERS,
        member_ids,
        object_type="trajectory",
        object_id=trajectory.id,
        detail={"doel": "knelpunt melden: controle op namen in de tekst"},
    )
    return names, trajectory.household.neighbourhood_id


def raise_signal(
    *,
    actor: Actor,
    category: str,
    description: str,
    neighbourhood_id: uuid.UUID | None,
    facility_id: uuid.UUID | None = None,
    department_id: uuid.UUID | None = None,
    trajectory_id: uuid.UUID | None = None,
    warned_fingerprint: str = "",
) -> Signal:
    """A professional raises a system bottleneck (principle 4). Raised from a trajectory, the household's
    names are checked against the text, but the signal keeps no link to the household.

    The read of the names (or its denial) is logged before and outside the write's transaction: a refused
    text must not roll back the log row of that read (NEN 7513). The write itself is one transaction."""
    _require_role(actor, FILE_ROLES, _("Alleen medewerkers van een team melden knelpunten."))
    municipality_id = actor.municipality_id
    errors: dict[str, str] = {}
    text = (description or "").strip()
    if category not in Category.values:
        errors["category"] = _("Kies een soort knelpunt.")
    if not text:
        errors["description"] = _("Beschrijf wat er vastloopt.")
    elif len(text) > MAX_DESCRIPTION:
        errors["description"] = _("Gebruik hooguit %(n)s tekens.") % {"n": MAX_DESCRIPTION}
    if (
        neighbourhood_id
        and not Neighbourhood.objects.filter(id=neighbourhood_id, municipality_id=municipality_id).exists()
    ):
        errors["neighbourhood"] = _("Kies een wijk van uw gemeente.")
    if facility_id and not Facility.objects.filter(id=facility_id, municipality_id=municipality_id).exists():
        errors["facility"] = _("Kies een voorziening van de sociale kaart.")
    if (
        department_id
        and not Department.objects.filter(id=department_id, municipality_id=municipality_id).exists()
    ):
        errors["department"] = _("Kies een vakafdeling van uw gemeente.")
    if errors:
        raise ValidationError(errors)
    names: list[str] = []
    if trajectory_id:
        names, household_neighbourhood = _household_names(actor, trajectory_id)
        neighbourhood_id = neighbourhood_id or household_neighbourhood
    findings = find_personal_data(text, names)
    if findings:
        current = fingerprint(text)
        raise PersonalDataWarning(
            findings, current, refused=bool(warned_fingerprint) and warned_fingerprint == current
        )
    with transaction.atomic():
        return _create_signal(actor, category, text, neighbourhood_id, facility_id, department_id)


def _create_signal(
    actor: Actor,
    category: str,
    text: str,
    neighbourhood_id: uuid.UUID | None,
    facility_id: uuid.UUID | None,
    department_id: uuid.UUID | None,
) -> Signal:
    municipality_id = actor.municipality_id
    signal = Signal.objects.create(
        municipality_id=municipality_id,
        category=category,
        description=text,
        neighbourhood_id=neighbourhood_id,
        facility_id=facility_id,
        department_id=department_id,
        raised_by=actor.user,
        team_id=actor.user.team_id,
    )
    SignalEvent.objects.create(
        municipality_id=municipality_id, signal=signal, status=Status.NEW, by=actor.user
    )
    return signal


def _policy_signals(actor: Actor, signal_ids: list[uuid.UUID]) -> list[Signal]:
    found = list(
        Signal.objects.select_for_update().filter(
            municipality_id=actor.municipality_id, id__in=signal_ids, group__isnull=True
        )
    )
    if not signal_ids or len(found) != len(set(signal_ids)):
        raise ValidationError({"signals": _("Kies knelpunten die nog in geen groep zitten.")})
    return found


def _join(group: SignalGroup, signals: list[Signal], actor: Actor) -> None:
    for signal in signals:
        signal.group = group
        signal.status = group.status
        signal.answer = group.answer
        signal.answered_at = group.answered_at
        signal.version += 1
    Signal.objects.bulk_update(signals, ["group", "status", "answer", "answered_at", "version"])
    SignalEvent.objects.bulk_create(
        SignalEvent(
            municipality_id=group.municipality_id,
            signal=s,
            status=group.status,
            note=_("Toegevoegd aan de groep %(t)s.") % {"t": group.title},
            by=actor.user,
        )
        for s in signals
    )


@transaction.atomic
def create_group(
    *,
    actor: Actor,
    title: str,
    category: str,
    neighbourhood_id: uuid.UUID | None,
    signal_ids: list[uuid.UUID],
) -> SignalGroup:
    """Policy bundles similar signals to follow and answer them as one."""
    _require_role(actor, (Role.POLICY,), _("Alleen beleid maakt groepen van knelpunten."))
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Geef de groep een korte naam, bijvoorbeeld: wachtlijst GGZ.")
    elif len(title) > 120:
        errors["title"] = _("Gebruik hooguit 120 tekens.")
    if category not in Category.values:
        errors["category"] = _("Kies een soort knelpunt.")
    if (
        neighbourhood_id
        and not Neighbourhood.objects.filter(
            id=neighbourhood_id, municipality_id=actor.municipality_id
        ).exists()
    ):
        errors["neighbourhood"] = _("Kies een wijk van uw gemeente.")
    if errors:
        raise ValidationError(errors)
    signals = _policy_signals(actor, signal_ids)
    group = SignalGroup.objects.create(
        municipality_id=actor.municipality_id,
        title=title,
        category=category,
        neighbourhood_id=neighbourhood_id,
        created_by=actor.user,
    )
    SignalEvent.objects.create(
        municipality_id=actor.municipality_id,
        group=group,
        status=Status.NEW,
        note=_("Groep gemaakt met %(n)s knelpunten.") % {"n": len(signals)},
        by=actor.user,
    )
    _join(group, signals, actor)
    return group


def _group(actor: Actor, group_id: uuid.UUID) -> SignalGroup:
    group = SignalGroup.objects.filter(id=group_id, municipality_id=actor.municipality_id).first()
    if group is None:
        raise ValidationError({"group": _("Deze groep bestaat niet.")})
    return group


@transaction.atomic
def add_to_group(
    *, actor: Actor, group_id: uuid.UUID, expected_version: int, signal_ids: list[uuid.UUID]
) -> SignalGroup:
    _require_role(actor, (Role.POLICY,), _("Alleen beleid voegt knelpunten aan een groep toe."))
    group = _group(actor, group_id)
    signals = _policy_signals(actor, signal_ids)
    save_if_unchanged(group, expected_version=expected_version, fields={})
    SignalEvent.objects.create(
        municipality_id=group.municipality_id,
        group=group,
        status=group.status,
        note=_("%(n)s knelpunten toegevoegd.") % {"n": len(signals)},
        by=actor.user,
    )
    _join(group, signals, actor)
    return group


@transaction.atomic
def answer_group(
    *, actor: Actor, group_id: uuid.UUID, expected_version: int, status: str, reason: str
) -> SignalGroup:
    """Policy moves a group on: in behandeling, beleid aangepast or niet overgenomen, always with the
    reason. Every signal in the group gets the same answer, so the professional and the team see it."""
    _require_role(actor, (Role.POLICY,), _("Alleen beleid beantwoordt knelpunten."))
    group = _group(actor, group_id)
    if group.version != expected_version:
        raise VersionConflict()
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if status not in TRANSITIONS.get(group.status, ()):
        errors["status"] = _("Deze stap kan niet na '%(now)s'.") % {"now": Status(group.status).label}
    if not reason:
        errors["reason"] = _("Schrijf op waarom. De medewerkers lezen dit antwoord.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    answered_at = now if status in ANSWERED else None
    save_if_unchanged(
        group,
        expected_version=expected_version,
        fields={"status": status, "answer": reason, "answered_at": answered_at},
    )
    SignalEvent.objects.create(
        municipality_id=group.municipality_id, group=group, status=status, note=reason, by=actor.user
    )
    signals = list(group.signals.select_for_update())
    for signal in signals:
        signal.status, signal.answer, signal.answered_at = status, reason, answered_at
        signal.version += 1
    Signal.objects.bulk_update(signals, ["status", "answer", "answered_at", "version"])
    return group

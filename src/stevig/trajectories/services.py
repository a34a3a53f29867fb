"""Every write to trajectories: one business operation per function, in one transaction, with its
access-log row in that same transaction."""

import uuid
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.access import is_emergency
from stevig.core.context import Actor
from stevig.core.errors import VersionConflict
from stevig.core.versioning import save_if_unchanged
from stevig.intake.models import Question
from stevig.intake.services import make_contact_person
from stevig.people.models import EmergencyAccess, Household, HouseholdMembership, Involvement
from stevig.people.selectors import FILE_ROLES, HOUSEHOLD, households_visible_to
from stevig.tenancy.models import ExpertiseTag
from stevig.trajectories.guards import GuardAction, run_guards
from stevig.trajectories.models import (
    ALLOWED_TRANSITIONS,
    BasicHelp,
    CadenceUnit,
    Consultation,
    Contact,
    HelpKind,
    Phase,
    PhaseChange,
    PilotLight,
    Trajectory,
    add_cadence,
)
from stevig.trajectories.selectors import BASIC_HELP, TRAJECTORY, current_member_ids

MAX_CADENCE = {CadenceUnit.DAYS: 365, CadenceUnit.WEEKS: 52, CadenceUnit.MONTHS: 12}
REACTIVATION_REASON = "Heractiveerd vanuit waakvlam, zonder nieuwe intake."


def _log(
    actor: Actor,
    action: Action,
    part: Part,
    trajectory: Trajectory,
    *,
    object_type: str = "trajectory",
    object_id: object = None,
    detail: dict | None = None,
    emergency: bool = False,
) -> None:  # type: ignore[type-arg]
    log.allowed(
        actor,
        action,
        part,
        current_member_ids([trajectory.household_id]),
        object_type=object_type,
        object_id=object_id or trajectory.id,
        detail=detail or {},
        emergency=emergency,
    )


def _colleague(actor: Actor, user_id: uuid.UUID | None, field: str) -> User:
    """A working professional in the actor's municipality who may hold a household file."""
    user = (
        User.objects.filter(
            id=user_id, municipality_id=actor.municipality_id, is_active=True, role__in=FILE_ROLES
        ).first()
        if user_id
        else None
    )
    if user is None:
        raise ValidationError({field: _("Kies een medewerker van deze gemeente die met dossiers werkt.")})
    return user


def _require_open(trajectory: Trajectory) -> None:
    if trajectory.phase == Phase.CLOSED:
        raise ValidationError({"trajectory": _("Dit traject is afgesloten. Open eerst een nieuw traject.")})


def _ensure_involved(household: Household, user: User, kind: str) -> Involvement:
    current = Involvement.objects.filter(household=household, user=user, ended_at__isnull=True).first()
    if current is None:
        return Involvement.objects.create(
            municipality_id=household.municipality_id, household=household, user=user, kind=kind
        )
    if kind == Involvement.Kind.CONTACT_PERSON and current.kind != kind:
        current.kind = kind
        current.save(update_fields=["kind", "updated_at"])
    return current


def _clean_text(value: str | None) -> str:
    return (value or "").strip()


# --- Trajectory and phases ---------------------------------------------------------------------------


def open_trajectory(
    *,
    actor: Actor,
    household_id: uuid.UUID,
    contact_person_id: uuid.UUID | None = None,
    opened_from: str = "",
    question_id: uuid.UUID | None = None,
) -> Trajectory:
    """Open the household's support trajectory (phase verkennen) from a question.

    The vast aanspreekpunt defaults to the acting worker; they become involved in the household, so they
    keep access. A household has at most one open trajectory. With `question_id` the intake question's
    reference and text are kept as the starting question, and a question nobody picked up yet gets the
    trajectory's vast aanspreekpunt as its own: it leaves the team's waiting list. The question links to
    the trajectory through `opened_from_question` (its `trajectories`).
    """
    household = households_visible_to(actor.user).select_related("team").filter(id=household_id).first()
    if household is None:
        raise access.deny(HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.TRAJECTORY)
    # Scope is checked (and a denial logged) before the transaction, so the denial row survives.
    with transaction.atomic():
        if contact_person_id is None and actor.role in FILE_ROLES:
            contact_person_id = actor.user.id
        contact_person = _colleague(actor, contact_person_id, "contact_person")
        team_id = household.team_id or actor.user.team_id or contact_person.team_id
        if team_id is None:
            raise ValidationError(
                {"household": _("Dit huishouden heeft nog geen team. Kies eerst een team.")}
            )
        opened_from = _clean_text(opened_from)
        question = None
        if question_id is not None:
            question = _question_of(actor=actor, household=household, question_id=question_id)
            opened_from = opened_from or f"{question.reference}: {question.text}"
        if Trajectory.objects.filter(household=household).exclude(phase=Phase.CLOSED).exists():
            raise ValidationError(
                {"household": _("Dit huishouden heeft al een open traject. Werk in dat traject verder.")}
            )
        trajectory = Trajectory(
            municipality_id=household.municipality_id,
            household=household,
            team_id=team_id,
            contact_person=contact_person,
            phase=Phase.EXPLORING,
            opened_from=opened_from,
            opened_from_question=question,
        )
        try:
            with transaction.atomic():
                trajectory.save()
        except IntegrityError as exc:  # a colleague opened one at the same moment
            raise ValidationError({"household": _("Dit huishouden heeft al een open traject.")}) from exc
        PhaseChange.objects.create(
            municipality_id=trajectory.municipality_id,
            trajectory=trajectory,
            from_phase="",
            to_phase=Phase.EXPLORING,
            reason=opened_from or _("Traject geopend."),
            changed_by=actor.user,
        )
        _ensure_involved(household, contact_person, Involvement.Kind.CONTACT_PERSON)
        if question is not None and question.contact_person_id is None:
            make_contact_person(
                actor=actor,
                question=question,
                assignee=contact_person,
                reason=_("Traject geopend vanuit deze vraag."),
                open_involvement=False,
            )
        _log(
            actor,
            Action.CREATE,
            Part.TRAJECTORY,
            trajectory,
            detail={"vraag": str(question_id) if question_id else ""},
        )
        return trajectory


def _question_of(*, actor: Actor, household: Household, question_id: uuid.UUID) -> Question:
    """The intake question this trajectory starts from; it must belong to the same household."""
    question = (
        Question.objects.select_for_update()
        .filter(id=question_id, municipality_id=actor.municipality_id, household_id=household.id)
        .first()
    )
    if question is None:
        raise ValidationError({"question": _("Deze vraag hoort niet bij dit huishouden.")})
    return question


def change_phase(
    *,
    actor: Actor,
    trajectory_id: uuid.UUID,
    expected_version: int,
    to_phase: str,
    reason: str,
    cadence_number: int | None = None,
    cadence_unit: str | None = None,
) -> Trajectory:
    """Move the trajectory to another phase, as the table `ALLOWED_TRANSITIONS` allows, with a reason.

    Closing and entering waakvlam run the registered guards (e.g. an open safety track refuses both).
    Entering waakvlam needs a cadence and starts the pilot-light contact; leaving waakvlam stops it.
    """
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.UPDATE, part=Part.PHASE
    )
    # Scope is checked (and a denial logged) before the transaction, so the denial row survives.
    with transaction.atomic():
        if trajectory.version != expected_version:  # decide on what the person saw, not on a newer state
            raise VersionConflict()
        reason = _clean_text(reason)
        errors: dict[str, str] = {}
        if to_phase not in Phase.values:
            errors["to_phase"] = _("Kies een fase uit de lijst.")
        elif to_phase not in ALLOWED_TRANSITIONS[trajectory.phase]:
            errors["to_phase"] = _("Van %(from)s naar %(to)s kan niet. Mogelijk: %(allowed)s.") % {
                "from": Phase(trajectory.phase).label,
                "to": Phase(to_phase).label,
                "allowed": ", ".join(str(Phase(p).label) for p in trajectory.allowed_next_phases)
                or _("niets meer"),
            }
        if not reason:
            errors["reason"] = (
                _("Schrijf op waarom u het traject afsluit.")
                if to_phase == Phase.CLOSED
                else _("Schrijf kort op waarom de fase verandert.")
            )
        if to_phase == Phase.PILOT_LIGHT and "to_phase" not in errors:
            errors.update(_cadence_errors(cadence_number, cadence_unit))
        if errors:
            raise ValidationError(errors)
        if to_phase == Phase.CLOSED:
            run_guards(trajectory, GuardAction.CLOSE)
        elif to_phase == Phase.PILOT_LIGHT:
            run_guards(trajectory, GuardAction.PILOT_LIGHT)
        from_phase = trajectory.phase
        fields: dict[str, object] = {"phase": to_phase}
        if to_phase == Phase.CLOSED:
            fields.update(closed_at=timezone.now(), close_reason=reason)
        save_if_unchanged(trajectory, expected_version=expected_version, fields=fields)
        PhaseChange.objects.create(
            municipality_id=trajectory.municipality_id,
            trajectory=trajectory,
            from_phase=from_phase,
            to_phase=to_phase,
            reason=reason,
            changed_by=actor.user,
        )
        if from_phase == Phase.PILOT_LIGHT:
            PilotLight.objects.filter(trajectory=trajectory, ended_at__isnull=True).update(
                ended_at=timezone.now()
            )
        if to_phase == Phase.PILOT_LIGHT:
            assert cadence_number is not None and cadence_unit is not None
            today = timezone.localdate()
            PilotLight.objects.create(
                municipality_id=trajectory.municipality_id,
                trajectory=trajectory,
                cadence_number=cadence_number,
                cadence_unit=cadence_unit,
                started_on=today,
                next_due=add_cadence(today, cadence_number, cadence_unit),
                started_by=actor.user,
            )
        _log(actor, Action.UPDATE, Part.PHASE, trajectory, detail={"van": from_phase, "naar": to_phase})
        return trajectory


def _cadence_errors(number: int | None, unit: str | None) -> dict[str, str]:
    if unit not in CadenceUnit.values:
        return {"cadence_unit": _("Kies dagen, weken of maanden.")}
    maximum = MAX_CADENCE[CadenceUnit(unit)]
    if number is None or not 1 <= number <= maximum:
        return {"cadence_number": _("Vul een getal in van 1 tot en met %(max)s.") % {"max": maximum}}
    return {}


def reactivate(
    *, actor: Actor, trajectory_id: uuid.UUID, expected_version: int, reason: str = ""
) -> Trajectory:
    """Waakvlam → hulp in one step, without a new intake."""
    return change_phase(
        actor=actor,
        trajectory_id=trajectory_id,
        expected_version=expected_version,
        to_phase=Phase.HELP,
        reason=_clean_text(reason) or REACTIVATION_REASON,
    )


def hand_over(
    *,
    actor: Actor,
    trajectory_id: uuid.UUID,
    expected_version: int,
    contact_person_id: uuid.UUID | None,
    reason: str,
) -> Trajectory:
    """Hand the trajectory over to another vast aanspreekpunt; when they work in another team, the
    trajectory and the household file go to that team. The registered guards may refuse (an open safety
    track: the team stays involved). The previous contact person stays involved as 'betrokken'."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.UPDATE, part=Part.HAND_OVER
    )
    # Scope is checked (and a denial logged) before the transaction, so the denial row survives.
    with transaction.atomic():
        if trajectory.version != expected_version:
            raise VersionConflict()
        _require_open(trajectory)
        reason = _clean_text(reason)
        errors: dict[str, str] = {}
        if not reason:
            errors["reason"] = _("Schrijf op waarom u het traject overdraagt.")
        new_contact = None
        try:
            new_contact = _colleague(actor, contact_person_id, "contact_person")
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
        if new_contact is not None and new_contact.id == trajectory.contact_person_id:
            errors["contact_person"] = _("Deze collega is al het vaste aanspreekpunt.")
        if new_contact is not None and new_contact.team_id is None:
            errors["contact_person"] = _("Deze collega hoort niet bij een team.")
        if errors:
            raise ValidationError(errors)
        assert new_contact is not None
        run_guards(trajectory, GuardAction.HAND_OVER)
        previous = trajectory.contact_person
        fields: dict[str, object] = {"contact_person": new_contact, "team_id": new_contact.team_id}
        save_if_unchanged(trajectory, expected_version=expected_version, fields=fields)
        if trajectory.household.team_id != new_contact.team_id:
            Household.objects.filter(id=trajectory.household_id).update(
                team_id=new_contact.team_id, updated_at=timezone.now()
            )
        Involvement.objects.filter(
            household_id=trajectory.household_id, user=previous, ended_at__isnull=True
        ).update(kind=Involvement.Kind.INVOLVED)
        _ensure_involved(trajectory.household, new_contact, Involvement.Kind.CONTACT_PERSON)
        PhaseChange.objects.create(
            municipality_id=trajectory.municipality_id,
            trajectory=trajectory,
            from_phase=trajectory.phase,
            to_phase=trajectory.phase,
            reason=_("Overgedragen aan %(name)s: %(reason)s")
            % {"name": new_contact.get_full_name() or new_contact.username, "reason": reason},
            changed_by=actor.user,
        )
        _log(
            actor,
            Action.UPDATE,
            Part.HAND_OVER,
            trajectory,
            detail={"van": str(previous.id), "naar": str(new_contact.id)},
        )
        return trajectory


def add_involved_professional(*, actor: Actor, trajectory_id: uuid.UUID, user_id: uuid.UUID) -> Involvement:
    """Another professional joins the household's file (and may see it from now on)."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.UPDATE, part=Part.INVOLVED
    )
    # Scope is checked (and a denial logged) before the transaction, so the denial row survives.
    with transaction.atomic():
        _require_open(trajectory)
        user = _colleague(actor, user_id, "user")
        if Involvement.objects.filter(
            household_id=trajectory.household_id, user=user, ended_at__isnull=True
        ).exists():
            raise ValidationError(
                {"user": _("%(name)s is al betrokken bij dit huishouden.") % {"name": user}}
            )
        # Under break-the-glass the involvement lasts only as long as the grant (it is no way to keep access).
        grant = (
            EmergencyAccess.objects.filter(
                user=actor.user, household_id=trajectory.household_id, expires_at__gt=timezone.now()
            )
            .order_by("-expires_at")
            .first()
            if is_emergency(actor.user, trajectory.household_id)
            else None
        )
        involvement = Involvement.objects.create(
            municipality_id=trajectory.municipality_id,
            household_id=trajectory.household_id,
            user=user,
            kind=Involvement.Kind.INVOLVED,
            emergency_until=grant.expires_at if grant is not None else None,
        )
        detail = {"medewerker": str(user.id)}
        if grant is not None:
            detail["noodtoegang_tot"] = grant.expires_at.isoformat()
        _log(actor, Action.UPDATE, Part.INVOLVED, trajectory, detail=detail, emergency=grant is not None)
        return involvement


def set_expertise_needed(
    *, actor: Actor, trajectory_id: uuid.UUID, expected_version: int, tag_ids: Iterable[uuid.UUID]
) -> Trajectory:
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.UPDATE, part=Part.EXPERTISE
    )
    # Scope is checked (and a denial logged) before the transaction, so the denial row survives.
    with transaction.atomic():
        tag_ids = set(tag_ids)
        tags = list(ExpertiseTag.objects.filter(municipality_id=trajectory.municipality_id, id__in=tag_ids))
        if len(tags) != len(tag_ids):
            raise ValidationError({"expertise": _("Kies expertise uit de lijst.")})
        save_if_unchanged(trajectory, expected_version=expected_version, fields={})
        trajectory.expertise_needed.set(tags)
        _log(
            actor,
            Action.UPDATE,
            Part.EXPERTISE,
            trajectory,
            detail={Part.EXPERTISE: sorted(t.name for t in tags)},
        )
        return trajectory


# --- Basic help ------------------------------------------------------------------------------------------


def add_basic_help(
    *,
    actor: Actor,
    trajectory_id: uuid.UUID,
    kind: str,
    provided_by_id: uuid.UUID | None = None,
    intensity: str,
    duration: str,
    start_date: date,
    evaluation_date: date,
    description: str = "",
    reason: str = "",
) -> BasicHelp:
    """Basic help from the catalogue, without a decision. A creative custom solution needs a reason."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.CREATE, part=Part.BASIC_HELP
    )
    # Scope is checked (and a denial logged) before the transaction, so the denial row survives.
    with transaction.atomic():
        _require_open(trajectory)
        errors: dict[str, str] = {}
        if kind not in HelpKind.values:
            errors["kind"] = _("Kies basishulp uit de lijst.")
        if intensity not in BasicHelp.Intensity.values:
            errors["intensity"] = _("Kies licht of intensief.")
        if duration not in BasicHelp.Duration.values:
            errors["duration"] = _("Kies kort of lang.")
        reason = _clean_text(reason)
        if kind == HelpKind.CREATIVE and not reason:
            errors["reason"] = _(
                "Bij een creatieve maatwerkoplossing schrijft u op waarom deze hulp nodig is."
            )
        if start_date and evaluation_date and evaluation_date < start_date:
            errors["evaluation_date"] = _("De evaluatiedatum ligt voor de startdatum. Kies een latere datum.")
        if errors:
            raise ValidationError(errors)
        provided_by = _colleague(actor, provided_by_id or actor.user.id, "provided_by")
        help_row = BasicHelp.objects.create(
            municipality_id=trajectory.municipality_id,
            trajectory=trajectory,
            kind=kind,
            provided_by=provided_by,
            intensity=intensity,
            duration=duration,
            reason=reason,
            start_date=start_date,
            evaluation_date=evaluation_date,
            description=_clean_text(description),
            created_by=actor.user,
        )
        _log(
            actor,
            Action.CREATE,
            Part.BASIC_HELP,
            trajectory,
            object_type="basic_help",
            object_id=help_row.id,
            detail={"soort": kind},
        )
        return help_row


def evaluate_basic_help(
    *, actor: Actor, help_id: uuid.UUID, expected_version: int, evaluated_at: date, note: str = ""
) -> BasicHelp:
    help_row = access.scoped_get(
        BASIC_HELP, actor=actor, pk=help_id, part=Part.BASIC_HELP, action=Action.UPDATE
    )
    # Scope is checked (and a denial logged) before the transaction, so the denial row survives.
    with transaction.atomic():
        errors: dict[str, str] = {}
        if evaluated_at > timezone.localdate():
            errors["evaluated_at"] = _("Deze datum ligt in de toekomst.")
        elif evaluated_at < help_row.start_date:
            errors["evaluated_at"] = _("De evaluatie ligt voor de start van de hulp.")
        if errors:
            raise ValidationError(errors)
        save_if_unchanged(
            help_row,
            expected_version=expected_version,
            fields={"evaluated_at": evaluated_at, "evaluation_note": _clean_text(note)},
        )
        _log(
            actor,
            Action.UPDATE,
            Part.BASIC_HELP,
            help_row.trajectory,
            object_type="basic_help",
            object_id=help_row.id,
            detail={"geevalueerd": evaluated_at.isoformat()},
        )
        return help_row


# --- Contacts and the pilot light ------------------------------------------------------------------------


def record_contact(
    *,
    actor: Actor,
    trajectory_id: uuid.UUID,
    kind: str,
    contact_date: date,
    summary: str,
    resident_ids: Iterable[uuid.UUID] = (),
    with_others: str = "",
) -> Contact:
    """A contact with the household. During waakvlam it counts as the pilot-light check-in and moves the
    next due date to one cadence after this contact."""
    from stevig.trajectories.models import ContactKind

    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.CREATE, part=Part.CONTACT
    )
    # Scope is checked (and a denial logged) before the transaction, so the denial row survives.
    with transaction.atomic():
        _require_open(trajectory)
        summary = _clean_text(summary)
        resident_ids = set(resident_ids)
        errors: dict[str, str] = {}
        if kind not in ContactKind.values:
            errors["kind"] = _("Kies een soort contact.")
        if not summary:
            errors["summary"] = _("Schrijf in een paar zinnen wat er besproken is.")
        if contact_date > timezone.localdate():
            errors["contact_date"] = _(
                "Deze datum ligt in de toekomst. Leg een contact vast als het geweest is."
            )
        members = set(
            HouseholdMembership.objects.filter(
                household_id=trajectory.household_id, end_date__isnull=True
            ).values_list("resident_id", flat=True)
        )
        if resident_ids - members:
            errors["residents"] = _("Kies alleen leden van dit huishouden.")
        if not resident_ids and not _clean_text(with_others):
            errors["residents"] = _("Kies met wie u contact had, of vul het in bij 'met wie nog meer'.")
        if errors:
            raise ValidationError(errors)
        contact = Contact(
            municipality_id=trajectory.municipality_id,
            trajectory=trajectory,
            kind=kind,
            contact_date=contact_date,
            summary=summary,
            with_others=_clean_text(with_others),
            recorded_by=actor.user,
        )
        pilot = (
            PilotLight.objects.select_for_update()
            .filter(trajectory=trajectory, ended_at__isnull=True)
            .first()
        )
        if pilot is not None and contact_date >= (pilot.last_contact_on or pilot.started_on):
            contact.pilot_light_due = pilot.next_due
            pilot.last_contact_on = contact_date
            pilot.next_due = pilot.next_after(contact_date)
            pilot.version += 1
            pilot.save(update_fields=["last_contact_on", "next_due", "version", "updated_at"])
        contact.save()
        contact.residents.set(list(resident_ids))  # type: ignore[arg-type]
        _log(
            actor,
            Action.CREATE,
            Part.CONTACT,
            trajectory,
            object_type="contact",
            object_id=contact.id,
            detail={"soort": kind},
        )
        return contact


def change_cadence(
    *, actor: Actor, trajectory_id: uuid.UUID, expected_version: int, cadence_number: int, cadence_unit: str
) -> PilotLight:
    """A different rhythm for the pilot light; the next date is counted again from the last contact."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.UPDATE, part=Part.PILOT_LIGHT
    )
    # Scope is checked (and a denial logged) before the transaction, so the denial row survives.
    with transaction.atomic():
        pilot = PilotLight.objects.filter(trajectory=trajectory, ended_at__isnull=True).first()
        if pilot is None:
            raise ValidationError({"cadence_number": _("Dit traject heeft geen waakvlamcontact.")})
        errors = _cadence_errors(cadence_number, cadence_unit)
        if errors:
            raise ValidationError(errors)
        since = pilot.last_contact_on or pilot.started_on
        save_if_unchanged(
            pilot,
            expected_version=expected_version,
            fields={
                "cadence_number": cadence_number,
                "cadence_unit": cadence_unit,
                "next_due": add_cadence(since, cadence_number, cadence_unit),
            },
        )
        _log(
            actor, Action.UPDATE, Part.PILOT_LIGHT, trajectory, object_type="pilot_light", object_id=pilot.id
        )
        return pilot


# --- Specialist expertise --------------------------------------------------------------------------------


def record_consultation(
    *,
    actor: Actor,
    trajectory_id: uuid.UUID,
    kind: str,
    area_id: uuid.UUID | None,
    consulted: str,
    consultation_date: date,
    question: str,
    advice: str = "",
    follow_up_date: date | None = None,
    legal_basis: str = "publieke_taak",
    consent_id: uuid.UUID | None = None,
    categories: Iterable[str] = ("huishouden", "overig"),
) -> Consultation:
    """A specialist consultation (question and advice) or a referral to specialist help.

    The specialist hears about the household: the register gets its entry (AVG art. 30 and art. 15 lid 1
    onder c), on a ground the catalogue allows for a specialist (`datasharing.grounds`). Without health
    data a consultation rests on the municipality's task (AVG art. 6 lid 1 onder e); with health data the
    caller names Wmo 2015 art. 5.1.1, Jeugdwet art. 7.4.0 or the resident's consent.

    A referral keeps the team as the contact: the vast aanspreekpunt and the phase do not change, and a
    follow-up date is required.
    """
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.CREATE, part=Part.CONSULTATION
    )
    # Scope is checked (and a denial logged) before the transaction, so the denial row survives.
    with transaction.atomic():
        _require_open(trajectory)
        errors: dict[str, str] = {}
        if kind not in Consultation.Kind.values:
            errors["kind"] = _("Kies consultatie of verwijzing.")
        area = (
            ExpertiseTag.objects.filter(id=area_id, municipality_id=trajectory.municipality_id).first()
            if area_id
            else None
        )
        if area is None:
            errors["area"] = _("Kies een expertise uit de lijst.")
        if not _clean_text(consulted):
            errors["consulted"] = _("Vul in wie u raadpleegde of naar wie u verwijst.")
        if not _clean_text(question):
            errors["question"] = _("Schrijf de vraag op.")
        if consultation_date > timezone.localdate():
            errors["consultation_date"] = _("Deze datum ligt in de toekomst.")
        if kind == Consultation.Kind.REFERRAL and follow_up_date is None:
            errors["follow_up_date"] = _(
                "Kies wanneer u nagaat hoe het gaat. Het team blijft het aanspreekpunt."
            )
        elif follow_up_date is not None and follow_up_date < consultation_date:
            errors["follow_up_date"] = _("Deze datum ligt voor de datum van de consultatie.")
        if errors:
            raise ValidationError(errors)
        consultation = Consultation.objects.create(
            municipality_id=trajectory.municipality_id,
            trajectory=trajectory,
            kind=kind,
            area=area,
            consulted=_clean_text(consulted),
            consultation_date=consultation_date,
            question=_clean_text(question),
            advice=_clean_text(advice),
            follow_up_date=follow_up_date,
            recorded_by=actor.user,
        )
        from stevig.datasharing.services import record_disclosure

        assert area is not None
        record_disclosure(
            actor=actor,
            household=trajectory.household_id,
            recipient=consultation.consulted,
            recipient_kind="specialist",
            purpose=_("%(kind)s: %(area)s") % {"kind": consultation.get_kind_display(), "area": area.name},
            legal_basis=legal_basis,
            consent=consent_id,
            categories=categories,
            disclosed_on=consultation_date,
            source_type=consultation.kind,
            source_id=consultation.id,
        )
        _log(
            actor,
            Action.CREATE,
            Part.CONSULTATION,
            trajectory,
            object_type="consultation",
            object_id=consultation.id,
            detail={"soort": kind, "expertise": area.name if area else ""},
        )
        return consultation

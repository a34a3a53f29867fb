"""Every write of the safety track: one business operation per function, one transaction, its access-log
row (purpose 'veiligheid (Meldcode)') in that same transaction. Scope is checked before the transaction,
so the row of a denied attempt survives. Rules and sources: `meldcode.py`."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stevig.accounts.models import User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.versioning import save_if_unchanged
from stevig.intake.models import Question
from stevig.legalcalendar.clocks import Clock, deadline
from stevig.people.models import HouseholdMembership, Involvement
from stevig.people.selectors import FILE_ROLES
from stevig.safety import meldcode
from stevig.safety.meldcode import REPORTING_OUTCOMES, Step
from stevig.safety.meldcode import Outcome as TrackOutcome
from stevig.safety.models import (
    ANSWER_FIELDS,
    MemberRisk,
    NamedColleague,
    RiskLevel,
    SafetyEmergencyAccess,
    SafetyTrack,
    Source,
    Status,
    StepRecord,
)
from stevig.safety.selectors import PART, deny_track, safety_actor, track_in_scope
from stevig.trajectories.models import Phase
from stevig.trajectories.selectors import TRAJECTORY

MAX_TEXT = 10000


def _text(value: str | None) -> str:
    return (value or "").strip()


def _log(
    actor: Actor, action: Action, track: SafetyTrack, part: Part = PART, detail: dict | None = None
) -> None:  # type: ignore[type-arg]
    log.allowed(
        safety_actor(actor),
        action,
        part,
        HouseholdMembership.objects.filter(
            household_id=track.household_id, end_date__isnull=True
        ).values_list("resident_id", flat=True),
        object_type="safety_track",
        object_id=track.id,
        detail=detail or {},
    )


def _bump(track: SafetyTrack, expected_version: int, **fields: object) -> None:
    save_if_unchanged(
        track, expected_version=expected_version, fields={**fields, "updated_at": timezone.now()}
    )


def _date_errors(
    errors: dict[str, str], field: str, value: date | None, *, not_before: date | None = None
) -> None:
    if value is None:
        errors[field] = _("Vul de datum in.")
    elif value > timezone.localdate():
        errors[field] = _("Deze datum ligt in de toekomst.")
    elif not_before is not None and value < not_before:
        errors[field] = _("Deze datum ligt voor de vorige stap (%(day)s).") % {
            "day": date_format(not_before, "j F Y")
        }


def _ensure_involved(track: SafetyTrack, user: User) -> None:
    """A named colleague must be able to open the household file too."""
    if not Involvement.objects.filter(
        household_id=track.household_id, user=user, ended_at__isnull=True
    ).exists():
        Involvement.objects.create(
            municipality_id=track.municipality_id,
            household_id=track.household_id,
            user=user,
            kind=Involvement.Kind.INVOLVED,
        )


def _name(track: SafetyTrack, user: User, added_by: User) -> None:
    NamedColleague.objects.get_or_create(
        track=track, user=user, defaults={"municipality_id": track.municipality_id, "added_by": added_by}
    )
    _ensure_involved(track, user)


# --- Opening ---------------------------------------------------------------------------------------------


def open_track(
    *,
    actor: Actor,
    trajectory_id: uuid.UUID,
    source: str,
    source_note: str = "",
    question_id: uuid.UUID | None = None,
) -> SafetyTrack:
    """Open a safety track on the trajectory. Any worker who may see the trajectory may do this (from
    their own worries, a question or a signal from Veilig Thuis); they are named on the track."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=safety_actor(actor), pk=trajectory_id, action=Action.CREATE, part=PART
    )
    with transaction.atomic():
        errors: dict[str, str] = {}
        source_note = _text(source_note)
        if trajectory.phase == Phase.CLOSED:
            errors["trajectory"] = _("Dit traject is afgesloten. Open eerst een nieuw traject.")
        if source not in Source.values:
            errors["source"] = _("Kies waardoor u zich zorgen maakt.")
        question = None
        if source == Source.QUESTION:
            question = (
                Question.objects.filter(
                    id=question_id,
                    municipality_id=trajectory.municipality_id,
                    household_id=trajectory.household_id,
                ).first()
                if question_id
                else None
            )
            if question is None:
                errors["question"] = _("Kies een hulpvraag van dit huishouden.")
        if source == Source.VEILIG_THUIS and not source_note:
            errors["source_note"] = _("Schrijf op wat Veilig Thuis meldde, met datum en kenmerk.")
        if len(source_note) > MAX_TEXT:
            errors["source_note"] = _("Gebruik hoogstens %(n)d tekens.") % {"n": MAX_TEXT}
        if SafetyTrack.objects.filter(trajectory=trajectory).exclude(status=Status.CLOSED).exists():
            errors["trajectory"] = _("Er loopt al een veiligheidsspoor in dit traject. Werk daarin verder.")
        if errors:
            raise ValidationError(errors)
        track = SafetyTrack(
            municipality_id=trajectory.municipality_id,
            trajectory=trajectory,
            household_id=trajectory.household_id,
            source=source,
            question=question,
            source_note=source_note,
            opened_by=actor.user,
        )
        try:
            with transaction.atomic():
                track.save()
        except IntegrityError as exc:  # a colleague opened one at the same moment
            raise ValidationError(
                {"trajectory": _("Er loopt al een veiligheidsspoor in dit traject.")}
            ) from exc
        if actor.user.id != trajectory.contact_person_id:
            _name(track, actor.user, actor.user)
        _log(actor, Action.CREATE, track, detail={"bron": source})
        return track


# --- Steps 1 to 3 --------------------------------------------------------------------------------------


def _order_errors(track: SafetyTrack, number: int) -> tuple[dict[str, str], date | None]:
    """A step cannot be skipped: every earlier step must be recorded (step 3 possibly as 'not done for
    safety'). Returns the errors and the date of the previous step."""
    done = {s.number: s.done_on for s in StepRecord.objects.filter(track=track)}
    if track.status != Status.OPEN:
        return {"number": _("Dit veiligheidsspoor is al besloten.")}, None
    if number in done:
        return {"number": _("Stap %(n)d is al vastgelegd.") % {"n": number}}, None
    for earlier in range(1, number):
        if earlier not in done:
            return (
                {
                    "number": _("Sla geen stap over. Leg eerst stap %(n)d vast: %(label)s.")
                    % {"n": earlier, "label": Step(earlier).label}
                },
                None,
            )
    return {}, done.get(number - 1)


def record_step(
    *,
    actor: Actor,
    track_id: uuid.UUID,
    expected_version: int,
    number: int,
    done_on: date | None,
    notes: str,
    not_done_for_safety: bool = False,
    colleague_consulted: str = "",
    veilig_thuis_consulted: bool = False,
    veilig_thuis_advice: str = "",
) -> StepRecord:
    """Record step 1, 2 or 3 of the Meldcode, in order. Step 2 needs a colleague consultation and/or
    Veilig Thuis' advice. Step 3 may be marked 'not done' only for safety, with the reason in the notes."""
    track = track_in_scope(actor=actor, track_id=track_id, action=Action.UPDATE)
    with transaction.atomic():
        errors: dict[str, str] = {}
        if number not in (Step.SIGNALS, Step.CONSULT, Step.CONVERSATION):
            raise ValidationError({"number": _("Stap 4 en 5 gaan met het afwegingskader.")})
        order, previous = _order_errors(track, number)
        errors.update(order)
        notes = _text(notes)
        colleague_consulted, veilig_thuis_advice = _text(colleague_consulted), _text(veilig_thuis_advice)
        _date_errors(errors, "done_on", done_on, not_before=previous)
        if not notes:
            errors["notes"] = (
                _("Schrijf op waarom het gesprek de veiligheid in gevaar brengt.")
                if not_done_for_safety
                else _("Schrijf op wat u zag, hoorde of deed.")
            )
        elif len(notes) > MAX_TEXT:
            errors["notes"] = _("Gebruik hoogstens %(n)d tekens.") % {"n": MAX_TEXT}
        if not_done_for_safety and number != Step.CONVERSATION:
            errors["not_done_for_safety"] = _(
                "Alleen het gesprek (stap 3) mag u overslaan, en alleen voor de veiligheid."
            )
        if number == Step.CONSULT:
            if not colleague_consulted and not veilig_thuis_consulted:
                errors["colleague_consulted"] = _(
                    "Overleg met een collega en/of vraag Veilig Thuis om advies. Vul in met wie u overlegde."
                )
            if veilig_thuis_consulted and not veilig_thuis_advice:
                errors["veilig_thuis_advice"] = _("Schrijf het advies van Veilig Thuis op.")
        else:
            colleague_consulted, veilig_thuis_consulted, veilig_thuis_advice = "", False, ""
        if errors:
            raise ValidationError(errors)
        assert done_on is not None
        _bump(track, expected_version)
        record = StepRecord.objects.create(
            municipality_id=track.municipality_id,
            track=track,
            number=number,
            done_on=done_on,
            done_by=actor.user,
            notes=notes,
            not_done_for_safety=not_done_for_safety,
            colleague_consulted=colleague_consulted,
            veilig_thuis_consulted=veilig_thuis_consulted,
            veilig_thuis_advice=veilig_thuis_advice,
        )
        _log(actor, Action.UPDATE, track, detail={"stap": number, "niet_gedaan": not_done_for_safety})
        return record


# --- Steps 4 and 5: the afwegingskader -------------------------------------------------------------------


def _answer_errors(answers: dict[int, bool | None], asked: list[int]) -> dict[str, str]:
    errors = {f"q{n}": message for n, message in meldcode.validate_answers(answers).items()}
    conclusion = meldcode.conclude(answers)
    if conclusion.next_question in asked:
        errors.setdefault(f"q{conclusion.next_question}", _("Beantwoord deze vraag met ja of nee."))
    return errors


def weigh(
    *,
    actor: Actor,
    track_id: uuid.UUID,
    expected_version: int,
    done_on: date | None,
    notes: str,
    suspicion: bool | None,
    unsafe: bool | None,
) -> StepRecord:
    """Step 4: weigh with afweging 1 (vermoeden?) and 2 (acute of structurele onveiligheid?), in order."""
    track = track_in_scope(actor=actor, track_id=track_id, action=Action.UPDATE)
    with transaction.atomic():
        errors, previous = _order_errors(track, Step.WEIGH)
        notes = _text(notes)
        _date_errors(errors, "done_on", done_on, not_before=previous)
        if not notes:
            errors["notes"] = _("Schrijf op hoe u het risico, de aard en de ernst weegt.")
        answers: dict[int, bool | None] = {1: suspicion, 2: unsafe}
        errors.update(_answer_errors(answers, [1, 2]))
        if errors:
            raise ValidationError(errors)
        assert done_on is not None
        _bump(track, expected_version, q1_suspicion=suspicion, q2_unsafe=unsafe)
        record = StepRecord.objects.create(
            municipality_id=track.municipality_id,
            track=track,
            number=Step.WEIGH,
            done_on=done_on,
            done_by=actor.user,
            notes=notes,
        )
        _log(actor, Action.UPDATE, track, detail={"stap": 4})
        return record


def decide(
    *,
    actor: Actor,
    track_id: uuid.UUID,
    expected_version: int,
    done_on: date | None,
    notes: str,
    outcome: str,
    outcome_reason: str = "",
    help_possible: bool | None = None,
    help_accepted: bool | None = None,
    lasting_safety: bool | None = None,
    reported_on: date | None = None,
) -> SafetyTrack:
    """Step 5: afweging 3 to 5 (when step 4 did not decide already), then the decision: melden, hulp
    organiseren, both, or neither (with a reason). When the afwegingskader says a report is required,
    only an outcome with a report is accepted. A report needs its date; Veilig Thuis' assessment is then
    due within 5 working days (legal calendar, clock VEILIG_THUIS_BEOORDELING) and the track waits for
    the follow-up. Otherwise the track is closed."""
    track = track_in_scope(actor=actor, track_id=track_id, action=Action.UPDATE)
    with transaction.atomic():
        errors, previous = _order_errors(track, Step.DECIDE)
        notes, outcome_reason = _text(notes), _text(outcome_reason)
        _date_errors(errors, "done_on", done_on, not_before=previous)
        answers = dict(track.answers)
        step4_decided = meldcode.conclude(answers).complete
        if not step4_decided:
            answers.update({3: help_possible, 4: help_accepted, 5: lasting_safety})
            errors.update(_answer_errors(answers, [3, 4, 5]))
        elif any(a is not None for a in (help_possible, help_accepted, lasting_safety)):
            errors["q3"] = _("Deze vragen hoeven niet meer: stap 4 gaf de uitkomst al.")
        conclusion = meldcode.conclude(answers)
        if outcome not in TrackOutcome.values:
            errors["outcome"] = _("Kies wat u besluit.")
        elif conclusion.complete and outcome not in conclusion.allowed_outcomes:
            if conclusion.report_required:
                errors["outcome"] = _(
                    "Melden is verplicht volgens het afwegingskader. Kies een besluit met melden."
                )
            else:
                errors["outcome"] = _("Dit besluit past niet bij de antwoorden op het afwegingskader.")
        if outcome == TrackOutcome.NEITHER and not outcome_reason:
            errors["outcome_reason"] = _("Schrijf op waarom u niet meldt en geen hulp organiseert.")
        if outcome in REPORTING_OUTCOMES:
            _date_errors(errors, "reported_on", reported_on)
        if not notes:
            errors["notes"] = _("Schrijf op hoe u tot dit besluit kwam.")
        if errors:
            raise ValidationError(errors)
        assert done_on is not None
        reports = outcome in REPORTING_OUTCOMES
        fields: dict[str, object] = {ANSWER_FIELDS[n]: answers.get(n) for n in (3, 4, 5)} | {
            "outcome": outcome,
            "outcome_reason": outcome_reason,
            "decided_on": done_on,
            "decided_by": actor.user,
            "reported_on": reported_on if reports else None,
            # Veilig Thuis assesses a non-acute report within 5 working days (Handelingsprotocol).
            "veilig_thuis_due": deadline(Clock.VEILIG_THUIS_BEOORDELING, reported_on)
            if reports and reported_on
            else None,
            "status": Status.REPORTED if reports else Status.CLOSED,
            "closed_at": None if reports else timezone.now(),
        }
        _bump(track, expected_version, **fields)
        StepRecord.objects.create(
            municipality_id=track.municipality_id,
            track=track,
            number=Step.DECIDE,
            done_on=done_on,
            done_by=actor.user,
            notes=notes,
        )
        _log(actor, Action.UPDATE, track, detail={"stap": 5, "besluit": outcome})
        return track


def record_follow_up(
    *, actor: Actor, track_id: uuid.UUID, expected_version: int, follow_up_on: date | None, follow_up: str
) -> SafetyTrack:
    """What Veilig Thuis did with the report (and when). This closes the track."""
    track = track_in_scope(actor=actor, track_id=track_id, action=Action.UPDATE)
    with transaction.atomic():
        errors: dict[str, str] = {}
        follow_up = _text(follow_up)
        if track.status != Status.REPORTED:
            errors["follow_up"] = _("Er is geen melding bij Veilig Thuis die op antwoord wacht.")
        _date_errors(errors, "follow_up_on", follow_up_on, not_before=track.reported_on)
        if not follow_up:
            errors["follow_up"] = _("Schrijf op wat Veilig Thuis doet of besloot.")
        if errors:
            raise ValidationError(errors)
        _bump(
            track,
            expected_version,
            follow_up_on=follow_up_on,
            follow_up=follow_up,
            status=Status.CLOSED,
            closed_at=timezone.now(),
        )
        _log(actor, Action.UPDATE, track, detail={"veilig_thuis": "terugkoppeling"})
        return track


# --- Who: named colleagues, who is at risk, emergency access ---------------------------------------------


def name_colleague(*, actor: Actor, track_id: uuid.UUID, user_id: uuid.UUID | None) -> NamedColleague:
    """Name a colleague on the track: they may read its notes, it is on their worklist, and they become
    involved in the household file."""
    track = track_in_scope(actor=actor, track_id=track_id, action=Action.UPDATE)
    with transaction.atomic():
        user = (
            User.objects.filter(
                id=user_id, municipality_id=track.municipality_id, is_active=True, role__in=FILE_ROLES
            ).first()
            if user_id
            else None
        )
        if user is None:
            raise ValidationError({"user": _("Kies een collega van deze gemeente die met dossiers werkt.")})
        if (
            user.id == track.trajectory.contact_person_id
            or NamedColleague.objects.filter(track=track, user=user).exists()
        ):
            raise ValidationError(
                {
                    "user": _("%(name)s staat al op dit spoor.")
                    % {"name": user.get_full_name() or user.username}
                }
            )
        _name(track, user, actor.user)
        _log(actor, Action.UPDATE, track, part=Part.SAFETY_NAMED, detail={"medewerker": str(user.id)})
        return NamedColleague.objects.get(track=track, user=user)


def set_risks(
    *, actor: Actor, track_id: uuid.UUID, expected_version: int, risks: dict[uuid.UUID, tuple[str, str]]
) -> list[MemberRisk]:
    """Who is at risk, per current household member: level and a short note."""
    track = track_in_scope(actor=actor, track_id=track_id, action=Action.UPDATE)
    with transaction.atomic():
        members = set(
            HouseholdMembership.objects.filter(
                household_id=track.household_id, end_date__isnull=True
            ).values_list("resident_id", flat=True)
        )
        errors: dict[str, str] = {}
        if set(risks) - members:
            errors["risks"] = _("Kies alleen leden van dit huishouden.")
        for level, note in risks.values():
            if level not in RiskLevel.values:
                errors["risks"] = _("Kies voor iedereen een inschatting uit de lijst.")
            if len(_text(note)) > MAX_TEXT:
                errors["risks"] = _("Gebruik hoogstens %(n)d tekens.") % {"n": MAX_TEXT}
        if errors:
            raise ValidationError(errors)
        _bump(track, expected_version)
        rows = []
        for resident_id, (level, note) in risks.items():
            row, _created = MemberRisk.objects.update_or_create(
                track=track,
                resident_id=resident_id,
                defaults={
                    "municipality_id": track.municipality_id,
                    "level": level,
                    "note": _text(note),
                    "updated_by": actor.user,
                },
            )
            rows.append(row)
        _log(actor, Action.UPDATE, track, part=Part.SAFETY_RISK)
        return rows


def grant_emergency_access(*, actor: Actor, track_id: uuid.UUID, reason: str) -> SafetyEmergencyAccess:
    """Break the glass for a track's notes: only with a reason; 24 hours; flagged for the privacy officer
    (the same review as emergency access to a file)."""
    from stevig.people.services import grant_emergency_access as grant_household

    track = SafetyTrack.objects.filter(id=track_id, municipality_id=actor.municipality_id).first()
    if track is None or actor.role not in FILE_ROLES:
        raise deny_track(actor=actor, track_id=track_id, action=Action.READ, part=Part.SAFETY_EMERGENCY)
    reason = _text(reason)
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Schrijf op waarom u dit veiligheidsspoor nu moet lezen (minstens 10 tekens).")}
        )
    with transaction.atomic():
        grant = grant_household(
            actor=safety_actor(actor),
            household_id=track.household_id,
            reason=_("Veiligheidsspoor (Meldcode): %(reason)s") % {"reason": reason},
        )
        link = SafetyEmergencyAccess.objects.create(
            municipality_id=track.municipality_id, track=track, grant=grant
        )
        return link

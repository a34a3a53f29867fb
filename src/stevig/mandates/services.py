"""Every write of a mandate request, each in one transaction with its access-log row.

Scope and role checks run before the transaction opens, so a denied attempt's log row survives.
Business rules raise `ValidationError({field: message})`; a stale version raises `VersionConflict`.
"""

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role
from stevig.analysis.models import Domain, Score
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import RoleDenied
from stevig.core.versioning import save_if_unchanged
from stevig.datasharing import services as datasharing
from stevig.datasharing.models import Consent, DataCategory, LegalBasis, RecipientKind
from stevig.legalcalendar.clocks import RULES, Clock, deadline
from stevig.mandates.models import (
    OPEN_STATUSES,
    CoordinatorOutcome,
    EventKind,
    MandateEvent,
    MandateRequest,
    Status,
    Urgency,
)
from stevig.mandates.selectors import MANDATE_REQUEST, WORKER_ROLES, resident_ids_of, shareable_parts
from stevig.people.models import Household
from stevig.tenancy.models import Department
from stevig.trajectories.models import Phase
from stevig.trajectories.selectors import TRAJECTORY

MAX_TEXT = 5000
MIN_ASK = 10  # characters: "hulp" is not a concrete ask

# Life domains whose scores reveal a special kind of data (for the register's categories).
DOMAIN_CATEGORIES: dict[str, str] = {
    Domain.FINANCES: DataCategory.FINANCES,
    Domain.HOUSING: DataCategory.HOUSING,
    Domain.MENTAL_HEALTH: DataCategory.HEALTH,
    Domain.PHYSICAL_HEALTH: DataCategory.HEALTH,
    Domain.SUBSTANCE_USE: DataCategory.HEALTH,
    Domain.BASIC_ADL: DataCategory.HEALTH,
}


def _log(actor: Actor, request: MandateRequest, action: Action, detail: dict[str, Any] | None = None) -> None:
    log.allowed(
        actor,
        action,
        Part.MANDATE_REQUEST,
        resident_ids_of(request),
        object_type="mandate_request",
        object_id=request.id,
        detail=detail,
    )


def _require_role(
    actor: Actor, roles: Iterable[str], action: Action, message: str, request_id: uuid.UUID | None = None
) -> None:
    if actor.role not in roles:
        if request_id is not None:
            access.deny(MANDATE_REQUEST, actor=actor, pk=request_id, action=action, part=Part.MANDATE_REQUEST)
        else:
            log.denied(actor, action, Part.MANDATE_REQUEST, object_type="mandate_request")
        raise RoleDenied(message)


def _text(value: str | None) -> str:
    return (value or "").strip()


def _event(request: MandateRequest, kind: str, actor: Actor, note: str = "") -> None:
    MandateEvent.objects.create(
        municipality_id=request.municipality_id,
        request=request,
        household_id=request.household_id,
        kind=kind,
        by=actor.user,
        note=note,
    )


def _escalate_household(household_id: uuid.UUID) -> None:
    """The coordinator sees the household from now on (people selector: `escalated_at`)."""
    Household.objects.filter(id=household_id, escalated_at__isnull=True).update(escalated_at=timezone.now())


def categories_for(scores: list[Any], goals: list[Any]) -> list[str]:
    codes = {DataCategory.PERSONAL.value}
    if scores:
        codes.add(DataCategory.ANALYSIS)
        codes.update(DOMAIN_CATEGORIES[s.domain] for s in scores if s.domain in DOMAIN_CATEGORIES)
    if goals:
        codes.add(DataCategory.PLAN)
        codes.update(DOMAIN_CATEGORIES[d] for g in goals for d in g.domains if d in DOMAIN_CATEGORIES)
    return [c for c in DataCategory.values if c in codes]


def build_snapshot(
    household: Household, members: list[Any], scores: list[Any], goals: list[Any]
) -> dict[str, Any]:
    """The shared content as it read on the day it was sent: only what the professional chose."""
    return {
        "adres": household.address_line,
        "inwoners": [
            {
                "id": str(m.resident_id),
                "naam": m.resident.full_name,
                "geboortedatum": m.resident.date_of_birth.isoformat(),
            }
            for m in members
        ],
        "analyse": [
            {
                "inwoner": s.analysis.resident.full_name,
                "datum": s.analysis.analysed_on.isoformat(),
                "leefgebied": str(Domain(s.domain).label),
                "score": s.score,
                "score_tekst": str(Score(s.score).label),
                "toelichting": s.note,
            }
            for s in scores
        ],
        "plan": [
            {
                "doel": g.text,
                "voor_wie": [r.full_name for r in g.members.all()],
                "leefgebieden": [str(Domain(c).label) for c in g.domains if c in Domain.values],
                "acties": [
                    {
                        "wat": a.description,
                        "wie": str(a.get_owner_type_display())
                        + (f" ({a.owner_name})" if a.owner_name else ""),
                        "klaar_op": a.due_date.isoformat(),
                    }
                    for a in g.actions.all()
                ],
            }
            for g in goals
        ],
    }


# Wgs art. 4a lid 2: with an urgent ground the first conversation is within three working days; a
# mandate request to the debt-help department carries that same term.
WGS_URGENT_WORKING_DAYS = RULES[Clock.WGS_EERSTE_GESPREK_SPOED].amount or 3


def send_request(
    *,
    actor: Actor,
    trajectory_id: uuid.UUID,
    department_id: uuid.UUID | None,
    ask: str,
    reason: str,
    legal_basis: str,
    resident_ids: Iterable[uuid.UUID],
    score_ids: Iterable[uuid.UUID] = (),
    goal_ids: Iterable[uuid.UUID] = (),
    urgency: str = Urgency.NORMAL,
    consent_id: uuid.UUID | None = None,
) -> MandateRequest:
    """Send a mandate request from a trajectory. Only the chosen analysis scores and plan goals travel, as
    a snapshot; the due date follows the department's term in working days; the register gets its entry."""
    _require_role(actor, WORKER_ROLES, Action.CREATE, "Deze rol verstuurt geen mandaatverzoeken.")
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.CREATE, part=Part.MANDATE_REQUEST
    )
    with transaction.atomic():
        errors: dict[str, str] = {}
        ask, reason = _text(ask), _text(reason)
        if trajectory.phase == Phase.CLOSED:
            errors["trajectory"] = _("Dit traject is afgesloten. Open eerst een nieuw traject.")
        department = (
            Department.objects.filter(id=department_id, municipality_id=actor.municipality_id).first()
            if department_id
            else None
        )
        if department is None:
            errors["department"] = _("Kies de vakafdeling die iets moet doen.")
        if len(ask) < MIN_ASK:
            errors["ask"] = _(
                "Schrijf concreet op wat de afdeling moet doen. Bijvoorbeeld: 'Stop de beslaglegging op de uitkering'."
            )
        elif len(ask) > MAX_TEXT:
            errors["ask"] = _("Gebruik hoogstens 5000 tekens.")
        if not reason:
            errors["reason"] = _("Schrijf op waarom dit nodig is: uw conclusie na het gesprek en de analyse.")
        elif len(reason) > MAX_TEXT:
            errors["reason"] = _("Gebruik hoogstens 5000 tekens.")
        if legal_basis not in LegalBasis.values:
            errors["legal_basis"] = _("Kies de grondslag: waarom mag u deze gegevens delen?")
        if urgency not in Urgency.values:
            errors["urgency"] = _("Kies normaal of spoed.")
        elif urgency == Urgency.WGS_URGENT and department is not None and not department.debt_help:
            errors["urgency"] = _("Spoed schuldhulp kan alleen bij de afdeling schuldhulpverlening.")
        parts = shareable_parts(trajectory.id, trajectory.household_id)
        members = {m.resident_id: m for m in parts.members}
        wanted = list(dict.fromkeys(resident_ids or []))
        if not wanted:
            errors["residents"] = _("Kies voor wie het verzoek is.")
        elif not set(wanted) <= set(members):
            errors["residents"] = _("Kies alleen mensen uit dit huishouden.")
        score_set, goal_set = set(score_ids or []), set(goal_ids or [])
        scores = [s for s in parts.scores if s.id in score_set]
        goals = [g for g in parts.goals if g.id in goal_set]
        if len(scores) != len(score_set):
            errors["scores"] = _("Kies alleen onderdelen uit de laatste analyse van dit traject.")
        if len(goals) != len(goal_set):
            errors["goals"] = _("Kies alleen doelen uit het plan van dit traject.")
        categories = categories_for(scores, goals)
        consent = None
        if consent_id is not None:
            consent = Consent.objects.filter(id=consent_id, household_id=trajectory.household_id).first()
        if legal_basis == LegalBasis.CONSENT:
            problem = datasharing.check_consent(
                consent=consent,
                household_id=trajectory.household_id,
                categories=categories,
                # Whose data travels: the chosen members and the members whose scores are chosen.
                subject_ids=[*wanted, *(s.analysis.resident_id for s in scores)],
                recipient=department.name if department is not None else "",
            )
            if problem:
                errors["consent"] = problem
        if errors:
            raise ValidationError(errors)
        assert department is not None
        sent_on = timezone.localdate()
        term = department.response_term_working_days
        if urgency == Urgency.WGS_URGENT:
            term = min(term, WGS_URGENT_WORKING_DAYS)
        request = MandateRequest.objects.create(
            municipality_id=trajectory.municipality_id,
            trajectory=trajectory,
            household_id=trajectory.household_id,
            department=department,
            requested_by=actor.user,
            ask=ask,
            reason=reason,
            urgency=urgency,
            legal_basis=legal_basis,
            consent=consent if legal_basis == LegalBasis.CONSENT else None,
            shared_content=build_snapshot(trajectory.household, [members[r] for r in wanted], scores, goals),
            sent_on=sent_on,
            term_working_days=term,
            due_on=deadline(Clock.MANDATE_REQUEST, sent_on, working_days=term),
        )
        request.residents.set(wanted)  # type: ignore[arg-type]
        _event(request, EventKind.SENT, actor)
        datasharing.record_disclosure(
            actor=actor,
            household=trajectory.household,
            residents=wanted,
            recipient=department.name,
            recipient_kind=RecipientKind.DEPARTMENT,
            department=department,
            purpose=_("Mandaatverzoek: %(ask)s") % {"ask": ask},
            legal_basis=legal_basis,
            categories=categories,
            consent=request.consent,
            disclosed_on=sent_on,
            source_type="mandaatverzoek",
            source_id=request.id,
        )
        _log(actor, request, Action.CREATE, {"afdeling": department.name, "grondslag": legal_basis})
        return request


def _department_request(actor: Actor, request_id: uuid.UUID) -> MandateRequest:
    _require_role(
        actor, (Role.DEPARTMENT,), Action.UPDATE, "Alleen de vakafdeling behandelt een verzoek.", request_id
    )
    return access.scoped_get(
        MANDATE_REQUEST, actor=actor, pk=request_id, action=Action.UPDATE, part=Part.MANDATE_REQUEST
    )


def _save(request: MandateRequest, expected_version: int, **fields: Any) -> None:
    save_if_unchanged(
        request, expected_version=expected_version, fields={**fields, "updated_at": timezone.now()}
    )


def accept_request(*, actor: Actor, request_id: uuid.UUID, expected_version: int) -> MandateRequest:
    """The department takes the request in hand: ontvangen → in behandeling."""
    request = _department_request(actor, request_id)
    with transaction.atomic():
        if request.status != Status.RECEIVED:
            raise ValidationError({"status": _("Dit verzoek is al in behandeling of afgehandeld.")})
        _save(
            request,
            expected_version,
            status=Status.IN_PROGRESS,
            accepted_at=timezone.now(),
            accepted_by=actor.user,
        )
        _event(request, EventKind.ACCEPTED, actor)
        _log(actor, request, Action.UPDATE, {"status": Status.IN_PROGRESS})
        return request


def complete_request(
    *, actor: Actor, request_id: uuid.UUID, expected_version: int, outcome: str, deviation_reason: str = ""
) -> MandateRequest:
    """The department did it: in behandeling → uitgevoerd. When it did something else than asked, it says why."""
    request = _department_request(actor, request_id)
    with transaction.atomic():
        outcome, deviation_reason = _text(outcome), _text(deviation_reason)
        errors: dict[str, str] = {}
        if request.status != Status.IN_PROGRESS:
            errors["status"] = _("Neem het verzoek eerst in behandeling.")
        if not outcome:
            errors["outcome"] = _("Schrijf op wat u heeft gedaan.")
        for name, text in (("outcome", outcome), ("deviation_reason", deviation_reason)):
            if len(text) > MAX_TEXT:
                errors[name] = _("Gebruik hoogstens 5000 tekens.")
        if errors:
            raise ValidationError(errors)
        today = timezone.localdate()
        fields: dict[str, Any] = {
            "status": Status.DONE,
            "outcome": outcome,
            "deviation_reason": deviation_reason,
            "handled_on": today,
        }
        if request.handled_within_term is None:
            fields["handled_within_term"] = today <= request.due_on
        _save(request, expected_version, **fields)
        note = outcome + (
            f"\n{_('Anders dan gevraagd, omdat')}: {deviation_reason}" if deviation_reason else ""
        )
        _event(request, EventKind.DONE, actor, note)
        _log(actor, request, Action.UPDATE, {"status": Status.DONE, "afwijking": bool(deviation_reason)})
        return request


def reject_request(
    *, actor: Actor, request_id: uuid.UUID, expected_version: int, reason: str
) -> MandateRequest:
    """The department refuses, with a reason. The request and the household go to the coordinator."""
    request = _department_request(actor, request_id)
    with transaction.atomic():
        reason = _text(reason)
        errors: dict[str, str] = {}
        if request.status not in OPEN_STATUSES:
            errors["status"] = _("Dit verzoek is al afgehandeld.")
        elif request.coordinator_decision:
            errors["status"] = _(
                "De coördinator heeft besloten dat dit moet gebeuren. U kunt het verzoek niet meer afwijzen."
            )
        if not reason:
            errors["reason"] = _("Schrijf op waarom u het verzoek afwijst.")
        elif len(reason) > MAX_TEXT:
            errors["reason"] = _("Gebruik hoogstens 5000 tekens.")
        if errors:
            raise ValidationError(errors)
        now = timezone.now()
        today = timezone.localdate()
        fields: dict[str, Any] = {
            "status": Status.REJECTED,
            "rejection_reason": reason,
            "handled_on": today,
            "escalated_at": request.escalated_at or now,
        }
        if request.handled_within_term is None:
            fields["handled_within_term"] = today <= request.due_on
        _save(request, expected_version, **fields)
        _escalate_household(request.household_id)
        _event(request, EventKind.REJECTED, actor, reason)
        _log(actor, request, Action.UPDATE, {"status": Status.REJECTED, "naar_coordinator": True})
        return request


def decide(*, actor: Actor, request_id: uuid.UUID, expected_version: int, decision: str) -> MandateRequest:
    """The coordinator decides (doorzetten): the department must carry the request out. Back to in
    behandeling with the decision and a new term from today; the household stays with the coordinator."""
    _require_role(
        actor, (Role.COORDINATOR,), Action.UPDATE, "Alleen de coördinator kan doorzetten.", request_id
    )
    request = access.scoped_get(
        MANDATE_REQUEST, actor=actor, pk=request_id, action=Action.UPDATE, part=Part.MANDATE_REQUEST
    )
    with transaction.atomic():
        decision = _text(decision)
        errors: dict[str, str] = {}
        if not (request.status == Status.REJECTED or request.is_overdue):
            errors["status"] = _("U kunt alleen doorzetten als een verzoek is afgewezen of te laat is.")
        elif request.status == Status.REJECTED and request.coordinator_outcome:
            errors["status"] = _("Over deze afwijzing is al besloten.")
        if not decision:
            errors["decision"] = _("Schrijf uw besluit op: wat moet de afdeling doen, en waarom.")
        elif len(decision) > MAX_TEXT:
            errors["decision"] = _("Gebruik hoogstens 5000 tekens.")
        if errors:
            raise ValidationError(errors)
        now = timezone.now()
        today = timezone.localdate()
        fields: dict[str, Any] = {
            "status": Status.IN_PROGRESS,
            "coordinator_decision": decision,
            "coordinator_outcome": CoordinatorOutcome.DECIDED,
            "decided_at": now,
            "decided_by": actor.user,
            "escalated_at": request.escalated_at or now,
            "due_on": deadline(Clock.MANDATE_REQUEST, today, working_days=request.term_working_days),
        }
        if request.handled_within_term is None:  # it ran past its term without an answer
            fields["handled_within_term"] = False
        _save(request, expected_version, **fields)
        _escalate_household(request.household_id)
        _event(request, EventKind.DECIDED, actor, decision)
        _log(actor, request, Action.UPDATE, {"status": Status.IN_PROGRESS, "doorgezet": True})
        return request


# --- The conversation: the department asks, the worker answers; the coordinator's other answers ---------


def _note(value: str | None, field: str, missing: str) -> str:
    text = _text(value)
    if not text:
        raise ValidationError({field: missing})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: _("Gebruik hoogstens 5000 tekens.")})
    return text


def ask_worker(
    *, actor: Actor, request_id: uuid.UUID, expected_version: int, question: str
) -> MandateRequest:
    """The department asks the worker a question about an open request. The request stays open (its
    term keeps running); the worker sees the question on her worklist until she answers."""
    request = _department_request(actor, request_id)
    with transaction.atomic():
        question = _note(question, "question", _("Schrijf uw vraag aan de medewerker op."))
        if request.status not in OPEN_STATUSES:
            raise ValidationError(
                {"status": _("Dit verzoek is al afgehandeld. U kunt geen vraag meer stellen.")}
            )
        if request.question_asked_at is not None:
            raise ValidationError(
                {"question": _("U wacht nog op het antwoord op uw vorige vraag. Stel één vraag tegelijk.")}
            )
        _save(request, expected_version, question_asked_at=timezone.now())
        _event(request, EventKind.ASKED, actor, question)
        _log(actor, request, Action.UPDATE, {"vraag_aan_medewerker": True})
        return request


def _worker_request(actor: Actor, request_id: uuid.UUID, message: str) -> MandateRequest:
    """A request the actor sent (or holds the household of), for the worker's side of the conversation."""
    _require_role(actor, WORKER_ROLES, Action.UPDATE, message, request_id)
    return access.scoped_get(
        MANDATE_REQUEST, actor=actor, pk=request_id, action=Action.UPDATE, part=Part.MANDATE_REQUEST
    )


def answer_department(
    *, actor: Actor, request_id: uuid.UUID, expected_version: int, answer: str
) -> MandateRequest:
    """The worker answers the department's question, in the request itself."""
    request = _worker_request(
        actor, request_id, "Alleen de medewerker beantwoordt een vraag van de afdeling."
    )
    with transaction.atomic():
        answer = _note(answer, "answer", _("Schrijf uw antwoord aan de afdeling op."))
        if request.question_asked_at is None:
            raise ValidationError({"answer": _("De afdeling heeft geen open vraag.")})
        _save(request, expected_version, question_asked_at=None)
        _event(request, EventKind.ANSWERED, actor, answer)
        _log(actor, request, Action.UPDATE, {"antwoord_aan_afdeling": True})
        return request


def _rejected_for_coordinator(actor: Actor, request_id: uuid.UUID, message: str) -> MandateRequest:
    _require_role(actor, (Role.COORDINATOR,), Action.UPDATE, message, request_id)
    request = access.scoped_get(
        MANDATE_REQUEST, actor=actor, pk=request_id, action=Action.UPDATE, part=Part.MANDATE_REQUEST
    )
    if request.status != Status.REJECTED:
        raise ValidationError({"status": _("Dit verzoek is niet afgewezen.")})
    if request.coordinator_outcome:
        raise ValidationError({"status": _("Over deze afwijzing is al besloten.")})
    return request


def _coordinator_answer(
    actor: Actor, request: MandateRequest, expected_version: int, outcome: str, kind: str, note: str
) -> MandateRequest:
    _save(
        request,
        expected_version,
        coordinator_outcome=outcome,
        decided_at=timezone.now(),
        decided_by=actor.user,
    )
    _event(request, kind, actor, note)
    _log(actor, request, Action.UPDATE, {"coordinator": outcome})
    return request


def confirm_rejection(
    *, actor: Actor, request_id: uuid.UUID, expected_version: int, note: str
) -> MandateRequest:
    """The coordinator agrees with the department: the rejection stands. The note tells the worker why."""
    request = _rejected_for_coordinator(actor, request_id, "Alleen de coördinator bevestigt een afwijzing.")
    with transaction.atomic():
        note = _note(note, "note", _("Schrijf op waarom de afwijzing terecht is. De medewerker leest dit."))
        return _coordinator_answer(
            actor, request, expected_version, CoordinatorOutcome.CONFIRMED, EventKind.CONFIRMED, note
        )


def send_back(*, actor: Actor, request_id: uuid.UUID, expected_version: int, note: str) -> MandateRequest:
    """The coordinator sends the rejected request back to the worker, to change it and send it again."""
    request = _rejected_for_coordinator(actor, request_id, "Alleen de coördinator stuurt een verzoek terug.")
    with transaction.atomic():
        note = _note(note, "note", _("Schrijf op wat de medewerker moet aanpassen."))
        return _coordinator_answer(
            actor, request, expected_version, CoordinatorOutcome.SENT_BACK, EventKind.SENT_BACK, note
        )


def resend_request(
    *, actor: Actor, request_id: uuid.UUID, expected_version: int, ask: str, reason: str
) -> MandateRequest:
    """The worker changes a request the coordinator sent back and sends it again: ontvangen, with a new
    term from today. The rejection and the coordinator's note stay in the history (events)."""
    request = _worker_request(actor, request_id, "Alleen de medewerker verstuurt een verzoek opnieuw.")
    with transaction.atomic():
        errors: dict[str, str] = {}
        if request.status != Status.REJECTED or request.coordinator_outcome != CoordinatorOutcome.SENT_BACK:
            errors["status"] = _("Alleen een verzoek dat de coördinator terugstuurde, verstuurt u opnieuw.")
        ask, reason = _text(ask), _text(reason)
        if not ask:
            errors["ask"] = _("Schrijf op wat de afdeling moet doen.")
        if not reason:
            errors["reason"] = _("Schrijf op waarom het nodig is.")
        for name, text in (("ask", ask), ("reason", reason)):
            if len(text) > MAX_TEXT:
                errors[name] = _("Gebruik hoogstens 5000 tekens.")
        if errors:
            raise ValidationError(errors)
        today = timezone.localdate()
        _save(
            request,
            expected_version,
            ask=ask,
            reason=reason,
            status=Status.RECEIVED,
            rejection_reason="",
            coordinator_outcome="",
            decided_at=None,
            decided_by=None,
            handled_on=None,
            handled_within_term=None,
            accepted_at=None,
            accepted_by=None,
            sent_on=today,
            due_on=deadline(Clock.MANDATE_REQUEST, today, working_days=request.term_working_days),
        )
        _event(request, EventKind.RESENT, actor, ask)
        _log(actor, request, Action.UPDATE, {"status": Status.RECEIVED, "opnieuw": True})
        return request

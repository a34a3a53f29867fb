"""Every write of the decisions app: applications (aanvragen), the lifelong-limitation flag, decisions and
their periodic contacts.

Scope checks run before the transaction, so a denied attempt's log row is kept even though the
operation fails. Business rules raise `ValidationError({field: message})` before anything is saved.
"""

import logging
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import VersionConflict
from stevig.core.versioning import save_if_unchanged
from stevig.decisions import selectors, signals
from stevig.decisions.models import (
    FITTING_YEARS,
    GRANTING,
    Application,
    ApplicationStatus,
    Decision,
    DecisionForm,
    DecisionRevision,
    Frequency,
    Law,
    LegalRemedy,
    LetterPdf,
    LetterPdfStatus,
    LifelongLimitation,
    PeriodicContact,
    ProductCategory,
    RemedyKind,
    RemedyStatus,
    Signatory,
    VolumeUnit,
)
from stevig.decisions.models import Outcome as DecisionOutcome
from stevig.decisions.selectors import APPLICATION, DECISION, LIMITATION, PERIODIC_CONTACT
from stevig.legalcalendar.calendar import extend_to_working_day
from stevig.legalcalendar.clocks import (
    RULES,
    Clock,
    deadline,
    objection_decision_due,
    objection_in_time,
    objection_term_end,
)
from stevig.people.models import Household, HouseholdMembership
from stevig.people.selectors import HOUSEHOLD
from stevig.trajectories.models import Phase, Trajectory

MAX_TEXT = 5000
# Periodic contacts are planned this many years ahead; recording one tops the list up again.
CONTACT_HORIZON_YEARS = 5
DEFAULT_CONTACT_MONTHS = 12
CONTACT_MONTHS_RANGE = (3, 60)

LAW_CLOCKS = {Law.WMO: Clock.WMO_BESCHIKKING, Law.JEUGDWET: Clock.JEUGDWET_BESCHIKKING}


def _text(value: str | None) -> str:
    return (value or "").strip()


def _check_length(errors: dict[str, str], field: str, value: str, limit: int = MAX_TEXT) -> None:
    if len(value) > limit and field not in errors:
        errors[field] = _("Gebruik hoogstens %(n)d tekens.") % {"n": limit}


def _log(
    actor: Actor,
    action: Action,
    part: Part,
    resident_id: uuid.UUID,
    object_type: str,
    object_id: uuid.UUID,
    detail: dict[str, Any] | None = None,
) -> None:
    log.allowed(
        actor, action, part, [resident_id], object_type=object_type, object_id=object_id, detail=detail or {}
    )


def _is_member(household: Household, resident_id: uuid.UUID | None) -> bool:
    return bool(
        resident_id
        and HouseholdMembership.objects.filter(
            household=household, resident_id=resident_id, end_date__isnull=True
        ).exists()
    )


def _trajectory(
    household: Household, trajectory_id: uuid.UUID | None, errors: dict[str, str]
) -> Trajectory | None:
    """The given trajectory (must be the household's), or else the household's open trajectory."""
    qs = Trajectory.objects.filter(household=household)
    if trajectory_id is not None:
        trajectory = qs.filter(id=trajectory_id).first()
        if trajectory is None:
            errors["trajectory"] = _("Dit traject hoort niet bij dit huishouden.")
        return trajectory
    return qs.exclude(phase=Phase.CLOSED).first()


def _category(actor: Actor, category_id: uuid.UUID | None, errors: dict[str, str]) -> ProductCategory | None:
    if not category_id:
        errors["category"] = _("Kies wat de inwoner krijgt.")
        return None
    category = ProductCategory.objects.filter(
        id=category_id, municipality_id=actor.municipality_id, active=True
    ).first()
    if category is None:
        errors["category"] = _("Kies een categorie uit de lijst.")
    return category


# --- Applications (aanvragen) ------------------------------------------------------------------------


def record_application(
    *,
    actor: Actor,
    household_id: uuid.UUID,
    resident_id: uuid.UUID | None,
    law: str,
    received_on: date | None,
    description: str,
    category_id: uuid.UUID | None = None,
    trajectory_id: uuid.UUID | None = None,
) -> Application:
    """Record an aanvraag. Its due date follows from the law: Wmo 2 weeks, Jeugdwet at most 8 weeks
    (Algemene termijnenwet applied by the legal calendar)."""
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.DECISIONS
    )
    with transaction.atomic():
        errors: dict[str, str] = {}
        description = _text(description)
        if not _is_member(household, resident_id):
            errors["resident"] = _("Kies iemand uit dit huishouden.")
        if law not in Law.values:
            errors["law"] = _("Kies de wet: Wmo of Jeugdwet.")
        if received_on is None:
            errors["received_on"] = _("Vul de datum van de aanvraag in.")
        elif received_on > timezone.localdate():
            errors["received_on"] = _("De datum ligt in de toekomst.")
        if not description:
            errors["description"] = _("Schrijf op wat de inwoner vraagt.")
        _check_length(errors, "description", description)
        category = None
        if category_id:
            category = _category(actor, category_id, errors)
            if category is not None and law in Law.values and category.law != law:
                errors["category"] = _("Deze categorie hoort bij de %(law)s.") % {
                    "law": category.get_law_display()
                }
        trajectory = _trajectory(household, trajectory_id, errors)
        if errors:
            raise ValidationError(errors)
        assert received_on is not None
        application = Application.objects.create(
            municipality_id=household.municipality_id,
            household=household,
            resident_id=resident_id,
            trajectory=trajectory,
            law=law,
            category=category,
            received_on=received_on,
            due_on=deadline(LAW_CLOCKS[Law(law)], received_on),  # see application_due
            description=description,
            recorded_by=actor.user,
        )
        _log(actor, Action.CREATE, Part.APPLICATION, application.resident_id, "application", application.id)
        return application


def _open_application_check(
    application: Application, reason: str, missing: str
) -> tuple[str, dict[str, str]]:
    """The checks every change of an open aanvraag shares: still open, and a written reason."""
    reason = _text(reason)
    errors: dict[str, str] = {}
    if application.status != ApplicationStatus.OPEN:
        errors["status"] = _("Over deze aanvraag is al besloten, of hij is al ingetrokken.")
    if not reason:
        errors["reason"] = missing
    _check_length(errors, "reason", reason)
    return reason, errors


def withdraw_application(
    *, actor: Actor, application_id: uuid.UUID, expected_version: int, reason: str
) -> Application:
    """The resident withdraws the aanvraag: it leaves the worklist, no decision follows."""
    application = access.scoped_get(
        APPLICATION, actor=actor, pk=application_id, action=Action.UPDATE, part=Part.APPLICATION
    )
    with transaction.atomic():
        reason, errors = _open_application_check(
            application, reason, _("Schrijf op waarom de aanvraag is ingetrokken.")
        )
        if errors:
            raise ValidationError(errors)
        save_if_unchanged(
            application,
            expected_version=expected_version,
            fields={
                "status": ApplicationStatus.WITHDRAWN,
                "withdrawn_reason": reason,
                "updated_at": timezone.now(),
            },
        )
        _log(
            actor,
            Action.UPDATE,
            Part.APPLICATION,
            application.resident_id,
            "application",
            application.id,
            {"status": ApplicationStatus.WITHDRAWN},
        )
        return application


# --- Lifelong or life-wide limitation -----------------------------------------------------------------


def flag_lifelong(
    *,
    actor: Actor,
    household_id: uuid.UUID,
    resident_id: uuid.UUID | None,
    description: str,
    since: date | None,
) -> LifelongLimitation:
    """Record that a resident has a lifelong or life-wide limitation (one active flag per resident)."""
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.DECISIONS
    )
    with transaction.atomic():
        errors: dict[str, str] = {}
        description = _text(description)
        if not _is_member(household, resident_id):
            errors["resident"] = _("Kies iemand uit dit huishouden.")
        elif LifelongLimitation.objects.filter(resident_id=resident_id, ended_at__isnull=True).exists():
            errors["resident"] = _("Bij deze persoon staat dit al vastgelegd.")
        if not description:
            errors["description"] = _("Beschrijf de beperking in een paar woorden.")
        _check_length(errors, "description", description)
        if since is None:
            errors["since"] = _("Vul de datum in.")
        elif since > timezone.localdate():
            errors["since"] = _("De datum ligt in de toekomst.")
        if errors:
            raise ValidationError(errors)
        assert resident_id is not None and since is not None
        flag = LifelongLimitation.objects.create(
            municipality_id=household.municipality_id,
            resident_id=resident_id,
            description=description,
            since=since,
            recorded_by=actor.user,
        )
        _log(actor, Action.CREATE, Part.LIFELONG_LIMITATION, resident_id, "lifelong_limitation", flag.id)
        return flag


def end_lifelong(*, actor: Actor, limitation_id: uuid.UUID, reason: str) -> LifelongLimitation:
    """End the flag (e.g. it was recorded by mistake). Decisions already made keep their duration."""
    flag = access.scoped_get(
        LIMITATION, actor=actor, pk=limitation_id, action=Action.UPDATE, part=Part.LIFELONG_LIMITATION
    )
    with transaction.atomic():
        reason = _text(reason)
        errors: dict[str, str] = {}
        if flag.ended_at is not None:
            errors["reason"] = _("Dit is al beëindigd.")
        elif not reason:
            errors["reason"] = _("Schrijf op waarom dit niet meer geldt.")
        _check_length(errors, "reason", reason)
        if errors:
            raise ValidationError(errors)
        updated = LifelongLimitation.objects.filter(id=flag.id, ended_at__isnull=True).update(
            ended_at=timezone.now(), ended_by=actor.user, end_reason=reason, updated_at=timezone.now()
        )
        if updated != 1:
            raise VersionConflict()
        flag.refresh_from_db()
        _log(
            actor,
            Action.UPDATE,
            Part.LIFELONG_LIMITATION,
            flag.resident_id,
            "lifelong_limitation",
            flag.id,
            {"beeindigd": True},
        )
        return flag


# --- Decisions ------------------------------------------------------------------------------------------


def _grant_fields(
    outcome: str,
    form: str,
    start_date: date | None,
    end_date: date | None,
    provider: str,
    volume: Decimal | None,
    unit: str,
    frequency: str,
    decided_on: date,
) -> tuple[str, date | None, date | None, str, Decimal | None, str, str]:
    """A refusal or 'buiten behandeling' grants nothing: no form, omvang, provider or period. The period is
    stored as the decision date (the table keeps start and end required for grants)."""
    if outcome in GRANTING or outcome not in DecisionOutcome.values:
        return form, start_date, end_date, provider, volume, unit, frequency
    return DecisionForm.IN_KIND, decided_on, decided_on, "", None, "", ""


def fitting_duration(*, lifelong: bool, start_date: date, end_date: date | None) -> bool:
    """A lifelong decision fits when it has no end or runs at least FITTING_YEARS years."""
    return lifelong and (end_date is None or end_date >= start_date + relativedelta(years=FITTING_YEARS))


def _validate_outcome(
    *,
    actor: Actor,
    outcome: str,
    legal_ground: str,
    volume: Decimal | None,
    unit: str,
    frequency: str,
    decided_on: date | None,
    sent_on: date | None,
    signatory_id: uuid.UUID | None,
    errors: dict[str, str],
) -> Signatory | None:
    """The outcome, its legal ground, the omvang of what is granted, the sending date and the signatory."""
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = _(
            "Kies het besluit: toekenning, gedeeltelijke toekenning, afwijzing of buiten behandeling."
        )
    if not legal_ground:
        errors["legal_ground"] = _("Vul de wettelijke grondslag in. Bijvoorbeeld: Wmo 2015 artikel 2.3.5.")
    _check_length(errors, "legal_ground", legal_ground, 200)
    if outcome in GRANTING:
        if volume is None or volume <= 0:
            errors["volume"] = _("Vul de omvang in: hoeveel krijgt de inwoner? Bijvoorbeeld 3.")
        if unit not in VolumeUnit.values:
            errors["unit"] = _("Kies de eenheid, bijvoorbeeld uur.")
        if frequency not in Frequency.values:
            errors["frequency"] = _("Kies hoe vaak, bijvoorbeeld per week.")
    if sent_on is not None and decided_on is not None and sent_on < decided_on:
        errors["sent_on"] = _("De brief kan niet verstuurd zijn vóór de datum van het besluit.")
    elif sent_on is not None and sent_on > timezone.localdate():
        errors["sent_on"] = _("De datum ligt in de toekomst.")
    signatory = None
    if signatory_id is not None:
        on = decided_on or timezone.localdate()
        signatory = (
            Signatory.objects.filter(
                id=signatory_id, municipality_id=actor.municipality_id, valid_from__lte=on
            )
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
            .first()
        )
        if signatory is None:
            errors["signatory"] = _(
                "Kies iemand die op de datum van het besluit mag tekenen namens het college."
            )
    return signatory


def _snapshot(decision: Decision) -> dict[str, Any]:
    """The decision as it was, in plain values, for `DecisionRevision`."""
    return {
        field: (str(value) if value is not None and not isinstance(value, (int, bool, str)) else value)
        for field, value in (
            ("besluit", decision.outcome),
            ("categorie", decision.category.name),
            ("vorm", decision.form),
            ("omvang", decision.volume),
            ("eenheid", decision.unit),
            ("frequentie", decision.frequency),
            ("ingangsdatum", decision.start_date),
            ("einddatum", decision.end_date),
            ("reden", decision.reason),
            ("grondslag", decision.legal_ground),
            ("aanbieder", decision.provider),
            ("datum besluit", decision.decided_on),
            ("verstuurd op", decision.sent_on),
        )
    }


def _keep_revision(actor: Actor, decision: Decision, reason: str) -> None:
    DecisionRevision.objects.create(
        municipality_id=decision.municipality_id,
        decision=decision,
        version=decision.version,
        snapshot=_snapshot(decision),
        reason=reason,
        by=actor.user,
    )


def _validate_decision(
    *,
    actor: Actor,
    category_id: uuid.UUID | None,
    form: str,
    pgb_motivation: str,
    start_date: date | None,
    end_date: date | None,
    reason: str,
    provider: str,
    decided_on: date | None,
    lifelong: bool,
    contact_interval_months: int | None,
    errors: dict[str, str],
) -> ProductCategory | None:
    category = _category(actor, category_id, errors)
    if form not in DecisionForm.values:
        errors["form"] = _("Kies de vorm: zorg in natura of pgb.")
    elif form == DecisionForm.PGB and not pgb_motivation:
        errors["pgb_motivation"] = _(
            "Schrijf op waarom de inwoner een pgb krijgt. Bij een pgb is dat verplicht."
        )
    _check_length(errors, "pgb_motivation", pgb_motivation)
    if start_date is None:
        errors["start_date"] = _("Vul de ingangsdatum in.")
    if end_date is not None and start_date is not None and end_date < start_date:
        errors["end_date"] = _("De einddatum ligt voor de ingangsdatum.")
    elif end_date is None and not lifelong:
        errors["end_date"] = _(
            "Vul een einddatum in. Alleen bij een levenslange of levensbrede beperking mag de einddatum "
            "leeg blijven. Leg die beperking eerst vast."
        )
    if not reason:
        errors["reason"] = _("Schrijf op waarom u dit besluit. Dat is verplicht.")
    _check_length(errors, "reason", reason)
    _check_length(errors, "provider", provider, 200)
    if decided_on is None:
        errors["decided_on"] = _("Vul de datum van het besluit in.")
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("De datum ligt in de toekomst.")
    low, high = CONTACT_MONTHS_RANGE
    if contact_interval_months is not None and not low <= contact_interval_months <= high:
        errors["contact_interval_months"] = _("Kies een aantal maanden van %(low)d tot en met %(high)d.") % {
            "low": low,
            "high": high,
        }
    return category


def _lifelong(resident_id: uuid.UUID | None) -> bool:
    return bool(resident_id and selectors.has_lifelong_flag(resident_id))


def plan_contacts(decision: Decision, *, today: date | None = None) -> list[PeriodicContact]:
    """Bring the open periodic contacts of a decision in line with its schedule, CONTACT_HORIZON_YEARS ahead.

    Contacts fall every `contact_interval_months` after the start date, after the decision date and after
    the last contact that took place, up to the end date (if any). Open rows that still fit the schedule are
    kept (their ids stay valid), open rows that no longer fit are removed, missing ones are added (returned).
    A decision without the lifelong flag has no periodic contacts. New contacts are planned from today,
    never in the past (a decision registered with an earlier start date does not start overdue); an open
    contact that was already planned and is now late stays on the worklist."""
    today = today or timezone.localdate()
    open_rows = PeriodicContact.objects.filter(decision=decision, done_on__isnull=True)
    already_planned = set(open_rows.values_list("due_on", flat=True))
    if not decision.lifelong or not decision.contact_interval_months or decision.outcome not in GRANTING:
        open_rows.delete()
        return []
    horizon = max(today, decision.start_date) + relativedelta(years=CONTACT_HORIZON_YEARS)
    last_done = (
        PeriodicContact.objects.filter(decision=decision, done_on__isnull=False)
        .order_by("-due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    wanted: list[date] = []
    step = 1
    while True:
        due = decision.start_date + relativedelta(months=decision.contact_interval_months * step)
        step += 1
        if due > horizon or (decision.end_date is not None and due > decision.end_date):
            break
        if (
            due > decision.decided_on
            and (due >= today or due in already_planned)
            and (last_done is None or due > last_done)
        ):
            wanted.append(due)
    open_rows.exclude(due_on__in=wanted).delete()
    existing = set(PeriodicContact.objects.filter(decision=decision).values_list("due_on", flat=True))
    rows = [
        PeriodicContact(municipality_id=decision.municipality_id, decision=decision, due_on=due)
        for due in wanted
        if due not in existing
    ]
    PeriodicContact.objects.bulk_create(rows)
    return rows


def _disclose_to_provider(actor: Actor, decision: Decision, category: ProductCategory) -> None:
    """The provider receives the resident's details and the decision: one entry in the register."""
    from stevig.datasharing.models import DataCategory, LegalBasis, RecipientKind
    from stevig.datasharing.services import record_disclosure

    record_disclosure(
        actor=actor,
        household=decision.household_id,
        recipient=decision.provider,
        purpose=_("De zorgaanbieder voert de beschikking uit: %(category)s.") % {"category": category.name},
        legal_basis=LegalBasis.WMO_CH5 if decision.law == Law.WMO else LegalBasis.JEUGDWET_CH7,
        categories=[DataCategory.PERSONAL, DataCategory.DECISION],
        residents=[decision.resident_id],
        recipient_kind=RecipientKind.PARTNER,
        disclosed_on=decision.decided_on,
        source_type="beschikking",
        source_id=decision.id,
    )


def create_decision(
    *,
    actor: Actor,
    household_id: uuid.UUID,
    resident_id: uuid.UUID | None,
    category_id: uuid.UUID | None,
    form: str,
    start_date: date | None,
    end_date: date | None,
    reason: str,
    pgb_motivation: str = "",
    provider: str = "",
    decided_on: date | None = None,
    application_id: uuid.UUID | None = None,
    trajectory_id: uuid.UUID | None = None,
    contact_interval_months: int | None = None,
    outcome: str = DecisionOutcome.GRANTED,
    legal_ground: str = "",
    volume: Decimal | None = None,
    unit: str | None = "",
    frequency: str | None = "",
    sent_on: date | None = None,
    signatory_id: uuid.UUID | None = None,
) -> Decision:
    """Decide. The reason and the legal ground are required; a grant needs its omvang (volume, unit,
    frequency); a pgb needs its motivation; the end date may stay empty only for a resident flagged with a
    lifelong limitation. A refusal or 'buiten behandeling' grants nothing: no omvang, no period, no
    provider. For a lifelong resident periodic contacts are planned ("contactmoment, geen herindicatie").
    A provider named here is written to the sharing register."""
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.DECISIONS
    )
    with transaction.atomic():
        errors: dict[str, str] = {}
        reason, pgb_motivation, provider = _text(reason), _text(pgb_motivation), _text(provider)
        legal_ground = _text(legal_ground)
        unit, frequency = unit or "", frequency or ""
        decided_on = decided_on or timezone.localdate()
        form, start_date, end_date, provider, volume, unit, frequency = _grant_fields(
            outcome, form, start_date, end_date, provider, volume, unit, frequency, decided_on
        )
        if form != DecisionForm.PGB:
            pgb_motivation = ""
        signatory = _validate_outcome(
            actor=actor,
            outcome=outcome,
            legal_ground=legal_ground,
            volume=volume,
            unit=unit,
            frequency=frequency,
            decided_on=decided_on,
            sent_on=sent_on,
            signatory_id=signatory_id,
            errors=errors,
        )
        if not _is_member(household, resident_id):
            errors["resident"] = _("Kies iemand uit dit huishouden.")
        lifelong = _lifelong(resident_id)
        if lifelong and contact_interval_months is None:
            contact_interval_months = DEFAULT_CONTACT_MONTHS
        category = _validate_decision(
            actor=actor,
            category_id=category_id,
            form=form,
            pgb_motivation=pgb_motivation,
            start_date=start_date,
            end_date=end_date,
            reason=reason,
            provider=provider,
            decided_on=decided_on,
            lifelong=lifelong,
            contact_interval_months=contact_interval_months,
            errors=errors,
        )
        application = None
        if application_id is not None:
            application = (
                Application.objects.select_for_update().filter(id=application_id, household=household).first()
            )
            if application is None:
                errors["application"] = _("Deze aanvraag hoort niet bij dit huishouden.")
            elif application.status != ApplicationStatus.OPEN:
                errors["application"] = _("Over deze aanvraag is al besloten, of hij is ingetrokken.")
            elif application.resident_id != resident_id and "resident" not in errors:
                errors["resident"] = _("De aanvraag is voor iemand anders.")
            elif category is not None and category.law != application.law:
                errors["category"] = _(
                    "Deze categorie hoort bij de %(law)s, de aanvraag bij de %(other)s."
                ) % {
                    "law": category.get_law_display(),
                    "other": application.get_law_display(),
                }
        trajectory = _trajectory(
            household, trajectory_id or (application.trajectory_id if application else None), errors
        )
        if errors:
            raise ValidationError(errors)
        assert category is not None and start_date is not None
        decision = Decision.objects.create(
            municipality_id=household.municipality_id,
            household=household,
            resident_id=resident_id,
            trajectory=trajectory,
            application=application,
            category=category,
            law=category.law,
            form=form,
            pgb_motivation=pgb_motivation,
            start_date=start_date,
            end_date=end_date,
            reason=reason,
            provider=provider,
            decided_on=decided_on,
            decided_by=actor.user,
            lifelong=lifelong,
            fitting_duration=fitting_duration(lifelong=lifelong, start_date=start_date, end_date=end_date),
            contact_interval_months=contact_interval_months if lifelong else None,
            outcome=outcome,
            legal_ground=legal_ground,
            volume=volume,
            unit=unit,
            frequency=frequency,
            sent_on=sent_on,
            signatory=signatory,
        )
        if application is not None:
            save_if_unchanged(
                application,
                expected_version=application.version,
                fields={"status": ApplicationStatus.DECIDED, "updated_at": timezone.now()},
            )
        plan_contacts(decision)
        _log(
            actor,
            Action.CREATE,
            Part.DECISION,
            decision.resident_id,
            "decision",
            decision.id,
            {"levenslang": lifelong, "vorm": form, "besluit": outcome},
        )
        if provider:
            _disclose_to_provider(actor, decision, category)
        signals.decision_registered.send(sender=Decision, decision=decision, actor=actor)
        return decision


def update_decision(
    *,
    actor: Actor,
    decision_id: uuid.UUID,
    expected_version: int,
    category_id: uuid.UUID | None,
    form: str,
    start_date: date | None,
    end_date: date | None,
    reason: str,
    pgb_motivation: str = "",
    provider: str = "",
    decided_on: date | None = None,
    contact_interval_months: int | None = None,
    outcome: str | None = None,
    legal_ground: str | None = None,
    volume: Decimal | None = None,
    unit: str | None = None,
    frequency: str | None = None,
    sent_on: date | None = None,
    signatory_id: uuid.UUID | None = None,
) -> Decision:
    """Correct a decision (409 when someone saved it since `expected_version`). The earlier version stays
    readable (`DecisionRevision`). Open periodic contacts are planned again; a new provider gets its own
    register entry. Fields left as None keep their value."""
    decision = access.scoped_get(
        DECISION, actor=actor, pk=decision_id, action=Action.UPDATE, part=Part.DECISION
    )
    with transaction.atomic():
        errors: dict[str, str] = {}
        if decision.withdrawn_on is not None:
            raise ValidationError(
                {"status": _("Deze beschikking is ingetrokken. U kunt haar niet meer wijzigen.")}
            )
        reason, pgb_motivation, provider = _text(reason), _text(pgb_motivation), _text(provider)
        outcome = decision.outcome if outcome is None else outcome
        legal_ground = _text(decision.legal_ground if legal_ground is None else legal_ground)
        if volume is None and unit is None and frequency is None:
            volume, unit, frequency = decision.volume, decision.unit, decision.frequency
        unit, frequency = unit or "", frequency or ""
        sent_on = sent_on or decision.sent_on
        signatory_id = signatory_id or decision.signatory_id
        decided_on = decided_on or decision.decided_on
        form, start_date, end_date, provider, volume, unit, frequency = _grant_fields(
            outcome, form, start_date, end_date, provider, volume, unit, frequency, decided_on
        )
        if form != DecisionForm.PGB:
            pgb_motivation = ""
        signatory = _validate_outcome(
            actor=actor,
            outcome=outcome,
            legal_ground=legal_ground,
            volume=volume,
            unit=unit,
            frequency=frequency,
            decided_on=decided_on,
            sent_on=sent_on,
            signatory_id=signatory_id,
            errors=errors,
        )
        # The flag counts as it is now: flagged since, an open end becomes possible.
        lifelong = decision.lifelong or _lifelong(decision.resident_id)
        if lifelong and contact_interval_months is None:
            contact_interval_months = decision.contact_interval_months or DEFAULT_CONTACT_MONTHS
        category = _validate_decision(
            actor=actor,
            category_id=category_id,
            form=form,
            pgb_motivation=pgb_motivation,
            start_date=start_date,
            end_date=end_date,
            reason=reason,
            provider=provider,
            decided_on=decided_on,
            lifelong=lifelong,
            contact_interval_months=contact_interval_months,
            errors=errors,
        )
        if category is not None and decision.application_id and category.law != decision.law:
            errors["category"] = _("Deze categorie hoort bij de %(law)s, de aanvraag bij de %(other)s.") % {
                "law": category.get_law_display(),
                "other": decision.get_law_display(),
            }
        if errors:
            raise ValidationError(errors)
        assert category is not None and start_date is not None
        old_provider = decision.provider
        if decision.version != expected_version:
            raise VersionConflict()
        _keep_revision(actor, decision, "correctie")
        save_if_unchanged(
            decision,
            expected_version=expected_version,
            fields={
                "category": category,
                "law": category.law,
                "form": form,
                "pgb_motivation": pgb_motivation,
                "start_date": start_date,
                "end_date": end_date,
                "reason": reason,
                "provider": provider,
                "decided_on": decided_on,
                "lifelong": lifelong,
                "fitting_duration": fitting_duration(
                    lifelong=lifelong, start_date=start_date, end_date=end_date
                ),
                "contact_interval_months": contact_interval_months if lifelong else None,
                "outcome": outcome,
                "legal_ground": legal_ground,
                "volume": volume,
                "unit": unit,
                "frequency": frequency,
                "sent_on": sent_on,
                "signatory": signatory,
                "updated_at": timezone.now(),
            },
        )
        plan_contacts(decision)
        _log(actor, Action.UPDATE, Part.DECISION, decision.resident_id, "decision", decision.id)
        if provider and provider != old_provider:
            _disclose_to_provider(actor, decision, category)
        return decision


def continue_decision(
    *,
    actor: Actor,
    decision_id: uuid.UUID,
    reason: str,
    end_date: date | None = None,
) -> Decision:
    """'Voortzetten zonder herindicatie' (kader principle 10; Wmo 2015 art. 2.3.5 lid 3: a decision fitting
    the resident's lasting need): a lifelong decision that ends is continued in one step, by a new decision
    with the same content, starting the day after the old one ends, with a reason and without a new
    onderzoek or aanvraag. The new decision may run without an end date."""
    old = access.scoped_get(DECISION, actor=actor, pk=decision_id, action=Action.CREATE, part=Part.DECISION)
    with transaction.atomic():
        reason = _text(reason)
        errors: dict[str, str] = {}
        if not old.lifelong:
            errors["decision"] = _(
                "Voortzetten zonder herindicatie kan alleen bij een levenslange of levensbrede beperking."
            )
        elif old.end_date is None:
            errors["decision"] = _("Deze beschikking heeft geen einddatum. Voortzetten is niet nodig.")
        elif Decision.objects.filter(
            resident_id=old.resident_id, category_id=old.category_id, start_date__gt=old.start_date
        ).exists():
            errors["decision"] = _("Deze beschikking is al voortgezet.")
        if not reason:
            errors["reason"] = _("Schrijf op waarom de hulp doorloopt. Een nieuw onderzoek is niet nodig.")
        _check_length(errors, "reason", reason)
        start = old.end_date + relativedelta(days=1) if old.end_date else None
        if end_date is not None and start is not None and end_date < start:
            errors["end_date"] = _("De einddatum ligt voor de nieuwe ingangsdatum.")
        if errors:
            raise ValidationError(errors)
        assert start is not None
        decision = Decision.objects.create(
            municipality_id=old.municipality_id,
            household_id=old.household_id,
            resident_id=old.resident_id,
            trajectory_id=old.trajectory_id,
            category_id=old.category_id,
            law=old.law,
            form=old.form,
            pgb_motivation=old.pgb_motivation,
            start_date=start,
            end_date=end_date,
            reason=reason,
            provider=old.provider,
            decided_on=timezone.localdate(),
            decided_by=actor.user,
            lifelong=True,
            fitting_duration=fitting_duration(lifelong=True, start_date=start, end_date=end_date),
            contact_interval_months=old.contact_interval_months or DEFAULT_CONTACT_MONTHS,
        )
        plan_contacts(decision)
        _log(
            actor,
            Action.CREATE,
            Part.DECISION,
            decision.resident_id,
            "decision",
            decision.id,
            {"voortzetting_van": str(old.id), "levenslang": True},
        )
        return decision


def record_contact(
    *, actor: Actor, contact_id: uuid.UUID, done_on: date | None, note: str = ""
) -> PeriodicContact:
    """The periodic contact took place (not a re-assessment). The next ones stay planned."""
    contact = access.scoped_get(
        PERIODIC_CONTACT, actor=actor, pk=contact_id, action=Action.UPDATE, part=Part.PERIODIC_CONTACT
    )
    with transaction.atomic():
        errors: dict[str, str] = {}
        note = _text(note)
        if contact.done_on is not None:
            errors["done_on"] = _("Dit contactmoment is al vastgelegd.")
        elif done_on is None:
            errors["done_on"] = _("Vul de datum van het contact in.")
        elif done_on > timezone.localdate():
            errors["done_on"] = _("De datum ligt in de toekomst.")
        _check_length(errors, "note", note)
        if errors:
            raise ValidationError(errors)
        updated = PeriodicContact.objects.filter(id=contact.id, done_on__isnull=True).update(
            done_on=done_on, done_by=actor.user, note=note, updated_at=timezone.now()
        )
        if updated != 1:
            raise VersionConflict()
        contact.refresh_from_db()
        plan_contacts(contact.decision)
        _log(
            actor,
            Action.UPDATE,
            Part.PERIODIC_CONTACT,
            contact.decision.resident_id,
            "periodic_contact",
            contact.id,
        )
        return contact


# --- The letter as PDF, made in the background -----------------------------------------------------------

logger = logging.getLogger(__name__)


def request_letter_pdf(*, actor: Actor, decision_id: uuid.UUID) -> LetterPdf:
    """The PDF of the decision letter for the decision as it is now.

    Rendering a PDF takes long enough to hold up a web worker, so the background worker makes it
    (`tasks.render_letter_pdf`): the first request queues it and gets the row with status "queued"; once
    the worker is done the same request returns the stored PDF. A rendering that failed is queued again.
    Every request is logged as a read of the letter (vorm pdf), denied attempts too (by the selector)."""
    from stevig.decisions.tasks import render_letter_pdf

    letter = selectors.letter_for(actor=actor, decision_id=decision_id, fmt="pdf")
    decision = letter.decision
    with transaction.atomic():
        pdf, created = LetterPdf.objects.get_or_create(
            decision=decision,
            decision_version=decision.version,
            defaults={"municipality_id": decision.municipality_id, "filename": letter.filename},
        )
        retry = (
            not created
            and LetterPdf.objects.filter(id=pdf.id, status=LetterPdfStatus.FAILED).update(
                status=LetterPdfStatus.QUEUED, updated_at=timezone.now()
            )
            == 1
        )
        if created or retry:
            render_letter_pdf.enqueue(str(pdf.id))
            pdf.refresh_from_db(fields=["status", "content", "rendered_at"])
        return pdf


def store_letter_pdf(*, letter_pdf_id: uuid.UUID) -> None:
    """Background job: render the queued letter and store it. Safe to run twice: a row that is no longer
    queued is left alone. A decision edited after the request gets a new row, so this one is dropped."""
    from django.utils import translation

    from stevig.decisions.letter import build_letter, render_pdf

    with transaction.atomic():
        pdf = (
            LetterPdf.objects.select_for_update()
            .filter(id=letter_pdf_id, status=LetterPdfStatus.QUEUED)
            .select_related("decision")
            .first()
        )
        if pdf is None:
            return
        if pdf.decision.version != pdf.decision_version:
            pdf.delete()
            return
        try:
            with translation.override("nl"):
                content = render_pdf(build_letter(pdf.decision))
        except Exception:
            logger.exception("Decision letter PDF %s could not be rendered", pdf.id)
            pdf.status = LetterPdfStatus.FAILED
            pdf.save(update_fields=["status", "updated_at"])
            return
        pdf.content = content
        pdf.status = LetterPdfStatus.READY
        pdf.rendered_at = timezone.now()
        pdf.save(update_fields=["content", "status", "rendered_at", "updated_at"])


# --- Bekendmaking, withdrawal, verdaging and opschorting ---------------------------------------------------


def record_sending(
    *, actor: Actor, decision_id: uuid.UUID, expected_version: int, sent_on: date | None
) -> Decision:
    """The letter was sent (bekendmaking, Awb 3:41). From the day after, the objection term runs (Awb 6:8)."""
    decision = access.scoped_get(
        DECISION, actor=actor, pk=decision_id, action=Action.UPDATE, part=Part.DECISION
    )
    with transaction.atomic():
        if sent_on is None:
            raise ValidationError({"sent_on": _("Vul de datum in waarop de brief is verstuurd.")})
        if sent_on < decision.decided_on:
            raise ValidationError(
                {"sent_on": _("De brief kan niet verstuurd zijn vóór de datum van het besluit.")}
            )
        if sent_on > timezone.localdate():
            raise ValidationError({"sent_on": _("De datum ligt in de toekomst.")})
        save_if_unchanged(
            decision,
            expected_version=expected_version,
            fields={"sent_on": sent_on, "updated_at": timezone.now()},
        )
        _log(
            actor,
            Action.UPDATE,
            Part.DECISION,
            decision.resident_id,
            "decision",
            decision.id,
            {"verstuurd": True},
        )
        return decision


def withdraw_decision(
    *, actor: Actor, decision_id: uuid.UUID, expected_version: int, reason: str
) -> Decision:
    """Withdraw (intrekken) a decision. It stays readable, with its earlier version and the reason."""
    decision = access.scoped_get(
        DECISION, actor=actor, pk=decision_id, action=Action.UPDATE, part=Part.DECISION
    )
    with transaction.atomic():
        reason = _text(reason)
        errors: dict[str, str] = {}
        if decision.withdrawn_on is not None:
            errors["status"] = _("Deze beschikking is al ingetrokken.")
        if not reason:
            errors["reason"] = _("Schrijf op waarom de beschikking wordt ingetrokken.")
        _check_length(errors, "reason", reason)
        if errors:
            raise ValidationError(errors)
        if decision.version != expected_version:
            raise VersionConflict()
        _keep_revision(actor, decision, "intrekking")
        save_if_unchanged(
            decision,
            expected_version=expected_version,
            fields={
                "withdrawn_on": timezone.localdate(),
                "withdrawn_reason": reason,
                "updated_at": timezone.now(),
            },
        )
        PeriodicContact.objects.filter(decision=decision, done_on__isnull=True).delete()
        _log(
            actor,
            Action.UPDATE,
            Part.DECISION,
            decision.resident_id,
            "decision",
            decision.id,
            {"ingetrokken": True},
        )
        return decision


def application_due(application: Application) -> date:
    """The decision term of an aanvraag: the law's clock from the aanvraag, moved by opschorting (Awb 4:15);
    after verdaging (Awb 4:14 lid 3) the date the college named."""
    if application.postponed_until is not None:
        return application.postponed_until
    return deadline(
        LAW_CLOCKS[Law(application.law)], application.received_on, suspended_days=application.suspended_days
    )


def suspend_application(
    *, actor: Actor, application_id: uuid.UUID, expected_version: int, days: int | None, reason: str
) -> Application:
    """Awb 4:15 lid 1 onder a: the term stands still while the applicant completes the aanvraag. Record how
    many days and why; the due date moves with it."""
    application = access.scoped_get(
        APPLICATION, actor=actor, pk=application_id, action=Action.UPDATE, part=Part.APPLICATION
    )
    with transaction.atomic():
        reason, errors = _open_application_check(
            application,
            reason,
            _("Schrijf op waarom de termijn stilstaat. Bijvoorbeeld: wacht op het rapport van de arts."),
        )
        if days is None or not 1 <= days <= 365:
            errors["days"] = _("Vul het aantal dagen in dat de termijn stilstond (1 tot en met 365).")
        if errors:
            raise ValidationError(errors)
        assert days is not None
        application.suspended_days += days
        note = f"{application.suspension_reason}\n{reason}".strip()
        save_if_unchanged(
            application,
            expected_version=expected_version,
            fields={
                "suspended_days": application.suspended_days,
                "suspension_reason": note,
                "due_on": application_due(application),
                "updated_at": timezone.now(),
            },
        )
        _log(
            actor,
            Action.UPDATE,
            Part.APPLICATION,
            application.resident_id,
            "application",
            application.id,
            {"opgeschort": days},
        )
        return application


def postpone_application(
    *, actor: Actor, application_id: uuid.UUID, expected_version: int, until: date | None, reason: str
) -> Application:
    """Awb 4:14 lid 3: the college cannot decide in time and names a new, reasonable date, with the reason."""
    application = access.scoped_get(
        APPLICATION, actor=actor, pk=application_id, action=Action.UPDATE, part=Part.APPLICATION
    )
    with transaction.atomic():
        reason, errors = _open_application_check(
            application,
            reason,
            _("Schrijf op waarom u niet op tijd kunt besluiten. Dat staat in de brief aan de inwoner."),
        )
        if until is None or until <= application.due_on:
            errors["until"] = _("Kies een nieuwe datum na de huidige uiterste datum.")
        if errors:
            raise ValidationError(errors)
        save_if_unchanged(
            application,
            expected_version=expected_version,
            fields={
                "postponed_until": until,
                "postpone_reason": reason,
                "due_on": until,
                "updated_at": timezone.now(),
            },
        )
        _log(
            actor,
            Action.UPDATE,
            Part.APPLICATION,
            application.resident_id,
            "application",
            application.id,
            {"verdaagd": True},
        )
        return application


# --- Bezwaar, klacht, beroep ---------------------------------------------------------------------------------


def remedy_due(remedy: LegalRemedy, decision: Decision) -> date | None:
    """The due date of a remedy: Awb 7:10 for bezwaar (from the end of the objection term of the decision's
    sending date; +6 weeks when postponed), Awb 9:11 / 9:15 for klacht (from receipt, +4 weeks when postponed,
    art. 9:11 lid 2). Beroep runs at the court: no municipal term."""
    if remedy.kind == RemedyKind.OBJECTION:
        start = decision.sent_on or remedy.received_on
        if not remedy.in_time:
            # Late but excusable (Awb 6:11): the objection term is long over, so the same number of weeks
            # counts from receipt.
            weeks = (
                RULES[
                    Clock.BEZWAAR_BESLISSEN_ADVIESCOMMISSIE
                    if remedy.advisory_committee
                    else Clock.BEZWAAR_BESLISSEN
                ].amount
                or 6
            )
            due = extend_to_working_day(remedy.received_on + relativedelta(weeks=weeks))
            return deadline(Clock.BEZWAAR_VERDAGING, due) if remedy.postponed else due
        return objection_decision_due(
            start, advisory_committee=remedy.advisory_committee, postponed=remedy.postponed
        )
    if remedy.kind == RemedyKind.COMPLAINT:
        clock = (
            Clock.KLACHT_AFHANDELEN_ADVIESCOMMISSIE if remedy.advisory_committee else Clock.KLACHT_AFHANDELEN
        )
        due = deadline(clock, remedy.received_on)
        return (
            extend_to_working_day(due + relativedelta(weeks=COMPLAINT_POSTPONE_WEEKS))
            if remedy.postponed
            else due
        )
    return None


# Awb 9:11 lid 2: handling a complaint can be postponed by at most four weeks.
COMPLAINT_POSTPONE_WEEKS = 4


def register_remedy(
    *,
    actor: Actor,
    decision_id: uuid.UUID,
    kind: str,
    received_on: date | None,
    summary: str,
    posted_on: date | None = None,
    excusable_reason: str = "",
    advisory_committee: bool = False,
) -> LegalRemedy:
    """Register a bezwaar, klacht or beroep against a decision. A bezwaar received after the term (Awb 6:9)
    needs the reason why the lateness is excusable (Awb 6:11); otherwise it is refused here."""
    decision = access.scoped_get(
        DECISION, actor=actor, pk=decision_id, action=Action.CREATE, part=Part.DECISION
    )
    with transaction.atomic():
        summary, excusable_reason = _text(summary), _text(excusable_reason)
        errors: dict[str, str] = {}
        if kind not in RemedyKind.values:
            errors["kind"] = _("Kies bezwaar, klacht of beroep.")
        if received_on is None:
            errors["received_on"] = _("Vul de datum van ontvangst in.")
        elif received_on > timezone.localdate():
            errors["received_on"] = _("De datum ligt in de toekomst.")
        if posted_on is not None and received_on is not None and posted_on > received_on:
            errors["posted_on"] = _("De post kan niet na de ontvangst verstuurd zijn.")
        if not summary:
            errors["summary"] = _("Schrijf kort op waar het over gaat.")
        _check_length(errors, "summary", summary)
        in_time = True
        if kind == RemedyKind.OBJECTION and received_on is not None and "posted_on" not in errors:
            if decision.sent_on is None:
                errors["kind"] = _(
                    "Vul eerst in wanneer de beschikking is verstuurd. Daarna telt de bezwaartermijn."
                )
            else:
                in_time = objection_in_time(
                    sent_on=decision.sent_on, received_on=received_on, posted_on=posted_on
                )
                if not in_time and not excusable_reason:
                    errors["excusable_reason"] = _(
                        "Het bezwaar kwam na de termijn binnen (uiterlijk %(end)s). Schrijf op waarom dat "
                        "verschoonbaar is, of registreer het niet."
                    ) % {"end": date_format(objection_term_end(decision.sent_on), "j F Y")}
        if errors:
            raise ValidationError(errors)
        assert received_on is not None
        remedy = LegalRemedy(
            municipality_id=decision.municipality_id,
            decision=decision,
            household_id=decision.household_id,
            kind=kind,
            received_on=received_on,
            posted_on=posted_on,
            in_time=in_time,
            excusable_reason=excusable_reason if not in_time else "",
            advisory_committee=bool(advisory_committee) and kind != RemedyKind.APPEAL,
            summary=summary,
            recorded_by=actor.user,
        )
        remedy.due_on = remedy_due(remedy, decision)
        remedy.save()
        _log(
            actor, Action.CREATE, Part(kind), decision.resident_id, "remedy", remedy.id, {"op_tijd": in_time}
        )
        return remedy


def _remedy_in_scope(actor: Actor, remedy_id: uuid.UUID) -> LegalRemedy:
    remedy = LegalRemedy.objects.filter(id=remedy_id, municipality_id=actor.municipality_id).first()
    decision_id = remedy.decision_id if remedy else remedy_id
    # Out of scope, or no such remedy (then no decision has this id either): denied and logged.
    access.scoped_get(DECISION, actor=actor, pk=decision_id, action=Action.UPDATE, part=Part.DECISION)
    assert remedy is not None
    return remedy


def postpone_remedy(*, actor: Actor, remedy_id: uuid.UUID, expected_version: int, reason: str) -> LegalRemedy:
    """Verdaging: bezwaar +6 weeks (Awb 7:10 lid 3), klacht +4 weeks (Awb 9:11 lid 2); once, with the reason."""
    remedy = _remedy_in_scope(actor, remedy_id)
    with transaction.atomic():
        reason = _text(reason)
        errors: dict[str, str] = {}
        if remedy.kind == RemedyKind.APPEAL:
            errors["kind"] = _("Een beroep loopt bij de rechter. De gemeente verdaagt dat niet.")
        elif remedy.postponed:
            errors["reason"] = _("Dit is al een keer verdaagd. Dat mag maar één keer.")
        elif remedy.status != RemedyStatus.OPEN:
            errors["reason"] = _("Hierover is al beslist.")
        if not reason and "reason" not in errors:
            errors["reason"] = _(
                "Schrijf op waarom u de beslissing uitstelt. Dat staat in de brief aan de inwoner."
            )
        if errors:
            raise ValidationError(errors)
        remedy.postponed = True
        fields = {
            "postponed": True,
            "postpone_reason": reason,
            "due_on": remedy_due(remedy, remedy.decision),
            "updated_at": timezone.now(),
        }
        save_if_unchanged(remedy, expected_version=expected_version, fields=fields)
        _log(
            actor,
            Action.UPDATE,
            Part(remedy.kind),
            remedy.decision.resident_id,
            "remedy",
            remedy.id,
            {"verdaagd": True},
        )
        return remedy


def decide_remedy(
    *, actor: Actor, remedy_id: uuid.UUID, expected_version: int, decided_on: date | None, result: str
) -> LegalRemedy:
    """The decision on the bezwaar (beslissing op bezwaar), the answer to the klacht, or the court's ruling."""
    remedy = _remedy_in_scope(actor, remedy_id)
    with transaction.atomic():
        result = _text(result)
        errors: dict[str, str] = {}
        if remedy.status != RemedyStatus.OPEN:
            errors["result"] = _("Hierover is al beslist.")
        if decided_on is None:
            errors["decided_on"] = _("Vul de datum van de beslissing in.")
        elif decided_on < remedy.received_on:
            errors["decided_on"] = _("De beslissing kan niet vóór de ontvangst liggen.")
        elif decided_on > timezone.localdate():
            errors["decided_on"] = _("De datum ligt in de toekomst.")
        if not result and "result" not in errors:
            errors["result"] = _(
                "Schrijf de uitkomst op: gegrond, ongegrond of niet-ontvankelijk, en waarom."
            )
        _check_length(errors, "result", result)
        if errors:
            raise ValidationError(errors)
        fields = {
            "status": RemedyStatus.DECIDED,
            "decided_on": decided_on,
            "result": result,
            "updated_at": timezone.now(),
        }
        save_if_unchanged(remedy, expected_version=expected_version, fields=fields)
        _log(
            actor,
            Action.UPDATE,
            Part(remedy.kind),
            remedy.decision.resident_id,
            "remedy",
            remedy.id,
            {"beslist": True},
        )
        return remedy

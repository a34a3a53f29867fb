"""Writes for 16-27: the toekomstplan over the big 5 and its agreement with the young person."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core.context import Actor
from stevig.core.errors import VersionConflict
from stevig.core.versioning import save_if_unchanged
from stevig.people.models import HouseholdMembership
from stevig.transitions.models import FuturePlan, FuturePlanDomain, PerspectivePlan
from stevig.transitions.rules import Big5, DomainStatus, age_on, in_16_27
from stevig.transitions.selectors import resident_in_scope

MAX_TEXT = 5000


def _log(actor: Actor, action: Action, plan: FuturePlan, detail: dict | None = None) -> None:  # type: ignore[type-arg]
    log.allowed(
        actor,
        action,
        Part.FUTURE_PLAN,
        [plan.resident_id],
        object_type="future_plan",
        object_id=plan.id,
        detail=detail or {},
    )


def save_plan(
    *,
    actor: Actor,
    resident_id: uuid.UUID,
    domains: dict[str, tuple[str, str]],
    expected_version: int | None = None,
) -> FuturePlan:
    """Create or change the toekomstplan: every big-5 domain with a status and a next step. Only for a
    young person aged 16 up to 27 (kader principle 9). A change asks for a new agreement."""
    resident = resident_in_scope(actor=actor, resident_id=resident_id, action=Action.UPDATE)
    with transaction.atomic():
        today = timezone.localdate()
        errors: dict[str, str] = {}
        if not in_16_27(resident.date_of_birth, today):
            errors["resident"] = _(
                "Een toekomstplan is voor jongeren van 16 tot 27 jaar. %(name)s is %(age)d jaar."
            ) % {"name": resident.full_name, "age": age_on(resident.date_of_birth, today)}
        for domain in Big5.values:
            status, next_step = domains.get(domain, ("", ""))
            if status not in DomainStatus.values:
                errors[f"{domain}_status"] = _("Kies hoe het ervoor staat.")
            if not (next_step or "").strip():
                errors[f"{domain}_next_step"] = _("Schrijf de volgende stap op.")
            elif len(next_step) > MAX_TEXT:
                errors[f"{domain}_next_step"] = _("Gebruik hoogstens %(n)d tekens.") % {"n": MAX_TEXT}
        if errors:
            raise ValidationError(errors)
        plan = FuturePlan.objects.filter(resident=resident).first()
        if plan is None:
            household_id = (
                HouseholdMembership.objects.filter(resident=resident, end_date__isnull=True)
                .values_list("household_id", flat=True)
                .first()
            )
            plan = FuturePlan.objects.create(
                municipality_id=resident.municipality_id,
                resident=resident,
                household_id=household_id,
                created_by=actor.user,
            )
            action = Action.CREATE
        else:
            if expected_version is None or expected_version != plan.version:
                raise VersionConflict()
            save_if_unchanged(
                plan,
                expected_version=expected_version,
                fields={"agreed_on": None, "updated_at": timezone.now()},
            )
            action = Action.UPDATE
        for domain in Big5.values:
            status, next_step = domains[domain]
            FuturePlanDomain.objects.update_or_create(
                plan=plan,
                domain=domain,
                defaults={
                    "municipality_id": plan.municipality_id,
                    "status": status,
                    "next_step": next_step.strip(),
                },
            )
        _log(actor, action, plan)
        return plan


def agree_plan(
    *, actor: Actor, resident_id: uuid.UUID, expected_version: int, agreed_on: date | None
) -> FuturePlan:
    """The young person agreed to the plan (on this date)."""
    resident = resident_in_scope(actor=actor, resident_id=resident_id, action=Action.UPDATE)
    with transaction.atomic():
        plan = FuturePlan.objects.filter(resident=resident).first()
        errors: dict[str, str] = {}
        if plan is None:
            errors["plan"] = _("Maak eerst het toekomstplan.")
        if agreed_on is None:
            errors["agreed_on"] = _("Vul de datum in.")
        elif agreed_on > timezone.localdate():
            errors["agreed_on"] = _("Deze datum ligt in de toekomst.")
        if errors:
            raise ValidationError(errors)
        assert plan is not None
        save_if_unchanged(
            plan,
            expected_version=expected_version,
            fields={"agreed_on": agreed_on, "updated_at": timezone.now()},
        )
        _log(actor, Action.UPDATE, plan, {"afgesproken": str(agreed_on)})
        return plan


def save_perspective_plan(
    *,
    actor: Actor,
    resident_id: uuid.UUID,
    goals: dict[str, tuple[str, str]],
    review_years: int,
    expected_version: int | None = None,
) -> PerspectivePlan:
    """Create or update the perspectiefplan of a resident with a lifelong or life-wide limitation
    (kader principle 10). At least one goal; the next look together is `review_years` from today."""
    from dateutil.relativedelta import relativedelta

    from stevig.decisions.selectors import has_lifelong_flag
    from stevig.transitions.models import LifePhase, PerspectiveGoal

    resident = resident_in_scope(actor=actor, resident_id=resident_id, action=Action.UPDATE)
    with transaction.atomic():
        today = timezone.localdate()
        errors: dict[str, str] = {}
        if not has_lifelong_flag(resident.id):
            errors["resident"] = _(
                "Een perspectiefplan is voor iemand met een levenslange of levensbrede beperking. Leg die eerst vast."
            )
        if not 1 <= review_years <= 5:
            errors["review_years"] = _("Kies 1 tot en met 5 jaar.")
        filled = {
            p: (g.strip(), s.strip()) for p, (g, s) in goals.items() if p in LifePhase.values and g.strip()
        }
        if not filled:
            errors[f"{LifePhase.NOW}_goal"] = _("Schrijf ten minste één doel op.")
        if errors:
            raise ValidationError(errors)
        household_id = (
            HouseholdMembership.objects.filter(resident=resident, end_date__isnull=True)
            .values_list("household_id", flat=True)
            .first()
        )
        fields = {
            "review_years": review_years,
            "reviewed_on": today,
            "next_review": today + relativedelta(years=review_years),
        }
        plan = PerspectivePlan.objects.filter(resident=resident).first()
        if plan is None:
            plan = PerspectivePlan.objects.create(
                municipality_id=resident.municipality_id,
                resident=resident,
                household_id=household_id,
                created_by=actor.user,
                **fields,
            )
            action = Action.CREATE
        else:
            if expected_version != plan.version:
                raise VersionConflict()
            save_if_unchanged(
                plan, expected_version=expected_version, fields={**fields, "updated_at": timezone.now()}
            )
            action = Action.UPDATE
        PerspectiveGoal.objects.filter(plan=plan).exclude(phase__in=list(filled)).delete()
        for phase, (goal, support) in filled.items():
            PerspectiveGoal.objects.update_or_create(
                plan=plan,
                phase=phase,
                defaults={"municipality_id": plan.municipality_id, "goal": goal, "support": support},
            )
        log.allowed(
            actor,
            action,
            Part.PERSPECTIVE_PLAN,
            [resident.id],
            object_type="perspective_plan",
            object_id=plan.id,
        )
        return plan

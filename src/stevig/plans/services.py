"""Every write of a household plan. Each one checks the plan's version first (optimistic locking): when
someone else saved in between, the write is refused with VersionConflict (HTTP 409) and nothing changes."""

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.analysis.models import DOMAIN_ORDER, Domain
from stevig.analysis.selectors import current_members, is_emergency
from stevig.analysis.services import ensure_open
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.versioning import save_if_unchanged
from stevig.plans.models import AgreementMethod, Goal, HouseholdPlan, OwnerType, PlanAction, PlanVersion
from stevig.plans.selectors import GOAL, PLAN, PLAN_ACTION, goals_queryset
from stevig.trajectories.selectors import TRAJECTORY

MAX_TEXT = 5000


def _check_dates(start_date: date | None, evaluation_date: date | None) -> None:
    errors: dict[str, str] = {}
    if start_date is None:
        errors["start_date"] = _("Vul de startdatum in.")
    if evaluation_date is None:
        errors["evaluation_date"] = _("Vul de evaluatiedatum in.")
    elif start_date is not None and evaluation_date < start_date:
        errors["evaluation_date"] = _(
            "De evaluatiedatum ligt voor de startdatum. Kies de startdatum of later."
        )
    if errors:
        raise ValidationError(errors)


def _bump(plan: HouseholdPlan, expected_version: int, **fields: Any) -> None:
    """Raise the plan's version (and write `fields`) only if nobody saved since `expected_version`."""
    save_if_unchanged(
        plan, expected_version=expected_version, fields={**fields, "updated_at": timezone.now()}
    )


def _log(
    actor: Actor,
    plan: HouseholdPlan,
    action: Action,
    residents: Iterable[uuid.UUID],
    object_type: str,
    object_id: uuid.UUID,
    detail: dict[str, Any] | None = None,
) -> None:
    log.allowed(
        actor,
        action,
        Part.PLAN,
        residents,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
        emergency=is_emergency(actor=actor, trajectory=plan.trajectory),
    )


def create_plan(
    *, actor: Actor, trajectory_id: uuid.UUID, start_date: date, evaluation_date: date
) -> HouseholdPlan:
    """Start the one household plan of a trajectory."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.CREATE, part=Part.PLAN
    )
    with transaction.atomic():
        ensure_open(trajectory)
        _check_dates(start_date, evaluation_date)
        if HouseholdPlan.objects.filter(trajectory=trajectory).exists():
            raise ValidationError(_("Dit traject heeft al een gezinsplan. Er is één plan per huishouden."))
        try:
            with transaction.atomic():
                plan = HouseholdPlan.objects.create(
                    municipality_id=trajectory.municipality_id,
                    trajectory=trajectory,
                    start_date=start_date,
                    evaluation_date=evaluation_date,
                    created_by=actor.user,
                )
        except IntegrityError as exc:  # a colleague created it at the same moment
            raise ValidationError(
                _("Dit traject heeft al een gezinsplan. Er is één plan per huishouden.")
            ) from exc
        plan.trajectory = trajectory
        _log(
            actor, plan, Action.CREATE, [m.resident_id for m in current_members(trajectory)], "plan", plan.id
        )
        return plan


def update_plan(
    *, actor: Actor, plan_id: uuid.UUID, expected_version: int, start_date: date, evaluation_date: date
) -> HouseholdPlan:
    plan = access.scoped_get(PLAN, actor=actor, pk=plan_id, action=Action.UPDATE, part=Part.PLAN)
    with transaction.atomic():
        ensure_open(plan.trajectory)
        _check_dates(start_date, evaluation_date)
        _bump(plan, expected_version, start_date=start_date, evaluation_date=evaluation_date)
        _log(
            actor,
            plan,
            Action.UPDATE,
            [m.resident_id for m in current_members(plan.trajectory)],
            "plan",
            plan.id,
            {"velden": ["evaluation_date", "start_date"]},
        )
        return plan


def _clean_goal(
    plan: HouseholdPlan, text: str, member_ids: Iterable[uuid.UUID], domains: Iterable[str]
) -> tuple[str, list[uuid.UUID], list[str]]:
    errors: dict[str, str] = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Schrijf het doel op, in de woorden van de inwoner.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("Gebruik hoogstens 5000 tekens.")
    household_members = {m.resident_id for m in current_members(plan.trajectory)}
    chosen = list(dict.fromkeys(member_ids))
    if not chosen:
        errors["members"] = _("Kies voor wie dit doel is.")
    elif not set(chosen) <= household_members:
        errors["members"] = _("Kies alleen mensen uit dit huishouden.")
    codes = list(dict.fromkeys(domains))
    if not codes:
        errors["domains"] = _("Kies minstens één leefgebied.")
    elif not set(codes) <= set(Domain.values):
        errors["domains"] = _("Kies alleen leefgebieden uit de lijst.")
    if errors:
        raise ValidationError(errors)
    return text, chosen, sorted(codes, key=lambda c: DOMAIN_ORDER[c])


def add_goal(
    *,
    actor: Actor,
    plan_id: uuid.UUID,
    expected_version: int,
    text: str,
    member_ids: Iterable[uuid.UUID],
    domains: Iterable[str],
) -> Goal:
    plan = access.scoped_get(PLAN, actor=actor, pk=plan_id, action=Action.CREATE, part=Part.PLAN)
    with transaction.atomic():
        ensure_open(plan.trajectory)
        text, members, codes = _clean_goal(plan, text, member_ids, domains)
        _bump(plan, expected_version)
        position = (Goal.objects.filter(plan=plan).aggregate(m=Max("position"))["m"] or 0) + 1
        goal = Goal.objects.create(
            municipality_id=plan.municipality_id, plan=plan, text=text, domains=codes, position=position
        )
        goal.members.set(members)  # type: ignore[arg-type]
        _log(actor, plan, Action.CREATE, members, "goal", goal.id)
        return goal


def update_goal(
    *,
    actor: Actor,
    goal_id: uuid.UUID,
    expected_version: int,
    text: str,
    member_ids: Iterable[uuid.UUID],
    domains: Iterable[str],
) -> Goal:
    goal = access.scoped_get(GOAL, actor=actor, pk=goal_id, action=Action.UPDATE, part=Part.PLAN)
    with transaction.atomic():
        plan = goal.plan
        ensure_open(plan.trajectory)
        text, members, codes = _clean_goal(plan, text, member_ids, domains)
        _bump(plan, expected_version)
        before = set(goal.members.values_list("id", flat=True))
        goal.text, goal.domains = text, codes
        goal.save(update_fields=["text", "domains", "updated_at"])
        goal.members.set(members)  # type: ignore[arg-type]
        _log(actor, plan, Action.UPDATE, before | set(members), "goal", goal.id)
        return goal


def remove_goal(*, actor: Actor, goal_id: uuid.UUID, expected_version: int) -> None:
    goal = access.scoped_get(GOAL, actor=actor, pk=goal_id, action=Action.DELETE, part=Part.PLAN)
    with transaction.atomic():
        plan = goal.plan
        ensure_open(plan.trajectory)
        _bump(plan, expected_version)
        members = list(goal.members.values_list("id", flat=True))
        goal_pk = goal.pk
        goal.delete()
        _log(actor, plan, Action.DELETE, members, "goal", goal_pk)


def _clean_action(
    description: str, owner_type: str, owner_name: str, due_date: date | None, done_on: date | None
) -> None:
    errors: dict[str, str] = {}
    if not (description or "").strip():
        errors["description"] = _("Schrijf op wat er gebeurt.")
    elif len(description) > MAX_TEXT:
        errors["description"] = _("Gebruik hoogstens 5000 tekens.")
    if not owner_type:
        errors["owner_type"] = _("Kies wie deze actie doet. Een actie zonder eigenaar gebeurt niet.")
    elif owner_type not in OwnerType.values:
        errors["owner_type"] = _("Kies wie deze actie doet uit de lijst.")
    if len(owner_name or "") > 150:
        errors["owner_name"] = _("Gebruik hoogstens 150 tekens.")
    if due_date is None:
        errors["due_date"] = _("Vul in wanneer de actie klaar is.")
    if done_on is not None and done_on > timezone.localdate():
        errors["done_on"] = _("Deze datum ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)


def add_action(
    *,
    actor: Actor,
    goal_id: uuid.UUID,
    expected_version: int,
    description: str,
    owner_type: str,
    owner_name: str = "",
    due_date: date | None,
    done_on: date | None = None,
) -> PlanAction:
    """An action towards a goal, with who does it and by when. The owner is required."""
    goal = access.scoped_get(GOAL, actor=actor, pk=goal_id, action=Action.CREATE, part=Part.PLAN)
    with transaction.atomic():
        plan = goal.plan
        ensure_open(plan.trajectory)
        _clean_action(description, owner_type, owner_name, due_date, done_on)
        _bump(plan, expected_version)
        row = PlanAction.objects.create(
            municipality_id=plan.municipality_id,
            goal=goal,
            description=description.strip(),
            owner_type=owner_type,
            owner_name=(owner_name or "").strip(),
            due_date=due_date,
            done_on=done_on,
        )
        _log(actor, plan, Action.CREATE, goal.members.values_list("id", flat=True), "plan_action", row.id)
        return row


def update_action(
    *,
    actor: Actor,
    action_id: uuid.UUID,
    expected_version: int,
    description: str,
    owner_type: str,
    owner_name: str = "",
    due_date: date | None,
    done_on: date | None = None,
) -> PlanAction:
    row = access.scoped_get(PLAN_ACTION, actor=actor, pk=action_id, action=Action.UPDATE, part=Part.PLAN)
    with transaction.atomic():
        plan = row.goal.plan
        ensure_open(plan.trajectory)
        _clean_action(description, owner_type, owner_name, due_date, done_on)
        _bump(plan, expected_version)
        row.description, row.owner_type, row.owner_name = (
            description.strip(),
            owner_type,
            (owner_name or "").strip(),
        )
        row.due_date, row.done_on = due_date, done_on  # type: ignore[assignment]
        row.save(
            update_fields=["description", "owner_type", "owner_name", "due_date", "done_on", "updated_at"]
        )
        _log(actor, plan, Action.UPDATE, row.goal.members.values_list("id", flat=True), "plan_action", row.id)
        return row


def remove_action(*, actor: Actor, action_id: uuid.UUID, expected_version: int) -> None:
    row = access.scoped_get(PLAN_ACTION, actor=actor, pk=action_id, action=Action.DELETE, part=Part.PLAN)
    with transaction.atomic():
        plan = row.goal.plan
        ensure_open(plan.trajectory)
        _bump(plan, expected_version)
        members = list(row.goal.members.values_list("id", flat=True))
        row_pk = row.pk
        row.delete()
        _log(actor, plan, Action.DELETE, members, "plan_action", row_pk)


def build_snapshot(plan: HouseholdPlan, goals: list[Goal]) -> dict[str, Any]:
    """A frozen, self-contained copy of the plan: names and labels as they read on the day it was agreed."""
    trajectory = plan.trajectory
    members = current_members(trajectory)
    return {
        "plan_version": plan.version,
        "household": trajectory.household.address_line,
        "household_members": [
            {
                "id": str(m.resident_id),
                "name": m.resident.full_name,
                "relation": str(m.get_relation_display()),
            }
            for m in members
        ],
        "contact_person": str(trajectory.contact_person),
        "team": str(trajectory.team),
        "start_date": plan.start_date.isoformat(),
        "evaluation_date": plan.evaluation_date.isoformat(),
        "goals": [
            {
                "text": goal.text,
                "members": [{"id": str(r.id), "name": r.full_name} for r in goal.members.all()],
                "domains": [
                    {"code": c, "label": str(Domain(c).label)} for c in goal.domains if c in Domain.values
                ],
                "actions": [
                    {
                        "description": a.description,
                        "owner_type": a.owner_type,
                        "owner_type_label": str(a.get_owner_type_display()),
                        "owner_name": a.owner_name,
                        "due_date": a.due_date.isoformat(),
                        "done_on": a.done_on.isoformat() if a.done_on else None,
                    }
                    for a in goal.actions.all()
                ],
            }
            for goal in goals
        ],
    }


def agree_plan(
    *,
    actor: Actor,
    plan_id: uuid.UUID,
    expected_version: int,
    agreed_on: date,
    agreed_how: str,
    agreed_with: str = "",
) -> PlanVersion:
    """The resident agreed to the plan as it is now (the version the professional saw): freeze a copy."""
    plan = access.scoped_get(PLAN, actor=actor, pk=plan_id, action=Action.CREATE, part=Part.PLAN_VERSION)
    with transaction.atomic():
        ensure_open(plan.trajectory)
        errors: dict[str, str] = {}
        if agreed_on is None:
            errors["agreed_on"] = _("Vul de datum van de afspraak in.")
        elif agreed_on > timezone.localdate():
            errors["agreed_on"] = _("Deze datum ligt in de toekomst.")
        if agreed_how not in AgreementMethod.values:
            errors["agreed_how"] = _("Kies hoe u het plan met de inwoner heeft afgesproken.")
        if len(agreed_with or "") > 200:
            errors["agreed_with"] = _("Gebruik hoogstens 200 tekens.")
        goals = list(goals_queryset().filter(plan=plan))
        if not goals:
            errors["goals"] = _("Het plan heeft nog geen doelen. Voeg eerst een doel toe.")
        if errors:
            raise ValidationError(errors)
        # Agreeing raises the version too: the copy is exactly what the professional saw, and anyone still
        # editing an older screen is told the plan changed. `plan_version` lets the page show later changes.
        _bump(plan, expected_version)
        snapshot = build_snapshot(plan, goals)
        number = (PlanVersion.objects.filter(plan=plan).aggregate(m=Max("number"))["m"] or 0) + 1
        version = PlanVersion.objects.create(
            municipality_id=plan.municipality_id,
            plan=plan,
            number=number,
            agreed_on=agreed_on,
            agreed_how=agreed_how,
            agreed_with=(agreed_with or "").strip(),
            snapshot=snapshot,
            recorded_by=actor.user,
        )
        residents = [m["id"] for m in snapshot["household_members"]]
        log.allowed(
            actor,
            Action.CREATE,
            Part.PLAN_VERSION,
            residents,
            object_type="plan_version",
            object_id=version.id,
            detail={"versie": number},
            emergency=is_emergency(actor=actor, trajectory=plan.trajectory),
        )
        return version

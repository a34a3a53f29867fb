"""Scoped reads of household plans. Visibility follows the trajectory (and so the household)."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from stevig.accounts.models import User
from stevig.analysis.models import Domain
from stevig.analysis.selectors import current_members, deny_trajectory, is_emergency, trajectory_in_scope
from stevig.audit.models import Action, Outcome
from stevig.audit.services import record_access
from stevig.core.context import Actor
from stevig.people.models import HouseholdMembership, Resident
from stevig.people.selectors import FileAccessDenied
from stevig.plans.models import Goal, HouseholdPlan, PlanAction, PlanVersion
from stevig.trajectories.models import Trajectory
from stevig.trajectories.selectors import trajectories_visible_to


def plans_visible_to(user: User) -> QuerySet[HouseholdPlan]:
    return HouseholdPlan.objects.filter(
        municipality_id=user.municipality_id, trajectory__in=trajectories_visible_to(user)
    )


def goals_queryset() -> QuerySet[Goal]:
    return Goal.objects.order_by("position", "created_at").prefetch_related(
        Prefetch("members", queryset=Resident.objects.order_by("date_of_birth")),
        Prefetch("actions", queryset=PlanAction.objects.order_by("due_date", "created_at")),
    )


def _deny_by_lookup(
    *,
    actor: Actor,
    trajectory_id: uuid.UUID | None,
    object_type: str,
    object_id: uuid.UUID,
    action: Action,
    part: str,
) -> FileAccessDenied:
    if trajectory_id is None:
        record_access(
            actor=actor,
            action=action,
            outcome=Outcome.DENIED,
            part=part,
            object_type=object_type,
            object_id=object_id,
        )
        return FileAccessDenied(can_break_glass=False)
    return deny_trajectory(actor=actor, trajectory_id=trajectory_id, action=action, part=part)


def plan_in_scope(*, actor: Actor, plan_id: uuid.UUID, action: Action, part: str = "plan") -> HouseholdPlan:
    """The plan (with its trajectory) if the actor may work in it; otherwise logged and denied."""
    plan = plans_visible_to(actor.user).select_related("trajectory__household").filter(id=plan_id).first()
    if plan is None:
        trajectory_id = (
            HouseholdPlan.objects.filter(id=plan_id, municipality_id=actor.municipality_id)
            .values_list("trajectory_id", flat=True)
            .first()
        )
        raise _deny_by_lookup(
            actor=actor,
            trajectory_id=trajectory_id,
            object_type="plan",
            object_id=plan_id,
            action=action,
            part=part,
        )
    return plan


def goal_in_scope(*, actor: Actor, goal_id: uuid.UUID, action: Action) -> Goal:
    goal = (
        Goal.objects.filter(
            municipality_id=actor.municipality_id, plan__in=plans_visible_to(actor.user), id=goal_id
        )
        .select_related("plan__trajectory__household")
        .first()
    )
    if goal is None:
        trajectory_id = (
            Goal.objects.filter(id=goal_id, municipality_id=actor.municipality_id)
            .values_list("plan__trajectory_id", flat=True)
            .first()
        )
        raise _deny_by_lookup(
            actor=actor,
            trajectory_id=trajectory_id,
            object_type="goal",
            object_id=goal_id,
            action=action,
            part="plan",
        )
    return goal


def action_in_scope(*, actor: Actor, action_id: uuid.UUID, action: Action) -> PlanAction:
    row = (
        PlanAction.objects.filter(
            municipality_id=actor.municipality_id, goal__plan__in=plans_visible_to(actor.user), id=action_id
        )
        .select_related("goal__plan__trajectory__household")
        .first()
    )
    if row is None:
        trajectory_id = (
            PlanAction.objects.filter(id=action_id, municipality_id=actor.municipality_id)
            .values_list("goal__plan__trajectory_id", flat=True)
            .first()
        )
        raise _deny_by_lookup(
            actor=actor,
            trajectory_id=trajectory_id,
            object_type="plan_action",
            object_id=action_id,
            action=action,
            part="plan",
        )
    return row


@dataclass
class PlanPage:
    trajectory: Trajectory
    plan: HouseholdPlan | None
    goals: list[Goal]
    versions: list[PlanVersion]
    members: list[HouseholdMembership]
    emergency: bool

    @property
    def latest_version(self) -> PlanVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def changed_since_agreement(self) -> bool:
        """Whether the plan was changed after the last agreed version."""
        latest = self.latest_version
        return bool(self.plan and latest and latest.snapshot.get("plan_version") != self.plan.version)


def plan_page(*, actor: Actor, trajectory_id: uuid.UUID) -> PlanPage:
    """The trajectory's plan with goals, actions and agreed versions (or none yet). Logged."""
    trajectory = trajectory_in_scope(
        actor=actor, trajectory_id=trajectory_id, action=Action.READ, part="plan"
    )
    members = current_members(trajectory)
    plan = HouseholdPlan.objects.filter(trajectory=trajectory).first()
    goals = list(goals_queryset().filter(plan=plan)) if plan else []
    versions = (
        list(PlanVersion.objects.filter(plan=plan).select_related("recorded_by").order_by("-number"))
        if plan
        else []
    )
    emergency = is_emergency(actor=actor, trajectory=trajectory)
    record_access(
        actor=actor,
        action=Action.READ,
        outcome=Outcome.ALLOWED,
        part="plan",
        residents=[m.resident_id for m in members],
        object_type="plan" if plan else "trajectory",
        object_id=plan.id if plan else trajectory.id,
        emergency=emergency,
    )
    return PlanPage(trajectory, plan, goals, versions, members, emergency)


def plan_detail(*, actor: Actor, plan_id: uuid.UUID) -> PlanPage:
    plan = plan_in_scope(actor=actor, plan_id=plan_id, action=Action.READ)
    return plan_page(actor=actor, trajectory_id=plan.trajectory_id)


def snapshot_residents(snapshot: dict[str, Any]) -> list[str]:
    return sorted(
        {m["id"] for goal in snapshot.get("goals", []) for m in goal.get("members", [])}
        | {m["id"] for m in snapshot.get("household_members", [])}
    )


def plan_version_detail(*, actor: Actor, version_id: uuid.UUID, part: str = "plan-versie") -> PlanVersion:
    """One agreed version (for reading or printing). Logged with the residents in it."""
    version = (
        PlanVersion.objects.filter(
            municipality_id=actor.municipality_id, plan__in=plans_visible_to(actor.user), id=version_id
        )
        .select_related("plan__trajectory__household", "recorded_by")
        .first()
    )
    if version is None:
        trajectory_id = (
            PlanVersion.objects.filter(id=version_id, municipality_id=actor.municipality_id)
            .values_list("plan__trajectory_id", flat=True)
            .first()
        )
        raise _deny_by_lookup(
            actor=actor,
            trajectory_id=trajectory_id,
            object_type="plan_version",
            object_id=version_id,
            action=Action.READ,
            part=part,
        )
    record_access(
        actor=actor,
        action=Action.READ,
        outcome=Outcome.ALLOWED,
        part=part,
        residents=[uuid.UUID(r) for r in snapshot_residents(version.snapshot)],
        object_type="plan_version",
        object_id=version.id,
        emergency=is_emergency(actor=actor, trajectory=version.plan.trajectory),
    )
    return version


def domain_labels(codes: list[str]) -> list[str]:
    return [str(Domain(c).label) for c in codes if c in Domain.values]

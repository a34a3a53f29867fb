"""Scoped reads of household plans. Visibility follows the trajectory (and so the household)."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from stevig.accounts.models import User
from stevig.analysis.models import Domain
from stevig.analysis.selectors import current_members, is_emergency
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.suppression import Period
from stevig.people.models import HouseholdMembership, Resident
from stevig.plans.figures import PlanFigures, plan_figures
from stevig.plans.models import Goal, HouseholdPlan, PlanAction, PlanVersion
from stevig.trajectories.models import Trajectory
from stevig.trajectories.selectors import TRAJECTORY, trajectories_visible_to


def plans_visible_to(user: User) -> QuerySet[HouseholdPlan]:
    return HouseholdPlan.objects.filter(
        municipality_id=user.municipality_id, trajectory__in=trajectories_visible_to(user)
    )


PLAN = access.Kind(
    HouseholdPlan,
    "plan",
    visible=plans_visible_to,
    household="trajectory__household_id",
    url_kwarg="plan_id",
    related=("trajectory__household",),
    roles=access.FILE_ROLES,
    part=Part.PLAN,
)
GOAL = access.child_kind(PLAN, Goal, "goal", via="plan", url_kwarg="goal_id")
PLAN_ACTION = access.child_kind(PLAN, PlanAction, "plan_action", via="goal__plan", url_kwarg="action_id")
PLAN_VERSION = access.child_kind(
    PLAN,
    PlanVersion,
    "plan_version",
    via="plan",
    url_kwarg="version_id",
    related=("recorded_by",),
    part=Part.PLAN_VERSION,
)


def goals_queryset() -> QuerySet[Goal]:
    return Goal.objects.order_by("position", "created_at").prefetch_related(
        Prefetch("members", queryset=Resident.objects.order_by("date_of_birth")),
        Prefetch("actions", queryset=PlanAction.objects.order_by("due_date", "created_at")),
    )


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
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.READ, part=Part.PLAN
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
    log.allowed(
        actor,
        Action.READ,
        Part.PLAN,
        [m.resident_id for m in members],
        object_type="plan" if plan else "trajectory",
        object_id=plan.id if plan else trajectory.id,
        emergency=emergency,
    )
    return PlanPage(trajectory, plan, goals, versions, members, emergency)


def plan_detail(*, actor: Actor, plan_id: uuid.UUID) -> PlanPage:
    plan = access.scoped_get(PLAN, actor=actor, pk=plan_id, action=Action.READ, part=Part.PLAN)
    return plan_page(actor=actor, trajectory_id=plan.trajectory_id)


def snapshot_residents(snapshot: dict[str, Any]) -> list[str]:
    return sorted(
        {m["id"] for goal in snapshot.get("goals", []) for m in goal.get("members", [])}
        | {m["id"] for m in snapshot.get("household_members", [])}
    )


def plan_version_detail(
    *, actor: Actor, version_id: uuid.UUID, part: Part = Part.PLAN_VERSION
) -> PlanVersion:
    """One agreed version (for reading or printing). Logged with the residents in it."""
    version = access.scoped_get(PLAN_VERSION, actor=actor, pk=version_id, action=Action.READ, part=part)
    log.allowed(
        actor,
        Action.READ,
        part,
        [uuid.UUID(r) for r in snapshot_residents(version.snapshot)],
        object_type="plan_version",
        object_id=version.id,
        emergency=is_emergency(actor=actor, trajectory=version.plan.trajectory),
    )
    return version


def domain_labels(codes: list[str]) -> list[str]:
    return [str(Domain(c).label) for c in codes if c in Domain.values]


def plan_versions(*, actor: Actor, plan_id: uuid.UUID) -> tuple[HouseholdPlan, QuerySet[PlanVersion]]:
    """The agreed versions of a plan, newest first (the caller pages them and logs the page)."""
    plan = access.scoped_get(PLAN, actor=actor, pk=plan_id, action=Action.SEARCH, part=Part.PLAN_VERSION)
    return plan, PlanVersion.objects.filter(plan=plan).order_by("-number")


def log_versions_listed(*, actor: Actor, plan: HouseholdPlan, versions: Iterable[PlanVersion]) -> None:
    log.listed(
        actor,
        Part.PLAN_VERSION,
        sorted({r for v in versions for r in snapshot_residents(v.snapshot)}),
        object_type="plan",
        object_id=plan.id,
    )


def figures(*, actor: Actor, period: Period) -> PlanFigures:
    """Aggregated figures for policy (no individual file), from the summary tables; the read is logged."""
    result = plan_figures(municipality_id=actor.municipality_id, period=period)
    log.allowed(
        actor,
        Action.READ,
        Part.FIGURES,
        object_type="figures",
        detail={"cijfers": "gezinsplan", "periode": str(period)},
    )
    return result

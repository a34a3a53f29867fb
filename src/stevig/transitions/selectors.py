"""Scoped reads for 16-27: who turns 18 soon with youth help, the team overview, the toekomstplan.
Visibility follows the household (`households_visible_to`); every read that shows residents is logged."""

import uuid
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from stevig.accounts.models import User
from stevig.analysis.models import CHILD_DOMAINS, DomainScore
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.access import FILE_ROLES
from stevig.core.context import Actor
from stevig.decisions.models import Decision, Law
from stevig.people.models import Household, HouseholdMembership, Involvement, Resident
from stevig.people.selectors import RESIDENT, households_visible_to
from stevig.transitions.models import FuturePlan, FuturePlanDomain, PerspectiveGoal, PerspectivePlan
from stevig.transitions.rules import MAX_AGE, MIN_AGE, birth_window


def youth_help(today: date) -> Q:
    """A resident has youth help: a running Jeugdwet decision, or a youth analysis (a score on a child
    domain) in a trajectory of their household."""
    decisions = Decision.objects.filter(law=Law.JEUGDWET, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    analysed = DomainScore.objects.filter(domain__in=CHILD_DOMAINS).values("analysis__resident_id")
    return Q(Exists(decisions.filter(resident_id=OuterRef("id")))) | Q(id__in=analysed)


def _residents(user: User) -> QuerySet[Resident]:
    members = HouseholdMembership.objects.filter(
        end_date__isnull=True, household__in=households_visible_to(user)
    ).values("resident_id")
    return Resident.objects.filter(municipality_id=user.municipality_id, id__in=members)


def _with_plan(qs: QuerySet[Resident]) -> QuerySet[Resident]:
    plans = FuturePlan.objects.filter(resident_id=OuterRef("id"))
    return qs.annotate(has_plan=Exists(plans), plan_agreed=Exists(plans.filter(agreed_on__isnull=False)))


def turning_18_for(user: User, today: date | None = None) -> QuerySet[Resident]:
    """Young people with youth help whose 18th birthday falls within STEVIG_TRANSITION_MONTHS, in the
    households the user is involved in (vast aanspreekpunt or betrokken). The caller logs what it shows."""
    if not user.is_staff_member or user.role not in FILE_ROLES:
        return Resident.objects.none()
    today = today or timezone.localdate()
    earliest, latest = birth_window(today)
    mine = Involvement.objects.filter(user=user, ended_at__isnull=True).values("household_id")
    members = HouseholdMembership.objects.filter(end_date__isnull=True, household_id__in=mine).values(
        "resident_id"
    )
    return _with_plan(
        _residents(user)
        .filter(id__in=members, date_of_birth__gte=earliest, date_of_birth__lte=latest)
        .filter(youth_help(today))
    ).order_by("date_of_birth", "id")


def worklist_residents(
    *, user: User, households: QuerySet[Household], mine: bool, today: date
) -> QuerySet[Resident]:
    """For the one worklist (`web.worklist`), in one query: young people with youth help who turn 18
    within STEVIG_TRANSITION_MONTHS and have no agreed toekomstplan yet, in households the worklist may
    show. `mine`: households the user is involved in (as `turning_18_for`); else the households of the
    user's team. Annotated with `household_id` (the current household) and `has_plan`."""
    if not user.is_staff_member or user.role not in FILE_ROLES:
        return Resident.objects.none()
    earliest, latest = birth_window(today)
    if mine:
        held = Involvement.objects.filter(user=user, ended_at__isnull=True).values("household_id")
        memberships = HouseholdMembership.objects.filter(household_id__in=held)
    else:
        memberships = HouseholdMembership.objects.filter(household__team_id=user.team_id)
    memberships = memberships.filter(end_date__isnull=True, household__in=households)
    current = HouseholdMembership.objects.filter(
        resident_id=OuterRef("id"), end_date__isnull=True, household__in=households
    ).order_by("start_date")
    return (
        _with_plan(
            Resident.objects.filter(
                municipality_id=user.municipality_id,
                id__in=memberships.values("resident_id"),
                date_of_birth__gte=earliest,
                date_of_birth__lte=latest,
            ).filter(youth_help(today))
        )
        .filter(plan_agreed=False)
        .annotate(household_id=Subquery(current.values("household_id")[:1]))
        .order_by("date_of_birth", "id")
    )


def team_overview(user: User, today: date | None = None) -> QuerySet[Resident]:
    """Everyone aged 16 up to 27 in the households of the user's team (all visible ones without a team),
    with whether they have youth help and a toekomstplan. The caller logs what it shows."""
    if not user.is_staff_member or user.role not in FILE_ROLES:
        return Resident.objects.none()
    today = today or timezone.localdate()
    qs = _residents(user).filter(
        date_of_birth__gt=today - relativedelta(years=MAX_AGE),
        date_of_birth__lte=today - relativedelta(years=MIN_AGE),
    )
    if user.team_id:
        team_members = HouseholdMembership.objects.filter(
            end_date__isnull=True, household__team_id=user.team_id
        ).values("resident_id")
        qs = qs.filter(id__in=team_members)
    return _with_plan(qs).annotate(youth=youth_help(today)).order_by("date_of_birth", "id")


def log_listed(*, actor: Actor, part: Part, residents: list[Resident]) -> None:
    log.listed(actor, part, [r.id for r in residents], object_type="resident")


def resident_in_scope(*, actor: Actor, resident_id: uuid.UUID, action: Action) -> Resident:
    resident = _residents(actor.user).filter(id=resident_id).first() if actor.role in FILE_ROLES else None
    if resident is None:
        raise access.deny(RESIDENT, actor=actor, pk=resident_id, action=action, part=Part.FUTURE_PLAN)
    return resident


@dataclass
class PlanView:
    resident: Resident
    plan: FuturePlan | None
    domains: dict[str, FuturePlanDomain]
    today: date


def plan_view(*, actor: Actor, resident_id: uuid.UUID) -> PlanView:
    """A young person's toekomstplan (or none yet); one access-log row."""
    resident = resident_in_scope(actor=actor, resident_id=resident_id, action=Action.READ)
    plan = FuturePlan.objects.filter(resident=resident).select_related("created_by").first()
    domains = {d.domain: d for d in FuturePlanDomain.objects.filter(plan=plan)} if plan else {}
    log.allowed(
        actor,
        Action.READ,
        Part.FUTURE_PLAN,
        [resident.id],
        object_type="future_plan",
        object_id=plan.id if plan else resident.id,
    )
    return PlanView(resident, plan, domains, timezone.localdate())


@dataclass
class PerspectiveView:
    resident: Resident
    plan: PerspectivePlan | None
    goals: dict[str, PerspectiveGoal]
    lifelong: bool
    today: date


def perspective_view(*, actor: Actor, resident_id: uuid.UUID) -> PerspectiveView:
    """A resident's perspectiefplan (or none yet); one access-log row."""
    from stevig.decisions.selectors import has_lifelong_flag

    resident = resident_in_scope(actor=actor, resident_id=resident_id, action=Action.READ)
    plan = PerspectivePlan.objects.filter(resident=resident).first()
    goals = {g.phase: g for g in PerspectiveGoal.objects.filter(plan=plan)} if plan else {}
    log.allowed(
        actor,
        Action.READ,
        Part.PERSPECTIVE_PLAN,
        [resident.id],
        object_type="perspective_plan",
        object_id=plan.id if plan else resident.id,
    )
    return PerspectiveView(resident, plan, goals, has_lifelong_flag(resident.id), timezone.localdate())

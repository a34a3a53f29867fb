import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine

from stevig.accounts.models import Role
from stevig.analysis.models import Analysis, DomainScore
from stevig.core.context import Actor
from stevig.plans.models import Goal, HouseholdPlan, PlanAction
from stevig.testing import factories as f
from stevig.trajectories.models import Phase, Trajectory

# "Today" in these tests: Monday 2 March 2026, 10:00 in Amsterdam.
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 2)
SECRET = "NIET-GEDEELD: slaapt slecht door ruzie thuis"


def actor_for(user, channel: str = "web") -> Actor:
    return Actor(user=user, access_point="127.0.0.1", channel=channel)


@pytest.fixture(autouse=True)
def clock(request):  # type: ignore[no-untyped-def]
    if "browser" in request.keywords:
        yield None
        return
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@dataclass
class Case:
    trajectory: Trajectory
    debts: DomainScore  # parent, financiën 2
    housing: DomainScore  # parent, huisvesting 3
    secret: DomainScore  # parent, geestelijke gezondheid: never chosen
    goal: Goal  # financiën
    other_goal: Goal  # not shared


def build_case(world, household=None) -> Case:  # type: ignore[no-untyped-def]
    household = household or world.household
    trajectory = Trajectory.objects.create(
        municipality=household.municipality,
        household=household,
        team=household.team or world.team,
        contact_person=world.own_worker,
        phase=Phase.PLAN,
    )
    # The parent, not whichever member the database returns first: both joined on the same date, and
    # PostgreSQL does not promise an order between equal `start_date`s.
    members = sorted(
        household.memberships.filter(end_date__isnull=True).select_related("resident"),
        key=lambda m: (m.relation == "kind", m.resident.date_of_birth or dt.date.min),
    )
    parent = members[0].resident
    older = Analysis.objects.create(
        municipality=household.municipality,
        trajectory=trajectory,
        resident=parent,
        analysed_on=TODAY - dt.timedelta(days=60),
        created_by=world.own_worker,
    )
    DomainScore.objects.create(
        municipality=household.municipality, analysis=older, domain="werk_opleiding", score=1
    )
    analysis = Analysis.objects.create(
        municipality=household.municipality,
        trajectory=trajectory,
        resident=parent,
        analysed_on=TODAY - dt.timedelta(days=7),
        created_by=world.own_worker,
    )

    def score(domain: str, value: int, note: str = "") -> DomainScore:
        return DomainScore.objects.create(
            municipality=household.municipality, analysis=analysis, domain=domain, score=value, note=note
        )

    debts = score("financien", 2, "Huurschuld van drie maanden, beslag op de uitkering")
    housing = score("huisvesting", 3, "Dreigende uitzetting")
    secret = score("geestelijke_gezondheid", 2, SECRET)
    plan = HouseholdPlan.objects.create(
        municipality=household.municipality,
        trajectory=trajectory,
        start_date=TODAY - dt.timedelta(days=5),
        evaluation_date=TODAY + dt.timedelta(days=60),
        created_by=world.own_worker,
    )
    goal = Goal.objects.create(
        municipality=household.municipality,
        plan=plan,
        text="Rust over geld",
        domains=["financien"],
        position=1,
    )
    goal.members.set([parent])
    PlanAction.objects.create(
        municipality=household.municipality,
        goal=goal,
        description="Betalingsregeling met de verhuurder",
        owner_type="vakafdeling",
        owner_name="Schuldhulpverlening",
        due_date=TODAY + dt.timedelta(days=30),
    )
    other_goal = Goal.objects.create(
        municipality=household.municipality,
        plan=plan,
        text="Minder ruzie thuis",
        domains=["huiselijke_relaties"],
        position=2,
    )
    return Case(trajectory, debts, housing, secret, goal, other_goal)


@pytest.fixture
def case(world) -> Case:
    return build_case(world)


@pytest.fixture
def wonen(world):  # type: ignore[no-untyped-def]
    return f.DepartmentFactory(municipality=world.municipality, name="Wonen", response_term_working_days=5)


@pytest.fixture
def wonen_worker(world, wonen):  # type: ignore[no-untyped-def]
    return f.UserFactory(
        username="wonen", municipality=world.municipality, role=Role.DEPARTMENT, department=wonen
    )


def send(world, case: Case, user=None, department=None, **kwargs):  # type: ignore[no-untyped-def]
    from stevig.mandates import services

    values = {
        "actor": actor_for(user or world.own_worker),
        "trajectory_id": case.trajectory.id,
        "department_id": (department or world.department).id,
        "ask": "Stop het beslag op de uitkering en maak een betalingsregeling",
        "reason": "Na het gesprek en de analyse: de schulden houden alles tegen.",
        "legal_basis": "wmo_h5",
        "resident_ids": [world.parent.id],
        "score_ids": [case.debts.id],
        "goal_ids": [case.goal.id],
    }
    values.update(kwargs)
    return services.send_request(**values)

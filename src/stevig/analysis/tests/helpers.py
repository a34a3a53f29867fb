"""Test helpers shared by the analysis, plans and social-map tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.audit.models import AccessLogEntry
from stevig.trajectories.models import Phase, Trajectory


def open_trajectory(world, household=None, phase: str = Phase.PLAN) -> Trajectory:  # type: ignore[no-untyped-def]
    household = household or world.household
    return Trajectory.objects.create(
        municipality=household.municipality,
        household=household,
        team=household.team or world.team,
        contact_person=world.own_worker,
        phase=phase,
    )


def last_entry(user) -> AccessLogEntry:  # type: ignore[no-untyped-def]
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


def count_queries(func) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


# Personas who may work in world.household's file (team Noord; own_worker is involved).
ALLOWED = {"own_worker", "colleague", "team_lead"}

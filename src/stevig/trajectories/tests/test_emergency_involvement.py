"""Break-the-glass does not become permanent (issue 13, finding 3).

Regression: under a 24-hour emergency grant a worker added himself as 'involved'; after the grant expired he
kept access and his reads were logged with emergency=false."""

import datetime as dt

import pytest
import time_machine

from stevig.audit.tests.helpers import last_entry
from stevig.people import services as people_services
from stevig.people.models import Involvement
from stevig.people.selectors import households_visible_to
from stevig.testing.personas import web_client
from stevig.trajectories import services
from stevig.trajectories.tests.conftest import actor_for

pytestmark = pytest.mark.django_db

GRANTED = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def test_involvement_added_under_emergency_ends_with_the_grant_and_is_flagged(world, trajectory):
    intruder = world.other_team_worker
    with time_machine.travel(GRANTED, tick=False):
        grant = people_services.grant_emergency_access(
            actor=actor_for(intruder),
            household_id=world.household.id,
            reason="Melding van de politie, spoed.",
        )
        involvement = services.add_involved_professional(
            actor=actor_for(intruder), trajectory_id=trajectory.id, user_id=intruder.id
        )
        assert involvement.emergency_until == grant.expires_at
        entry = last_entry(intruder)
        assert (entry.part, entry.emergency) == ("betrokkenen", True)
        assert entry.detail["noodtoegang_tot"] == grant.expires_at.isoformat()

    with time_machine.travel(grant.expires_at - dt.timedelta(minutes=1), tick=False):
        assert web_client(intruder).get(f"/trajecten/{trajectory.id}/").status_code == 200
        # Still during the grant: reads through the involvement are flagged as emergency access.
        assert last_entry(intruder).emergency is True

    with time_machine.travel(grant.expires_at + dt.timedelta(minutes=1), tick=False):
        assert not households_visible_to(intruder).filter(id=world.household.id).exists()
        assert web_client(intruder).get(f"/trajecten/{trajectory.id}/").status_code in (403, 404)
        assert last_entry(intruder).outcome == "denied"
    assert (
        Involvement.objects.filter(user=intruder, ended_at__isnull=True).count() == 1
    )  # marked, not deleted


def test_normal_involvement_stays(world, trajectory):
    services.add_involved_professional(
        actor=actor_for(world.own_worker), trajectory_id=trajectory.id, user_id=world.other_team_worker.id
    )
    involvement = Involvement.objects.get(user=world.other_team_worker)
    assert involvement.emergency_until is None
    with time_machine.travel(dt.datetime(2027, 6, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        assert households_visible_to(world.other_team_worker).filter(id=world.household.id).exists()
        web_client(world.other_team_worker).get(f"/trajecten/{trajectory.id}/")
        assert last_entry(world.other_team_worker).emergency is False

"""Handing a trajectory over to another vast aanspreekpunt (and team); guards may refuse it."""

import pytest
from django.core.exceptions import ValidationError

from stevig.people.models import Involvement
from stevig.testing.personas import PERSONAS, api_client, web_client
from stevig.trajectories import services
from stevig.trajectories.models import PhaseChange
from stevig.trajectories.tests.conftest import actor_for

pytestmark = pytest.mark.django_db


def test_hand_over_moves_contact_and_team(world, trajectory):
    services.hand_over(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        expected_version=trajectory.version,
        contact_person_id=world.other_team_worker.id,
        reason="Gezin verhuist naar Zuid.",
    )
    trajectory.refresh_from_db()
    world.household.refresh_from_db()
    assert trajectory.contact_person == world.other_team_worker
    assert trajectory.team == world.other_team and world.household.team == world.other_team
    kinds = dict(Involvement.objects.filter(household=world.household).values_list("user__username", "kind"))
    assert kinds == {"eigen": "betrokken", "anderteam": "aanspreekpunt"}
    assert PhaseChange.objects.filter(trajectory=trajectory, reason__startswith="Overgedragen").exists()


def test_hand_over_needs_a_reason_and_another_person(world, trajectory):
    with pytest.raises(ValidationError) as exc:
        services.hand_over(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            expected_version=trajectory.version,
            contact_person_id=world.own_worker.id,
            reason="",
        )
    assert set(exc.value.message_dict) == {"reason", "contact_person"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_hand_over_page_and_api_per_persona(world, trajectory, persona):
    user = getattr(world, persona)
    page = web_client(user).get(f"/trajecten/{trajectory.id}/overdragen/")
    api = api_client(user).post(
        f"/api/v1/trajectories/{trajectory.id}/hand-over",
        {"contact_person": str(world.colleague.id), "reason": "", "version": trajectory.version},
        format="json",
    )
    if persona in ("own_worker", "colleague", "team_lead"):
        assert page.status_code == 200
        assert api.status_code == 400 and "reason" in api.json()["errors"]
    else:
        assert page.status_code in (403, 404)
        assert api.status_code in (403, 404)

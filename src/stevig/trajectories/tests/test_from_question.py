"""A trajectory is opened from an intake question; the question shows on the household's timeline."""

import pytest
from django.core.exceptions import ValidationError

from stevig.intake.tests.helpers import register
from stevig.testing import factories as f
from stevig.testing.personas import web_client
from stevig.trajectories import selectors, services
from stevig.trajectories.models import Trajectory
from stevig.trajectories.tests.conftest import actor_for

pytestmark = pytest.mark.django_db


def test_open_from_question_keeps_the_link_and_the_words(world):
    question = register(world, household_id=world.household.id, kind="wmo")
    trajectory = services.open_trajectory(
        actor=actor_for(world.own_worker), household_id=world.household.id, question_id=question.id
    )
    assert trajectory.opened_from_question == question
    assert trajectory.opened_from == f"{question.reference}: {question.text}"
    items = selectors.household_timeline(actor=actor_for(world.own_worker), household_id=world.household.id)
    assert any(i.kind == "vraag" and question.reference in i.title for i in items)


def test_question_of_another_household_is_refused(world):
    other = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    question = register(world, household_id=other.id, kind="wmo")
    with pytest.raises(ValidationError) as exc:
        services.open_trajectory(
            actor=actor_for(world.own_worker), household_id=world.household.id, question_id=question.id
        )
    assert "question" in exc.value.message_dict
    assert not Trajectory.objects.exists()


def test_open_page_from_question(world):
    question = register(world, household_id=world.household.id, kind="wmo")
    client = web_client(world.own_worker)
    page = client.get(f"/trajecten/huishouden/{world.household.id}/openen/?vraag={question.id}")
    assert page.status_code == 200 and str(question.id) in page.content.decode()
    response = client.post(
        f"/trajecten/huishouden/{world.household.id}/openen/",
        {
            "contact_person": world.own_worker.id,
            "opened_from": "In haar eigen woorden.",
            "question": question.id,
        },
    )
    assert response.status_code == 302
    trajectory = Trajectory.objects.get(household=world.household)
    assert (trajectory.opened_from_question, trajectory.opened_from) == (question, "In haar eigen woorden.")

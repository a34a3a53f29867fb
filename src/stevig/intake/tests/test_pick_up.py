"""'Ik pak dit op': a worker takes a question of her team; a trajectory opened from a question carries it."""

import pytest
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.intake import selectors, services
from stevig.intake.models import ContactPersonAssignment
from stevig.intake.tests.helpers import actor, register
from stevig.people.models import Involvement
from stevig.testing.personas import PERSONAS, api_client, web_client
from stevig.trajectories import services as trajectory_services
from stevig.trajectories.models import Trajectory

pytestmark = pytest.mark.django_db

# Only a worker or the teamleider of the question's team (Team Noord) picks it up.
PICK = {"own_worker", "colleague", "team_lead"}


@pytest.fixture
def question(world):  # type: ignore[no-untyped-def]
    return register(world, household_id=world.household.id, kind="wmo")


def _last(user):  # type: ignore[no-untyped-def]
    return AccessLogEntry.objects.filter(user_id=user.id).order_by("-id").first()


def _waiting(world):  # type: ignore[no-untyped-def]
    rows, _more = selectors.waiting_list(actor=actor(world.team_lead))
    return rows


def test_picking_up_makes_her_contact_person_and_takes_it_off_the_waiting_list(world, question):
    assert question in _waiting(world)
    assignment = services.pick_up_question(actor=actor(world.colleague), question_id=question.id)
    question.refresh_from_db()
    assert question.contact_person == world.colleague
    assert (assignment.user, assignment.assigned_by) == (world.colleague, world.colleague)
    assert question not in _waiting(world)
    assert Involvement.objects.filter(
        household=world.household, user=world.colleague, kind="aanspreekpunt", ended_at__isnull=True
    ).exists()
    entry = _last(world.colleague)
    assert (entry.part, entry.outcome, entry.action) == ("aanspreekpunt", "allowed", "update")


def test_a_question_someone_holds_cannot_be_picked_up_again(world, question):
    services.pick_up_question(actor=actor(world.colleague), question_id=question.id)
    with pytest.raises(ValidationError) as exc:
        services.pick_up_question(actor=actor(world.own_worker), question_id=question.id)
    assert "al opgepakt" in exc.value.message_dict["question"][0]
    question.refresh_from_db()
    assert question.contact_person == world.colleague
    assert ContactPersonAssignment.objects.filter(question=question).count() == 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_pick_up_page(world, question, persona):
    user = getattr(world, persona)
    response = web_client(user).post(f"/intake/vragen/{question.id}/oppakken/")
    if persona in PICK:
        assert response.status_code == 302
        question.refresh_from_db()
        assert question.contact_person == user
    else:
        assert response.status_code in (403, 404)
        assert _last(user).outcome == "denied"
        question.refresh_from_db()
        assert question.contact_person is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_pick_up_api(world, question, persona):
    user = getattr(world, persona)
    response = api_client(user).post(f"/api/v1/questions/{question.id}/pick-up")
    if persona in PICK:
        assert response.status_code == 201
        assert response.json()["user"] == str(user.id)
    else:
        assert response.status_code in (403, 404)
        assert _last(user).outcome == "denied"


def test_pick_up_twice_answers_400_and_the_page_shows_who_has_it(world, question):
    api_client(world.colleague).post(f"/api/v1/questions/{question.id}/pick-up")
    response = api_client(world.own_worker).post(f"/api/v1/questions/{question.id}/pick-up")
    assert response.status_code == 400
    assert "question" in response.json()["errors"]
    page = web_client(world.own_worker).post(f"/intake/vragen/{question.id}/oppakken/")
    assert page.status_code == 400
    assert "heeft deze vraag al opgepakt" in page.content.decode()


def test_question_page_offers_pick_up_then_the_trajectory(world, question):
    client = web_client(world.own_worker)
    html = client.get(f"/intake/vragen/{question.id}/").content.decode()
    assert "Ik pak dit op" in html
    assert f"/trajecten/huishouden/{world.household.id}/openen/?vraag={question.id}" in html
    client.post(f"/intake/vragen/{question.id}/oppakken/")
    html = client.get(f"/intake/vragen/{question.id}/").content.decode()
    assert "Ik pak dit op" not in html


def test_the_team_worklist_offers_pick_up(world, question):
    html = web_client(world.colleague).get("/?werk=team").content.decode()
    assert f"/intake/vragen/{question.id}/oppakken/" in html


def test_opening_a_trajectory_from_the_question_carries_it_and_links_both_ways(world, question):
    client = web_client(world.own_worker)
    form = client.get(f"/trajecten/huishouden/{world.household.id}/openen/?vraag={question.id}")
    html = form.content.decode()
    assert question.text in html  # the words are carried into the form: no retyping
    assert question.reference in html
    response = client.post(
        f"/trajecten/huishouden/{world.household.id}/openen/",
        {"contact_person": world.colleague.id, "opened_from": question.text, "question": question.id},
    )
    assert response.status_code == 302
    trajectory = Trajectory.objects.get(household=world.household)
    question.refresh_from_db()
    assert trajectory.opened_from_question == question and trajectory.opened_from == question.text
    assert question.contact_person == world.colleague  # the trajectory's vast aanspreekpunt
    assert question not in _waiting(world)
    detail = client.get(f"/trajecten/{trajectory.id}/").content.decode()
    assert f"/intake/vragen/{question.id}/" in detail
    page = client.get(f"/intake/vragen/{question.id}/").content.decode()
    assert f"/trajecten/{trajectory.id}/" in page
    assert "Traject openen vanuit deze vraag" not in page


def test_opening_from_a_question_someone_holds_keeps_that_contact_person(world, question):
    services.pick_up_question(actor=actor(world.colleague), question_id=question.id)
    trajectory_services.open_trajectory(
        actor=actor(world.own_worker), household_id=world.household.id, question_id=question.id
    )
    question.refresh_from_db()
    assert question.contact_person == world.colleague
    assert ContactPersonAssignment.objects.filter(question=question).count() == 1


def test_a_question_of_another_household_is_not_carried_into_the_form(world, question):
    from stevig.testing import factories as f

    other = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    html = (
        web_client(world.own_worker)
        .get(f"/trajecten/huishouden/{other.id}/openen/?vraag={question.id}")
        .content.decode()
    )
    assert question.text not in html


def test_the_linking_page_has_one_labelled_search_form_and_unique_ids(world):
    import re

    question = register(world)
    html = web_client(world.own_worker).get(f"/intake/vragen/{question.id}/koppelen/").content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert html.count('role="search"') == 1 and 'aria-labelledby="kop-zoeken"' in html
    for field_id in re.findall(r'<input[^>]+id="((?:zoek|nieuw)_[^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id

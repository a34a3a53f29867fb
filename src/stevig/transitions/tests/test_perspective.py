"""Perspectiefplan (principle 10): only with a lifelong flag, goals per life phase, next look together in
1-5 years from today, printable; persona matrix on page and endpoint. Today: Monday 2 March 2026."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from stevig.core.context import Actor
from stevig.decisions import services as decision_services
from stevig.testing.personas import PERSONAS, api_client, web_client
from stevig.transitions import services

pytestmark = pytest.mark.django_db
GOALS = {"nu": ("Zelf boodschappen doen", "Begeleiding 2 uur per week"), "later": ("Zelfstandig wonen", "")}


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=True):
        yield


def actor(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="127.0.0.1")


def flag(world) -> None:  # type: ignore[no-untyped-def]
    decision_services.flag_lifelong(
        actor=actor(world.own_worker),
        household_id=world.household.id,
        resident_id=world.parent.id,
        description="Blijvende verstandelijke beperking",
        since=dt.date(2026, 1, 10),
    )


def test_only_with_a_lifelong_flag(world):
    with pytest.raises(ValidationError) as exc:
        services.save_perspective_plan(
            actor=actor(world.own_worker), resident_id=world.parent.id, goals=GOALS, review_years=3
        )
    assert "levenslange" in exc.value.message_dict["resident"][0]


def test_goals_and_review_from_today(world):
    flag(world)
    with pytest.raises(ValidationError) as exc:
        services.save_perspective_plan(
            actor=actor(world.own_worker), resident_id=world.parent.id, goals={}, review_years=3
        )
    assert "nu_goal" in exc.value.message_dict
    plan = services.save_perspective_plan(
        actor=actor(world.own_worker), resident_id=world.parent.id, goals=GOALS, review_years=3
    )
    assert plan.next_review == dt.date(2029, 3, 2) and plan.goals.count() == 2
    plan = services.save_perspective_plan(
        actor=actor(world.own_worker),
        resident_id=world.parent.id,
        goals={"komende_jaren": ("Vrijwilligerswerk", "")},
        review_years=5,
        expected_version=plan.version,
    )
    assert list(plan.goals.values_list("phase", flat=True)) == ["komende_jaren"]
    assert plan.next_review == dt.date(2031, 3, 2)


@pytest.mark.parametrize("persona", PERSONAS)
def test_perspective_page_and_api_per_persona(world, persona):
    flag(world)
    services.save_perspective_plan(
        actor=actor(world.own_worker), resident_id=world.parent.id, goals=GOALS, review_years=3
    )
    user = getattr(world, persona)
    page = web_client(user).get(f"/16-27/perspectiefplan/{world.parent.id}/")
    api = api_client(user).get(f"/api/v1/perspective-plans/{world.parent.id}")
    if persona in ("own_worker", "colleague", "team_lead"):
        body = page.content.decode()
        assert page.status_code == 200 and "Zelfstandig wonen" in body and "geen herindicatie" in body
        assert "data-print" in body
        assert api.status_code == 200 and api.json()["review_years"] == 3
    else:
        assert page.status_code in (403, 404) and api.status_code in (403, 404)
        assert "Zelfstandig wonen" not in page.content.decode()

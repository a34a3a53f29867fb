"""Principle 10: a lifelong decision gets no expiry warning but 'voortzetten zonder herindicatie', and its
contact moments are planned from today, never in the past (today: Monday 2 March 2026)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stevig.decisions import selectors, services
from stevig.decisions.models import Decision, PeriodicContact
from stevig.decisions.tests.conftest import actor, decide, flag
from stevig.testing.personas import api_client, web_client

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


def test_five_year_lifelong_decision_is_not_flagged_as_ending(world, categories):
    flag(world)
    # Started in 2021, runs five years, ends 31 May 2026: within three months of today.
    decision = decide(
        world,
        categories,
        start_date=dt.date(2021, 6, 1),
        end_date=dt.date(2026, 5, 31),
        decided_on=dt.date(2021, 5, 20),
    )
    items = selectors.decisions_due_for(world.own_worker, today=TODAY)
    kinds = {i.kind for i in items if i.object_id == decision.id}
    assert kinds == {"voortzetten"}
    assert not selectors.ends_soon(decision, TODAY) and selectors.continues_soon(decision, TODAY)
    counts = selectors.due_counts(world.own_worker, today=TODAY)
    assert counts["ending"] == 0 and counts["continuations"] == 1


def test_ordinary_decision_still_warns(world, categories):
    decision = decide(world, categories, end_date=dt.date(2026, 5, 31))
    assert {
        i.kind
        for i in selectors.decisions_due_for(world.own_worker, today=TODAY)
        if i.object_id == decision.id
    } == {"einde"}


def test_contacts_are_planned_from_today_never_in_the_past(world, categories):
    flag(world)
    decision = decide(
        world, categories, start_date=dt.date(2020, 1, 15), end_date=None, decided_on=dt.date(2020, 1, 10)
    )
    dates = list(PeriodicContact.objects.filter(decision=decision).values_list("due_on", flat=True))
    assert dates and min(dates) >= TODAY
    assert min(dates) == dt.date(2027, 1, 15)  # the yearly rhythm from the start date, first one after today


def test_voortzetten_in_one_step(world, categories):
    flag(world)
    old = decide(
        world,
        categories,
        start_date=dt.date(2021, 6, 1),
        end_date=dt.date(2026, 5, 31),
        decided_on=dt.date(2021, 5, 20),
        provider="Zorg BV",
        contact_interval_months=24,
    )
    with pytest.raises(ValidationError) as exc:
        services.continue_decision(actor=actor(world.own_worker), decision_id=old.id, reason="")
    assert "reason" in exc.value.message_dict
    new = services.continue_decision(
        actor=actor(world.own_worker), decision_id=old.id, reason="Beperking is blijvend; hulp past nog."
    )
    assert new.start_date == dt.date(2026, 6, 1) and new.end_date is None and new.lifelong
    assert (new.category_id, new.form, new.provider, new.contact_interval_months) == (
        old.category_id,
        old.form,
        old.provider,
        24,
    )
    assert new.application_id is None and new.fitting_duration
    assert not [
        i for i in selectors.decisions_due_for(world.own_worker, today=TODAY) if i.object_id == old.id
    ]
    with pytest.raises(ValidationError):
        services.continue_decision(actor=actor(world.own_worker), decision_id=old.id, reason="nog eens")


def test_voortzetten_only_for_lifelong(world, categories):
    decision = decide(world, categories)
    with pytest.raises(ValidationError) as exc:
        services.continue_decision(actor=actor(world.own_worker), decision_id=decision.id, reason="x")
    assert "decision" in exc.value.message_dict


@pytest.mark.parametrize(
    "persona", ["own_worker", "policy", "other_municipality_worker", "other_team_worker"]
)
def test_voortzetten_page_and_api_per_persona(world, categories, persona):
    flag(world)
    old = decide(
        world,
        categories,
        start_date=dt.date(2021, 6, 1),
        end_date=dt.date(2026, 5, 31),
        decided_on=dt.date(2021, 5, 20),
    )
    user = getattr(world, persona)
    page = web_client(user).get(f"/beschikkingen/{old.id}/voortzetten/")
    api = api_client(user).post(
        f"/api/v1/decisions/{old.id}/continue", {"reason": "Blijvend."}, format="json"
    )
    if persona == "own_worker":
        assert page.status_code == 200 and "Voortzetten zonder herindicatie" in page.content.decode()
        assert api.status_code == 201 and api.json()["end_date"] is None
        assert Decision.objects.filter(resident=world.parent).count() == 2
    else:
        assert page.status_code in (403, 404) and api.status_code in (403, 404)
        assert Decision.objects.filter(resident=world.parent).count() == 1

"""The household-file page: personas, access log, emergency flag, history, escaping, query counts."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stevig.audit.models import AccessLogEntry
from stevig.people import services
from stevig.people.models import CommunicationNeed, HouseholdMembership
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, api_client, web_client

pytestmark = pytest.mark.django_db

ALLOWED = {"own_worker", "colleague", "team_lead"}
BREAK_GLASS = {"other_team_worker", "coordinator"}
NOT_FOUND = {"other_municipality_worker"}
WRONG_ROLE = {"policy", "department_worker", "admin", "privacy"}


def last_entry(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


def lived_at(household, resident, start, end):
    HouseholdMembership.objects.create(
        municipality=household.municipality,
        household=household,
        resident=resident,
        relation="overig",
        start_date=start,
        end_date=end,
    )


def household_url(world):
    return reverse("people:household", args=[world.household.id])


def test_persona_sets_cover_every_persona():
    assert ALLOWED | BREAK_GLASS | NOT_FOUND | WRONG_ROLE == set(PERSONAS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_household_page_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get(household_url(world))
    body = response.content.decode()
    entry = last_entry(user)
    members = {str(world.parent.id), str(world.child.id)}
    emergency_url = reverse("people:emergency", args=[world.household.id])
    if persona in ALLOWED:
        assert response.status_code == 200
        assert "Fatima El Amrani" in body and "Yusuf El Amrani" in body
        assert "Team Noord" in body and "Noord" in body
        assert "noodtoegang" not in body.lower()
        assert (entry.action, entry.outcome, entry.part, entry.emergency) == (
            "read",
            "allowed",
            "huishouden",
            False,
        )
        assert set(entry.resident_ids) == members
        assert entry.access_point.startswith("web ")
        return
    assert "El Amrani" not in body
    assert entry.outcome == "denied"
    assert entry.object_id == str(world.household.id)
    if persona in BREAK_GLASS:
        assert response.status_code == 403
        assert emergency_url in body
        assert set(entry.resident_ids) == members
    elif persona in NOT_FOUND:
        assert response.status_code == 404
        assert emergency_url not in body
        assert entry.resident_ids == [] and entry.municipality_code == "GM9002"
    else:
        assert response.status_code == 403
        assert emergency_url not in body
        assert set(entry.resident_ids) == members


def test_anonymous_is_sent_to_login(world):
    response = Client().get(household_url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert not AccessLogEntry.objects.exists()


def test_password_without_second_factor_is_sent_to_login(world):
    client = Client()
    client.force_login(world.own_worker)
    response = client.get(household_url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_unknown_household_is_404_and_logged(world):
    import uuid

    missing = uuid.uuid4()
    response = web_client(world.own_worker).get(reverse("people:household", args=[missing]))
    assert response.status_code == 404
    entry = last_entry(world.own_worker)
    assert (entry.outcome, entry.object_id, entry.resident_ids) == ("denied", str(missing), [])


def test_coordinator_sees_escalated_household(world):
    from django.utils import timezone

    type(world.household).objects.filter(id=world.household.id).update(escalated_at=timezone.now())
    assert web_client(world.coordinator).get(household_url(world)).status_code == 200


@time_machine.travel(dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC))
def test_members_show_relation_age_needs_and_edit_links(world):
    world.parent.communication_needs = [CommunicationNeed.INTERPRETER, CommunicationNeed.PLAIN_LANGUAGE]
    world.parent.save()
    body = web_client(world.own_worker).get(household_url(world)).content.decode()
    assert "ouder / verzorger" in body and "kind" in body
    assert "1 maart 2012" in body and "12 jaar" in body  # Yusuf, born 2012-03-01
    assert "44 jaar" in body  # Fatima, born 1980-05-17
    assert "tolk nodig" in body and "eenvoudige taal" in body
    assert reverse("people:resident_edit", args=[world.parent.id]) in body
    assert reverse("people:resident_move", args=[world.child.id]) in body
    assert reverse("people:member_add", args=[world.household.id]) in body
    assert reverse("people:household_edit", args=[world.household.id]) in body
    assert "999990019" not in body  # the BSN is not shown on the overview


def test_history_and_other_addresses(world):
    old_home = f.HouseholdFactory(
        municipality=world.municipality, team=world.team, street="Oudeweg", house_number=3
    )
    lived_at(old_home, world.parent, dt.date(2010, 1, 1), dt.date(2019, 12, 31))
    leaver = f.ResidentFactory(municipality=world.municipality, given_names="Karim", surname="Vertrokken")
    lived_at(world.household, leaver, dt.date(2015, 1, 1), dt.date(2021, 6, 30))
    new_home = f.HouseholdFactory(
        municipality=world.municipality, team=world.team, street="Nieuwstraat", house_number=8
    )
    f.add_member(new_home, resident=leaver, start=dt.date(2021, 6, 30))

    response = web_client(world.own_worker).get(household_url(world))
    body = response.content.decode()
    assert "Karim Vertrokken" in body and "30 juni 2021" in body
    assert "Oudeweg 3" in body and "31 december 2019" in body  # Fatima's earlier address
    assert "Nieuwstraat 8" in body  # where the leaver lives now: a household of the same team
    entry = last_entry(world.own_worker)
    # Everyone the file shows is logged as read: the current members and the former one.
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id), str(leaver.id)}


def test_a_former_members_new_address_in_another_teams_household_stays_hidden(world):
    """Issue 13 point 4: after a member moved to another team's household, the old team saw 'woont daar
    nu' with the new address, and the API gave the new household id and contact details."""
    leaver = f.ResidentFactory(
        municipality=world.municipality, given_names="Karim", surname="Vertrokken", phone="0612345678"
    )
    lived_at(world.household, leaver, dt.date(2015, 1, 1), dt.date(2021, 6, 30))
    elsewhere = f.HouseholdFactory(
        municipality=world.municipality, team=world.other_team, street="Geheimstraat", house_number=9
    )
    f.add_member(elsewhere, resident=leaver, start=dt.date(2021, 6, 30))

    body = web_client(world.own_worker).get(household_url(world)).content.decode()
    assert "Karim Vertrokken" in body
    assert "Geheimstraat" not in body and "woont daar nu" not in body
    assert str(leaver.id) in last_entry(world.own_worker).resident_ids

    answer = api_client(world.own_worker).get(f"/api/v1/households/{world.household.id}").json()
    [former] = [m["resident"] for m in answer["past_members"]]
    assert former == {
        "id": str(leaver.id),
        "given_names": "Karim",
        "prefix": former["prefix"],
        "surname": "Vertrokken",
        "date_of_birth": leaver.date_of_birth.isoformat(),
        "household_id": None,
    }
    assert "0612345678" not in str(answer) and str(elsewhere.id) not in str(answer)
    assert str(leaver.id) in last_entry(world.own_worker).resident_ids

    # Once the reader may open the new household (here: the same team), its id is given.
    elsewhere.team = world.team
    elsewhere.save()
    answer = api_client(world.own_worker).get(f"/api/v1/households/{world.household.id}").json()
    assert answer["past_members"][0]["resident"]["household_id"] == str(elsewhere.id)


def test_involved_professionals_are_listed(world):
    body = web_client(world.colleague).get(household_url(world)).content.decode()
    assert world.own_worker.get_full_name() in body
    assert "vast aanspreekpunt" in body


def test_html_in_names_is_escaped(world):
    world.child.given_names = "<script>alert(1)</script>"
    world.child.save()
    body = web_client(world.own_worker).get(household_url(world)).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_emergency_banner_and_flag_after_break_the_glass(world):
    from stevig.core.context import Actor

    client = web_client(world.other_team_worker)
    assert client.get(household_url(world)).status_code == 403
    services.grant_emergency_access(
        actor=Actor(user=world.other_team_worker, access_point="test"),
        household_id=world.household.id,
        reason="Melding van acuut gevaar, team Noord niet bereikbaar.",
    )
    response = client.get(household_url(world))
    assert response.status_code == 200
    assert "U bekijkt dit dossier met noodtoegang. Dit wordt gecontroleerd." in response.content.decode()
    entry = last_entry(world.other_team_worker)
    assert (entry.action, entry.outcome, entry.emergency) == ("read", "allowed", True)
    # The team's own worker reads without the flag and without the banner.
    own = web_client(world.own_worker).get(household_url(world)).content.decode()
    assert "noodtoegang" not in own.lower()
    assert last_entry(world.own_worker).emergency is False


def test_query_count_does_not_grow_with_members(world):
    client = web_client(world.own_worker)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(household_url(world)).status_code == 200
        return len(ctx.captured_queries)

    count()  # the first request creates the access-log chain head
    two = count()
    f.add_member(world.household, relation="kind")
    three = count()
    for _ in range(17):
        resident = f.add_member(world.household, relation="kind")
        elsewhere = f.HouseholdFactory(municipality=world.municipality)
        lived_at(elsewhere, resident, dt.date(2000, 1, 1), dt.date(2001, 1, 1))
        f.involve(world.household, f.UserFactory(municipality=world.municipality))
    twenty = count()
    assert two == three == twenty

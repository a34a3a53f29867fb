"""The trajectory pages: every persona, access-log rows, forms with bad input, 409, constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.audit.models import AccessLogEntry
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, web_client
from stevig.trajectories import services
from stevig.trajectories.models import BasicHelp, Contact, PhaseChange, PilotLight, Trajectory
from stevig.trajectories.tests.conftest import actor_for, move_to

pytestmark = pytest.mark.django_db

ALLOWED = {"own_worker", "colleague", "team_lead"}
FILE_ROLE_OUTSIDERS = {
    "other_team_worker",
    "coordinator",
}  # same municipality, works in files: 403 + break-glass
WRONG_ROLE = {"policy", "department_worker", "admin", "privacy"}  # 403, never the file

PAGES = {
    "detail": ("{t}/", "traject"),
    "phase": ("{t}/fase/", "fase"),
    "basic_help": ("{t}/basishulp/", "basishulp"),
    "contact": ("{t}/contact/", "contact"),
    "consultation": ("{t}/consultatie/", "consultatie"),
    "expertise": ("{t}/expertise/", "expertise"),
    "involved": ("{t}/betrokkene/", "betrokkenen"),
}


def last_entry(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_trajectory_pages_per_persona(world, trajectory, tags, persona, page):
    user = getattr(world, persona)
    path, part = PAGES[page]
    response = web_client(user).get("/trajecten/" + path.format(t=trajectory.id))
    entry = last_entry(user)
    body = response.content.decode()
    if persona in ALLOWED:
        assert response.status_code == 200
        assert "Dorpsstraat" in body
        assert (entry.action, entry.outcome, entry.part) == ("read", "allowed", part)
        assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    else:
        assert "Fatima" not in body and "Dorpsstraat" not in body
        assert (entry.outcome, entry.part) == ("denied", part)
        if persona == "other_municipality_worker":
            assert response.status_code == 404
            assert entry.resident_ids == []
        else:
            assert response.status_code == 403
            assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
        if persona in FILE_ROLE_OUTSIDERS:
            assert "Noodtoegang vragen" in body


def test_anonymous_and_unverified_are_sent_to_login(world, trajectory):
    from django.test import Client

    response = Client().get(f"/trajecten/{trajectory.id}/")
    assert response.status_code == 302 and "/account/" in response["Location"]
    client = Client()
    client.force_login(world.own_worker)  # password only, no second factor
    assert client.get(f"/trajecten/{trajectory.id}/").status_code == 302


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_page_per_persona(world, trajectory, persona):
    user = getattr(world, persona)
    response = web_client(user).get("/trajecten/?wie=team")
    entry = last_entry(user)
    if persona in ALLOWED:
        assert response.status_code == 200
        assert str(trajectory.id) in response.content.decode()
        assert (entry.action, entry.outcome, entry.part) == ("search", "allowed", "trajecten")
        assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    elif persona in WRONG_ROLE:
        assert response.status_code == 403
        assert (entry.outcome, entry.part) == ("denied", "trajecten")
    else:
        assert response.status_code == 200
        assert str(trajectory.id) not in response.content.decode()
        assert entry.resident_ids == []


def test_mine_shows_only_my_trajectories(world, trajectory):
    other = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    f.add_member(other, given_names="Bram")
    services.open_trajectory(actor=actor_for(world.colleague), household_id=other.id)
    mine = web_client(world.own_worker).get("/trajecten/").content.decode()
    team = web_client(world.own_worker).get("/trajecten/?wie=team").content.decode()
    assert "Fatima" in mine and "Bram" not in mine
    assert "Fatima" in team and "Bram" in team


@pytest.mark.parametrize("persona", PERSONAS)
def test_pilot_light_page_per_persona(world, trajectory, persona):
    move_to(trajectory, world.own_worker, "plan", "hulp", "waakvlam")
    PilotLight.objects.update(next_due=dt.date(2020, 1, 1))  # missed
    user = getattr(world, persona)
    response = web_client(user).get("/trajecten/waakvlam/?wie=team")
    if persona in ALLOWED:
        assert response.status_code == 200
        body = response.content.decode()
        assert "Dorpsstraat" in body and "gemist" in body
        entry = last_entry(user)
        assert (entry.part, entry.action) == ("waakvlam", "search")
        assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    elif persona in WRONG_ROLE:
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert "Dorpsstraat" not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_figures_page_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get("/trajecten/cijfers/")
    entry = last_entry(user)
    if persona == "policy":
        assert response.status_code == 200
        assert "te weinig om te tonen" in response.content.decode()
        assert (entry.part, entry.outcome) == ("cijfers", "allowed")
    else:
        assert response.status_code == 403
        assert (entry.part, entry.outcome) == ("cijfers", "denied")


# --- Writes through the pages ---------------------------------------------------------------------------


def test_open_trajectory_page(world):
    household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    f.add_member(household, given_names="Noor")
    client = web_client(world.own_worker)
    page = client.get(f"/trajecten/huishouden/{household.id}/openen/")
    assert page.status_code == 200 and "Noor" in page.content.decode()
    bad = client.post(f"/trajecten/huishouden/{household.id}/openen/", {"contact_person": world.colleague.id})
    assert bad.status_code == 400
    assert 'aria-describedby="id_opened_from_error"' in bad.content.decode()
    response = client.post(
        f"/trajecten/huishouden/{household.id}/openen/",
        {"contact_person": world.colleague.id, "opened_from": "Wij redden het niet meer."},
    )
    trajectory = Trajectory.objects.get(household=household)
    assert response.status_code == 302 and response["Location"] == f"/trajecten/{trajectory.id}/"
    assert trajectory.contact_person == world.colleague
    again = client.post(
        f"/trajecten/huishouden/{household.id}/openen/",
        {"contact_person": world.colleague.id, "opened_from": "Nog een keer."},
    )
    assert again.status_code == 400 and "al een open traject" in again.content.decode()


def test_open_trajectory_page_denied_for_other_team(world):
    response = web_client(world.other_team_worker).get(f"/trajecten/huishouden/{world.household.id}/openen/")
    assert response.status_code == 403
    assert last_entry(world.other_team_worker).outcome == "denied"


def test_phase_page_changes_phase_with_reason(world, trajectory):
    client = web_client(world.own_worker)
    page = client.get(f"/trajecten/{trajectory.id}/fase/").content.decode()
    assert 'value="plan"' in page and 'value="afgesloten"' in page and 'value="hulp"' not in page
    missing = client.post(
        f"/trajecten/{trajectory.id}/fase/", {"to_phase": "afgesloten", "reason": "", "version": 1}
    )
    assert missing.status_code == 400
    assert "Schrijf op waarom u het traject afsluit." in missing.content.decode()
    forbidden = client.post(
        f"/trajecten/{trajectory.id}/fase/", {"to_phase": "waakvlam", "reason": "x", "version": 1}
    )
    assert forbidden.status_code == 400
    assert "Van verkennen naar waakvlam kan niet" in forbidden.content.decode()
    ok = client.post(
        f"/trajecten/{trajectory.id}/fase/", {"to_phase": "plan", "reason": "Plan maken.", "version": 1}
    )
    assert ok.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.phase == "plan"


def test_phase_page_concurrent_edit_is_refused_with_409(world, trajectory):
    first = web_client(world.own_worker)
    second = web_client(world.colleague)
    assert (
        first.post(
            f"/trajecten/{trajectory.id}/fase/", {"to_phase": "plan", "reason": "Plan maken.", "version": 1}
        ).status_code
        == 302
    )
    response = second.post(
        f"/trajecten/{trajectory.id}/fase/", {"to_phase": "afgesloten", "reason": "Klaar.", "version": 1}
    )
    assert response.status_code == 409
    assert "Iemand anders heeft dit traject intussen gewijzigd" in response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.phase == "plan"
    assert PhaseChange.objects.filter(trajectory=trajectory).count() == 2


def test_waakvlam_then_one_click_reactivation(world, trajectory):
    move_to(trajectory, world.own_worker, "plan", "hulp")
    client = web_client(world.own_worker)
    no_cadence = client.post(
        f"/trajecten/{trajectory.id}/fase/",
        {"to_phase": "waakvlam", "reason": "Doelen gehaald.", "version": 3},
    )
    assert no_cadence.status_code == 400
    assert (
        client.post(
            f"/trajecten/{trajectory.id}/fase/",
            {
                "to_phase": "waakvlam",
                "reason": "Doelen gehaald.",
                "version": 3,
                "cadence_number": 6,
                "cadence_unit": "weken",
            },
        ).status_code
        == 302
    )
    detail = client.get(f"/trajecten/{trajectory.id}/").content.decode()
    assert "Traject heractiveren" in detail and "elke 6 weken" in detail
    response = client.post(f"/trajecten/{trajectory.id}/heractiveren/", {"version": 4})
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.phase == "hulp"
    assert Trajectory.objects.filter(household=world.household).count() == 1


def test_basic_help_form_rules(world, trajectory):
    client = web_client(world.own_worker)
    base = {
        "kind": "maatwerk",
        "provided_by": world.own_worker.id,
        "intensity": "licht",
        "duration": "kort",
        "start_date": "2026-03-02",
        "evaluation_date": "2026-03-01",
        "reason": "",
    }
    response = client.post(f"/trajecten/{trajectory.id}/basishulp/", base)
    body = response.content.decode()
    assert response.status_code == 400
    assert "De evaluatiedatum ligt voor de startdatum." in body
    assert "Bij een creatieve maatwerkoplossing schrijft u op waarom" in body
    assert (
        'aria-describedby="id_evaluation_date_helptext id_evaluation_date_error"' in body
        or "id_evaluation_date_error" in body
    )
    assert not BasicHelp.objects.exists()
    ok = client.post(
        f"/trajecten/{trajectory.id}/basishulp/",
        {**base, "evaluation_date": "2026-04-13", "reason": "Tijdelijk vervoer."},
    )
    assert ok.status_code == 302
    row = BasicHelp.objects.get()
    evaluate = client.post(
        f"/trajecten/{trajectory.id}/basishulp/{row.id}/evaluatie/",
        {"evaluated_at": "2026-04-10", "note": "Loopt goed.", "version": 1},
    )
    assert evaluate.status_code == 302
    detail = client.get(f"/trajecten/{trajectory.id}/").content.decode()
    assert "Op tijd geëvalueerd" in detail


def test_contact_and_consultation_forms(world, trajectory, tags):
    client = web_client(world.own_worker)
    page = client.get(f"/trajecten/{trajectory.id}/contact/").content.decode()
    assert "Fatima El Amrani" in page and "Yusuf El Amrani" in page
    bad = client.post(
        f"/trajecten/{trajectory.id}/contact/",
        {"kind": "huisbezoek", "contact_date": "2026-01-05", "summary": "Gesprek."},
    )
    assert bad.status_code == 400 and "Kies met wie u contact had" in bad.content.decode()
    ok = client.post(
        f"/trajecten/{trajectory.id}/contact/",
        {
            "kind": "huisbezoek",
            "contact_date": "2026-01-05",
            "summary": "Gesprek.",
            "residents": [world.parent.id],
        },
    )
    assert ok.status_code == 302
    assert list(Contact.objects.get().residents.all()) == [world.parent]
    referral = {
        "kind": "verwijzing",
        "area": tags["GGZ"].id,
        "consulted": "GGZ Noord",
        "consultation_date": "2026-01-06",
        "question": "Behandeling?",
    }
    bad = client.post(f"/trajecten/{trajectory.id}/consultatie/", referral)
    assert bad.status_code == 400 and "Het team blijft het aanspreekpunt" in bad.content.decode()
    ok = client.post(f"/trajecten/{trajectory.id}/consultatie/", {**referral, "follow_up_date": "2026-02-06"})
    assert ok.status_code == 302
    detail = client.get(f"/trajecten/{trajectory.id}/").content.decode()
    assert "GGZ Noord" in detail and "Verwezen naar specialistische hulp (GGZ)" in detail


def test_expertise_and_involved_forms(world, trajectory, tags):
    world.colleague.expertise.add(tags["schulden"])
    client = web_client(world.own_worker)
    assert (
        client.post(
            f"/trajecten/{trajectory.id}/expertise/", {"expertise": [tags["schulden"].id], "version": 1}
        ).status_code
        == 302
    )
    detail = client.get(f"/trajecten/{trajectory.id}/").content.decode()
    assert "Collega&#x27;s in het team met deze expertise" in detail or "Collega's in het team" in detail
    assert "Persoon" in detail  # the colleague's name (factory last name)
    stale = client.post(f"/trajecten/{trajectory.id}/expertise/", {"expertise": [], "version": 1})
    assert stale.status_code == 409
    ok = client.post(f"/trajecten/{trajectory.id}/betrokkene/", {"user": world.other_team_worker.id})
    assert ok.status_code == 302
    assert web_client(world.other_team_worker).get(f"/trajecten/{trajectory.id}/").status_code == 200


# --- Query counts ---------------------------------------------------------------------------------------


def _busy_household(world, tags, n):
    household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    members = [f.add_member(household) for _ in range(2)]
    trajectory = services.open_trajectory(actor=actor_for(world.own_worker), household_id=household.id)
    actor = actor_for(world.own_worker)
    for i in range(n):
        services.add_basic_help(
            actor=actor,
            trajectory_id=trajectory.id,
            kind="advies",
            provided_by_id=None,
            intensity="licht",
            duration="kort",
            start_date=dt.date(2026, 1, 1),
            evaluation_date=dt.date(2026, 2, 1),
        )
        services.record_contact(
            actor=actor,
            trajectory_id=trajectory.id,
            kind="telefoon",
            contact_date=dt.date(2026, 1, 1 + i),
            summary="x",
            resident_ids=[m.id for m in members],
        )
        services.record_consultation(
            actor=actor,
            trajectory_id=trajectory.id,
            kind="consultatie",
            area_id=tags["GGZ"].id,
            consulted="x",
            consultation_date=dt.date(2026, 1, 1),
            question="?",
        )
        services.add_involved_professional(
            actor=actor,
            trajectory_id=trajectory.id,
            user_id=f.UserFactory(municipality=world.municipality, team=world.team).id,
        )
    return trajectory


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_trajectory_page_query_count_is_constant(world, tags):
    client = web_client(world.own_worker)
    small = _busy_household(world, tags, 1)
    big = _busy_household(world, tags, 8)
    assert _count(client, f"/trajecten/{small.id}/") == _count(client, f"/trajecten/{big.id}/")


def test_list_query_count_is_constant(world, trajectory):
    client = web_client(world.own_worker)
    few = _count(client, "/trajecten/?wie=team")
    for _ in range(20):
        household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
        f.add_member(household)
        f.add_member(household)
        t = services.open_trajectory(actor=actor_for(world.own_worker), household_id=household.id)
        move_to(t, world.own_worker, "plan", "hulp", "waakvlam")
    assert _count(client, "/trajecten/?wie=team") == few
    assert _count(client, "/trajecten/waakvlam/?wie=team") == _count(client, "/trajecten/waakvlam/")


def test_list_paginates(world, trajectory):
    for _ in range(26):
        household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
        services.open_trajectory(actor=actor_for(world.own_worker), household_id=household.id)
    client = web_client(world.own_worker)
    first = client.get("/trajecten/")
    assert "Volgende pagina" in first.content.decode()
    second = client.get(first.context["page"].next_url).content.decode()
    assert "Vorige pagina" in second and "Volgende pagina" not in second


def test_start_page_panel_shows_due_pilot_light_and_evaluations(world, trajectory):
    move_to(trajectory, world.own_worker, "plan", "hulp", "waakvlam")
    PilotLight.objects.update(next_due=dt.date(2020, 1, 1))
    services.add_basic_help(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        kind="financien",
        provided_by_id=None,
        intensity="licht",
        duration="kort",
        start_date=dt.date(2020, 1, 1),
        evaluation_date=dt.date(2020, 2, 1),
    )
    response = web_client(world.own_worker).get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Waakvlamcontact Dorpsstraat" in body and "gemist" in body
    assert "Evaluatie helpen met financiën" in body
    entry = AccessLogEntry.objects.filter(user_id=world.own_worker.id, part="werklijst").latest("id")
    assert entry.action == "search"
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    other = web_client(world.colleague).get("/").content.decode()
    assert "Waakvlamcontact Dorpsstraat" not in other  # the colleague is not the contact person


def test_emergency_access_is_shown_and_flagged(world, trajectory):
    from stevig.people import services as people_services

    people_services.grant_emergency_access(
        actor=actor_for(world.other_team_worker),
        household_id=world.household.id,
        reason="Melding van de politie, kind mogelijk in gevaar.",
    )
    response = web_client(world.other_team_worker).get(f"/trajecten/{trajectory.id}/")
    assert response.status_code == 200
    assert "noodtoegang" in response.content.decode()
    entry = last_entry(world.other_team_worker)
    assert (entry.part, entry.outcome, entry.emergency) == ("traject", "allowed", True)

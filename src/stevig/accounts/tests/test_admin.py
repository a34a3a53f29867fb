"""/beheer/: only a verified functioneel beheerder (or superuser), and only their own municipality."""

import datetime as dt

import pytest
from django.test import Client

from stevig.accounts.models import Role, User
from stevig.audit.models import AccessLogEntry
from stevig.tenancy.models import Location, Neighbourhood, OpeningHours, Team
from stevig.testing import factories as f
from stevig.testing.browser import current_code
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_rows(world):
    hood = f.NeighbourhoodFactory(municipality=world.other_municipality, code="WK900201", name="Elders")
    team = Team.objects.get(municipality=world.other_municipality)
    return {"hood": hood, "team": team}


def test_anonymous_goes_to_stevig_login_and_comes_back(world):
    response = Client().get("/beheer/")
    assert response.status_code == 302
    login_redirect = Client().get(response["Location"])
    assert login_redirect.status_code == 302
    assert login_redirect["Location"] == "/account/inloggen/?next=/beheer/"


def test_password_only_beheer_is_sent_to_login(world):
    client = Client()
    client.force_login(world.admin)  # no second factor
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0] == "/account/inloggen/?next=/beheer/"
    assert b"Inrichting van uw gemeente" not in response.content


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_beheer_gets_in(world, persona):
    user = getattr(world, persona)
    client = web_client(user)
    response = client.get("/beheer/", follow=True)
    if persona == "admin":
        assert response.status_code == 200
        html = response.content.decode()
        assert "Inrichting van uw gemeente" in html
        for link in ("/beheer/tenancy/team/", "/beheer/tenancy/location/", "/beheer/accounts/user/"):
            assert f'href="{link}"' in html
        assert "/beheer/auth/group/" not in html  # Django's own permission tables stay hidden
    else:
        assert response.status_code == 403
        assert "U heeft geen toegang tot deze pagina" in response.content.decode()
        assert client.get("/beheer/tenancy/team/").status_code in (302, 403)
    assert not AccessLogEntry.objects.exists()


def test_beheer_with_two_factor_login_then_admin(world):
    client = Client()
    client.post("/account/inloggen/", {"username": "beheer", "password": f.PASSWORD, "next": "/beheer/"})
    response = client.post("/account/tweede-stap/", {"code": current_code(world.admin)})
    assert response["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200


def test_beheer_sees_only_own_municipality(world, other_rows, django_assert_max_num_queries):
    client = web_client(world.admin)
    with django_assert_max_num_queries(12):
        html = client.get("/beheer/tenancy/team/").content.decode()
    assert "Team Noord" in html and "Team Zuid" in html
    assert "Team Anderdorp" not in html
    html = client.get("/beheer/tenancy/municipality/").content.decode()
    assert "Stevigdam" in html and "Anderdorp" not in html
    assert client.get(f"/beheer/tenancy/team/{other_rows['team'].id}/change/").status_code == 302
    assert (
        client.get(f"/beheer/tenancy/municipality/{world.other_municipality.id}/change/").status_code == 302
    )
    users = client.get("/beheer/accounts/user/").content.decode()
    assert "eigen" in users and "andergemeente" not in users


def test_team_list_query_count_is_constant(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = web_client(world.admin)
    with CaptureQueriesContext(connection) as few:
        client.get("/beheer/tenancy/location/")
    for i in range(15):
        team = f.TeamFactory(municipality=world.municipality, name=f"Extra {i}")
        location = Location.objects.create(
            municipality=world.municipality, name=f"Buurthuis {i}", kind="buurthuis", team=team
        )
        OpeningHours.objects.create(
            municipality=world.municipality,
            location=location,
            weekday=0,
            opens=dt.time(9),
            closes=dt.time(12),
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/beheer/tenancy/location/")
    assert len(many) == len(few)


def test_new_rows_get_own_municipality_and_choices_are_scoped(world, other_rows):
    client = web_client(world.admin)
    form = client.get("/beheer/tenancy/team/add/").content.decode()
    assert 'name="municipality"' not in form
    assert "Elders" not in form  # other municipality's neighbourhood is not offered
    response = client.post("/beheer/tenancy/team/add/", {"name": "Team Oost", "neighbourhoods": []})
    assert response.status_code == 302, response.content[:2000]
    assert Team.objects.get(name="Team Oost").municipality == world.municipality
    # Picking another municipality's neighbourhood by id is refused.
    response = client.post(
        "/beheer/tenancy/team/add/", {"name": "Team West", "neighbourhoods": [other_rows["hood"].id]}
    )
    assert response.status_code == 200
    assert not Team.objects.filter(name="Team West").exists()


def test_duplicate_code_in_own_municipality_is_a_form_error_not_a_crash(world, other_rows):
    client = web_client(world.admin)
    response = client.post("/beheer/tenancy/neighbourhood/add/", {"code": "WK900101", "name": "Dubbel"})
    assert response.status_code == 200
    assert not Neighbourhood.objects.filter(name="Dubbel").exists()
    # The same code in another municipality is no conflict for this one.
    response = client.post("/beheer/tenancy/neighbourhood/add/", {"code": "WK900201", "name": "Nieuw"})
    assert response.status_code == 302
    assert Neighbourhood.objects.get(name="Nieuw").municipality == world.municipality


def test_bad_input_in_admin_forms(world):
    client = web_client(world.admin)
    response = client.post("/beheer/tenancy/neighbourhood/add/", {"code": "123", "name": ""})
    assert response.status_code == 200
    assert "Een wijkcode is WK met zes cijfers" in response.content.decode()


def test_location_with_opening_hours_inline(world):
    client = web_client(world.admin)
    data = {
        "name": "Bibliotheek Noord",
        "kind": "bibliotheek",
        "street": "",
        "house_number": "",
        "postcode": "",
        "city": "",
        "neighbourhood": "",
        "team": str(world.team.id),
        "accessibility_notes": "",
        "opening_hours-TOTAL_FORMS": "1",
        "opening_hours-INITIAL_FORMS": "0",
        "opening_hours-MIN_NUM_FORMS": "0",
        "opening_hours-MAX_NUM_FORMS": "1000",
        "opening_hours-0-weekday": "2",
        "opening_hours-0-opens": "09:00",
        "opening_hours-0-closes": "12:00",
        "opening_hours-0-note": "",
    }
    response = client.post("/beheer/tenancy/location/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    location = Location.objects.get(name="Bibliotheek Noord")
    assert location.municipality == world.municipality
    hours = OpeningHours.objects.get(location=location)
    assert hours.municipality == world.municipality
    bad = {**data, "name": "Omgekeerd", "opening_hours-0-opens": "12:00", "opening_hours-0-closes": "09:00"}
    response = client.post("/beheer/tenancy/location/add/", bad)
    assert response.status_code == 200
    assert not Location.objects.filter(name="Omgekeerd").exists()


def test_beheer_cannot_see_or_make_superusers(world):
    root = f.UserFactory(username="root", municipality=world.municipality, role="", is_superuser=True)
    client = web_client(world.admin)
    assert "root" not in client.get("/beheer/accounts/user/").content.decode()
    assert client.get(f"/beheer/accounts/user/{root.id}/change/").status_code == 302
    form = client.get(f"/beheer/accounts/user/{world.colleague.id}/change/").content.decode()
    assert 'name="is_superuser"' not in form
    assert 'name="role"' in form


def test_beheer_adds_a_user_in_own_municipality_without_a_password(world):
    client = web_client(world.admin)
    form = client.get("/beheer/accounts/user/add/").content.decode()
    assert 'name="password1"' not in form
    response = client.post(
        "/beheer/accounts/user/add/",
        {"username": "nieuw", "first_name": "Nieuwe", "last_name": "Collega", "email": "nieuw@example.org"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="nieuw")
    assert user.municipality == world.municipality
    assert not user.has_usable_password()
    row = AccessLogEntry.objects.get(part="account", object_id=str(user.id))
    assert (row.action, row.username) == ("create", "beheer")
    assert row.detail["wijzigingen"]["username"] == [None, "nieuw"]


def test_superuser_sees_every_municipality(world, other_rows):
    root = f.UserFactory(username="root", municipality=None, role="", is_superuser=True, is_staff=True)
    client = web_client(root)
    html = client.get("/beheer/tenancy/team/").content.decode()
    assert "Team Anderdorp" in html and "Team Noord" in html
    assert client.get(f"/beheer/tenancy/team/{other_rows['team'].id}/change/").status_code == 200
    assert Role.ADMIN == "beheer"

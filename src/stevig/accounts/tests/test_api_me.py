"""GET /api/v1/me/: who is logged in, with token or verified session."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from stevig.audit.models import AccessLogEntry
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, api_client, web_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/me"


@pytest.mark.parametrize("persona", PERSONAS)
def test_me_per_persona(world, persona, django_assert_max_num_queries):
    user = getattr(world, persona)
    client = api_client(user)
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == str(user.pk)  # the id assign/involve/contact-person take (issue 13 point 11)
    assert data["username"] == user.username
    assert data["name"] == user.get_full_name()
    assert data["role"] == user.role
    assert data["municipality_code"] == user.municipality.code
    if user.team_id:
        assert data["team"] == {"id": str(user.team.id), "name": user.team.name}
    else:
        assert data["team"] is None
    assert not AccessLogEntry.objects.exists()


def test_verified_web_session_works_but_password_only_session_does_not(world):
    assert web_client(world.own_worker).get(URL).json()["municipality_code"] == "GM9001"
    half = Client()
    half.force_login(world.own_worker)
    assert half.get(URL).status_code in (401, 403)


def test_anonymous_and_bad_token_are_refused(world):
    response = APIClient().get(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token niet-geldig")
    assert bad.get(URL).status_code == 401


def test_account_without_role_or_inactive_is_refused(world):
    no_role = f.UserFactory(municipality=world.municipality, role="")
    assert api_client(no_role).get(URL).status_code == 403
    world.colleague.is_active = False
    world.colleague.save()
    assert api_client(world.colleague).get(URL).status_code == 401


def test_only_get(world):
    assert api_client(world.own_worker).post(URL, {}).status_code == 405


STAFF = "/api/v1/staff"


def test_staff_list_gives_the_ids_of_colleagues_of_the_own_municipality_only(
    world, django_assert_max_num_queries
):
    """Issue 13 point 11: assign/involve/contact-person take user ids, but no endpoint listed staff."""
    client = api_client(world.own_worker)
    with django_assert_max_num_queries(4):
        response = client.get(STAFF, {"page_size": 100})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}
    ids = {row["id"] for row in body["results"]}
    assert str(world.colleague.pk) in ids and str(world.team_lead.pk) in ids
    assert str(world.other_municipality_worker.pk) not in ids
    row = next(r for r in body["results"] if r["id"] == str(world.colleague.pk))
    assert row == {
        "id": str(world.colleague.pk),
        "name": world.colleague.get_full_name(),
        "role": world.colleague.role,
        "team": {"id": str(world.team.id), "name": world.team.name},
    }
    team = client.get(STAFF, {"team": str(world.other_team.id), "page_size": 100}).json()["results"]
    assert team and all(r["team"]["id"] == str(world.other_team.id) for r in team)
    leads = client.get(STAFF, {"role": "teamleider"}).json()["results"]
    assert leads and {r["role"] for r in leads} == {"teamleider"}
    assert not AccessLogEntry.objects.exists()


def test_staff_list_pages_in_constant_queries_and_refuses_bad_filters_and_anonymous(
    world, django_assert_max_num_queries
):
    f.UserFactory.create_batch(5, municipality=world.municipality, team=world.team)
    client = api_client(world.own_worker)
    with django_assert_max_num_queries(4):
        first = client.get(STAFF, {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    with django_assert_max_num_queries(4):
        assert len(client.get(first["next"]).json()["results"]) == 2
    bad = client.get(STAFF, {"role": "koning", "team": "geen-uuid"})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"role", "team"}
    assert APIClient().get(STAFF).status_code == 401

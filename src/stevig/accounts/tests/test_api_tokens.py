"""API keys: hashed at rest, named, owned by a person or a named system, shown once, expiring, revocable by
the owner and by functioneel beheer; every log row written with a key names it (issue 13, finding 8).

Regression: DRF's tokens never expired, were stored in plain text and the log could not tell which key or
system acted."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from stevig.accounts.models import ApiToken
from stevig.audit.models import AccessLogEntry
from stevig.testing.personas import web_client

pytestmark = pytest.mark.django_db

PAGE = "/account/api-sleutels/"
ME = "/api/v1/me"


def make_key(client: Client, name: str = "agenda-koppeling", days: int = 30) -> str:
    response = client.post(PAGE, {"action": "create", "name": name, "days": days})
    assert response.status_code == 200
    match = re.search(r'id="nieuwe-sleutel">(stv_[^<]+)<', response.content.decode())
    assert match is not None
    return match.group(1)


def api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_key_is_shown_once_and_stored_hashed(world):
    client = web_client(world.own_worker)
    key = make_key(client)
    token = ApiToken.objects.get(user=world.own_worker, name="agenda-koppeling")
    assert key not in (token.key_hash, token.prefix) and token.prefix == key[:12]
    assert key not in str(list(ApiToken.objects.values_list()))
    page = client.get(PAGE).content.decode()
    assert "agenda-koppeling" in page and key not in page and token.prefix in page
    row = AccessLogEntry.objects.get(part="account", object_type="accounts.apitoken", action="create")
    assert row.username == world.own_worker.username


def test_key_works_and_every_log_row_names_it(world):
    key = make_key(web_client(world.own_worker))
    response = api(key).get(f"/api/v1/households/{world.household.id}")
    assert response.status_code == 200
    row = AccessLogEntry.objects.filter(user_id=world.own_worker.id, part="huishouden").latest("id")
    assert row.access_point.startswith("api ") and "sleutel «agenda-koppeling» stv_" in row.access_point
    assert ApiToken.objects.get(name="agenda-koppeling").last_used_at is not None


def test_system_key_made_by_an_operator_names_the_system(world, capsys):
    call_command(
        "create_api_token",
        "--username",
        world.own_worker.username,
        "--system",
        "Suite4Sociaal",
        "--days",
        "7",
    )
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert key.startswith("stv_")
    assert api(key).get(f"/api/v1/households/{world.household.id}").status_code == 200
    row = AccessLogEntry.objects.filter(user_id=world.own_worker.id, part="huishouden").latest("id")
    assert "sleutel «Suite4Sociaal»" in row.access_point


def test_key_expires(world):
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        key = make_key(web_client(world.own_worker), days=30)
    with time_machine.travel(dt.datetime(2026, 12, 2, 8, 59, tzinfo=dt.UTC), tick=False):
        assert api(key).get(ME).status_code == 200
    with time_machine.travel(dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        assert api(key).get(ME).status_code in (401, 403)


def test_owner_revokes(world):
    client = web_client(world.own_worker)
    key = make_key(client)
    token = ApiToken.objects.get(name="agenda-koppeling")
    # Someone else cannot revoke it through their own page.
    assert web_client(world.colleague).post(PAGE, {"action": "revoke", "token": token.pk}).status_code == 404
    assert api(key).get(ME).status_code == 200
    assert client.post(PAGE, {"action": "revoke", "token": token.pk}).status_code == 302
    assert api(key).get(ME).status_code in (401, 403)
    assert "ingetrokken" in client.get(PAGE).content.decode()


def test_beheer_revokes_in_own_municipality_only(world):
    key = make_key(web_client(world.own_worker))
    other_key = make_key(web_client(world.other_municipality_worker), name="elders")
    beheer = web_client(world.admin)
    listing = beheer.get("/beheer/accounts/apitoken/").content.decode()
    assert "agenda-koppeling" in listing and "elders" not in listing
    ids = list(ApiToken.objects.values_list("pk", flat=True))
    response = beheer.post("/beheer/accounts/apitoken/", {"action": "revoke", "_selected_action": ids})
    assert response.status_code == 302
    assert api(key).get(ME).status_code in (401, 403)
    assert api(other_key).get(ME).status_code == 200
    assert beheer.get("/beheer/accounts/apitoken/add/").status_code == 403
    row = AccessLogEntry.objects.get(object_type="accounts.apitoken", action="update")
    assert row.username == "beheer" and row.detail["wijzigingen"] == {"status": ["geldig", "ingetrokken"]}


def test_key_of_a_deactivated_account_stops(world):
    key = make_key(web_client(world.own_worker))
    world.own_worker.is_active = False
    world.own_worker.save()
    assert api(key).get(ME).status_code in (401, 403)


def test_old_plain_tokens_no_longer_work(world):
    plain = Token.objects.create(user=world.own_worker)
    assert api(plain.key).get(ME).status_code in (401, 403)


def test_page_needs_the_second_factor_and_checks_input(world):
    half = Client()
    half.force_login(world.own_worker)
    assert half.get(PAGE).status_code == 302
    client = web_client(world.own_worker)
    bad = client.post(PAGE, {"action": "create", "name": "", "days": 0})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Geef de sleutel een naam." in html and "Kies 1 tot 366 dagen." in html
    assert not ApiToken.objects.filter(user=world.own_worker).exclude(name="test").exists()

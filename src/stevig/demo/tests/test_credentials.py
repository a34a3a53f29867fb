"""`stevig_demo_credentials`: only in demo mode, exact JSON keys, working TOTP secrets and API tokens."""

import base64
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from stevig.accounts.models import User
from stevig.audit.models import AccessLogEntry
from stevig.demo.credentials import current_code
from stevig.demo.spec import DEMO_PASSWORD, DEMO_USERNAMES
from stevig.people.models import Household, Involvement, Resident
from stevig.testing.digid import digid_login

pytestmark = pytest.mark.django_db
KEYS = {"username", "password", "role", "team", "totp_secret", "api_token"}


@pytest.fixture
def demo(shared_demo, settings):
    """The shared demo (`stevig.testing.shared_world.DEMO`), in demo mode."""
    settings.DEMO = True
    return shared_demo


def credentials(capsys) -> dict[str, dict]:
    call_command("stevig_demo_credentials", "--json")
    return {c["username"]: c for c in json.loads(capsys.readouterr().out)}


def test_json_has_exactly_the_required_keys_for_every_demo_user(demo, capsys):
    creds = credentials(capsys)
    assert list(creds) == list(DEMO_USERNAMES)
    for c in creds.values():
        assert set(c) == KEYS
        assert c["password"] == DEMO_PASSWORD
        assert c["role"] in {
            "medewerker",
            "coordinator",
            "teamleider",
            "vakafdeling",
            "beleid",
            "beheer",
            "privacy",
        }
    assert creds["anna"]["team"] == "Team Noord" and creds["bram"]["team"] == "Team Zuid"
    assert creds["carla"]["team"] is None and creds["dirk"]["team"] == "Team Anderdorp"


def test_totp_secret_verifies_a_code_generated_from_it(demo, capsys):
    for username, c in credentials(capsys).items():
        key = base64.b32decode(c["totp_secret"])
        code = f"{totp(key):06d}"
        device = TOTPDevice.objects.get(user__username=username)
        assert device.verify_token(code), username
        assert not device.verify_token(f"{(int(code) + 1) % 1_000_000:06d}")


def test_api_token_authenticates_and_sees_only_own_team(demo, capsys):
    creds = credentials(capsys)
    anna = User.objects.get(username="anna")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {creds['anna']['api_token']}")
    seen: set[str] = set()
    url = "/api/v1/households?page_size=100"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen |= {h["id"] for h in response.json()["results"]}
        url = response.json()["next"]
    involved = {str(i) for i in Involvement.objects.filter(user=anna).values_list("household_id", flat=True)}
    team = {str(i) for i in Household.objects.filter(team=anna.team).values_list("id", flat=True)}
    assert seen == team | involved
    assert Household.objects.filter(id__in=seen, municipality__code="GM9902").count() == 0
    assert AccessLogEntry.objects.filter(user_id=anna.id, action="search", outcome="allowed").exists()


def test_demo_residents_are_found_by_name_prefix(demo, capsys):
    """The loader writes the search tokens too: a worker finds a resident of the team by name."""
    anna = User.objects.get(username="anna")
    resident = Resident.objects.filter(
        memberships__household__team=anna.team, memberships__end_date__isnull=True
    ).first()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {credentials(capsys)['anna']['api_token']}")
    query = f"{resident.given_names.split()[0][:3]} {resident.surname[:4]}"
    response = client.post("/api/v1/residents/search", {"name": query, "page_size": 100}, format="json")
    assert response.status_code == 200
    assert str(resident.id) in {r["id"] for r in response.json()["results"]}
    entry = AccessLogEntry.objects.filter(user_id=anna.id, action="search").latest("id")
    assert str(resident.id) in entry.resident_ids


def test_api_token_of_the_other_municipality_sees_only_its_own(demo, capsys):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {credentials(capsys)['dirk']['api_token']}")
    ids = {h["id"] for h in client.get("/api/v1/households?page_size=100").json()["results"]}
    assert ids
    assert ids == {
        str(i) for i in Household.objects.filter(municipality__code="GM9902").values_list("id", flat=True)
    }


def test_wrong_token_is_refused(demo):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.get("/api/v1/households").status_code == 401


def test_readable_table_shows_current_code_and_dutch_instructions(demo, capsys):
    device = TOTPDevice.objects.get(user__username="anna")
    before = current_code(device)
    call_command("stevig_demo_credentials")
    after = current_code(device)
    out = capsys.readouterr().out
    for username in DEMO_USERNAMES:
        assert f"\n  {username} " in out
    anna_line = next(line for line in out.splitlines() if line.startswith("  anna "))
    assert before in anna_line or after in anna_line  # the code may roll over during the command
    assert "Codes veranderen elke 30 seconden" in out
    assert ".venv/bin/python manage.py stevig_demo_credentials" in out
    assert DEMO_PASSWORD in out
    assert not any(line != line.rstrip() for line in out.splitlines())


def test_current_code_matches_the_device(demo):
    device = TOTPDevice.objects.get(user__username="bram")
    assert device.verify_token(current_code(device))
    # RFC 6238 test vector: SHA-1 key "12345678901234567890" at t=59 gives 94287082 (8 digits).
    rfc = TOTPDevice(key=b"12345678901234567890".hex(), digits=8)
    assert current_code(rfc, at=59) == "94287082"
    assert current_code(TOTPDevice(key=b"12345678901234567890".hex()), at=59) == "287082"


def test_refused_without_demo_mode(demo, settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="STEVIG_DEMO=1"):
        call_command("stevig_demo_credentials", "--json")


def test_refused_when_demo_is_not_loaded(db, settings):
    settings.DEMO = True
    with pytest.raises(CommandError, match="stevig_demo"):
        call_command("stevig_demo_credentials")


def test_demo_user_logs_in_with_password_and_code_from_the_credentials(demo, capsys):
    """End to end through the real login pages: what `make run` prints is enough to get in."""
    from django.test import Client

    anna = credentials(capsys)["anna"]
    client = Client()
    response = client.post("/account/inloggen/", {"username": anna["username"], "password": anna["password"]})
    assert response.status_code == 302 and response["Location"].endswith("/account/tweede-stap/")
    code = f"{totp(base64.b32decode(anna['totp_secret'])):06d}"
    response = client.post("/account/tweede-stap/", {"code": code})
    assert response.status_code == 302
    me = client.get("/api/v1/me")
    assert me.status_code == 200 and me.json()["username"] == "anna"


def test_demo_password_with_a_wrong_code_does_not_get_in(demo, capsys):
    from django.test import Client

    bram = credentials(capsys)["bram"]
    client = Client()
    client.post("/account/inloggen/", {"username": "bram", "password": bram["password"]})
    good = f"{totp(base64.b32decode(bram['totp_secret'])):06d}"
    client.post("/account/tweede-stap/", {"code": f"{(int(good) + 500_000) % 1_000_000:06d}"})
    assert client.get("/api/v1/me").status_code in (401, 403)


def test_readable_output_lists_residents_who_can_log_in_to_mijn_stevig(demo, capsys, settings):
    import re

    from django.test import Client

    settings.DIGID_MOCK = True
    call_command("stevig_demo_credentials")
    out = capsys.readouterr().out
    assert "Mijn Stevig" in out and "/mijn/" in out
    bsns = re.findall(r"\b999\d{6}\b", out.split("Mijn Stevig", 1)[1])
    assert bsns
    client = Client()
    assert digid_login(client, bsns[0]).status_code == 302
    page = client.get("/mijn/").content.decode()
    assert "Mijn vragen" in page and "HV-" in page  # the demo resident has a question of their own

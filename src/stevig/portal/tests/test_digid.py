"""DigiD for Mijn Stevig through django-digid-eherkenning: the package's mock identity provider in the demo
and tests, refused elsewhere; the BSN matched to the resident; no Django user for a resident; the session's
idle and absolute lifetime; failed and cancelled logins."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.test import Client

from stevig.accounts.models import User
from stevig.audit.models import AccessLogEntry
from stevig.portal import principal
from stevig.portal.tests.conftest import PARENT_BSN, TODAY, resident_client
from stevig.testing.digid import digid_login, mock_bsn_page

ROOT = Path(__file__).resolve().parents[4]


def test_the_mock_flow_logs_the_resident_in_without_a_django_user(world, portal):
    users = User.objects.count()
    client = Client()
    start = client.get("/mijn/digid/login/")
    assert start.status_code == 302 and "/mijn/digid/oefenomgeving/inloggen/?" in start["Location"]
    bsn_page = mock_bsn_page(client)
    page = client.get(bsn_page)
    assert page.status_code == 200 and "Dit is niet de echte DigiD." in page.content.decode()
    back = client.post(bsn_page, {"auth_bsn": PARENT_BSN})
    # The package's mock returns to the ACS with the BSN (fictitious BSNs only: demo and tests).
    assert back.status_code == 302 and "/mijn/digid/acs/?" in back["Location"]
    response = client.get(back["Location"])
    assert response.status_code == 302 and response["Location"] == "/mijn/"
    assert User.objects.count() == users
    assert "_auth_user_id" not in client.session
    assert client.session[principal.SESSION_KEY]["resident"] == str(world.parent.id)
    assert "Welkom, Fatima" in client.get("/mijn/").content.decode()
    # The resident's own reads (the gezag question at login, the overview) name the resident as actor,
    # never the BSN.
    rows = AccessLogEntry.objects.filter(user_id=world.parent.id)
    assert (
        rows.exists()
        and {r.username for r in rows} == {"inwoner (DigiD)"}
        and {r.role for r in rows} == {"inwoner"}
    )
    assert all(PARENT_BSN not in str(r.detail) for r in rows)


def test_the_next_parameter_cannot_send_the_resident_elsewhere(world, portal):
    client = Client()
    back = client.post(mock_bsn_page(client), {"auth_bsn": PARENT_BSN})
    acs = back["Location"].replace("next=", "next=https%3A%2F%2Fevil.example%2F&x=")
    assert client.get(acs)["Location"] == "/mijn/"


def test_a_bsn_failing_the_elfproef_is_refused_on_the_mock_page(world, portal):
    client = Client()
    response = client.post(mock_bsn_page(client), {"auth_bsn": "123456789"})
    assert response.status_code == 200
    assert "Dit burgerservicenummer klopt niet" in response.content.decode()
    assert principal.SESSION_KEY not in client.session


def test_unknown_bsn_gets_no_portal(world, portal):
    client = Client()
    response = digid_login(client, "999990032")  # a valid BSN without a file in this municipality
    assert response.status_code == 403
    assert "Wij hebben nog geen gegevens van u" in response.content.decode()
    assert client.get("/mijn/wie-keek/").status_code == 302


def test_a_failed_or_cancelled_login_says_so(world, portal):
    client = Client()
    mock_bsn_page(client)
    response = client.get("/mijn/digid/acs/?bsn=")  # the identity provider vouched for nothing
    assert response.status_code == 302 and response["Location"] == "/mijn/?digid=mislukt"
    assert "Inloggen met DigiD is niet gelukt" in client.get(response["Location"]).content.decode()
    assert principal.SESSION_KEY not in client.session


def test_the_login_remembers_the_municipality_across_the_identity_provider(world, portal):
    other = world.other_municipality
    client = Client()
    response = digid_login(client, PARENT_BSN, gemeente=other.code)
    assert response.status_code == 403  # the parent has no file in the other municipality
    assert principal.SESSION_KEY not in client.session


def test_the_mock_is_off_outside_the_demo_and_development(world, portal, settings):
    settings.DIGID_MOCK = False
    client = Client()
    for url in [
        "/mijn/digid/login/",
        "/mijn/digid/acs/?bsn=" + PARENT_BSN,
        "/mijn/digid/oefenomgeving/inloggen/?acs=/mijn/digid/acs/&next=/mijn/",
        "/mijn/digid/oefenomgeving/inloggen_bsn/?acs=/mijn/digid/acs/&next=/mijn/",
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            "/mijn/digid/oefenomgeving/inloggen_bsn/?acs=/mijn/digid/acs/&next=/mijn/",
            {"auth_bsn": PARENT_BSN},
        ).status_code
        == 404
    )
    assert principal.SESSION_KEY not in client.session
    assert "kan hier nog niet" in client.get("/mijn/").content.decode()


def _settings_with(**env: str) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("STEVIG_") and k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-c", "import stevig.settings as s; print('mock', s.DIGID_MOCK)"],
        env={**keep, "PYTHONPATH": str(ROOT / "src"), "STEVIG_SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.system
def test_settings_refuse_the_mock_in_production():
    refused = _settings_with(STEVIG_DIGID_MOCK="1")
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "STEVIG_DIGID_MOCK=1" in refused.stderr
    assert _settings_with().stdout.strip() == "mock False"  # production default: off
    assert _settings_with(STEVIG_DEMO="1").stdout.strip() == "mock True"  # the demo: on
    assert _settings_with(STEVIG_DEMO="1", STEVIG_DIGID_MOCK="0").stdout.strip() == "mock False"


def test_the_session_follows_digids_idle_norm(world, portal, settings):
    client = resident_client(PARENT_BSN)
    assert client.session.get_expiry_age() == settings.DIGID_SESSION_AGE == 15 * 60
    # Tuesday 3 March 2026 10:00 (after 'today' 2 March 10:00): 24 hours without a request.
    with time_machine.travel(TODAY + dt.timedelta(days=1), tick=False):
        assert client.get("/mijn/wie-keek/").status_code == 302


def test_the_resident_session_has_an_absolute_lifetime(world, portal, settings):
    settings.SESSION_MAX_SECONDS = 10 * 60 * 60
    with time_machine.travel(TODAY, tick=False) as traveller:
        client = resident_client(PARENT_BSN)
        for _ in range(60):  # every 10 minutes, so DigiD's idle norm (15 minutes) never strikes
            assert client.get("/mijn/wie-keek/").status_code == 200
            traveller.shift(dt.timedelta(minutes=10))
        assert client.get("/mijn/wie-keek/").status_code == 200  # 10 h 00 min after login
        traveller.shift(dt.timedelta(minutes=1))
        assert client.get("/mijn/wie-keek/").status_code == 302
        assert principal.SESSION_KEY not in client.session

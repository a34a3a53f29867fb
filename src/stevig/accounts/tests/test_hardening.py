"""Sessions, passwords and lock-out (issue 13, finding 10): each was a gap on main.

* `__Host-` cookies, an absolute session lifetime beside the idle one, `Cache-Control: no-store`, HSTS;
* 'wachtwoord12' and 'welkomwelkom' are refused; a page to change one's own password;
* lock-out per account (48 guesses over two addresses were not blocked) and per address, behind a proxy
  keyed on the caller's address from X-Forwarded-For (STEVIG_TRUSTED_PROXY_COUNT).
"""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from stevig.audit.models import AccessLogEntry
from stevig.testing import factories as f
from stevig.testing.personas import api_client, web_client

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"
START = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
STRONG = "Paars-kanaal-fiets-17"


def wrong_password(username: str, address: str, forwarded: str = "") -> int:
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    response = Client().post(LOGIN, {"username": username, "password": "fout-fout-fout"}, **extra)
    return response.status_code


@pytest.mark.parametrize(
    "password",
    ["wachtwoord12", "welkomwelkom", "Welkom2026!", "Wachtwoord123!", "qwerty123456", "voetbal12345"],
)
def test_common_and_breached_passwords_are_refused(world, password):
    with pytest.raises(ValidationError) as exc:
        validate_password(password, world.colleague)
    assert "te makkelijk te raden" in " ".join(exc.value.messages)


def test_own_name_is_refused_and_a_strong_password_passes(world):
    user = f.UserFactory(username="jvanderberg", first_name="Jolanda", last_name="Vanderberg")
    with pytest.raises(ValidationError):
        validate_password("Jolanda-Vanderberg", user)
    validate_password(STRONG, user)


def test_change_own_password(world):
    client = web_client(world.colleague)
    other_session = web_client(world.colleague)
    page = client.get("/account/wachtwoord/")
    assert page.status_code == 200
    assert page["Cache-Control"].count("no-store") == 1
    wrong_old = client.post(
        "/account/wachtwoord/",
        {"old_password": "niet-het-oude", "new_password1": STRONG, "new_password2": STRONG},
    )
    assert wrong_old.status_code == 400
    weak = client.post(
        "/account/wachtwoord/",
        {"old_password": f.PASSWORD, "new_password1": "wachtwoord12", "new_password2": "wachtwoord12"},
    )
    assert weak.status_code == 400
    assert "te makkelijk te raden" in weak.content.decode()
    done = client.post(
        "/account/wachtwoord/", {"old_password": f.PASSWORD, "new_password1": STRONG, "new_password2": STRONG}
    )
    assert done.status_code == 302
    world.colleague.refresh_from_db()
    assert world.colleague.check_password(STRONG)
    assert client.get("/account/wachtwoord/").status_code == 200  # this session stays
    other_session.get("/account/wachtwoord/")
    assert "_auth_user_id" not in other_session.session  # the other one ends
    row = AccessLogEntry.objects.get(part="account", username=world.colleague.username)
    assert row.detail["wijzigingen"] == {"wachtwoord": ["oud", "nieuw"]}


def test_change_password_page_needs_a_login():
    assert Client().get("/account/wachtwoord/").status_code == 302


def test_lock_out_per_account_across_addresses(world):
    """Regression: guesses spread over two addresses were never blocked."""
    statuses = [wrong_password("collega", f"10.0.0.{i % 2 + 1}") for i in range(6)]
    assert statuses[:4] == [200] * 4
    assert 429 in statuses[4:]
    assert wrong_password("collega", "10.9.9.9") == 429  # a fresh address does not help


def test_lock_out_per_address_across_accounts(world):
    statuses = [wrong_password(f"bestaat-niet-{i}", "10.0.0.7") for i in range(6)]
    assert statuses[:4] == [200] * 4
    assert 429 in statuses[4:]
    assert wrong_password("collega", "10.0.0.7") == 429
    assert wrong_password("collega", "10.0.0.8") == 200  # someone else is not locked out


def test_lock_out_behind_a_proxy_uses_the_forwarded_address(world, settings):
    """Regression: behind a proxy the lock-out ignored STEVIG_TRUSTED_PROXY_COUNT and keyed on the proxy."""
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(5):
        wrong_password(f"bestaat-niet-{i}", "10.0.0.1", forwarded="198.51.100.7")
    assert wrong_password("collega", "10.0.0.1", forwarded="198.51.100.7") == 429
    # Another caller behind the same proxy can still log in.
    assert wrong_password("collega", "10.0.0.1", forwarded="198.51.100.8") == 200


def test_cookies_carry_the_host_prefix(world):
    assert django_settings.SESSION_COOKIE_NAME.startswith("__Host-")
    assert django_settings.CSRF_COOKIE_NAME.startswith("__Host-")
    client = web_client(world.colleague)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]


def test_absolute_session_lifetime(world, settings):
    """A session that stays active still ends 10 hours after it began."""
    settings.SESSION_MAX_SECONDS = 10 * 60 * 60
    with time_machine.travel(START, tick=False) as traveller:
        client = web_client(world.colleague)
        for _ in range(23):  # every 25 minutes, so the idle timeout (30 minutes) never strikes
            assert client.get("/account/wachtwoord/").status_code == 200
            traveller.shift(dt.timedelta(minutes=25))
        assert client.get("/account/wachtwoord/").status_code == 200  # 9 h 35 min
        traveller.shift(dt.timedelta(minutes=26))  # 10 h 01 min
        assert client.get("/account/wachtwoord/").status_code == 302
        assert "_auth_user_id" not in client.session


def test_no_store_on_pages_and_api_with_resident_data(world):
    web = web_client(world.own_worker)
    for url in [f"/inwoners/huishouden/{world.household.id}/", "/inwoners/zoeken/?q=a", "/"]:
        response = web.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    api = api_client(world.own_worker)
    for url in [f"/api/v1/households/{world.household.id}", "/api/v1/households"]:
        response = api.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    assert "no-store" in Client().get("/api/v1/households")["Cache-Control"]  # error responses too


def test_hsts_on_https(world):
    assert django_settings.SECURE_HSTS_SECONDS == 31_536_000
    response = Client().get(LOGIN, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.system
def test_check_deploy_is_clean_with_production_settings(tmp_path):
    """`manage.py check --deploy` with the environment README gives for production: no warning at all."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("STEVIG_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    env.update(
        {
            "STEVIG_SECRET_KEY": "p" * 20 + "Zq8#kL2@vN5!xR7$wT1%yU4^" + "m" * 20,
            "STEVIG_ACCESS_LOG_KEY": "een-lange-sleutel-buiten-de-database-0123456789",
            "STEVIG_ALLOWED_HOSTS": "stevig.gemeente.example",
            "STEVIG_SSL_REDIRECT": "1",
            "STEVIG_SQLITE_PATH": str(tmp_path / "check.sqlite3"),
        }
    )
    root = Path(__file__).resolve().parents[4]
    result = subprocess.run(  # noqa: S603  (fixed arguments, our own manage.py)
        [sys.executable, str(root / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout

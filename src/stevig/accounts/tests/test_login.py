"""Two-step login: password (django-axes counts failures), then a code from the app or a backup code."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from stevig.accounts import services
from stevig.accounts.models import Role
from stevig.audit.models import AccessLogEntry
from stevig.testing import factories as f
from stevig.testing.browser import current_code
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"
VERIFY = "/account/tweede-stap/"
LOGOUT = "/account/uitloggen/"
TWO_FACTOR = "/account/tweede-factor/"
START = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)


def password_step(client: Client, user, password: str = f.PASSWORD, next_url: str = ""):
    return client.post(LOGIN, {"username": user.get_username(), "password": password, "next": next_url})


def full_login(client: Client, user, next_url: str = ""):
    response = password_step(client, user, next_url=next_url)
    assert response.status_code == 302 and response["Location"] == VERIFY, response.content[:500]
    return client.post(VERIFY, {"code": current_code(user)})


def is_verified_session(client: Client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session and "_auth_user_id" in client.session


@pytest.mark.parametrize("persona", PERSONAS)
def test_happy_path_password_then_code_then_role_start_page(world, persona):
    user = getattr(world, persona)
    client = Client()
    assert client.get(LOGIN).status_code == 200

    response = password_step(client, user)
    assert response.status_code == 302
    assert response["Location"] == VERIFY
    # Not logged in yet: only the pending user id waits in the session.
    assert "_auth_user_id" not in client.session
    assert client.get(TWO_FACTOR)["Location"].startswith(LOGIN)
    key_after_password = client.session.session_key

    response = client.post(VERIFY, {"code": current_code(user)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session.session_key != key_after_password
    assert not Session.objects.filter(session_key=key_after_password).exists()
    assert is_verified_session(client)
    assert client.session["_auth_user_id"] == str(user.pk)
    # Logging in touches no resident data: nothing in the access log. (The start page may: its
    # worklist panels read resident data and log that themselves.)
    assert not AccessLogEntry.objects.exists()

    home = client.get("/")
    assert f'data-start-role="{user.role}"'.encode() in home.content


def test_login_page_has_labelled_fields_and_a_verified_user_is_sent_on(world):
    client = Client()
    html = client.get(LOGIN).content.decode()
    assert '<label class="utrecht-form-label" for="id_username">' in html
    assert '<label class="utrecht-form-label" for="id_password">' in html
    assert 'lang="nl"' in html
    verified = web_client(world.own_worker)
    assert verified.get(LOGIN)["Location"] == "/"
    assert verified.get(VERIFY)["Location"] == "/"


@pytest.mark.parametrize(
    "username,password", [("eigen", "verkeerd-wachtwoord-1"), ("bestaatniet", f.PASSWORD)]
)
def test_wrong_password_or_unknown_user_gives_one_generic_error(world, username, password):
    client = Client()
    response = client.post(LOGIN, {"username": username, "password": password})
    assert response.status_code == 200
    assert "De gebruikersnaam of het wachtwoord klopt niet." in response.content.decode()
    assert "stevig_login_user" not in client.session
    assert client.get(VERIFY)["Location"] == LOGIN


def test_empty_and_oversized_fields_get_field_errors_linked_to_the_input(world):
    client = Client()
    html = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert "Vul uw gebruikersnaam in." in html
    assert "Vul uw wachtwoord in." in html
    assert 'aria-describedby="id_username_error"' in html
    assert 'id="id_username_error"' in html
    assert 'aria-invalid="true"' in html
    response = client.post(LOGIN, {"username": "x" * 151, "password": "y"})
    assert response.status_code == 200
    assert "stevig_login_user" not in client.session


def test_wrong_code_is_a_field_error_and_the_right_code_works_after_the_wait(world):
    user = world.own_worker
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        password_step(client, user)
        wrong = "000000" if current_code(user) != "000000" else "111111"
        response = client.post(VERIFY, {"code": wrong})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Deze code klopt niet." in html
        assert 'aria-describedby="id_code_helptext id_code_error"' in html
        assert not is_verified_session(client)
        # Straight after a wrong code the device asks to wait (throttling), even for the right code.
        response = client.post(VERIFY, {"code": current_code(user)})
        assert "Wacht een paar seconden" in response.content.decode()
        traveller.shift(dt.timedelta(seconds=3))
        response = client.post(VERIFY, {"code": current_code(user)})
        assert response.status_code == 302
        assert is_verified_session(client)


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abc", "<script>", "ééééééé"])
def test_badly_formed_codes_are_refused_without_counting(world, code):
    client = Client()
    password_step(client, world.own_worker)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert client.session["stevig_login_failures"] == 0


def test_code_reuse_is_refused(world):
    user = world.own_worker
    with time_machine.travel(START, tick=False):
        code = current_code(user)
        first = Client()
        password_step(first, user)
        assert first.post(VERIFY, {"code": code}).status_code == 302
        second = Client()
        password_step(second, user)
        response = second.post(VERIFY, {"code": code})
        assert response.status_code == 200
        assert not is_verified_session(second)


def test_backup_code_works_once(world):
    user = world.colleague
    codes = services.generate_backup_codes(user=user)
    assert len(codes) == 10 and len(set(codes)) == 10
    client = Client()
    password_step(client, user)
    response = client.post(VERIFY, {"code": codes[0].upper()})
    assert response.status_code == 302
    assert is_verified_session(client)

    again = Client()
    password_step(again, user)
    response = again.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()


def test_lockout_after_five_wrong_passwords_then_open_after_cool_off(world):
    user = world.own_worker
    with time_machine.travel(START, tick=False) as traveller:
        client = Client()
        responses = [password_step(client, user, password=f"fout-{i}-wachtwoord") for i in range(5)]
        assert [r.status_code for r in responses[:4]] == [200] * 4
        assert responses[4].status_code == 429
        locked = password_step(Client(), user)
        assert locked.status_code == 429
        assert (
            "Te vaak een verkeerd wachtwoord. Probeer het over 15 minuten opnieuw." in locked.content.decode()
        )
        traveller.shift(dt.timedelta(minutes=16))
        response = full_login(Client(), user)
        assert response.status_code == 302


def test_five_wrong_codes_lock_out_and_clear_the_pending_login(world):
    user = world.own_worker
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        password_step(client, user)
        wrong = "000000" if current_code(user) != "000000" else "111111"
        statuses = []
        for _ in range(5):
            traveller.shift(dt.timedelta(seconds=60))  # past the device's throttling delay
            statuses.append(client.post(VERIFY, {"code": wrong}).status_code)
        assert statuses[:4] == [200] * 4
        assert statuses[4] == 429
        assert "stevig_login_user" not in client.session
        assert client.get(VERIFY)["Location"] == LOGIN
        # The password does not help now either: the account is locked for the cool-off.
        assert password_step(Client(), user).status_code == 429


def test_too_many_wrong_codes_sends_back_to_step_one(world, settings):
    settings.AXES_FAILURE_LIMIT = 50  # isolate Stevig's own per-login limit from the axes lockout
    user = world.own_worker
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        password_step(client, user)
        wrong = "000000" if current_code(user) != "000000" else "111111"
        for _ in range(4):
            traveller.shift(dt.timedelta(seconds=60))
            assert client.post(VERIFY, {"code": wrong}).status_code == 200
        traveller.shift(dt.timedelta(seconds=60))
        response = client.post(VERIFY, {"code": wrong}, follow=True)
        assert response.redirect_chain[-1][0] == LOGIN
        assert "te vaak een verkeerde code" in response.content.decode()
        assert client.get(VERIFY)["Location"] == LOGIN


def test_locked_while_pending_refuses_even_the_right_code(world):
    user = world.own_worker
    client = Client()
    with time_machine.travel(START, tick=False):
        password_step(client, user)
        for i in range(5):
            password_step(Client(), user, password=f"fout-{i}-wachtwoord")
        response = client.post(VERIFY, {"code": current_code(user)})
        assert response.status_code == 429
        assert not is_verified_session(client)


def test_pending_login_expires_after_five_minutes(world):
    user = world.own_worker
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        password_step(client, user)
        traveller.shift(dt.timedelta(minutes=6))
        response = client.post(VERIFY, {"code": current_code(user)})
        assert response.status_code == 302
        assert response["Location"] == LOGIN
        assert not is_verified_session(client)


@pytest.mark.parametrize("problem", ["no_device", "unconfirmed_device"])
def test_user_without_confirmed_app_cannot_log_in(world, problem):
    user = f.UserFactory(municipality=world.municipality, role=Role.WORKER, team=world.team)
    if problem == "no_device":
        TOTPDevice.objects.filter(user=user).delete()
    else:
        TOTPDevice.objects.filter(user=user).update(confirmed=False)
    client = Client()
    response = password_step(client, user)
    assert response.status_code == 200
    assert "Neem contact op met functioneel beheer" in response.content.decode()
    assert "stevig_login_user" not in client.session


def test_account_without_role_cannot_log_in_and_inactive_gets_generic_error(world):
    no_role = f.UserFactory(municipality=world.municipality, role="")
    response = password_step(Client(), no_role)
    assert "Uw account is nog niet klaar voor gebruik" in response.content.decode()
    inactive = f.UserFactory(municipality=world.municipality, role=Role.WORKER, is_active=False)
    response = password_step(Client(), inactive)
    assert "De gebruikersnaam of het wachtwoord klopt niet." in response.content.decode()


def test_superuser_without_role_can_log_in_with_second_factor(db):
    user = f.UserFactory(municipality=None, role="", is_superuser=True, is_staff=True)
    client = Client()
    assert full_login(client, user).status_code == 302
    assert b'data-start-role="geen"' in client.get("/").content


@pytest.mark.parametrize(
    "next_url,expected",
    [
        (TWO_FACTOR, TWO_FACTOR),
        ("/beheer/", "/beheer/"),
        ("https://evil.example/", "/"),
        ("//evil.example/pad", "/"),
        ("javascript:alert(1)", "/"),
        ("http://testserver.evil.example/", "/"),
    ],
)
def test_next_is_followed_only_within_the_site(world, next_url, expected):
    client = Client()
    assert client.get(LOGIN, {"next": next_url}).context["form"]["next"].value() == next_url
    response = full_login(client, world.admin, next_url=next_url)
    assert response["Location"] == expected


def test_logout_is_post_only_and_kills_the_session_on_the_server(world):
    client = Client()
    full_login(client, world.own_worker)
    old_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert client.get(LOGOUT).status_code == 405
    assert client.get(TWO_FACTOR).status_code == 200

    response = client.post(LOGOUT, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "U bent uitgelogd." in response.content.decode()
    assert not Session.objects.filter(session_key=old_key).exists()

    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = old_key
    response = replay.get(TWO_FACTOR)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_idle_timeout_sends_to_login_after_31_minutes(world):
    with time_machine.travel(START, tick=False) as traveller:
        client = Client()
        full_login(client, world.own_worker)
        # Activity keeps the session alive: each request moves the expiry forward.
        for _ in range(3):
            traveller.shift(dt.timedelta(minutes=29))
            assert client.get(TWO_FACTOR).status_code == 200
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get(TWO_FACTOR)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert b"data-start-role" not in client.get("/").content

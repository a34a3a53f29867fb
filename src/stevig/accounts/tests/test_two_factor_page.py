"""/account/tweede-factor/: set up the app, and new backup codes that are shown once."""

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from stevig.accounts import selectors, services
from stevig.audit.models import AccessLogEntry
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db

URL = "/account/tweede-factor/"


def test_anonymous_and_password_only_sessions_go_to_login(world):
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/account/inloggen/?next={URL}"
    half = Client()
    half.force_login(world.own_worker)  # password only, no second factor
    assert half.get(URL)["Location"].startswith("/account/inloggen/")
    assert half.post(URL, {"action": "backup_codes"})["Location"].startswith("/account/inloggen/")
    assert not StaticToken.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_sees_own_key_and_can_make_backup_codes(world, persona):
    user = getattr(world, persona)
    client = web_client(user)
    response = client.get(URL)
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    html = response.content.decode()
    assert selectors.app_secret(device) in html
    assert "otpauth://totp/Stevig%3A" + user.username in html
    assert "no-store" in response["Cache-Control"]

    response = client.post(URL, {"action": "backup_codes"})
    assert response.status_code == 200
    codes = response.context["new_codes"]
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(codes)
    for code in codes:
        assert code in response.content.decode()
    # Shown once: the next visit only tells how many are left.
    again = client.get(URL)
    assert codes[0] not in again.content.decode()
    assert "U heeft nog 10 reservecodes." in again.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_new_codes_replace_the_old_ones_and_only_own_codes_change(world):
    client = web_client(world.own_worker)
    first = client.post(URL, {"action": "backup_codes"}).context["new_codes"]
    other = web_client(world.colleague).post(URL, {"action": "backup_codes"}).context["new_codes"]
    second = client.post(URL, {"action": "backup_codes"}).context["new_codes"]
    tokens = set(StaticToken.objects.filter(device__user=world.own_worker).values_list("token", flat=True))
    assert tokens == set(second)
    assert not tokens & set(first)
    assert set(
        StaticToken.objects.filter(device__user=world.colleague).values_list("token", flat=True)
    ) == set(other)


@pytest.mark.parametrize("data", [{}, {"action": "delete_everything"}, {"action": ""}])
def test_unknown_action_is_refused(world, data):
    response = web_client(world.own_worker).post(URL, data)
    assert response.status_code == 400
    assert not StaticToken.objects.exists()


def test_user_logged_in_with_backup_code_but_without_app_sees_contact_message(world):
    services.generate_backup_codes(user=world.policy)
    client = web_client(world.policy)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = StaticDevice.objects.get(user=world.policy).persistent_id
    session.save()
    TOTPDevice.objects.filter(user=world.policy).delete()
    html = client.get(URL).content.decode()
    assert "Voor uw account is nog geen app ingesteld." in html
    assert "otpauth://" not in html


def test_the_set_up_page_shows_a_qr_code_of_the_app_link_beside_the_key(world):
    """Issue 11 point 9: a QR code (segno, inline SVG: nothing for the CSP to block) beside the key."""
    import segno

    user = world.own_worker
    html = web_client(user).get(URL).content.decode()
    device = TOTPDevice.objects.get(user=user)
    svg = str(selectors.app_qr_svg(device))
    assert svg in html
    assert svg.startswith('<svg role="img" aria-label="QR-code om de app in te stellen.')
    assert "<script" not in svg and "style=" not in svg and "<image" not in svg
    # The code holds the same link as the text beside it, and the key is still shown to type over.
    expected = segno.make(device.config_url, error="m")
    assert (
        svg.split("<path", 1)[1]
        == expected.svg_inline(
            scale=4, border=4, dark="#000", light="#fff", svgclass="stevig-qr", lineclass=None
        ).split("<path", 1)[1]
    )
    assert selectors.app_secret(device) in html
    # Another user's code is another code.
    other = selectors.app_qr_svg(TOTPDevice.objects.get(user=world.colleague))
    assert other != svg

"""Staff login through OpenID Connect, against a local provider with its own RSA key (no internet):
discovery, JWKS, authorize, token (with PKCE) and userinfo, as `stevig.testing.oidc_provider` serves them."""

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.conf import settings
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from stevig.accounts.models import IdentityProviderDevice, User
from stevig.audit.models import AccessLogEntry
from stevig.testing import factories as f
from stevig.testing.oidc_provider import CLIENT_ID, LocalOIDCProvider, other_key

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"
BACKEND = "stevig.accounts.oidc.StaffOIDCBackend"


@pytest.fixture
def provider():
    with LocalOIDCProvider() as running:
        # Stevig is configured from the provider's discovery document, as an installer would.
        discovery = requests.get(f"{running.issuer}/.well-known/openid-configuration", timeout=5).json()
        with override_settings(
            **running.django_settings(discovery),
            AUTHENTICATION_BACKENDS=[*settings.AUTHENTICATION_BACKENDS, BACKEND],
            ROOT_URLCONF="stevig.accounts.tests.oidc_urlconf",
        ):
            yield running


@pytest.fixture
def member():
    return f.UserFactory(email="a.jansen@stevigdam.example", username="ajansen")


def login_via_provider(client: Client, next_url: str = "/"):
    """Start at Stevig, let the provider log the person in, and come back to Stevig's callback."""
    start = client.get("/oidc/authenticate/", {"next": next_url})
    assert start.status_code == 302, start.content[:300]
    authorize = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert authorize.status_code == 302, authorize.text
    back = urlsplit(authorize.headers["Location"])
    assert back.path == "/oidc/callback/"
    return client.get(back.path, {k: v[0] for k, v in parse_qs(back.query).items()})


def is_verified_session(client: Client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session and "_auth_user_id" in client.session


def refusals() -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(part="account", outcome="denied").order_by("seq"))


def test_without_settings_there_is_no_oidc_route_and_no_button():
    assert not settings.OIDC_ENABLED
    assert Client().get("/oidc/authenticate/").status_code == 404
    assert Client().get("/oidc/callback/").status_code == 404
    page = Client().get(LOGIN).content.decode()
    assert "data-oidc" not in page


def test_login_page_offers_the_organisation_login_when_configured(provider):
    page = Client().get(LOGIN).content.decode()
    assert 'href="/oidc/authenticate/?next=%2F"' in page
    assert "Inloggen via uw gemeente" in page


def test_existing_staff_member_logs_in_verified_without_a_local_code(provider, member):
    provider.person = {"sub": "idp-123", "email": "A.Jansen@stevigdam.example", "email_verified": True}
    client = Client()
    start = client.get("/oidc/authenticate/", {"next": "/"})
    params = parse_qs(urlsplit(start["Location"]).query)
    # Authorization code flow with state, nonce and PKCE (S256).
    assert params["client_id"] == [CLIENT_ID]
    assert params["response_type"] == ["code"]
    assert params["code_challenge_method"] == ["S256"]
    assert params["nonce"] and params["state"]

    authorize = requests.get(start["Location"], allow_redirects=False, timeout=5)
    back = urlsplit(authorize.headers["Location"])
    response = client.get(back.path, {k: v[0] for k, v in parse_qs(back.query).items()})

    assert response.status_code == 302 and response["Location"] == "/"
    assert is_verified_session(client)
    assert client.session["_auth_user_id"] == str(member.pk)
    assert client.session["_auth_user_backend"] == BACKEND
    device = IdentityProviderDevice.objects.get(user=member)
    assert device.issuer == provider.issuer
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    # The verified session opens pages that need both factors; nothing about the account changed.
    assert client.get("/account/tweede-factor/").status_code == 200
    member.refresh_from_db()
    assert member.role == f.UserFactory._meta.model.objects.get(pk=member.pk).role
    assert refusals() == []


def test_second_login_reuses_the_marker_device(provider, member):
    provider.person = {"sub": "idp-123", "email": member.email, "email_verified": True}
    assert login_via_provider(Client())["Location"] == "/"
    assert login_via_provider(Client())["Location"] == "/"
    assert IdentityProviderDevice.objects.filter(user=member).count() == 1


def test_marker_device_accepts_no_code_at_the_local_second_step(provider, member):
    provider.person = {"sub": "idp-123", "email": member.email, "email_verified": True}
    login_via_provider(Client())
    device = IdentityProviderDevice.objects.get(user=member)
    assert device.verify_token("123456") is False


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"aud": "een-andere-applicatie"}, "verkeerde audience (aud)"),
        ({"aud": [CLIENT_ID, "een-andere-applicatie"]}, "meer audiences zonder azp"),
        ({"iss": "https://nep-idp.example"}, "verkeerde uitgever (iss)"),
        ({"exp": 1_000_000_000, "iat": 999_999_000}, "token verlopen (exp)"),
        ({"exp": None}, "ID-token zonder vervaltijd (exp)"),
        ({"amr": ["pwd"]}, "geen tweede factor bij de identity provider"),
        ({"amr": None}, "geen tweede factor bij de identity provider"),
        ({"nonce": "een-oude-nonce"}, "Nonce"),
    ],
    ids=[
        "wrong-aud",
        "multi-aud-no-azp",
        "wrong-iss",
        "expired",
        "no-exp",
        "no-mfa",
        "no-amr",
        "wrong-nonce",
    ],
)
def test_a_bad_id_token_is_refused_logged_and_nobody_logged_in(provider, member, caplog, claims, reason):
    provider.person = {"sub": "idp-123", "email": member.email, "email_verified": True}
    provider.id_token_claims = claims
    client = Client()
    with caplog.at_level(logging.WARNING, logger="stevig.security"):
        response = login_via_provider(client)

    assert response.status_code == 302 and response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    page = client.get(LOGIN).content.decode()
    assert "Inloggen via uw organisatie is niet gelukt" in page
    [row] = refusals()
    assert reason in row.detail["reden"]
    assert row.detail["inloggen"] == "OpenID Connect"
    assert row.username == "OpenID Connect: idp-123"
    assert row.access_point == "web 127.0.0.1"
    assert any(reason in record.getMessage() for record in caplog.records)
    assert not IdentityProviderDevice.objects.exists()


def test_a_token_signed_with_a_key_the_provider_does_not_publish_is_refused(provider, member):
    provider.person = {"sub": "idp-123", "email": member.email, "email_verified": True}
    provider.signing_key = other_key()
    response = login_via_provider(Client())
    assert response["Location"] == LOGIN
    [row] = refusals()
    assert row.detail["reden"] == "handtekening klopt niet"


def test_no_account_is_created_for_an_unknown_person(provider, member):
    provider.person = {"sub": "idp-999", "email": "onbekend@stevigdam.example", "email_verified": True}
    users_before = User.objects.count()
    response = login_via_provider(Client())
    assert response["Location"] == LOGIN
    assert User.objects.count() == users_before
    [row] = refusals()
    assert row.detail["reden"] == "geen account in Stevig bij deze gebruiker"
    assert row.municipality_code == "-"


def test_an_account_without_role_is_refused_and_logged_in_its_municipality(provider):
    waiting = f.UserFactory(email="nieuw@stevigdam.example", role="")
    waiting.municipality = waiting.municipality  # keeps its municipality, has no role yet
    provider.person = {"sub": "idp-5", "email": waiting.email, "email_verified": True}
    response = login_via_provider(Client())
    assert response["Location"] == LOGIN
    [row] = refusals()
    assert row.user_id == waiting.pk
    assert row.municipality_code == waiting.municipality.code
    assert "niet klaar voor gebruik" in row.detail["reden"]


def test_an_unconfirmed_email_or_another_sub_at_userinfo_is_refused(provider, member):
    provider.person = {"sub": "idp-123", "email": member.email, "email_verified": False}
    assert login_via_provider(Client())["Location"] == LOGIN
    provider.person = {"sub": "idp-123", "email": member.email, "email_verified": True}
    provider.id_token_claims = {"sub": "iemand-anders"}
    assert login_via_provider(Client())["Location"] == LOGIN
    reasons = [row.detail["reden"] for row in refusals()]
    assert reasons == [
        "e-mailadres niet bevestigd bij de identity provider",
        "userinfo gaat over een andere gebruiker (sub)",
    ]


def test_two_accounts_with_the_same_email_are_not_guessed_between(provider, member):
    f.UserFactory(email=member.email.upper())
    provider.person = {"sub": "idp-123", "email": member.email, "email_verified": True}
    assert login_via_provider(Client())["Location"] == LOGIN
    assert refusals()[0].detail["reden"] == "meer dan één account past"


def test_match_on_username_when_configured(provider, member):
    provider.person = {"sub": "idp-123", "preferred_username": "ajansen"}
    with override_settings(OIDC_MATCH="username"):
        client = Client()
        assert login_via_provider(client)["Location"] == "/"
    assert client.session["_auth_user_id"] == str(member.pk)


def test_a_code_is_used_once(provider, member):
    provider.person = {"sub": "idp-123", "email": member.email, "email_verified": True}
    client = Client()
    start = client.get("/oidc/authenticate/", {"next": "/"})
    authorize = requests.get(start["Location"], allow_redirects=False, timeout=5)
    back = urlsplit(authorize.headers["Location"])
    query = {k: v[0] for k, v in parse_qs(back.query).items()}
    assert client.get(back.path, query)["Location"] == "/"
    # The same callback again (a replay): the state is gone from the session, nobody new logs in.
    other = Client()
    assert other.get(back.path, query).status_code in (302, 400)
    assert "_auth_user_id" not in other.session


def test_local_login_still_needs_the_app_for_a_member_who_also_uses_oidc(provider, member):
    provider.person = {"sub": "idp-123", "email": member.email, "email_verified": True}
    login_via_provider(Client())
    # Only the marker device: without an app the password step refuses, as before.
    member.totpdevice_set.all().delete()
    page = Client().post(LOGIN, {"username": member.username, "password": f.PASSWORD}).content.decode()
    assert "tweede stap (de app) niet ingesteld" in page

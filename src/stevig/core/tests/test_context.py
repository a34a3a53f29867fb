"""Who acts, from where: the IP address the access log records (`client_address`), with and without
reverse proxies in front (setting TRUSTED_PROXY_COUNT, env STEVIG_TRUSTED_PROXY_COUNT)."""

import pytest
from django.test import RequestFactory

from stevig.core.context import actor_from_request, client_address, lockout_address

CLIENT = "203.0.113.7"
PROXY_1 = "10.0.0.1"
PROXY_2 = "10.0.0.2"


def request(forwarded: str | None = None, remote: str = PROXY_2):  # type: ignore[no-untyped-def]
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_no_proxy_uses_the_connection_and_ignores_a_forged_header(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request(remote=CLIENT)) == CLIENT
    assert client_address(request(forwarded="198.51.100.1", remote=CLIENT)) == CLIENT


def test_one_proxy_takes_the_address_it_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it received the request from.
    assert client_address(request(forwarded=CLIENT, remote=PROXY_1)) == CLIENT
    # A client that sends its own X-Forwarded-For cannot choose the logged address.
    assert client_address(request(forwarded=f"198.51.100.1, {CLIENT}", remote=PROXY_1)) == CLIENT


def test_two_proxies_take_the_address_the_outer_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request(forwarded=f"{CLIENT}, {PROXY_1}", remote=PROXY_2)) == CLIENT
    assert client_address(request(forwarded=f"198.51.100.1,{CLIENT} ,  {PROXY_1}", remote=PROXY_2)) == CLIENT


@pytest.mark.parametrize("count", [1, 2])
def test_too_few_forwarded_addresses_fall_back_to_the_connection(settings, count):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(request(forwarded=None, remote=PROXY_1)) == PROXY_1
    assert client_address(request(forwarded=" , ", remote=PROXY_1)) == PROXY_1
    if count == 2:
        assert client_address(request(forwarded=CLIENT, remote=PROXY_2)) == PROXY_2


def test_unknown_address_is_named(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request(remote="")) == "onbekend"


def test_lockout_address_is_a_real_ip_or_nothing(settings):
    """axes stores the lock-out address in an IP column: PostgreSQL refuses 'onbekend' there."""
    settings.TRUSTED_PROXY_COUNT = 1
    assert lockout_address(request(forwarded=CLIENT, remote=PROXY_1)) == CLIENT
    assert lockout_address(request(forwarded="niet-een-adres", remote=PROXY_1)) is None
    settings.TRUSTED_PROXY_COUNT = 0
    assert lockout_address(request(remote="")) is None


@pytest.mark.django_db
def test_forced_login_without_an_address_works(settings):
    """The test client's force_login sends no REMOTE_ADDR; axes' login signal must still store its row."""
    from django.test import Client

    from stevig.testing.factories import UserFactory

    Client().force_login(UserFactory())


@pytest.mark.django_db
def test_actor_carries_address_and_channel(settings):
    from stevig.testing.factories import UserFactory

    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    web = request(forwarded=CLIENT, remote=PROXY_1)
    web.user = user
    api = RequestFactory().get("/api/v1/me", REMOTE_ADDR=PROXY_1, HTTP_X_FORWARDED_FOR=CLIENT)
    api.user = user
    assert (actor_from_request(web).access_point, actor_from_request(web).channel) == (CLIENT, "web")
    assert actor_from_request(api).channel == "api"
    assert actor_from_request(api, purpose="inzage").purpose == "inzage"

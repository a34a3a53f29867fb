"""The login page with OpenID Connect configured: both ways in, no WCAG violations (axe, 1280 and 320 px);
the organisation button leads to the provider's authorization endpoint."""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from playwright.sync_api import expect

from stevig.testing.browser import assert_no_axe_violations_at_both_widths
from stevig.testing.oidc_provider import LocalOIDCProvider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_offers_the_organisation_login(page, live_server):
    with LocalOIDCProvider() as provider:
        with override_settings(
            **provider.django_settings(),
            AUTHENTICATION_BACKENDS=[
                *settings.AUTHENTICATION_BACKENDS,
                "stevig.accounts.oidc.StaffOIDCBackend",
            ],
            ROOT_URLCONF="stevig.accounts.tests.oidc_urlconf",
        ):
            page.goto(f"{live_server.url}/account/inloggen/")
            expect(page.get_by_role("heading", name="Met uw account van de gemeente")).to_be_visible()
            expect(page.get_by_role("heading", name="Met een account van Stevig")).to_be_visible()
            assert_no_axe_violations_at_both_widths(page)
            with page.expect_request(re.compile(re.escape(provider.issuer) + r"/authorize\?")) as sent:
                page.get_by_role("link", name="Inloggen via uw gemeente").click()
            assert "code_challenge=" in sent.value.url and "client_id=stevig-test" in sent.value.url

"""Browser test: the register page with a consent, its withdrawal and a form error; axe finds nothing."""

import pytest
from playwright.sync_api import expect

from stevig.datasharing.models import Consent
from stevig.testing.browser import assert_no_axe_violations, login
from stevig.testing.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    yield  # the live server runs on the real clock


@pytest.fixture
def tworld(transactional_db):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    return build_world()


def test_register_consent_and_withdrawal(page, live_server, tworld):
    base = live_server.url
    login(page, base, tworld.own_worker)
    page.goto(f"{base}/gegevensdeling/huishouden/{tworld.household.id}/")
    assert_no_axe_violations(page)
    # A consent without a purpose: the error is shown at the field, nothing is saved.
    page.get_by_label("Wie geeft toestemming?").select_option(label="Fatima El Amrani")
    page.get_by_role("button", name="Toestemming vastleggen").click()
    expect(page.get_by_text("Vul in waarvoor de toestemming is.").first).to_be_visible()
    assert Consent.objects.count() == 0
    assert_no_axe_violations(page)
    page.get_by_label("Wie geeft toestemming?").select_option(label="Fatima El Amrani")
    page.get_by_label("Wanneer?").first.fill("2026-03-02")
    page.get_by_label("Waarvoor?").fill("Schuldhulpverlening mag meekijken naar de schulden")
    page.locator("#toestemming_categories_0").check()
    page.get_by_role("button", name="Toestemming vastleggen").click()
    page.wait_for_url(f"**/gegevensdeling/huishouden/{tworld.household.id}/")
    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Toestemming van Fatima El Amrani intrekken").click()
    page.wait_for_url(f"**/gegevensdeling/huishouden/{tworld.household.id}/")
    expect(page.get_by_text("nee, ingetrokken op").first).to_be_visible()
    assert Consent.objects.get().withdrawn_at is not None
    assert_no_axe_violations(page)

"""Browser walk of Mijn Stevig (Debian chromium): DigiD mock, overview, plan, letter, consent, who looked,
a message, and following a question with its codes; zero axe-core violations at 1280 and 320 px."""

import pytest
from playwright.sync_api import expect

from stevig.datasharing.models import Consent
from stevig.intake import services as intake
from stevig.portal.models import ResidentMessage
from stevig.portal.tests.conftest import PARENT_BSN, build_portal
from stevig.testing.browser import assert_no_axe_violations
from stevig.testing.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 320)


@pytest.fixture
def tportal(transactional_db):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    world = build_world()
    return world, build_portal(world)


def _check(page, tmp_path, name: str) -> None:  # type: ignore[no-untyped-def]
    """Zero axe violations at both widths, nothing wider than the screen at 320 px; a screenshot of each."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
        assert_no_axe_violations(page)
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 5)"""
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0 and not wide, f"{name} is {overflow}px wider than {width}px: {wide}"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_resident_walks_mijn_stevig(page, live_server, tportal, tmp_path, settings):
    settings.DIGID_MOCK = True
    world, data = tportal
    page.goto(live_server.url + "/mijn/")
    _check(page, tmp_path, "login")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    # django-digid-eherkenning's mock identity provider, in Stevig's look (its own pages break the CSP).
    page.wait_for_url("**/mijn/digid/oefenomgeving/inloggen/**")
    expect(page.get_by_text("Dit is niet de echte DigiD.")).to_be_visible()
    _check(page, tmp_path, "digid-keuze")
    page.get_by_role("link", name="Met een burgerservicenummer").click()
    page.wait_for_url("**/mijn/digid/oefenomgeving/inloggen_bsn/**")
    page.get_by_label("Burgerservicenummer").fill("123456789")  # fails the elfproef: an error first
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Dit burgerservicenummer klopt niet.")).to_be_visible()
    _check(page, tmp_path, "digid-bsn-fout")
    page.get_by_label("Burgerservicenummer").fill(PARENT_BSN)
    _check(page, tmp_path, "digid-bsn")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server.url + "/mijn/")
    expect(page.get_by_role("heading", name="Welkom, Fatima")).to_be_visible()
    expect(page.get_by_text(data.child_question.reference)).to_be_visible()
    _check(page, tmp_path, "overzicht")

    page.get_by_role("link", name="Plan versie 1").click()
    page.wait_for_url(f"**/mijn/plan/{data.version.id}/")
    expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()
    _check(page, tmp_path, "plan")
    page.get_by_role("link", name="Terug naar het overzicht").click()
    page.get_by_role("link", name="Lees de brief").first.click()
    page.wait_for_url(f"**/mijn/besluit/{data.child_decision.id}/brief/")
    _check(page, tmp_path, "brief")

    page.get_by_role("link", name="Delen van gegevens").click()
    page.wait_for_url("**/mijn/delen/")
    _check(page, tmp_path, "delen")
    page.get_by_role("button", name="Toestemming geven").click()
    expect(page.locator("#id_recipient_error, .utrecht-form-field-error-message").first).to_be_visible()
    _check(page, tmp_path, "delen-fout")
    page.get_by_label("Yusuf El Amrani").check()
    page.get_by_label("Met wie mogen wij het delen?").fill("School De Regenboog")
    page.get_by_label("Waarvoor?").fill("Zodat de school weet welke hulp Yusuf krijgt.")
    page.get_by_label("gezondheid (bijzonder persoonsgegeven)").check()
    page.get_by_label("Ja, u mag ook gegevens over mijn gezondheid delen.").check()
    page.get_by_role("button", name="Toestemming geven").click()
    expect(page.get_by_text("Uw toestemming staat erin.")).to_be_visible()
    page.get_by_role("button", name="Intrekken: toestemming voor School De Regenboog").click()
    expect(page.get_by_text("Uw toestemming is ingetrokken.")).to_be_visible()
    assert Consent.objects.get(resident=world.child).withdrawn_at is not None

    page.get_by_role("link", name="Wie keek er?").click()
    page.wait_for_url("**/mijn/wie-keek/")
    expect(page.get_by_text("Team Noord").first).to_be_visible()
    _check(page, tmp_path, "wie-keek")

    page.get_by_role("link", name="Bericht sturen").click()
    page.get_by_label("Uw bericht").fill("Kunt u mij bellen over de brief?")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    _check(page, tmp_path, "bericht")
    assert ResidentMessage.objects.get().to_user == world.own_worker

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(live_server.url + "/mijn/")
    expect(page.get_by_role("link", name="Inloggen met DigiD")).to_be_visible()


def test_the_digid_login_keeps_to_the_strict_csp(page, browser, live_server, tportal, settings):
    """The other browser tests bypass the CSP (to inject axe); this one enforces it through the whole DigiD
    login (login page, the package's mock identity provider, the ACS, the overview): no violation."""
    settings.DIGID_MOCK = True
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    strict = context.new_page()
    refused: list[str] = []
    strict.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        strict.goto(live_server.url + "/mijn/")
        strict.get_by_role("link", name="Inloggen met DigiD").click()
        strict.get_by_role("link", name="Met een burgerservicenummer").click()
        strict.get_by_label("Burgerservicenummer").fill(PARENT_BSN)
        strict.get_by_role("button", name="Inloggen").click()
        strict.wait_for_url(live_server.url + "/mijn/")
        expect(strict.get_by_role("heading", name="Welkom, Fatima")).to_be_visible()
        assert "style-src 'self'" in _csp(strict)  # the policy was really on
    finally:
        context.close()
    assert refused == []


def _csp(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.request.get(page.url).headers.get("content-security-policy", ""))


def test_resident_without_digid_follows_a_question(page, live_server, tportal, tmp_path):
    _world, data = tportal
    secret = intake.issue_follow_secret(question=data.own_question)
    page.goto(live_server.url + "/mijn/volgen/")
    _check(page, tmp_path, "volgen")
    page.get_by_label("Uw code", exact=True).fill(data.own_question.reference)
    page.get_by_label("Uw geheime code").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Bekijk mijn vraag").click()
    expect(page.get_by_text("De codes horen niet bij elkaar").first).to_be_visible()
    _check(page, tmp_path, "volgen-fout")
    page.get_by_label("Uw geheime code").fill(secret)
    page.get_by_role("button", name="Bekijk mijn vraag").click()
    page.wait_for_url("**/mijn/volgen/vraag/")
    expect(page.get_by_role("heading", name=f"Uw vraag {data.own_question.reference}")).to_be_visible()
    _check(page, tmp_path, "gevolgd")

"""In a real browser: the privacy officer writes down a resident's request to destroy the file (Jeugdwet
art. 7.3.9), sees it with its due date on /bewaren/, tries to refuse without an exception (field error),
then carries it out. axe-core at 1280 and 320 px on every page."""

import re

import pytest
from playwright.sync_api import expect

from stevig.people.models import Household
from stevig.retention.models import DestructionRequest
from stevig.retention.tests.test_browser import shoot
from stevig.testing.browser import assert_no_axe_violations_at_both_widths, login
from stevig.testing.personas import build_world


@pytest.mark.browser
def test_privacy_officer_registers_and_carries_out_a_destruction_request(page, live_server, transactional_db):
    world = build_world()
    address = world.household.address_line
    page.set_default_timeout(30_000)
    login(page, live_server.url, world.privacy)

    page.goto(f"{live_server.url}/bewaren/huishouden/{world.household.id}/bewaarplicht/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewaarplicht wegens een geschil")
    page.get_by_role("link", name="Verzoek om vernietiging vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzoek om vernietiging vastleggen")
    page.get_by_role("button", name="Verzoek vastleggen").click()  # nothing filled in
    expect(page.get_by_text("Kies de Jeugdwet of de Wmo 2015.").first).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "verzoek-vastleggen")
    page.get_by_label("Jeugdwet (art. 7.3.9)").check()
    page.get_by_label("Wanneer kwam het verzoek binnen?").fill("2026-03-02")
    page.get_by_label("een ouder met gezag of de voogd").check()
    page.get_by_role("button", name="Verzoek vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzoek om vernietiging")
    expect(page.get_by_text("uiterlijk op 2 juni 2026")).to_be_visible()
    expect(page.get_by_text("dinsdag 2 juni 2026")).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)

    page.goto(f"{live_server.url}/bewaren/")
    link = page.get_by_role("link", name=address)
    expect(link.first).to_be_visible()
    expect(page.get_by_role("region", name="Verzoeken om vernietiging")).to_contain_text("2 juni 2026")
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "lijsten-met-verzoek")
    page.get_by_role("region", name="Verzoeken om vernietiging").get_by_role("link", name=address).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzoek om vernietiging")

    # Refusing needs a legal exception.
    page.get_by_label("Weigeren: het dossier blijft bewaard").check()
    page.get_by_label("Waarom?").fill("Bewaren is nodig.")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Kies de uitzondering uit de wet waarop u weigert.").first).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "verzoek-besluiten")

    page.get_by_label("Uitvoeren: het dossier wordt nu vernietigd").check()
    page.get_by_label("Waarom?").fill("Geen uitzondering van toepassing.")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Het dossier is vernietigd.").first).to_be_visible()
    expect(page.get_by_text(re.compile("uitgevoerd: dossier vernietigd"))).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)
    assert not Household.objects.filter(id=world.household.id).exists()
    assert DestructionRequest.objects.get().status == "uitgevoerd"

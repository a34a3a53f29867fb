"""In a real browser: the privacy officer's pages, with axe-core on every page (also with form errors)."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from stevig.audit.tests.helpers import log
from stevig.people.models import EmergencyAccess
from stevig.testing.browser import assert_no_axe_violations, login
from stevig.testing.personas import build_world


@pytest.mark.browser
def test_privacy_officer_reads_the_log_and_makes_an_export(page, live_server, transactional_db):
    world = build_world()
    log(world.own_worker, residents=[world.parent.id, world.child.id])
    log(world.other_team_worker, residents=[world.parent.id], outcome="denied")
    login(page, live_server.url, world.privacy)

    page.goto(f"{live_server.url}/toegangslog/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegangslog")
    expect(page.get_by_role("cell", name="anderteam")).to_be_visible()
    assert_no_axe_violations(page)

    # Bad filter input: errors per field, linked to the input, still accessible.
    page.get_by_label(re.compile(r"^Vanaf datum")).fill("2025-04-02")
    page.get_by_label(re.compile(r"^Tot en met datum")).fill("2025-04-01")
    page.get_by_role("button", name="Toon regels").click()
    page.wait_for_load_state()
    field = page.get_by_label(re.compile(r"^Tot en met datum"))
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{field.get_attribute('aria-describedby').split()[0]}")).to_contain_text(
        "Deze datum ligt voor de begindatum"
    )
    assert_no_axe_violations(page)

    # Find the resident by BSN: POST, so the BSN never enters the address bar.
    page.get_by_label(re.compile(r"^BSN")).fill("999990019")
    page.get_by_role("button", name="Inwoner zoeken").click()
    expect(page).to_have_url(re.compile(r"/toegangslog/inwoner-zoeken/$"))
    expect(page).not_to_have_url(re.compile("999990019"))
    expect(page.get_by_role("rowheader", name="Fatima El Amrani")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Toegangslog van Fatima El Amrani").click()
    expect(page).to_have_url(re.compile(f"resident={world.parent.id}"))
    expect(page.get_by_text("U ziet de regels over Fatima El Amrani.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Inzage voor deze inwoner maken").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw gegevens bij de gemeente: Fatima El Amrani")
    expect(page.get_by_role("heading", name="Wie keek in uw gegevens")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_privacy_officer_reviews_emergency_access(page, live_server, transactional_db):
    world = build_world()
    EmergencyAccess.objects.create(
        municipality=world.municipality,
        household=world.household,
        user=world.other_team_worker,
        reason="Crisis in de nacht, eigen team niet bereikbaar.",
        expires_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
    )
    login(page, live_server.url, world.privacy)
    page.goto(f"{live_server.url}/toegangslog/noodtoegang/")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Beoordeel noodtoegang van anderteam").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Crisis in de nacht, eigen team niet bereikbaar.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Beoordeling opslaan").click()  # empty: an error at the field
    page.wait_for_load_state()
    expect(
        page.get_by_role("alert").or_(page.get_by_text("Schrijf een korte beoordeling.")).first
    ).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Uw beoordeling"))).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    page.get_by_label(re.compile(r"^Uw beoordeling")).fill("Terecht: crisis buiten kantoortijd.")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    page.wait_for_url("**/toegangslog/noodtoegang/")
    expect(page.get_by_text("De noodtoegang is beoordeeld.")).to_be_visible()
    expect(page.get_by_role("link", name="Bekijk noodtoegang van anderteam")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Bekijk noodtoegang van anderteam").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Terecht: crisis buiten kantoortijd.")).to_be_visible()
    expect(page.get_by_role("button", name="Beoordeling opslaan")).to_have_count(0)
    assert_no_axe_violations(page)

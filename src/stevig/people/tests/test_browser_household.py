"""In a real browser: log in with password and TOTP, search, open the household, and axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from stevig.testing.browser import assert_no_axe_violations, login
from stevig.testing.personas import build_world

PARENT_BSN = "999990019"


@pytest.mark.browser
def test_worker_finds_and_opens_a_household(page, live_server, transactional_db):
    world = build_world()
    login(page, live_server.url, world.own_worker)

    page.goto(f"{live_server.url}/inwoners/zoeken/")
    assert_no_axe_violations(page)

    page.get_by_role("textbox", name=re.compile(r"^Naam")).fill("El Amr")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page).to_have_url(re.compile(r"name=El\+Amr"))
    results = page.get_by_role("table")
    expect(results.get_by_role("rowheader", name="Fatima El Amrani")).to_be_visible()
    expect(results.get_by_role("rowheader", name="Yusuf El Amrani")).to_be_visible()
    assert_no_axe_violations(page)

    # Search by BSN: the result comes back on the POST response, the BSN never enters the address bar.
    page.get_by_role("textbox", name="BSN", exact=True).fill(PARENT_BSN)
    page.get_by_role("button", name="Zoeken op BSN").click()
    expect(page).to_have_url(re.compile(r"/inwoners/zoeken/$"))
    expect(page).not_to_have_url(re.compile(PARENT_BSN))
    expect(page.get_by_role("rowheader", name="Fatima El Amrani")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Yusuf El Amrani")).to_have_count(0)
    page.get_by_role("link", name="Huishouden van Fatima El Amrani").click()
    page.wait_for_url(re.compile(r".*/inwoners/huishouden/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^" + re.escape("Huishouden Dorpsstraat"))
    )
    members = page.get_by_role("table").first
    expect(members.get_by_role("rowheader", name="Fatima El Amrani")).to_be_visible()
    expect(members.get_by_role("rowheader", name="Yusuf El Amrani")).to_be_visible()
    expect(page.get_by_text("noodtoegang")).to_have_count(0)
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_new_household_form_with_errors_is_accessible(page, live_server, transactional_db):
    world = build_world()
    login(page, live_server.url, world.colleague)
    page.goto(f"{live_server.url}/inwoners/huishouden/nieuw/")
    assert_no_axe_violations(page)

    page.get_by_label("Postcode").fill("12 AB")
    page.get_by_label("BSN").fill("123456789")
    page.get_by_label("Geboortedatum").fill("2999-01-01")
    page.get_by_role("button", name="Huishouden aanmaken").click()
    # The GOV.UK / NL Design System error pattern: "Fout:" in the title, the focus on the summary, every
    # error a link to its field.
    expect(page).to_have_title(re.compile(r"^Fout: "))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Er is nog niets opgeslagen.")
    expect(summary.get_by_role("link", name="Dit BSN klopt niet.")).to_have_attribute("href", "#id_bsn")
    summary.get_by_role("link", name="Dit BSN klopt niet.").click()
    expect(page.get_by_label("BSN")).to_be_focused()
    postcode = page.get_by_label("Postcode")
    expect(postcode).to_have_value("12 AB")
    expect(postcode).to_have_attribute("aria-invalid", "true")
    expect(postcode).to_have_attribute("aria-describedby", re.compile(r"\bid_postcode_error\b"))
    expect(page.locator("#id_postcode_error")).to_have_text("Vul een postcode in zoals 1234 AB.")
    expect(page.locator("#id_bsn_error")).to_have_text("Dit BSN klopt niet.")
    expect(page.locator("#id_date_of_birth_error")).to_have_text("Deze datum ligt in de toekomst.")
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_emergency_access_in_the_browser(page, live_server, transactional_db):
    world = build_world()
    login(page, live_server.url, world.other_team_worker)
    page.goto(f"{live_server.url}/inwoners/huishouden/{world.household.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang tot dit dossier")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Noodtoegang vragen").click()
    page.wait_for_url(f"**/inwoners/huishouden/{world.household.id}/noodtoegang/")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Dossier openen met noodtoegang").click()
    page.wait_for_load_state()
    expect(page.get_by_label("Waarom moet u dit dossier nu openen?")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_no_axe_violations(page)

    page.get_by_label("Waarom moet u dit dossier nu openen?").fill(
        "Acute zorgen, team Noord is niet bereikbaar."
    )
    page.get_by_role("button", name="Dossier openen met noodtoegang").click()
    page.wait_for_url(f"**/inwoners/huishouden/{world.household.id}/")
    banner = page.get_by_text("U bekijkt dit dossier met noodtoegang. Dit wordt gecontroleerd.")
    expect(banner).to_be_visible()
    expect(page.get_by_role("rowheader", name="Yusuf El Amrani")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_edit_and_move_pages_are_accessible(page, live_server, transactional_db):
    world = build_world()
    login(page, live_server.url, world.team_lead)
    base = f"{live_server.url}/inwoners"

    page.goto(f"{base}/inwoner/{world.child.id}/wijzigen/")
    expect(page.get_by_label("Voornamen")).to_have_value("Yusuf")
    page.get_by_label("E-mail").fill("geen-mail")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    expect(page.get_by_label("E-mail")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    page.goto(f"{base}/huishouden/{world.household.id}/wijzigen/")
    assert_no_axe_violations(page)
    page.goto(f"{base}/huishouden/{world.household.id}/lid-toevoegen/")
    assert_no_axe_violations(page)

    page.goto(f"{base}/inwoner/{world.child.id}/verhuizen/")
    page.get_by_label("Postcode").fill("1234 AB")
    page.get_by_label("Huisnummer").fill(str(world.household.house_number))
    page.get_by_role("button", name="Zoek huishouden").click()
    page.wait_for_load_state()
    expect(page.get_by_role("radio")).to_have_count(1)
    assert_no_axe_violations(page)

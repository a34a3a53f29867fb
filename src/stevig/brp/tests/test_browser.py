"""In a real browser: find a resident in the BRP, open the household from it, compare, and axe on every
page; then a decision's iWmo messages page."""

import re

import pytest
from playwright.sync_api import expect

from stevig.testing.browser import assert_no_axe_violations, login
from stevig.testing.personas import build_world


@pytest.mark.browser
def test_worker_opens_a_household_from_the_brp_and_compares(page, live_server, transactional_db):
    world = build_world()
    login(page, live_server.url, world.own_worker)
    page.goto(f"{live_server.url}/brp/")
    assert_no_axe_violations(page)

    # Bad input first: the error is at its field.
    page.get_by_role("textbox", name="BSN").fill("123456789")
    page.get_by_role("button", name="Zoeken in de BRP").click()
    expect(page.get_by_text("Dit BSN klopt niet.").first).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("textbox", name="BSN").fill("999970884")
    page.get_by_role("button", name="Zoeken in de BRP").click()
    results = page.get_by_role("table")
    expect(results.get_by_text("Nandini Adiga")).to_be_visible()
    expect(page).not_to_have_url(re.compile("999970884"))
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Huishouden van Nandini aanmaken").click()
    page.wait_for_url(re.compile(r".*/inwoners/huishouden/[0-9a-f-]{36}/$"))
    members = page.get_by_role("table").first
    for name in ("Nandini Adiga", "Indira Sankrityayan"):
        expect(members.get_by_role("rowheader", name=name)).to_be_visible()

    page.get_by_role("link", name="Vergelijken met de BRP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossier en BRP vergelijken")
    expect(page.locator("#geen-verschillen")).to_be_visible()
    assert_no_axe_violations(page)

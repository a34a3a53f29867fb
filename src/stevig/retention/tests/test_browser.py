"""In a real browser: the privacy officer reviews the month's destruction list. She places and lifts a
litigation hold on a file, then approves its destruction. axe-core at 1280 and 320 px on every page."""

import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stevig.people.models import Household
from stevig.retention import services
from stevig.retention.tests.test_review import old_wmo_file
from stevig.testing.browser import assert_no_axe_violations_at_both_widths, login, set_width
from stevig.testing.personas import build_world


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """With STEVIG_SHOTS=<folder>: full-page screenshots at 1280 and 320 px (not committed)."""
    folder = os.environ.get("STEVIG_SHOTS")
    if not folder:
        return
    for width in (1280, 320):
        set_width(page, width)
        page.screenshot(path=f"{folder}/retention-{name}-{width}.png", full_page=True)
    set_width(page, 1280)


@pytest.mark.browser
def test_privacy_officer_reviews_the_destruction_list(page, live_server, transactional_db):
    world = build_world()
    old_wmo_file(world)
    destruction_list = services.make_destruction_list(
        municipality_id=world.municipality.id, today=timezone.localdate()
    )
    address = world.household.address_line
    # This walk renders nine pages with axe at two widths: on a loaded 2-core CI machine a page can take
    # longer than the shared 15 s default, so this test waits up to 30 s (still auto-waiting, no sleeps).
    page.set_default_timeout(30_000)
    login(page, live_server.url, world.privacy)

    page.goto(f"{live_server.url}/bewaren/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Vernietigings\u00adlijsten$"))
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "lijsten")

    # Any household can get a hold: find it by address (POST, the address stays out of the URL).
    page.get_by_role("link", name="Bewaarplicht plaatsen voor een huishouden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewaarplicht: huishouden zoeken")
    page.get_by_label("Postcode").fill(world.household.postcode)
    page.get_by_label("Huisnummer").fill(str(world.household.house_number))
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name=f"Bewaarplicht voor {address}")).to_be_visible()
    expect(page).not_to_have_url(re.compile(world.household.postcode.replace(" ", r"(\s|%20|\+)?")))
    assert_no_axe_violations_at_both_widths(page)
    page.goto(f"{live_server.url}/bewaren/")

    page.get_by_role("link", name=re.compile(r"^Lijst van ")).click()
    expect(page).to_have_url(re.compile(f"/bewaren/lijst/{destruction_list.id}/$"))
    expect(page.get_by_role("link", name=address)).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "lijst")

    page.get_by_role("link", name=address).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Dossier op de vernietigings\u00adlijst$")
    )
    expect(page.get_by_text("Selectielijst 2020, 8.1.1")).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)

    # A dispute runs: place a litigation hold, with a reason.
    page.get_by_role("link", name="Bewaarplicht bekijken of plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewaarplicht wegens een geschil")
    page.get_by_role("button", name="Bewaarplicht plaatsen").click()  # no reason yet
    expect(page.get_by_text("Er is nog niets opgeslagen.")).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)
    page.get_by_label("Waarom moet het dossier bewaard blijven?").fill("Beroep bij de rechtbank loopt.")
    page.get_by_role("button", name="Bewaarplicht plaatsen").click()
    expect(page.get_by_text("De bewaarplicht staat erop.")).to_be_visible()
    expect(page.get_by_text("Beroep bij de rechtbank loopt.")).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "bewaarplicht")

    # The case is over: lift it.
    page.get_by_label("Waarom mag de bewaarplicht weg?").fill("Uitspraak gedaan, geen hoger beroep.")
    page.get_by_role("button", name="Bewaarplicht opheffen").click()
    expect(page.get_by_text("De bewaarplicht is opgeheven.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Opgeheven door .*: Uitspraak gedaan"))).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)

    # Back to the file: approve without a reason first (errors), then with one.
    page.goto(f"{live_server.url}/bewaren/lijst/{destruction_list.id}/")
    page.get_by_role("link", name=address).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Dossier op de vernietigings\u00adlijst$")
    )
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Kies goedkeuren of afwijzen.").first).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "dossier-fouten")
    page.get_by_label("Goedkeuren: het dossier wordt nu vernietigd").check()
    page.get_by_label("Waarom?").fill("Termijn voorbij, er loopt niets meer.")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page).to_have_url(re.compile(f"/bewaren/lijst/{destruction_list.id}/$"))
    expect(page.get_by_text("Het dossier is vernietigd.")).to_be_visible()
    expect(page.get_by_role("cell", name="goedgekeurd en vernietigd")).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "lijst-na")
    assert not Household.objects.filter(id=world.household.id).exists()

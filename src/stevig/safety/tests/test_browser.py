"""As a person would: open a safety track from the trajectory, walk the five Meldcode steps (a step
cannot be skipped, step 2 needs a colleague or Veilig Thuis, step 3 left out for safety), answer the
afwegingskader, see 'Melden is verplicht', try 'hulp' (refused), report; then try to close the
trajectory (refused). axe-core finds no WCAG violations on any page on the way."""

import re

import pytest
from playwright.sync_api import expect

from stevig.safety.models import SafetyTrack
from stevig.testing.browser import assert_no_axe_violations, login, tab_to
from stevig.trajectories import services as trajectory_services
from stevig.trajectories.tests.conftest import actor_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_safety_path(page, live_server, world):
    base = live_server.url
    trajectory = trajectory_services.open_trajectory(
        actor=actor_for(world.own_worker), household_id=world.household.id, opened_from="Zorgen thuis."
    )
    login(page, base, world.own_worker)
    page.goto(f"{base}/trajecten/{trajectory.id}/")
    page.get_by_role("link", name="Veiligheidsspoor openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veiligheidsspoor openen")
    assert_no_axe_violations(page)
    page.get_by_label("eigen zorgen of signalen van het team").check()
    page.get_by_role("button", name="Spoor openen").click()
    page.wait_for_url(re.compile(r"/veiligheid/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("row", name=re.compile("Yusuf El Amrani \\(kind\\)"))).to_be_visible()
    assert_no_axe_violations(page)
    track = SafetyTrack.objects.get()

    # A step cannot be skipped: only step 1 is offered; going to step 2 directly is refused.
    page.goto(f"{base}/veiligheid/{track.id}/stap/2/")
    page.get_by_label("Aantekeningen").fill("Overleg")
    page.get_by_label("Met welke collega overlegde u?").fill("Fleur")
    page.get_by_role("button", name="Stap 2 vastleggen").click()
    expect(page.get_by_text("Sla geen stap over. Leg eerst stap 1 vast").first).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(f"{base}/veiligheid/{track.id}/")
    page.get_by_role("link", name="Stap 1 vastleggen").click()
    page.get_by_label("Aantekeningen").fill("Yusuf vertelt over harde klappen thuis.")
    page.get_by_role("button", name="Stap 1 vastleggen").click()
    page.get_by_role("link", name="Stap 2 vastleggen").click()
    page.get_by_label("Aantekeningen").fill("Besproken met een collega.")
    page.get_by_role("button", name="Stap 2 vastleggen").click()
    expect(page.locator("#id_colleague_consulted_error")).to_contain_text("Overleg met een collega")
    page.get_by_label("Met welke collega overlegde u?").fill("Fleur de Vries")
    page.get_by_role("button", name="Stap 2 vastleggen").click()
    page.get_by_role("link", name="Stap 3 vastleggen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Het gesprek is niet gevoerd, omdat het de veiligheid in gevaar brengt").check()
    page.get_by_label("Aantekeningen").fill("Vader wordt agressief als hij dit hoort.")
    page.get_by_role("button", name="Stap 3 vastleggen").click()

    # Step 4: the afwegingskader, in order.
    page.get_by_role("link", name="Stap 4 vastleggen").click()
    page.get_by_role("group", name=re.compile("^1\\. Is er")).get_by_label("ja").check()
    page.get_by_role("group", name=re.compile("^2\\. Is er sprake")).get_by_label("ja").check()
    page.get_by_label("Hoe weegt u het risico, de aard en de ernst?").fill(
        "Structureel geweld, kind is bang."
    )
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Stap 4 vastleggen").click()
    expect(page.locator("#conclusie")).to_contain_text("Melden is verplicht")

    # Step 5: 'hulp' alone is refused; melden with its date is accepted.
    page.get_by_role("link", name="Stap 5 vastleggen").click()
    expect(page.get_by_text("Melden is verplicht").first).to_be_visible()
    page.get_by_label("hulp organiseren", exact=True).check()
    page.get_by_label("Hoe kwam u tot dit besluit?").fill("Afwegingskader vraag 2: ja.")
    page.get_by_role("button", name="Stap 5 vastleggen").click()
    expect(page.locator("#id_outcome_error")).to_contain_text("Kies een besluit met melden.")
    assert_no_axe_violations(page)
    page.get_by_label("melden bij Veilig Thuis", exact=True).check()
    page.get_by_label("Datum van de melding bij Veilig Thuis").fill(
        page.get_by_label("Datum", exact=True).input_value()
    )
    page.get_by_role("button", name="Stap 5 vastleggen").click()
    expect(page.locator("#status")).to_have_text("gemeld, wacht op Veilig Thuis")
    expect(page.locator("#veilig-thuis-termijn")).to_contain_text("5 werkdagen")
    assert_no_axe_violations(page)

    # The team stays involved: closing the trajectory is refused.
    page.goto(f"{base}/trajecten/{trajectory.id}/fase/?naar=afgesloten")
    page.get_by_label("Waarom?").fill("Klaar.")
    page.get_by_role("button").filter(has_text=re.compile("opslaan|wijzigen|Opslaan|Wijzigen")).first.click()
    expect(page.get_by_text("Er loopt nog een veiligheidsspoor (Meldcode)").first).to_be_visible()


def test_safety_path_keyboard_only(page, live_server, world):
    """Issue 9 point 7: open a track and record step 1 with the keyboard alone (Tab, Space, Enter, typing)."""
    base = live_server.url
    trajectory = trajectory_services.open_trajectory(
        actor=actor_for(world.own_worker), household_id=world.household.id, opened_from="Zorgen thuis."
    )
    login(page, base, world.own_worker)
    page.goto(f"{base}/trajecten/{trajectory.id}/")
    tab_to(page, page.get_by_role("link", name="Veiligheidsspoor openen"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veiligheidsspoor openen")
    tab_to(page, page.get_by_label("eigen zorgen of signalen van het team"))
    page.keyboard.press("Space")
    expect(page.get_by_label("eigen zorgen of signalen van het team")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Spoor openen"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/veiligheid/[0-9a-f-]{36}/$"))

    tab_to(page, page.get_by_role("link", name="Stap 1 vastleggen"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Aantekeningen"))
    page.keyboard.type("Yusuf vertelt over harde klappen thuis.")
    tab_to(page, page.get_by_role("button", name="Stap 1 vastleggen"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Stap 2 vastleggen")).to_be_visible()
    step = SafetyTrack.objects.get().steps.get()
    assert step.notes == "Yusuf vertelt over harde klappen thuis."

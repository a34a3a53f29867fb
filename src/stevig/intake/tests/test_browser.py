"""Browser tests (Debian chromium via Playwright): the resident's question reaches the worker's worklist;
axe-core finds no violations; the public form works with the keyboard only."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from stevig.intake.models import Question
from stevig.tenancy.models import Location, OpeningHours
from stevig.testing.browser import assert_no_axe_violations, login
from stevig.testing.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tworld(transactional_db):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    return build_world()


def test_resident_question_reaches_the_worklist_and_the_wmo_deadline_shows(page, live_server, tworld):
    # The resident asks a question on the public page, starting from the start page.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Hulp vragen").first.click()
    page.wait_for_url("**/hulp-vragen/")
    assert_no_axe_violations(page)
    page.get_by_label("Wat is uw vraag?").fill("Ik kan niet meer zelf boodschappen doen. Mijn rug is op.")
    page.get_by_label("mijzelf").check()
    page.get_by_label("Waar gaat het over?").select_option("wmo")
    page.get_by_label("bellen").check()
    page.get_by_label("Uw telefoonnummer").fill("06 12345678")
    page.get_by_label("Uw postcode").fill("1234 AB")
    page.get_by_role("button", name="Vraag versturen").click()
    page.wait_for_url("**/hulp-vragen/verstuurd/")
    reference = page.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"HV-\w{4}-\w{2}", reference)
    assert_no_axe_violations(page)
    question = Question.objects.get(reference=reference)

    # A worker of Team Noord sees it on the team worklist.
    login(page, live_server.url, tworld.own_worker, next_path="/intake/?scope=team")
    page.goto(live_server.url + "/intake/?scope=team")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=reference).first.click()
    page.wait_for_url(f"**/intake/vragen/{question.id}/")
    expect(page.get_by_text("niet meer zelf boodschappen").first).to_be_visible()
    assert_no_axe_violations(page)

    # The worker records the first contact, with cliëntondersteuning offered.
    page.get_by_label("Datum van het eerste contact").fill(dt.date.today().isoformat())
    page.get_by_label("Hoe was het contact?").select_option("telefoon")
    page.locator("#id_clientondersteuning_offered_0").check()  # "Ja"
    page.get_by_role("button", name="Eerste contact opslaan").click()
    page.wait_for_url(f"**/intake/vragen/{question.id}/")
    expect(page.get_by_test_id("first-contact")).to_contain_text("Cliëntondersteuning is aangeboden.")
    assert_no_axe_violations(page)

    # The Wmo onderzoek deadline (6 weeks, computed) shows on the worklist with days left.
    onderzoek = question.deadlines.get(clock="WMO_ONDERZOEK")
    page.goto(live_server.url + "/intake/?scope=team")
    later = page.locator("section", has=page.get_by_role("heading", name="Wettelijke termijnen: later"))
    row = later.get_by_role("row", name=re.compile(f"{reference}.*onderzoek"))
    expect(row).to_contain_text("Wmo: onderzoek klaar (6 weken)")
    days = (onderzoek.due_date - dt.date.today()).days
    expect(row).to_contain_text(f"nog {days} dagen")


def test_public_form_errors_are_accessible_and_keep_the_text(page, live_server, tworld):
    page.goto(live_server.url + "/hulp-vragen/")
    story = "Mijn verhaal is lang. " * 300  # more than 5000 characters
    page.get_by_label("Wat is uw vraag?").fill(story)
    page.get_by_label("Uw e-mailadres").fill("naam@")
    page.get_by_label("Uw postcode").fill("12345")
    page.get_by_role("button", name="Vraag versturen").click()
    page.wait_for_load_state()
    expect(page.get_by_label("Wat is uw vraag?")).to_have_value(story)
    expect(page.get_by_text("Uw vraag is te lang").first).to_be_visible()
    expect(page.get_by_text("Dit e-mailadres klopt niet").first).to_be_visible()
    expect(page.get_by_label("Wat is uw vraag?")).to_have_attribute(
        "aria-describedby", re.compile(r"^id_text_helptext")
    )
    assert_no_axe_violations(page)
    assert not Question.objects.exists()


def test_public_form_keyboard_only(page, live_server, tworld):
    """Tab reaches every field and the submit button in document order; the honeypot is skipped."""
    page.goto(live_server.url + "/hulp-vragen/")
    expected = [
        "id_text",
        "id_about_whom_0",
        "id_topic",
        "id_eviction_or_cutoff_threat",
        "id_contact_methods_0",
        "id_contact_methods_1",
        "id_contact_methods_2",
        "id_contact_methods_3",
        "id_contact_when",
        "id_name",
        "id_phone",
        "id_email",
        "id_postcode",
        "submit",
    ]
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; return e.id || (e.type === 'submit' ? 'submit' : e.tagName); }"
        )
        assert focused != "id_website", "the honeypot must not be reachable with Tab"
        if focused in expected and focused not in seen:
            seen.append(focused)
        if focused == "submit":
            break
    assert seen == expected
    # Fill and send with the keyboard only.
    page.focus("#id_text")
    page.keyboard.type("Ik wil graag praten over mijn zoon.")
    page.focus("#id_phone")
    page.keyboard.type("0612345678")
    page.focus("button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/hulp-vragen/verstuurd/")
    assert Question.objects.count() == 1


def test_where_page_accessible(page, live_server, tworld):
    north = tworld.team.neighbourhoods.get()
    place = Location.objects.create(
        municipality=tworld.municipality,
        name="Buurthuis De Brug",
        kind="buurthuis",
        neighbourhood=north,
        accessibility_notes="Rolstoeltoegankelijk.",
    )
    OpeningHours.objects.create(
        municipality=tworld.municipality,
        location=place,
        weekday=dt.date.today().weekday(),
        opens=dt.time(9),
        closes=dt.time(12),
    )
    page.goto(live_server.url + "/waar-vind-ik-het-team/")
    assert_no_axe_violations(page)
    page.get_by_label("Uw postcode").fill("1234 AB")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("Buurthuis De Brug").first).to_be_visible()
    expect(page.get_by_text("Vandaag open").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Uw postcode").fill("99")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("Vul een postcode in zoals 1234 AB.").first).to_be_visible()
    assert_no_axe_violations(page)

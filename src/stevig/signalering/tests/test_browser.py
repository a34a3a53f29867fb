"""Browser walk: a worker raises a signal (first with a BSN in it: warned), policy groups similar signals
and answers them, the worker sees the answer on the start page and the signal. axe finds nothing."""

import pytest
from playwright.sync_api import expect

from stevig.signalering import services
from stevig.signalering.models import Signal
from stevig.signalering.tests.conftest import actor
from stevig.tenancy.models import Neighbourhood
from stevig.testing.browser import assert_no_axe_violations, fresh_world, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    yield  # the live server runs on the real clock


@pytest.fixture
def tworld(transactional_db):  # type: ignore[no-untyped-def]
    return fresh_world()


def test_worker_raises_policy_groups_and_answers_worker_sees_answer(
    page, browser, live_server, tworld
) -> None:
    base = live_server.url
    north = Neighbourhood.objects.get(municipality=tworld.municipality, name="Noord")
    for i in range(2):
        services.raise_signal(
            actor=actor(tworld.colleague),
            category="wachtlijst",
            description=f"Jongeren wachten een half jaar op GGZ-behandeling ({i}).",
            neighbourhood_id=north.id,
        )
    # The worker raises one from the start page; a BSN in the text is caught first.
    login(page, base, tworld.own_worker)
    page.get_by_role("link", name="Knelpunt melden").first.click()
    expect(page.get_by_role("heading", name="Knelpunt melden")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Soort knelpunt").select_option(label="wachtlijst")
    page.get_by_label("Wat loopt er vast?").fill("Mevrouw (BSN 999990019) wacht al acht maanden op GGZ.")
    page.get_by_label("Wijk").select_option(label="Noord")
    page.get_by_role("button", name="Knelpunt melden").click()
    expect(page.get_by_text("Er staat een BSN in de tekst.").first).to_be_visible()
    assert_no_axe_violations(page)
    assert Signal.objects.count() == 2
    page.get_by_label("Wat loopt er vast?").fill("Volwassenen wachten acht maanden op GGZ-behandeling.")
    page.get_by_role("button", name="Knelpunt melden").click()
    expect(page.get_by_text("Beleid heeft nog niet geantwoord.")).to_be_visible()
    assert_no_axe_violations(page)
    worker_page = page

    # Policy (in its own browser) sees the three together, makes a group and answers it.
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", bypass_csp=True)
    page = context.new_page()
    login(page, base, tworld.policy)
    page.goto(f"{base}/knelpunten/")
    expect(page.get_by_role("heading", name="3 signalen: wachtlijst, Noord")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Naam van de groep").fill("wachtlijst GGZ")
    page.get_by_role("button", name="Groep maken van deze 3 meldingen").click()
    expect(page.get_by_role("heading", name="3 signalen: wachtlijst GGZ, Noord")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Nieuwe stand").select_option(label="beleid aangepast")
    page.get_by_role("button", name="Antwoord opslaan").click()
    expect(page.get_by_text("Schrijf op waarom. De medewerkers lezen dit antwoord.").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Nieuwe stand").select_option(label="beleid aangepast")
    page.get_by_label("Antwoord aan de medewerkers").fill(
        "Vanaf 1 maart koopt de gemeente extra GGZ-plekken in."
    )
    page.get_by_role("button", name="Antwoord opslaan").click()
    expect(page.get_by_text("Het antwoord is opgeslagen.").first).to_be_visible()
    assert_no_axe_violations(page)
    context.close()

    # The worker sees the answer on the start page and on the signal.
    page = worker_page
    page.goto(f"{base}/")
    panel = page.locator("[data-panel=signalering-answers]")
    expect(panel).to_contain_text("beleid aangepast")
    panel.get_by_role("link").first.click()
    expect(page.get_by_test_id("antwoord")).to_contain_text("extra GGZ-plekken")
    assert_no_axe_violations(page)

"""Issue 11, 'tests that must exist': a browser walk per role as a person would, in Debian's chromium.

* the teamleider reads her dashboard (/team/), searches and sorts the team's trajectories;
* the department asks the worker a question in a mandate request and the worker answers in the request;
* the department rejects a request and the coordinator confirms the rejection; the worker reads why;
* the idle warning shows two minutes before the logout and "Blijf ingelogd" keeps the session;
* the worker's main path with the keyboard alone: question -> "Ik pak dit op" -> trajectory -> contact.

axe-core finds no WCAG 2.2 A/AA violations on any page on the way (at 1280 px and, where the page is
new in this walk, at 320 px). Dates are Amsterdam dates (`timezone.localdate`); every wait is an
auto-waiting `expect(...)` or `wait_for_url`.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stevig.intake.models import Question
from stevig.intake.tests.helpers import register
from stevig.mandates import services as mandates
from stevig.mandates.models import MandateRequest
from stevig.mandates.tests.conftest import build_case
from stevig.testing.browser import (
    assert_no_axe_violations,
    assert_no_axe_violations_at_both_widths,
    login,
    new_context,
    tab_to,
)
from stevig.trajectories import services as trajectory_services
from stevig.trajectories.models import Contact, Trajectory
from stevig.trajectories.tests.conftest import actor_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _send_debt_request(world, case) -> MandateRequest:  # type: ignore[no-untyped-def]
    return mandates.send_request(
        actor=actor_for(world.own_worker),
        trajectory_id=case.trajectory.id,
        department_id=world.department.id,
        ask="Stop het beslag en maak een betalingsregeling",
        reason="Samen met mevrouw besproken: dit houdt alles tegen.",
        legal_basis="wmo_h5",
        resident_ids=[world.parent.id],
        score_ids=[case.debts.id],
    )


def test_teamleider_reads_her_dashboard_searches_and_sorts(page, live_server, world):
    base = live_server.url
    today = timezone.localdate()
    # A question waiting for the team and an open trajectory of the worker, opened 20 days ago.
    register(world, world.team_lead, text="Meneer belt: de huur is al twee maanden niet betaald.")
    trajectory = trajectory_services.open_trajectory(
        actor=actor_for(world.own_worker), household_id=world.household.id, opened_from="Schulden."
    )
    Trajectory.objects.filter(id=trajectory.id).update(opened_at=timezone.now() - dt.timedelta(days=20))
    trajectory_services.record_contact(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        kind="huisbezoek",
        contact_date=today,
        summary="Kennismaking thuis.",
        resident_ids=[world.parent.id],
    )
    worker_name = world.own_worker.get_full_name()

    login(page, base, world.team_lead)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Teamoverzicht").click()
    page.wait_for_url("**/team/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Teamoverzicht {world.team.name}")
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Teamoverzicht")
    ).to_have_attribute("aria-current", "page")
    # Caseload: a chart and the same numbers as a table.
    expect(page.get_by_role("img", name=re.compile("Werkvoorraad"))).to_be_visible()
    caseload = page.get_by_role("table", name=re.compile("Werkvoorraad per medewerker"))
    expect(caseload.get_by_role("row", name=re.compile(re.escape(worker_name)))).to_contain_text("1")
    # Waiting times and the team's trajectories with last contact and days open.
    expect(page.get_by_role("heading", name="Wachttijden")).to_be_visible()
    trajectories = page.get_by_role("table", name=re.compile("Open trajecten van het team"))
    row = trajectories.get_by_role("row", name=re.compile(re.escape(worker_name)))
    expect(row).to_contain_text("20")
    expect(row).to_contain_text(str(today.year))
    assert_no_axe_violations_at_both_widths(page)

    # Search on the surname of a member, then sort by days open.
    page.get_by_label("Zoek op adres, postcode, achternaam of medewerker").fill("El Amrani")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"zoek=El\+Amrani"))
    expect(page.get_by_role("table", name=re.compile("Open trajecten met 'El Amrani'"))).to_be_visible()
    page.get_by_role("link", name=re.compile("^Dagen open")).click()
    expect(page.get_by_role("columnheader", name=re.compile("Dagen open"))).to_have_attribute(
        "aria-sort", re.compile("ascending|descending")
    )
    assert_no_axe_violations(page)
    # Searching for someone who is not there says so.
    page.get_by_label("Zoek op adres, postcode, achternaam of medewerker").fill("Niemand-hier")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"zoek=Niemand-hier"))
    expect(trajectories.get_by_role("row", name=re.compile(re.escape(worker_name)))).to_have_count(0)


def test_department_asks_and_the_worker_answers_in_the_request(page, browser, live_server, world):
    base = live_server.url
    case = build_case(world)
    request = _send_debt_request(world, case)

    # The department asks its question in the request.
    dept = new_context(browser).new_page()
    login(dept, base, world.department_worker)
    dept.goto(f"{base}/mandaat/inbox/")
    dept.get_by_role("link", name=re.compile("Stop het beslag")).click()
    dept.wait_for_url(f"**/mandaat/{request.id}/")
    dept.get_by_role("button", name="Vraag stellen").click()
    dept.wait_for_url(f"**/mandaat/{request.id}/**")
    # An empty question gets a specific Dutch message, with the focus on the error summary.
    expect(dept).to_have_title(re.compile("^Fout:"))
    expect(dept.locator("[data-error-summary]")).to_be_focused()
    assert_no_axe_violations(dept)
    dept.get_by_label("Uw vraag aan de medewerker").fill("Is er ook een schuld bij de energieleverancier?")
    dept.get_by_role("button", name="Vraag stellen").click()
    dept.wait_for_url(f"**/mandaat/{request.id}/**")
    expect(dept.get_by_role("heading", name="Gesprek")).to_be_visible()
    expect(dept.get_by_text("Is er ook een schuld bij de energieleverancier?").first).to_be_visible()
    assert_no_axe_violations_at_both_widths(dept)

    # The worker sees the question on her start page and answers it in the request.
    login(page, base, world.own_worker)
    page.get_by_role("link", name=re.compile("Stop het beslag")).first.click()
    page.wait_for_url(f"**/mandaat/{request.id}/**")
    expect(page.get_by_role("heading", name="De afdeling heeft een vraag")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Uw antwoord aan de afdeling").fill("Ja, bij Vattenfall: 400 euro.")
    page.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_url(f"**/mandaat/{request.id}/**")
    expect(page.get_by_role("heading", name="De afdeling heeft een vraag")).to_have_count(0)
    expect(page.get_by_text("Ja, bij Vattenfall: 400 euro.").first).to_be_visible()
    assert_no_axe_violations(page)

    # The department reads the answer in the same conversation.
    dept.goto(f"{base}/mandaat/{request.id}/")
    expect(dept.get_by_text("Ja, bij Vattenfall: 400 euro.").first).to_be_visible()
    request.refresh_from_db()
    assert request.question_asked_at is None


def test_coordinator_confirms_a_rejection_and_the_worker_reads_why(page, browser, live_server, world):
    base = live_server.url
    case = build_case(world)
    request = _send_debt_request(world, case)

    # The department rejects, with a reason.
    dept = new_context(browser).new_page()
    login(dept, base, world.department_worker)
    dept.goto(f"{base}/mandaat/{request.id}/")
    dept.get_by_label("Waarom wijst u het verzoek af?").fill("Mevrouw zit al in een schuldsaneringstraject.")
    dept.get_by_role("button", name="Verzoek afwijzen").click()
    dept.wait_for_url(f"**/mandaat/{request.id}/**")
    expect(dept.locator("[data-status]")).to_have_attribute("data-status", "afgewezen")

    # The coordinator finds it on her list and confirms the rejection.
    coordinator = new_context(browser).new_page()
    login(coordinator, base, world.coordinator)
    coordinator.goto(f"{base}/mandaat/coordinatie/")
    assert_no_axe_violations(coordinator)
    coordinator.get_by_role("link", name=re.compile("Stop het beslag")).click()
    coordinator.wait_for_url(f"**/mandaat/{request.id}/")
    expect(coordinator.get_by_text("Mevrouw zit al in een schuldsaneringstraject.").first).to_be_visible()
    assert_no_axe_violations_at_both_widths(coordinator)
    coordinator.get_by_label("Waarom is de afwijzing terecht?").fill(
        "Een tweede regeling naast de sanering mag niet. De bewindvoerder regelt het beslag."
    )
    coordinator.get_by_role("button", name="Afwijzing bevestigen").click()
    coordinator.wait_for_url(f"**/mandaat/{request.id}/**")
    expect(coordinator.get_by_role("button", name="Afwijzing bevestigen")).to_have_count(0)
    assert_no_axe_violations(coordinator)
    # Once answered, the rejection leaves the coordinator's list.
    coordinator.goto(f"{base}/mandaat/coordinatie/")
    expect(coordinator.get_by_role("link", name=re.compile("Stop het beslag"))).to_have_count(0)
    request.refresh_from_db()
    assert request.coordinator_outcome == "bevestigd"

    # The worker reads the coordinator's note in the request.
    login(page, base, world.own_worker)
    page.goto(f"{base}/mandaat/{request.id}/")
    expect(page.get_by_text("De bewindvoerder regelt het beslag.").first).to_be_visible()
    assert_no_axe_violations(page)


def test_idle_warning_offers_to_stay_logged_in(page, live_server, world, settings):
    """WCAG 2.2.1: two minutes before the idle logout a warning with "Blijf ingelogd"; the button renews
    the session without leaving the page. The browser's clock is moved, not waited for."""
    settings.SESSION_COOKIE_AGE = 15 * 60
    base = live_server.url
    page.clock.install()
    login(page, base, world.own_worker)
    page.goto(f"{base}/trajecten/")
    warning = page.get_by_role("alertdialog", name="Blijft u ingelogd?")
    expect(warning).to_be_hidden()
    page.clock.run_for("12:59")
    expect(warning).to_be_hidden()
    page.clock.run_for("00:02")
    expect(warning).to_be_visible()
    stay = warning.get_by_role("button", name="Blijf ingelogd")
    expect(stay).to_be_focused()
    assert_no_axe_violations(page)
    with page.expect_response(re.compile(r"/sessie/verlengen/$")) as renewed:
        page.keyboard.press("Enter")
    assert renewed.value.status == 204
    expect(warning).to_be_hidden()
    expect(page).to_have_url(f"{base}/trajecten/")
    # The timer started again: no warning until 13 minutes after "Blijf ingelogd".
    page.clock.run_for("12:00")
    expect(warning).to_be_hidden()


def test_worker_main_path_with_the_keyboard_only(page, live_server, world):
    """Question on the start page -> "Ik pak dit op" -> "Traject openen vanuit deze vraag" -> a contact,
    with Tab, Space, Enter and typing only."""
    base = live_server.url
    question = register(
        world,
        world.team_lead,
        household_id=world.household.id,
        text="Mevrouw belt: de deurwaarder komt volgende week.",
    )
    login(page, base, world.own_worker)
    expect(page.locator("[data-start-role='medewerker']")).to_have_count(1)

    # On her start page: the work of her team holds the new question, with the button to pick it up.
    tab_to(page, page.get_by_role("link", name="Werk van mijn team"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?werk=team"))
    tab_to(page, page.get_by_role("button", name=re.compile(f"^Ik pak dit op: {question.reference}")))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/intake/vragen/{question.id}/")
    expect(page.get_by_text("U bent nu het vaste aanspreekpunt.").first).to_be_visible()

    tab_to(page, page.get_by_role("link", name="Traject openen vanuit deze vraag"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/trajecten/huishouden/[0-9a-f-]{36}/openen/"))
    # The question's words are carried over; nothing is retyped.
    expect(page.get_by_label("De vraag, in de woorden van de inwoner")).to_have_value(question.text)
    tab_to(page, page.get_by_role("button", name="Traject openen"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    trajectory = Trajectory.objects.get(household=world.household)
    assert trajectory.opened_from_question_id == question.id
    assert trajectory.contact_person_id == world.own_worker.id

    tab_to(page, page.get_by_role("link", name="Contact vastleggen"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Contact vastleggen")
    tab_to(page, page.get_by_role("radio", name="huisbezoek"))
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name="huisbezoek")).to_be_checked()
    # The date is today unless she changes it.
    today = timezone.localdate()
    expect(page.get_by_label("Datum", exact=True)).to_have_value(today.isoformat())
    tab_to(page, page.get_by_role("checkbox", name=re.compile("Fatima El Amrani")))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Korte samenvatting"))
    page.keyboard.type("Samen de brieven van de deurwaarder gelezen.")
    tab_to(page, page.get_by_role("button", name="Contact opslaan"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/#contacten$"))
    contact = Contact.objects.get(trajectory=trajectory)
    assert contact.summary == "Samen de brieven van de deurwaarder gelezen."
    assert contact.contact_date == today
    question.refresh_from_db()
    assert Question.objects.get(id=question.id).contact_person == world.own_worker
    assert_no_axe_violations(page)

"""Browser test (Debian chromium via Playwright) of the issue's flow: a worker sends a request to
Schuldhulpverlening, the department accepts and completes it; a second request to Wonen runs past its
term, the coordinator sees it and decides. axe-core finds no violations on any page on the way."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from stevig.accounts.models import Role
from stevig.mandates.models import MandateRequest
from stevig.mandates.tests.conftest import SECRET, build_case
from stevig.testing import factories as f
from stevig.testing.browser import CHROMIUM, assert_no_axe_violations, login, new_context
from stevig.testing.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tworld(transactional_db):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    world = build_world()
    wonen = f.DepartmentFactory(municipality=world.municipality, name="Wonen", response_term_working_days=5)
    world.users["wonen_worker"] = f.UserFactory(
        username="wonen", municipality=world.municipality, role=Role.DEPARTMENT, department=wonen
    )
    return world


def new_page(browser):  # type: ignore[no-untyped-def]
    context = new_context(browser)
    return context.new_page()


def send_request(page, base: str, case, department: str, ask: str) -> MandateRequest:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/mandaat/nieuw/?trajectory={case.trajectory.id}")
    assert_no_axe_violations(page)
    page.get_by_label("Welke vakafdeling moet iets doen?").select_option(label=department)
    page.get_by_label("Wat is er nodig?").fill(ask)
    page.get_by_label("Waarom is dit nodig?").fill("Samen met mevrouw besproken: dit houdt alles tegen.")
    page.get_by_label(re.compile("financiën: 2")).check()
    page.get_by_label("Rust over geld").check()
    page.get_by_label("Grondslag: waarom mag u deze gegevens delen?").select_option("wmo_h5")
    page.get_by_role("button", name="Verzoek versturen").click()
    page.wait_for_url(re.compile(r".*/mandaat/[0-9a-f-]{36}/$"))
    assert_no_axe_violations(page)
    return MandateRequest.objects.get(ask=ask)


def test_mandate_flow_with_escalation(page, browser, live_server, tworld, settings):
    assert CHROMIUM
    base = live_server.url
    case = build_case(tworld)

    # The worker sends a request to Schuldhulpverlening from the trajectory.
    login(page, base, tworld.own_worker)
    debt = send_request(
        page, base, case, "Schuldhulpverlening", "Stop het beslag en maak een betalingsregeling"
    )
    expect(page.get_by_text("Huurschuld van drie maanden").first).to_be_visible()

    # The department finds it in its inbox, sees only the shared parts, accepts and completes it.
    dept = new_page(browser)
    login(dept, base, tworld.department_worker)
    dept.goto(f"{base}/mandaat/inbox/")
    assert_no_axe_violations(dept)
    dept.get_by_role("link", name=re.compile("Stop het beslag")).click()
    dept.wait_for_url(f"**/mandaat/{debt.id}/")
    content = dept.content()
    assert "Rust over geld" in content and SECRET not in content and "Minder ruzie" not in content
    assert_no_axe_violations(dept)
    dept.get_by_role("button", name="In behandeling nemen").click()
    dept.wait_for_url(f"**/mandaat/{debt.id}/")
    dept.get_by_label("Wat heeft u gedaan?").fill("Beslag gestopt, regeling van 50 euro per maand.")
    dept.get_by_role("button", name="Klaar: uitgevoerd").click()
    dept.wait_for_url(f"**/mandaat/{debt.id}/")
    expect(dept.locator("[data-status]")).to_have_attribute("data-status", "uitgevoerd")
    assert_no_axe_violations(dept)
    # The household file stays closed to the department.
    response = dept.goto(f"{base}/trajecten/{case.trajectory.id}/")
    assert response.status in (403, 404)

    # A second request, to Wonen, runs past its term of 5 working days.
    housing = send_request(page, base, case, "Wonen", "Regel een urgentieverklaring voor een andere woning")
    page.goto(f"{base}/mandaat/mijn/")
    assert_no_axe_violations(page)
    later = timezone.now() + dt.timedelta(days=21)
    with time_machine.travel(later, tick=True):
        assert MandateRequest.objects.get(id=housing.id).is_overdue
        coordinator = new_page(browser)
        login(coordinator, base, tworld.coordinator)
        coordinator.goto(f"{base}/mandaat/coordinatie/")
        assert_no_axe_violations(coordinator)
        coordinator.get_by_role("link", name=re.compile("urgentieverklaring")).click()
        coordinator.wait_for_url(f"**/mandaat/{housing.id}/")
        assert "te laat" in coordinator.content()
        assert_no_axe_violations(coordinator)
        coordinator.get_by_label("Uw besluit").fill(
            "Wonen geeft de urgentie deze week. Dit is nodig voor de kinderen."
        )
        coordinator.get_by_role("button", name="Besluit vastleggen en doorzetten").click()
        coordinator.wait_for_url(f"**/mandaat/{housing.id}/")
        assert "Besluit van de coördinator" in coordinator.content()
        assert_no_axe_violations(coordinator)
        housing.refresh_from_db()
        assert housing.status == "in_behandeling" and housing.coordinator_decision.startswith("Wonen geeft")
        # The coordinator now sees the household file, with the decision on its timeline.
        coordinator.goto(f"{base}/trajecten/{case.trajectory.id}/")
        assert "Coördinator zette het mandaatverzoek aan Wonen door" in coordinator.content()

"""In a real browser (Debian's chromium): log in with the second factor, and zero axe-core violations."""

import re

import pytest
from django.contrib.auth.hashers import make_password
from playwright.sync_api import expect

from stevig.accounts.models import Role
from stevig.testing.browser import assert_no_axe_violations, axe_violations, current_code, login
from stevig.testing.factories import PASSWORD, UserFactory
from stevig.testing.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_PERSONA = {
    Role.WORKER: "own_worker",
    Role.TEAM_LEAD: "team_lead",
    Role.COORDINATOR: "coordinator",
    Role.DEPARTMENT: "department_worker",
    Role.POLICY: "policy",
    Role.ADMIN: "admin",
    Role.PRIVACY: "privacy",
}


@pytest.fixture
def fast_passwords(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


def test_public_start_page_has_no_axe_violations(page, live_server):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom bij het lokale team")
    expect(page.get_by_role("link", name="Hulp vragen")).to_be_visible()
    assert_no_axe_violations(page)


def test_login_and_second_step_pages_have_no_axe_violations_also_with_errors(
    page, live_server, fast_passwords
):
    user = UserFactory(username="axe", role=Role.WORKER, password=make_password(PASSWORD))
    page.goto(live_server.url + "/account/inloggen/")
    assert_no_axe_violations(page)
    # Errors shown on the page are part of what axe checks.
    page.get_by_role("button", name="Volgende stap").click()
    expect(page.get_by_text("Vul uw gebruikersnaam in.").first).to_be_visible()
    expect(page.get_by_label("Gebruikersnaam")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Volgende stap").click()
    page.wait_for_url("**/account/tweede-stap/")
    assert_no_axe_violations(page)
    page.get_by_label("Code").fill("12")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Een code heeft 6 cijfers.").first).to_be_visible()
    assert_no_axe_violations(page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_log_in_with_second_factor_see_start_page_and_log_out(page, live_server, fast_passwords):
    user = UserFactory(
        username="browser", first_name="Bram", role=Role.WORKER, password=make_password(PASSWORD)
    )
    login(page, live_server.url, user)
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Bram")
    expect(page.locator("[data-start-role='medewerker']")).to_have_count(1)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    page.goto(live_server.url + "/account/tweede-factor/")
    expect(page).to_have_url(re.compile("/account/inloggen/"))


def test_wrong_code_then_backup_code_in_the_browser(page, live_server, fast_passwords):
    from stevig.accounts.services import generate_backup_codes

    user = UserFactory(username="reserve", role=Role.PRIVACY, password=make_password(PASSWORD))
    codes = generate_backup_codes(user=user)
    page.goto(live_server.url + "/account/inloggen/?next=/account/tweede-factor/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Volgende stap").click()
    page.wait_for_url("**/account/tweede-stap/")
    page.get_by_label("Code").fill("000000" if current_code(user) != "000000" else "111111")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Deze code klopt niet.").first).to_be_visible()
    page.get_by_label("Code").fill(codes[3])
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/account/tweede-factor/")
    expect(page.get_by_text("U heeft nog 9 reservecodes.")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("role", list(ROLE_PERSONA))
def test_start_page_of_each_role_has_no_axe_violations(page, live_server, fast_passwords, role):
    world = build_world()
    user = getattr(world, ROLE_PERSONA[role])
    user.password = make_password(PASSWORD)
    user.save(update_fields=["password"])
    login(page, live_server.url, user)
    expect(page.locator(f"[data-start-role='{role}']")).to_have_count(1)
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    assert_no_axe_violations(page)


def test_axe_harness_really_finds_violations(page, live_server):
    """The harness must be able to fail: an image without alt text is a violation."""
    page.goto(live_server.url + "/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    assert "image-alt" in {v["id"] for v in axe_violations(page)}


def test_not_found_page_has_no_axe_violations(page, live_server):
    response = page.goto(live_server.url + "/bestaat-niet/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina bestaat niet")
    assert_no_axe_violations(page)

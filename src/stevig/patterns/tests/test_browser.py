"""Browser walk: policy opens the patterns, picks decisions per life domain (issue 12 point 2: every
measure by every named breakdown) and the transitions measure per neighbourhood; a table, a chart with
a text alternative, zero axe violations; the mandate figures per department too."""

import os

import pytest
from playwright.sync_api import expect

from stevig.patterns.services import refresh
from stevig.testing.browser import assert_no_axe_violations, fresh_world, login, set_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    yield  # the live server runs on the real clock


@pytest.fixture
def tworld(transactional_db):  # type: ignore[no-untyped-def]
    return fresh_world()


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("STEVIG_SHOTS")
    if folder:
        for width in (1280, 320):
            set_width(page, width)
            page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def test_policy_walks_the_patterns_by_life_domain(page, live_server, tworld) -> None:
    refresh(municipality_id=tworld.municipality.id)
    login(page, live_server.url, tworld.policy, next_path="/patronen/")
    page.wait_for_url("**/patronen/**")
    page.goto(f"{live_server.url}/patronen/?maat=beschikkingen&indeling=leefgebied")
    expect(page.locator("#indeling")).to_have_value("leefgebied")
    expect(page.get_by_role("heading", level=2)).to_contain_text("per leefgebied")
    assert_no_axe_violations(page)
    _shot(page, "patronen-beschikkingen-leefgebied")
    page.locator("#maat").select_option("overgang_18")
    page.locator("#indeling").select_option("wijk")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**maat=overgang_18**")
    expect(page.get_by_role("heading", level=2)).to_contain_text("per wijk")
    expect(page.locator("#maat")).to_have_value("overgang_18")
    assert_no_axe_violations(page)
    _shot(page, "patronen-overgang-18")
    page.goto(f"{live_server.url}/mandaat/cijfers/")
    expect(page.get_by_role("heading", name="Cijfers mandaatverzoeken")).to_be_visible()
    assert_no_axe_violations(page)
    _shot(page, "mandaat-cijfers")

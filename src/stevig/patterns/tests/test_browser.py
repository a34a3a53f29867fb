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


def _no_page_scroll_at_320(page) -> None:  # type: ignore[no-untyped-def]
    """At 320 px only a data table itself may scroll sideways: not the page, not a caption."""
    set_width(page, 320)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    overflowing = page.evaluate(
        """[...document.querySelectorAll('main caption, main p, main h1, main h2, main form, main figure')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.outerHTML.slice(0, 80))"""
    )
    assert overflowing == [], overflowing
    set_width(page, 1280)


def test_policy_walks_the_patterns_by_life_domain(page, live_server, tworld) -> None:
    refresh(municipality_id=tworld.municipality.id)
    login(page, live_server.url, tworld.policy, next_path="/patronen/")
    page.wait_for_url("**/patronen/**")
    page.goto(f"{live_server.url}/patronen/?maat=beschikkingen&indeling=leefgebied")
    expect(page.locator("#indeling")).to_have_value("leefgebied")
    expect(page.get_by_role("heading", level=2)).to_contain_text("per leefgebied")
    assert_no_axe_violations(page)
    _no_page_scroll_at_320(page)
    _shot(page, "patronen-beschikkingen-leefgebied")
    page.locator("#maat").select_option("overgang_18")
    page.locator("#indeling").select_option("wijk")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**maat=overgang_18**")
    expect(page.get_by_role("heading", level=2)).to_contain_text("per wijk")
    expect(page.locator("#maat")).to_have_value("overgang_18")
    assert_no_axe_violations(page)
    _shot(page, "patronen-overgang-18")
    # The figure pages read the same summary tables, per quarter or year, and say when they were refreshed.
    for path, name in (
        ("/trajecten/cijfers/", "trajecten-cijfers"),
        ("/beschikkingen/cijfers/", "beschikkingen-cijfers"),
        ("/mandaat/cijfers/", "mandaat-cijfers"),
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_text("Bijgewerkt op")).to_be_visible()
        page.locator("#periode").select_option(index=1)
        page.get_by_role("button", name="Tonen").click()
        page.wait_for_url("**periode=**")
        expect(page.get_by_text("Cijfers over kwartaal")).to_be_visible()
        assert_no_axe_violations(page)
        _no_page_scroll_at_320(page)
        _shot(page, name)
    # The quarterly report (made by the background job): nothing but a data table scrolls at 320 px.
    from stevig.selfassessment import services as reports
    from stevig.trajectories.tests.conftest import actor_for

    made = reports.request_report(actor=actor_for(tworld.policy), period="2026-K1")
    reports.store_report(report_id=made.id)  # what the background job does
    page.goto(f"{live_server.url}/zelfevaluatie/kwartaalrapportages/{made.id}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    _no_page_scroll_at_320(page)
    _shot(page, "kwartaalrapportage")


def test_policy_chooses_a_period_on_the_mandate_and_intake_figures(page, live_server, tworld) -> None:
    """The mandate and intake figures come from the summary tables too: a period chooser, the refresh time,
    a small department or neighbourhood as "<5", no page scroll at 320 px, zero axe violations."""
    from stevig.intake.tests.test_figures_attack import COUNTS, _contacts
    from stevig.mandates.tests.test_figures_attack import PLAN, _seed

    _seed(tworld, PLAN)
    _contacts(tworld, COUNTS)
    refresh(municipality_id=tworld.municipality.id)
    login(page, live_server.url, tworld.policy, next_path="/mandaat/cijfers/")
    for path, name, small in (
        ("/mandaat/cijfers/", "mandaat-cijfers-jaar", "Wonen"),
        ("/intake/cijfers/", "intake-cijfers-jaar", "Noord"),
    ):
        page.goto(f"{live_server.url}{path}")
        page.locator("#periode").select_option("2026")
        page.get_by_role("button", name="Tonen").click()
        page.wait_for_url("**periode=2026**")
        expect(page.get_by_text("Cijfers over 2026.")).to_be_visible()
        expect(page.get_by_text("Bijgewerkt op")).to_be_visible()
        expect(page.get_by_role("row", name=small).first).to_be_visible()
        assert_no_axe_violations(page)
        _no_page_scroll_at_320(page)
        _shot(page, name)

"""At 320 px no table loses content: a table wider than the screen scrolls inside a focusable, labelled
region (`.stevig-table-scroll`, tabindex=0, role=region, aria-label), the product's one pattern for wide
tables (web/stevig.css). Checked on the start pages of the worker and the teamleider (both worklist
scopes) and on "Mijn werk" (/intake/), with axe at 1280 and 320 px."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from stevig.intake.tests.helpers import register
from stevig.testing.browser import assert_no_axe_violations_at_both_widths, login, new_context, set_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[4] / "screenshots"

# Every table in the main content: its last column must be reachable, inside the viewport's width.
_TABLES = """() => [...document.querySelectorAll('.stevig-main table')].map(t => {
  const box = t.closest('.stevig-table-scroll');
  const frame = (box || t).getBoundingClientRect();
  return {
    inRegion: !!box && box.getAttribute('role') === 'region' && box.tabIndex === 0
      && !!(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby')),
    scrollable: (box || t).scrollWidth > (box || t).clientWidth + 1,
    frameRight: frame.right,
    // The caption wraps within the visible box instead of running out of it.
    captionFits: !t.caption || t.caption.getBoundingClientRect().right <= frame.right + 1,
    viewport: document.documentElement.clientWidth,
    clipped: [...t.querySelectorAll('th, td')].some(c => {
      // A cell is cut off when an ancestor between it and the scroll box hides it without scrolling.
      for (let el = c.parentElement; el && el !== (box || t); el = el.parentElement) {
        const s = getComputedStyle(el);
        if ((s.overflowX === 'hidden' || s.overflowX === 'clip') && c.getBoundingClientRect().right > el.getBoundingClientRect().right + 1) return true;
      }
      return false;
    }),
  };
})"""


def _check_tables(page, name: str) -> None:  # type: ignore[no-untyped-def]
    for width in (1280, 320):
        set_width(page, width)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"narrow-tables--{name}--{width}.png"), full_page=True)
        tables = page.evaluate(_TABLES)
        assert tables, name
        for table in tables:
            assert table["inRegion"], (name, width, table)
            assert not table["clipped"], (name, width, table)
            assert table["captionFits"], (name, width, table)
            assert table["frameRight"] <= table["viewport"] + 1, (name, width, table)
        # The page itself never scrolls sideways (WCAG 1.4.10): only the table's region does.
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
        )
    # At 320 px the last column is reached by scrolling the region, with the keyboard too.
    set_width(page, 320)
    region = page.locator(".stevig-main .stevig-table-scroll").first
    if region.evaluate("r => r.scrollWidth > r.clientWidth + 1"):
        region.focus()
        for _ in range(30):
            page.keyboard.press("ArrowRight")
        assert region.evaluate("r => r.scrollLeft > 0"), name
    last = region.locator("th").last
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport()
    set_width(page, 1280)
    assert_no_axe_violations_at_both_widths(page)


def test_start_pages_and_my_work_keep_every_column_at_320_px(page, browser, live_server, world):
    base = live_server.url
    question = register(
        world,
        world.team_lead,
        household_id=world.household.id,
        text="Mevrouw belt: de deurwaarder komt volgende week en de huur is twee maanden achter.",
    )
    login(page, base, world.own_worker)
    expect(page.locator("[data-start-role='medewerker']")).to_have_count(1)
    page.goto(base + "/?werk=team")
    expect(page.get_by_role("heading", name="Werk van mijn team")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(question.reference))).to_have_count(1)
    _check_tables(page, "medewerker-start-team")

    page.goto(base + "/intake/?scope=team")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _check_tables(page, "medewerker-mijn-werk")

    lead = new_context(browser)
    lead_page = lead.new_page()
    login(lead_page, base, world.team_lead)
    expect(lead_page.locator("[data-start-role='teamleider']")).to_have_count(1)
    lead_page.goto(base + "/?werk=team")
    _check_tables(lead_page, "teamleider-start")
    lead_page.goto(base + "/team/")
    expect(lead_page.get_by_role("heading", level=1)).to_be_visible()
    _check_tables(lead_page, "teamleider-dashboard")
    lead.close()

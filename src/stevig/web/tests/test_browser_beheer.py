"""/beheer/ (Django admin for functioneel beheer) in a real browser: zero axe-core violations on the index,
on every list, every add form and the change form of a row of every list beheer may manage, at 1280 and
320 px (issue 11 point 1). The look comes from web/admin_templates/admin/base_site.html and web/beheer.css."""

import pytest
from playwright.sync_api import expect

from stevig.testing.browser import axe_violations, login, set_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_beheer_page_has_no_axe_violations_at_1280_and_320(page, live_server, world):
    user = world.admin
    login(page, live_server.url, user, next_path="/beheer/")
    found: list[str] = []
    # Every list and add form that the index offers beheer (the admin decides what that is).
    hrefs = page.eval_on_selector_all(
        "#content-main a[href^='/beheer/']", "links => links.map(a => a.getAttribute('href'))"
    )
    pages = ["/beheer/", *dict.fromkeys(hrefs)]
    assert len(pages) > 5, pages
    # And the change form of the first row of every list that has rows (a member, a team, ...).
    for path in list(pages):
        if path.endswith("/add/") or path.count("/") != 4:
            continue
        page.goto(live_server.url + path)
        first = page.locator("#result_list tbody tr th a").first
        if first.count():
            pages.append(first.get_attribute("href"))
    for path in pages:
        page.goto(live_server.url + path)
        expect(page.locator("#content")).to_be_visible()
        for width in (1280, 320):
            set_width(page, width)
            for violation in axe_violations(page):
                targets = [n["target"] for n in violation["nodes"][:3]]
                found.append(f"{path} @{width}: {violation['id']} {targets}")
    assert found == [], "\n".join(found)

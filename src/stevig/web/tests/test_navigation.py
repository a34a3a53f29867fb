"""The main menu marks exactly one item as the current page (aria-current), the longest matching url."""

import re

import pytest

from stevig.accounts.models import Role
from stevig.testing.personas import web_client
from stevig.web.navigation import current_url, items_for

ALL_ROLES = [value for value, _label in Role.choices]


def _urls(role: str) -> list[str]:
    return [u for u in (item.url() for item in items_for(role)) if u]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_menu_page_and_the_pages_below_it_mark_only_their_own_item(role):
    urls = _urls(role)
    assert urls, role
    for url in urls:
        assert current_url(urls, url) == url, (role, url)
        if url != "/":
            # A page below the item (a trajectory's waakvlam, a question) is still that item's page.
            assert current_url(urls, url + "123/bewerken/") == url, (role, url)


def test_nested_items_the_longest_prefix_wins():
    urls = _urls(Role.WORKER)
    # "/trajecten/" is a prefix of "/trajecten/waakvlam/": on a waakvlam page only Waakvlam is current.
    assert {"/trajecten/", "/trajecten/waakvlam/", "/intake/", "/intake/wachtlijst/"} <= set(urls)
    assert current_url(urls, "/trajecten/waakvlam/") == "/trajecten/waakvlam/"
    assert current_url(urls, "/trajecten/waakvlam/7/") == "/trajecten/waakvlam/"
    assert current_url(urls, "/trajecten/7/") == "/trajecten/"
    assert current_url(urls, "/intake/wachtlijst/") == "/intake/wachtlijst/"
    assert current_url(urls, "/intake/3/") == "/intake/"
    # Start only on the start page itself; a page under no item marks nothing.
    assert current_url(urls, "/") == "/"
    assert current_url(urls, "/account/wachtwoord/") is None


def test_current_url_on_plain_lists():
    assert current_url(["/", "/a/", "/a/b/"], "/a/b/c/") == "/a/b/"
    assert current_url(["/a/b/", "/", "/a/"], "/a/x/") == "/a/"
    assert current_url(["/", "/a/"], "/b/") is None
    assert current_url([], "/") is None


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/trajecten/waakvlam/", "/intake/wachtlijst/", "/trajecten/"])
def test_the_rendered_menu_has_one_current_item(world, path):
    html = web_client(world.own_worker).get(path).content.decode()
    menu = html.split('aria-label="Hoofdmenu"', 1)[1].split("</nav>", 1)[0]
    current = re.findall(r'href="([^"]+)" aria-current="page"', menu)
    assert current == [path], current

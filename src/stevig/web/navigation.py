"""The main menu per role. Other apps add items with `register_nav_item` in their `AppConfig.ready()`.

A menu item whose route does not exist (yet) is left out, so the menu never breaks a page. The menu only
hides what the server denies anyway: every page checks the role again.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stevig.accounts.models import Role

CASE_ROLES = (Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR)


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str = ""
    path: str = ""
    roles: tuple[str, ...] = field(default_factory=tuple)  # empty: every verified staff member
    order: int = 100

    def url(self) -> str | None:
        if self.path:
            return self.path
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


_ITEMS: list[NavItem] = [
    NavItem(_("Start"), url_name="web:home", order=0),
    NavItem(_("Inwoner zoeken"), url_name="people:search", roles=CASE_ROLES, order=10),
    NavItem(_("Toegangslog"), url_name="audit:log", roles=(Role.PRIVACY,), order=10),
    NavItem(_("Inrichting"), path="/beheer/", roles=(Role.ADMIN,), order=10),
    NavItem(_("Teamoverzicht"), url_name="web:team", roles=(Role.TEAM_LEAD,), order=4),
]


def register_nav_item(item: NavItem) -> None:
    if item not in _ITEMS:
        _ITEMS.append(item)


def items_for(role: str, *, is_superuser: bool = False) -> list[NavItem]:
    chosen = [i for i in _ITEMS if not i.roles or role in i.roles]
    if is_superuser and not role:
        chosen = [i for i in _ITEMS if not i.roles or Role.ADMIN in i.roles]
    return sorted(chosen, key=lambda i: i.order)


def current_url(urls: list[str], path: str) -> str | None:
    """The one menu url that marks `path` as the current page (aria-current), or None.

    A url matches the page it names and every page below it; "/" (Start) matches only itself. When more
    urls match ("/trajecten/" and "/trajecten/waakvlam/" on a waakvlam page), the longest one wins, so
    exactly one item is current.
    """
    matching = [u for u in urls if (path == u if u == "/" else path.startswith(u))]
    return max(matching, key=len, default=None)

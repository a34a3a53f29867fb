"""Browser tests: a pytest plugin that drives Debian's chromium through Playwright.

Usage (the plugin is loaded from `src/conftest.py`):

    @pytest.mark.browser
    def test_start_page(page, live_server, transactional_db):
        user = UserFactory(role=Role.WORKER)
        login(page, live_server.url, user)
        assert_no_axe_violations(page)

It never downloads a browser (no `playwright install`): it uses /usr/bin/chromium and fails loudly when
that is missing. Every test gets its own browser context (cookies, storage), so tests can run in parallel.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Generous waits: a passing step returns as soon as the page is there, so only a failure waits this long;
# on a loaded CI machine a cold first request of a live server took 7 s and more.
DEFAULT_TIMEOUT_MS = 30_000
EXPECT_TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser(django_db_blocker: Any) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from stevig.testing.shared_world import SHARED

    # Roll back the shared data's outer transaction first (a browser test runs without it anyway): once
    # Playwright's event loop runs in this thread, Django hands out another connection object, and the
    # outer transaction could no longer be closed ("The rollback flag doesn't work outside of an 'atomic'
    # block") when `pytest src/stevig/<app>` runs unit and browser tests in one process.
    SHARED.close(django_db_blocker)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need chromium at {CHROMIUM} (apt-get install chromium).", pytrace=False)
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


def new_context(browser: Any) -> Any:
    """A browser context as a Dutch user has it (for a second person in one test, too). axe-core is
    injected as a script: the page's strict CSP (no inline script) must not block the test tool."""
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", bypass_csp=True)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return context


@pytest.fixture
def page(browser: Any, settings: Any) -> Iterator[Any]:
    """A fresh page in its own context. Cookies are not marked Secure: the live server speaks plain http."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # The __Host- prefix needs a Secure cookie, which plain http cannot carry.
    settings.SESSION_COOKIE_NAME = settings.SESSION_COOKIE_NAME.removeprefix("__Host-")
    settings.CSRF_COOKIE_NAME = settings.CSRF_COOKIE_NAME.removeprefix("__Host-")
    context = new_context(browser)
    new_page = context.new_page()
    try:
        yield new_page
    finally:
        context.close()


def current_code(user: Any) -> str:
    """The code the user's authenticator app shows right now."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    if device is None:
        raise AssertionError(f"{user} has no confirmed TOTP device")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{code:0{device.digits}d}"


def login(
    page: Any, live_server_url: str, user: Any, *, password: str | None = None, next_path: str = ""
) -> None:
    """Log in through the real two-step form: password, then a current code from the user's app."""
    from stevig.testing.factories import PASSWORD

    url = f"{live_server_url}/account/inloggen/"
    if next_path:
        url += f"?next={next_path}"
    page.goto(url)
    page.get_by_label("Gebruikersnaam").fill(user.get_username())
    page.get_by_label("Wachtwoord").fill(password or PASSWORD)
    page.get_by_role("button", name="Volgende stap").click()
    page.wait_for_url("**/account/tweede-stap/")
    page.get_by_label("Code").fill(current_code(user))
    page.get_by_role("button", name="Inloggen").click()
    # Wait for the redirect away from the login pages (auto-waiting; a plain check right after the click
    # could still see the old page under load).
    try:
        page.wait_for_url(lambda url: "/account/" not in url)
    except Exception as exc:
        raise AssertionError(f"Login of {user} did not finish: still on {page.url}") from exc


def axe_violations(page: Any, *, tags: list[str] | None = None) -> list[dict[str, Any]]:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT} (run npm ci).", pytrace=False)
    # A click on a link returns once the next page has committed, before its document is parsed: axe is
    # only injected into a loaded page. Should a navigation still replace the document while axe runs
    # (a redirect after the load), the run is repeated on the page that stays, never skipped.
    from playwright.sync_api import Error as PlaywrightError

    last_error: Exception | None = None
    for _attempt in range(3):
        page.wait_for_load_state("load")
        try:
            page.add_script_tag(path=str(AXE_SCRIPT))
            result = page.evaluate(
                "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                tags or AXE_TAGS,
            )
        except PlaywrightError as exc:
            last_error = exc
            continue
        return list(result["violations"])
    raise AssertionError(f"axe-core could not run on {page.url}: {last_error}")


def assert_no_axe_violations(page: Any, *, tags: list[str] | None = None) -> None:
    """Fail with a readable list when axe-core finds WCAG 2.0/2.1/2.2 A or AA violations on the page."""
    violations = axe_violations(page, tags=tags)
    if violations:
        lines = [f"axe-core found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(
                    f"    {json.dumps(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}"
                )
        pytest.fail("\n".join(lines), pytrace=False)


def tab_to(page: Any, target: Any, *, limit: int = 150) -> None:
    """Press Tab until `target` has the focus, as a keyboard user moves through the page."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reaches {target}")


# Wide tables take the focus only while they scroll (web/stevig.js, on load and on resize).
_TABLES_SETTLED = """() => [...document.querySelectorAll('.stevig-main .utrecht-table')].every(
    t => t.closest('.stevig-table-scroll') || t.scrollWidth <= t.clientWidth + 1 || t.tabIndex === 0)"""


def set_width(page: Any, width: int) -> None:
    """Resize the viewport and wait until the page's resize handling has run."""
    page.set_viewport_size({"width": width, "height": 800})
    page.wait_for_function(_TABLES_SETTLED)


def assert_no_axe_violations_at_both_widths(page: Any) -> None:
    """axe at 1280 px and at 320 px (WCAG 1.4.10 reflow), then back to 1280 px."""
    set_width(page, 1280)
    assert_no_axe_violations(page)
    set_width(page, 320)
    assert_no_axe_violations(page)
    set_width(page, 1280)


def fresh_world() -> Any:
    """The shared `world` for a live-server (transactional) browser test: the cache emptied first, so no
    login throttle or cached page of an earlier test is left."""
    from django.core.cache import cache

    from stevig.testing.personas import build_world

    cache.clear()
    return build_world()

"""`make screenshots`: look at Stevig as every role does.

Starts the demo server, logs in as every demo account through the real two-step login (password, then
the current code of the account's authenticator), and saves full-page screenshots of the main pages at
1280 and 320 pixels wide into a folder that is never committed (default `screenshots/`). Public pages
are shot without logging in. Run it after every UI change and open the PNGs.

Usage (the Makefile target sets the environment):
    STEVIG_DEMO=1 PYTHONPATH=src python -m stevig.demo.screenshots --out screenshots
"""

import argparse
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

WIDTHS = (1280, 320)
PUBLIC_PAGES = ("/", "/hulp-vragen/", "/waar-vind-ik-het-team/", "/contact/", "/account/inloggen/")


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own http://127.0.0.1 server
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The demo server did not answer at {url}")


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start"


def _shoot(page: Any, base: str, path: str, out: Path, prefix: str) -> None:
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(out / f"{prefix}--{_slug(path)}--{width}.png"), full_page=True)


def _pages_for(user: Any) -> list[str]:
    """The role's menu, plus the first file and trajectory the role can open."""
    from stevig.web.navigation import items_for

    paths = [u for u in (item.url() for item in items_for(user.role)) if u]
    from stevig.people.selectors import households_visible_to
    from stevig.trajectories.models import Trajectory

    household = households_visible_to(user).order_by("id").first()
    if household is not None:
        paths.append(f"/inwoners/huishouden/{household.id}/")
        trajectory = Trajectory.objects.filter(household=household).order_by("id").first()
        if trajectory is not None:
            paths.append(f"/trajecten/{trajectory.id}/")
    from stevig.intake.selectors import questions_visible_to

    question = questions_visible_to(user).filter(contact_person__isnull=True).order_by("received_at").first()
    if question is not None:
        paths.append(f"/intake/vragen/{question.id}/")
    return list(dict.fromkeys(paths))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stevig.settings")
    # Playwright's sync API runs an event loop in this thread; the ORM reads here are a local script's.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from stevig.demo.credentials import current_code, demo_users, totp_device
    from stevig.demo.spec import DEMO_PASSWORD
    from stevig.testing.browser import CHROMIUM, CHROMIUM_ARGS

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{args.port}", "--noreload"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(base + "/")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
            page = context.new_page()
            for path in PUBLIC_PAGES:
                _shoot(page, base, path, out, "publiek")
            context.close()
            seen_roles: set[str] = set()
            for user in demo_users():
                if user.role in seen_roles or totp_device(user) is None:
                    continue
                seen_roles.add(user.role)
                context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
                page = context.new_page()
                page.goto(base + "/account/inloggen/")
                page.get_by_label("Gebruikersnaam").fill(user.username)
                page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
                page.get_by_role("button", name="Volgende stap").click()
                page.wait_for_url("**/account/tweede-stap/")
                device = totp_device(user)
                page.get_by_label("Code").fill(current_code(device))
                page.get_by_role("button", name="Inloggen").click()
                page.wait_for_load_state()
                for path in _pages_for(user):
                    _shoot(page, base, path, out, f"{user.role}-{user.username}")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"Screenshots in {out.resolve()}")


if __name__ == "__main__":
    main()

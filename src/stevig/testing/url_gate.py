"""URL coverage gate (as Zulip does): every URL pattern needs a test in which a persona without rights
is refused.

The plugin records every request the Django and DRF test clients make: the URL pattern it resolved to,
the answer, and whether the caller was logged in. With `--url-gate` (set by `make test`), the run fails
when a pattern was never refused to a logged-in persona: 401/403/404, or a redirect to the login page
(e.g. no second factor). Pages that every staff member may use need a refusal of an anonymous caller;
public pages and the Django admin (which has its own permission tests) are listed below with a reason.
Results of xdist workers are merged by the controller.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

# Public, or without any resident data or privilege: nothing to refuse.
PUBLIC = {
    "health": "liveness probe",
    "ready": "readiness probe",
    "api/v1/schema/": "the OpenAPI document",
    "api/v1/docs/": "the API documentation page",
    "api/v1/openapi.json": "the OpenAPI document as JSON",
    "api/v1/public/questions/": "residents ask a question without logging in",
    "account/inloggen/": "the login page",
    "account/tweede-stap/": "the second login step",
    "account/uitloggen/": "logging out",
    "hulp-vragen/": "public question form",
    "hulp-vragen/verstuurd/": "public receipt",
    "waar-vind-ik-het-team/": "public team finder",
    "contact/": "public contact page",
    "privacy/": "public privacy statement",
    "toegankelijkheid/": "public accessibility statement",
    "account/instellen/<str:token>/": "the one-time enrolment link (the token is the credential)",
    "": "the public start page (a staff member sees the start page of their role)",
    "mock-brp/personen": "the test BRP: fictitious persons only, mounted with STEVIG_BRP_MOCK (API key tested)",
    "mijn/": "Mijn Stevig: the login choice (the overview needs a DigiD session, tested in portal)",
    "mijn/digid/login/": "the start of a DigiD login (django-digid-eherkenning): on to the identity provider",
    "mijn/digid/acs/": "back from DigiD: opens the portal only for a resident the BSN names",
    "mijn/digid/oefenomgeving/inloggen/": "the DigiD mock identity provider (third-party; demo/dev only, 404 else)",
    "mijn/digid/oefenomgeving/inloggen_bsn/": "the DigiD mock's BSN page (third-party; demo/dev only, 404 else)",
    "mijn/digid/metadata/": "Stevig's public SAML metadata for Logius (third-party view; no resident data)",
    "mijn/uitloggen/": "logging out of Mijn Stevig",
    "mijn/volgen/": "residents type their reference and secret code",
    "api/v1/mijn/volgen/": "residents send their reference and secret code",
}
# Open to every logged-in staff member (reference data or one's own account): an anonymous refusal suffices.
ANY_STAFF = {
    "account/tweede-factor/": "one's own second factor",
    "account/wachtwoord/": "one's own password",
    "sessie/verlengen/": "keeping one's own session alive",
    "api/v1/worklist/": "one's own worklist (each role sees only its own sources)",
    "api/v1/decision-signatories/": "who may sign for the college today (the register of mandates; reference data)",
    "api/v1/me/": "one's own account",
    "api/v1/staff/": "colleagues of one's own municipality (ids for assigning; no resident data)",
    "api/v1/life-domains/": "the life domains (reference data)",
    "api/v1/expertise-tags/": "the expertise tags of the municipality (reference data)",
    "api/v1/locations/": "the places and opening hours of the municipality (reference data)",
    "api/v1/legal-calendar/": "the legal calendar (reference data)",
    "api/v1/legal-calendar/deadline/": "a deadline calculator (reference data)",
    "api/v1/decision-categories/": "product categories (reference data)",
    "api/v1/mandate-requests/departments/": "departments and their terms (reference data)",
    "api/v1/data-sharing/legal-bases/": "the catalogue of legal bases (reference data)",
    "api/v1/social-map/facilities/": "the social map (reference data)",
    "api/v1/social-map/facilities/<uuid:facility_id>/": "one facility (reference data)",
    "analyse/leefgebieden/": "the life domains (reference data)",
    "sociale-kaart/": "the social map (reference data)",
    "sociale-kaart/voorziening/<uuid:facility_id>/": "one facility (reference data)",
}
EXCLUDED_PREFIXES = ("beheer/",)
# The login pages of Mijn Stevig (DigiD, or the reference code for one question): a redirect there refuses.
RESIDENT_LOGIN_PAGES = ("/mijn/", "/mijn/volgen/")  # Django admin: guarded by admin_scope, with its own tests


def canonical(route: str) -> str:
    """An API route without its trailing slash: `api/v1/me/` (the old alias) and `api/v1/me` are one
    pattern for the gate (stevig.core.api_paths)."""
    return route.rstrip("/") if route.startswith("api/") else route


PUBLIC_ROUTES = {canonical(route) for route in PUBLIC}
ANY_STAFF_ROUTES = {canonical(route) for route in ANY_STAFF}


@dataclass
class Recorder:
    """Per pattern: was it hit, refused to a logged-in persona, refused to an anonymous caller."""

    hits: dict[str, set[str]] = field(default_factory=dict)

    def add(self, route: str, what: str) -> None:
        self.hits.setdefault(route, set()).add(what)

    def merge(self, data: dict[str, list[str]]) -> None:
        for route, whats in data.items():
            for what in whats:
                self.add(route, what)

    def dump(self) -> dict[str, list[str]]:
        return {route: sorted(whats) for route, whats in self.hits.items()}


_recorder = Recorder()


@contextmanager
def recording(recorder: Recorder, *, keep: bool = False) -> Iterator[Recorder]:
    """Record into another recorder for a while (the gate's own tests). With `keep`, what was recorded
    also counts for the run's gate afterwards (a real refusal test that also inspects its own hits)."""
    global _recorder
    previous, _recorder = _recorder, recorder
    try:
        yield recorder
    finally:
        _recorder = previous
        if keep:
            previous.merge(recorder.dump())


def _is_refusal(response: Any) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    if response.status_code == 302:
        try:
            login = reverse("accounts:login")
        except Exception:
            login = "/account/inloggen/"
        location = str(response.get("Location", ""))
        # Mijn Stevig sends a caller without a resident session to its own login choice.
        return location.startswith(login) or location.split("?")[0] in RESIDENT_LOGIN_PAGES
    return False


def _logged_in(response: Any) -> bool:
    """The caller brought credentials: a logged-in user, an API key, or a staff session that an endpoint
    of another audience (Mijn Stevig's API) ignores and refuses."""
    request = getattr(response, "wsgi_request", None)
    user = getattr(request, "user", None)
    try:
        if user is not None and user.is_authenticated:
            return True
    except Exception:
        return False
    if request is None:
        return False
    if request.META.get("HTTP_AUTHORIZATION"):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.get("_auth_user_id"))


def record(path: str, response: Any, urlconf: str | None = None) -> None:
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return
    route = canonical(match.route)
    _recorder.add(route, "hit")
    if _is_refusal(response):
        _recorder.add(route, "refused-persona" if _logged_in(response) else "refused-anonymous")


def all_routes(urlconf: str | None = None) -> set[str]:
    def walk(patterns: list[Any], prefix: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    routes = walk(get_resolver(urlconf).url_patterns, "")
    return {canonical(r) for r in routes if not r.startswith(EXCLUDED_PREFIXES)}


def uncovered(recorder: Recorder, urlconf: str | None = None) -> dict[str, str]:
    """Patterns without the refusal they need, with what is missing."""
    gaps: dict[str, str] = {}
    for route in sorted(all_routes(urlconf)):
        if route in PUBLIC_ROUTES:
            continue
        seen = recorder.hits.get(route, set())
        if route in ANY_STAFF_ROUTES:
            if not seen & {"refused-anonymous", "refused-persona"}:
                gaps[route] = "no test refuses an anonymous caller"
        elif "refused-persona" not in seen:
            gaps[route] = "no test refuses a persona without rights" + ("" if seen else " (never requested)")
    return gaps


# --------------------------------------------------------------------------------------------- plugin


def _install() -> None:
    from django.test.client import Client

    if getattr(Client.request, "_url_gate", False):
        return
    original = Client.request

    def request(self: Client, **request: Any) -> Any:
        response = original(self, **request)
        record(request.get("PATH_INFO", "/"), response, getattr(response.wsgi_request, "urlconf", None))
        return response

    request._url_gate = True  # type: ignore[attr-defined]
    Client.request = request  # type: ignore[method-assign]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--url-gate",
        action="store_true",
        help="fail when a URL pattern has no test in which a persona without rights is refused",
    )


def pytest_configure(config: pytest.Config) -> None:
    _install()


def pytest_testnodedown(node: Any, error: Any) -> None:
    """Controller side of xdist: merge what a worker recorded."""
    data = getattr(node, "workeroutput", {}).get("stevig_url_gate")
    if data:
        _recorder.merge(json.loads(data))


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if hasattr(config, "workeroutput"):  # an xdist worker: hand the hits to the controller
        config.workeroutput["stevig_url_gate"] = json.dumps(_recorder.dump())
        return
    if not config.getoption("--url-gate") or exitstatus not in (0, 1):
        return
    gaps = uncovered(_recorder)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if gaps:
        if reporter is not None:
            reporter.write_sep(
                "=", f"URL coverage gate: {len(gaps)} pattern(s) without a denied-persona test"
            )
            for route, why in gaps.items():
                reporter.write_line(f"  /{route}: {why}")
            reporter.write_line(
                "Add to the tests of the app that owns each pattern a test in which a persona without rights "
                "(stevig.testing.personas) requests it and is refused: 403/404, or the login page. Public "
                "or every-staff patterns are listed, with a reason, in stevig/testing/url_gate.py. See "
                "docs/testing.md."
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif reporter is not None:
        reporter.write_line(
            f"URL coverage gate: every pattern has a denied-persona test ({len(all_routes())})."
        )

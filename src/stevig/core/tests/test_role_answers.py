"""One answer for a role that never works in household files (issue 8 point 1).

Beleid, vakafdeling, functioneel beheer and privacy never see a household file. Every page and every
endpoint whose URL names a file object (a kind with `roles` in `core.access`: household, resident,
trajectory, plan, decision, question, ...) answers them 403 — for a read and for a write, also a write
with an empty body (the role is checked before the body) — and writes a `denied` row. The 404 and the
break-the-glass offer are for file roles outside the file's scope only.

One GET and one POST per URL pattern, with the personas taken in turn: the rule is the same for all four
(the per-persona test below takes one page and one endpoint through all of them). A pattern that one of
them may use on purpose (`OPEN_TO`, e.g. the privacy officer's litigation hold) is asked of another.
"""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from stevig.audit.models import AccessLogEntry, Action, Outcome, Part
from stevig.core import access
from stevig.core.access import _KINDS_BY_URL_KWARG
from stevig.testing import url_gate
from stevig.testing.personas import NON_FILE_PERSONAS, api_client, web_client

pytestmark = pytest.mark.django_db

# URL arguments that name an object of a kind only file roles may see.
FILE_KWARGS = {name for name, kind in _KINDS_BY_URL_KWARG.items() if kind.roles is not None}

# Patterns whose argument of that name means something else (not a file object).
OTHER_MEANING = {
    "zelfevaluatie/acties/<uuid:action_id>/stand/": "an improvement action of a self-assessment",
    "api/v1/self-assessment/actions/<uuid:action_id>": "an improvement action of a self-assessment",
}
# Patterns that name a file object for a role without files on purpose (its own, logged, selectors):
# that role is not asked here; the others are.
OPEN_TO = {
    "toegangslog/inwoner/<uuid:resident_id>/inzage/": {"privacy"},  # data-subject request (AVG art. 15)
    "toegangslog/inwoner/<uuid:resident_id>/export.json": {"privacy"},
    "api/v1/residents/<uuid:resident_id>/data-export": {"privacy"},
    "bewaren/huishouden/<uuid:household_id>/bewaarplicht/": {"privacy"},  # litigation hold (retention)
    "api/v1/households/<uuid:household_id>/litigation-holds": {"privacy"},
    # destruction request (Jeugdwet 7.3.9, Wmo 5.3.5): registered by the privacy officer or a file role
    "bewaren/huishouden/<uuid:household_id>/verzoek-vernietiging/": {"privacy"},
    "api/v1/households/<uuid:household_id>/destruction-requests": {"privacy"},
}
# Mijn Stevig: a resident's own session, no staff roles (tested in portal).
RESIDENT_PREFIXES = ("mijn/", "api/v1/mijn/")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def file_routes() -> list[str]:
    routes = {url_gate.canonical(route) for route in _walk(get_resolver().url_patterns)}
    return sorted(
        route
        for route in routes
        if set(re.findall(r"<(?:\w+:)?(\w+)>", route)) & FILE_KWARGS
        and route not in OTHER_MEANING
        and not route.startswith((*RESIDENT_PREFIXES, *url_gate.EXCLUDED_PREFIXES))
    )


FILE_ROUTES = file_routes()


def _url(route: str, world) -> str:
    known = {"household_id": world.household.id, "resident_id": world.parent.id}

    def value(match: re.Match[str]) -> str:
        converter, name = match.group(1), match.group(2)
        return "1" if converter == "int" else str(known.get(name, uuid.uuid4()))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def _denied_rows(user) -> int:
    return AccessLogEntry.objects.filter(user_id=user.id, outcome=Outcome.DENIED).count()


def test_the_file_routes_are_found():
    """The list below is not empty by accident: pages and endpoints of the main file kinds are in it."""
    assert "inwoners/huishouden/<uuid:household_id>/" in FILE_ROUTES
    assert "api/v1/households/<uuid:household_id>" in FILE_ROUTES
    assert "api/v1/decisions/<uuid:decision_id>/send" in FILE_ROUTES
    assert "trajecten/<uuid:trajectory_id>/" in FILE_ROUTES
    assert len(FILE_ROUTES) > 100


@pytest.mark.parametrize("route", FILE_ROUTES)
def test_a_role_without_files_gets_403_and_a_denied_row(world, route):
    start = FILE_ROUTES.index(route)
    turn = [NON_FILE_PERSONAS[(start + i) % len(NON_FILE_PERSONAS)] for i in range(len(NON_FILE_PERSONAS))]
    persona = next(p for p in turn if p not in OPEN_TO.get(route, ()))
    user = getattr(world, persona)
    is_api = route.startswith("api/")
    client = api_client(user) if is_api else web_client(user)
    url = _url(route, world)
    refused = 0
    allowed: list[str] = []
    for method in ("get", "post", "other"):
        if method == "other":
            # A path with neither GET nor POST (only PATCH/PUT/DELETE): its first own method.
            if refused or not allowed:
                break
            method = allowed[0]
        before = _denied_rows(user)
        if is_api:
            response = getattr(client, method)(url, {}, format="json") if method != "get" else client.get(url)
        else:
            response = getattr(client, method)(url)
        if response.status_code == 405:
            # A path that does not answer this method at all: 405 for everyone, before any permission
            # check (core.middleware.ApiMethodMiddleware), so it tells nothing about the file.
            if is_api:
                allowed = [m.lower() for m in response["Allow"].split(", ") if m not in {"HEAD", "OPTIONS"}]
            continue
        assert response.status_code == 403, (persona, method.upper(), url, response.status_code)
        assert _denied_rows(user) == before + 1, (persona, method.upper(), url, "no denied row")
        assert "El Amrani" not in response.content.decode()
        refused += 1
    assert refused, (persona, url, "no method refused with 403")


@pytest.mark.parametrize("persona", NON_FILE_PERSONAS)
def test_every_role_without_files_gets_the_same_answer_on_page_and_endpoint(world, persona):
    user = getattr(world, persona)
    page = web_client(user).get(f"/inwoners/huishouden/{world.household.id}/")
    endpoint = api_client(user).get(f"/api/v1/households/{world.household.id}")
    write = api_client(user).post(
        f"/api/v1/households/{world.household.id}/emergency-access", {}, format="json"
    )
    assert (page.status_code, endpoint.status_code, write.status_code) == (403, 403, 403)
    assert endpoint["Content-Type"] == "application/problem+json"
    row = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert row.outcome == Outcome.DENIED and row.object_id == str(world.household.id)
    assert sorted(row.resident_ids) == sorted([str(world.parent.id), str(world.child.id)])


# Lists of resident files: only file roles read or add to them (`docs/architecture.md`, "One answer
# everywhere"): a role without files gets 403 problem+json and a denied row, as the pages answer it.
FILE_LISTS = {
    "/api/v1/households": Part.HOUSEHOLD,
    "/api/v1/questions": Part.QUESTION,
    "/api/v1/trajectories": Part.TRAJECTORY,
    "/api/v1/safety-tracks": Part.SAFETY,
    "/api/v1/intake/worklist": Part.WORKLIST,
    "/api/v1/waiting-list": Part.WAITING_LIST,
    "/api/v1/worklist": Part.WORKLIST,
}
FILE_COLLECTIONS = [*list(FILE_LISTS)[:4], "/api/v1/mandate-requests"]


@pytest.mark.parametrize("persona", NON_FILE_PERSONAS)
def test_adding_to_a_file_list_is_refused_before_the_body(world, persona):
    user = getattr(world, persona)
    client = api_client(user)
    for url in FILE_COLLECTIONS:
        before = _denied_rows(user)
        response = client.post(url, {}, format="json")
        assert response.status_code == 403, (url, response.status_code)
        assert _denied_rows(user) == before + 1, url


@pytest.mark.parametrize("url", list(FILE_LISTS))
@pytest.mark.parametrize("persona", NON_FILE_PERSONAS)
def test_reading_a_file_list_is_refused_to_a_role_without_files(world, persona, url):
    """Not a 200 with an empty list: the same 403 the list page gives, logged as a denied search."""
    user = getattr(world, persona)
    before = _denied_rows(user)
    response = api_client(user).get(url)
    assert response.status_code == 403, (persona, url, response.status_code)
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 403 and response.json()["detail"]
    assert _denied_rows(user) == before + 1
    row = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert (row.outcome, row.part) == (Outcome.DENIED, FILE_LISTS[url])
    assert row.action in (Action.SEARCH, Action.READ)


@pytest.mark.parametrize("url", list(FILE_LISTS))
def test_a_file_role_reads_the_file_lists(world, url):
    assert api_client(world.own_worker).get(url).status_code == 200, url


def test_a_file_role_out_of_scope_still_gets_404_from_the_api(world):
    """The role answer does not change the scope answer: a worker of another team is told nothing."""
    response = api_client(world.other_team_worker).get(f"/api/v1/households/{world.household.id}")
    assert response.status_code == 404


def test_scoped_get_refuses_a_role_without_files_with_role_denied(world):
    from stevig.core.context import Actor
    from stevig.people.selectors import HOUSEHOLD

    actor = Actor(user=world.policy, access_point="10.0.0.1")
    with pytest.raises(access.RoleDenied):
        access.scoped_get(
            HOUSEHOLD, actor=actor, pk=world.household.id, action=Action.READ, part=Part.HOUSEHOLD
        )
    row = AccessLogEntry.objects.latest("id")
    assert (row.outcome, row.object_id) == (Outcome.DENIED, str(world.household.id))

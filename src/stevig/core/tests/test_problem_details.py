"""Every API error is an RFC 9457 problem document (`application/problem+json`) with the Dutch message in
`detail` and, for a 400, the field errors inside (`errors` by field, `invalid_params` one per message).

Regression (issue 13, point 11): errors were bare `{field: [...]}` or `{detail}` objects in
`application/json`, a different shape per status, and an unknown path under /api/ answered an HTML page.
"""

import json
import uuid

import pytest
from django.test import override_settings

from stevig.core.api import INVALID_INPUT, PROBLEM_JSON
from stevig.people.models import Household
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith(PROBLEM_JSON)
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    assert body["instance"] == response.wsgi_request.path
    return body


def test_field_errors_are_inside_the_problem_document(world):
    before = Household.objects.count()
    response = api_client(world.own_worker).post(
        "/api/v1/households",
        {"street": "", "house_number": "", "postcode": "12", "first_member": {"bsn": "111111111"}},
        format="json",
    )
    body = assert_problem(response, 400)
    assert body["detail"] == INVALID_INPUT
    assert body["errors"]["postcode"] == ["Vul een postcode in zoals 1234 AB."]
    assert "Dit BSN klopt niet." in body["errors"]["first_member"]["bsn"]
    # One entry per message, with a dotted path for nested fields.
    params = {(p["name"], p["reason"]) for p in body["invalid_params"]}
    assert ("postcode", "Vul een postcode in zoals 1234 AB.") in params
    assert ("first_member.bsn", "Dit BSN klopt niet.") in params
    assert Household.objects.count() == before


def test_business_rule_errors_from_a_service_are_a_400_problem(world):
    url = f"/api/v1/residents/{world.child.id}"
    response = api_client(world.own_worker).patch(url, {"bsn": world.parent.bsn, "version": 1}, format="json")
    body = assert_problem(response, 400)
    assert "al bij een andere inwoner" in body["errors"]["bsn"][0]
    assert body["invalid_params"][0]["name"] == "bsn"


def test_out_of_scope_and_unknown_objects_are_the_same_404(world):
    out_of_scope = api_client(world.other_team_worker).get(f"/api/v1/households/{world.household.id}")
    unknown = api_client(world.other_team_worker).get(f"/api/v1/households/{uuid.uuid4()}")
    first, second = assert_problem(out_of_scope, 404), assert_problem(unknown, 404)
    assert first["detail"] == second["detail"] == "Niet gevonden."


def test_unknown_api_path_is_a_404_problem_not_a_page(world):
    assert_problem(api_client(world.own_worker).get("/api/v1/bestaat-niet"), 404)


def test_role_that_may_never_do_it_is_a_403_problem(world):
    # Grouping bottleneck signals is for policy only.
    body = assert_problem(api_client(world.own_worker).get("/api/v1/signal-groups"), 403)
    assert body["title"] == "Geen toegang"


def test_anonymous_is_a_401_problem_with_a_challenge(client):
    response = client.get("/api/v1/me")
    body = assert_problem(response, 401)
    assert body["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Token")


def test_version_conflict_is_a_409_problem_with_its_code(world):
    url = f"/api/v1/residents/{world.child.id}"
    client = api_client(world.own_worker)
    assert client.patch(url, {"first_name": "Eerst", "version": 1}, format="json").status_code == 200
    body = assert_problem(client.patch(url, {"first_name": "Later", "version": 1}, format="json"), 409)
    assert body["code"] == "version_conflict"


def test_wrong_method_and_content_type_are_problems(world):
    client = api_client(world.own_worker)
    response = client.delete("/api/v1/me")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]
    response = client.generic("POST", "/api/v1/households", b"<x/>", content_type="application/xml")
    assert_problem(response, 415)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1_000)
def test_oversized_body_is_a_413_problem(client):
    body = json.dumps({"text": "x" * 5_000}).encode()
    assert_problem(
        client.generic("POST", "/api/v1/public/questions", body, content_type="application/json"), 413
    )

"""The four kinds of contract breaks schemathesis found (issue 13, point 7), one regular test each, so
they stay fixed without the slower schemathesis run: an empty query value is a 400 naming the parameter
(not "not sent"), a number where the schema says string is a 400 (not coerced to text), a method a path
does not have is a 405 with `Allow` (before login or permission checks), and a body that is no JSON is
the documented 400 problem (`ValidationProblem`: `errors` and `invalid_params`)."""

import pytest
from rest_framework.test import APIClient

from stevig.core.api import PROBLEM_JSON
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db


def assert_400_naming(response, name):  # type: ignore[no-untyped-def]
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM_JSON
    body = response.json()
    assert name in body["errors"]
    assert name in {p["name"] for p in body["invalid_params"]}


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/mandate-requests", "status"),
        ("/api/v1/questions", "team"),
        ("/api/v1/staff", "team"),
        ("/api/v1/referrals/follow-ups-due", "until"),
        ("/api/v1/trajectories", "scope"),
        ("/api/v1/trajectories/pilot-light/due", "until"),
        ("/api/v1/worklist", "sort"),
    ],
)
def test_an_empty_query_value_is_a_400_naming_the_parameter(world, path, parameter):
    client = api_client(world.own_worker)
    assert client.get(path).status_code == 200
    assert_400_naming(client.get(f"{path}?{parameter}="), parameter)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/brp/search", {"surname": 0, "birth_date": "2000-01-01"}, "surname"),
        (
            "/api/v1/residents/search",
            {"name": "", "postcode": 0, "house_number": 1, "date_of_birth": "2000-01-01"},
            "postcode",
        ),
        ("/api/v1/questions/duplicates", {"surname": 0, "date_of_birth": "2000-01-01"}, "surname"),
    ],
)
def test_a_number_where_the_schema_says_string_is_a_400(world, path, body, field):
    response = api_client(world.own_worker).post(path, body, format="json")
    assert_400_naming(response, field)


def test_duplicate_check_takes_json_only(world):
    """A form body cannot send `null`: an empty date would have passed as "not sent"."""
    response = api_client(world.own_worker).post("/api/v1/questions/duplicates", {"date_of_birth": ""})
    assert response.status_code == 415


@pytest.mark.parametrize(
    ("persona", "method", "path", "allow"),
    [
        ("own_worker", "trace", "/api/v1/mijn", "GET, HEAD, OPTIONS"),
        ("own_worker", "trace", "/api/v1/mijn/verzoeken", "GET, HEAD, OPTIONS, POST"),
        ("own_worker", "trace", "/api/v1/trajectories", "GET, HEAD, OPTIONS, POST"),
        (None, "put", "/api/v1/mijn", "GET, HEAD, OPTIONS"),
    ],
)
def test_a_method_the_path_does_not_have_is_a_405_with_allow(world, persona, method, path, allow):
    """Also for a persona who may not use the path at all: 405 says the method never works here, 403
    would say it might with other credentials."""
    client = api_client(getattr(world, persona)) if persona else APIClient()
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM_JSON
    assert response["Allow"] == allow


def test_a_body_that_is_no_json_is_the_documented_validation_problem(world):
    response = api_client(world.own_worker).generic(
        "POST", "/api/v1/households", b"#\x80 geen json", content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["errors"]["non_field_errors"]
    assert body["invalid_params"][0]["name"] == "non_field_errors"

"""Bad request bodies get 400/413/415, never a 500 — also anonymously on the public question endpoint.

Regression: `[[[[...` a few thousand levels deep raised RecursionError (HTTP 500). The fuzz test sends
hypothesis-generated bodies (random bytes, deeply nested JSON, invalid UTF-8, odd content types) to an
anonymous and an authenticated endpoint; the test client re-raises any server error, so a 500 fails it.
"""

import json

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stevig.core.parsers import MAX_JSON_DEPTH, json_depth
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db

PUBLIC = "/api/v1/public/questions"
QUESTIONS = "/api/v1/questions"
ALLOWED = {200, 201, 400, 413, 415}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The public endpoint is rate-limited per address; each case starts with a clean count."""
    cache.clear()
    yield
    cache.clear()


def nested(depth: int, kind: str = "list") -> bytes:
    if kind == "list":
        return ("[" * depth + "]" * depth).encode()
    return ('{"a":' * depth + "1" + "}" * depth).encode()


@pytest.mark.parametrize("kind", ["list", "object"])
@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 5_000, 100_000])
def test_deeply_nested_json_is_a_400(world, client, kind, depth):
    for path, http in [(PUBLIC, client), (QUESTIONS, api_client(world.own_worker))]:
        response = http.generic("POST", path, nested(depth, kind), content_type="application/json")
        assert response.status_code == 400, (path, response.content[:200])
        assert "te diep genest" in response.json()["detail"]


def test_nesting_up_to_the_limit_is_parsed(world):
    body = {"text": "Ik heb hulp nodig", "channel": "telefoon", "extra": nested(MAX_JSON_DEPTH - 1).decode()}
    assert json_depth(json.loads(nested(MAX_JSON_DEPTH))) == MAX_JSON_DEPTH
    response = api_client(world.own_worker).post(QUESTIONS, body, format="json")
    assert response.status_code in {201, 400}
    assert "te diep genest" not in response.content.decode()


@pytest.mark.parametrize(
    "body, message",
    [
        (b'{"text": "\xff\xfe"}', "geen geldige UTF-8"),
        (b"\xc3\x28", "geen geldige UTF-8"),
        (b'{"text": NaN}', "geen geldige JSON"),
        (b'{"text": 1' + b"9" * 5000 + b"}", "geen geldige JSON"),
        (b'{"text": ', "geen geldige JSON"),
    ],
)
def test_broken_json_is_a_400_with_a_dutch_message(client, world, body, message):
    response = client.generic("POST", PUBLIC, body, content_type="application/json")
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_wrong_content_type_is_a_415(world, client):
    response = client.generic("POST", PUBLIC, b"<vraag/>", content_type="application/xml")
    assert response.status_code == 415


@pytest.mark.parametrize("fmt", ["multipart", None])
def test_a_form_body_for_a_new_question_is_a_415(world, fmt):
    """A form cannot send `null`: an empty `household=` passed as "no household" where the schema says
    uuid (schemathesis). The endpoint reads JSON only, and its schema says so."""
    client = api_client(world.own_worker)
    body = {"text": "Hulp bij post", "channel": "telefoon", "household": ""}
    if fmt is None:
        response = client.generic(
            "POST",
            QUESTIONS,
            "text=Hulp&channel=telefoon&household=",
            content_type="application/x-www-form-urlencoded",
        )
    else:
        response = client.post(QUESTIONS, body, format=fmt)
    assert response.status_code == 415
    assert response["Content-Type"].startswith("application/problem+json")


def test_the_schema_offers_a_new_question_as_json_only():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert set(schema["paths"]["/api/v1/questions"]["post"]["requestBody"]["content"]) == {"application/json"}


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_oversized_body_is_a_413(world, client):
    body = json.dumps({"text": "x" * 20_000}).encode()
    response = client.generic("POST", PUBLIC, body, content_type="application/json")
    assert response.status_code == 413


CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "text/plain",
        "application/octet-stream",
        "",
    ]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)
BODIES = st.one_of(
    st.binary(max_size=300),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.builds(lambda d, k: nested(d, k), st.integers(1, 3000), st.sampled_from(["list", "object"])),
    st.builds(lambda b: b'{"text": "' + b + b'"}', st.binary(max_size=50)),
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODIES, content_type=CONTENT_TYPES)
def test_fuzzed_bodies_never_give_a_server_error(world, body, content_type):
    cache.clear()
    for path, http in [(PUBLIC, Client()), (QUESTIONS, api_client(world.own_worker))]:
        response = http.generic("POST", path, body, content_type=content_type)
        assert response.status_code in ALLOWED, (path, content_type, body[:80], response.status_code)


@pytest.mark.parametrize("value", ["¹", "²5", "٣"])
def test_a_page_size_of_other_digits_is_a_400(world, value):
    """schemathesis: "¹".isdigit() is true but int("¹") fails, which gave a 500."""
    response = api_client(world.own_worker).get("/api/v1/team/trajectories", {"page_size": value})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["page_size"]

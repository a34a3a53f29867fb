"""The API contract a client can trust (issue 13, point 11; NLGov API Design Rules core): paths without a
trailing slash, every error status documented as a problem document, pages documented as the page
object they are, contact and a semantic version in `info`."""

import re

import pytest
import yaml
from django.conf import settings
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db
WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_no_path_has_a_trailing_slash(schema):
    assert [path for path in schema["paths"] if path.endswith("/")] == []
    assert reverse("api-households") == "/api/v1/households"


@pytest.mark.slash_alias
def test_slashless_paths_answer_and_the_old_form_still_does(world):
    client = api_client(world.own_worker)
    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200
    assert client.get(f"/api/v1/households/{world.household.id}").json()["id"] == str(world.household.id)


def test_a_test_calling_a_slash_alias_fails(world):
    """Outside `slash_alias` tests the test client refuses the alias (stevig.testing.canonical_api)."""
    with pytest.raises(AssertionError, match="canonical API path"):
        api_client(world.own_worker).get("/api/v1/me/")


def test_every_operation_documents_its_errors_as_problem_documents(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        public = {} in operation.get("security", [{}])
        expected = {"400", "404", "406"} | (set() if public else {"401", "403"})
        if method in WRITES:
            expected.add("409")
        if "requestBody" in operation:
            expected |= {"413", "415"}
        assert expected <= set(responses), (method, path, sorted(responses))
        for code, response in responses.items():
            if code.startswith("4"):
                content = response["content"]
                assert list(content) == ["application/problem+json"], (method, path, code)
                wanted = "ValidationProblem" if code == "400" else "Problem"
                assert content["application/problem+json"]["schema"]["$ref"].endswith(wanted)
    assert "429" in schema["paths"]["/api/v1/public/questions"]["post"]["responses"]


def test_pages_are_documented_as_page_objects(schema, world):
    """Every list the API pages itself is an object with `results` in the schema, as it is in the answer."""
    page = schema["paths"]["/api/v1/households"]["get"]["responses"]["200"]["content"]["application/json"]
    ref = page["schema"]["$ref"].rsplit("/", 1)[-1]
    component = schema["components"]["schemas"][ref]
    assert component["type"] == "object" and component["properties"]["results"]["type"] == "array"
    parameters = {p["name"] for p in schema["paths"]["/api/v1/households"]["get"]["parameters"]}
    assert {"cursor", "page_size"} <= parameters
    answer = api_client(world.own_worker).get("/api/v1/households", {"page_size": 1}).json()
    assert set(answer) == {"next", "previous", "results"}
    assert answer["next"] is None or "/api/v1/households?" in answer["next"]


def test_no_operation_answers_a_bare_array(schema):
    """Every list is the one page object (`next`, `previous`, `results`): no 2xx answer is a bare array."""
    bare = []
    for path, method, operation in operations(schema):
        for code, response in operation["responses"].items():
            for content in (response.get("content") or {}).values():
                if code.startswith("2") and content.get("schema", {}).get("type") == "array":
                    bare.append(f"{method.upper()} {path}")
    assert bare == []


@pytest.mark.parametrize(
    "path",
    ["/api/v1/decision-categories", "/api/v1/legal-calendar", "/api/v1/mandate-requests/departments"],
)
def test_short_lists_answer_the_page_object_too(world, path):
    answer = api_client(world.own_worker).get(path, {"page_size": 2}).json()
    assert set(answer) == {"next", "previous", "results"} and len(answer["results"]) <= 2
    assert answer["previous"] is None


def test_every_patch_is_documented_as_partial_with_a_required_version(schema):
    """PATCH is a true partial update (`core.api.partial_body`): only `version` is required."""
    patches = [(path, operation) for path, method, operation in operations(schema) if method == "patch"]
    assert len(patches) >= 8
    for path, operation in patches:
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        body = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        assert body["required"] == ["version"], path
        assert "Gedeeltelijk wijzigen" in operation["description"], path


def test_info_has_contact_and_a_semantic_version(schema):
    info = schema["info"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", info["version"]) and info["version"] == settings.API_VERSION
    assert info["contact"]["name"] and info["contact"]["url"].startswith("https://")


def test_the_committed_document_is_the_generated_one():
    committed = yaml.safe_load((settings.BASE_DIR / "openapi.yaml").read_text())
    assert [p for p in committed["paths"] if p.endswith("/")] == []
    assert "ValidationProblem" in committed["components"]["schemas"]


def test_creates_link_to_reading_what_they_made(schema):
    """The OpenAPI links schemathesis' stateful test follows (stevig.core.schema.API_LINKS)."""
    from stevig.core.schema import API_LINKS, api_links

    created = schema["paths"]["/api/v1/questions"]["post"]["responses"]["201"]
    assert created["links"]["QuestionsRetrieve"] == {
        "operationId": "questions_retrieve",
        "parameters": {"question_id": "$response.body#/id"},
        "description": "`id` uit het antwoord als `question_id`.",
    }
    linked = sum(
        len(response.get("links", {}))
        for _, _, operation in operations(schema)
        for response in operation["responses"].values()
    )
    assert linked == len(API_LINKS)
    broken = {"paths": {}, "components": {}}
    with pytest.raises(ValueError, match="does not exist"):
        api_links(broken)

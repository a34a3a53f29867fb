"""Query parameters are parsed as the schema documents them (issue 13, point 7; `core.api.query`).

An independent client (schemathesis) found lists that refused a request the schema calls valid (a
`page_size` documented without bounds, dates documented as free text) and filters that answered 200
with the whole list to a value the schema does not allow (an unknown `status`, a date that is no date).
Here every GET without path parameters is walked as a persona who may read it: each documented enum
value is accepted, and a value outside the enum, a malformed date, a number that is no number or out of
range is a 400 problem document naming the parameter."""

import pytest
import yaml
from django.conf import settings

from stevig.core.api import PROBLEM_JSON
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db

# Who may read what: the first persona that gets a 200 on the bare list is the one that is asked.
READERS = ("own_worker", "team_lead", "coordinator", "policy", "department_worker", "privacy", "admin")

# The paginator's parameters: one implementation for every list, walked in test_pagination and below.
PAGING = {"page", "page_size", "cursor"}
# Parameters whose every value is valid (free text): nothing to refuse.
FREE_TEXT = {"cursor", "search", "q", "user", "reference", "agb", "gemeente", "name", "postcode"}


@pytest.fixture(scope="module")
def schema():
    """The committed document a client reads (`make openapi-check` keeps it equal to the code's)."""
    safe = yaml.CSafeLoader  # libyaml's safe loader: the document in a second, not five
    return yaml.load((settings.BASE_DIR / "openapi.yaml").read_text(), Loader=safe)  # noqa: S506


def filtered_lists(schema):
    """(path, filters) of every GET without path parameters that takes query parameters besides paging."""
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if not operation or "{" in path or path.startswith(("/api/v1/public", "/api/v1/mijn")):
            continue
        parameters = [
            p for p in operation.get("parameters", []) if p["in"] == "query" and p["name"] not in PAGING
        ]
        if any(p.get("required") for p in parameters):
            continue  # computed answers (legal-calendar/deadline) have their own tests below
        if parameters:
            yield path, parameters


def invalid_values(parameter):
    """Values the documented schema of `parameter` does not allow."""
    schema = parameter["schema"]
    if "enum" in schema or schema.get("format") in {"date", "uuid"} or schema.get("type") != "string":
        yield ""  # sent empty (`?status=`): not a value of the schema, so no "not sent" either
    if "enum" in schema:
        yield "geen-geldige-waarde"
    elif schema.get("format") == "date":
        yield "31-02-2026"
        yield "2026-02-30"
    elif schema.get("format") == "uuid":
        yield "geen-uuid"
    elif schema.get("type") == "integer":
        yield "tien"
        if "minimum" in schema:
            yield str(schema["minimum"] - 1)
        if "maximum" in schema:
            yield str(schema["maximum"] + 1)
    elif schema.get("type") == "boolean":
        yield "misschien"


def reader(world, path):
    for persona in READERS:
        client = api_client(getattr(world, persona))
        if client.get(path).status_code == 200:
            return client
    raise AssertionError(f"no persona reads {path}")


def test_every_filter_refuses_a_value_it_does_not_document(world, schema):
    accepted = []
    walked = 0
    for path, parameters in filtered_lists(schema):
        client = reader(world, path)
        for parameter in parameters:
            name = parameter["name"]
            if name in FREE_TEXT:
                continue
            for value in invalid_values(parameter):
                walked += 1
                response = client.get(path, {name: value})
                names = {p["name"] for p in response.json().get("invalid_params", [])}
                if (
                    response.status_code != 400
                    or response["Content-Type"] != PROBLEM_JSON
                    or name not in names
                ):
                    accepted.append(f"GET {path}?{name}={value} -> {response.status_code}")
    assert walked > 40
    assert not accepted, "\n".join(accepted)


def test_every_documented_filter_value_is_accepted(world, schema):
    refused = []
    walked = 0
    for path, parameters in filtered_lists(schema):
        client = reader(world, path)
        for parameter in parameters:
            values = list(parameter["schema"].get("enum", []))
            if parameter["schema"].get("type") == "integer" and "maximum" in parameter["schema"]:
                values += [parameter["schema"]["minimum"], parameter["schema"]["maximum"]]
            for value in values:
                walked += 1
                response = client.get(path, {parameter["name"]: value})
                if response.status_code != 200:
                    refused.append(f"GET {path}?{parameter['name']}={value} -> {response.status_code}")
    assert walked > 60
    assert not refused, "\n".join(refused)


def test_no_paging_parameter_is_documented_without_its_bounds(schema):
    """A bare `page_size: integer` promised that 0 is fine; the paginator answers it 400."""
    unbounded = [
        f"{path} {p['name']}"
        for path, item in schema["paths"].items()
        for operation in item.values()
        for p in operation.get("parameters", [])
        if p["name"] in {"page", "page_size"} and not {"minimum", "maximum"} <= set(p["schema"])
    ]
    assert unbounded == []


# ------------------------------------------------------------------- the operations the client named


@pytest.mark.parametrize(
    ("path", "persona"),
    [("/api/v1/mandate-requests", "own_worker"), ("/api/v1/mandate-requests/inbox", "department_worker")],
)
def test_mandate_lists_refuse_an_unknown_status(world, path, persona):
    client = api_client(getattr(world, persona))
    response = client.get(path, {"status": "weg"})
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM_JSON
    assert [p["name"] for p in response.json()["invalid_params"]] == ["status"]
    for status in ("open", "all", "ontvangen", "in_behandeling", "uitgevoerd", "afgewezen"):
        assert client.get(path, {"status": status, "page_size": 100}).status_code == 200


@pytest.mark.parametrize(
    ("params", "field"),
    [({"scope": "iedereen"}, "scope"), ({"phase": "klaar"}, "phase"), ({"page_size": 0}, "page_size")],
)
def test_trajectory_list_refuses_an_unknown_filter(world, params, field):
    response = api_client(world.own_worker).get("/api/v1/trajectories", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_trajectory_list_takes_every_documented_phase_and_scope(world):
    client = api_client(world.own_worker)
    for phase in ("verkennen", "plan", "hulp", "waakvlam", "afgesloten"):
        for scope in ("mine", "team"):
            assert client.get("/api/v1/trajectories", {"phase": phase, "scope": scope}).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/safety-tracks", "/api/v1/transitions/overview"])
def test_offset_lists_take_the_documented_bounds_and_refuse_the_rest(world, path):
    client = api_client(world.own_worker)
    assert client.get(path, {"page": 100000, "page_size": 100}).status_code == 200
    assert client.get(path, {"page": 1, "page_size": 1}).status_code == 200
    for params in ({"page": 0}, {"page_size": 101}, {"page_size": "-1"}):
        response = client.get(path, params)
        assert response.status_code == 400 and set(response.json()["errors"]) == set(params)


def test_trajectory_figures_refuse_a_date_that_is_no_date(world):
    client = api_client(world.policy)
    assert (
        client.get("/api/v1/trajectories/figures", {"since": "2026-01-01", "until": "2026-03-31"}).status_code
        == 200
    )
    response = client.get("/api/v1/trajectories/figures", {"since": "gisteren"})
    assert response.status_code == 400 and "since" in response.json()["errors"]


def test_pilot_light_due_refuses_a_bad_date_and_an_unknown_scope(world):
    client = api_client(world.own_worker)
    assert (
        client.get(
            "/api/v1/trajectories/pilot-light/due", {"until": "2026-05-01", "scope": "team"}
        ).status_code
        == 200
    )
    response = client.get("/api/v1/trajectories/pilot-light/due", {"until": "2026-13-01", "scope": "alles"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"until", "scope"}


def test_deadline_documents_the_rules_it_enforces(schema):
    """The two rules of `legal-calendar/deadline` that OpenAPI cannot express per parameter are in the
    parameter descriptions, so a client reads why a 400 comes (tested in legalcalendar/tests/test_api)."""
    parameters = {
        p["name"]: p for p in schema["paths"]["/api/v1/legal-calendar/deadline"]["get"]["parameters"]
    }
    assert "1970" in parameters["start"]["description"] and "2100" in parameters["start"]["description"]
    assert "MANDATE_REQUEST" in parameters["working_days"]["description"]
    assert parameters["start"]["schema"]["format"] == "date"


def test_the_idempotency_key_is_documented_as_it_is_checked(schema):
    """A key the schema allowed (any string) was refused with 400: the header now carries the pattern."""
    from stevig.intake.api.views import IDEMPOTENCY_KEY

    documented = [
        p["schema"].get("pattern")
        for item in schema["paths"].values()
        for operation in item.values()
        for p in operation.get("parameters", [])
        if p["name"] == "Idempotency-Key"
    ]
    assert len(documented) >= 2 and set(documented) == {IDEMPOTENCY_KEY.pattern}


@pytest.mark.parametrize("documented", ["/api/v1/plan-goals/{goal_id}", "/api/v1/plan-actions/{action_id}"])
def test_a_delete_takes_the_version_it_documents(world, schema, documented):
    """`?version=` is documented as a whole number from 1, as the view checks it: 0 or text is a 400."""
    parameters = schema["paths"][documented]["delete"]["parameters"]
    (version,) = [p for p in parameters if p["name"] == "version"]
    assert version["required"] and version["schema"]["minimum"] == 1
    url = documented.rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"
    for value in ("0", "twee"):
        response = api_client(world.own_worker).delete(f"{url}?version={value}")
        assert response.status_code == 400 and list(response.json()["errors"]) == ["version"]

"""An open destruction request (Jeugdwet art. 7.3.9, Wmo 2015 art. 5.3.5) is on the responsible worker's
worklist ("Mijn werk" on the start page and GET /api/v1/worklist) with its due date, until it is decided."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.audit.models import AccessLogEntry
from stevig.core.context import Actor
from stevig.people.selectors import households_visible_to
from stevig.retention import services
from stevig.retention.models import DestructionRequest
from stevig.retention.worklist import destruction_requests
from stevig.testing.personas import api_client, web_client
from stevig.web.worklist import WorkQuery, worklist_for

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC)  # Thursday 5 March 2026
RECEIVED = dt.date(2026, 3, 2)  # Monday 2 March 2026
DUE = dt.date(2026, 6, 2)  # Tuesday 2 June 2026: three months later


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=True):
        yield


def register(world, user=None, law="jeugdwet") -> DestructionRequest:  # type: ignore[no-untyped-def]
    return services.register_destruction_request(
        actor=Actor(user=user or world.own_worker, access_point="test"),
        household_id=world.household.id,
        law=law,
        received_on=RECEIVED,
        requested_by="betrokkene",
    )


def items(user, scope="mine"):  # type: ignore[no-untyped-def]
    work = worklist_for(actor=Actor(user=user, access_point="test"), scope=scope)
    return [i for i in work.items if i.kind == "vernietigingsverzoek"]


def test_on_mijn_werk_with_its_due_date_on_the_start_page_and_the_api(world):
    register(world)
    page = web_client(world.own_worker).get("/")
    html = page.content.decode()
    assert "Verzoek om vernietiging" in html
    assert "2 juni 2026" in html
    assert "Jeugdwet art. 7.3.9" in html
    assert f"/huishouden/{world.household.id}/" in html
    listed = [
        i
        for i in api_client(world.own_worker).get("/api/v1/worklist").json()["results"]
        if i["kind"] == "vernietigingsverzoek"
    ]
    assert [(i["due"], i["status"]) for i in listed] == [
        (DUE.isoformat(), "wacht op besluit van de privacy officer")
    ]
    # The worklist's own access-log row names the household's residents.
    row = AccessLogEntry.objects.filter(part="werklijst", user_id=world.own_worker.id).latest("seq")
    assert str(world.parent.id) in [str(r) for r in row.resident_ids]


def test_registered_by_the_privacy_officer_it_is_on_the_aanspreekpunt_s_list(world):
    register(world, user=world.privacy, law="wmo")
    (item,) = items(world.own_worker)  # the vast aanspreekpunt of the household
    assert item.due == DUE and "Wmo 2015 art. 5.3.5" in item.title


def test_per_scope_and_persona(world):
    register(world)
    assert len(items(world.own_worker)) == 1
    assert len(items(world.colleague, "team")) == 1  # the team's households
    assert len(items(world.team_lead, "team")) == 1
    assert items(world.colleague, "mine") == []  # neither registered it nor aanspreekpunt
    for persona in ("other_team_worker", "other_municipality_worker"):
        user = getattr(world, persona)
        assert items(user, "mine") == [] and items(user, "team") == []
    for persona in ("policy", "department_worker", "admin", "privacy"):
        # Roles without a worklist of cases: the source is not theirs (the privacy officer has /bewaren/).
        assert items(getattr(world, persona)) == []


@pytest.mark.parametrize("decision", ["weigeren", "uitvoeren"])
def test_gone_from_the_list_once_decided(world, decision):
    request = register(world)
    assert len(items(world.own_worker)) == 1
    services.decide_destruction_request(
        actor=Actor(user=world.privacy, access_point="test"),
        request_id=request.id,
        decision=decision,
        exception="belang_ander" if decision == "weigeren" else "",
        reason="Besloten na overleg met de jurist.",
        expected_version=request.version,
    )
    assert items(world.own_worker) == []
    assert items(world.colleague, "team") == []


def test_the_source_runs_constant_queries(world):
    def count(user) -> int:  # type: ignore[no-untyped-def]
        query = WorkQuery(
            user=user, scope="mine", households=households_visible_to(user), today=NOW.date(), limit=100
        )
        with CaptureQueriesContext(connection) as ctx:
            destruction_requests(query)
        return len(ctx.captured_queries)

    register(world)
    one = count(world.own_worker)
    for _ in range(5):
        register(world)
    assert count(world.own_worker) == one <= 3

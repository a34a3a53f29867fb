"""Bezwaar, klacht and beroep are on the one worklist (start page and GET /api/v1/worklist/) with their own
clock, for the team that holds the file, until they are decided."""

import datetime as dt

import pytest
import time_machine

from stevig.decisions import services
from stevig.decisions.tests.conftest import actor, decide
from stevig.testing.personas import api_client
from stevig.web.worklist import worklist_for

pytestmark = pytest.mark.django_db

AMS = dt.timezone(dt.timedelta(hours=2))


def _at(day: dt.date):  # type: ignore[no-untyped-def]
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=AMS), tick=False)


def test_an_open_bezwaar_is_on_the_worklist_with_its_awb_7_10_date(world, categories):
    # Sent Wed 3 Jun 2026 -> objection term ends Wed 15 Jul -> decide by Wed 26 Aug 2026 (Awb 7:10).
    with _at(dt.date(2026, 6, 3)):
        decision = decide(world, categories, decided_on=dt.date(2026, 6, 1), sent_on=dt.date(2026, 6, 3))
    with _at(dt.date(2026, 6, 10)):
        objection = services.register_remedy(
            actor=actor(world.own_worker),
            decision_id=decision.id,
            kind="bezwaar",
            received_on=dt.date(2026, 6, 10),
            summary="Mevrouw vindt 2 uur te weinig.",
        )
        complaint = services.register_remedy(
            actor=actor(world.own_worker),
            decision_id=decision.id,
            kind="klacht",
            received_on=dt.date(2026, 6, 10),
            summary="De medewerker belde niet terug.",
        )
        mine = worklist_for(actor=actor(world.own_worker), scope="mine").items
        team = worklist_for(actor=actor(world.team_lead), scope="team").items
        other = worklist_for(actor=actor(world.other_team_worker), scope="team").items
        body = api_client(world.own_worker).get("/api/v1/worklist", {"scope": "mine"}).json()
    found = {i.kind: i for i in mine if i.kind in ("bezwaar", "klacht")}
    assert found["bezwaar"].due == dt.date(2026, 8, 26)
    assert found["bezwaar"].url == f"/beschikkingen/bezwaren/{objection.id}/"
    assert "2 uur te weinig" in found["bezwaar"].title and found["bezwaar"].kind_label == "Bezwaar: beslissen"
    assert found["klacht"].due == dt.date(2026, 7, 22)  # Awb 9:11: six weeks after receipt
    assert {i.kind for i in team} >= {"bezwaar", "klacht"}
    assert not {i.kind for i in other} & {"bezwaar", "klacht"}
    assert {"bezwaar", "klacht"} <= {i["kind"] for i in body["results"]}
    with _at(dt.date(2026, 8, 20)):
        services.decide_remedy(
            actor=actor(world.own_worker),
            remedy_id=objection.id,
            expected_version=objection.version,
            decided_on=dt.date(2026, 8, 20),
            result="Ongegrond: 2 uur is passend.",
        )
        after = worklist_for(actor=actor(world.own_worker), scope="mine").items
    assert [i.url for i in after if i.kind in ("bezwaar", "klacht")] == [
        f"/beschikkingen/bezwaren/{complaint.id}/"
    ]

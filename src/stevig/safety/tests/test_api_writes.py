"""The safety track's API writes go through `core.api.write`: the JSON names map to the service's
arguments (`version` -> expected_version, `q1`/`q2` -> suspicion/unsafe, `risks` -> {resident: (level,
note)}), each answer is the whole track read again, a stale version is 409 and a bad body a structured 400."""

import datetime as dt

import pytest

from stevig.safety.models import RiskLevel
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db


def test_open_a_track_then_step_risks_and_weigh_through_the_api(world, trajectory):
    client = api_client(world.own_worker)
    opened = client.post(
        "/api/v1/safety-tracks", {"trajectory": str(trajectory.id), "source": "signalen"}, format="json"
    )
    assert opened.status_code == 201, opened.content
    track = opened.json()
    url = f"/api/v1/safety-tracks/{track['id']}"
    today = dt.date.today().isoformat()

    step = client.post(
        url + "/steps",
        {"version": track["version"], "number": 1, "done_on": today, "notes": "Signalen in kaart."},
        format="json",
    )
    assert step.status_code == 201, step.content
    assert step.json()["id"] == track["id"] and step.json()["version"] > track["version"]

    level = RiskLevel.CONCERN
    stale = client.put(
        url + "/risks",
        {"version": track["version"], "risks": [{"resident": str(world.child.id), "level": level}]},
        format="json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"
    risks = client.put(
        url + "/risks",
        {"version": step.json()["version"], "risks": [{"resident": str(world.child.id), "level": level}]},
        format="json",
    )
    assert risks.status_code == 200, risks.content

    bad = client.post(url + "/weigh", {"done_on": today, "notes": ""}, format="json")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert "version" in bad.json()["errors"]

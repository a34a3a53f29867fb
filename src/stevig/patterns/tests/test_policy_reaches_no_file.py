"""Issue 12 point 6: the policy role reaches no individual file through any page, endpoint, export,
report or search. Every URL of the project is requested as policy, with the ids of a real household, its
members and its trajectory filled in (and of a self-assessment round, participant and action); no answer
may contain who they are (names, BSN, address)."""

import re
import uuid
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from stevig.core.suppression import Period
from stevig.signalering.tests.conftest import actor
from stevig.testing.personas import api_client, web_client
from stevig.testing.tasks import run_queued_tasks
from stevig.trajectories import services as trajectory_services

PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def routes(patterns: list[Any] | None = None, prefix: str = "") -> list[str]:
    found: list[str] = []
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            found.extend(routes(p.url_patterns, route))
        elif isinstance(p, URLPattern):
            found.append(route)
    return found


def fill(route: str, ids: dict[str, Any]) -> str | None:
    if route.startswith("^") or "(?P" in route:
        return None  # regex routes (the admin's): policy is no admin and is sent to the login page

    def value(match: re.Match[str]) -> str:
        conv, name = match.group("conv"), match.group("name")
        if conv == "uuid":
            return str(ids.get(name, ids["household_id"]))
        if conv == "int":
            return "1"
        return "x"

    return "/" + PARAM.sub(value, route)


# Every route is walked, the API's slash aliases included: they must not leak either.
@pytest.mark.system
@pytest.mark.slash_alias
def test_policy_gets_no_resident_data_from_any_url(world) -> None:
    trajectory = trajectory_services.open_trajectory(
        actor=actor(world.own_worker), household_id=world.household.id, opened_from="Wij hebben schulden."
    )
    from stevig.selfassessment import services as selfassessment

    round_ = selfassessment.start_round(actor=actor(world.policy), title="Ronde", period="2026")
    partner = selfassessment.add_participant(
        actor=actor(world.policy), round_id=round_.id, group="partners", name="GGD"
    )
    improvement = selfassessment.add_action(
        actor=actor(world.policy),
        round_id=round_.id,
        principle_number=1,
        description="Folder in B1.",
        owner_id=world.policy.pk,
        due_on=timezone.localdate(),
    )
    # A quarterly report made by the background job, so its stored HTML and PDF are checked too.
    report = selfassessment.request_report(
        actor=actor(world.policy), period=str(Period.containing(timezone.localdate()))
    )
    run_queued_tasks()
    ids = {
        "report_id": report.id,
        "round_id": round_.id,
        "participant_id": partner.id,
        "action_id": improvement.id,
        "household_id": world.household.id,
        "resident_id": world.parent.id,
        "member_id": world.child.id,
        "trajectory_id": trajectory.id,
        "pk": world.household.id,
        "id": world.household.id,
    }
    secrets = ["El Amrani", "Fatima", "Yusuf", "999990019", world.household.street]
    web, api = web_client(world.policy), api_client(world.policy)
    checked = 0
    for route in routes():
        url = fill(route, ids)
        if url is None or "/beheer/" in url or url.endswith("logout/") or "uitloggen" in url:
            continue
        client = api if url.startswith("/api/") else web
        response = client.get(url)
        checked += 1
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode(errors="ignore")
        for secret in secrets:
            assert secret not in text, f"{url} ({response.status_code}) shows {secret!r} to policy"
    assert checked > 100  # every app's pages and endpoints were tried
    # The check can fail: the same ids show the family to the worker who holds the file.
    own = web_client(world.own_worker).get(f"/trajecten/{uuid.UUID(str(trajectory.id))}/")
    assert own.status_code == 200 and "El Amrani" in own.content.decode()

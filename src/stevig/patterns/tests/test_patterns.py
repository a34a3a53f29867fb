"""Patterns for policy: summary tables filled by the background job (on SQLite and PostgreSQL alike),
equal to an independent count; the page and CSV show only suppressed figures; only policy gets them."""

import csv
import datetime as dt
import io
from collections import Counter

import pytest
import time_machine

from stevig.intake.models import Question
from stevig.intake.tests.helpers import register
from stevig.patterns.models import SummaryCount, SummaryRefresh
from stevig.testing.personas import PERSONAS, web_client
from stevig.testing.tasks import run_queued_tasks


def questions(world) -> None:  # type: ignore[no-untyped-def]
    """Q1 2026: 7 by phone from Noord, 3 online without postcode; Q2: 6 by phone from Noord."""
    plan = [(dt.datetime(2026, 2, 3, 9, tzinfo=dt.UTC), "telefoon", "1234 AB", 7)]
    plan += [(dt.datetime(2026, 2, 4, 9, tzinfo=dt.UTC), "online", "", 3)]
    plan += [(dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC), "telefoon", "1234 AB", 6)]
    n = 0
    for when, channel, postcode, times in plan:
        for _ in range(times):
            n += 1
            with time_machine.travel(when, tick=False):
                register(world, channel=channel, postcode=postcode, idempotency_key=f"p{n}")


def refreshed_by_the_job(world) -> None:  # type: ignore[no-untyped-def]
    """Policy asks for a refresh (the service the page's button calls); the background job counts."""
    from stevig.patterns.services import request_refresh
    from stevig.signalering.tests.conftest import actor

    request_refresh(actor=actor(world.policy))
    assert run_queued_tasks() == 1


def test_refresh_by_the_background_job_equals_an_independent_count(world) -> None:
    questions(world)
    with time_machine.travel(dt.datetime(2026, 6, 1, 4, tzinfo=dt.UTC), tick=False):
        refreshed_by_the_job(world)
    stamp = SummaryRefresh.objects.get(municipality=world.municipality)
    assert stamp.refreshed_at == dt.datetime(2026, 6, 1, 4, tzinfo=dt.UTC)
    expected: Counter[tuple[str, str, int]] = Counter()
    for q in Question.objects.filter(municipality=world.municipality).select_related("neighbourhood"):
        local = q.received_at.astimezone(dt.timezone(dt.timedelta(hours=1)))
        quarter = (local.month - 1) // 3 + 1
        expected[("wijk", q.neighbourhood.name if q.neighbourhood else "onbekend", quarter)] += 1
        expected[("kanaal", q.get_channel_display(), quarter)] += 1
        expected[("onderwerp", q.get_kind_display(), quarter)] += 1
        expected[("leefgebied", "onbekend", quarter)] += 1  # no trajectory opened from these questions
    stored = Counter(
        {
            (row.breakdown, row.group, row.quarter): row.count
            for row in SummaryCount.objects.filter(
                municipality=world.municipality, measure="vragen", year=2026
            )
        }
    )
    assert stored == expected
    # Running the job again changes nothing (it replaces, never adds).
    refreshed_by_the_job(world)
    assert SummaryCount.objects.filter(measure="vragen").count() == len(expected)


def test_page_shows_suppressed_figures_and_when_refreshed(world) -> None:
    questions(world)
    refreshed_by_the_job(world)
    # New questions after the refresh are not counted until the next one: the page reads the summary.
    register(world, channel="telefoon", postcode="1234 AB", idempotency_key="later")
    response = web_client(world.policy).get("/patronen/?maat=vragen&indeling=wijk&jaar=2026")
    html = response.content.decode()
    assert response.status_code == 200 and "Bijgewerkt op" in html and "<svg" in html and "<desc" in html
    export = web_client(world.policy).get("/patronen/export.csv?maat=vragen&indeling=wijk&jaar=2026")
    rows = list(csv.reader(io.StringIO(export.content.decode()), delimiter=";"))
    table = {r[0]: r[1:] for r in rows[1:]}
    # Noord: 7 in K1, 6 in K2; "onbekend" 3 in K1 (small): beside the K1 total of 10 the 7 would give
    # the 3 away, so the 7 is hidden too.
    assert table["onbekend"][0] == "<5"
    assert table["Noord"][0] == "x" or table["totaal"][0] == "x"
    for line in rows[1:]:
        for value in line[1:]:
            assert value in ("<5", "x") or int(value) == 0 or int(value) >= 5
    # The same suppression per channel: the shared quarter totals are hidden in both breakdowns.
    channel = web_client(world.policy).get("/patronen/export.csv?maat=vragen&indeling=kanaal&jaar=2026")
    channel_rows = {
        r[0]: r[1:] for r in list(csv.reader(io.StringIO(channel.content.decode()), delimiter=";"))[1:]
    }
    assert channel_rows["totaal"] == table["totaal"]


def test_bad_choices_are_refused(world) -> None:
    client = web_client(world.policy)
    assert client.get("/patronen/?jaar=vorig").status_code == 400
    assert client.get("/patronen/?maat=trajecten&indeling=wachttijd").status_code == 400


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_policy(world, persona) -> None:
    client = web_client(getattr(world, persona))
    codes = {
        client.get("/patronen/").status_code,
        client.get("/patronen/export.csv").status_code,
        client.post("/patronen/bijwerken/").status_code,
    }
    assert codes == ({200, 302} if persona == "policy" else {403})


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_only_policy_and_same_figures_as_the_page(world, persona) -> None:
    from stevig.testing.personas import api_client

    questions(world)
    refreshed_by_the_job(world)
    response = api_client(getattr(world, persona)).get(
        "/api/v1/patterns?measure=vragen&breakdown=wijk&year=2026"
    )
    if persona != "policy":
        assert response.status_code == 403
        return
    body = response.json()
    page = web_client(world.policy).get("/patronen/export.csv?maat=vragen&indeling=wijk&jaar=2026")
    rows = list(csv.reader(io.StringIO(page.content.decode()), delimiter=";"))
    api_rows = [
        [r["group"]] + [c["display"] for c in r["quarters"]] + [r["total"]["display"]] for r in body["rows"]
    ]
    assert api_rows == rows[1:-1] and body["refreshed_at"]
    bad = api_client(world.policy).get("/api/v1/patterns?measure=trajecten&breakdown=wachttijd&year=2026")
    assert bad.status_code == 400 and "breakdown" in bad.json()["errors"]

"""The questions list pages by keyset (issue 14 point 3): GET /api/v1/questions/ walks forward and back
by cursor without gaps, a deep page runs the same queries as the first, never a COUNT(*) or OFFSET, and
the list is read from the (municipality, received_at, id) index in list order (EXPLAIN, both databases)."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.intake import selectors
from stevig.intake.tests.helpers import register
from stevig.testing.explain import assert_indexed
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/questions"


@pytest.fixture
def questions(world):
    made = []
    for n in range(7):
        with time_machine.travel(dt.datetime(2026, 3, 2, 9, n, tzinfo=dt.UTC), tick=False):
            made.append(register(world, text=f"Mevrouw belt: zij redt het niet meer thuis ({n})."))
    return made


def test_walks_forward_and_back_by_cursor_without_gaps(world, questions):
    client = api_client(world.own_worker)
    everything = [r["id"] for r in client.get(URL, {"page_size": 100}).json()["results"]]
    assert everything[:7] == [str(q.id) for q in reversed(questions)]  # newest first
    pages, url = [], f"{URL}?page_size=3"
    while url:
        body = client.get(url).json()
        pages.append([r["id"] for r in body["results"]])
        url = body["next"]
    assert [i for page in pages for i in page] == everything
    assert all(len(page) == 3 for page in pages[:-1])
    last = client.get(URL, {"page_size": 3}).json()
    second = client.get(last["next"]).json()
    back = client.get(client.get(second["next"]).json()["previous"]).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in second["results"]]


def test_a_deep_page_costs_what_the_first_costs_and_never_counts(world, questions):
    client = api_client(world.own_worker)
    client.get(URL, {"page_size": 2})  # warm the token and session caches
    with CaptureQueriesContext(connection) as first:
        body = client.get(URL, {"page_size": 2}).json()
    deep_url = client.get(client.get(body["next"]).json()["next"]).json()["next"]
    with CaptureQueriesContext(connection) as deep:
        assert client.get(deep_url).json()["results"]
    assert len(deep.captured_queries) == len(first.captured_queries)
    sql = [q["sql"].upper() for q in first.captured_queries + deep.captured_queries]
    assert not [q for q in sql if "COUNT(" in q or "OFFSET" in q]


@pytest.mark.parametrize("persona", ["own_worker", "team_lead", "coordinator"])
def test_the_list_is_read_from_an_index_in_list_order(world, questions, persona):
    visible = selectors.questions_visible_to(getattr(world, persona))
    assert_indexed(visible.order_by(*selectors.QUESTION_KEYSET)[:26], ordered_by_index=True)


def test_visible_households_are_probed_per_question_not_materialised(world, questions):
    """At 400 000 households `household IN (visible households)` inside the OR made PostgreSQL build the
    whole set of a team's households (144 000 rows, 1.4 s per page). The visibility is a correlated probe
    by the question's household: a lookup by the household's primary key, on both databases."""
    from stevig.testing.explain import query_plan

    visible = selectors.questions_visible_to(world.own_worker)
    plan = query_plan(visible.order_by(*selectors.QUESTION_KEYSET)[:26])
    sql = str(visible.query)
    # Correlated on the question's household (PostgreSQL then chooses per row by cost between a probe by
    # primary key and a hash of the visible set: with a test-sized table it hashes, at 400 000 it probes).
    assert re.search(r'EXISTS\(SELECT .* WHERE .*\."id" = \("intake_question"\."household_id"\)', sql), sql
    if connection.vendor == "sqlite":  # the small lists of the user's involvements stay LIST SUBQUERYs
        assert "CORRELATED SCALAR SUBQUERY" in plan, plan
        assert re.search(
            r"SEARCH \w+ USING (COVERING )?INDEX sqlite_autoindex_people_household_\w+ \(id=\?\)", plan
        ), plan

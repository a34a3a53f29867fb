"""Mandate request lists page by keyset (issue 14 point 3): the department's inbox and 'mijn verzoeken'
walk forward and back without gaps, a deep page runs the same queries as the first, never a COUNT(*),
and the list is read through an index (EXPLAIN, both databases)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.core.pagination import PageRequest
from stevig.mandates import selectors
from stevig.mandates.tests.conftest import actor_for, send
from stevig.testing.explain import assert_indexed

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(world, case, clock):
    sent = []
    for day in range(7):  # different days, two urgent ones, the oldest ones overdue by now
        clock.move_to(dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC) + dt.timedelta(days=7 * day))
        sent.append(
            send(
                world,
                case,
                ask=f"Stop het beslag en regel betaling nummer {day}",
                urgency="spoed" if day in (2, 5) else "normaal",
            )
        )
    clock.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC))
    return sent


LISTS = {
    "inbox": (selectors.inbox, "department_worker"),
    "mine": (selectors.my_requests, "own_worker"),
}


def _walk(fetch, actor, size: int):  # type: ignore[no-untyped-def]
    pages = [fetch(actor=actor, status="all", page=PageRequest(size=size))]
    while pages[-1].has_next:
        pages.append(
            fetch(actor=actor, status="all", page=PageRequest(size=size, cursor=pages[-1].next_cursor))
        )
    return pages


@pytest.mark.parametrize("name", LISTS)
def test_walks_forward_and_back_without_gaps_or_overlap(world, requests, name):
    fetch, persona = LISTS[name]
    actor = actor_for(getattr(world, persona))
    everything = [r.id for r in fetch(actor=actor, status="all", page=PageRequest(size=100)).rows]
    assert sorted(everything) == sorted(r.id for r in requests)
    pages = _walk(fetch, actor, 3)
    assert [len(p.rows) for p in pages] == [3, 3, 1]
    assert [r.id for p in pages for r in p.rows] == everything
    back = fetch(actor=actor, status="all", page=PageRequest(size=3, cursor=pages[-1].previous_cursor))
    assert [r.id for r in back.rows] == [r.id for r in pages[1].rows]
    assert back.has_previous and back.has_next


@pytest.mark.parametrize("name", LISTS)
def test_a_deep_page_costs_what_the_first_costs_and_never_counts(world, requests, name):
    fetch, persona = LISTS[name]
    actor = actor_for(getattr(world, persona))
    first_page = fetch(actor=actor, status="all", page=PageRequest(size=2))
    with CaptureQueriesContext(connection) as first:
        fetch(actor=actor, status="all", page=PageRequest(size=2))
    deep_cursor = _walk(fetch, actor, 2)[-2].next_cursor
    with CaptureQueriesContext(connection) as deep:
        page = fetch(actor=actor, status="all", page=PageRequest(size=2, cursor=deep_cursor))
    assert page.rows and first_page.rows
    assert len(deep.captured_queries) == len(first.captured_queries)
    assert not [q for q in first.captured_queries + deep.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not [q for q in deep.captured_queries if "OFFSET" in q["sql"].upper()]


def test_the_department_list_is_read_through_an_index(world, requests):
    department = world.department_worker
    visible = selectors.with_flags(selectors.mandate_requests_visible_to(department))
    assert_indexed(visible.order_by(*selectors.INBOX_KEYSET)[:26])


def test_my_requests_are_read_through_an_index(world, requests):
    mine = selectors.mandate_requests_visible_to(world.own_worker).filter(requested_by=world.own_worker)
    assert_indexed(mine.order_by("due_on", "id")[:26])

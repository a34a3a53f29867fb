"""The benchmark's measuring part on a tiny demo (timings themselves are not asserted: machines are noisy)."""

import pytest
from django.db import connection

from stevig import bench
from stevig.accounts.models import User
from stevig.audit.models import AccessLogEntry
from stevig.people.selectors import households_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def bram(shared_demo):
    return User.objects.select_related("team").get(username="bram")


def test_measures_every_endpoint_with_status_queries_and_ratio(bram):
    prefix = bench.pick_search_prefix(bram)
    household_id = bench.pick_household(bram)
    visible = households_visible_to(bram).count()
    endpoints = bench.endpoints_for(bram, prefix=prefix, household_id=household_id, visible=visible)
    names = [e.name for e in endpoints]
    assert names[0] == "baseline" and endpoints[0].path == "/api/v1/me"
    assert {"households_list", "resident_search", "household_file"} <= set(names)
    results, sql = bench.measure(bram, endpoints, repeat=3, warmup=1)
    assert [r.name for r in results] == names
    for r in results:
        assert r.status == 200, r
        assert r.queries > 0
        assert r.median_ms > 0 and r.min_ms <= r.median_ms
        assert r.ratio is not None and r.ratio > 0
        assert (r.within_budget is None) == (r.budget is None)
    # The measured requests are real: the search and the file were logged for bram.
    assert AccessLogEntry.objects.filter(user_id=bram.id, action="search", part="zoeken").exists()
    assert AccessLogEntry.objects.filter(user_id=bram.id, action="read", object_id=str(household_id)).exists()
    explain = bench.explain_search(sql["resident_search"])
    assert explain["plan"] and "people_residentnametoken" in explain["query"]
    if connection.vendor == "sqlite":
        # On SQLite the half-open range uses the name-token index even on a small table; PostgreSQL's
        # planner may prefer a sequential scan on a table this small, so only the plan is checked there.
        assert explain["index_used"] is True
    assert isinstance(explain["index_used"], bool)
    assert explain["name_indexes"]


def test_search_prefix_is_a_common_start_of_a_visible_surname(bram):
    from stevig.people.selectors import residents_visible_to

    prefix = bench.pick_search_prefix(bram)
    assert len(prefix) == 3
    assert residents_visible_to(bram).filter(surname_key__startswith=prefix).count() >= 2


def test_household_picked_is_in_scope(bram):
    assert households_visible_to(bram).filter(id=bench.pick_household(bram)).exists()


def test_deep_page_only_when_there_are_enough_households(bram, monkeypatch):
    from stevig.core import pagination

    monkeypatch.setattr(pagination, "cursor_at", lambda qs, keyset, page: f"c{page}")
    assert "households_list_deep" not in [
        e.name for e in bench.endpoints_for(bram, prefix="a", household_id=None, visible=40)
    ]
    deep = [
        e
        for e in bench.endpoints_for(bram, prefix="a", household_id=None, visible=20_000)
        if e.name == "households_list_deep"
    ]
    assert deep and deep[0].path.endswith("?cursor=c200")


@pytest.mark.parametrize("argv", [["--households", "0"], ["--repeat", "0"], ["--households", "veel"]])
def test_bad_arguments_are_refused(argv):
    with pytest.raises(SystemExit):
        bench.parse_args(argv)


def test_defaults():
    args = bench.parse_args([])
    assert (args.households, args.sqlite, args.output) == (20_000, "bench.sqlite3", "bench-results.json")

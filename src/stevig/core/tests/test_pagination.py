"""The one page contract: offset and keyset pages, links for HTML and API, no count, index plans."""

import pytest
from django.db import connection
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from rest_framework.request import Request

from stevig.core.pagination import Cursor, NoCountPagination, PageRequest, cursor_at, slice_of
from stevig.people.models import Household
from stevig.people.selectors import HOUSEHOLD_KEYSET, households_visible_to
from stevig.testing import factories as f
from stevig.testing.explain import assert_indexed
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db

KEYSET = ("postcode", "-house_number", "id")  # mixed directions on purpose


@pytest.fixture
def households():
    municipality = f.MunicipalityFactory()
    rows = [
        f.HouseholdFactory(municipality=municipality, postcode=postcode, house_number=number)
        for postcode in ("1000 AA", "1000 AB", "2000 XY")
        for number in (1, 2, 2, 7)  # equal sort values: the id breaks the tie
    ]
    return municipality, rows


def _expected(municipality):
    return list(Household.objects.filter(municipality=municipality).order_by(*KEYSET))


def _query(url):
    return Request(RequestFactory().get(url)).query_params


def test_keyset_walks_forward_and_back_without_gaps_or_overlap(households):
    municipality, _ = households
    qs = Household.objects.filter(municipality=municipality)
    expected = _expected(municipality)
    seen, pages, url = [], [], "/lijst/?page_size=5"
    while url:
        page = PageRequest.from_query(_query(url)).page(qs, keyset=KEYSET).bind(url)
        pages.append(page)
        seen.extend(page.rows)
        url = page.next_url
    assert seen == expected
    assert [len(p) for p in pages] == [5, 5, 2]
    assert [p.number for p in pages] == [1, 2, 3]
    assert not pages[0].has_previous and pages[0].previous_url is None
    # Back from the last page: the same rows as on the way forward, and the first page has no "previous".
    back = (
        PageRequest.from_query(_query(pages[2].previous_url))
        .page(qs, keyset=KEYSET)
        .bind(pages[2].previous_url)
    )
    assert back.rows == pages[1].rows and back.number == 2
    first = PageRequest.from_query(_query(back.previous_url)).page(qs, keyset=KEYSET)
    assert first.rows == pages[0].rows and not first.has_previous


def test_offset_pages_have_numbers_and_the_same_links(households):
    municipality, _ = households
    qs = Household.objects.filter(municipality=municipality).order_by(*KEYSET)
    page = PageRequest.from_query(_query("/l/?pagina=2&page_size=5"), page_param="pagina").page(qs)
    page.bind("/l/?x=1&pagina=2&page_size=5", page_param="pagina")
    assert page.rows == _expected(municipality)[5:10]
    assert page.next_url == "/l/?page_size=5&pagina=3&x=1"
    assert page.previous_url == "/l/?page_size=5&x=1"


def test_one_query_and_never_a_count(households):
    municipality, _ = households
    qs = Household.objects.filter(municipality=municipality)
    cursor = Cursor(("1000 AB", 2, 0), number=2).encode()
    for params in ({}, {"cursor": cursor}):
        with CaptureQueriesContext(connection) as ctx:
            PageRequest.from_query(params).page(qs, keyset=KEYSET)
        assert len(ctx.captured_queries) == 1
        assert "COUNT(" not in ctx.captured_queries[0]["sql"].upper()


@pytest.mark.parametrize("garbage", ["x", "!!!", Cursor(("1000 AA",), number=3).encode(), "W3RydWUsWzFdLDJd"])
def test_an_unreadable_cursor_starts_at_the_top(households, garbage):
    municipality, _ = households
    page = PageRequest.from_query({"cursor": garbage, "page_size": "3"}).page(
        Household.objects.filter(municipality=municipality), keyset=KEYSET
    )
    assert len(page) == 3


def test_a_cursor_with_a_wrong_type_starts_at_the_top(households):
    municipality, _ = households
    bad = Cursor(("1000 AA", "niet-een-getal", 1)).encode()
    page = PageRequest.from_query({"cursor": bad}).page(
        Household.objects.filter(municipality=municipality), keyset=KEYSET
    )
    assert page.rows == _expected(municipality)


def test_page_size_is_capped():
    assert PageRequest.from_query({"page_size": "5000"}).size == 100
    assert PageRequest.from_query({"page_size": "-1"}).size == 25
    assert PageRequest.from_query({"page": "nul"}).number == 1


def test_api_renders_the_same_page_with_absolute_links(households):
    municipality, _ = households
    request = Request(RequestFactory().get("/api/v1/x?page_size=4"))
    paginator = NoCountPagination(keyset=KEYSET)
    rows = paginator.paginate_queryset(Household.objects.filter(municipality=municipality), request)
    body = paginator.get_paginated_response([str(r.id) for r in rows]).data
    assert list(body) == ["next", "previous", "results"]
    assert body["next"].startswith("http://testserver/api/v1/x?") and "cursor=" in body["next"]
    assert body["previous"] is None and len(body["results"]) == 4


def test_household_list_api_pages_deep_with_constant_queries(world, django_assert_max_num_queries):
    for number in range(30):
        f.HouseholdFactory(municipality=world.municipality, team=world.team, house_number=100 + number)
    client = api_client(world.own_worker)
    first = client.get("/api/v1/households", {"page_size": 10}).json()
    with django_assert_max_num_queries(12) as ctx:
        second = client.get(first["next"])
    queries = len(ctx.captured_queries)
    third = None
    with django_assert_max_num_queries(queries):
        third = client.get(second.json()["next"]).json()
    ids = [h["id"] for h in first["results"] + second.json()["results"] + third["results"]]
    assert len(ids) == len(set(ids)) == 30


def test_deep_household_page_is_answered_from_an_index(world):
    page = PageRequest(cursor=Cursor(("1234 AB", 50, "00000000-0000-0000-0000-000000000000"), number=9))
    assert_indexed(slice_of(page, households_visible_to(world.own_worker), HOUSEHOLD_KEYSET))


def test_the_plan_check_catches_a_full_scan(households):
    """The helper itself can fail: `city` has no index, so both databases must read the table."""
    with pytest.raises(AssertionError, match="full table scan"):
        assert_indexed(Household.objects.filter(city="Teststad"))


def test_cursor_at_opens_the_same_page_as_walking_there(households):
    municipality, _ = households
    qs = Household.objects.filter(municipality=municipality)
    cursor = cursor_at(qs, KEYSET, 3, size=4)
    page = PageRequest.from_query({"cursor": cursor, "page_size": "4"}).page(qs, keyset=KEYSET)
    assert page.rows == _expected(municipality)[8:12] and page.number == 3


@pytest.mark.parametrize(
    "query", ["page=0", "page=abc", "page=100001", "page=50817046176462793973748989952", "page_size=101"]
)
def test_api_refuses_a_page_out_of_range_with_a_field_error(world, query):
    """A page number past MAX_PAGE once overflowed the database's offset (a 500 schemathesis found)."""
    from stevig.testing.personas import api_client

    response = api_client(world.own_worker).get(f"/api/v1/decision-categories?{query}")
    assert response.status_code == 400 and query.split("=")[0] in response.json()["errors"]

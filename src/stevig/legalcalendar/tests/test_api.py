"""Legal calendar endpoints: every persona, anonymous and unverified access, bad input, query counts.

The calendar holds no resident data, so it writes nothing to the access log.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

from stevig.audit.models import AccessLogEntry
from stevig.legalcalendar.models import DecreeDay
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, api_client, web_client

pytestmark = pytest.mark.django_db

CALENDAR = "/api/v1/legal-calendar"
DEADLINE = "/api/v1/legal-calendar/deadline"


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_staff_role_reads_the_calendar(world, persona):
    user = getattr(world, persona)
    before = AccessLogEntry.objects.count()
    response = api_client(user).get(CALENDAR, {"year": 2026})
    assert response.status_code == 200
    days = {row["date"]: row for row in response.json()["results"]}
    assert days["2026-05-05"] == {
        "date": "2026-05-05",
        "name": "Bevrijdingsdag (5 mei)",
        "source": "atw",
        "expected": False,
    }
    assert days["2026-04-03"]["source"] == "atw"
    assert days["2026-05-15"] == {
        "date": "2026-05-15",
        "name": "vrijdag na Hemelvaartsdag",
        "source": "decree",
        "expected": False,
    }
    assert days["2026-12-25"]["source"] == "holidays"
    assert len(days) == 11
    assert AccessLogEntry.objects.count() == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_staff_role_computes_a_deadline(world, persona):
    user = getattr(world, persona)
    before = AccessLogEntry.objects.count()
    with time_machine.travel(datetime(2026, 4, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        response = api_client(user).get(DEADLINE, {"clock": "WMO_ONDERZOEK", "start": "2026-04-01"})
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2026-05-13"
    assert body["days_left"] == 42
    assert body["clock"] == "WMO_ONDERZOEK"
    assert body["clock_label"] == "Wmo: onderzoek na de melding"
    assert body["term"] == "6 weken"
    assert body["skipped"] == []
    assert AccessLogEntry.objects.count() == before


def test_deadline_explains_the_skipped_days(world):
    response = api_client(world.own_worker).get(DEADLINE, {"clock": "WMO_ONDERZOEK", "start": "2026-04-02"})
    body = response.json()
    assert body["term_end"] == "2026-05-14"
    assert body["due"] == "2026-05-18"
    assert body["skipped"] == [
        {"date": "2026-05-14", "reason": "Hemelvaartsdag"},
        {"date": "2026-05-15", "reason": "vrijdag na Hemelvaartsdag"},
        {"date": "2026-05-16", "reason": "zaterdag"},
        {"date": "2026-05-17", "reason": "zondag"},
    ]
    assert body["legal_basis"] == "Wmo 2015 art. 2.3.2 lid 1"
    assert "Algemene termijnenwet" in " ".join(body["explanation"])
    assert body["explanation"][-1] == "De laatste dag is maandag 18 mei 2026."


def test_mandate_request_deadline_with_working_days(world):
    response = api_client(world.department_worker).get(
        DEADLINE, {"clock": "MANDATE_REQUEST", "start": "2026-12-18", "working_days": 10}
    )
    assert response.status_code == 200
    assert response.json()["due"] == "2027-01-05"
    assert response.json()["term"] == "10 werkdagen"


def test_the_web_session_with_second_factor_works(world):
    assert web_client(world.own_worker).get(CALENDAR).status_code == 200


def test_anonymous_is_refused():
    assert APIClient().get(CALENDAR).status_code == 401
    assert APIClient().get(DEADLINE, {"clock": "WMO_ONDERZOEK", "start": "2026-04-01"}).status_code == 401


def test_a_session_without_second_factor_is_refused(world):
    client = Client()
    client.force_login(world.own_worker)
    assert client.get(CALENDAR).status_code in (401, 403)


def test_an_account_without_role_is_refused(world):
    user = f.UserFactory(username="zonderrol", municipality=None, role="")
    assert api_client(user).get(CALENDAR).status_code == 403
    assert (
        api_client(user).get(DEADLINE, {"clock": "WMO_ONDERZOEK", "start": "2026-04-01"}).status_code == 403
    )


def test_an_inactive_account_is_refused(world):
    world.own_worker.is_active = False
    world.own_worker.save()
    assert api_client(world.own_worker).get(CALENDAR).status_code in (401, 403)


@time_machine.travel(datetime(2027, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False)
def test_calendar_without_year_gives_the_current_year(world):
    body = api_client(world.own_worker).get(CALENDAR).json()["results"]
    assert {row["date"][:4] for row in body} == {"2027"}
    assert "2027-05-05" in {row["date"] for row in body}


@pytest.mark.parametrize("year", ["abc", "1800", "2101", "", "2026.5"])
def test_calendar_bad_year_gives_400(world, year):
    # An empty value (`?year=`) is no integer either: a 400 naming `year`, as the schema says (leave the
    # parameter out for the current year).
    response = api_client(world.own_worker).get(CALENDAR, {"year": year})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"year"}


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({}, {"clock", "start"}),
        ({"clock": "NO_SUCH_CLOCK", "start": "2026-04-01"}, {"clock"}),
        ({"clock": "WMO_ONDERZOEK", "start": "2026-13-01"}, {"start"}),
        ({"clock": "WMO_ONDERZOEK", "start": "1 april 2026"}, {"start"}),
        ({"clock": "WMO_ONDERZOEK", "start": "1800-01-01"}, {"start"}),
        ({"clock": "wmo_onderzoek", "start": "2026-04-01"}, {"clock"}),
        ({"clock": "MANDATE_REQUEST", "start": "2026-04-01"}, {"working_days"}),
        ({"clock": "MANDATE_REQUEST", "start": "2026-04-01", "working_days": 0}, {"working_days"}),
        ({"clock": "MANDATE_REQUEST", "start": "2026-04-01", "working_days": 366}, {"working_days"}),
        ({"clock": "MANDATE_REQUEST", "start": "2026-04-01", "working_days": "tien"}, {"working_days"}),
        ({"clock": "WMO_ONDERZOEK", "start": "2026-04-01", "working_days": 5}, {"working_days"}),
    ],
)
def test_deadline_bad_input_gives_400_with_field_errors(world, params, fields):
    response = api_client(world.own_worker).get(DEADLINE, params)
    assert response.status_code == 400
    body = response.json()["errors"]
    assert set(body) == fields
    assert all(isinstance(messages, list) and messages for messages in body.values())


def test_error_messages_are_dutch(world):
    body = (
        api_client(world.own_worker)
        .get(DEADLINE, {"clock": "MANDATE_REQUEST", "start": "2026-04-01"})
        .json()["errors"]
    )
    assert body["working_days"] == ["Vul het aantal werkdagen in dat met de vakafdeling is afgesproken."]
    body = api_client(world.own_worker).get(DEADLINE, {}).json()["errors"]
    assert body["clock"] == ["Dit veld is vereist."]


def test_calendar_reflects_a_new_decree_day(world):
    client = api_client(world.admin)
    assert "2026-12-24" not in {row["date"] for row in client.get(CALENDAR, {"year": 2026}).json()["results"]}
    DecreeDay.objects.create(date=date(2026, 12, 24), description="brugdag", decree_reference="test")
    rows = {row["date"]: row for row in client.get(CALENDAR, {"year": 2026}).json()["results"]}
    assert rows["2026-12-24"] == {
        "date": "2026-12-24",
        "name": "brugdag",
        "source": "decree",
        "expected": False,
    }


def test_query_count_is_constant(world, django_assert_num_queries):
    client = api_client(world.own_worker)
    client.get(CALENDAR, {"year": 2026})  # warm the cache for 2026
    # Only the token lookup (with its user): the holiday table comes from memory.
    with django_assert_num_queries(1):
        client.get(CALENDAR, {"year": 2026})
    with django_assert_num_queries(1):
        client.get(DEADLINE, {"clock": "BEZWAAR_BESLISSEN_ADVIESCOMMISSIE", "start": "2026-01-05"})
    with django_assert_num_queries(1):
        client.get(DEADLINE, {"clock": "MANDATE_REQUEST", "start": "2026-01-05", "working_days": 200})
    # A cold year costs one query more, whatever the number of days in it.
    with django_assert_num_queries(2):
        client.get(CALENDAR, {"year": 2031})

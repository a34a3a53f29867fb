"""The access-log viewer /toegangslog/: personas, filters, paging, query counts, reading is logged."""

import datetime as dt
import re
import uuid

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.audit.models import AccessLogEntry, Action, Outcome
from stevig.audit.tests.helpers import last_entry, log
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db

URL = "/toegangslog/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_privacy_reads_the_log_and_refusals_are_logged(world, persona):
    user = getattr(world, persona)
    log(world.own_worker, residents=[world.parent.id])
    response = web_client(user).get(URL)
    entry = last_entry(user)
    if persona == "privacy":
        assert response.status_code == 200
        assert "eigen" in response.content.decode()
        assert (entry.action, entry.outcome, entry.part) == ("search", "allowed", "toegangslog")
    else:
        assert response.status_code == 403
        assert "El Amrani" not in response.content.decode()
        assert (entry.action, entry.outcome, entry.part) == ("search", "denied", "toegangslog")
        assert entry.resident_ids == []
        assert entry.municipality_code == ("GM9002" if persona == "other_municipality_worker" else "GM9001")


def test_anonymous_and_unverified_are_sent_to_login(world):
    from django.test import Client

    response = Client().get(URL)
    assert response.status_code == 302 and "/account/" in response["Location"]
    client = Client()
    client.force_login(world.privacy)  # password only, no second factor
    response = client.get(URL)
    assert response.status_code == 302
    assert not AccessLogEntry.objects.filter(user_id=world.privacy.id).exists()


def test_only_own_municipality_rows_newest_first(world):
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        log(world.own_worker, residents=[world.parent.id], part="oud")
    with time_machine.travel(dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC), tick=False):
        log(world.colleague, residents=[world.child.id], part="nieuw")
    log(world.other_municipality_worker, part="elders")
    response = web_client(world.privacy).get(URL)
    rows = [row.entry for row in response.context["rows"]]
    assert [e.part for e in rows] == ["nieuw", "oud"]
    assert "elders" not in response.content.decode()
    assert "andergemeente" not in response.content.decode()


def test_row_shows_who_role_time_in_amsterdam_and_resident_names(world):
    with time_machine.travel(dt.datetime(2025, 7, 1, 10, 15, tzinfo=dt.UTC), tick=False):
        log(world.own_worker, residents=[world.parent.id], action=Action.UPDATE, emergency=True)
    html = web_client(world.privacy).get(URL).content.decode()
    assert "12:15:00" in html  # 10:15 UTC is 12:15 summer time in Amsterdam
    assert "medewerker lokaal team / toegang" in html
    assert "wijzigen" in html and "toegestaan" in html
    assert "Fatima El Amrani" in html
    assert "web 10.0.0.5" in html
    # An emergency read: the purpose is 'noodtoegang' and the row names the team whose file it is.
    assert '<td class="utrecht-table__cell">noodtoegang</td>' in html
    assert f"namens {world.team.name} (noodtoegang)" in html


def test_resident_that_no_longer_exists_is_shown_by_id(world):
    gone = uuid.uuid4()
    log(world.own_worker, residents=[gone])
    html = web_client(world.privacy).get(URL).content.decode()
    assert str(gone) in html


def test_filter_by_resident_and_the_read_is_logged_with_that_resident(world):
    log(world.own_worker, residents=[world.parent.id], part="ouder")
    log(world.own_worker, residents=[world.child.id], part="kind")
    response = web_client(world.privacy).get(URL, {"resident": str(world.parent.id)})
    assert [r.entry.part for r in response.context["rows"]] == ["ouder"]
    assert response.context["selected_resident"].name == "Fatima El Amrani"
    entry = last_entry(world.privacy)
    assert (entry.action, entry.part, entry.resident_ids) == ("search", "toegangslog", [str(world.parent.id)])
    assert entry.detail["inwoner"] == str(world.parent.id)


def test_filter_by_user_outcome_and_emergency(world):
    log(world.own_worker, part="a")
    log(world.colleague, part="b", outcome=Outcome.DENIED)
    log(world.colleague, part="c", emergency=True)
    client = web_client(world.privacy)

    def parts(**params):
        return [
            r.entry.part for r in client.get(URL, params).context["rows"] if r.entry.username != "privacy"
        ]

    assert parts(user="collega") == ["c", "b"]
    assert parts(outcome="denied") == ["b"]
    assert parts(emergency="true") == ["c"]
    assert parts(emergency="false", user="collega") == ["b"]
    assert parts(user="niemand") == []


def test_filter_by_period_uses_amsterdam_days(world):
    # 22:30 UTC on 31 March is 00:30 on 1 April in Amsterdam (summer time).
    for moment, part in [
        (dt.datetime(2025, 3, 30, 12, 0, tzinfo=dt.UTC), "30 maart"),
        (dt.datetime(2025, 3, 31, 22, 30, tzinfo=dt.UTC), "1 april vroeg"),
        (dt.datetime(2025, 4, 2, 21, 59, tzinfo=dt.UTC), "2 april laat"),
        (dt.datetime(2025, 4, 2, 22, 1, tzinfo=dt.UTC), "3 april"),
    ]:
        with time_machine.travel(moment, tick=False):
            log(world.own_worker, part=part)
    response = web_client(world.privacy).get(URL, {"from": "2025-04-01", "to": "2025-04-02"})
    assert [r.entry.part for r in response.context["rows"]] == ["2 april laat", "1 april vroeg"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"resident": "geen-uuid"}, "resident"),
        ({"from": "31-31-2025"}, "date_from"),
        ({"from": "2025-04-02", "to": "2025-04-01"}, "date_to"),
        ({"outcome": "misschien"}, "outcome"),
        ({"emergency": "soms"}, "emergency"),
        ({"user": "x" * 151}, "user"),
    ],
)
def test_bad_filters_show_errors_per_field_and_no_rows(world, params, field):
    log(world.own_worker, residents=[world.parent.id])
    before = AccessLogEntry.objects.count()
    response = web_client(world.privacy).get(URL, params)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    html = response.content.decode()
    field_id = form[field].auto_id
    assert re.search(rf'aria-describedby="[^"]*{field_id}_error', html) and f'id="{field_id}_error"' in html
    assert response.context["rows"] == []
    assert "Fatima" not in html
    assert AccessLogEntry.objects.count() == before  # nothing shown, nothing to log


def test_paging_without_count(world):
    for i in range(30):
        log(world.own_worker, part=f"rij{i}")
    client = web_client(world.privacy)
    first = client.get(URL, {"user": "eigen"})
    assert len(first.context["rows"]) == 25 and first.context["page"].has_next
    next_url = first.context["page"].next_url
    assert next_url.startswith("/toegangslog/?") and "user=eigen" in next_url and "cursor=" in next_url
    assert f'href="{next_url.replace("&", "&amp;")}"' in first.content.decode()
    second = client.get(next_url)
    assert [r.entry.part for r in second.context["rows"]] == [f"rij{i}" for i in range(4, -1, -1)]
    assert not second.context["page"].has_next
    assert last_entry(world.privacy).detail["pagina"] == 2


def test_query_count_is_constant(world):
    client = web_client(world.privacy)

    def make(n):
        for _ in range(n):
            log(world.own_worker, residents=[world.parent.id, world.child.id])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    make(5)
    few = count()
    make(45)
    assert count() == few
    assert len(client.get(URL).context["rows"]) == 25


def test_no_count_query(world):
    log(world.own_worker)
    with CaptureQueriesContext(connection) as ctx:
        web_client(world.privacy).get(URL)
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


def test_log_outlives_the_account(world):
    log(world.own_worker, residents=[world.parent.id])
    world.own_worker.is_active = False
    world.own_worker.username = "eigen-vertrokken"
    world.own_worker.role = ""
    world.own_worker.save()
    response = web_client(world.privacy).get(URL, {"user": "eigen"})
    [row] = response.context["rows"]
    assert (row.entry.username, row.entry.role) == ("eigen", "medewerker")
    assert row.role_label == "medewerker lokaal team / toegang"


def test_failed_log_write_fails_the_page(world, monkeypatch):
    from stevig.audit import services

    log(world.own_worker, residents=[world.parent.id])

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(services, "insert_row", broken)
    client = web_client(world.privacy)
    client.raise_request_exception = False
    response = client.get(URL)
    assert response.status_code == 500
    assert "Fatima" not in response.content.decode() and "eigen" not in response.content.decode()

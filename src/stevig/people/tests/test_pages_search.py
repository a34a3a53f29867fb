"""Resident search page: personas, GET search with paging, BSN by POST only, errors, log, query counts."""

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stevig.audit.models import AccessLogEntry
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db

URL = "/inwoners/zoeken/"
SEES_HOUSEHOLD = {"own_worker", "colleague", "team_lead"}
MAY_SEARCH = SEES_HOUSEHOLD | {"other_team_worker", "coordinator", "other_municipality_worker"}
PARENT_BSN = "999990019"


def last_entry(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


def test_url_name():
    assert reverse("people:search") == URL


@pytest.mark.parametrize("persona", PERSONAS)
def test_search_by_name_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get(URL, {"name": "El Amr"})
    body = response.content.decode()
    entry = last_entry(user)
    if persona not in MAY_SEARCH:
        assert response.status_code == 403
        assert "El Amrani" not in body
        assert (entry.action, entry.outcome, entry.part) == ("search", "denied", "zoeken")
        return
    assert response.status_code == 200
    assert (entry.action, entry.outcome, entry.part) == ("search", "allowed", "zoeken")
    assert entry.detail["naam"] == "El Amr"
    if persona in SEES_HOUSEHOLD:
        assert "Fatima El Amrani" in body and "Yusuf El Amrani" in body
        assert reverse("people:household", args=[world.household.id]) in body
        assert "Dorpsstraat" in body and "17 mei 1980" in body
        assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    else:
        assert "El Amrani" not in body.replace('value="El Amr"', "")
        assert "Geen inwoners gevonden" in body
        assert entry.resident_ids == []


def test_anonymous_is_sent_to_login(world):
    response = Client().get(URL, {"name": "El"})
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert not AccessLogEntry.objects.filter(part="zoeken").exists()


def test_empty_page_shows_the_forms_and_logs_nothing(world):
    response = web_client(world.own_worker).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="name"' in body and 'name="bsn"' in body
    assert not AccessLogEntry.objects.filter(user_id=world.own_worker.id).exists()


def test_search_by_birth_date_and_by_address(world):
    client = web_client(world.own_worker)
    body = client.get(URL, {"date_of_birth": "2012-03-01"}).content.decode()
    assert "Yusuf El Amrani" in body and "Fatima El Amrani" not in body
    body = client.get(
        URL, {"postcode": "1234ab", "house_number": str(world.household.house_number)}
    ).content.decode()
    assert "Yusuf El Amrani" in body and "Fatima El Amrani" in body
    entry = last_entry(world.own_worker)
    assert entry.detail["postcode"] == "1234 AB"


def test_typed_values_stay_and_errors_are_linked(world):
    response = web_client(world.own_worker).get(
        URL, {"name": "Fat", "postcode": "1234 AB", "date_of_birth": "31-02-1980"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="Fat"' in body and 'value="1234 AB"' in body
    assert "Vul ook het huisnummer in." in body
    assert "Vul een datum in zoals 17-05-2026." in body
    assert 'id="zoek_house_number_error"' in body
    assert 'aria-describedby="zoek_house_number_error"' in body
    assert 'aria-invalid="true"' in body
    assert not AccessLogEntry.objects.filter(user_id=world.own_worker.id).exists()  # nothing was searched


def test_house_number_without_postcode_and_invalid_postcode(world):
    client = web_client(world.own_worker)
    body = client.get(URL, {"house_number": "12"}).content.decode()
    assert "Vul ook de postcode in." in body
    response = client.get(URL, {"postcode": "0123 AB", "house_number": "12"})
    assert response.status_code == 400
    assert "Vul een postcode in zoals 1234 AB." in response.content.decode()
    response = client.get(URL, {"postcode": "1234 AB", "house_number": "twaalf"})
    assert "Vul alleen cijfers in, zoals 12." in response.content.decode()


def test_empty_submitted_form_asks_for_a_field(world):
    response = web_client(world.own_worker).get(URL, {"name": "", "postcode": ""})
    assert response.status_code == 400
    assert "Vul minstens één zoekveld in." in response.content.decode()


def test_bsn_search_is_a_post_and_never_in_a_url(world):
    client = web_client(world.own_worker)
    response = client.post(URL, {"bsn": PARENT_BSN})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fatima El Amrani" in body and "Yusuf El Amrani" not in body
    # The BSN only appears as the typed value of its own field, never in a link or form action.
    assert body.count(PARENT_BSN) == 1 and f'value="{PARENT_BSN}"' in body
    for link in ("href=", "action="):
        for chunk in body.split(link)[1:]:
            assert PARENT_BSN not in chunk.split(">")[0]
    assert 'method="post"' in body.split('name="bsn"')[0].rsplit("<form", 1)[1]
    entry = last_entry(world.own_worker)
    assert entry.action == "search" and entry.detail["bsn"] is True
    assert PARENT_BSN not in str(entry.detail)
    assert entry.resident_ids == [str(world.parent.id)]


def test_bsn_in_get_is_ignored(world):
    response = web_client(world.own_worker).get(URL, {"bsn": PARENT_BSN})
    assert "Fatima El Amrani" not in response.content.decode()
    assert not AccessLogEntry.objects.filter(user_id=world.own_worker.id).exists()


def test_bsn_search_outside_scope_finds_nothing(world):
    response = web_client(world.other_team_worker).post(URL, {"bsn": PARENT_BSN})
    assert response.status_code == 200
    assert "Fatima" not in response.content.decode()
    assert last_entry(world.other_team_worker).resident_ids == []


@pytest.mark.parametrize("bsn", ["123456789", "12345678", "abcdefghi", "9999900190"])
def test_invalid_bsn_fails_the_elfproef(world, bsn):
    response = web_client(world.own_worker).post(URL, {"bsn": bsn})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dit BSN klopt niet." in body
    assert 'aria-describedby="bsn_bsn_helptext bsn_bsn_error"' in body
    assert not AccessLogEntry.objects.filter(user_id=world.own_worker.id).exists()


def test_html_in_query_is_escaped(world):
    body = web_client(world.own_worker).get(URL, {"name": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_paging_previous_and_next(world):
    for n in range(30):
        f.add_member(world.household, relation="kind", given_names=f"Kind{n:02d}", surname="Pagina")
    client = web_client(world.own_worker)
    first = client.get(URL, {"name": "Pagina"})
    body = first.content.decode()
    assert body.count("Pagina</th>") == 25
    next_url = first.context["page"].next_url
    assert "name=Pagina" in next_url and "cursor=" in next_url and "Vorige pagina" not in body
    assert f'href="{next_url.replace("&", "&amp;")}"' in body
    second = client.get(next_url)
    assert second.content.decode().count("Pagina</th>") == 5
    assert "Volgende pagina" not in second.content.decode() and "Vorige pagina" in second.content.decode()
    assert last_entry(world.own_worker).detail["naam"] == "Pagina"
    # Back: the same 25 as the first page, no one twice, no one missing.
    back = client.get(second.context["page"].previous_url)
    assert back.context["rows"] == first.context["rows"]
    shown = {row["resident"].id for row in first.context["rows"] + second.context["rows"]}
    assert len(shown) == 30
    # A nonsense cursor falls back to the first page.
    assert client.get(URL, {"name": "Pagina", "cursor": "x"}).content.decode().count("Pagina</th>") == 25


def test_query_count_is_constant(world):
    client = web_client(world.own_worker)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert (
                client.get(
                    URL, {"postcode": "1234 AB", "house_number": world.household.house_number}
                ).status_code
                == 200
            )
        return len(ctx.captured_queries)

    count()
    few = count()
    for _ in range(20):
        f.add_member(world.household, relation="kind")
    assert count() == few

"""The data-subject export (AVG art. 15): JSON, readable page and API; content, scope, personas, log."""

import datetime as dt
import json
import uuid

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured

from stevig.audit import export
from stevig.audit.models import AccessLogEntry
from stevig.audit.tests.helpers import last_entry
from stevig.people.models import EmergencyAccess, HouseholdMembership
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, api_client, web_client

pytestmark = pytest.mark.django_db


def json_url(resident):
    return f"/toegangslog/inwoner/{resident.id}/export.json"


def html_url(resident):
    return f"/toegangslog/inwoner/{resident.id}/inzage/"


def api_url(resident):
    return f"/api/v1/residents/{resident.id}/data-export"


@pytest.fixture
def history(world):
    """The parent's file is read by their own worker; another team's worker is refused; the parent used
    to live at another address; a break-the-glass access and an unrelated resident exist."""
    world.parent.phone = "0612345678"
    world.parent.communication_needs = ["eenvoudige_taal"]
    world.parent.save()
    HouseholdMembership.objects.filter(resident=world.parent).update(start_date=dt.date(2021, 6, 1))
    old = f.HouseholdFactory(
        municipality=world.municipality, street="Oude Gracht", house_number=7, postcode="1235 AB"
    )
    HouseholdMembership.objects.create(
        municipality=world.municipality,
        household=old,
        resident=world.parent,
        relation="partner",
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2021, 5, 31),
    )
    # Someone else's household: nothing of it may appear in the parent's export.
    neighbour_house = f.HouseholdFactory(municipality=world.municipality, team=world.team, street="Buurweg")
    neighbour = f.add_member(neighbour_house, given_names="Bram", surname="Buurman", bsn="999990032")
    with time_machine.travel(dt.datetime(2025, 2, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        assert api_client(world.own_worker).get(f"/api/v1/households/{world.household.id}").status_code == 200
        assert (
            api_client(world.other_team_worker).get(f"/api/v1/households/{world.household.id}").status_code
            == 404
        )
        assert api_client(world.own_worker).get(f"/api/v1/households/{neighbour_house.id}").status_code == 200
    EmergencyAccess.objects.create(
        municipality=world.municipality,
        household=world.household,
        user=world.other_team_worker,
        reason="Crisis in de nacht, eigen team niet bereikbaar.",
        expires_at=dt.datetime(2030, 1, 2, tzinfo=dt.UTC),
    )
    return {"old": old, "neighbour": neighbour, "neighbour_house": neighbour_house}


def test_json_export_contains_the_residents_data_and_log(world, history):
    response = web_client(world.privacy).get(json_url(world.parent))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="inzage-{world.parent.id}.json"'
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    assert data["format"] == "stevig-inzage/1"
    assert data["resident_id"] == str(world.parent.id)
    assert data["municipality"] == {"code": "GM9001", "name": "Stevigdam"}
    sections = data["sections"]
    # Other apps add their sections in between (order 40..1000); the access log always comes last.
    assert list(sections)[:4] == ["inwoner", "huishoudens", "betrokken_medewerkers", "noodtoegang"]
    assert list(sections)[-1] == "toegangslog"
    person = sections["inwoner"]["data"]
    assert person["voornamen"] == "Fatima" and person["achternaam"] == "El Amrani"
    assert person["bsn"] == "999990019" and person["geboortedatum"] == "1980-05-17"
    assert person["telefoon"] == "0612345678" and person["communicatiebehoeften"] == ["eenvoudige taal"]
    homes = sections["huishoudens"]["data"]["huishoudens"]
    assert [(h["adres"].split(",")[0], h["vanaf"], h["tot"]) for h in homes] == [
        ("Oude Gracht 7", "2015-01-01", "2021-05-31"),
        (f"Dorpsstraat {world.household.house_number}", "2021-06-01", None),
    ]
    assert homes[1]["team"] == "Team Noord" and homes[1]["relatie"] == "ouder / verzorger"
    involved = sections["betrokken_medewerkers"]["data"]["betrokken_medewerkers"]
    assert [i["soort"] for i in involved] == ["vast aanspreekpunt"]
    assert involved[0]["medewerker"] == world.own_worker.get_full_name()
    [grant] = sections["noodtoegang"]["data"]["noodtoegang"]
    assert grant["reden"].startswith("Crisis in de nacht") and grant["beoordeeld_op"] is None
    rows = sections["toegangslog"]["data"]["toegangslog"]
    seen = {(r["medewerker"], r["handeling"], r["uitkomst"]) for r in rows}
    assert ("eigen", "inzien", "toegestaan") in seen
    assert ("anderteam", "inzien", "geweigerd") in seen  # the refused attempt by another team's worker
    assert ("privacy", "exporteren", "toegestaan") in seen  # this export itself
    read = next(r for r in rows if r["medewerker"] == "eigen")
    assert read["wanneer"] == "2025-02-03T10:00:00+01:00"  # Amsterdam time
    assert read["kanaal"] == "api" and read["rol"] == "medewerker lokaal team / toegang"
    assert "10.0.0" not in json.dumps(data) and "127.0.0.1" not in json.dumps(data)  # no staff IP addresses


def test_export_contains_nothing_of_another_resident(world, history):
    text = web_client(world.privacy).get(json_url(world.parent)).content.decode()
    for other in (
        "Yusuf",
        "Buurman",
        "Bram",
        "999990032",
        "Buurweg",
        str(world.child.id),
        str(history["neighbour"].id),
        str(history["neighbour_house"].id),
    ):
        assert other not in text, other
    html = web_client(world.privacy).get(html_url(world.parent)).content.decode()
    for other in ("Yusuf", "Buurman", "999990032", "Buurweg"):
        assert other not in html, other


def test_the_neighbours_export_does_not_show_the_parent(world, history):
    text = web_client(world.privacy).get(json_url(history["neighbour"])).content.decode()
    assert "Bram" in text and "El Amrani" not in text and "Crisis" not in text and "anderteam" not in text


def test_readable_page(world, history):
    response = web_client(world.privacy).get(html_url(world.parent))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Uw gegevens bij de gemeente: Fatima El Amrani" in html
    assert "Wie keek in uw gegevens" in html
    assert "17 mei 1980" in html
    assert "1 januari 2015" in html and "31 mei 2021" in html
    assert "geweigerd" in html and "anderteam" in html
    assert "3 februari 2025, 10:00" in html
    assert "Crisis in de nacht" in html
    assert response["Cache-Control"] == "no-store"


def test_export_is_logged_as_export(world, history):
    web_client(world.privacy).get(html_url(world.parent))
    entry = last_entry(world.privacy)
    assert (entry.action, entry.outcome, entry.part) == ("export", "allowed", "inzage")
    assert entry.resident_ids == [str(world.parent.id)]
    assert entry.detail == {"formaat": "html"}
    assert entry.purpose == "inzageverzoek AVG art. 15"
    api_client(world.privacy).get(api_url(world.parent))
    assert last_entry(world.privacy).detail == {"formaat": "api"}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("kind", ["json", "html", "api"])
def test_only_privacy_may_export_and_refusals_are_logged(world, persona, kind):
    user = getattr(world, persona)
    url = {"json": json_url, "html": html_url, "api": api_url}[kind](world.parent)
    client = api_client(user) if kind == "api" else web_client(user)
    response = client.get(url)
    entry = last_entry(user)
    if persona == "privacy":
        assert response.status_code == 200
        assert (entry.action, entry.outcome) == ("export", "allowed")
    else:
        assert response.status_code == 403
        assert "Fatima" not in response.content.decode()
        assert (entry.action, entry.outcome, entry.part) == ("export", "denied", "inzage")
        assert entry.object_id == str(world.parent.id)
        if persona == "other_municipality_worker":
            assert entry.municipality_code == "GM9002" and entry.resident_ids == []
        else:
            # The attempt shows up in the resident's own access log.
            assert entry.resident_ids == [str(world.parent.id)]


@pytest.mark.parametrize("kind", ["json", "html", "api"])
def test_resident_of_another_municipality_or_unknown_is_404_and_logged(world, kind):
    stranger = world.other_household.memberships.get().resident
    for resident_id in (stranger.id, uuid.uuid4()):
        url = {
            "json": "/toegangslog/inwoner/{}/export.json",
            "html": "/toegangslog/inwoner/{}/inzage/",
            "api": "/api/v1/residents/{}/data-export",
        }[kind].format(resident_id)
        client = api_client(world.privacy) if kind == "api" else web_client(world.privacy)
        response = client.get(url)
        assert response.status_code == 404
        assert "Anna" not in response.content.decode()
        entry = last_entry(world.privacy)
        assert (entry.action, entry.outcome, entry.resident_ids) == ("export", "denied", [])
        assert entry.municipality_code == "GM9001"


def test_api_export_equals_json_export_shape(world, history):
    data = api_client(world.privacy).get(api_url(world.parent)).json()
    assert set(data) == {"format", "generated_at", "municipality", "resident_id", "samenvatting", "sections"}
    assert any("keek" in p for p in data["samenvatting"])
    assert data["sections"]["inwoner"]["title"] == "Uw gegevens"
    assert data["sections"]["inwoner"]["data"]["achternaam"] == "El Amrani"


def test_export_fails_without_data_when_the_log_cannot_be_written(world, monkeypatch):
    from stevig.audit import services

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    before = AccessLogEntry.objects.count()
    monkeypatch.setattr(services, "insert_row", broken)
    client = web_client(world.privacy)
    client.raise_request_exception = False
    response = client.get(json_url(world.parent))
    assert response.status_code == 500
    assert "El Amrani" not in response.content.decode() and "999990019" not in response.content.decode()
    monkeypatch.undo()
    assert AccessLogEntry.objects.count() == before


def test_other_apps_can_add_a_section(world):
    def plans_of(resident):
        return {"plannen": [{"titel": f"Plan van {resident.given_names}", "vanaf": dt.date(2025, 1, 6)}]}

    export.register_section(
        "plannen", plans_of, title="Plannen", order=50, labels={"titel": "Titel van het plan"}
    )
    try:
        data = web_client(world.privacy).get(json_url(world.parent)).json()
        names = list(data["sections"])
        assert names.index("noodtoegang") < names.index("plannen") < names.index("toegangslog")
        assert data["sections"]["plannen"]["data"] == {
            "plannen": [{"titel": "Plan van Fatima", "vanaf": "2025-01-06"}]
        }
        html = web_client(world.privacy).get(html_url(world.parent)).content.decode()
        assert "Titel van het plan" in html and "Plan van Fatima" in html and "6 januari 2025" in html
        export.register_section("plannen", plans_of, title="Plannen")  # the same function again is fine
        with pytest.raises(ImproperlyConfigured):
            export.register_section("plannen", lambda r: {}, title="Anders")
    finally:
        export.unregister_section("plannen")


def test_render_tree_handles_nested_values():
    node = export.to_node(
        {"a": [{"b": {"c": 1}}], "lijst": ["x", None], "leeg": [], "ja": True},
        {"a": "Label A"},
    )
    assert node["kind"] == "fields"
    labels = [label for label, _ in node["items"]]
    assert labels == ["Label A", "Lijst", "Leeg", "Ja"]
    kinds = [child["kind"] for _, child in node["items"]]
    assert kinds == ["records", "list", "empty", "value"]
    assert node["items"][1][1]["items"] == ["x", "\u2013"]
    assert node["items"][3][1]["text"] == "ja"

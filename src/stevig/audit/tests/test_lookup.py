"""Finding the resident of a data-subject request: by name or BSN (POST), all residents of the
municipality for privacy only; the search is logged without the BSN."""

import pytest

from stevig.audit.models import AccessLogEntry
from stevig.audit.selectors import residents_for_data_subject_request
from stevig.audit.tests.helpers import last_entry
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db

URL = "/toegangslog/inwoner-zoeken/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_lookup_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).post(URL, {"bsn": "999990019"})
    entry = last_entry(user)
    if persona == "privacy":
        assert response.status_code == 200
        assert [r.id for r in response.context["results"]] == [world.parent.id]
        assert (entry.action, entry.outcome, entry.part) == ("search", "allowed", "inzageverzoek-zoeken")
        assert entry.resident_ids == [str(world.parent.id)]
        assert entry.detail == {"naam": "", "bsn": True}
        assert "999990019" not in str(entry.detail)
    else:
        assert response.status_code == 403
        assert "Fatima" not in response.content.decode()
        assert (entry.action, entry.outcome, entry.resident_ids) == ("search", "denied", [])


def test_lookup_by_name_finds_residents_outside_any_team_but_not_other_municipalities(world):
    loose = f.HouseholdFactory(municipality=world.municipality, team=None)
    f.add_member(loose, given_names="Anna", surname="Elders")
    response = web_client(world.privacy).post(URL, {"name": "ann"})
    names = [r.full_name for r in response.context["results"]]
    assert names == ["Anna Elders"]  # not Anna Anders of the other municipality
    html = response.content.decode()
    resident = response.context["results"][0]
    assert f"/toegangslog/?resident={resident.id}" in html
    assert f"/toegangslog/inwoner/{resident.id}/inzage/" in html
    assert f"/toegangslog/inwoner/{resident.id}/export.json" in html


def test_lookup_by_name_and_bsn_together(world):
    client = web_client(world.privacy)
    assert [r.id for r in client.post(URL, {"name": "el amr", "bsn": "999990019"}).context["results"]] == [
        world.parent.id
    ]
    assert client.post(URL, {"name": "yusuf", "bsn": "999990019"}).context["results"] == []


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({}, "__all__", "Vul een naam of een BSN in."),
        ({"name": "  "}, "__all__", "Vul een naam of een BSN in."),
        ({"bsn": "123456789"}, "bsn", "Dit BSN klopt niet."),
        ({"name": "x" * 101}, "name", "100"),
    ],
)
def test_bad_input(world, data, field, message):
    before = AccessLogEntry.objects.count()
    response = web_client(world.privacy).post(URL, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert response.context["results"] is None
    assert AccessLogEntry.objects.count() == before


def test_get_shows_an_empty_form_and_logs_nothing(world):
    response = web_client(world.privacy).get(URL)
    assert response.status_code == 200 and response.context["results"] is None
    assert not AccessLogEntry.objects.filter(user_id=world.privacy.id).exists()


def test_many_results_are_capped(world):
    for i in range(27):
        f.ResidentFactory(municipality=world.municipality, given_names=f"Sam{i}", surname="Jansen")
    response = web_client(world.privacy).post(URL, {"name": "jansen"})
    assert len(response.context["results"]) == 25 and response.context["has_more"]
    assert len(last_entry(world.privacy).resident_ids) == 25


@pytest.mark.parametrize("persona", PERSONAS)
def test_residents_for_data_subject_request_scope(world, persona):
    user = getattr(world, persona)
    ids = set(residents_for_data_subject_request(user).values_list("id", flat=True))
    if persona == "privacy":
        assert ids == {world.parent.id, world.child.id}
    else:
        assert ids == set()

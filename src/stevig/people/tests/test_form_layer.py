"""The household pages save through the project's one `submit`: on a failed save the page title starts
with "Fout:", the error summary lists every error as a link to its field and nothing is stored; a version
conflict answers 409, keeps everything typed and puts the stored version in the form."""

import re

import pytest
from django.urls import reverse

from stevig.people.models import Household, Resident
from stevig.people.tests.test_pages_forms import household_data, new_household_data, resident_data
from stevig.testing.personas import web_client

pytestmark = pytest.mark.django_db


def summary_links(body: str) -> list[str]:
    """The anchors the error summary links to (empty when there is no summary)."""
    match = re.search(r"<div[^>]*data-error-summary.*?</div></div>\s*</div>", body, re.S)
    return re.findall(r'href="#([^"]+)"', match.group(0)) if match else []


def title(body: str) -> str:
    found = re.search(r"<title>(.*?)</title>", body, re.S)
    return found.group(1).strip() if found else ""


def test_new_household_with_bad_input_lists_every_error_and_stores_nothing(world):
    before = (Household.objects.count(), Resident.objects.count())
    response = web_client(world.own_worker).post(
        reverse("people:household_new"), new_household_data(street="", surname="", date_of_birth="31-02-1990")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert title(body).startswith("Fout:")
    assert {"id_street", "id_surname", "id_date_of_birth"} <= set(summary_links(body))
    assert "Vul \N{LEFT DOUBLE QUOTATION MARK}Achternaam\N{RIGHT DOUBLE QUOTATION MARK} in." in body
    assert "Dit veld is vereist." not in body
    assert (Household.objects.count(), Resident.objects.count()) == before


def test_member_add_service_error_goes_to_its_field(world):
    # The BSN belongs to someone already known: the service refuses, the error sits at the field.
    data = new_household_data(bsn=world.parent.bsn, start_date="2026-01-01")
    response = web_client(world.own_worker).post(
        reverse("people:member_add", args=[world.household.id]), data
    )
    body = response.content.decode()
    assert response.status_code == 400 and title(body).startswith("Fout:")
    assert "id_bsn" in summary_links(body)


def test_household_edit_conflict_is_409_with_the_stored_version_and_the_typed_values(world):
    url = reverse("people:household_edit", args=[world.household.id])
    stale = household_data(world.household, street="Mijnstraat")
    assert (
        web_client(world.colleague).post(url, household_data(world.household, street="Elders")).status_code
        == 302
    )
    response = web_client(world.own_worker).post(url, stale)
    body = response.content.decode()
    assert response.status_code == 409 and title(body).startswith("Fout:")
    assert "data-error-summary" in body and "Iemand anders heeft dit intussen gewijzigd" in body
    assert 'value="Mijnstraat"' in body and 'name="version" value="2"' in body
    world.household.refresh_from_db()
    assert world.household.street == "Elders"


def test_resident_edit_with_bad_input_is_400_with_a_linked_summary(world):
    url = reverse("people:resident_edit", args=[world.parent.id])
    response = web_client(world.own_worker).post(
        url, resident_data(world.parent, surname="", email="geen-mail")
    )
    body = response.content.decode()
    assert response.status_code == 400 and title(body).startswith("Fout:")
    assert {"id_surname", "id_email"} <= set(summary_links(body))
    world.parent.refresh_from_db()
    assert world.parent.version == 1


def test_search_sent_empty_and_a_bad_bsn_show_the_summary(world):
    client = web_client(world.own_worker)
    empty = client.get(reverse("people:search"), {"name": ""})
    assert empty.status_code == 400 and title(empty.content.decode()).startswith("Fout:")
    bad = client.post(reverse("people:search"), {"bsn": "123"})
    body = bad.content.decode()
    assert bad.status_code == 400 and title(body).startswith("Fout:") and "bsn_bsn" in summary_links(body)


def test_emergency_access_without_a_reason_is_refused_at_the_field(world):
    url = reverse("people:emergency", args=[world.household.id])
    response = web_client(world.other_team_worker).post(url, {"reason": ""})
    body = response.content.decode()
    assert response.status_code == 400 and title(body).startswith("Fout:")
    assert "id_reason" in summary_links(body)

"""The BRP client against the mock: every answer checked against the BRP API Personen specification."""

import json
from datetime import date

import pytest
from django.test import override_settings

from stevig.brp import client, mock, spec

FAMILY = ("999970872", "999970884", "999970896")  # Deepak, Nandini and their daughter Indira, 2521DA 6


def test_person_answer_matches_the_specification_and_only_the_asked_fields():
    answer = client.query(
        {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": ["999970872"],
            "fields": client.FIELDS_PERSON,
        }
    )
    assert spec.problems("RaadpleegMetBurgerservicenummerResponse", answer) == []
    assert spec.problems("Persoon", answer["personen"][0]) == []
    (person,) = answer["personen"]
    asked = {f.split(".")[0] for f in client.FIELDS_PERSON}
    assert set(person) <= asked
    assert set(person["naam"]) <= {"voornamen", "voorvoegsel", "geslachtsnaam"}
    assert "aNummer" not in person and "nationaliteiten" not in person


def test_person_as_the_client_reads_it():
    person = client.person("999970872")
    assert person is not None
    assert (person.given_names, person.surname) == ("Deepak", "Kumar") or person.given_names == "Deepak"
    assert person.address is not None
    assert (person.address.postcode, person.address.house_number) == ("2521DA", 6)
    assert person.partners == ("999970884",)
    assert [c.bsn for c in person.children] == ["999970896"]
    assert person.gezag[0].kind == "GezamenlijkOuderlijkGezag"
    assert set(person.gezag[0].holders) == {"999970872", "999970884"}


def test_unknown_bsn_gives_none():
    assert client.person("111222011") is None


def test_search_by_surname_and_birth_date_uses_the_restricted_person():
    answer = client.query(
        {
            "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
            "geslachtsnaam": "Maasland",
            "geboortedatum": "2017-01-01",
            "fields": client.FIELDS_SEARCH,
        }
    )
    assert spec.problems("ZoekMetGeslachtsnaamEnGeboortedatumResponse", answer) == []
    assert {p["burgerservicenummer"] for p in answer["personen"]} == {"999970033", "999970045"}
    found = client.search_name_birth("maasland", date(2017, 1, 1))
    assert {p.given_names for p in found} == {"Mira", "Meike"}


def test_search_by_postcode_and_persons_at_the_address():
    assert {p.bsn for p in client.search_address("2521 da", 6)} == set(FAMILY)
    everyone = client.persons_at_address("2521DA", 6)
    assert {p.bsn for p in everyone} == set(FAMILY)
    # The full question follows the search: relations and gezag are there.
    indira = next(p for p in everyone if p.bsn == "999970896")
    assert set(indira.parents) == {"999970872", "999970884"}


def test_minors_in_gezag_lists_the_children_a_parent_has_authority_over():
    minors = client.minors_in_gezag("999970124")
    assert {m.minor_bsn for m in minors} == {"999970409", "999970161", "999970185"}
    assert {m.kind for m in minors} == {
        "GezamenlijkOuderlijkGezag",
        "GezamenlijkGezag",
        "EenhoofdigOuderlijkGezag",
    }
    # A child has no gezag over anyone; an unknown person neither.
    assert client.minors_in_gezag("999970409") == []
    assert client.minors_in_gezag("111222011") == []


def test_an_answer_outside_the_specification_is_refused():
    def wrong(body: bytes):
        person = {
            "burgerservicenummer": "12345",
            "verblijfplaats": {"type": "Adres", "verblijfadres": {"huisnummer": "zes"}},
        }
        return 200, {"type": "RaadpleegMetBurgerservicenummer", "personen": [person]}

    client.set_transport(wrong)
    with pytest.raises(client.BrpInvalidAnswer) as caught:
        client.person("999970872")
    assert any("burgerservicenummer" in p for p in caught.value.problems)
    assert any("huisnummer" in p for p in caught.value.problems)


def test_an_answer_of_another_question_type_is_refused():
    client.set_transport(lambda body: (200, {"type": "ZoekMetPostcodeEnHuisnummer", "personen": []}))
    with pytest.raises(client.BrpInvalidAnswer):
        client.person("999970872")


def test_a_fictitious_person_with_characters_outside_the_specification_is_refused():
    # The public test data hold a person whose name has '@' and '%': the specification does not allow them.
    with pytest.raises(client.BrpInvalidAnswer):
        client.person("999990524")


def test_mock_refuses_a_field_that_does_not_exist_and_a_bad_question():
    status, body = mock.answer(
        json.dumps(
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": ["999970872"],
                "fields": ["schoenmaat"],
            }
        ).encode(),
        today=date(2026, 11, 29),
    )
    assert status == 400
    assert spec.problems("BadRequestFoutbericht", body) == []
    assert body["invalidParams"][0]["name"] == "fields"
    status, _ = mock.answer(
        b'{"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["12"], "fields": ["naam"]}',
        today=date(2026, 11, 29),
    )
    assert status == 400
    status, _ = mock.answer(b"no json", today=date(2026, 11, 29))
    assert status == 400


def test_client_turns_a_400_into_a_clear_error():
    client.set_transport(lambda body: (400, {"title": "fout", "status": 400}))
    with pytest.raises(client.BrpRefused) as caught:
        client.person("999970872")
    assert caught.value.status == 400


def test_dates_in_every_shape_of_the_specification():
    assert mock.api_date("20220303") == {
        "type": "Datum",
        "datum": "2022-03-03",
        "langFormaat": "3 maart 2022",
    }
    assert mock.api_date("19780600") == {
        "type": "JaarMaandDatum",
        "jaar": 1978,
        "maand": 6,
        "langFormaat": "juni 1978",
    }
    assert mock.api_date("19700000") == {"type": "JaarDatum", "jaar": 1970, "langFormaat": "1970"}
    assert mock.api_date("00000000")["type"] == "DatumOnbekend"
    for shape in ("20220303", "19780600", "19700000", "00000000"):
        assert spec.problems("AbstractDatum", mock.api_date(shape)) == []


def test_a_sample_of_the_fictitious_persons_matches_the_specification():
    valid = 0
    for raw in mock.all_records()[:150]:
        if raw["burgerservicenummer"] in {"999990524"}:
            continue
        person = mock.person(raw, today=date(2026, 11, 29))
        if not spec.problems("Persoon", person):
            valid += 1
    assert valid >= 145


@pytest.mark.django_db
def test_mock_over_http_with_the_api_key(client_fixture=None):
    from django.test import Client

    body = {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": ["999970872"],
        "fields": ["naam"],
    }
    http = Client()
    response = http.post("/mock-brp/personen", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    spec.check_response("RaadpleegMetBurgerservicenummer", response.json())
    with override_settings(BRP_API_KEY="geheim"):
        refused = http.post("/mock-brp/personen", data=json.dumps(body), content_type="application/json")
        assert refused.status_code == 401
        ok = http.post(
            "/mock-brp/personen",
            data=json.dumps(body),
            content_type="application/json",
            HTTP_X_API_KEY="geheim",
        )
        assert ok.status_code == 200
    assert http.get("/mock-brp/personen").status_code == 405


def test_http_transport_reports_an_unreachable_brp():
    send = client.http_transport("http://127.0.0.1:9/personen", timeout=1)
    with pytest.raises(client.BrpUnavailable):
        send(b"{}")

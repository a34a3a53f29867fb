"""Residents and households from the BRP, differences with one click, and the access log per question."""

import copy
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.brp import client, mock, services
from stevig.brp.models import BrpLink
from stevig.brp.tests.conftest import actor
from stevig.core.errors import RoleDenied
from stevig.people.models import Household, HouseholdMembership

pytestmark = pytest.mark.django_db

DEEPAK, NANDINI, INDIRA = "999970872", "999970884", "999970896"  # 2521DA 6


def brp_rows(user):
    return list(AccessLogEntry.objects.filter(user_id=user.id, part="brp").order_by("id"))


@time_machine.travel("2026-11-29 10:00 +01:00", tick=False)
def test_household_from_an_address_with_three_persons(world):
    household = services.household_from_brp(actor=actor(world.own_worker), bsn=NANDINI)
    assert (household.postcode, household.house_number, household.street) == ("2521 DA", 6, "Waldorpstraat")
    members = {
        m.resident.bsn: m.relation
        for m in HouseholdMembership.objects.filter(
            household=household, end_date__isnull=True
        ).select_related("resident")
    }
    assert members == {NANDINI: "ouder", DEEPAK: "partner", INDIRA: "kind"}
    # Gezag as the BRP gives it, kept with the parent.
    link = BrpLink.objects.get(resident__bsn=NANDINI)
    assert link.gezag[0]["minderjarige"] == INDIRA
    assert set(link.gezag[0]["gezaghouders"]) == {DEEPAK, NANDINI}
    # Every question is in the log with its purpose, the question type and the fields asked.
    rows = brp_rows(world.own_worker)
    assert [r.detail["vraag"] for r in rows] == [
        "RaadpleegMetBurgerservicenummer",
        "ZoekMetPostcodeEnHuisnummer",
    ]
    assert {r.detail["doel"] for r in rows} == {services.PURPOSE_HOUSEHOLD}
    assert rows[0].detail["velden"] == client.FIELDS_PERSON
    assert rows[1].detail["gevonden"] == 3


def test_unknown_bsn_is_refused_with_a_clear_error_and_nothing_stored(world):
    before = Household.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.household_from_brp(actor=actor(world.own_worker), bsn="111222011")
    assert "kent dit BSN niet" in caught.value.message_dict["bsn"][0]
    assert Household.objects.count() == before
    # The question itself stays in the log (found 0).
    assert brp_rows(world.own_worker)[-1].detail["gevonden"] == 0
    assert services.search(actor=actor(world.own_worker), bsn="111222011") == []


def test_invalid_bsn_refused_before_any_question(world):
    with pytest.raises(ValidationError):
        services.search(actor=actor(world.own_worker), bsn="123456789")
    assert brp_rows(world.own_worker) == []


def test_answer_outside_the_specification_stores_nothing_and_logs_a_refusal(world):
    client.set_transport(
        lambda body: (
            200,
            {"type": "RaadpleegMetBurgerservicenummer", "personen": [{"burgerservicenummer": "1"}]},
        )
    )
    before = Household.objects.count()
    with pytest.raises(client.BrpInvalidAnswer):
        services.search(actor=actor(world.own_worker), bsn=NANDINI)
    assert Household.objects.count() == before
    row = AccessLogEntry.objects.filter(user_id=world.own_worker.id, part="brp").latest("id")
    assert (row.outcome, row.detail["fout"]) == ("denied", "BrpInvalidAnswer")


@pytest.mark.parametrize("persona", ["policy", "admin", "privacy", "department_worker"])
def test_roles_outside_the_files_may_not_ask_the_brp(world, persona):
    user = getattr(world, persona)
    with pytest.raises(RoleDenied):
        services.search(actor=actor(user), bsn=NANDINI)
    row = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert (row.part, row.outcome) == ("brp", "denied")


def test_search_by_name_and_birth_date_names_known_residents(world):
    household = services.household_from_brp(actor=actor(world.own_worker), bsn=NANDINI)
    found = services.search(
        actor=actor(world.own_worker), surname="Sankrityayan", birth_date=date(2022, 3, 3)
    )
    indira = HouseholdMembership.objects.get(household=household, resident__bsn=INDIRA).resident
    assert [(f.person.bsn, f.resident_id) for f in found] == [(INDIRA, indira.id)]
    row = brp_rows(world.own_worker)[-1]
    assert row.detail["doel"] == services.PURPOSE_SEARCH
    assert str(indira.id) in row.resident_ids


def test_gezag_of_logs_its_purpose(world):
    minors = services.gezag_of(actor=actor(world.own_worker), bsn=DEEPAK)
    assert [m.minor_bsn for m in minors] == [INDIRA]
    row = brp_rows(world.own_worker)[-1]
    assert row.detail["doel"] == services.PURPOSE_GEZAG
    assert row.detail["velden"] == client.FIELDS_GEZAG


def _changed(bsn: str, **changes) -> None:
    record = copy.deepcopy(mock.record(bsn))
    assert record is not None
    record.update(changes)
    mock.override(bsn, record)


@time_machine.travel("2026-11-29 10:00 +01:00", tick=False)
def test_differences_moved_died_and_new_child_taken_over_with_one_click(world):
    worker = actor(world.own_worker)
    household = services.household_from_brp(actor=worker, bsn=NANDINI)
    assert services.differences(actor=worker, household_id=household.id)[1] == []
    # Deepak died; a new child was born to Nandini and lives at the address.
    _changed(DEEPAK, overlijden={"datum": "20261101"})
    baby = copy.deepcopy(mock.record(INDIRA))
    baby.update(burgerservicenummer="111222011", naam={"voornamen": "Asha", "geslachtsnaam": "Kumar"})
    baby["geboorte"] = dict(baby["geboorte"], datum="20261115")
    mock.override("111222011", baby)
    mother = copy.deepcopy(mock.record(NANDINI))
    mother["kinderen"] = [
        *mother["kinderen"],
        {"burgerservicenummer": "111222011", "naam": baby["naam"], "geboorte": {"datum": "20261115"}},
    ]
    mock.override(NANDINI, mother)
    _, found = services.differences(actor=worker, household_id=household.id)
    assert sorted((d.kind, d.bsn) for d in found) == [("nieuw-kind", "111222011"), ("overleden", DEEPAK)]
    services.take_over(actor=worker, household_id=household.id, kind="overleden", bsn=DEEPAK)
    ended = HouseholdMembership.objects.get(household=household, resident__bsn=DEEPAK)
    assert ended.end_date == date(2026, 11, 29)  # he joined the file today: it cannot end before that
    assert BrpLink.objects.get(resident__bsn=DEEPAK).died_on == date(2026, 11, 1)
    services.take_over(actor=worker, household_id=household.id, kind="nieuw-kind", bsn="111222011")
    asha = HouseholdMembership.objects.get(
        household=household, resident__bsn="111222011", end_date__isnull=True
    )
    assert (asha.relation, asha.start_date) == ("kind", date(2026, 11, 15))
    assert services.differences(actor=worker, household_id=household.id)[1] == []
    # A difference that is gone cannot be taken over twice.
    with pytest.raises(ValidationError):
        services.take_over(actor=worker, household_id=household.id, kind="overleden", bsn=DEEPAK)


@time_machine.travel("2026-11-29 10:00 +01:00", tick=False)
def test_a_household_that_moved_together_gets_the_new_address(world):
    worker = actor(world.own_worker)
    household = services.household_from_brp(actor=worker, bsn=NANDINI)
    new_place = {
        "straat": "Spui",
        "naamOpenbareRuimte": "Spui",
        "huisnummer": "70",
        "postcode": "2511BT",
        "woonplaats": "'s-Gravenhage",
    }
    for bsn in (DEEPAK, NANDINI, INDIRA):
        _changed(bsn, verblijfplaats=new_place)
    _, found = services.differences(actor=worker, household_id=household.id)
    assert {d.kind for d in found} == {"verhuisd"} and len(found) == 3
    assert "Spui 70" in found[0].text
    services.take_over(actor=worker, household_id=household.id, kind="verhuisd", bsn=INDIRA)
    household.refresh_from_db()
    assert (household.street, household.house_number, household.postcode) == ("Spui", 70, "2511 BT")
    assert services.differences(actor=worker, household_id=household.id)[1] == []


@time_machine.travel("2026-11-29 10:00 +01:00", tick=False)
def test_one_member_moved_out_leaves_the_household(world):
    worker = actor(world.own_worker)
    household = services.household_from_brp(actor=worker, bsn=NANDINI)
    _changed(
        DEEPAK,
        verblijfplaats={"straat": "Spui", "huisnummer": "70", "postcode": "2511BT", "woonplaats": "Den Haag"},
    )
    services.take_over(actor=worker, household_id=household.id, kind="verhuisd", bsn=DEEPAK)
    household.refresh_from_db()
    assert household.postcode == "2521 DA"
    assert HouseholdMembership.objects.get(household=household, resident__bsn=DEEPAK).end_date == date(
        2026, 11, 29
    )


def test_differences_of_a_household_out_of_scope_are_refused(world):
    with pytest.raises(Exception) as caught:
        services.differences(actor=actor(world.other_team_worker), household_id=world.household.id)
    assert type(caught.value).__name__ == "AccessDenied"
    row = AccessLogEntry.objects.filter(user_id=world.other_team_worker.id).latest("id")
    assert (row.part, row.outcome) == ("brp-verschillen", "denied")

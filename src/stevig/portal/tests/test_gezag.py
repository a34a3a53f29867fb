"""Which children a parent may act for in Mijn Stevig comes from gezag in the BRP (asked once at DigiD
login, with the fictitious persons of the BRP test data), not from the household make-up."""

import datetime as dt

import pytest

from stevig.audit.models import AccessLogEntry
from stevig.brp import client as brp_client
from stevig.portal.tests.conftest import PARENT_BSN, YOUNGEST_BSN, _question, resident_client
from stevig.testing import factories as f

pytestmark = pytest.mark.django_db


def test_a_child_in_gezag_in_another_household_is_shown_and_the_question_is_logged(world, portal):
    # Pero (999970409, TweehoofdigOuderlijkGezag of 999970124 and 999970410) lives with the other parent.
    elsewhere = f.HouseholdFactory(municipality=world.municipality, team=world.team, postcode="1234 EF")
    pero = f.add_member(
        elsewhere,
        relation="kind",
        given_names="Pero",
        surname="Paassen",
        bsn=YOUNGEST_BSN,
        date_of_birth=dt.date(2023, 2, 1),
    )
    pero_question = _question(world, pero, elsewhere, "Pero heeft een plek op de opvang nodig.")
    before = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0

    client = resident_client(PARENT_BSN)
    html = client.get("/mijn/").content.decode()

    assert pero_question.reference in html
    assert portal.child_question.reference in html  # Pep, 14, in the household, in gezag
    assert portal.teen_question.reference not in html  # Peet is in gezag, but 16 in the file
    # One BRP question at login: only the gezag field, its purpose, the children Stevig knows as subjects.
    [row] = AccessLogEntry.objects.filter(id__gt=before, part="brp")
    assert row.outcome == "allowed" and row.role == "inwoner" and row.user_id == world.parent.id
    assert row.detail["doel"] == "gezag nagaan in de BRP"
    assert row.detail["velden"] == brp_client.FIELDS_GEZAG
    assert row.detail["vraag"] == "RaadpleegMetBurgerservicenummer"
    assert {str(world.parent.id), str(world.child.id), str(pero.id), str(portal.teen.id)} == set(
        row.resident_ids
    )
    # Pages do not ask the BRP again.
    client.get("/mijn/")
    assert AccessLogEntry.objects.filter(id__gt=before, part="brp").count() == 1


def test_a_household_child_without_gezag_in_the_brp_is_not_shown(world, portal):
    # A young child in the household file whom the BRP does not list under the parent's gezag.
    stepchild = f.add_member(
        world.household,
        relation="kind",
        given_names="Sam",
        surname="Stief",
        date_of_birth=dt.date(2019, 6, 1),
    )
    question = _question(world, stepchild, world.household, "Sam kan niet slapen.")
    html = resident_client(PARENT_BSN).get("/mijn/").content.decode()
    assert question.reference not in html
    assert "Sam" not in html
    assert portal.child_question.reference in html


def test_a_parent_in_the_household_without_gezag_per_the_brp_sees_only_their_own(world, portal):
    # BSN 999990019 in the BRP test data: gezag "GezagNietTeBepalen", no minors.
    household = f.HouseholdFactory(municipality=world.municipality, team=world.team, postcode="1234 GH")
    dad = f.add_member(
        household, relation="ouder", given_names="Erebos", surname="Bultenaar", bsn="999990019"
    )
    kid = f.add_member(
        household,
        relation="kind",
        given_names="Kobus",
        surname="Bultenaar",
        date_of_birth=dt.date(2016, 1, 1),
    )
    own = _question(world, dad, household, "Ik zoek werk.")
    kids = _question(world, kid, household, "Kobus wordt gepest.")
    html = resident_client("999990019").get("/mijn/").content.decode()
    assert own.reference in html
    assert kids.reference not in html and "Kobus" not in html
    assert "data-gezag-onbekend" not in html


def test_without_an_answer_from_the_brp_only_own_data_and_a_notice(world, portal):
    brp_client.set_transport(lambda body: (503, {}))
    try:
        client = resident_client(PARENT_BSN)
    finally:
        brp_client.set_transport(None)
    html = client.get("/mijn/").content.decode()
    assert portal.own_question.reference in html
    assert portal.child_question.reference not in html
    assert "data-gezag-onbekend" in html
    assert "Wij konden niet nagaan voor welke kinderen u het gezag heeft." in html
    [row] = AccessLogEntry.objects.filter(part="brp", outcome="denied")
    assert row.detail["doel"] == "gezag nagaan in de BRP" and row.detail["fout"] == "BrpUnavailable"
    # The child's letter stays closed as well.
    assert client.get(f"/mijn/besluit/{portal.child_decision.id}/brief/").status_code == 404

"""New household, add member, edit resident, edit address, move: personas, log, bad input, conflicts."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from stevig.audit.models import AccessLogEntry
from stevig.people.models import Household, HouseholdMembership, Resident
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db

FILE_ROLES = {
    "own_worker",
    "colleague",
    "other_team_worker",
    "other_municipality_worker",
    "team_lead",
    "coordinator",
}
ALLOWED = {"own_worker", "colleague", "team_lead"}
BREAK_GLASS = {"other_team_worker", "coordinator"}
NEW_BSN = "999990032"


def last_entry(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


def new_household_data(**overrides):
    data = {
        "street": "Lindelaan",
        "house_number": "12",
        "house_number_addition": "",
        "postcode": "1235ab",
        "city": "Stevigdam",
        "given_names": "Sanne",
        "prefix": "",
        "surname": "Bakker",
        "date_of_birth": "1990-02-03",
        "bsn": NEW_BSN,
        "phone": "",
        "email": "",
        "preferred_language": "Nederlands",
        "relation": "ouder",
        "start_date": "",
    }
    data.update(overrides)
    return data


def resident_data(resident, **overrides):
    data = {
        "given_names": resident.given_names,
        "prefix": resident.prefix,
        "surname": resident.surname,
        "date_of_birth": resident.date_of_birth.isoformat(),
        "bsn": resident.bsn,
        "phone": resident.phone,
        "email": resident.email,
        "preferred_language": resident.preferred_language,
        "communication_needs": list(resident.communication_needs),
        "version": str(resident.version),
    }
    data.update(overrides)
    return data


def household_data(household, **overrides):
    data = {
        "street": household.street,
        "house_number": str(household.house_number),
        "house_number_addition": household.house_number_addition,
        "postcode": household.postcode,
        "city": household.city,
        "version": str(household.version),
    }
    data.update(overrides)
    return data


def assert_denied(response, entry, persona, world, *, object_id):
    """The common shape of a denied page: 403 with emergency link, 404, or 403 for another role."""
    body = response.content.decode()
    assert "El Amrani" not in body
    assert entry.outcome == "denied" and entry.object_id == str(object_id)
    emergency_url = reverse("people:emergency", args=[world.household.id])
    if persona in BREAK_GLASS:
        assert response.status_code == 403 and emergency_url in body
    elif persona == "other_municipality_worker":
        assert response.status_code == 404 and emergency_url not in body
        assert entry.resident_ids == []
    else:
        assert response.status_code == 403 and emergency_url not in body


# --------------------------------------------------------------------------------------- new household


@pytest.mark.parametrize("persona", PERSONAS)
def test_new_household_form_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get(reverse("people:household_new"))
    if persona in FILE_ROLES:
        assert response.status_code == 200
        assert 'name="street"' in response.content.decode()
    else:
        assert response.status_code == 403
        entry = last_entry(user)
        assert (entry.action, entry.outcome, entry.part) == ("read", "denied", "huishouden")


@pytest.mark.parametrize("persona", ["policy", "admin"])
def test_new_household_post_by_other_role_is_refused_and_logged(world, persona):
    user = getattr(world, persona)
    response = web_client(user).post(reverse("people:household_new"), new_household_data())
    assert response.status_code == 403
    assert not Resident.objects.filter(bsn=NEW_BSN).exists()
    entry = last_entry(user)
    assert (entry.action, entry.outcome) == ("create", "denied")


def test_new_household_anonymous_goes_to_login(world):
    response = Client().get(reverse("people:household_new"))
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("persona", ["own_worker", "coordinator"])
def test_create_household_and_open_it(world, persona):
    user = getattr(world, persona)
    client = web_client(user)
    response = client.post(reverse("people:household_new"), new_household_data())
    assert response.status_code == 302
    assert NEW_BSN not in response["Location"]
    household = Household.objects.get(street="Lindelaan")
    assert response["Location"] == reverse("people:household", args=[household.id])
    assert household.postcode == "1235 AB" and household.neighbourhood.name == "Zuid"
    resident = Resident.objects.get(bsn=NEW_BSN)
    create = AccessLogEntry.objects.filter(user_id=user.id, action="create").latest("id")
    assert create.outcome == "allowed" and create.resident_ids == [str(resident.id)]
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Sanne Bakker" in body and "Het huishouden is aangemaakt." in body


def test_new_household_bad_input_keeps_values_and_saves_nothing(world):
    before = (Household.objects.count(), Resident.objects.count())
    response = web_client(world.own_worker).post(
        reverse("people:household_new"),
        new_household_data(
            postcode="123 AB",
            bsn="123456789",
            date_of_birth="2999-01-01",
            surname="",
            given_names="<b>Sanne</b>",
            house_number="0",
        ),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul een postcode in zoals 1234 AB." in body
    assert "Dit BSN klopt niet." in body
    assert "Deze datum ligt in de toekomst." in body
    assert "Vul “Achternaam” in." in body
    assert "Vul een huisnummer in van 1 of hoger." in body
    assert 'value="123 AB"' in body and 'value="Lindelaan"' in body and 'value="2999-01-01"' in body
    assert 'value="&lt;b&gt;Sanne&lt;/b&gt;"' in body and "<b>Sanne</b>" not in body
    for name in ("postcode", "bsn", "date_of_birth", "surname", "house_number"):
        assert f'aria-describedby="id_{name}_helptext id_{name}_error"' in body or (
            f'aria-describedby="id_{name}_error"' in body
        ), name
    assert body.count('aria-invalid="true"') == 5
    assert (Household.objects.count(), Resident.objects.count()) == before


def test_new_household_invalid_date_is_explained(world):
    response = web_client(world.own_worker).post(
        reverse("people:household_new"), new_household_data(date_of_birth="30-02-1990")
    )
    assert response.status_code == 400
    assert "Vul een datum in zoals 17-05-2026." in response.content.decode()


def test_new_household_duplicate_bsn_does_not_name_the_other_person(world):
    before = (Household.objects.count(), Resident.objects.count(), HouseholdMembership.objects.count())
    response = web_client(world.other_team_worker).post(
        reverse("people:household_new"), new_household_data(bsn=world.parent.bsn)
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dit BSN hoort al bij een andere inwoner in deze gemeente." in body
    assert "El Amrani" not in body and "Fatima" not in body
    assert 'aria-describedby="id_bsn_helptext id_bsn_error"' in body
    # Atomic: the household was not left behind without its member.
    assert (
        Household.objects.count(),
        Resident.objects.count(),
        HouseholdMembership.objects.count(),
    ) == before


# ------------------------------------------------------------------------------------------ add member


@pytest.mark.parametrize("persona", PERSONAS)
def test_add_member_page_per_persona(world, persona):
    user = getattr(world, persona)
    url = reverse("people:member_add", args=[world.household.id])
    response = web_client(user).get(url)
    entry = last_entry(user)
    if persona in ALLOWED:
        assert response.status_code == 200
        assert world.household.street in response.content.decode()
        assert (entry.action, entry.outcome, entry.part) == ("read", "allowed", "leden")
    else:
        assert_denied(response, entry, persona, world, object_id=world.household.id)


def test_add_member_creates_and_logs(world):
    url = reverse("people:member_add", args=[world.household.id])
    data = new_household_data(
        given_names="Noor", relation="kind", date_of_birth="2020-04-04", start_date="2020-04-04"
    )
    response = web_client(world.colleague).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:household", args=[world.household.id])
    resident = Resident.objects.get(bsn=NEW_BSN)
    membership = HouseholdMembership.objects.get(resident=resident)
    assert membership.household == world.household and membership.relation == "kind"
    assert membership.start_date == dt.date(2020, 4, 4)
    entry = last_entry(world.colleague)
    assert (entry.action, entry.outcome, entry.part, entry.resident_ids) == (
        "create",
        "allowed",
        "leden",
        [str(resident.id)],
    )


def test_add_member_out_of_scope_post_is_denied_and_logged(world):
    url = reverse("people:member_add", args=[world.household.id])
    response = web_client(world.other_team_worker).post(url, new_household_data())
    assert response.status_code == 403
    assert not Resident.objects.filter(bsn=NEW_BSN).exists()
    entry = last_entry(world.other_team_worker)
    assert (entry.action, entry.outcome) == ("create", "denied")


def test_add_member_duplicate_bsn_and_bad_relation(world):
    url = reverse("people:member_add", args=[world.household.id])
    count = Resident.objects.count()
    response = web_client(world.own_worker).post(
        url, new_household_data(bsn=world.child.bsn or world.parent.bsn)
    )
    assert response.status_code == 400
    assert "Dit BSN hoort al bij een andere inwoner" in response.content.decode()
    response = web_client(world.own_worker).post(url, new_household_data(relation="baas"))
    assert "Kies een relatie uit de lijst." in response.content.decode()
    assert Resident.objects.count() == count


# --------------------------------------------------------------------------------------- edit resident


@pytest.mark.parametrize("persona", PERSONAS)
def test_edit_resident_page_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get(reverse("people:resident_edit", args=[world.parent.id]))
    entry = last_entry(user)
    if persona in ALLOWED:
        assert response.status_code == 200
        body = response.content.decode()
        assert 'value="Fatima"' in body and f'name="version" value="{world.parent.version}"' in body
        assert (entry.action, entry.outcome, entry.resident_ids) == (
            "read",
            "allowed",
            [str(world.parent.id)],
        )
    else:
        assert_denied(response, entry, persona, world, object_id=world.parent.id)


def test_edit_resident_saves_and_logs(world):
    url = reverse("people:resident_edit", args=[world.parent.id])
    data = resident_data(world.parent, phone="0612345678", communication_needs=["tolk"])
    response = web_client(world.own_worker).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:household", args=[world.household.id])
    assert world.parent.bsn not in response["Location"]
    world.parent.refresh_from_db()
    assert world.parent.phone == "0612345678" and world.parent.communication_needs == ["tolk"]
    assert world.parent.version == 2
    entry = last_entry(world.own_worker)
    assert (entry.action, entry.outcome, entry.part, entry.resident_ids) == (
        "update",
        "allowed",
        "inwoner",
        [str(world.parent.id)],
    )


def test_edit_resident_version_conflict_is_never_a_silent_overwrite(world):
    url = reverse("people:resident_edit", args=[world.parent.id])
    mine = resident_data(world.parent, phone="0611111111")
    # A colleague saves first.
    assert (
        web_client(world.colleague).post(url, resident_data(world.parent, phone="0622222222")).status_code
        == 302
    )
    response = web_client(world.own_worker).post(url, mine)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in body
    assert 'value="0611111111"' in body  # what I typed stays
    assert "0622222222" in body  # and I see what is stored now
    world.parent.refresh_from_db()
    assert world.parent.phone == "0622222222" and world.parent.version == 2
    assert 'name="version" value="2"' in body
    # Saving again, knowingly, now works.
    assert web_client(world.own_worker).post(url, {**mine, "version": "2"}).status_code == 302
    world.parent.refresh_from_db()
    assert world.parent.phone == "0611111111"


def test_edit_resident_bad_input(world):
    url = reverse("people:resident_edit", args=[world.child.id])
    client = web_client(world.own_worker)
    response = client.post(
        url,
        resident_data(
            world.child,
            bsn="111111111",
            date_of_birth="2999-12-31",
            email="geen-mail",
            communication_needs=["vliegen"],
        ),
    )
    assert response.status_code == 400
    body = response.content.decode()
    for message in (
        "Dit BSN klopt niet.",
        "Deze datum ligt in de toekomst.",
        "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
        "Kies uit de lijst.",
    ):
        assert message in body
    assert 'value="111111111"' in body and 'value="geen-mail"' in body
    response = client.post(url, resident_data(world.child, bsn=world.parent.bsn))
    assert response.status_code == 400
    assert "Dit BSN hoort al bij een andere inwoner" in response.content.decode()
    assert "Fatima" not in response.content.decode()
    world.child.refresh_from_db()
    assert world.child.version == 1 and world.child.bsn == ""


def test_edit_resident_out_of_scope_post_is_denied(world):
    url = reverse("people:resident_edit", args=[world.parent.id])
    response = web_client(world.other_team_worker).post(url, resident_data(world.parent, phone="0699999999"))
    assert response.status_code == 403
    world.parent.refresh_from_db()
    assert world.parent.phone == ""
    entry = last_entry(world.other_team_worker)
    assert (entry.action, entry.outcome) == ("update", "denied")


def test_edit_unknown_resident_is_404(world):
    response = web_client(world.own_worker).get(reverse("people:resident_edit", args=[uuid.uuid4()]))
    assert response.status_code == 404


# -------------------------------------------------------------------------------------- edit household


@pytest.mark.parametrize("persona", PERSONAS)
def test_edit_household_page_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get(reverse("people:household_edit", args=[world.household.id]))
    entry = last_entry(user)
    if persona in ALLOWED:
        assert response.status_code == 200
        assert 'value="Dorpsstraat"' in response.content.decode()
        assert (entry.action, entry.outcome, entry.part) == ("read", "allowed", "adres")
    else:
        assert_denied(response, entry, persona, world, object_id=world.household.id)


def test_edit_household_saves_and_moves_neighbourhood(world):
    url = reverse("people:household_edit", args=[world.household.id])
    response = web_client(world.own_worker).post(url, household_data(world.household, postcode="1235zz"))
    assert response.status_code == 302
    world.household.refresh_from_db()
    assert world.household.postcode == "1235 ZZ" and world.household.neighbourhood.name == "Zuid"
    entry = last_entry(world.own_worker)
    assert (entry.action, entry.outcome) == ("update", "allowed")
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}


def test_edit_household_conflict_and_bad_input(world):
    url = reverse("people:household_edit", args=[world.household.id])
    stale = household_data(world.household, street="Mijnstraat")
    assert (
        web_client(world.colleague)
        .post(url, household_data(world.household, street="Hunnestraat"))
        .status_code
        == 302
    )
    response = web_client(world.own_worker).post(url, stale)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in body
    assert 'value="Mijnstraat"' in body and "Hunnestraat" in body
    world.household.refresh_from_db()
    assert world.household.street == "Hunnestraat"
    response = web_client(world.own_worker).post(
        url, household_data(world.household, postcode="ABCD 12", city="")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul een postcode in zoals 1234 AB." in body and "Vul “Plaats” in." in body
    world.household.refresh_from_db()
    assert world.household.postcode == "1234 AB"


def test_edit_household_out_of_scope_post_is_denied(world):
    url = reverse("people:household_edit", args=[world.household.id])
    response = web_client(world.coordinator).post(url, household_data(world.household, street="Weg"))
    assert response.status_code == 403
    world.household.refresh_from_db()
    assert world.household.street == "Dorpsstraat"
    assert (last_entry(world.coordinator).action, last_entry(world.coordinator).outcome) == (
        "update",
        "denied",
    )


# ------------------------------------------------------------------------------------------------ move


@pytest.fixture
def target(world):
    household = f.HouseholdFactory(
        municipality=world.municipality, team=world.team, street="Kade", house_number=77, postcode="1234 AB"
    )
    f.add_member(household, given_names="Omar", surname="Kade")
    return household


@pytest.mark.parametrize("persona", PERSONAS)
def test_move_page_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get(reverse("people:resident_move", args=[world.child.id]))
    entry = last_entry(user)
    if persona in ALLOWED:
        assert response.status_code == 200
        assert "Yusuf El Amrani" in response.content.decode()
    else:
        assert_denied(response, entry, persona, world, object_id=world.child.id)


@time_machine.travel(dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC))
def test_move_finds_visible_households_and_moves(world, target):
    f.HouseholdFactory(
        municipality=world.municipality,
        team=world.other_team,
        street="Kade",
        house_number=77,
        house_number_addition="B",
        postcode="1234 AB",
    )  # other team: not offered
    url = reverse("people:resident_move", args=[world.child.id])
    client = web_client(world.own_worker)
    found = client.get(url, {"postcode": "1234ab", "house_number": "77"})
    body = found.content.decode()
    assert found.status_code == 200
    assert "Kade 77, 1234 AB" in body and "Kade 77-B" not in body
    entry = last_entry(world.own_worker)
    assert (entry.action, entry.part) == ("search", "adres-zoeken")
    response = client.post(
        url,
        {
            "postcode": "1234 AB",
            "house_number": "77",
            "to_household": str(target.id),
            "relation": "kind",
            "move_date": "2024-05-01",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:household", args=[target.id])
    old = HouseholdMembership.objects.get(resident=world.child, household=world.household)
    new = HouseholdMembership.objects.get(resident=world.child, household=target)
    assert old.end_date == dt.date(2024, 5, 1) and new.end_date is None
    entry = last_entry(world.own_worker)
    assert (entry.action, entry.part, entry.resident_ids) == ("update", "verhuizing", [str(world.child.id)])
    # The old household keeps him in its history.
    history = client.get(reverse("people:household", args=[world.household.id])).content.decode()
    assert "Wie woonden hier eerder" in history and "1 mei 2024" in history


def test_move_bad_input(world, target):
    url = reverse("people:resident_move", args=[world.child.id])
    client = web_client(world.own_worker)
    response = client.get(url, {"postcode": "99", "house_number": ""})
    assert response.status_code == 400
    assert "Vul een postcode in zoals 1234 AB." in response.content.decode()
    base = {"postcode": "1234 AB", "house_number": "77", "relation": "kind", "move_date": "2024-05-01"}
    # A household that was not offered (here: the other municipality's) is refused.
    response = client.post(url, {**base, "to_household": str(world.other_household.id)})
    assert response.status_code == 400
    assert "Kies een huishouden uit de lijst." in response.content.decode()
    response = client.post(url, {**base, "to_household": str(target.id), "move_date": "2999-01-01"})
    assert "Deze datum ligt in de toekomst." in response.content.decode()
    response = client.post(url, {**base, "to_household": str(target.id), "move_date": "2000-01-01"})
    assert response.status_code == 400
    assert (
        "De verhuisdatum ligt voor de datum waarop deze inwoner hier kwam wonen." in response.content.decode()
    )
    assert HouseholdMembership.objects.filter(
        resident=world.child, end_date__isnull=True
    ).get().household == (world.household)


def test_move_to_own_household_is_refused(world):
    url = reverse("people:resident_move", args=[world.child.id])
    number = str(world.household.house_number)
    response = web_client(world.own_worker).post(
        url,
        {
            "postcode": "1234 AB",
            "house_number": number,
            "to_household": str(world.household.id),
            "relation": "kind",
            "move_date": "2024-05-01",
        },
    )
    assert response.status_code == 400
    assert "Deze inwoner woont al in dit huishouden." in response.content.decode()

"""The register services: a disclosure needs recipient, purpose, legal basis and data; consent must be in
force and cover the data; every write is logged; nothing is half-saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.core.errors import AccessDenied
from stevig.datasharing import services
from stevig.datasharing.models import Consent, Disclosure
from stevig.datasharing.tests.conftest import TODAY, actor_for

pytestmark = pytest.mark.django_db


def disclose(world, user=None, **kwargs):
    values = {
        "actor": actor_for(user or world.own_worker),
        "household": world.household,
        "recipient": "Wonen",
        "recipient_kind": "vakafdeling",
        "purpose": "Urgentie voor een andere woning",
        "legal_basis": "wmo_h5",
        "categories": ["persoonsgegevens", "wonen"],
    }
    values.update(kwargs)
    return services.record_disclosure(**values)


def test_disclosure_defaults_to_current_members_and_is_logged(world):
    d = disclose(world)
    assert set(d.residents.values_list("id", flat=True)) == {world.parent.id, world.child.id}
    assert d.disclosed_on == TODAY and d.categories == ["persoonsgegevens", "wonen"]
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.action, entry.outcome, entry.part, entry.object_id) == (
        "create",
        "allowed",
        "gegevensdeling",
        str(d.id),
    )
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}


def test_disclosure_for_chosen_resident_by_id(world):
    d = disclose(world, residents=[world.parent.id])
    assert list(d.residents.all()) == [world.parent]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"recipient": "  "}, "recipient"),
        ({"purpose": ""}, "purpose"),
        ({"legal_basis": ""}, "legal_basis"),
        ({"legal_basis": "omdat het kan"}, "legal_basis"),
        ({"categories": []}, "categories"),
        ({"categories": ["dna"]}, "categories"),
        ({"legal_basis": "toestemming"}, "consent"),
        ({"recipient_kind": "buurman"}, "recipient_kind"),
        ({"disclosed_on": dt.date(2026, 3, 3)}, "disclosed_on"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(world, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        disclose(world, **kwargs)
    assert field in exc.value.message_dict
    assert Disclosure.objects.count() == 0


def test_resident_from_another_household_is_refused(world):
    from stevig.testing import factories as f

    other = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    stranger = f.add_member(other)
    with pytest.raises(ValidationError) as exc:
        disclose(world, residents=[world.parent.id, stranger.id])
    assert "residents" in exc.value.message_dict


def test_consent_based_disclosure(world, consent):
    d = disclose(
        world,
        legal_basis="toestemming",
        consent=consent,
        categories=["persoonsgegevens", "financien"],
        recipient="Schuldhulpverlening",
        residents=[world.parent.id],
    )
    assert d.consent == consent


def test_one_members_consent_cannot_carry_another_members_data(world, consent):
    """The mother's consent to share her finances with Schuldhulpverlening does not carry her son's data."""
    with pytest.raises(ValidationError) as exc:
        disclose(
            world,
            legal_basis="toestemming",
            consent=consent,
            categories=["persoonsgegevens", "financien"],
            recipient="Schuldhulpverlening",
            residents=[world.parent.id, world.child.id],
        )
    assert "eigen gegevens" in exc.value.message_dict["consent"][0]
    assert Disclosure.objects.count() == 0


def test_consent_for_one_recipient_does_not_reach_another(world, consent):
    with pytest.raises(ValidationError) as exc:
        disclose(
            world,
            legal_basis="toestemming",
            consent=consent,
            categories=["persoonsgegevens", "financien"],
            recipient="Wonen",
            residents=[world.parent.id],
        )
    assert "niet voor Wonen" in exc.value.message_dict["consent"][0]
    assert Disclosure.objects.count() == 0


def test_consent_must_cover_the_categories(world, consent):
    with pytest.raises(ValidationError) as exc:
        disclose(
            world,
            legal_basis="toestemming",
            consent=consent,
            categories=["persoonsgegevens", "gezondheid"],
            recipient="Schuldhulpverlening",
            residents=[world.parent.id],
        )
    assert "gezondheid" in exc.value.message_dict["consent"][0]
    assert Disclosure.objects.count() == 0


def test_withdrawn_consent_blocks_sharing(world, consent):
    services.withdraw_consent(
        actor=actor_for(world.own_worker), consent_id=consent.id, note="Wil het niet meer"
    )
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and not consent.is_active
    with pytest.raises(ValidationError) as exc:
        disclose(world, legal_basis="toestemming", consent=consent.id, categories=["persoonsgegevens"])
    assert "ingetrokken" in exc.value.message_dict["consent"][0]
    assert Disclosure.objects.count() == 0
    entry = AccessLogEntry.objects.filter(part="toestemming", action="update").latest("id")
    assert entry.resident_ids == [str(world.parent.id)]


def test_withdrawing_twice_is_an_error(world, consent):
    services.withdraw_consent(actor=actor_for(world.own_worker), consent_id=consent.id)
    with pytest.raises(ValidationError):
        services.withdraw_consent(actor=actor_for(world.own_worker), consent_id=consent.id)


def test_consent_of_another_household_is_refused(world, consent):
    from stevig.testing import factories as f

    other = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    f.add_member(other)
    with pytest.raises(ValidationError) as exc:
        disclose(
            world,
            household=other,
            legal_basis="toestemming",
            consent=consent,
            categories=["persoonsgegevens"],
        )
    assert "huishouden" in exc.value.message_dict["consent"][0]


def test_consent_with_other_legal_basis_is_refused(world, consent):
    with pytest.raises(ValidationError) as exc:
        disclose(world, consent=consent)
    assert "consent" in exc.value.message_dict


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"purpose": ""}, "purpose"),
        ({"method": "telepathie"}, "method"),
        ({"categories": []}, "categories"),
        ({"given_on": dt.date(2026, 3, 9)}, "given_on"),
        ({"resident_id": None}, "resident"),
    ],
)
def test_consent_bad_input(world, kwargs, field):
    values = {
        "actor": actor_for(world.own_worker),
        "household_id": world.household.id,
        "resident_id": world.parent.id,
        "given_on": TODAY,
        "method": "schriftelijk",
        "purpose": "Delen met Wonen",
        "categories": ["persoonsgegevens"],
    }
    values.update(kwargs)
    with pytest.raises(ValidationError) as exc:
        services.record_consent(**values)
    assert field in exc.value.message_dict
    assert Consent.objects.count() == 0


@pytest.mark.parametrize(
    "persona", ["other_team_worker", "department_worker", "policy", "other_municipality_worker"]
)
def test_out_of_scope_actor_is_denied_and_logged(world, persona):
    user = getattr(world, persona)
    with pytest.raises(AccessDenied):
        disclose(world, user=user)
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert (entry.outcome, entry.part) == ("denied", "gegevensdeling")
    assert Disclosure.objects.count() == 0


def test_export_includes_register_and_consent(world, consent):
    from stevig.audit.export import build_export

    disclose(world, residents=[world.parent.id])
    services.withdraw_consent(actor=actor_for(world.own_worker), consent_id=consent.id)
    data = build_export(world.parent).as_json()["sections"]
    shared = data["gegevensdeling"]["data"]["gegevensdeling"]
    assert (
        shared[0]["ontvanger"] == "Wonen"
        and shared[0]["grondslag"] == "Wmo 2015 artikel 5.1.1 (maatschappelijke ondersteuning)"
    )
    consents = data["toestemmingen"]["data"]["toestemmingen"]
    assert consents[0]["ingetrokken_op"] is not None
    child = build_export(world.child).as_json()["sections"]
    assert child["gegevensdeling"]["data"]["gegevensdeling"] == []
    assert child["toestemmingen"]["data"]["toestemmingen"] == []

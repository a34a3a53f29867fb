"""The register page and API: personas, access log, consent and withdrawal, bad input."""

import pytest

from stevig.audit.models import AccessLogEntry
from stevig.datasharing import services
from stevig.datasharing.models import Consent, Disclosure
from stevig.datasharing.tests.conftest import actor_for
from stevig.testing.personas import PERSONAS, api_client, api_denied_status, web_client

pytestmark = pytest.mark.django_db

ALLOWED = {"own_worker", "colleague", "team_lead"}


def last(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


@pytest.fixture
def shared(world, consent):  # type: ignore[no-untyped-def]
    return services.record_disclosure(
        actor=actor_for(world.own_worker),
        household=world.household,
        residents=[world.parent],
        recipient="Schuldhulpverlening",
        recipient_kind="vakafdeling",
        purpose="Schuldhulp regelen",
        legal_basis="toestemming",
        consent=consent,
        categories=["persoonsgegevens", "financien"],
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_register_page_per_persona(world, shared, persona):
    user = getattr(world, persona)
    response = web_client(user).get(f"/gegevensdeling/huishouden/{world.household.id}/")
    body = response.content.decode()
    entry = last(user)
    assert entry.part == "gegevensdeling"
    if persona in ALLOWED:
        assert response.status_code == 200
        assert "Schuldhulp regelen" in body and "toestemming van de inwoner" in body and "intrekken" in body
        assert (entry.action, entry.outcome) == ("read", "allowed")
        assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    else:
        assert response.status_code in (403, 404) and "Schuldhulp regelen" not in body
        assert entry.outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_register_api_per_persona(world, shared, persona):
    user = getattr(world, persona)
    response = api_client(user).get(f"/api/v1/data-sharing/households/{world.household.id}")
    entry = last(user)
    if persona in ALLOWED:
        data = response.json()
        assert data["disclosures"][0]["legal_basis"] == "toestemming"
        assert data["consents"][0]["categories"] == ["persoonsgegevens", "brede_analyse", "financien"]
        assert entry.outcome == "allowed"
    else:
        assert response.status_code == api_denied_status(persona) and entry.outcome == "denied"


def test_record_consent_on_the_page(world):
    client = web_client(world.own_worker)
    url = f"/gegevensdeling/huishouden/{world.household.id}/toestemming/"
    bad = client.post(url, {"resident": str(world.parent.id), "method": "mondeling", "purpose": ""})
    assert bad.status_code == 400 and "Vul in waarvoor de toestemming is." in bad.content.decode()
    assert Consent.objects.count() == 0
    ok = client.post(
        url,
        {
            "resident": str(world.parent.id),
            "given_on": "2026-03-02",
            "method": "schriftelijk",
            "purpose": "Wonen mag meekijken",
            "categories": ["persoonsgegevens", "wonen"],
        },
    )
    assert ok.status_code == 302
    consent = Consent.objects.get()
    assert consent.categories == ["persoonsgegevens", "wonen"] and consent.recorded_by == world.own_worker


def test_withdraw_on_the_page_then_sharing_is_refused(world, consent):
    client = web_client(world.own_worker)
    response = client.post(
        f"/gegevensdeling/huishouden/{world.household.id}/toestemming/{consent.id}/intrekken/",
        {"note": "Wil niet meer"},
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawal_note == "Wil niet meer"
    response = client.post(
        f"/gegevensdeling/huishouden/{world.household.id}/delen/",
        {
            "recipient_kind": "partner",
            "recipient": "Stichting Thuis",
            "purpose": "Begeleiding",
            "legal_basis": "toestemming",
            "consent": str(consent.id),
            "residents": [str(world.parent.id)],
            "categories": ["persoonsgegevens"],
            "disclosed_on": "2026-03-02",
        },
    )
    # The withdrawn consent is no longer a choice: the form refuses it; nothing is saved.
    assert response.status_code == 400 and Disclosure.objects.count() == 0


def test_record_disclosure_on_the_page(world):
    response = web_client(world.own_worker).post(
        f"/gegevensdeling/huishouden/{world.household.id}/delen/",
        {
            "recipient_kind": "specialist",
            "recipient": "GGZ-team",
            "purpose": "Consultatie over het kind",
            "legal_basis": "jeugdwet_h7",
            "residents": [str(world.child.id)],
            "categories": ["persoonsgegevens", "gezondheid"],
            "disclosed_on": "2026-03-02",
        },
    )
    assert response.status_code == 302
    d = Disclosure.objects.get()
    assert list(d.residents.all()) == [world.child] and d.legal_basis == "jeugdwet_h7"


def test_api_consent_withdraw_and_refused_disclosure(world):
    client = api_client(world.own_worker)
    created = client.post(
        f"/api/v1/data-sharing/households/{world.household.id}/consents",
        {
            "resident": str(world.parent.id),
            "given_on": "2026-03-02",
            "method": "digitaal",
            "purpose": "Delen met Wonen",
            "categories": ["persoonsgegevens"],
        },
        format="json",
    )
    assert created.status_code == 201
    consent_id = created.json()["id"]
    payload = {
        "recipient": "Wonen",
        "purpose": "Urgentie",
        "legal_basis": "toestemming",
        "consent": consent_id,
        "categories": ["persoonsgegevens"],
        "residents": [str(world.parent.id)],
    }
    url = f"/api/v1/data-sharing/households/{world.household.id}/disclosures"
    # Consent is personal: the mother's consent does not carry her son's data.
    other = client.post(url, {**payload, "residents": [str(world.child.id)]}, format="json")
    assert other.status_code == 400 and "eigen gegevens" in other.json()["errors"]["consent"][0]
    assert client.post(url, payload, format="json").status_code == 201
    withdrawn = client.post(f"/api/v1/data-sharing/consents/{consent_id}/withdraw", {}, format="json")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]
    refused = client.post(url, payload, format="json")
    assert refused.status_code == 400 and "ingetrokken" in refused.json()["errors"]["consent"][0]
    assert Disclosure.objects.count() == 1
    bad = client.post(
        url, {"recipient": "", "purpose": "", "legal_basis": "", "categories": []}, format="json"
    )
    assert bad.status_code == 400 and {"recipient", "purpose", "legal_basis", "categories"} <= set(
        bad.json()["errors"]
    )


def test_withdraw_out_of_scope_is_404_and_logged(world, consent):
    response = api_client(world.other_team_worker).post(
        f"/api/v1/data-sharing/consents/{consent.id}/withdraw", {}, format="json"
    )
    assert response.status_code == 404
    assert last(world.other_team_worker).outcome == "denied"
    consent.refresh_from_db()
    assert consent.withdrawn_at is None

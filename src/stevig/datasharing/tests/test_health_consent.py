"""AVG art. 9: health data is a special category. Consent to share it must be asked for separately and given
explicitly (art. 9 lid 2 onder a); a consent without that never carries health data, whatever else it
covers."""

import pytest
from django.core.exceptions import ValidationError

from stevig.datasharing import services
from stevig.datasharing.models import Consent, Disclosure
from stevig.datasharing.tests.conftest import TODAY, actor_for
from stevig.testing.personas import api_client, web_client

pytestmark = pytest.mark.django_db


def _consent(world, **kwargs):  # type: ignore[no-untyped-def]
    values = {
        "actor": actor_for(world.own_worker),
        "household_id": world.household.id,
        "resident_id": world.parent.id,
        "given_on": TODAY,
        "method": "mondeling",
        "purpose": "Overleg met de GGZ over hoe het gaat",
        "recipient": "GGZ-team",
        "categories": ["persoonsgegevens", "gezondheid"],
    }
    values.update(kwargs)
    return services.record_consent(**values)


def _share(world, consent):  # type: ignore[no-untyped-def]
    return services.record_disclosure(
        actor=actor_for(world.own_worker),
        household=world.household,
        residents=[world.parent],
        recipient="GGZ-team",
        recipient_kind="specialist",
        purpose="Overleg",
        legal_basis="toestemming",
        consent=consent,
        categories=["persoonsgegevens", "gezondheid"],
    )


def test_health_in_a_consent_needs_the_explicit_separate_yes(world):
    with pytest.raises(ValidationError) as exc:
        _consent(world)
    assert "artikel 9" in exc.value.message_dict["health_explicit"][0]
    assert Consent.objects.count() == 0
    consent = _consent(world, health_explicit=True)
    assert consent.health_explicit is True
    disclosure = _share(world, consent)
    assert disclosure.consent == consent and "gezondheid" in disclosure.categories
    # Without health data the flag means nothing and is not stored.
    plain = _consent(world, categories=["persoonsgegevens"], health_explicit=True)
    assert plain.health_explicit is False


def test_a_consent_without_the_explicit_yes_never_carries_health_data(world):
    # A consent recorded before this rule, with health among its categories but no explicit yes.
    old = Consent.objects.create(
        municipality=world.municipality,
        household=world.household,
        resident=world.parent,
        given_on=TODAY,
        method="mondeling",
        purpose="Overleg",
        recipient="GGZ-team",
        categories=["persoonsgegevens", "gezondheid"],
        recorded_by=world.own_worker,
    )
    with pytest.raises(ValidationError) as exc:
        _share(world, old)
    assert "AVG artikel 9" in exc.value.message_dict["consent"][0]
    assert Disclosure.objects.count() == 0


def test_page_and_api_refuse_health_without_the_explicit_yes(world):
    url = f"/gegevensdeling/huishouden/{world.household.id}/toestemming/"
    form = {
        "resident": str(world.parent.id),
        "given_on": "2026-03-02",
        "method": "mondeling",
        "purpose": "Overleg met de GGZ",
        "recipient": "GGZ-team",
        "categories": ["persoonsgegevens", "gezondheid"],
    }
    refused = web_client(world.own_worker).post(url, form)
    assert refused.status_code == 400
    assert "Vraag de inwoner daar apart naar" in refused.content.decode()
    assert Consent.objects.count() == 0
    ok = web_client(world.own_worker).post(url, {**form, "health_explicit": "on"})
    assert ok.status_code == 302 and Consent.objects.get().health_explicit
    api = api_client(world.own_worker)
    body = {k: v for k, v in form.items() if k != "resident"} | {"resident": str(world.parent.id)}
    bad = api.post(f"/api/v1/data-sharing/households/{world.household.id}/consents", body, format="json")
    assert bad.status_code == 400 and "health_explicit" in bad.json()["errors"]
    good = api.post(
        f"/api/v1/data-sharing/households/{world.household.id}/consents",
        {**body, "health_explicit": True},
        format="json",
    )
    assert good.status_code == 201 and good.json()["health_explicit"] is True

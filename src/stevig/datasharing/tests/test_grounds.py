"""The catalogue of legal bases: which ground may carry which data to which recipient (AVG art. 6 and 9,
Wmo 2015 art. 5.1.1, Jeugdwet art. 7.4.0, Wgs art. 5, Participatiewet art. 64 / SUWI art. 62)."""

import pytest
from django.core.exceptions import ValidationError

from stevig.datasharing import grounds, services
from stevig.datasharing.models import Disclosure, LegalBasis
from stevig.datasharing.tests.conftest import actor_for
from stevig.testing import factories

pytestmark = pytest.mark.django_db


def test_every_legal_basis_is_in_the_catalogue_with_its_article():
    assert set(grounds.CATALOGUE) == set(LegalBasis.values)
    for ground in grounds.CATALOGUE.values():
        assert "art." in ground.article and "artikel" in ground.label


@pytest.mark.parametrize(
    ("basis", "kind", "categories", "ok"),
    [
        ("wmo_h5", "partner", ["persoonsgegevens", "gezondheid"], True),
        ("jeugdwet_h7", "specialist", ["gezondheid", "veiligheid"], True),
        ("wmo_h5", "voorziening", ["persoonsgegevens"], False),  # a sports club is no Wmo provider
        ("publieke_taak", "voorziening", ["persoonsgegevens", "contactgegevens"], True),
        ("publieke_taak", "voorziening", ["gezondheid"], False),  # AVG art. 9: never on a public task alone
        ("publieke_taak", "specialist", ["financien"], False),
        ("participatiewet", "vakafdeling", ["financien", "huishouden"], True),
        ("participatiewet", "vakafdeling", ["gezondheid"], False),
        ("participatiewet", "partner", ["financien"], False),
        ("vitaal_belang", "overig", ["gezondheid", "veiligheid"], True),
        ("toestemming", "voorziening", ["gezondheid"], True),  # the consent check does the rest
    ],
)
def test_catalogue_per_recipient_and_data(basis, kind, categories, ok):
    assert (grounds.problem(legal_basis=basis, recipient_kind=kind, categories=categories) is None) is ok


def test_debt_help_ground_only_for_the_debt_help_department(world):
    debt = factories.DepartmentFactory(municipality=world.municipality, name="Schuldhulp", debt_help=True)
    income = factories.DepartmentFactory(municipality=world.municipality, name="Inkomen", debt_help=False)
    assert (
        grounds.problem(
            legal_basis="wgs", recipient_kind="vakafdeling", categories=["financien"], department=debt
        )
        is None
    )
    problem = grounds.problem(
        legal_basis="wgs", recipient_kind="vakafdeling", categories=["financien"], department=income
    )
    assert problem is not None and "Inkomen" in problem
    assert "wgs" not in {g.code for g in grounds.grounds_for("vakafdeling", income)}
    assert "wgs" in {g.code for g in grounds.grounds_for("vakafdeling", debt)}


def test_a_disclosure_outside_the_catalogue_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError) as exc:
        services.record_disclosure(
            actor=actor_for(world.own_worker),
            household=world.household,
            recipient="Sportclub De Spurt",
            recipient_kind="voorziening",
            purpose="Sporten",
            legal_basis="publieke_taak",
            categories=["persoonsgegevens", "gezondheid"],
        )
    message = exc.value.message_dict["legal_basis"][0]
    assert "gezondheid" in message and "toestemming" in message
    assert Disclosure.objects.count() == 0


def test_catalogue_api_lists_grounds_per_recipient_kind(world):
    from stevig.testing.personas import api_client

    response = api_client(world.own_worker).get("/api/v1/data-sharing/legal-bases")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["results"]}
    assert rows["publieke_taak"]["article"] == "AVG art. 6 lid 1 onder e"
    assert "gezondheid" not in rows["publieke_taak"]["categories"]
    assert "voorziening" in rows["publieke_taak"]["recipient_kinds"]
    assert rows["wgs"]["debt_help_only"] is True


def test_catalogue_api_refuses_anonymous_callers(world):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/data-sharing/legal-bases").status_code in (401, 403)

"""The demo's connections: providers with an AGB code give the granted decisions a 301, and a family
from the BRP's fictitious persons lets a parent see their child in Mijn Stevig (gezag per the BRP)."""

import pytest
from django.core.management import call_command
from django.test import Client

from stevig.brp.models import BrpLink
from stevig.decisions.models import Decision
from stevig.demo.credentials import demo_residents
from stevig.demo.koppelingen import BRP_PARENTS, DEMO_PROVIDER
from stevig.istandaarden.models import Allocation, Message, Provider
from stevig.istandaarden.xml import check
from stevig.people.models import Resident
from stevig.testing.digid import digid_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_demo, settings):
    settings.DEMO = True
    settings.DIGID_MOCK = True
    return shared_demo


@pytest.fixture
def brp_family(demo, capsys):
    """`make run` adds the household from the test BRP after the generated demo."""
    call_command("stevig_demo_brp")
    assert "Huishouden uit de test-BRP" in capsys.readouterr().out
    call_command("stevig_demo_brp")
    assert "bestaat al" in capsys.readouterr().out
    return demo


def test_every_demo_municipality_has_providers_and_granted_decisions_get_a_valid_301(demo):
    for code in ("GM9901", "GM9902"):
        assert set(Provider.objects.filter(municipality__code=code).values_list("agb_code", flat=True)) == {
            "42420001",
            "42420002",
        }
        granted = Decision.objects.filter(
            municipality__code=code, outcome="toekenning", form="zin", provider=DEMO_PROVIDER
        )
        assert granted.exists()
        allocations = Allocation.objects.filter(decision__in=granted)
        assert allocations.count() == granted.count()
        ready = Message.objects.filter(decision__in=granted, code="301", status="klaar")
        assert ready.exists()
        for message in ready:
            assert message.provider.agb_code == "42420001"
            _standard, kind, _root = check(message.xml.encode())  # raises when the XSD refuses it
            assert kind == "301"


def test_the_demo_has_a_household_from_the_brp_with_a_decision_for_the_child(brp_family):
    parent = Resident.objects.get(municipality__code="GM9901", bsn__in=BRP_PARENTS, brp_link__isnull=False)
    link = BrpLink.objects.get(resident=parent)
    minors = {g["minderjarige"] for g in link.gezag}
    assert minors and minors <= set(
        Resident.objects.filter(municipality__code="GM9901").values_list("bsn", flat=True)
    )
    child_decision = Decision.objects.get(
        municipality__code="GM9901",
        household__memberships__resident=parent,
        provider=DEMO_PROVIDER,
        category__code="jeugdhulp-ambulant",
    )
    assert child_decision.resident_id != parent.id
    assert Message.objects.filter(decision=child_decision, code="301", status="klaar").exists()


def test_the_printed_brp_parent_sees_the_childs_decision_in_mijn_stevig(brp_family, capsys):
    first = demo_residents()[0]
    assert first["bsn"] in BRP_PARENTS and "gezag" in first["note"]
    call_command("stevig_demo_credentials")
    assert first["bsn"] in capsys.readouterr().out
    child_decision = Decision.objects.get(
        municipality__code="GM9901",
        category__code="jeugdhulp-ambulant",
        provider=DEMO_PROVIDER,
        household__memberships__resident__bsn=first["bsn"],
    )
    client = Client()
    assert digid_login(client, first["bsn"]).status_code == 302
    page = client.get("/mijn/").content.decode()
    assert f"/mijn/besluit/{child_decision.id}/brief/" in page

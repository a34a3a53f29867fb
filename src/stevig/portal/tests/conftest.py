"""Mijn Stevig test data, with the BRP's fictitious persons (RvIG test data, served by the mock BRP):
world.parent is Petronella Paassen (BSN 999970124), who per the BRP has gezag over three minors; two of
them have a file in the household: world.child (Pep, 14 in the file) and a son who turned 16 yesterday
(Peet). Another resident of the municipality (BSN 999990020, no gezag) has a file of their own."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core.context import Actor
from stevig.datasharing import services as sharing
from stevig.decisions import services as decisions
from stevig.decisions.models import Decision, ProductCategory
from stevig.intake import services as intake
from stevig.intake.models import Question
from stevig.people.models import Resident
from stevig.plans import services as plans
from stevig.plans.models import PlanVersion
from stevig.testing import factories as f
from stevig.testing.digid import digid_login as mock_digid_login
from stevig.testing.shared_world import SHARED, SHARED_DATA

# "Today": Monday 2 March 2026. world.child (born 1 March 2012) is 14, the older son 16 since yesterday.
TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
OTHER_BSN = "999990020"
# BRP API Personen test data: 999970124 has gezag over 999970409 (TweehoofdigOuderlijkGezag), 999970161
# (GezamenlijkGezag with a third person) and 999970185 (EenhoofdigOuderlijkGezag).
PARENT_BSN = "999970124"
CHILD_BSN = "999970185"
TEEN_BSN = "999970161"
YOUNGEST_BSN = "999970409"


def staff(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="127.0.0.1")


@dataclass
class Portal:
    teen: Resident
    other: Resident
    own_question: Question
    child_question: Question
    teen_question: Question
    other_question: Question
    child_decision: Decision
    other_decision: Decision
    version: PlanVersion
    other_version: PlanVersion


@pytest.fixture(autouse=True)
def clock(request):  # type: ignore[no-untyped-def]
    if request.node.get_closest_marker("browser"):
        yield
        return
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limit():  # type: ignore[no-untyped-def]
    """The rate limit of trying codes lives in the (process-local) cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def digid_mock(settings):  # type: ignore[no-untyped-def]
    settings.DIGID_MOCK = True


def _question(world, resident, household, text):  # type: ignore[no-untyped-def]
    return intake.register_question(
        actor=staff(world.own_worker),
        household_id=household.id,
        text=text,
        channel="telefoon",
        kind="algemeen",
        resident_id=resident.id,
        idempotency_key=f"test-{resident.id}",
    )


def _agreed_version(world, household, member) -> PlanVersion:  # type: ignore[no-untyped-def]
    from stevig.analysis.tests.helpers import open_trajectory

    me = staff(world.own_worker)
    trajectory = open_trajectory(world, household=household)
    plan = plans.create_plan(
        actor=me,
        trajectory_id=trajectory.id,
        start_date=dt.date(2026, 3, 1),
        evaluation_date=dt.date(2026, 6, 1),
    )
    plans.add_goal(
        actor=me,
        plan_id=plan.id,
        expected_version=plan.version,
        text="Weer rust in de post",
        member_ids=[member.id],
        domains=["financien"],
    )
    plan.refresh_from_db()
    return plans.agree_plan(
        actor=me,
        plan_id=plan.id,
        expected_version=plan.version,
        agreed_on=timezone.localdate(),
        agreed_how="gesprek",
    )


def _decision(world, household, resident) -> Decision:  # type: ignore[no-untyped-def]
    category = ProductCategory.objects.filter(municipality=world.municipality, code="begeleiding").first()
    return decisions.create_decision(
        actor=staff(world.own_worker),
        household_id=household.id,
        resident_id=resident.id,
        category_id=category.id if category else None,
        form="zin",
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 12, 31),
        reason="Hulp bij het overzicht van de dag.",
        legal_ground="Wmo 2015 art. 2.3.5",
        volume=Decimal(3),
        unit="uur",
        frequency="week",
        sent_on=timezone.localdate(),
    )


def _build_shared_portal() -> Portal:
    """The portal data in the shared outer transaction, on the shared world (built just before it)."""
    with time_machine.travel(TODAY, tick=True):
        return build_portal(SHARED.data["world"])


# Built once per test process beside `world` (stevig.testing.shared_world): about 0.25 s of CPU per build,
# and nearly every test of this app asks for it.
SHARED_DATA.setdefault("shared_portal", _build_shared_portal)


@pytest.fixture
def shared_portal(world) -> Portal | None:  # type: ignore[no-untyped-def]
    """A copy of the shared portal data, or None for a test that commits (it runs without shared data)."""
    return SHARED.get("shared_portal") if "shared_portal" in SHARED.data else None


@pytest.fixture
def portal(world, shared_portal) -> Portal:  # type: ignore[no-untyped-def]
    return shared_portal if shared_portal is not None else build_portal(world)


def build_portal(world) -> Portal:  # type: ignore[no-untyped-def]
    # The personas' parent and child get the BSNs of a BRP family, so gezag comes from the BRP.
    world.parent.bsn = PARENT_BSN
    world.parent.save(update_fields=["bsn"])
    world.child.bsn = CHILD_BSN
    world.child.save(update_fields=["bsn"])
    teen = f.add_member(
        world.household,
        relation="kind",
        given_names="Adam",
        surname="El Amrani",
        date_of_birth=dt.date(2010, 3, 1),
        bsn=TEEN_BSN,
    )
    other_household = f.HouseholdFactory(
        municipality=world.municipality, team=world.team, postcode="1234 CD", house_number=7
    )
    other = f.add_member(other_household, given_names="Bram", surname="Buurman", bsn=OTHER_BSN)
    f.involve(other_household, world.own_worker)
    data = Portal(
        teen=teen,
        other=other,
        own_question=_question(world, world.parent, world.household, "Ik heb schulden."),
        child_question=_question(world, world.child, world.household, "Mijn zoon gaat niet naar school."),
        teen_question=_question(world, teen, world.household, "Adam zoekt werk."),
        other_question=_question(world, other, other_household, "Ik zoek hulp in huis."),
        child_decision=_decision(world, world.household, world.child),
        other_decision=_decision(world, other_household, other),
        version=_agreed_version(world, world.household, world.parent),
        other_version=_agreed_version(world, other_household, other),
    )
    # A worker looked at the file of the household (the access log the resident sees).
    log.allowed(
        staff(world.own_worker),
        Action.READ,
        Part.HOUSEHOLD,
        [world.parent.id, world.child.id],
        object_type="household",
        object_id=world.household.id,
    )
    sharing.record_consent(
        actor=staff(world.own_worker),
        household_id=other_household.id,
        resident_id=other.id,
        given_on=dt.date(2026, 3, 1),
        method="mondeling",
        purpose="Overleg met de huisarts",
        categories=["gezondheid"],
        health_explicit=True,
        recipient="Huisarts",
    )
    return data


def digid_login(client: Client, bsn: str) -> Client:
    """Log in through DigiD's mock (django-digid-eherkenning): the identity provider's page, then the ACS."""
    response = mock_digid_login(client, bsn)
    assert response.status_code == 302 and response["Location"] == "/mijn/", response.content.decode()[:500]
    return client


def resident_client(bsn: str) -> Client:
    return digid_login(Client(), bsn)

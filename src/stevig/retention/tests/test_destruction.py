"""Destroying a household file (issue 10 point 5): the file and its derived data go in one transaction;
the access log (no foreign keys) and a destruction record stay and the hash chain still verifies; a file
under a litigation hold or with an open legal term is refused with nothing removed. Runs on SQLite and
PostgreSQL alike (`DATABASE_URL`)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models

from stevig.audit.models import AccessLogEntry
from stevig.audit.services import verify_chain
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied, RoleDenied
from stevig.mandates.tests.conftest import build_case
from stevig.people.models import Household, HouseholdMembership, Resident
from stevig.retention import services
from stevig.retention.models import DestructionRecord, LitigationHold
from stevig.safety import services as safety_services
from stevig.socialmap import services as socialmap_services
from stevig.testing import factories as f
from stevig.trajectories import services as trajectory_services
from stevig.trajectories.models import Trajectory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=True):
        yield


def actor(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="127.0.0.1")


def _rich_file(world) -> Trajectory:  # type: ignore[no-untyped-def]
    """A closed file with something from many apps: analysis and plan with goals and actions, a decided
    safety track with steps, named colleague and risks, a referral, an emergency access."""
    case = build_case(world)
    worker = actor(world.own_worker)
    track = safety_services.open_track(actor=worker, trajectory_id=case.trajectory.id, source="signalen")
    safety_services.name_colleague(actor=worker, track_id=track.id, user_id=world.colleague.id)
    for number in (1, 2, 3):
        track.refresh_from_db()
        safety_services.record_step(
            actor=worker,
            track_id=track.id,
            expected_version=track.version,
            number=number,
            done_on=TODAY,
            notes=f"stap {number}",
            colleague_consulted="Fleur" if number == 2 else "",
        )
    track.refresh_from_db()
    safety_services.weigh(
        actor=worker,
        track_id=track.id,
        expected_version=track.version,
        done_on=TODAY,
        notes="Geen vermoeden.",
        suspicion=False,
        unsafe=None,
    )
    track.refresh_from_db()
    safety_services.decide(
        actor=worker,
        track_id=track.id,
        expected_version=track.version,
        done_on=TODAY,
        notes="Geen zorgen.",
        outcome="geen",
        outcome_reason="Het vermoeden is weggenomen.",
    )
    facility = socialmap_services.seed_example_facilities(world.municipality)[0]
    socialmap_services.create_referral(
        actor=worker,
        trajectory_id=case.trajectory.id,
        facility_id=facility.id,
        resident_ids=[world.parent.id],
        referred_on=TODAY,
        follow_up_on=TODAY,
    )
    from stevig.people.services import grant_emergency_access

    grant_emergency_access(
        actor=actor(world.other_team_worker), household_id=world.household.id, reason="Spoed aan de balie."
    )
    trajectory = Trajectory.objects.get(id=case.trajectory.id)
    return trajectory_services.change_phase(
        actor=worker,
        trajectory_id=trajectory.id,
        expected_version=trajectory.version,
        to_phase="afgesloten",
        reason="Doelen bereikt.",
    )


def _rows_pointing_at(household_id) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Rows in any Stevig model with a foreign key to this household (should be none after destruction)."""
    from django.apps import apps

    left = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if getattr(field, "concrete", False) and getattr(field, "related_model", None) is Household:
                count = model._default_manager.filter(**{field.name: household_id}).count()
                if count:
                    left[model._meta.label] = count
    return left


def test_destruction_removes_the_file_and_keeps_the_access_log_and_a_record(world):
    _rich_file(world)
    household_id, parent_id, child_id = world.household.id, world.parent.id, world.child.id
    log_rows = AccessLogEntry.objects.count()
    assert log_rows >= 10
    assert verify_chain(world.municipality.code) == []
    record = services.destroy_household(
        actor=actor(world.privacy),
        household_id=household_id,
        ground="Jeugdwet art. 7.3.9: vernietiging op verzoek",
    )
    assert not Household.objects.filter(id=household_id).exists()
    assert not Resident.objects.filter(id__in=[parent_id, child_id]).exists()
    assert _rows_pointing_at(household_id) == {}
    # Another household is untouched.
    assert Household.objects.filter(id=world.other_household.id).exists()
    # The record: no foreign key to the file, what went, who approved.
    assert isinstance(DestructionRecord._meta.get_field("household_ref"), models.CharField)
    assert record.household_ref == str(household_id) and record.approved_by == world.privacy
    assert set(record.resident_refs) == {str(parent_id), str(child_id)}
    for label in ("people.Household", "people.Resident", "safety.SafetyTrack", "safety.StepRecord"):
        assert record.removed[label] >= 1, label
    # The access log stays whole: every row, one more for the destruction, and the chain verifies.
    assert AccessLogEntry.objects.count() == log_rows + 1
    last = AccessLogEntry.objects.latest("seq")
    assert (last.action, last.outcome, last.object_id) == ("delete", "allowed", str(household_id))
    assert set(last.resident_ids) == {str(parent_id), str(child_id)}
    assert verify_chain(world.municipality.code) == []
    call_command("verify_access_log")  # raises CommandError when any chain is broken


def test_a_resident_who_lived_elsewhere_stays(world):
    _rich_file(world)
    moved = world.parent
    HouseholdMembership.objects.create(  # lived in the other household before, 2010-2015
        municipality=world.municipality,
        household=world.other_household,
        resident=moved,
        relation="ouder",
        start_date=dt.date(2010, 1, 1),
        end_date=dt.date(2015, 1, 1),
    )
    services.destroy_household(actor=actor(world.privacy), household_id=world.household.id, ground="Termijn")
    assert Resident.objects.filter(id=moved.id).exists()
    assert not Resident.objects.filter(id=world.child.id).exists()
    assert HouseholdMembership.objects.filter(resident=moved, household=world.other_household).exists()


def _snapshot() -> tuple[int, int, int]:
    return Household.objects.count(), Resident.objects.count(), AccessLogEntry.objects.count()


def test_refused_with_a_litigation_hold_and_nothing_removed(world):
    _rich_file(world)
    hold = LitigationHold.objects.create(
        municipality=world.municipality,
        household=world.household,
        reason="Bezwaar loopt",
        placed_by=world.privacy,
    )
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        services.destroy_household(
            actor=actor(world.privacy), household_id=world.household.id, ground="Termijn"
        )
    assert "bewaarplicht" in str(exc.value.message_dict["household"])
    assert _snapshot() == before
    hold.lifted_at = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    hold.save()
    services.destroy_household(actor=actor(world.privacy), household_id=world.household.id, ground="Termijn")
    assert not Household.objects.filter(id=world.household.id).exists()
    assert verify_chain(world.municipality.code) == []


def test_refused_while_a_legal_term_is_open(world):
    trajectory_services.open_trajectory(actor=actor(world.own_worker), household_id=world.household.id)
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        services.destroy_household(
            actor=actor(world.privacy), household_id=world.household.id, ground="Termijn"
        )
    assert "Er loopt nog een traject." in exc.value.message_dict["household"]
    assert _snapshot() == before


def test_a_ground_is_required(world):
    with pytest.raises(ValidationError) as exc:
        services.destroy_household(actor=actor(world.privacy), household_id=world.household.id, ground=" ")
    assert "ground" in exc.value.message_dict
    assert Household.objects.filter(id=world.household.id).exists()


@pytest.mark.parametrize("persona", ["own_worker", "team_lead", "coordinator", "policy", "admin"])
def test_only_the_privacy_officer_destroys_and_a_refusal_is_logged(world, persona):
    user = getattr(world, persona)
    with pytest.raises(RoleDenied):
        services.destroy_household(actor=actor(user), household_id=world.household.id, ground="Termijn")
    assert Household.objects.filter(id=world.household.id).exists()
    row = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert (row.action, row.outcome, row.object_id) == ("delete", "denied", str(world.household.id))


def test_another_municipality_gets_not_found_and_a_logged_denial(world):
    other_privacy = f.UserFactory(username="privacy2", municipality=world.other_municipality, role="privacy")
    with pytest.raises(AccessDenied):
        services.destroy_household(
            actor=actor(other_privacy), household_id=world.household.id, ground="Termijn"
        )
    assert Household.objects.filter(id=world.household.id).exists()
    row = AccessLogEntry.objects.filter(user_id=other_privacy.id).latest("id")
    assert (row.outcome, row.resident_ids) == ("denied", [])

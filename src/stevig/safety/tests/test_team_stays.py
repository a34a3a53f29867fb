"""Kader principle 12, issue 9 point 2: while a safety track is open the team stays involved. A warm
referral or a mandate request does not move the trajectory away from the team: the vast aanspreekpunt, the
team and the household's team stay, the trajectory stays open, the track stays readable for the named, and
the mandate request carries no safety note."""

import datetime as dt
import json

import pytest

from stevig.mandates import services as mandate_services
from stevig.people.models import Household
from stevig.safety import services
from stevig.safety.models import Status
from stevig.safety.selectors import has_open_track, open_tracks_for
from stevig.safety.tests.conftest import TODAY, actor_for, walk
from stevig.socialmap import services as socialmap_services
from stevig.trajectories.models import Phase, Trajectory
from stevig.web.worklist import worklist_for

pytestmark = pytest.mark.django_db

NOTE = "Moeder vertelt dat vader de kinderen slaat"


def _team_as_contact(world, trajectory_id):
    trajectory = Trajectory.objects.get(id=trajectory_id)
    assert trajectory.contact_person_id == world.own_worker.id
    assert trajectory.team_id == world.team.id
    assert trajectory.phase != Phase.CLOSED and trajectory.closed_at is None
    assert Household.objects.get(id=world.household.id).team_id == world.team.id


def _still_named(world, track):
    assert has_open_track(track.trajectory_id)
    assert list(open_tracks_for(world.own_worker).values_list("id", flat=True)) == [track.id]
    items = worklist_for(actor=actor_for(world.own_worker)).items
    assert [i.url for i in items if i.kind == "veiligheid"] == [f"/veiligheid/{track.id}/"]


def test_a_referral_keeps_the_team_as_contact_while_a_track_is_open(world, track):
    walk(track, world.own_worker, to=1)
    track.steps.filter(number=1).update(notes=NOTE)
    facility = socialmap_services.seed_example_facilities(world.municipality)[0]
    referral = socialmap_services.create_referral(
        actor=actor_for(world.own_worker),
        trajectory_id=track.trajectory_id,
        facility_id=facility.id,
        resident_ids=[world.parent.id],
        referred_on=TODAY,
        follow_up_on=TODAY + dt.timedelta(days=7),
    )
    assert referral.trajectory_id == track.trajectory_id
    _team_as_contact(world, track.trajectory_id)
    _still_named(world, track)
    socialmap_services.record_outcome(
        actor=actor_for(world.own_worker),
        referral_id=referral.id,
        expected_version=referral.version,
        outcome="gestart",
    )
    _team_as_contact(world, track.trajectory_id)
    _still_named(world, track)


def test_a_mandate_request_keeps_the_team_as_contact_and_shares_no_safety_note(world, track):
    walk(track, world.own_worker, to=1)
    track.steps.filter(number=1).update(notes=NOTE)
    request = mandate_services.send_request(
        actor=actor_for(world.own_worker),
        trajectory_id=track.trajectory_id,
        department_id=world.department.id,
        ask="Stop het beslag op de uitkering en maak een betalingsregeling",
        reason="Na het gesprek en de analyse: de schulden houden alles tegen.",
        legal_basis="wmo_h5",
        resident_ids=[world.parent.id, world.child.id],
    )
    _team_as_contact(world, track.trajectory_id)
    _still_named(world, track)
    snapshot = json.dumps(request.shared_content, default=str)
    assert (
        NOTE not in snapshot and "veiligheid" not in snapshot.lower() and "meldcode" not in snapshot.lower()
    )
    # The department worker who handles the request reads no track.
    assert not open_tracks_for(world.department_worker).exists()
    # A rejection and the coordinator's decision (doorzetten) do not move the trajectory either.
    request.refresh_from_db()
    mandate_services.reject_request(
        actor=actor_for(world.department_worker),
        request_id=request.id,
        expected_version=request.version,
        reason="Geen grondslag om het beslag te stoppen.",
    )
    request.refresh_from_db()
    mandate_services.decide(
        actor=actor_for(world.coordinator),
        request_id=request.id,
        expected_version=request.version,
        decision="De afdeling stopt het beslag: de veiligheid van de kinderen gaat voor.",
    )
    _team_as_contact(world, track.trajectory_id)
    _still_named(world, track)
    track.refresh_from_db()
    assert track.status == Status.OPEN


def test_closing_the_track_ends_the_block_after_a_referral(world, track):
    """The referral does not keep the block alive: once the track is afgerond it leaves the worklist and the
    guard no longer blocks."""
    facility = socialmap_services.seed_example_facilities(world.municipality)[0]
    socialmap_services.create_referral(
        actor=actor_for(world.own_worker),
        trajectory_id=track.trajectory_id,
        facility_id=facility.id,
        resident_ids=[world.parent.id],
        referred_on=TODAY,
        follow_up_on=TODAY,
    )
    walk(track, world.own_worker, to=3)
    services.weigh(
        actor=actor_for(world.own_worker),
        track_id=track.id,
        expected_version=track.version,
        done_on=TODAY,
        notes="Geen vermoeden na het gesprek.",
        suspicion=False,
        unsafe=None,
    )
    track.refresh_from_db()
    services.decide(
        actor=actor_for(world.own_worker),
        track_id=track.id,
        expected_version=track.version,
        done_on=TODAY,
        notes="Geen zorgen meer.",
        outcome="geen",
        outcome_reason="Het vermoeden is weggenomen in het gesprek.",
    )
    assert not has_open_track(track.trajectory_id)
    assert [i for i in worklist_for(actor=actor_for(world.own_worker)).items if i.kind == "veiligheid"] == []

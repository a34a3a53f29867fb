"""The phase table: every allowed and every forbidden change, closing, reactivation, close guards."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.core.errors import VersionConflict
from stevig.people.models import Involvement
from stevig.trajectories import guards, services
from stevig.trajectories.models import ALLOWED_TRANSITIONS, Phase, PhaseChange, PilotLight, Trajectory
from stevig.trajectories.tests.conftest import actor_for

pytestmark = pytest.mark.django_db

# How to reach each phase from a fresh trajectory (verkennen).
PATH_TO = {
    Phase.EXPLORING: [],
    Phase.PLAN: [Phase.PLAN],
    Phase.HELP: [Phase.PLAN, Phase.HELP],
    Phase.PILOT_LIGHT: [Phase.PLAN, Phase.HELP, Phase.PILOT_LIGHT],
    Phase.CLOSED: [Phase.CLOSED],
}
PAIRS = list(itertools.product(Phase.values, Phase.values))


def test_table_is_the_one_in_the_issue():
    assert {k: set(v) for k, v in ALLOWED_TRANSITIONS.items()} == {
        "verkennen": {"plan", "afgesloten"},
        "plan": {"verkennen", "hulp", "afgesloten"},
        "hulp": {"plan", "waakvlam", "afgesloten"},
        "waakvlam": {"hulp", "plan", "afgesloten"},
        "afgesloten": set(),
    }


def _reach(world, trajectory, phase):
    for step in PATH_TO[phase]:
        trajectory.refresh_from_db()
        extra = {"cadence_number": 6, "cadence_unit": "weken"} if step == Phase.PILOT_LIGHT else {}
        services.change_phase(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            expected_version=trajectory.version,
            to_phase=step,
            reason="stap",
            **extra,
        )
    trajectory.refresh_from_db()
    return trajectory


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_every_phase_pair(world, trajectory, source, target):
    trajectory = _reach(world, trajectory, source)
    assert trajectory.phase == source
    before = PhaseChange.objects.filter(trajectory=trajectory).count()
    extra = {"cadence_number": 3, "cadence_unit": "maanden"} if target == Phase.PILOT_LIGHT else {}
    call = lambda: services.change_phase(  # noqa: E731
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        expected_version=trajectory.version,
        to_phase=target,
        reason="Omdat het plan klaar is.",
        **extra,
    )
    if target in ALLOWED_TRANSITIONS[source]:
        call()
        trajectory.refresh_from_db()
        assert trajectory.phase == target
        change = PhaseChange.objects.filter(trajectory=trajectory).latest("changed_at")
        assert (change.from_phase, change.to_phase, change.reason) == (
            source,
            target,
            "Omdat het plan klaar is.",
        )
        assert change.changed_by == world.own_worker
        if target == Phase.CLOSED:
            assert trajectory.closed_at is not None and trajectory.close_reason == "Omdat het plan klaar is."
        assert PilotLight.objects.filter(trajectory=trajectory, ended_at__isnull=True).exists() == (
            target == Phase.PILOT_LIGHT
        )
    else:
        with pytest.raises(ValidationError) as exc:
            call()
        assert "to_phase" in exc.value.message_dict
        assert "kan niet" in exc.value.message_dict["to_phase"][0]
        trajectory.refresh_from_db()
        assert trajectory.phase == source
        assert PhaseChange.objects.filter(trajectory=trajectory).count() == before


def test_open_records_first_phase_and_contact_person(world, trajectory):
    assert trajectory.phase == Phase.EXPLORING
    assert trajectory.team == world.team
    assert trajectory.contact_person == world.own_worker
    first = trajectory.phase_changes.get()
    assert (first.from_phase, first.to_phase) == ("", "verkennen")
    assert Involvement.objects.get(household=world.household, user=world.own_worker).kind == "aanspreekpunt"
    entry = AccessLogEntry.objects.filter(part="traject", action="create").latest("id")
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}


def test_second_open_trajectory_is_refused(world, trajectory):
    with pytest.raises(ValidationError) as exc:
        services.open_trajectory(actor=actor_for(world.colleague), household_id=world.household.id)
    assert "al een open traject" in exc.value.message_dict["household"][0]
    assert Trajectory.objects.filter(household=world.household).count() == 1


def test_closed_household_can_get_a_new_trajectory(world, trajectory):
    services.change_phase(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        expected_version=1,
        to_phase="afgesloten",
        reason="Vraag beantwoord.",
    )
    again = services.open_trajectory(actor=actor_for(world.colleague), household_id=world.household.id)
    assert again.contact_person == world.colleague


@pytest.mark.parametrize("reason", ["", "   "])
def test_closing_needs_a_reason(world, trajectory, reason):
    with pytest.raises(ValidationError) as exc:
        services.change_phase(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            expected_version=1,
            to_phase="afgesloten",
            reason=reason,
        )
    assert exc.value.message_dict["reason"] == ["Schrijf op waarom u het traject afsluit."]
    trajectory.refresh_from_db()
    assert trajectory.phase == "verkennen" and trajectory.closed_at is None


def test_every_change_needs_a_reason(world, trajectory):
    with pytest.raises(ValidationError) as exc:
        services.change_phase(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            expected_version=1,
            to_phase="plan",
            reason="",
        )
    assert "reason" in exc.value.message_dict


@pytest.mark.parametrize(
    ("number", "unit", "field"),
    [
        (None, "weken", "cadence_number"),
        (0, "weken", "cadence_number"),
        (13, "maanden", "cadence_number"),
        (6, "jaren", "cadence_unit"),
        (6, None, "cadence_unit"),
    ],
)
def test_pilot_light_needs_a_sensible_cadence(world, trajectory, number, unit, field):
    trajectory = _reach(world, trajectory, Phase.HELP)
    with pytest.raises(ValidationError) as exc:
        services.change_phase(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            expected_version=trajectory.version,
            to_phase="waakvlam",
            reason="Doelen gehaald.",
            cadence_number=number,
            cadence_unit=unit,
        )
    assert field in exc.value.message_dict
    assert not PilotLight.objects.exists()


def test_reactivation_goes_to_help_without_new_intake(world, trajectory):
    trajectory = _reach(world, trajectory, Phase.PILOT_LIGHT)
    pilot = PilotLight.objects.get(trajectory=trajectory)
    services.reactivate(
        actor=actor_for(world.colleague), trajectory_id=trajectory.id, expected_version=trajectory.version
    )
    trajectory.refresh_from_db()
    assert trajectory.phase == "hulp"
    assert Trajectory.objects.filter(household=world.household).count() == 1  # same file, no new trajectory
    change = trajectory.phase_changes.latest("changed_at")
    assert (change.from_phase, change.to_phase) == ("waakvlam", "hulp")
    assert change.reason == services.REACTIVATION_REASON
    pilot.refresh_from_db()
    assert pilot.ended_at is not None


def test_reactivation_only_from_pilot_light_or_allowed(world, trajectory):
    with pytest.raises(ValidationError):
        services.reactivate(
            actor=actor_for(world.own_worker), trajectory_id=trajectory.id, expected_version=1
        )


def test_stale_version_is_a_conflict_and_changes_nothing(world, trajectory):
    services.change_phase(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        expected_version=1,
        to_phase="plan",
        reason="Plan maken.",
    )
    with pytest.raises(VersionConflict):
        services.change_phase(
            actor=actor_for(world.colleague),
            trajectory_id=trajectory.id,
            expected_version=1,
            to_phase="afgesloten",
            reason="Dubbel.",
        )
    trajectory.refresh_from_db()
    assert trajectory.phase == "plan" and trajectory.version == 2


def test_close_guard_can_block_closing(world, trajectory):
    def open_safety_track(t):
        raise ValidationError({"to_phase": "Er loopt nog een veiligheidsspoor."})

    guards.register_close_guard("test-safety", open_safety_track)
    try:
        with pytest.raises(ValidationError) as exc:
            services.change_phase(
                actor=actor_for(world.own_worker),
                trajectory_id=trajectory.id,
                expected_version=1,
                to_phase="afgesloten",
                reason="Klaar.",
            )
        assert exc.value.message_dict["to_phase"] == ["Er loopt nog een veiligheidsspoor."]
        trajectory.refresh_from_db()
        assert trajectory.phase == "verkennen"
        # Other changes are not guarded.
        services.change_phase(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            expected_version=1,
            to_phase="plan",
            reason="Verder.",
        )
    finally:
        guards.unregister_close_guard("test-safety")


@pytest.mark.parametrize(
    "persona",
    [
        "other_team_worker",
        "other_municipality_worker",
        "policy",
        "department_worker",
        "admin",
        "privacy",
        "coordinator",
    ],
)
def test_outsiders_cannot_change_phase_and_are_logged(world, trajectory, persona):
    from stevig.core.errors import AccessDenied

    user = getattr(world, persona)
    with pytest.raises(AccessDenied):
        services.change_phase(
            actor=actor_for(user),
            trajectory_id=trajectory.id,
            expected_version=1,
            to_phase="plan",
            reason="x",
        )
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert (entry.action, entry.outcome, entry.part) == ("update", "denied", "fase")
    trajectory.refresh_from_db()
    assert trajectory.phase == "verkennen"

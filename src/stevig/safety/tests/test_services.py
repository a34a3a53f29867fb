"""The Meldcode track as a service: steps in order, the afwegingskader at step 4/5, the decision, the
Veilig Thuis clock, and the team staying involved (trajectory guards)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.people.models import Involvement
from stevig.safety import services
from stevig.safety.models import NamedColleague, Status, StepRecord
from stevig.safety.tests.conftest import TODAY, actor_for, walk
from stevig.trajectories import services as trajectory_services

pytestmark = pytest.mark.django_db


def _weigh(track, user, **answers):
    track.refresh_from_db()
    return services.weigh(
        actor=actor_for(user),
        track_id=track.id,
        expected_version=track.version,
        done_on=TODAY,
        notes="gewogen",
        suspicion=answers.get("q1"),
        unsafe=answers.get("q2"),
    )


def _decide(track, user, outcome, **kwargs):
    track.refresh_from_db()
    return services.decide(
        actor=actor_for(user),
        track_id=track.id,
        expected_version=track.version,
        done_on=TODAY,
        notes="besloten",
        outcome=outcome,
        **kwargs,
    )


def test_opening_names_the_opener_and_logs_with_purpose(world, trajectory):
    track = services.open_track(
        actor=actor_for(world.colleague),
        trajectory_id=trajectory.id,
        source="veilig_thuis",
        source_note="Signaal VT 12-02, kenmerk 123",
    )
    assert NamedColleague.objects.filter(track=track, user=world.colleague).exists()
    assert Involvement.objects.filter(
        household=world.household, user=world.colleague, ended_at__isnull=True
    ).exists()
    row = AccessLogEntry.objects.filter(object_id=str(track.id), action="create").get()
    assert row.purpose == "veiligheid (Meldcode)" and row.part == "veiligheid"
    assert str(world.child.id) in row.resident_ids


def test_signal_from_veilig_thuis_needs_its_content(world, trajectory):
    with pytest.raises(ValidationError) as exc:
        services.open_track(
            actor=actor_for(world.own_worker), trajectory_id=trajectory.id, source="veilig_thuis"
        )
    assert "source_note" in exc.value.message_dict


def test_one_open_track_per_trajectory(world, track):
    with pytest.raises(ValidationError) as exc:
        services.open_track(
            actor=actor_for(world.own_worker), trajectory_id=track.trajectory_id, source="signalen"
        )
    assert "al een veiligheidsspoor" in exc.value.message_dict["trajectory"][0]


@pytest.mark.parametrize("number", [2, 3])
def test_a_step_cannot_be_skipped(world, track, number):
    with pytest.raises(ValidationError) as exc:
        services.record_step(
            actor=actor_for(world.own_worker),
            track_id=track.id,
            expected_version=track.version,
            number=number,
            done_on=TODAY,
            notes="x",
            colleague_consulted="Fleur",
        )
    assert exc.value.message_dict["number"] == [
        "Sla geen stap over. Leg eerst stap 1 vast: signalen in kaart brengen."
    ]
    assert not StepRecord.objects.exists()


def test_weighing_before_step_3_is_refused(world, track):
    walk(track, world.own_worker, to=2)
    with pytest.raises(ValidationError) as exc:
        _weigh(track, world.own_worker, q1=True, q2=True)
    assert "stap 3" in exc.value.message_dict["number"][0]


def test_step_2_needs_a_colleague_or_veilig_thuis(world, track):
    walk(track, world.own_worker, to=1)
    track.refresh_from_db()
    kwargs = {
        "actor": actor_for(world.own_worker),
        "track_id": track.id,
        "number": 2,
        "done_on": TODAY,
        "notes": "x",
    }
    with pytest.raises(ValidationError) as exc:
        services.record_step(expected_version=track.version, **kwargs)
    assert "colleague_consulted" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.record_step(expected_version=track.version, veilig_thuis_consulted=True, **kwargs)
    assert "veilig_thuis_advice" in exc.value.message_dict
    record = services.record_step(
        expected_version=track.version,
        veilig_thuis_consulted=True,
        veilig_thuis_advice="Eerst gesprek, dan opnieuw bellen.",
        **kwargs,
    )
    assert record.veilig_thuis_consulted and record.colleague_consulted == ""


def test_step_3_may_be_left_out_only_for_safety_with_a_reason(world, track):
    walk(track, world.own_worker, to=2)
    track.refresh_from_db()
    kwargs = {"actor": actor_for(world.own_worker), "track_id": track.id, "done_on": TODAY}
    with pytest.raises(ValidationError) as exc:
        services.record_step(
            expected_version=track.version, number=3, notes="", not_done_for_safety=True, **kwargs
        )
    assert "veiligheid in gevaar" in exc.value.message_dict["notes"][0]
    record = services.record_step(
        expected_version=track.version,
        number=3,
        notes="Vader wordt agressief als hij het hoort.",
        not_done_for_safety=True,
        **kwargs,
    )
    assert record.not_done_for_safety
    _weigh(track, world.own_worker, q1=True, q2=False)  # the next step is possible now


def test_step_date_not_before_the_previous_step_nor_in_the_future(world, track):
    walk(track, world.own_worker, to=1)
    track.refresh_from_db()
    for day in (TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as exc:
            services.record_step(
                actor=actor_for(world.own_worker),
                track_id=track.id,
                expected_version=track.version,
                number=2,
                done_on=day,
                notes="x",
                colleague_consulted="Fleur",
            )
        assert "done_on" in exc.value.message_dict


def test_weighing_asks_question_2_after_a_yes_on_question_1(world, track):
    walk(track, world.own_worker, to=3)
    with pytest.raises(ValidationError) as exc:
        _weigh(track, world.own_worker, q1=True)
    assert exc.value.message_dict == {"q2": ["Beantwoord deze vraag met ja of nee."]}
    with pytest.raises(ValidationError) as exc:
        _weigh(track, world.own_worker, q2=True)
    assert "q2" in exc.value.message_dict and "q1" in exc.value.message_dict


def test_acute_unsafety_makes_reporting_required(world, track):
    walk(track, world.own_worker, to=3)
    _weigh(track, world.own_worker, q1=True, q2=True)
    with pytest.raises(ValidationError) as exc:
        _decide(track, world.own_worker, "hulp")
    assert exc.value.message_dict["outcome"] == [
        "Melden is verplicht volgens het afwegingskader. Kies een besluit met melden."
    ]
    with pytest.raises(ValidationError) as exc:
        _decide(track, world.own_worker, "melden")
    assert "reported_on" in exc.value.message_dict
    # Reported on Friday 27 February 2026: Veilig Thuis assesses within 5 working days → Friday 6 March.
    decided = _decide(track, world.own_worker, "beide", reported_on=dt.date(2026, 2, 27))
    assert decided.status == Status.REPORTED and decided.veilig_thuis_due == dt.date(2026, 3, 6)


def test_a_report_decision_needs_the_afwegingskader_answers(world, track):
    walk(track, world.own_worker, to=3)
    _weigh(track, world.own_worker, q1=True, q2=False)
    with pytest.raises(ValidationError) as exc:
        _decide(track, world.own_worker, "melden", reported_on=TODAY)
    assert exc.value.message_dict["q3"] == ["Beantwoord deze vraag met ja of nee."]


@pytest.mark.parametrize(
    ("q3", "q4", "q5", "outcome", "status"),
    [
        (False, None, None, "melden", Status.REPORTED),
        (True, False, None, "melden", Status.REPORTED),
        (True, True, False, "beide", Status.REPORTED),
        (True, True, True, "hulp", Status.CLOSED),
    ],
)
def test_decisions_at_step_5(world, track, q3, q4, q5, outcome, status):
    walk(track, world.own_worker, to=3)
    _weigh(track, world.own_worker, q1=True, q2=False)
    decided = _decide(
        track,
        world.own_worker,
        outcome,
        help_possible=q3,
        help_accepted=q4,
        lasting_safety=q5,
        reported_on=TODAY if outcome != "hulp" else None,
    )
    assert decided.status == status and decided.outcome == outcome
    assert decided.q3_help_possible is q3


def test_no_suspicion_closes_with_neither_and_a_reason(world, track):
    walk(track, world.own_worker, to=3)
    _weigh(track, world.own_worker, q1=False)
    with pytest.raises(ValidationError) as exc:
        _decide(track, world.own_worker, "geen")
    assert "outcome_reason" in exc.value.message_dict
    with pytest.raises(ValidationError):
        _decide(track, world.own_worker, "melden", reported_on=TODAY)
    decided = _decide(track, world.own_worker, "geen", outcome_reason="Blauwe plek kwam van voetbal.")
    assert decided.status == Status.CLOSED and decided.closed_at is not None


def test_veilig_thuis_follow_up_closes_the_track(world, track):
    walk(track, world.own_worker, to=3)
    _weigh(track, world.own_worker, q1=True, q2=True)
    _decide(track, world.own_worker, "melden", reported_on=TODAY)
    track.refresh_from_db()
    with pytest.raises(ValidationError):
        services.record_follow_up(
            actor=actor_for(world.own_worker),
            track_id=track.id,
            expected_version=track.version,
            follow_up_on=TODAY,
            follow_up="",
        )
    done = services.record_follow_up(
        actor=actor_for(world.own_worker),
        track_id=track.id,
        expected_version=track.version,
        follow_up_on=TODAY,
        follow_up="Veilig Thuis doet onderzoek; het team blijft de hulp bieden.",
    )
    assert done.status == Status.CLOSED


def test_stale_version_is_a_conflict(world, track):
    from stevig.core.errors import VersionConflict

    with pytest.raises(VersionConflict):
        services.record_step(
            actor=actor_for(world.own_worker),
            track_id=track.id,
            expected_version=track.version + 5,
            number=1,
            done_on=TODAY,
            notes="x",
        )
    assert not StepRecord.objects.exists()


# --- The team stays involved ---------------------------------------------------------------------------


def test_open_track_blocks_closing_waakvlam_and_hand_over(world, track):
    from stevig.trajectories.tests.conftest import move_to

    trajectory = track.trajectory
    with pytest.raises(ValidationError) as exc:
        move_to(trajectory, world.own_worker, "afgesloten")
    assert "veiligheidsspoor" in exc.value.message_dict["to_phase"][0]
    trajectory = move_to(trajectory, world.own_worker, "plan", "hulp")
    with pytest.raises(ValidationError) as exc:
        move_to(trajectory, world.own_worker, "waakvlam")
    assert "waakvlam" in exc.value.message_dict["to_phase"][0]
    trajectory.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        trajectory_services.hand_over(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            expected_version=trajectory.version,
            contact_person_id=world.other_team_worker.id,
            reason="Verhuisd naar Zuid",
        )
    assert "draagt niet over" in exc.value.message_dict["contact_person"][0]
    trajectory.refresh_from_db()
    assert trajectory.phase == "hulp" and trajectory.contact_person_id == world.own_worker.id


def test_reported_track_still_blocks_until_veilig_thuis_answers(world, track):
    from stevig.trajectories.tests.conftest import move_to

    walk(track, world.own_worker, to=3)
    _weigh(track, world.own_worker, q1=True, q2=True)
    _decide(track, world.own_worker, "melden", reported_on=TODAY)
    with pytest.raises(ValidationError):
        move_to(track.trajectory, world.own_worker, "afgesloten")


def test_closed_track_lets_the_trajectory_close(world, track):
    from stevig.trajectories.tests.conftest import move_to

    walk(track, world.own_worker, to=3)
    _weigh(track, world.own_worker, q1=False)
    _decide(track, world.own_worker, "geen", outcome_reason="Geen vermoeden na gesprek.")
    assert move_to(track.trajectory, world.own_worker, "afgesloten").phase == "afgesloten"


def test_naming_a_colleague_involves_them(world, track):
    services.name_colleague(
        actor=actor_for(world.own_worker), track_id=track.id, user_id=world.other_team_worker.id
    )
    assert Involvement.objects.filter(household=world.household, user=world.other_team_worker).exists()
    with pytest.raises(ValidationError):
        services.name_colleague(
            actor=actor_for(world.own_worker), track_id=track.id, user_id=world.other_team_worker.id
        )
    with pytest.raises(ValidationError):
        services.name_colleague(actor=actor_for(world.own_worker), track_id=track.id, user_id=world.policy.id)


def test_risk_per_member(world, track):
    rows = services.set_risks(
        actor=actor_for(world.own_worker),
        track_id=track.id,
        expected_version=track.version,
        risks={world.child.id: ("zorgen", "Bang om naar huis te gaan"), world.parent.id: ("geen", "")},
    )
    assert {r.resident_id: r.level for r in rows} == {world.child.id: "zorgen", world.parent.id: "geen"}
    track.refresh_from_db()
    with pytest.raises(ValidationError):
        services.set_risks(
            actor=actor_for(world.own_worker),
            track_id=track.id,
            expected_version=track.version,
            risks={world.child.id: ("heel erg", "")},
        )

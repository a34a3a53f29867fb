"""Basic help, contacts, consultations, the pilot light, involvement, expertise suggestions, timeline, figures."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from stevig.audit.models import AccessLogEntry
from stevig.core.errors import AccessDenied, VersionConflict
from stevig.patterns.services import refresh
from stevig.people.models import Involvement
from stevig.people.selectors import households_visible_to
from stevig.testing import factories as f
from stevig.trajectories import figures, selectors, services, timeline
from stevig.trajectories.models import BasicHelp, Consultation, Contact, PilotLight, Trajectory, add_cadence
from stevig.trajectories.tests.conftest import actor_for, move_to

pytestmark = pytest.mark.django_db

D = dt.date


def help_kwargs(**overrides):
    base = {
        "kind": "advies",
        "provided_by_id": None,
        "intensity": "licht",
        "duration": "kort",
        "start_date": D(2026, 3, 2),
        "evaluation_date": D(2026, 4, 13),
        "description": "Meedenken over de post.",
    }
    return {**base, **overrides}


# --- Basic help ------------------------------------------------------------------------------------------


def test_basic_help_is_registered_without_a_decision(world, trajectory):
    row = services.add_basic_help(
        actor=actor_for(world.own_worker), trajectory_id=trajectory.id, **help_kwargs()
    )
    assert (row.kind, row.intensity, row.duration, row.provided_by) == (
        "advies",
        "licht",
        "kort",
        world.own_worker,
    )
    assert row.evaluated_on_time is None
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.action, entry.outcome, entry.part, entry.object_id) == (
        "create",
        "allowed",
        "basishulp",
        str(row.id),
    )
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}


@pytest.mark.parametrize("reason", ["", "  "])
def test_creative_custom_solution_needs_a_reason(world, trajectory, reason):
    with pytest.raises(ValidationError) as exc:
        services.add_basic_help(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            **help_kwargs(kind="maatwerk", reason=reason),
        )
    assert "maatwerkoplossing" in exc.value.message_dict["reason"][0]
    assert not BasicHelp.objects.exists()


def test_creative_custom_solution_with_reason_is_kept(world, trajectory):
    row = services.add_basic_help(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        **help_kwargs(kind="maatwerk", reason="Fiets om naar werk te gaan."),
    )
    assert row.reason == "Fiets om naar werk te gaan."


def test_evaluation_date_before_start_is_refused(world, trajectory):
    with pytest.raises(ValidationError) as exc:
        services.add_basic_help(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            **help_kwargs(evaluation_date=D(2026, 3, 1)),
        )
    assert exc.value.message_dict["evaluation_date"] == [
        "De evaluatiedatum ligt voor de startdatum. Kies een latere datum."
    ]
    assert not BasicHelp.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("kind", "indicatie"), ("intensity", "zwaar"), ("duration", "eeuwig")]
)
def test_basic_help_unknown_choices_are_refused(world, trajectory, field, value):
    with pytest.raises(ValidationError) as exc:
        services.add_basic_help(
            actor=actor_for(world.own_worker), trajectory_id=trajectory.id, **help_kwargs(**{field: value})
        )
    assert field in exc.value.message_dict


def test_provider_must_be_a_colleague_in_this_municipality(world, trajectory):
    with pytest.raises(ValidationError) as exc:
        services.add_basic_help(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            **help_kwargs(provided_by_id=world.other_municipality_worker.id),
        )
    assert "provided_by" in exc.value.message_dict


@time_machine.travel(dt.datetime(2026, 5, 1, 10, 0, tzinfo=dt.UTC), tick=False)
def test_evaluation_on_time_and_late(world, trajectory):
    actor = actor_for(world.own_worker)
    on_time = services.add_basic_help(actor=actor, trajectory_id=trajectory.id, **help_kwargs())
    late = services.add_basic_help(actor=actor, trajectory_id=trajectory.id, **help_kwargs(kind="financien"))
    services.evaluate_basic_help(
        actor=actor, help_id=on_time.id, expected_version=1, evaluated_at=D(2026, 4, 13)
    )
    services.evaluate_basic_help(
        actor=actor, help_id=late.id, expected_version=1, evaluated_at=D(2026, 4, 20), note="Gaat goed."
    )
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert on_time.evaluated_on_time is True
    assert late.evaluated_on_time is False and late.evaluation_note == "Gaat goed."
    with pytest.raises(VersionConflict):
        services.evaluate_basic_help(
            actor=actor, help_id=late.id, expected_version=1, evaluated_at=D(2026, 4, 21)
        )
    with pytest.raises(ValidationError) as exc:
        services.evaluate_basic_help(
            actor=actor, help_id=late.id, expected_version=2, evaluated_at=D(2026, 6, 1)
        )
    assert "evaluated_at" in exc.value.message_dict


@time_machine.travel(dt.datetime(2026, 4, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_evaluations_due_selector(world, trajectory):
    actor = actor_for(world.own_worker)
    overdue = services.add_basic_help(actor=actor, trajectory_id=trajectory.id, **help_kwargs())
    services.add_basic_help(
        actor=actor, trajectory_id=trajectory.id, **help_kwargs(evaluation_date=D(2026, 6, 1))
    )
    rows = list(selectors.evaluations_due_for(world.own_worker, D(2026, 4, 30)))
    assert [(r.id, r.overdue) for r in rows] == [(overdue.id, True)]
    assert (
        list(selectors.evaluations_due_for(world.colleague, D(2026, 4, 30))) == []
    )  # not their contact person
    assert len(selectors.evaluations_due_for(world.colleague, D(2026, 4, 30), team=True)) == 1
    assert list(selectors.evaluations_due_for(world.other_team_worker, D(2026, 4, 30), team=True)) == []


# --- Contacts -------------------------------------------------------------------------------------------


def test_contact_is_recorded_with_whom(world, trajectory):
    contact = services.record_contact(
        actor=actor_for(world.colleague),
        trajectory_id=trajectory.id,
        kind="huisbezoek",
        contact_date=D(2026, 1, 5),
        summary="Keukentafelgesprek.",
        resident_ids=[world.parent.id],
        with_others="oma",
    )
    assert list(contact.residents.all()) == [world.parent]
    assert contact.pilot_light_due is None
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.part, entry.action, entry.object_type) == ("contact", "create", "contact")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "brief"}, "kind"),
        ({"summary": "  "}, "summary"),
        ({"contact_date": D(2999, 1, 1)}, "contact_date"),
        ({"resident_ids": [], "with_others": ""}, "residents"),
    ],
)
def test_contact_bad_input(world, trajectory, changes, field):
    kwargs = {
        "kind": "telefoon",
        "contact_date": D(2026, 1, 5),
        "summary": "Gebeld.",
        "resident_ids": [world.parent.id],
    }
    with pytest.raises(ValidationError) as exc:
        services.record_contact(
            actor=actor_for(world.own_worker), trajectory_id=trajectory.id, **{**kwargs, **changes}
        )
    assert field in exc.value.message_dict
    assert not Contact.objects.exists()


def test_contact_with_someone_outside_the_household_is_refused(world, trajectory):
    stranger = f.ResidentFactory(municipality=world.municipality)
    with pytest.raises(ValidationError) as exc:
        services.record_contact(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            kind="telefoon",
            contact_date=D(2026, 1, 5),
            summary="x",
            resident_ids=[stranger.id],
        )
    assert "residents" in exc.value.message_dict


def test_nothing_is_added_to_a_closed_trajectory(world, trajectory):
    move_to(trajectory, world.own_worker, "afgesloten")
    with pytest.raises(ValidationError) as exc:
        services.record_contact(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            kind="telefoon",
            contact_date=D(2026, 1, 5),
            summary="x",
            resident_ids=[world.parent.id],
        )
    assert "afgesloten" in exc.value.messages[0]


# --- Pilot light ----------------------------------------------------------------------------------------


def test_add_cadence():
    assert add_cadence(D(2026, 1, 31), 1, "maanden") == D(2026, 2, 28)
    assert add_cadence(D(2026, 11, 15), 3, "maanden") == D(2027, 2, 15)
    assert add_cadence(D(2026, 1, 1), 6, "weken") == D(2026, 2, 12)
    assert add_cadence(D(2026, 1, 1), 10, "dagen") == D(2026, 1, 11)


def test_pilot_light_due_missed_and_moved_by_contacts(world, trajectory):
    with time_machine.travel(dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        trajectory = move_to(trajectory, world.own_worker, "plan", "hulp", "waakvlam")  # every 6 weeks
        pilot = PilotLight.objects.get(trajectory=trajectory, ended_at__isnull=True)
        assert (pilot.started_on, pilot.next_due) == (D(2026, 1, 1), D(2026, 2, 12))
        assert list(selectors.pilot_light_due_for(world.own_worker, D(2026, 1, 31))) == []

    with time_machine.travel(dt.datetime(2026, 2, 5, 9, 0, tzinfo=dt.UTC), tick=False):
        due = list(selectors.pilot_light_due_for(world.own_worker, D(2026, 2, 19)))
        assert [(p.id, p.missed) for p in due] == [(pilot.id, False)]
        assert list(selectors.pilot_light_missed_for(world.own_worker)) == []
        # Colleagues see it only on the team list; other teams never.
        assert list(selectors.pilot_light_due_for(world.colleague, D(2026, 2, 19))) == []
        assert len(selectors.pilot_light_due_for(world.colleague, D(2026, 2, 19), team=True)) == 1
        assert list(selectors.pilot_light_due_for(world.other_team_worker, D(2026, 2, 19), team=True)) == []

    with time_machine.travel(dt.datetime(2026, 2, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        missed = list(selectors.pilot_light_missed_for(world.own_worker))
        assert [(p.id, p.missed) for p in missed] == [(pilot.id, True)]
        contact = services.record_contact(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            kind="telefoon",
            contact_date=D(2026, 2, 20),
            summary="Even gebeld, het gaat goed.",
            resident_ids=[world.parent.id],
        )
        assert contact.pilot_light_due == D(2026, 2, 12)  # answered late
        pilot.refresh_from_db()
        assert (pilot.last_contact_on, pilot.next_due) == (D(2026, 2, 20), D(2026, 4, 3))
        assert list(selectors.pilot_light_missed_for(world.own_worker)) == []
        # An older contact recorded afterwards does not move the date back.
        services.record_contact(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            kind="digitaal",
            contact_date=D(2026, 2, 10),
            summary="Mail.",
            resident_ids=[world.parent.id],
        )
        pilot.refresh_from_db()
        assert pilot.next_due == D(2026, 4, 3)

    with time_machine.travel(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        services.change_cadence(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            expected_version=pilot.version,
            cadence_number=3,
            cadence_unit="maanden",
        )
        pilot.refresh_from_db()
        assert pilot.next_due == D(2026, 5, 20)
        trajectory.refresh_from_db()
        services.reactivate(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            expected_version=trajectory.version,
        )
        assert list(selectors.pilot_light_due_for(world.own_worker, D(2027, 1, 1))) == []


# --- Consultations and referrals ------------------------------------------------------------------------


def test_consultation_records_question_and_advice(world, trajectory, tags):
    row = services.record_consultation(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        kind="consultatie",
        area_id=tags["LVB"].id,
        consulted="LVB-consulent MEE",
        consultation_date=D(2026, 1, 10),
        question="Hoe leg ik dit uit?",
        advice="Gebruik plaatjes.",
    )
    assert (row.area, row.advice, row.follow_up_date) == (tags["LVB"], "Gebruik plaatjes.", None)


def test_referral_keeps_the_team_as_contact_and_needs_follow_up(world, trajectory, tags):
    actor = actor_for(world.own_worker)
    base = {
        "kind": "verwijzing",
        "area_id": tags["GGZ"].id,
        "consulted": "GGZ-instelling",
        "consultation_date": D(2026, 1, 10),
        "question": "Behandeling nodig voor moeder.",
    }
    with pytest.raises(ValidationError) as exc:
        services.record_consultation(actor=actor, trajectory_id=trajectory.id, **base)
    assert "Het team blijft het aanspreekpunt" in exc.value.message_dict["follow_up_date"][0]
    with pytest.raises(ValidationError) as exc:
        services.record_consultation(
            actor=actor, trajectory_id=trajectory.id, follow_up_date=D(2026, 1, 1), **base
        )
    assert "follow_up_date" in exc.value.message_dict
    services.record_consultation(
        actor=actor, trajectory_id=trajectory.id, follow_up_date=D(2026, 2, 10), **base
    )
    trajectory.refresh_from_db()
    assert trajectory.contact_person == world.own_worker and trajectory.phase == "verkennen"
    assert Consultation.objects.get().kind == "verwijzing"


def test_consultation_area_of_another_municipality_is_refused(world, trajectory):
    from stevig.tenancy.models import ExpertiseTag

    foreign = ExpertiseTag.objects.create(municipality=world.other_municipality, name="GGZ")
    with pytest.raises(ValidationError) as exc:
        services.record_consultation(
            actor=actor_for(world.own_worker),
            trajectory_id=trajectory.id,
            kind="consultatie",
            area_id=foreign.id,
            consulted="x",
            consultation_date=D(2026, 1, 10),
            question="?",
        )
    assert "area" in exc.value.message_dict


def test_expertise_suggestions_come_from_the_team(world, trajectory, tags):
    world.colleague.expertise.add(tags["schulden"], tags["GGZ"])
    world.team_lead.expertise.add(tags["opvoeding"])
    world.other_team_worker.expertise.add(tags["schulden"])  # other team: never suggested
    services.set_expertise_needed(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        expected_version=1,
        tag_ids=[tags["schulden"].id],
    )
    trajectory.refresh_from_db()
    suggestions = selectors.expertise_suggestions(trajectory)
    assert [(s.user, [t.name for t in s.matching]) for s in suggestions] == [(world.colleague, ["schulden"])]
    services.record_consultation(
        actor=actor_for(world.own_worker),
        trajectory_id=trajectory.id,
        kind="consultatie",
        area_id=tags["opvoeding"].id,
        consulted="JGZ",
        consultation_date=D(2026, 1, 2),
        question="?",
    )
    names = {s.user.username for s in selectors.expertise_suggestions(trajectory)}
    assert names == {"collega", "teamleider"}


# --- Involvement ----------------------------------------------------------------------------------------


def test_add_involved_professional_gives_access(world, trajectory):
    assert not households_visible_to(world.other_team_worker).filter(id=world.household.id).exists()
    services.add_involved_professional(
        actor=actor_for(world.own_worker), trajectory_id=trajectory.id, user_id=world.other_team_worker.id
    )
    assert (
        Involvement.objects.get(household=world.household, user=world.other_team_worker).kind == "betrokken"
    )
    assert households_visible_to(world.other_team_worker).filter(id=world.household.id).exists()
    with pytest.raises(ValidationError):
        services.add_involved_professional(
            actor=actor_for(world.own_worker), trajectory_id=trajectory.id, user_id=world.other_team_worker.id
        )
    for outsider in ("policy", "other_municipality_worker"):
        with pytest.raises(ValidationError):
            services.add_involved_professional(
                actor=actor_for(world.own_worker),
                trajectory_id=trajectory.id,
                user_id=getattr(world, outsider).id,
            )


# --- Timeline -------------------------------------------------------------------------------------------


def test_timeline_has_every_registered_source_newest_first(world, trajectory, tags):
    actor = actor_for(world.own_worker)
    services.add_basic_help(
        actor=actor,
        trajectory_id=trajectory.id,
        **help_kwargs(start_date=D(2026, 1, 3), evaluation_date=D(2026, 2, 1)),
    )
    services.record_contact(
        actor=actor,
        trajectory_id=trajectory.id,
        kind="telefoon",
        contact_date=D(2026, 1, 4),
        summary="Gebeld.",
        resident_ids=[world.parent.id],
    )
    services.record_consultation(
        actor=actor,
        trajectory_id=trajectory.id,
        kind="verwijzing",
        area_id=tags["GGZ"].id,
        consulted="GGZ",
        consultation_date=D(2026, 1, 5),
        question="?",
        follow_up_date=D(2026, 2, 5),
    )

    def plan_versions(household, actor):
        return [
            timeline.TimelineItem(D(2026, 1, 6), "plan", "Gezinsplan versie 1 afgesproken", url="/plannen/x/")
        ]

    timeline.register("test.plans", plan_versions)
    try:
        items = selectors.household_timeline(actor=actor, household_id=world.household.id)
    finally:
        timeline.unregister("test.plans")
    kinds = [i.kind for i in items]
    dated = [i for i in items if i.kind != "fase"]
    assert [i.kind for i in dated] == ["plan", "verwijzing", "contact", "basishulp"]
    assert "fase" in kinds
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.part, entry.action) == ("tijdlijn", "read")
    with pytest.raises(AccessDenied):
        selectors.household_timeline(
            actor=actor_for(world.other_team_worker), household_id=world.household.id
        )
    assert AccessLogEntry.objects.latest("id").outcome == "denied"


# --- Figures --------------------------------------------------------------------------------------------


def _households(world, n):
    result = []
    for _ in range(n):
        household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
        f.add_member(household)
        result.append(household)
    return result


@time_machine.travel(dt.datetime(2026, 5, 1, 10, 0, tzinfo=dt.UTC), tick=False)
def test_figures_are_aggregated_and_small_groups_suppressed(world, trajectory):
    actor = actor_for(world.own_worker)
    Trajectory.objects.filter(id=trajectory.id).update(opened_at=timezone.now())  # the fixture ran before
    refresh(municipality_id=world.municipality.id)
    small = {x.key: x for x in selectors.figures_for(actor=actor_for(world.policy))}
    assert small["trajectories_with_basic_help"].suppressed
    assert small["trajectories_with_basic_help"].numerator is None
    ids = [trajectory.id] + [
        services.open_trajectory(actor=actor, household_id=h.id).id for h in _households(world, 11)
    ]
    for i, tid in enumerate(ids[:6]):  # 6 of 12 get basic help; 4 evaluated on time, 2 overdue
        row = services.add_basic_help(actor=actor, trajectory_id=tid, **help_kwargs())
        if i < 4:
            services.evaluate_basic_help(
                actor=actor, help_id=row.id, expected_version=1, evaluated_at=D(2026, 4, 10)
            )
    # Served from the summary tables: nothing changes until the background job has counted again.
    stale = {x.key: x for x in selectors.figures_for(actor=actor_for(world.policy))}
    assert stale["trajectories_with_basic_help"].suppressed
    refresh(municipality_id=world.municipality.id)
    result = selectors.figures_for(actor=actor_for(world.policy))
    assert result.refreshed_at is not None and str(result.period) == "2026"
    result = {x.key: x for x in result}
    assert result["trajectories_with_basic_help"].share == 0.5
    assert (
        result["trajectories_with_basic_help"].numerator,
        result["trajectories_with_basic_help"].denominator,
    ) == (6, 12)
    assert result["evaluations_on_time"].suppressed  # only 6 evaluations due: too few to show
    assert result["pilot_light_on_time"].suppressed
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.part, entry.outcome, entry.resident_ids) == ("cijfers", "allowed", [])


def test_figures_only_for_policy(world):
    for persona in ("own_worker", "team_lead", "admin", "privacy"):
        with pytest.raises(AccessDenied):
            selectors.figures_for(actor=actor_for(getattr(world, persona)))
        assert AccessLogEntry.objects.latest("id").outcome == "denied"


def test_figure_sources_can_be_registered(world):
    figures.register(
        "test.plans", lambda summaries, period: [figures.Figure.share_of("plans_with_network", "x", 7, 12)]
    )
    try:
        keys = {x.key: x for x in selectors.figures_for(actor=actor_for(world.policy))}
    finally:
        figures.unregister("test.plans")
    assert keys["plans_with_network"].share == round(7 / 12, 4)

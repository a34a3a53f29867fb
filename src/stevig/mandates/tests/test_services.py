"""Mandate request services: sending with a snapshot, terms in working days, the department's actions,
rejection and escalation, the coordinator's decision, the register entry, the access log."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.core.errors import AccessDenied, RoleDenied, VersionConflict
from stevig.datasharing.models import Disclosure
from stevig.datasharing.services import record_consent, withdraw_consent
from stevig.mandates import selectors, services
from stevig.mandates.models import MandateEvent, MandateRequest
from stevig.mandates.tests.conftest import SECRET, TODAY, actor_for, send
from stevig.people.selectors import households_visible_to
from stevig.trajectories.models import Phase

pytestmark = pytest.mark.django_db


def last(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


def test_send_copies_only_the_chosen_parts(world, case):
    r = send(world, case)
    snapshot = r.shared_content
    assert [p["naam"] for p in snapshot["inwoners"]] == ["Fatima El Amrani"]
    assert [s["leefgebied"] for s in snapshot["analyse"]] == ["financiën"]
    assert snapshot["plan"][0]["doel"] == "Rust over geld"
    assert snapshot["plan"][0]["acties"][0]["wat"] == "Betalingsregeling met de verhuurder"
    text = str(snapshot)
    assert SECRET not in text and "Minder ruzie" not in text and "Yusuf" not in text
    # The snapshot does not follow later changes to the file.
    case.debts.note = "Alles is opgelost"
    case.debts.save()
    r.refresh_from_db()
    assert "Huurschuld" in r.shared_content["analyse"][0]["toelichting"]
    assert r.status == "ontvangen" and r.sent_on == TODAY
    assert list(r.residents.all()) == [world.parent]
    assert MandateEvent.objects.filter(request=r, kind="verstuurd").count() == 1


def test_send_writes_the_register_and_the_access_log(world, case):
    r = send(world, case, score_ids=[case.debts.id, case.housing.id])
    disclosure = Disclosure.objects.get(source_type="mandaatverzoek", source_id=r.id)
    assert disclosure.recipient == "Schuldhulpverlening" and disclosure.department == world.department
    assert disclosure.legal_basis == "wmo_h5" and disclosure.recipient_kind == "vakafdeling"
    assert disclosure.categories == ["persoonsgegevens", "brede_analyse", "gezinsplan", "financien", "wonen"]
    assert list(disclosure.residents.all()) == [world.parent]
    rows = AccessLogEntry.objects.filter(user_id=world.own_worker.id, action="create").order_by("id")
    assert [(e.part, e.resident_ids) for e in rows] == [
        ("gegevensdeling", [str(world.parent.id)]),
        ("mandaatverzoek", [str(world.parent.id)]),
    ]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"ask": ""}, "ask"),
        ({"ask": "hulp"}, "ask"),
        ({"reason": "  "}, "reason"),
        ({"legal_basis": ""}, "legal_basis"),
        ({"legal_basis": "gewoon"}, "legal_basis"),
        ({"department_id": None}, "department"),
        ({"resident_ids": []}, "residents"),
        ({"urgency": "heel snel"}, "urgency"),
        ({"legal_basis": "toestemming"}, "consent"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(world, case, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        send(world, case, **kwargs)
    assert field in exc.value.message_dict
    assert (
        MandateRequest.objects.count() == 0
        and Disclosure.objects.count() == 0
        and MandateEvent.objects.count() == 0
    )


def test_parts_must_come_from_this_trajectory(world, case):
    from stevig.mandates.tests.conftest import build_case
    from stevig.testing import factories as f

    other = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    f.add_member(other)
    other_case = build_case(world, other)
    with pytest.raises(ValidationError) as exc:
        send(
            world,
            case,
            score_ids=[other_case.debts.id],
            goal_ids=[other_case.goal.id],
            resident_ids=[other_case.trajectory.household.memberships.first().resident_id],
        )
    assert {"scores", "goals", "residents"} <= set(exc.value.message_dict)


def test_old_analysis_scores_cannot_be_shared(world, case):
    from stevig.analysis.models import DomainScore

    old = DomainScore.objects.get(domain="werk_opleiding")
    with pytest.raises(ValidationError) as exc:
        send(world, case, score_ids=[old.id])
    assert "scores" in exc.value.message_dict


def test_department_of_other_municipality_is_refused(world, case):
    from stevig.testing import factories as f

    elsewhere = f.DepartmentFactory(municipality=world.other_municipality, name="Wonen Anderdorp")
    with pytest.raises(ValidationError) as exc:
        send(world, case, department=elsewhere)
    assert "department" in exc.value.message_dict


def test_closed_trajectory_is_refused(world, case):
    case.trajectory.phase = Phase.CLOSED
    case.trajectory.save()
    with pytest.raises(ValidationError) as exc:
        send(world, case)
    assert "trajectory" in exc.value.message_dict


def test_consent_basis(world, case):
    consent = record_consent(
        actor=actor_for(world.own_worker),
        household_id=world.household.id,
        resident_id=world.parent.id,
        given_on=TODAY,
        method="mondeling",
        purpose="Schuldhulp",
        categories=["persoonsgegevens", "brede_analyse", "gezinsplan", "financien"],
    )
    r = send(world, case, legal_basis="toestemming", consent_id=consent.id)
    assert r.consent == consent
    assert Disclosure.objects.get(source_id=r.id).consent == consent
    # Sharing health data is not covered by this consent.
    with pytest.raises(ValidationError) as exc:
        send(world, case, legal_basis="toestemming", consent_id=consent.id, score_ids=[case.secret.id])
    assert "gezondheid" in exc.value.message_dict["consent"][0]
    withdraw_consent(actor=actor_for(world.own_worker), consent_id=consent.id)
    with pytest.raises(ValidationError) as exc:
        send(world, case, legal_basis="toestemming", consent_id=consent.id)
    assert "ingetrokken" in exc.value.message_dict["consent"][0]
    assert MandateRequest.objects.count() == 1


@pytest.mark.parametrize("persona", ["department_worker", "policy", "admin", "privacy"])
def test_roles_that_never_send(world, case, persona):
    user = getattr(world, persona)
    with pytest.raises(RoleDenied):
        send(world, case, user=user)
    assert (last(user).outcome, last(user).part) == ("denied", "mandaatverzoek")
    assert MandateRequest.objects.count() == 0


@pytest.mark.parametrize("persona", ["other_team_worker", "other_municipality_worker", "coordinator"])
def test_outsiders_cannot_send(world, case, persona):
    user = getattr(world, persona)
    with pytest.raises(AccessDenied):
        send(world, case, user=user)
    assert last(user).outcome == "denied"


# --- Terms in Dutch working days --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "term", "due"),
    [
        (dt.date(2026, 3, 6), 10, dt.date(2026, 3, 20)),  # Friday: two weekends skipped
        (dt.date(2026, 3, 7), 1, dt.date(2026, 3, 9)),  # sent on a Saturday: Monday is day 1
        (dt.date(2026, 4, 24), 5, dt.date(2026, 5, 4)),  # King's Day (Monday 27 April) skipped
        (dt.date(2026, 12, 23), 5, dt.date(2026, 12, 31)),  # Christmas and the weekend skipped
        (dt.date(2026, 4, 2), 2, dt.date(2026, 4, 8)),  # Good Friday and Easter Monday skipped
    ],
)
def test_due_date_counts_working_days(world, case, clock, sent, term, due):
    world.department.response_term_working_days = term
    world.department.save()
    clock.move_to(dt.datetime.combine(sent, dt.time(10, 0), tzinfo=dt.UTC))
    r = send(world, case)
    assert (r.sent_on, r.term_working_days, r.due_on) == (sent, term, due)


def test_overdue_the_day_after_the_due_date_across_a_holiday(world, case, clock, wonen, wonen_worker):
    clock.move_to(dt.datetime(2026, 4, 24, 10, 0, tzinfo=dt.UTC))
    r = send(world, case, department=wonen)
    assert r.due_on == dt.date(2026, 5, 4)
    clock.move_to(dt.datetime(2026, 5, 4, 21, 0, tzinfo=dt.UTC))  # 23:00 in Amsterdam, still the due date
    assert not MandateRequest.objects.get(id=r.id).is_overdue
    assert list(selectors.needing_attention_for(world.own_worker)) == []
    clock.move_to(dt.datetime(2026, 5, 5, 7, 0, tzinfo=dt.UTC))  # 5 May: a holiday, but a day late
    assert MandateRequest.objects.get(id=r.id).is_overdue
    assert [x.id for x in selectors.needing_attention_for(world.own_worker)] == [r.id]
    assert [x.id for x in selectors.escalated_requests(world.coordinator)] == [r.id]
    assert next(iter(selectors.escalated_requests(world.coordinator))).overdue is True


def test_inbox_puts_overdue_first_then_urgent(world, case, clock):
    clock.move_to(dt.datetime(2026, 2, 2, 10, 0, tzinfo=dt.UTC))
    late = send(world, case, ask="Het oudste verzoek dat te laat is")
    clock.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC))
    normal = send(world, case, ask="Een gewoon verzoek van vandaag")
    urgent = send(world, case, ask="Een spoedverzoek van vandaag", urgency="spoed")
    page = selectors.inbox(actor=actor_for(world.department_worker))
    assert [r.id for r in page.rows] == [late.id, urgent.id, normal.id] and not page.has_next
    done = services.accept_request(
        actor=actor_for(world.department_worker), request_id=late.id, expected_version=1
    )
    services.complete_request(
        actor=actor_for(world.department_worker), request_id=done.id, expected_version=2, outcome="Gedaan"
    )
    page = selectors.inbox(actor=actor_for(world.department_worker))
    assert late.id not in [r.id for r in page.rows]


# --- The department's actions -----------------------------------------------------------------------------


def test_department_accepts_and_completes(world, case):
    r = send(world, case)
    dept = actor_for(world.department_worker)
    services.accept_request(actor=dept, request_id=r.id, expected_version=1)
    services.complete_request(
        actor=dept,
        request_id=r.id,
        expected_version=2,
        outcome="Beslag gestopt, betalingsregeling getroffen",
        deviation_reason="Geen volledige stop: een deel blijft ingehouden voor de huur",
    )
    r.refresh_from_db()
    assert r.status == "uitgevoerd" and r.handled_within_term is True and r.handled_on == TODAY
    assert r.deviation_reason.startswith("Geen volledige stop")
    assert list(r.events.values_list("kind", flat=True)) == ["verstuurd", "in_behandeling", "uitgevoerd"]
    rows = AccessLogEntry.objects.filter(user_id=world.department_worker.id).order_by("id")
    assert [(e.action, e.part) for e in rows] == [("update", "mandaatverzoek"), ("update", "mandaatverzoek")]
    assert all(e.resident_ids == [str(world.parent.id)] for e in rows)


def test_department_steps_in_order(world, case):
    r = send(world, case)
    dept = actor_for(world.department_worker)
    with pytest.raises(ValidationError) as exc:
        services.complete_request(actor=dept, request_id=r.id, expected_version=1, outcome="Klaar")
    assert "status" in exc.value.message_dict
    services.accept_request(actor=dept, request_id=r.id, expected_version=1)
    with pytest.raises(ValidationError):
        services.accept_request(actor=dept, request_id=r.id, expected_version=2)
    with pytest.raises(ValidationError) as exc:
        services.complete_request(actor=dept, request_id=r.id, expected_version=2, outcome=" ")
    assert "outcome" in exc.value.message_dict


def test_stale_version_is_a_conflict(world, case):
    r = send(world, case)
    dept = actor_for(world.department_worker)
    services.accept_request(actor=dept, request_id=r.id, expected_version=1)
    with pytest.raises(VersionConflict):
        services.reject_request(actor=dept, request_id=r.id, expected_version=1, reason="Niet voor ons")
    assert MandateRequest.objects.get(id=r.id).status == "in_behandeling"


def test_other_department_is_denied_and_logged(world, case, wonen_worker):
    r = send(world, case)
    with pytest.raises(AccessDenied):
        services.accept_request(actor=actor_for(wonen_worker), request_id=r.id, expected_version=1)
    entry = last(wonen_worker)
    assert (entry.outcome, entry.part, entry.object_id) == ("denied", "mandaatverzoek", str(r.id))
    assert entry.resident_ids == [str(world.parent.id)]


def test_worker_cannot_act_for_the_department(world, case):
    r = send(world, case)
    with pytest.raises(RoleDenied):
        services.accept_request(actor=actor_for(world.own_worker), request_id=r.id, expected_version=1)
    assert last(world.own_worker).outcome == "denied"


def test_rejection_goes_to_the_coordinator(world, case):
    r = send(world, case)
    assert not households_visible_to(world.coordinator).filter(id=world.household.id).exists()
    dept = actor_for(world.department_worker)
    with pytest.raises(ValidationError) as exc:
        services.reject_request(actor=dept, request_id=r.id, expected_version=1, reason="")
    assert "reason" in exc.value.message_dict
    services.reject_request(
        actor=dept, request_id=r.id, expected_version=1, reason="Valt niet onder onze regeling"
    )
    r.refresh_from_db()
    world.household.refresh_from_db()
    assert r.status == "afgewezen" and r.escalated_at is not None and r.handled_within_term is True
    assert world.household.escalated_at is not None
    assert households_visible_to(world.coordinator).filter(id=world.household.id).exists()
    dashboard = selectors.coordinator_dashboard(actor=actor_for(world.coordinator))
    assert [x.id for x in dashboard.escalated] == [r.id]
    assert [x.id for x in selectors.needing_attention_for(world.own_worker)] == [r.id]


# --- The coordinator ------------------------------------------------------------------------------------


def test_coordinator_decides_on_a_rejected_request(world, case, clock):
    from stevig.trajectories.selectors import household_timeline

    r = send(world, case)
    dept = actor_for(world.department_worker)
    services.reject_request(actor=dept, request_id=r.id, expected_version=1, reason="Niet voor ons")
    clock.move_to(dt.datetime(2026, 3, 6, 10, 0, tzinfo=dt.UTC))  # Friday
    coordinator = actor_for(world.coordinator)
    with pytest.raises(ValidationError) as exc:
        services.decide(actor=coordinator, request_id=r.id, expected_version=2, decision="")
    assert "decision" in exc.value.message_dict
    services.decide(
        actor=coordinator, request_id=r.id, expected_version=2, decision="De afdeling stopt het beslag nu."
    )
    r.refresh_from_db()
    assert r.status == "in_behandeling" and r.coordinator_decision.startswith("De afdeling")
    assert r.decided_by == world.coordinator
    assert r.due_on == dt.date(2026, 3, 20)  # a new term of 10 working days from the decision
    assert r.rejection_reason == "Niet voor ons"  # history is kept
    # The department must carry it out: no second rejection.
    with pytest.raises(ValidationError) as exc:
        services.reject_request(actor=dept, request_id=r.id, expected_version=3, reason="Toch niet")
    assert "coördinator" in exc.value.message_dict["status"][0]
    services.complete_request(actor=dept, request_id=r.id, expected_version=3, outcome="Beslag gestopt")
    items = household_timeline(actor=actor_for(world.own_worker), household_id=world.household.id)
    titles = [i.title for i in items if i.kind == "mandaat"]
    assert "Coördinator zette het mandaatverzoek aan Schuldhulpverlening door" in titles
    assert "Schuldhulpverlening wees het mandaatverzoek af" in titles
    assert "Schuldhulpverlening voerde het mandaatverzoek uit" in titles
    assert len(titles) == 4
    entry = last(world.coordinator)
    assert (entry.action, entry.part, entry.detail["doorgezet"]) == ("update", "mandaatverzoek", True)


def test_coordinator_decides_on_an_overdue_request(world, case, clock, wonen):
    r = send(world, case, department=wonen)  # due Monday 9 March
    coordinator = actor_for(world.coordinator)
    with pytest.raises(AccessDenied):  # not overdue yet: the coordinator does not even see it
        services.decide(actor=coordinator, request_id=r.id, expected_version=1, decision="Doen")
    clock.move_to(dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC))
    assert [x.id for x in selectors.coordinator_dashboard(actor=coordinator).escalated] == [r.id]
    services.decide(
        actor=coordinator, request_id=r.id, expected_version=1, decision="Wonen regelt de urgentie."
    )
    r.refresh_from_db()
    world.household.refresh_from_db()
    assert r.status == "in_behandeling" and r.handled_within_term is False
    assert r.due_on == dt.date(2026, 3, 17) and not r.is_overdue
    assert world.household.escalated_at is not None


@pytest.mark.parametrize("persona", ["own_worker", "team_lead", "department_worker"])
def test_only_the_coordinator_decides(world, case, persona):
    r = send(world, case)
    services.reject_request(
        actor=actor_for(world.department_worker), request_id=r.id, expected_version=1, reason="Nee"
    )
    user = getattr(world, persona)
    with pytest.raises(RoleDenied):
        services.decide(actor=actor_for(user), request_id=r.id, expected_version=2, decision="Doen")
    assert last(user).outcome == "denied"


def test_coordinator_dashboard_households(world, case, wonen):
    from stevig.testing import factories as f

    send(world, case)
    quiet = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    f.add_member(quiet)
    dashboard = selectors.coordinator_dashboard(actor=actor_for(world.coordinator))
    # Needs in financiën, huisvesting, geestelijke gezondheid (latest analysis, score <= 3), one department.
    [row] = dashboard.households
    assert row.household == world.household and row.domains == 3 and row.departments == 1
    assert row.may_open_file is False
    send(world, case, department=wonen)
    [row] = selectors.coordinator_dashboard(actor=actor_for(world.coordinator)).households
    assert row.departments == 2 and row.department_names == ["Schuldhulpverlening", "Wonen"]
    entry = last(world.coordinator)
    assert (entry.action, entry.part) == ("search", "coordinatie")
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}


@pytest.mark.parametrize("persona", ["own_worker", "department_worker", "policy"])
def test_dashboard_is_for_the_coordinator_only(world, persona):
    user = getattr(world, persona)
    with pytest.raises(RoleDenied):
        selectors.coordinator_dashboard(actor=actor_for(user))
    assert last(user).outcome == "denied"


# --- Visibility ---------------------------------------------------------------------------------------


def test_visibility_per_persona(world, case, wonen, wonen_worker):
    to_debt = send(world, case)
    to_housing = send(world, case, department=wonen)
    visible = {
        p: set(selectors.mandate_requests_visible_to(getattr(world, p)).values_list("id", flat=True))
        for p in (
            "own_worker",
            "colleague",
            "team_lead",
            "coordinator",
            "department_worker",
            "other_team_worker",
            "other_municipality_worker",
            "policy",
            "admin",
            "privacy",
        )
    }
    both = {to_debt.id, to_housing.id}
    assert visible["own_worker"] == visible["colleague"] == visible["team_lead"] == both
    assert visible["coordinator"] == set()  # neither escalated nor overdue: not the coordinator's business
    assert visible["department_worker"] == {to_debt.id}
    assert set(selectors.mandate_requests_visible_to(wonen_worker).values_list("id", flat=True)) == {
        to_housing.id
    }
    for persona in ("other_team_worker", "other_municipality_worker", "policy", "admin", "privacy"):
        assert visible[persona] == set()


def test_export_section(world, case):
    from stevig.audit.export import build_export

    send(world, case)
    data = build_export(world.parent).as_json()["sections"]["mandaatverzoeken"]["data"]["mandaatverzoeken"]
    assert data[0]["afdeling"] == "Schuldhulpverlening" and data[0]["status"] == "ontvangen"
    assert (
        build_export(world.child).as_json()["sections"]["mandaatverzoeken"]["data"]["mandaatverzoeken"] == []
    )


def test_figures_per_department_with_small_groups_suppressed(world, case, clock, wonen):
    from stevig.core.suppression import Period
    from stevig.mandates.figures import department_figures, mandate_figures
    from stevig.patterns.figures import Summaries
    from stevig.patterns.services import refresh

    for i in range(12):
        r = send(world, case, ask=f"Verzoek nummer {i} aan schuldhulp")
        dept = actor_for(world.department_worker)
        if i < 6:
            services.accept_request(actor=dept, request_id=r.id, expected_version=1)
            services.complete_request(actor=dept, request_id=r.id, expected_version=2, outcome="Gedaan")
        elif i < 8:
            services.reject_request(actor=dept, request_id=r.id, expected_version=1, reason="Niet voor ons")
    send(world, case, department=wonen)
    housing_count = 1
    clock.move_to(dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.UTC))  # the 4 open ones are now overdue
    refresh(municipality_id=world.municipality.id)
    summaries = Summaries.load(world.municipality.id, 2026)
    rows = {row.department: row for row in department_figures(summaries, Period(2026, 1))}
    debt, housing = rows["Schuldhulpverlening"], rows["Wonen"]
    # Wonen has 1 request: "<5". Before, Schuldhulpverlening's 12 was shown beside a municipality total of
    # 13 (the registry's denominator), which gave the 1 away. Now the 12 is hidden too ("x").
    assert (housing.total_display, debt.total_display) == ("<5", "x")
    assert housing.total is None and debt.total is None and housing.suppressed and debt.suppressed
    assert debt.rejected_display == "<5"  # 2 rejected
    assert debt.within_term.suppressed and housing.within_term.share is None
    keys = {fig.key: fig for fig in mandate_figures(summaries, Period(2026, 1))}
    # The municipality figures come from the row totals of the same tables: with a hidden department
    # total, no published total minus the shown departments isolates it.
    shown_totals = [r.total for r in rows.values() if r.total is not None]
    for fig in keys.values():
        if fig.denominator is not None:
            hidden = [r for r in rows.values() if r.total is None]
            assert len(hidden) != 1, "one hidden department would follow from the total"
            assert fig.denominator - sum(shown_totals) != housing_count
    assert all(f.numerator is None or not (0 < f.numerator < 5) for f in keys.values())


def test_urgent_debt_help_request_carries_three_working_days(world, case, clock):
    """Wgs art. 4a lid 2: a request to debt help with an urgent ground (here: the zorgverzekering is
    cancelled) sent on Thursday 2 April 2026 is due Thursday 9 April (Good Friday, Easter Monday skipped),
    whatever longer term the department agreed."""
    world.department.debt_help = True
    world.department.response_term_working_days = 10
    world.department.save()
    clock.move_to(dt.datetime(2026, 4, 2, 10, 0, tzinfo=dt.UTC))
    r = send(world, case, urgency="wgs-spoed")
    assert (r.term_working_days, r.due_on) == (3, dt.date(2026, 4, 9))


def test_urgent_debt_help_only_for_the_debt_help_department(world, case):
    with pytest.raises(ValidationError) as error:
        send(world, case, urgency="wgs-spoed")
    assert "urgency" in error.value.message_dict
    assert not MandateRequest.objects.exists()

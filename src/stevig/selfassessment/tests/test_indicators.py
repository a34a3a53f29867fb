"""Every indicator of the 13 principles equals an independent recomputation from the fixtures.

The fixtures put rows inside the period (2026-K1), just outside it and in another municipality, with
both outcomes of every rule. The recomputation walks the rows in Python with the rule as DESIGN.md and
`indicators.py` state it, without the indicator's queries. Every indicator has cases (no 0/0), so a
wrong filter shows."""

import datetime as dt
import itertools
import statistics
import uuid
from typing import Any

import pytest
from django.db import models
from django.utils import timezone

from stevig.analysis.models import Analysis, DomainScore
from stevig.core.suppression import Period
from stevig.datasharing.models import Consent, Disclosure
from stevig.decisions.models import Decision
from stevig.intake.models import FirstContact, Question
from stevig.mandates.models import OPEN_STATUSES, MandateRequest
from stevig.people.models import HouseholdMembership, Resident
from stevig.plans.models import NETWORK_OR_SOCIAL_BASIS, Goal, HouseholdPlan, PlanAction, PlanVersion
from stevig.safety.models import SafetyTrack
from stevig.selfassessment import indicators as ind
from stevig.signalering.models import ANSWERED, Signal
from stevig.socialmap.models import Referral
from stevig.testing.factories import HouseholdFactory, add_member
from stevig.trajectories.models import BasicHelp, Consultation, Trajectory
from stevig.transitions.models import FuturePlan

PERIOD = Period.parse("2026-K1")
IN = dt.date(2026, 2, 10)
BEFORE = dt.date(2025, 12, 20)
AFTER = dt.date(2026, 4, 2)
_seq = itertools.count()


def make(model: type[models.Model], world: Any, **given: Any) -> Any:
    """A row with every required field filled: choices take their first value, relations a fixture."""
    values: dict[str, Any] = {"municipality": given.pop("municipality", world.municipality)}
    for f in model._meta.concrete_fields:
        if f.name in given or f.name in values or f.primary_key or f.null or f.blank or f.has_default():
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            continue
        kind = f.get_internal_type()
        if f.is_relation:
            related = f.related_model.__name__  # type: ignore[union-attr]
            values[f.name] = {
                "User": world.own_worker,
                "Team": world.team_noord if hasattr(world, "team_noord") else world.own_worker.team,
                "Household": world.household,
                "Resident": world.parent,
                "Department": world.department_worker.department,
            }.get(related) or make(f.related_model, world, municipality=values["municipality"])  # type: ignore[arg-type]
        elif f.choices:
            values[f.name] = f.choices[0][0]
        elif kind in ("CharField", "SlugField"):
            values[f.name] = f"x{next(_seq)}"[: f.max_length]
        elif kind == "TextField":
            values[f.name] = "Een tekst."
        elif kind == "DateField":
            values[f.name] = IN
        elif kind == "DateTimeField":
            values[f.name] = timezone.now()
        elif kind == "BooleanField":
            values[f.name] = False
        elif kind == "JSONField":
            values[f.name] = {}
        elif "Integer" in kind:
            values[f.name] = 1
    values.update(given)
    return model.objects.create(**values)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def trajectory(world: Any, day: dt.date, municipality: Any = None) -> Trajectory:
    municipality = municipality or world.municipality
    household = HouseholdFactory(municipality=municipality)
    row = make(Trajectory, world, municipality=municipality, household=household)
    Trajectory.objects.filter(id=row.id).update(opened_at=at(day))
    row.refresh_from_db()
    return row


@pytest.fixture
def fixtures(world) -> None:  # type: ignore[no-untyped-def]
    other = world.other_municipality_worker.municipality
    # 1, 2: first contacts (question date → contact date, offered or not), in, before, after, elsewhere.
    for i, (day, offered, wait, muni) in enumerate(
        [
            (IN, True, 2, None),
            (IN, False, 5, None),
            (dt.date(2026, 1, 2), True, 1, None),
            (dt.date(2026, 3, 31), True, 9, None),
            (BEFORE, True, 3, None),
            (AFTER, False, 1, None),
            (IN, True, 4, other),
        ]
    ):
        question = make(
            Question,
            world,
            municipality=muni or world.municipality,
            received_at=at(day - dt.timedelta(days=wait)),
            idempotency_key=f"k{i}",
        )
        make(
            FirstContact,
            world,
            municipality=question.municipality,
            question=question,
            contact_date=day,
            clientondersteuning_offered=offered,
        )
    # 3, 5, 6, 7: trajectories with plans, network actions, referrals, analyses, consultations, basic help.
    trajectories = [trajectory(world, IN) for _ in range(5)] + [
        trajectory(world, BEFORE),
        trajectory(world, IN, other),
    ]
    t0, t1, t2, t3, _t4, t_before, t_other = trajectories
    for t, agreed, analysed in (
        (t0, IN, IN - dt.timedelta(days=3)),
        (t1, IN, IN + dt.timedelta(days=1)),
        (t2, None, None),
        (t_before, IN, BEFORE),
        (t_other, IN, IN),
    ):
        plan = make(
            HouseholdPlan,
            world,
            municipality=t.municipality,
            trajectory=t,
            start_date=IN,
            evaluation_date=AFTER,
        )
        goal = make(Goal, world, municipality=t.municipality, plan=plan)
        if t in (t0, t_before, t_other):
            make(
                PlanAction,
                world,
                municipality=t.municipality,
                goal=goal,
                owner_type=sorted(NETWORK_OR_SOCIAL_BASIS)[0],
                due_date=AFTER,
            )
        else:
            make(
                PlanAction,
                world,
                municipality=t.municipality,
                goal=goal,
                owner_type="team",
                due_date=AFTER,
            )
        if agreed:
            make(
                PlanVersion,
                world,
                municipality=t.municipality,
                plan=plan,
                number=1,
                agreed_on=agreed,
                snapshot={},
            )
        if analysed:
            make(
                Analysis,
                world,
                municipality=t.municipality,
                trajectory=t,
                resident=world.parent,
                analysed_on=analysed,
            )
    make(Referral, world, trajectory=t2, referred_on=IN, follow_up_on=AFTER)
    for t, times in ((t0, 3), (t1, 1), (t_before, 2), (t_other, 4)):
        for _ in range(times):
            make(Consultation, world, municipality=t.municipality, trajectory=t, consultation_date=IN)
    for t in (t0, t3, t_before, t_other):
        make(
            BasicHelp, world, municipality=t.municipality, trajectory=t, start_date=IN, evaluation_date=AFTER
        )
    # 4: signals, answered or not.
    for day, status, muni in (
        (IN, "beleid_aangepast", None),
        (IN, "nieuw", None),
        (IN, "niet_overgenomen", None),
        (IN, "in_behandeling", None),
        (BEFORE, "beleid_aangepast", None),
        (IN, "beleid_aangepast", other),
    ):
        signal = make(
            Signal,
            world,
            municipality=muni or world.municipality,
            status=status,
            raised_by=world.own_worker if not muni else world.other_municipality_worker,
        )
        Signal.objects.filter(id=signal.id).update(created_at=at(day))
    # 8: shares: complete, short purpose, no categories, consent withdrawn before, consent given after, fine consent.
    held = make(Consent, world, given_on=BEFORE, categories=["contact"])
    withdrawn = make(
        Consent, world, given_on=BEFORE, withdrawn_at=at(IN - dt.timedelta(days=5)), categories=["contact"]
    )
    late = make(Consent, world, given_on=IN + dt.timedelta(days=10), categories=["contact"])
    long_purpose = "Afstemmen van de schuldhulp met de woningcorporatie."
    for purpose, categories, basis, consent, day in (
        (long_purpose, ["contact"], "wettelijke_plicht", None, IN),
        ("Afstemmen.", ["contact"], "wettelijke_plicht", None, IN),
        (long_purpose, [], "wettelijke_plicht", None, IN),
        (long_purpose, ["contact"], "toestemming", withdrawn, IN),
        (long_purpose, ["contact"], "toestemming", late, IN),
        (long_purpose, ["contact"], "toestemming", held, IN),
        ("Kort.", [], "wettelijke_plicht", None, AFTER),
    ):
        make(
            Disclosure,
            world,
            purpose=purpose,
            categories=categories,
            legal_basis=basis,
            consent=consent,
            disclosed_on=day,
        )
    # 9: youth with youth help who turned 17.5 in the period, with and without a future plan.
    for born, plan, helped in (
        (dt.date(2008, 8, 15), True, "decision"),
        (dt.date(2008, 8, 20), False, "decision"),
        (dt.date(2008, 9, 1), False, "analysis"),
        (dt.date(2008, 8, 25), True, None),
        (dt.date(2008, 1, 1), True, "decision"),
    ):
        household = HouseholdFactory(municipality=world.municipality)
        youth = add_member(household, relation="kind", date_of_birth=born)
        if helped == "decision":
            make(
                Decision,
                world,
                household=household,
                resident=youth,
                law="jeugdwet",
                start_date=BEFORE,
                end_date=AFTER + dt.timedelta(days=300),
                decided_on=BEFORE,
                reason="Jeugdhulp omdat de jongere thuis vastloopt.",
            )
        elif helped == "analysis":
            t = trajectory(world, IN)
            a = make(Analysis, world, trajectory=t, resident=youth, analysed_on=IN)
            make(DomainScore, world, analysis=a, domain="school", score=2)
        if plan:
            make(FuturePlan, world, resident=youth, household=household)
    # 10, 13: decisions: lifelong fitting or not, reasons own, short or copied.
    copied = "Deze voorziening past bij de beperking en de thuissituatie van de inwoner."
    for lifelong, fitting, reason, day in (
        (True, True, "Een eigen, lange reden die precies bij dit huishouden en deze vraag past.", IN),
        (True, False, copied, IN),
        (False, False, copied, IN),
        (False, False, "Te kort.", IN),
        (True, True, "Weer een eigen reden, lang genoeg om mee te tellen voor de maat.", AFTER),
    ):
        make(
            Decision,
            world,
            lifelong=lifelong,
            fitting_duration=fitting,
            reason=reason,
            decided_on=day,
            start_date=day,
            end_date=None if lifelong else day + dt.timedelta(days=365),
            law="wmo",
        )
    # 11: mandate requests: in term, late, open and overdue, open not yet due, outside the period.
    today = timezone.localdate()
    for within, status, due, day in (
        (True, "afgehandeld", IN + dt.timedelta(days=14), IN),
        (False, "afgehandeld", IN + dt.timedelta(days=14), IN),
        (None, OPEN_STATUSES[0], IN + dt.timedelta(days=14), IN),
        (None, OPEN_STATUSES[0], today + dt.timedelta(days=30), IN),
        (True, "afgehandeld", AFTER + dt.timedelta(days=14), AFTER),
    ):
        make(
            MandateRequest,
            world,
            trajectory=t0,
            household=t0.household,
            handled_within_term=within,
            status=status,
            sent_on=day,
            due_on=due,
        )
    # 12: safety tracks decided or not.
    for t, decided, day in ((t0, IN, IN), (t1, None, IN), (t3, IN, BEFORE)):
        track = make(SafetyTrack, world, trajectory=t, household=t.household, decided_on=decided)
        SafetyTrack.objects.filter(id=track.id).update(opened_at=at(day))


def in_period(day: dt.date) -> bool:
    return PERIOD.start <= day <= PERIOD.end


def local(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def recompute(municipality_id: uuid.UUID) -> dict[str, tuple[int, int]]:
    """The same rules, walked row by row in Python."""
    mine = lambda qs: [r for r in qs if r.municipality_id == municipality_id]  # noqa: E731
    contacts = [c for c in mine(FirstContact.objects.select_related("question")) if in_period(c.contact_date)]
    trajectories = [t for t in mine(Trajectory.objects.all()) if in_period(local(t.opened_at))]
    plans = {p.trajectory_id: p for p in HouseholdPlan.objects.all()}
    network = {
        a.goal.plan.trajectory_id
        for a in PlanAction.objects.select_related("goal__plan")
        if a.owner_type in NETWORK_OR_SOCIAL_BASIS
    }
    referred = {r.trajectory_id for r in Referral.objects.all()}
    with_plan = [t for t in trajectories if t.id in plans]
    agreed = {
        t.id: min((v.agreed_on for v in PlanVersion.objects.filter(plan__trajectory=t)), default=None)
        for t in trajectories
    }
    analysed = {
        t.id: min((a.analysed_on for a in Analysis.objects.filter(trajectory=t)), default=None)
        for t in trajectories
    }
    signals = [s for s in mine(Signal.objects.all()) if in_period(local(s.created_at))]
    shares = [d for d in mine(Disclosure.objects.select_related("consent")) if in_period(d.disclosed_on)]

    def complete(d: Disclosure) -> bool:
        consent_ok = d.consent is None or (
            d.consent.given_on <= d.disclosed_on
            and (d.consent.withdrawn_at is None or local(d.consent.withdrawn_at) >= d.disclosed_on)
        )
        return len(d.purpose) >= ind.PURPOSE_MIN_CHARS and bool(d.categories) and consent_ok

    members = set(HouseholdMembership.objects.values_list("resident_id", flat=True))  # ever in a household
    youth = []
    for r in mine(Resident.objects.all()):
        half = r.date_of_birth.replace(year=r.date_of_birth.year + 17) + dt.timedelta(days=0)
        half = (
            dt.date(half.year + (half.month + 6 > 12), (half.month + 6 - 1) % 12 + 1, min(half.day, 28))
            if r.date_of_birth.day <= 28
            else None
        )
        if r.id not in members or half is None or not in_period(half):
            continue
        decided = any(
            d.law == "jeugdwet" and d.start_date <= half and (d.end_date is None or d.end_date >= half)
            for d in Decision.objects.filter(resident=r)
        )
        scored = DomainScore.objects.filter(
            analysis__resident=r, domain__in=["school", "ontwikkeling", "opvoeding"]
        ).exists()
        if decided or scored:
            youth.append(r)
    decisions = [d for d in mine(Decision.objects.all()) if in_period(d.decided_on)]
    reasons = [d.reason for d in mine(Decision.objects.all())]
    requests = [m for m in mine(MandateRequest.objects.all()) if in_period(m.sent_on)]
    today = timezone.localdate()
    measured = [
        m
        for m in requests
        if m.handled_within_term is not None or (m.status in OPEN_STATUSES and m.due_on < today)
    ]
    tracks = [s for s in mine(SafetyTrack.objects.all()) if in_period(local(s.opened_at))]
    with_agreed = [t for t in trajectories if agreed[t.id] is not None]
    return {
        "clientondersteuning_offered": (sum(c.clientondersteuning_offered for c in contacts), len(contacts)),
        "days_to_first_contact": (0, len(contacts)),
        "plans_with_network": (sum(t.id in network or t.id in referred for t in with_plan), len(with_plan)),
        "signals_answered": (sum(s.status in ANSWERED for s in signals), len(signals)),
        "analysis_before_plan": (
            sum(analysed[t.id] is not None and analysed[t.id] <= agreed[t.id] for t in with_agreed),
            len(with_agreed),
        ),  # type: ignore[operator]
        "consultations_per_trajectory": (
            sum(Consultation.objects.filter(trajectory=t).count() for t in trajectories),
            len(trajectories),
        ),
        "trajectories_with_basic_help": (
            sum(BasicHelp.objects.filter(trajectory=t).exists() for t in trajectories),
            len(trajectories),
        ),
        "complete_shares": (sum(complete(d) for d in shares), len(shares)),
        "youth_17_5_with_future_plan": (
            sum(FuturePlan.objects.filter(resident=r).exists() for r in youth),
            len(youth),
        ),
        "lifelong_decisions_fitting_duration": (
            sum(d.lifelong and d.fitting_duration for d in decisions),
            sum(d.lifelong for d in decisions),
        ),
        "mandate_requests_within_term": (sum(m.handled_within_term is True for m in measured), len(measured)),
        "safety_tracks_decided": (sum(s.decided_on is not None for s in tracks), len(tracks)),
        "decisions_with_own_reason": (
            sum(len(d.reason) >= 40 and reasons.count(d.reason) == 1 for d in decisions),
            len(decisions),
        ),
    }


def test_every_indicator_equals_an_independent_recomputation(world, fixtures) -> None:
    from stevig.patterns.services import refresh

    refresh(municipality_id=world.municipality.id)  # the indicators are read from the summary tables
    raw = ind.raw_values(world.municipality.id, PERIOD)
    expected = recompute(world.municipality.id)
    assert set(raw) == set(expected) and len(raw) == 13
    assert {k: (r.numerator, r.denominator) for k, r in raw.items()} == expected
    # Every indicator has cases and neither outcome is empty where the rule has two: the fixtures test the rule.
    assert all(d > 0 for _n, d in expected.values())
    assert all(
        0 < n < d
        for k, (n, d) in expected.items()
        if k not in ("days_to_first_contact", "consultations_per_trajectory")
    )
    # The median of the waiting days: question date (local) to first contact.
    days = sorted(
        (c.contact_date - local(c.question.received_at)).days
        for c in FirstContact.objects.filter(municipality=world.municipality).select_related("question")
        if in_period(c.contact_date)
    )
    assert days == [1, 2, 5, 9]
    assert raw["days_to_first_contact"].median == statistics.median(days) == 3.5  # stored by the job


def test_the_replaced_tautologies_can_fail(world, fixtures) -> None:
    """13: a decision with a short or copied reason does not count; 8: a share with a recorded basis but
    a withdrawn consent, a short purpose or no categories does not count."""
    from stevig.patterns.services import refresh

    refresh(municipality_id=world.municipality.id)
    raw = ind.raw_values(world.municipality.id, PERIOD)
    assert (raw["decisions_with_own_reason"].numerator, raw["decisions_with_own_reason"].denominator) == (
        1,
        4,
    )
    assert (raw["complete_shares"].numerator, raw["complete_shares"].denominator) == (2, 6)


def test_shown_values_go_through_the_one_suppression_module(world, fixtures) -> None:
    from stevig.patterns.services import refresh

    refresh(municipality_id=world.municipality.id)
    shown = {i.key: i for i in ind.indicators(world.municipality.id, PERIOD)}
    assert [i.principle for i in ind.indicators(world.municipality.id, PERIOD)] == list(range(1, 14))
    # Fewer than 10 cases: nothing exact is shown, for shares, the average and the median alike.
    assert all(i.display == "te weinig om te tonen" for i in shown.values())
    assert all(i.how and i.period == "kwartaal 1 van 2026" for i in shown.values())
    assert shown["signals_answered"].extra == ["<5 gemeld"]


def test_youth_indicator_boundaries_with_real_dates(world) -> None:
    """Indicator 9 on its date boundaries, with fixed expected numbers (not a recomputation that would
    move along with a changed rule). Period 2026-K1: 17.5 years old between 1 January and 31 March 2026,
    so born 2008-07-01 up to and including 2008-09-30; youth help (Jeugdwet art. 1.1) is a Jeugdwet
    decision running on the day the young person turned 17.5 (kader principle 9: the toekomstplan is made
    from then on), the rule of the figure pages and the summary tables (`patterns.services.half_year`)."""
    later = dt.date(2026, 12, 31)
    cases = {
        # name: (born, law, start, end, plan) → counted?
        "first birth day (17.5 on 1 January), decision ends that day": (
            dt.date(2008, 7, 1),
            "jeugdwet",
            dt.date(2025, 6, 1),
            dt.date(2026, 1, 1),
            True,
        ),
        "last birth day (17.5 on 30 March), decision starts that day": (
            dt.date(2008, 9, 30),
            "jeugdwet",
            dt.date(2026, 3, 30),
            later,
            False,
        ),
        "running decision": (dt.date(2008, 8, 15), "jeugdwet", dt.date(2025, 1, 1), later, True),
        "decision ended the day before 17.5 (15 February)": (
            dt.date(2008, 8, 15),
            "jeugdwet",
            dt.date(2025, 1, 1),
            dt.date(2026, 2, 14),
            True,
        ),
        "decision starts the day after": (
            dt.date(2008, 8, 15),
            "jeugdwet",
            dt.date(2026, 2, 16),
            later,
            True,
        ),
        "17.5 the day before the period": (
            dt.date(2008, 6, 30),
            "jeugdwet",
            dt.date(2025, 1, 1),
            later,
            True,
        ),
        "17.5 the day after the period": (dt.date(2008, 10, 1), "jeugdwet", dt.date(2025, 1, 1), later, True),
        "not a Jeugdwet decision": (dt.date(2008, 8, 15), "wmo", dt.date(2025, 1, 1), later, True),
    }
    for born, law, start, end, plan in cases.values():
        household = HouseholdFactory(municipality=world.municipality)
        youth = add_member(household, relation="kind", date_of_birth=born)
        make(
            Decision,
            world,
            household=household,
            resident=youth,
            law=law,
            start_date=start,
            end_date=end,
            decided_on=start,
            reason="Jeugdhulp omdat de jongere thuis vastloopt en hulp nodig heeft.",
        )
        if plan:
            make(FuturePlan, world, resident=youth, household=household)
    from stevig.patterns.services import refresh

    refresh(municipality_id=world.municipality.id)
    raw = ind.raw_values(world.municipality.id, PERIOD)["youth_17_5_with_future_plan"]
    # Counted: the first three cases; of those, the first and the third have a plan.
    assert (raw.numerator, raw.denominator) == (2, 3)


def test_the_indicators_wait_for_the_refresh_job(world, fixtures) -> None:
    """Served from the summary tables: a new signal changes nothing until the job has run, then it does."""
    from stevig.patterns.services import refresh

    refresh(municipality_id=world.municipality.id)
    before = ind.raw_values(world.municipality.id, PERIOD)["signals_answered"]
    raised = make(Signal, world)
    Signal.objects.filter(id=raised.id).update(
        created_at=timezone.make_aware(dt.datetime(2026, 2, 11, 12, 0))
    )
    assert ind.raw_values(world.municipality.id, PERIOD)["signals_answered"] == before
    refresh(municipality_id=world.municipality.id)
    after = ind.raw_values(world.municipality.id, PERIOD)["signals_answered"]
    assert after.denominator == before.denominator + 1


def test_the_round_page_reads_a_constant_number_of_queries(world, fixtures) -> None:
    """The round page's indicators come from the summary tables: more rows cost no query, and the page says
    when the tables were refreshed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stevig.patterns.services import refresh
    from stevig.selfassessment import services
    from stevig.selfassessment.tests.conftest import actor
    from stevig.testing.personas import web_client

    round_ = services.start_round(actor=actor(world.policy), title="Ronde K1", period="2026-K1")
    refresh(municipality_id=world.municipality.id)
    client = web_client(world.policy)
    url = f"/zelfevaluatie/{round_.id}/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            assert response.status_code == 200 and "Bijgewerkt op" in response.content.decode()
        return len(captured)

    queries()  # the first request of a session warms caches
    few = queries()
    for _ in range(12):
        make(Signal, world, created_at=timezone.make_aware(dt.datetime(2026, 2, 11, 12, 0)))
    refresh(municipality_id=world.municipality.id)
    assert queries() == few

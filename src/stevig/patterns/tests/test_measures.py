"""Issue 12 point 2: every pattern measure per period and breakdown (neighbourhood, channel, topic, life
domain, …) in the summary tables equals an independent count of the rows, on SQLite and PostgreSQL alike
(the suite runs on both). The fixtures of the indicator test have rows of every kind, in and outside the
period and in another municipality; `context` adds a trajectory begun from a question, with an analysis,
that every kind of row hangs on, and young people turning 18."""

import datetime as dt
from collections import Counter
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from stevig.analysis.models import Analysis, DomainScore
from stevig.decisions.models import Decision
from stevig.intake.models import FirstContact, Question
from stevig.mandates.models import MandateRequest
from stevig.patterns.models import CONTEXT, MEASURE_BREAKDOWNS, Breakdown, Measure, SummaryCount
from stevig.patterns.services import refresh
from stevig.people.models import HouseholdMembership, Resident
from stevig.safety.models import SafetyTrack
from stevig.selfassessment.tests.test_indicators import IN, at, fixtures, make  # noqa: F401 (the fixture)
from stevig.socialmap.models import Referral
from stevig.tenancy.models import Neighbourhood
from stevig.testing.factories import HouseholdFactory, add_member
from stevig.testing.personas import web_client
from stevig.trajectories.models import BasicHelp, Trajectory
from stevig.transitions.models import FuturePlan

UNKNOWN = "onbekend"


def _day(value: Any) -> dt.date:
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


def _hood(household: Any) -> str:
    return household.neighbourhood.name if household and household.neighbourhood else UNKNOWN


def _main(scores: list[DomainScore]) -> str:
    """Lowest score first, then the domain code."""
    if not scores:
        return UNKNOWN
    return min(scores, key=lambda s: (s.score, s.domain)).get_domain_display()


def _question_groups(q: Question | None) -> dict[str, str]:
    if q is None:
        return {"kanaal": UNKNOWN, "onderwerp": UNKNOWN}
    return {"kanaal": q.get_channel_display(), "onderwerp": q.get_kind_display()}


def _trajectory_groups(t: Trajectory | None) -> dict[str, str]:
    if t is None:
        return {"kanaal": UNKNOWN, "onderwerp": UNKNOWN, "leefgebied": UNKNOWN}
    scores = list(DomainScore.objects.filter(analysis__trajectory=t))
    return {**_question_groups(t.opened_from_question), "leefgebied": _main(scores)}


def _eighteen(born: dt.date) -> dt.date:
    return born.replace(year=born.year + 18)


def expected_counts(municipality_id: Any, today: dt.date) -> Counter[tuple[str, str, str, int, int]]:
    counted: Counter[tuple[str, str, str, int, int]] = Counter()

    def add(measure: str, when: Any, groups: dict[str, str]) -> None:
        day = _day(when)
        for breakdown, group in groups.items():
            counted[(measure, breakdown, group or UNKNOWN, day.year, (day.month - 1) // 3 + 1)] += 1

    mine = {"municipality_id": municipality_id}
    for q in Question.objects.filter(**mine).select_related("neighbourhood"):
        scores = list(DomainScore.objects.filter(analysis__trajectory__opened_from_question=q))
        add(
            "vragen",
            q.received_at,
            {"wijk": _hood(q), **_question_groups(q), "leefgebied": _main(scores)},
        )
    for c in FirstContact.objects.filter(**mine).select_related("question__neighbourhood"):
        days = (c.contact_date - _day(c.question.received_at)).days
        band = next(
            (
                label
                for limit, label in ((2, "0-2 dagen"), (5, "3-5 dagen"), (10, "6-10 dagen"))
                if days <= limit
            ),
            "meer dan 10 dagen",
        )
        scores = list(DomainScore.objects.filter(analysis__trajectory__opened_from_question=c.question))
        add(
            "eerste_contacten",
            c.contact_date,
            {
                "wijk": _hood(c.question),
                **_question_groups(c.question),
                "leefgebied": _main(scores),
                "wachttijd": band,
                # The intake figures (`intake.selectors.intake_figures`).
                "aangeboden": "aangeboden" if c.clientondersteuning_offered else "niet aangeboden",
                "aangenomen": "aangenomen"
                if c.clientondersteuning_accepted == "ja"
                else "niet (of nog niet) aangenomen",
            },
        )
    for t in Trajectory.objects.filter(**mine).select_related("household__neighbourhood"):
        add("trajecten", t.opened_at, {"wijk": _hood(t.household), **_trajectory_groups(t)})
    for s in DomainScore.objects.filter(**mine).select_related("analysis__trajectory__household"):
        t = s.analysis.trajectory
        add(
            "analysescores",
            s.analysis.analysed_on,
            {
                "wijk": _hood(t.household),
                **_question_groups(t.opened_from_question),
                "leefgebied": s.get_domain_display(),
                "score": s.get_score_display(),
            },
        )
    for h in BasicHelp.objects.filter(**mine).select_related("trajectory__household__neighbourhood"):
        groups = {"wijk": _hood(h.trajectory.household), **_trajectory_groups(h.trajectory)}
        add("hulp", h.start_date, {"soort": "basishulp", **groups})
    for r in Referral.objects.filter(**mine).select_related("trajectory__household__neighbourhood"):
        groups = {"wijk": _hood(r.trajectory.household), **_trajectory_groups(r.trajectory)}
        add("hulp", r.referred_on, {"soort": "warme verwijzing", **groups})
    for m in MandateRequest.objects.filter(**mine).select_related("household__neighbourhood", "department"):
        term = {True: "op tijd", False: "te laat", None: "nog open"}[m.handled_within_term]
        add(
            "mandaatverzoeken",
            m.sent_on,
            {"termijn": term, "wijk": _hood(m.household), **_trajectory_groups(m.trajectory)},
        )
        # The mandate figures (`mandates.figures`): measured once answered or open past its date.
        overdue = (
            m.status in ("ontvangen", "in_behandeling") and m.due_on < today and m.handled_within_term is None
        )
        measured = (
            "op tijd"
            if m.handled_within_term
            else "te laat"
            if m.handled_within_term is False or overdue
            else "nog niet te meten"
        )
        rejected = "afgewezen" if m.status == "afgewezen" or m.rejection_reason else "niet afgewezen"
        escalated = "naar de coördinator" if m.escalated_at or overdue else "niet naar de coördinator"
        d = m.department.name
        add(
            "mandaatverzoeken",
            m.sent_on,
            {
                "afdeling": d,
                "gemeten": measured,
                "afgewezen": rejected,
                "coordinator": escalated,
                "afdeling_termijn": f"{d} · {measured}",
                "afdeling_afgewezen": f"{d} · {rejected}",
                "afdeling_coordinator": f"{d} · {escalated}",
            },
        )  # fmt: skip
    for d in Decision.objects.filter(**mine).select_related("household__neighbourhood"):
        add(
            "beschikkingen",
            d.decided_on,
            {
                "uitkomst": d.get_outcome_display(),
                "wet": d.get_law_display(),
                "wijk": _hood(d.household),
                **_trajectory_groups(d.trajectory),
            },
        )
    for s in SafetyTrack.objects.filter(**mine).select_related("household__neighbourhood"):
        add(
            "veiligheidssporen",
            s.opened_at,
            {
                "besluit": "besloten" if s.decided_on else "nog geen besluit",
                "wijk": _hood(s.household),
                **_trajectory_groups(s.trajectory),
            },
        )
    # Transitions covered: turned 18 by today, with youth help the day before the birthday.
    for r in Resident.objects.filter(**mine):
        birthday = _eighteen(r.date_of_birth)
        if birthday > today:
            continue
        day = birthday - dt.timedelta(days=1)
        helped = (
            any(
                d.law == "jeugdwet" and d.start_date <= day and (d.end_date is None or d.end_date >= day)
                for d in Decision.objects.filter(resident=r)
            )
            or DomainScore.objects.filter(
                analysis__resident=r, domain__in=["ontwikkeling", "school", "opvoeding"]
            ).exists()
        )
        memberships = list(HouseholdMembership.objects.filter(resident=r).order_by("start_date"))
        if not helped or not memberships:
            continue
        household = memberships[-1].household
        plan = FuturePlan.objects.filter(resident=r).first()
        agreed = plan.agreed_on if plan else None
        status = (
            "geen afgesproken plan"
            if agreed is None
            else "op tijd (voor de 18e verjaardag)"
            if agreed < birthday
            else "later afgesproken"
        )
        latest = Trajectory.objects.filter(household=household).order_by("opened_at").last()
        add(
            "overgang_18",
            birthday,
            {"toekomstplan": status, "wijk": _hood(household), **_trajectory_groups(latest)},
        )
    add_figure_rows(mine, today, add)
    return counted


def add_figure_rows(mine: dict[str, Any], today: dt.date, add: Any) -> None:
    """The breakdowns behind the share figures of the figure pages (`patterns.figures`), counted in Python."""
    from dateutil.relativedelta import relativedelta

    from stevig.plans.models import NETWORK_OR_SOCIAL_BASIS, HouseholdPlan, PlanAction, PlanVersion
    from stevig.trajectories.models import Consultation, Contact, PilotLight

    for t in Trajectory.objects.filter(**mine):
        agreed = sorted(v.agreed_on for v in PlanVersion.objects.filter(plan__trajectory=t))
        analysed = sorted(a.analysed_on for a in Analysis.objects.filter(trajectory=t))
        if not agreed:
            analysis = "geen afgesproken plan"
        elif analysed and analysed[0] <= agreed[0]:
            analysis = "analyse vóór het plan"
        else:
            analysis = "plan zonder analyse vooraf"
        if not HouseholdPlan.objects.filter(trajectory=t).exists():
            network = "geen gezinsplan"
        elif (
            PlanAction.objects.filter(
                goal__plan__trajectory=t, owner_type__in=NETWORK_OR_SOCIAL_BASIS
            ).exists()
            or Referral.objects.filter(trajectory=t).exists()
        ):
            network = "met netwerk of sociale basis"
        else:
            network = "zonder netwerk of sociale basis"
        helped = "met basishulp" if BasicHelp.objects.filter(trajectory=t).exists() else "zonder basishulp"
        add("trajecten", t.opened_at, {"basishulp": helped, "analyse_plan": analysis, "netwerk": network})
    decisions = list(Decision.objects.filter(**mine))
    for d in decisions:
        copied = any(o.reason == d.reason and o.pk != d.pk for o in decisions)
        own = "eigen reden" if len(d.reason) >= 40 and not copied else "geen eigen reden"
        if not d.lifelong:
            duration = "niet levenslang"
        else:
            duration = "levenslang, passende duur" if d.fitting_duration else "levenslang, andere duur"
        add("beschikkingen", d.decided_on, {"eigen_reden": own, "duur": duration})
    for s in SafetyTrack.objects.filter(**mine):
        if s.decided_on is None:
            speed = "nog geen besluit"
        elif (s.decided_on - _day(s.opened_at)).days <= 14:
            speed = "binnen 14 dagen besloten"
        else:
            speed = "later besloten"
        add("veiligheidssporen", s.opened_at, {"snelheid": speed})
    for h in BasicHelp.objects.filter(**mine):
        if h.evaluated_at is None and h.evaluation_date >= today:
            continue
        on_time = h.evaluated_at is not None and h.evaluated_at <= h.evaluation_date
        add("evaluaties", h.evaluation_date, {"termijn": "op tijd" if on_time else "te laat"})
    for c in Contact.objects.filter(**mine, pilot_light_due__isnull=False):
        add(
            "waakvlam",
            c.pilot_light_due,
            {"termijn": "op tijd" if c.contact_date <= c.pilot_light_due else "te laat"},
        )
    for p in PilotLight.objects.filter(**mine, ended_at__isnull=True, next_due__lt=today):
        add("waakvlam", p.next_due, {"termijn": "te laat"})
    for c in Consultation.objects.filter(**mine).select_related("trajectory"):
        add("consultaties", c.trajectory.opened_at, {"aantal": "consultaties"})
    for r in Resident.objects.filter(**mine):
        day = r.date_of_birth + relativedelta(years=17, months=6)
        if day > today or not HouseholdMembership.objects.filter(resident=r).exists():
            continue
        helped_then = (
            any(
                d.law == "jeugdwet" and d.start_date <= day and (d.end_date is None or d.end_date >= day)
                for d in Decision.objects.filter(resident=r)
            )
            or DomainScore.objects.filter(
                analysis__resident=r, domain__in=["ontwikkeling", "school", "opvoeding"]
            ).exists()
        )
        if helped_then:
            plan = (
                "met toekomstplan"
                if FuturePlan.objects.filter(resident=r).exists()
                else "zonder toekomstplan"
            )
            add("jongeren_17_5", day, {"heeft_plan": plan})


@pytest.fixture
def context(world, fixtures) -> dict[str, Any]:  # noqa: F811
    """A trajectory in Noord begun from a phone question about youth, with an analysis (main domain:
    opvoeding, score 2), and every kind of row on it; three young people of that household turning 18."""
    north = Neighbourhood.objects.get(municipality=world.municipality, name="Noord")
    household = HouseholdFactory(municipality=world.municipality, neighbourhood=north)
    parent = add_member(household, relation="ouder", date_of_birth=dt.date(1980, 5, 5))
    question = make(
        Question,
        world,
        received_at=at(IN),
        channel="telefoon",
        kind="jeugdwet",
        neighbourhood=north,
        household=household,
        idempotency_key="context",
    )
    make(FirstContact, world, question=question, contact_date=IN + dt.timedelta(days=1))
    t = make(Trajectory, world, household=household, opened_from_question=question)
    Trajectory.objects.filter(id=t.id).update(opened_at=at(IN))
    analysis = make(Analysis, world, trajectory=t, resident=parent, analysed_on=IN)
    for domain, score in (("financien", 3), ("opvoeding", 2), ("huisvesting", 2), ("werk_opleiding", 5)):
        # a tie on 2: huisvesting < opvoeding by code, so huisvesting is the main domain
        make(DomainScore, world, analysis=analysis, domain=domain, score=score)
    make(BasicHelp, world, trajectory=t, start_date=IN, evaluation_date=IN + dt.timedelta(days=60))
    make(Referral, world, trajectory=t, referred_on=IN, follow_up_on=IN + dt.timedelta(days=30))
    make(
        MandateRequest,
        world,
        trajectory=t,
        household=household,
        sent_on=IN,
        due_on=IN + dt.timedelta(days=14),
    )
    make(
        Decision,
        world,
        trajectory=t,
        household=household,
        resident=parent,
        law="wmo",
        decided_on=IN,
        start_date=IN,
        end_date=IN + dt.timedelta(days=365),
        reason="Hulp bij het huishouden omdat de ouder na een operatie herstelt.",
    )
    track = make(SafetyTrack, world, trajectory=t, household=household, decided_on=IN)
    SafetyTrack.objects.filter(id=track.id).update(opened_at=at(IN))
    return {"household": household, "trajectory": t, "north": north}


def test_every_measure_and_breakdown_equals_an_independent_count(world, context) -> None:
    refresh(municipality_id=world.municipality.id)
    stored = Counter(
        {
            (r.measure, r.breakdown, r.group, r.year, r.quarter): r.count
            # Signals and data shares are checked against an independent count by the self-assessment
            # indicators (`selfassessment/tests/test_indicators.py`), the overdue snapshot by the intake tests.
            for r in SummaryCount.objects.filter(municipality=world.municipality, scope="").exclude(
                measure__in=["termijnen_te_laat", "knelpunten", "gegevensdelingen"]
            )
        }
    )
    expected = expected_counts(world.municipality.id, timezone.localdate())
    assert stored == expected
    # The teams' own intake figures (scope: the team) count the first contacts of the team's questions.
    teams: Counter[tuple[str, str, str, int, int]] = Counter()
    for c in FirstContact.objects.filter(municipality=world.municipality, question__team__isnull=False):
        for b, group in (
            ("kanaal", c.question.get_channel_display()),
            ("wijk", _hood(c.question)),
            ("aangeboden", "aangeboden" if c.clientondersteuning_offered else "niet aangeboden"),
            (
                "aangenomen",
                "aangenomen" if c.clientondersteuning_accepted == "ja" else "niet (of nog niet) aangenomen",
            ),
        ):
            teams[
                (str(c.question.team_id), b, group, c.contact_date.year, (c.contact_date.month - 1) // 3 + 1)
            ] += 1
    assert teams and teams == Counter(
        {
            (r.scope, r.breakdown, r.group, r.year, r.quarter): r.count
            for r in SummaryCount.objects.filter(municipality=world.municipality, measure="eerste_contacten").exclude(scope="")
        }
    )  # fmt: skip
    # Every measure has rows in every one of its breakdowns: nothing listed is missing.
    present = {(m, b) for m, b, *_rest in stored}
    assert present >= {
        (m, b) for m, breakdowns in MEASURE_BREAKDOWNS.items() for b in breakdowns if m != Measure.TRANSITIONS
    }
    # Each breakdown of a measure counts the same rows.
    for measure, breakdowns in MEASURE_BREAKDOWNS.items():
        sums = {
            b: sum(n for (m, bb, *_r), n in stored.items() if m == measure and bb == b) for b in breakdowns
        }
        assert len(set(sums.values())) == 1, (measure, sums)
    # The context trajectory's main domain is the lowest score, ties by code: huisvesting, not opvoeding.
    assert stored[("trajecten", "leefgebied", "huisvesting", 2026, 1)] == 1
    assert stored[("trajecten", "kanaal", "telefoon", 2026, 1)] == 1
    assert stored[("beschikkingen", "kanaal", "telefoon", 2026, 1)] == 1


def test_the_matrix_every_measure_by_every_named_breakdown(world, context) -> None:
    """Issue 12 point 2 names period, neighbourhood, channel, topic and life domain for every measure.
    Walk the whole matrix: each measure has each breakdown, the summary holds a real (not only
    'onbekend') group for it from the context rows, and page, CSV and API serve it per quarter."""
    refresh(municipality_id=world.municipality.id)
    named = (Breakdown.NEIGHBOURHOOD, Breakdown.CHANNEL, Breakdown.TOPIC, Breakdown.DOMAIN)
    assert set(CONTEXT) == set(named)
    assert set(MEASURE_BREAKDOWNS) == set(Measure.values)
    client = web_client(world.policy)
    from stevig.testing.personas import api_client

    api = api_client(world.policy)
    for measure in Measure.values:
        for breakdown in named:
            assert breakdown in MEASURE_BREAKDOWNS[measure], (measure, breakdown)
            if measure != Measure.TRANSITIONS:  # young people: see the transitions test
                groups = set(
                    SummaryCount.objects.filter(
                        municipality=world.municipality, measure=measure, breakdown=breakdown, year=2026
                    ).values_list("group", flat=True)
                )
                assert groups - {UNKNOWN}, (measure, breakdown)
            # Period: quarters as columns, the year as total, on the page, in the CSV and the API.
            page = client.get(f"/patronen/?maat={measure}&indeling={breakdown}&jaar=2026")
            assert page.status_code == 200, (measure, breakdown)
            csv = client.get(f"/patronen/export.csv?maat={measure}&indeling={breakdown}&jaar=2026")
            assert csv.status_code == 200 and csv.content.decode().splitlines()[0].count("K") >= 4
            answer = api.get(f"/api/v1/patterns?measure={measure}&breakdown={breakdown}&year=2026")
            assert answer.status_code == 200 and len(answer.json()["quarter_totals"]) == 4
    assert client.get("/patronen/?maat=beschikkingen&indeling=kanaal&jaar=2026").status_code == 200
    assert client.get("/patronen/?maat=beschikkingen&indeling=wachttijd&jaar=2026").status_code == 400


def test_transitions_covered_with_real_dates(world) -> None:
    """Transitions covered (kader principle 9; Jeugdwet art. 1.1: youth help ends at 18 unless
    extended): young people with youth help the day before their 18th birthday, by the quarter of the
    birthday, with a toekomstplan agreed before the birthday (on time), on or after it (late), or none.
    Today is 4 May 2026."""
    north = Neighbourhood.objects.get(municipality=world.municipality, name="Noord")
    household = HouseholdFactory(municipality=world.municipality, neighbourhood=north)
    rows = (
        # born, decision (start, end), plan agreed on (None: no plan; "draft": plan not agreed)
        (dt.date(2008, 2, 10), (dt.date(2024, 1, 1), dt.date(2026, 2, 9)), dt.date(2026, 2, 9)),  # K1 on time
        (dt.date(2008, 3, 31), (dt.date(2024, 1, 1), dt.date(2026, 12, 31)), dt.date(2026, 3, 31)),  # K1 late
        (
            dt.date(2008, 1, 15),
            (dt.date(2024, 1, 1), dt.date(2026, 1, 13)),
            dt.date(2025, 6, 1),
        ),  # help ended
        (dt.date(2008, 2, 20), (dt.date(2026, 2, 20), dt.date(2026, 12, 31)), None),  # help began on birthday
        (dt.date(2008, 4, 1), (dt.date(2024, 1, 1), dt.date(2026, 12, 31)), "draft"),  # K2, not agreed
        (dt.date(2008, 5, 4), (dt.date(2024, 1, 1), dt.date(2026, 12, 31)), None),  # K2, 18 today
        (dt.date(2008, 5, 5), (dt.date(2024, 1, 1), dt.date(2026, 12, 31)), None),  # 18 tomorrow
    )
    for born, (start, end), agreed in rows:
        youth = add_member(household, relation="kind", date_of_birth=born)
        make(
            Decision,
            world,
            household=household,
            resident=youth,
            law="jeugdwet",
            start_date=start,
            end_date=end,
            decided_on=start,
            reason="Jeugdhulp omdat de jongere thuis vastloopt en begeleiding nodig heeft.",
        )
        if agreed is not None:
            make(
                FuturePlan,
                world,
                resident=youth,
                household=household,
                agreed_on=None if agreed == "draft" else agreed,
            )
    with time_machine.travel(dt.datetime(2026, 5, 4, 12, tzinfo=dt.UTC), tick=False):
        refresh(municipality_id=world.municipality.id)
    got = {
        (r.breakdown, r.group, r.quarter): r.count
        for r in SummaryCount.objects.filter(
            municipality=world.municipality, measure="overgang_18", year=2026
        )
    }
    assert got == {
        ("toekomstplan", "op tijd (voor de 18e verjaardag)", 1): 1,
        ("toekomstplan", "later afgesproken", 1): 1,
        ("toekomstplan", "geen afgesproken plan", 2): 2,
        ("wijk", "Noord", 1): 2,
        ("wijk", "Noord", 2): 2,
        ("kanaal", UNKNOWN, 1): 2,
        ("kanaal", UNKNOWN, 2): 2,
        ("onderwerp", UNKNOWN, 1): 2,
        ("onderwerp", UNKNOWN, 2): 2,
        ("leefgebied", UNKNOWN, 1): 2,
        ("leefgebied", UNKNOWN, 2): 2,
    }

"""Issue 12 point 2: every pattern measure per period and breakdown (neighbourhood, channel, topic, life
domain, …) in the summary tables equals an independent count of the rows, on SQLite and PostgreSQL alike
(the suite runs on both). The fixtures of the indicator test have rows of every kind, in and outside the
period and in another municipality."""

import datetime as dt
from collections import Counter
from typing import Any

from django.utils import timezone

from stevig.analysis.models import DomainScore
from stevig.decisions.models import Decision
from stevig.intake.models import FirstContact, Question
from stevig.mandates.models import MandateRequest
from stevig.patterns.models import MEASURE_BREAKDOWNS, SummaryCount
from stevig.patterns.services import refresh
from stevig.safety.models import SafetyTrack
from stevig.selfassessment.tests.test_indicators import fixtures  # noqa: F401 (the fixture)
from stevig.socialmap.models import Referral
from stevig.testing.personas import web_client
from stevig.trajectories.models import BasicHelp, Trajectory
from stevig.transitions.models import FuturePlan


def _day(value: Any) -> dt.date:
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


def _hood(household: Any) -> str:
    return household.neighbourhood.name if household and household.neighbourhood else "onbekend"


def expected_counts(municipality_id: Any) -> Counter[tuple[str, str, str, int, int]]:
    counted: Counter[tuple[str, str, str, int, int]] = Counter()

    def add(measure: str, when: Any, groups: dict[str, str]) -> None:
        day = _day(when)
        for breakdown, group in groups.items():
            counted[(measure, breakdown, group or "onbekend", day.year, (day.month - 1) // 3 + 1)] += 1

    mine = {"municipality_id": municipality_id}
    for q in Question.objects.filter(**mine).select_related("neighbourhood"):
        hood = q.neighbourhood.name if q.neighbourhood else "onbekend"
        add(
            "vragen",
            q.received_at,
            {"wijk": hood, "kanaal": q.get_channel_display(), "onderwerp": q.get_kind_display()},
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
        hood = c.question.neighbourhood.name if c.question.neighbourhood else "onbekend"
        add(
            "eerste_contacten",
            c.contact_date,
            {"wijk": hood, "kanaal": c.question.get_channel_display(), "wachttijd": band},
        )
    for t in Trajectory.objects.filter(**mine).select_related("household__neighbourhood"):
        add("trajecten", t.opened_at, {"wijk": _hood(t.household)})
    for s in DomainScore.objects.filter(**mine).select_related("analysis"):
        add(
            "analysescores",
            s.analysis.analysed_on,
            {"leefgebied": s.get_domain_display(), "score": s.get_score_display()},
        )
    for h in BasicHelp.objects.filter(**mine).select_related("trajectory__household__neighbourhood"):
        add("hulp", h.start_date, {"soort": "basishulp", "wijk": _hood(h.trajectory.household)})
    for r in Referral.objects.filter(**mine).select_related("trajectory__household__neighbourhood"):
        add("hulp", r.referred_on, {"soort": "warme verwijzing", "wijk": _hood(r.trajectory.household)})
    for m in MandateRequest.objects.filter(**mine).select_related("household__neighbourhood"):
        term = {True: "op tijd", False: "te laat", None: "nog open"}[m.handled_within_term]
        add("mandaatverzoeken", m.sent_on, {"termijn": term, "wijk": _hood(m.household)})
    for d in Decision.objects.filter(**mine):
        add("beschikkingen", d.decided_on, {"uitkomst": d.get_outcome_display(), "wet": d.get_law_display()})
    for f in FuturePlan.objects.filter(**mine).select_related("household__neighbourhood"):
        add("toekomstplannen", f.created_at, {"wijk": _hood(f.household)})
    for s in SafetyTrack.objects.filter(**mine).select_related("household__neighbourhood"):
        add(
            "veiligheidssporen",
            s.opened_at,
            {"besluit": "besloten" if s.decided_on else "nog geen besluit", "wijk": _hood(s.household)},
        )
    return counted


def test_every_measure_and_breakdown_equals_an_independent_count(world, fixtures) -> None:  # noqa: F811
    refresh(municipality_id=world.municipality.id)
    stored = Counter(
        {
            (r.measure, r.breakdown, r.group, r.year, r.quarter): r.count
            for r in SummaryCount.objects.filter(municipality=world.municipality)
        }
    )
    expected = expected_counts(world.municipality.id)
    assert stored == expected
    # Every measure has rows in every one of its breakdowns: nothing listed is missing.
    present = {(m, b) for m, b, *_rest in stored}
    assert present == {(m, b) for m, breakdowns in MEASURE_BREAKDOWNS.items() for b in breakdowns}
    # Each breakdown of a measure counts the same rows.
    for measure, breakdowns in MEASURE_BREAKDOWNS.items():
        sums = {
            b: sum(n for (m, bb, *_r), n in stored.items() if m == measure and bb == b) for b in breakdowns
        }
        assert len(set(sums.values())) == 1, (measure, sums)
    # The page shows every measure with its breakdowns, suppressed, and refuses one that does not fit.
    client = web_client(world.policy)
    for measure, breakdowns in MEASURE_BREAKDOWNS.items():
        for breakdown in breakdowns:
            assert client.get(f"/patronen/?maat={measure}&indeling={breakdown}&jaar=2026").status_code == 200
    assert client.get("/patronen/?maat=beschikkingen&indeling=wijk&jaar=2026").status_code == 400

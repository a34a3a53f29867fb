"""Issue 12 point 2: the share figures of the figure pages (trajectories, plans, decisions, the 17.5
transitions, safety tracks) and the self-assessment indicators give no hidden count away, not from two overlapping periods (the year and its
quarters) and not from the totals on the patterns page.

Every figure gets the same summary counts: its part is 20, 20, 20 and 3 in the four quarters, its rest 20 in
each, and (for a measure on the patterns page) the neighbourhoods split the same totals. Per-period
suppression used to show the year exactly (63 of 143) and the fourth quarter as a bound over 23, so the
3 was 63 - 60. The attacker below collects everything published for the year and each quarter, adds the
totals and cells of the patterns page, and propagates the equations (year = sum of the quarters, a quarter's
base = part + rest) to a fixpoint: no hidden count may come out as one value, and a count shown as "<5" may
not be narrowed below 1 to 4."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from stevig.core.suppression import Figure, Period
from stevig.patterns import services as groups
from stevig.patterns.models import MEASURE_BREAKDOWNS, Breakdown, FigureMeasure, Measure, SummaryCount
from stevig.patterns.selectors import pattern
from stevig.patterns.services import refresh
from stevig.plans.figures import plan_figures
from stevig.trajectories import figures as registry
from stevig.trajectories.tests.conftest import actor_for

pytestmark = pytest.mark.django_db

YEAR = 2025
PART = [20, 20, 20, 3]
REST = [20, 20, 20, 20]
NORTH = [21, 20, 20, 12]  # the neighbourhoods split part + rest: 40, 40, 40, 23
SOUTH = [19, 20, 20, 11]
BIG = 10_000


def _registry(key: str) -> Callable[[Any, Period], Figure]:
    def get(world: Any, period: Period) -> Figure:
        return next(f for f in registry.collect(world.municipality.id, period) if f.key == key)

    return get


def _indicator(key: str) -> Callable[[Any, Period], Figure]:
    """A self-assessment indicator (`selfassessment.indicators`): a cell of the same tables."""

    def get(world: Any, period: Period) -> Figure:
        from stevig.selfassessment.indicators import indicators

        found = next(i for i in indicators(world.municipality.id, period) if i.key == key)
        assert found.figure is not None
        return found.figure

    return get


def _plans(attribute: str) -> Callable[[Any, Period], Figure]:
    def get(world: Any, period: Period) -> Figure:
        share = getattr(plan_figures(municipality_id=world.municipality.id, period=period), attribute)
        return Figure(attribute, "", share.numerator, share.denominator, None, share.suppressed, share.bound)

    return get


FIGURES = [
    ("trajectories_with_basic_help", Measure.TRAJECTORIES, Breakdown.BASIC_HELP, groups.WITH_BASIC_HELP, groups.WITHOUT_BASIC_HELP),
    ("evaluations_on_time", FigureMeasure.EVALUATIONS, Breakdown.TERM, groups.ON_TIME, groups.LATE),
    ("pilot_light_on_time", FigureMeasure.PILOT_LIGHT, Breakdown.TERM, groups.ON_TIME, groups.LATE),
    ("analysis_before_plan", Measure.TRAJECTORIES, Breakdown.PLAN_ANALYSIS, groups.ANALYSIS_FIRST, groups.ANALYSIS_LATER),
    ("network_or_social_basis", Measure.TRAJECTORIES, Breakdown.PLAN_NETWORK, groups.WITH_NETWORK, groups.WITHOUT_NETWORK),
    ("decisions_with_own_reason", Measure.DECISIONS, Breakdown.OWN_REASON, groups.OWN_REASON, groups.NO_OWN_REASON),
    ("lifelong_decisions_fitting_duration", Measure.DECISIONS, Breakdown.DURATION, groups.LIFELONG_FITTING, groups.LIFELONG_OTHER),
    ("youth_17_5_with_future_plan", FigureMeasure.HALF_YEAR, Breakdown.HAS_PLAN, groups.WITH_FUTURE_PLAN, groups.WITHOUT_FUTURE_PLAN),
    ("safety_tracks_decided", Measure.SAFETY, Breakdown.DECIDED, groups.DECIDED, groups.NOT_DECIDED),
    ("safety_tracks_decided_within_14_days", Measure.SAFETY, Breakdown.SPEED, groups.DECIDED_FAST, groups.DECIDED_LATER),
]  # fmt: skip
# The self-assessment indicators that are shares: the same cells, so the same attack (`indicator:` + key).
INDICATORS = [
    ("clientondersteuning_offered", Measure.FIRST_CONTACTS, Breakdown.OFFERED, groups.OFFERED, groups.NOT_OFFERED),
    ("plans_with_network", Measure.TRAJECTORIES, Breakdown.PLAN_NETWORK, groups.WITH_NETWORK, groups.WITHOUT_NETWORK),
    ("signals_answered", FigureMeasure.SIGNALS, Breakdown.ANSWERED, groups.ANSWERED, groups.NOT_ANSWERED),
    ("analysis_before_plan", Measure.TRAJECTORIES, Breakdown.PLAN_ANALYSIS, groups.ANALYSIS_FIRST, groups.ANALYSIS_LATER),
    ("trajectories_with_basic_help", Measure.TRAJECTORIES, Breakdown.BASIC_HELP, groups.WITH_BASIC_HELP, groups.WITHOUT_BASIC_HELP),
    ("complete_shares", FigureMeasure.DISCLOSURES, Breakdown.COMPLETE, groups.COMPLETE, groups.INCOMPLETE),
    ("youth_17_5_with_future_plan", FigureMeasure.HALF_YEAR, Breakdown.HAS_PLAN, groups.WITH_FUTURE_PLAN, groups.WITHOUT_FUTURE_PLAN),
    ("lifelong_decisions_fitting_duration", Measure.DECISIONS, Breakdown.DURATION, groups.LIFELONG_FITTING, groups.LIFELONG_OTHER),
    ("mandate_requests_within_term", Measure.MANDATES, Breakdown.MEASURED, groups.WITHIN, groups.LATE_OR_OVERDUE),
    ("safety_tracks_decided", Measure.SAFETY, Breakdown.DECIDED, groups.DECIDED, groups.NOT_DECIDED),
    ("decisions_with_own_reason", Measure.DECISIONS, Breakdown.OWN_REASON, groups.OWN_REASON, groups.NO_OWN_REASON),
]  # fmt: skip
ATTACKED = FIGURES + [(f"indicator:{key}", *rest) for key, *rest in INDICATORS]


def _seed(world: Any, measure: str, breakdown: str, part: str, rest: str) -> None:
    refresh(municipality_id=world.municipality.id)  # the refresh time; no rows in this municipality yet
    rows = [(breakdown, part, PART), (breakdown, rest, REST)]
    if measure in MEASURE_BREAKDOWNS:
        rows += [(Breakdown.NEIGHBOURHOOD, "Noord", NORTH), (Breakdown.NEIGHBOURHOOD, "Zuid", SOUTH)]
    SummaryCount.objects.bulk_create(
        SummaryCount(
            municipality=world.municipality,
            measure=measure,
            breakdown=b,
            group=g,
            year=YEAR,
            quarter=q,
            count=n,
        )
        for b, g, counts in rows
        for q, n in enumerate(counts, start=1)
    )


def _propagate(bounds: dict[Any, list[int]], lines: list[tuple[list[Any], Any]]) -> None:
    """The attacker: every line says its members add up to its total; tighten the intervals to a fixpoint."""
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            lo = sum(bounds[m][0] for m in members)
            hi = sum(bounds[m][1] for m in members)
            t = bounds[total]
            new_t = [max(t[0], lo), min(t[1], hi)]
            if new_t != t:
                t[:] = new_t
                changed = True
            for m in members:
                b = bounds[m]
                new = [max(b[0], t[0] - (hi - b[1])), min(b[1], t[1] - (lo - b[0]))]
                if new != b:
                    b[:] = new
                    changed = True


def _known(bounds: dict[Any, list[int]], key: Any, display: str, value: int | None) -> None:
    """What a published cell tells: its value, 1 to 4 for "<5", at least 5 for "x" (a hidden count that is not small)."""
    b = bounds[key]
    if value is not None:
        b[:] = [max(b[0], value), min(b[1], value)]
    elif display == "<5":
        b[:] = [max(b[0], 1), min(b[1], 4)]
    elif display == "x":
        b[:] = [max(b[0], 5), b[1]]


@pytest.mark.parametrize("key, measure, breakdown, part, rest", ATTACKED, ids=[f[0] for f in ATTACKED])
def test_no_hidden_count_follows_from_overlapping_periods_or_totals(
    world, key, measure, breakdown, part, rest
):
    _seed(world, measure, breakdown, part, rest)
    if key.startswith("indicator:"):
        get = _indicator(key.removeprefix("indicator:"))
    elif key in ("analysis_before_plan", "network_or_social_basis"):
        get = _plans(key)
    else:
        get = _registry(key)
    periods: list[Any] = [1, 2, 3, 4, "jaar"]
    bounds: dict[Any, list[int]] = {(name, p): [0, BIG] for name in ("part", "rest", "base") for p in periods}
    lines: list[tuple[list[Any], Any]] = [
        ([(name, q) for q in (1, 2, 3, 4)], (name, "jaar")) for name in ("part", "rest", "base")
    ] + [([("part", p), ("rest", p)], ("base", p)) for p in periods]

    published = {}
    for p in periods:
        figure = get(world, Period(YEAR) if p == "jaar" else Period(YEAR, p))
        published[p] = figure
        if figure.denominator is not None:
            _known(bounds, ("base", p), "", figure.denominator)
        if figure.numerator is not None:
            _known(bounds, ("part", p), "", figure.numerator)
        assert not figure.bound, figure  # a bound beside the published tables would narrow a small part

    if measure in MEASURE_BREAKDOWNS:  # the patterns page shows the same population per neighbourhood
        policy = actor_for(world.policy)
        hoods = pattern(actor=policy, measure=measure, breakdown=Breakdown.NEIGHBOURHOOD, year=YEAR).table
        for q, cell in zip((1, 2, 3, 4), hoods.column_totals(), strict=True):
            _known(bounds, ("base", q), cell.display, cell.value)
        _known(bounds, ("base", "jaar"), hoods.total.display, hoods.total.value)
        for name in ("Noord", "Zuid"):
            row = [(name, q) for q in (1, 2, 3, 4)]
            for k in [*row, (name, "jaar")]:
                bounds[k] = [0, BIG]
            for q, cell in zip((1, 2, 3, 4), hoods.as_rows()[hoods.rows.index(name)][1], strict=True):
                _known(bounds, (name, q), cell.display, cell.value)
            lines.append((row, (name, "jaar")))
        lines += [([("Noord", p), ("Zuid", p)], ("base", p)) for p in (1, 2, 3, 4)]
        if breakdown in MEASURE_BREAKDOWNS[measure]:  # e.g. "besluit": its own cells are on the page too
            table = pattern(actor=policy, measure=measure, breakdown=breakdown, year=YEAR).table
            for name, group in (("part", part), ("rest", rest)):
                cells = table.as_rows()[table.rows.index(group)]
                for q, cell in zip((1, 2, 3, 4), cells[1], strict=True):
                    _known(bounds, (name, q), cell.display, cell.value)
                _known(bounds, (name, "jaar"), cells[2].display, cells[2].value)

    _propagate(bounds, lines)
    truth = {("part", q): PART[q - 1] for q in (1, 2, 3, 4)}
    # The 3 in the fourth quarter stays hidden: never pinned, never known to be small only from the figures.
    lo, hi = bounds[("part", 4)]
    assert lo < hi and lo <= 1 and hi >= 4, (key, bounds[("part", 4)], published)
    for cell, value in truth.items():
        lo, hi = bounds[cell]
        assert lo <= value <= hi
    # The figures still say something: the year is shown exactly (63 of 143), like a quarter of 20 of 40.
    shown = {p: (f.numerator, f.denominator) for p, f in published.items() if not f.suppressed}
    assert shown.get("jaar") == (63, 143) and (20, 40) in shown.values(), shown


def test_the_old_per_period_shares_would_give_the_small_quarter_away():
    """The attack above is able to fail: the same counts published per period on their own (the former
    `Figure.share_of`) pin the 3 down."""
    year = Figure.share_of("x", "", sum(PART), sum(PART) + sum(REST))
    quarters = [Figure.share_of("x", "", p, p + r) for p, r in zip(PART, REST, strict=True)]
    assert year.numerator == 63 and quarters[3].bound  # the year exact, the fourth quarter only a bound
    derived = year.numerator - sum(q.numerator or 0 for q in quarters[:3])
    assert derived == 3


def test_a_figure_period_must_be_a_quarter_or_a_year(world):
    from stevig.testing.personas import api_client

    client = api_client(world.policy)
    for url in ("/api/v1/trajectories/figures", "/api/v1/decisions/figures"):
        bad = client.get(url, {"since": "2026-01-01", "until": "2026-02-10"})
        assert bad.status_code == 400 and "periode" in bad.json()["errors"], url
        assert client.get(url, {"periode": "2026-K7"}).status_code == 400
        ok = client.get(url, {"periode": "2026-K2"})
        assert ok.status_code == 200 and {r["period"] for r in ok.json()["results"]} == {"2026-K2"}
    assert dt.date(2026, 4, 1) == Period.parse("2026-K2").start


@pytest.mark.parametrize(
    "url",
    [
        "/trajecten/cijfers/?periode=2025-K2",
        "/beschikkingen/cijfers/?periode=2025",
        "/api/v1/trajectories/figures?periode=2025",
        "/api/v1/decisions/figures?periode=2025-K4",
        "/api/v1/figures/plans?periode=2025",
    ],
)
def test_the_figure_pages_read_a_constant_number_of_queries(world, url):
    """Served from the summary tables: more rows counted by the job cost no extra query on the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stevig.testing.personas import api_client, web_client

    client = api_client(world.policy) if url.startswith("/api/") else web_client(world.policy)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _seed(
        world, Measure.TRAJECTORIES, Breakdown.BASIC_HELP, groups.WITH_BASIC_HELP, groups.WITHOUT_BASIC_HELP
    )
    queries()  # the first request of a session warms caches
    few = queries()
    for _key, measure, breakdown, part, rest in FIGURES[1:]:
        SummaryCount.objects.filter(measure=measure, breakdown=breakdown).delete()
        _seed(world, measure, breakdown, part, rest)
    assert queries() == few
    # Worker personas get no figures at all (and no resident data).
    worker = api_client(world.own_worker) if url.startswith("/api/") else web_client(world.own_worker)
    assert worker.get(url).status_code == 403

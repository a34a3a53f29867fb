"""Issue 12 point 2: the intake figures per quarter and per year are one table (quarters as columns, the
year as total), so a reader who asks for the year and its four quarters cannot compute a small group of
one quarter as the year minus the other three. The test asks for all five and tries."""

import datetime as dt
import itertools

from stevig.intake import selectors
from stevig.intake.models import FirstContact, Question
from stevig.intake.tests.helpers import actor
from stevig.patterns.services import refresh
from stevig.selfassessment.tests.test_indicators import at, make
from stevig.tenancy.models import Neighbourhood

# Per neighbourhood, first contacts in K1..K4 of 2026 (K4 before 30 November).
COUNTS = {"Noord": (3, 6, 7, 8), "Zuid": (9, 12, 6, 10)}
CHANNELS = ("telefoon", "online")


def test_year_minus_three_quarters_gives_no_small_group_away(world) -> None:
    n = itertools.count()
    for name, per_quarter in COUNTS.items():
        hood, _created = Neighbourhood.objects.get_or_create(municipality=world.municipality, name=name)
        for quarter, count in enumerate(per_quarter, start=1):
            for i in range(count):
                day = dt.date(2026, 3 * quarter - 1, 10)
                q = make(
                    Question,
                    world,
                    received_at=at(day),
                    neighbourhood=hood,
                    channel=CHANNELS[i % 2],
                    idempotency_key=f"attack-{next(n)}",
                )
                make(
                    FirstContact, world, question=q, contact_date=day, clientondersteuning_offered=i % 3 == 0
                )
    refresh(municipality_id=world.municipality.id)  # the figures are read from the summary tables
    policy = actor(world.policy)
    year = selectors.intake_figures(actor=policy, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    quarters = [
        selectors.intake_figures(
            actor=policy,
            start=dt.date(2026, 3 * q - 2, 1),
            end=(dt.date(2026, 3 * q + 1, 1) if q < 4 else dt.date(2027, 1, 1)) - dt.timedelta(days=1),
        )
        for q in range(1, 5)
    ]
    noord_k1 = {g.group: g for g in quarters[0].first_contact_by_neighbourhood}["Noord"]
    assert noord_k1.display == "<5"
    for breakdown in ("first_contact_by_neighbourhood", "first_contact_by_channel"):
        for group in {g.group for g in getattr(year, breakdown)}:
            total = {g.group: g for g in getattr(year, breakdown)}[group].questions
            cells = [{g.group: g for g in getattr(f, breakdown)}.get(group) for f in quarters]
            hidden = [c for c in cells if c is not None and c.questions is None]
            if total is None or not hidden:
                continue
            # What a reader can solve: the hidden quarters share what the shown ones leave of the year.
            rest = total - sum(c.questions or 0 for c in cells if c is not None)
            ranges = [range(1, 5) if c.display == "<5" else range(5, rest + 1) for c in hidden]
            solutions = [v for v in itertools.product(*ranges) if sum(v) == rest]
            for i, c in enumerate(hidden):
                if c.display == "<5":
                    assert len({s[i] for s in solutions}) >= 2, (breakdown, group)
    # The same for the total of first contacts over the quarters.
    if year.first_contacts is not None:
        hidden = [f for f in quarters if f.first_contacts is None]
        assert len(hidden) != 1


def _contacts(world, counts: dict[str, tuple[int, ...]], start: int = 0) -> None:  # type: ignore[no-untyped-def]
    n = itertools.count(start)
    for name, per_quarter in counts.items():
        hood = Neighbourhood.objects.filter(municipality=world.municipality, name=name).first()
        if hood is None:
            code = f"WK9{Neighbourhood.objects.count():05d}"
            hood = Neighbourhood.objects.create(municipality=world.municipality, name=name, code=code)
        for quarter, count in enumerate(per_quarter, start=1):
            for i in range(count):
                day = dt.date(2026, 3 * quarter - 1, 10)
                q = make(
                    Question,
                    world,
                    received_at=at(day),
                    neighbourhood=hood,
                    team=world.team,
                    channel=CHANNELS[i % 2],
                    idempotency_key=f"c-{next(n)}",
                )
                make(
                    FirstContact, world, question=q, contact_date=day, clientondersteuning_offered=i % 3 == 0
                )


def test_the_intake_figures_beside_the_patterns_page_give_no_small_group_away(world) -> None:
    """Policy's intake figures are cells of the patterns page's first-contact tables (one suppression over
    every breakdown). The reader collects the intake figures of the year and its quarters (counts per
    neighbourhood and channel, the total, the offered share with its base) and every breakdown of the
    patterns page, and propagates: a group is the sum of its quarters, every breakdown sums to the total.
    No small count is narrowed, no hidden one pinned."""
    from stevig.core.suppression import Period
    from stevig.patterns.models import MEASURE_BREAKDOWNS, Measure
    from stevig.patterns.selectors import pattern
    from stevig.patterns.tests.test_figures_attack import BIG, _known, _propagate

    _contacts(world, COUNTS)
    refresh(municipality_id=world.municipality.id)
    policy = actor(world.policy)
    tables = {
        b: pattern(actor=policy, measure=Measure.FIRST_CONTACTS, breakdown=b, year=2026).table
        for b in MEASURE_BREAKDOWNS[Measure.FIRST_CONTACTS]
    }
    periods: list[object] = [1, 2, 3, 4, "jaar"]
    rows = {b: [str(r) for r in t.rows] for b, t in tables.items()}
    rows["aangeboden"] = ["aangeboden"]
    bounds = {(b, g, p): [0, BIG] for b, groups in rows.items() for g in groups for p in periods}
    bounds |= {("all", p): [0, BIG] for p in periods}
    lines = [([(b, g, q) for q in (1, 2, 3, 4)], (b, g, "jaar")) for b, gs in rows.items() for g in gs]
    lines += [([("all", q) for q in (1, 2, 3, 4)], ("all", "jaar"))]
    lines += [
        ([(b, g, p) for g in gs], ("all", p)) for b, gs in rows.items() if b != "aangeboden" for p in periods
    ]
    hidden: dict[object, str] = {}

    def publish(key: object, display: str, value: int | None) -> None:
        _known(bounds, key, display, value)
        if value is None and display in ("<5", "x"):
            hidden[key] = display

    for b, table in tables.items():
        for group, cells, total in table.as_rows():
            for q, cell in zip((1, 2, 3, 4), cells, strict=True):
                publish((b, str(group), q), cell.display, cell.value)
            publish((b, str(group), "jaar"), total.display, total.value)
    for p in periods:
        figures = selectors.intake_figures(
            actor=policy, period=Period(2026) if p == "jaar" else Period(2026, p)
        )
        for b, groups in (
            ("wijk", figures.first_contact_by_neighbourhood),
            ("kanaal", figures.first_contact_by_channel),
        ):
            for g in groups:
                publish((b, g.group, p), g.display, g.questions)
        publish(("all", p), figures.first_contacts_display, figures.first_contacts)
        if figures.clientondersteuning_offered_share is not None and figures.first_contacts is not None:
            publish(
                ("aangeboden", "aangeboden", p),
                "",
                round(figures.clientondersteuning_offered_share * figures.first_contacts),
            )
    _propagate(bounds, lines)
    assert hidden.get(("wijk", "Noord", 1)) == "<5"
    for key, display in hidden.items():
        lo, hi = bounds[key]
        assert lo < hi, (key, display, bounds[key])
        if display == "<5":
            assert lo <= 1 and hi >= 4, (key, bounds[key])


def test_the_figures_wait_for_the_refresh_job_and_read_constant_queries(world) -> None:
    """Served from the summary tables: new first contacts change nothing until the job has run, and more
    rows cost the page and the endpoint no extra query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stevig.testing.personas import api_client, web_client

    _contacts(world, {"Zuid": (10, 10, 10, 10)})
    refresh(municipality_id=world.municipality.id)
    policy = actor(world.policy)

    def zuid(who=policy) -> int | None:  # type: ignore[no-untyped-def]
        figures = selectors.intake_figures(actor=who, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
        return {g.group: g.questions for g in figures.first_contact_by_neighbourhood}.get("Zuid")

    assert zuid() == 40 and zuid(actor(world.team_lead)) == 40  # the team's own scope too
    _contacts(world, {"Zuid": (0, 5, 0, 0)}, start=1000)
    assert zuid() == 40
    refresh(municipality_id=world.municipality.id)
    assert zuid() == 45 and zuid(actor(world.team_lead)) == 45

    for client, url in (
        (web_client(world.policy), "/intake/cijfers/?periode=2026-K2"),
        (api_client(world.policy), "/api/v1/intake/figures?periode=2026"),
        (web_client(world.team_lead), "/intake/cijfers/?periode=2026"),
    ):

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200  # noqa: B023
            return len(captured)

        queries()  # the first request of a session warms caches
        few = queries()
        _contacts(world, {"Oost": (6, 7, 8, 9), "West": (5, 5, 5, 5)}, start=2000 + few * 100)
        refresh(municipality_id=world.municipality.id)
        assert queries() == few, url
        body = client.get(url).content.decode()
        assert "Oost" in body and ("Bijgewerkt op" in body or "refreshed_at" in body)
    assert web_client(world.own_worker).get("/intake/cijfers/").status_code == 403

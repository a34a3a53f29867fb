"""Issue 12 point 2: the intake figures per quarter and per year are one table (quarters as columns, the
year as total), so a reader who asks for the year and its four quarters cannot compute a small group of
one quarter as the year minus the other three. The test asks for all five and tries."""

import datetime as dt
import itertools

from stevig.intake import selectors
from stevig.intake.models import FirstContact, Question
from stevig.intake.tests.helpers import actor
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

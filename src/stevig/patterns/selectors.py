"""Patterns for policy, read from the summary tables only, suppressed by `stevig.core.suppression`."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from stevig.accounts.models import Role
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core.context import Actor
from stevig.core.errors import RoleDenied
from stevig.core.suppression import Cell, Period, Table
from stevig.patterns.figures import suppress
from stevig.patterns.models import MUNICIPALITY, Breakdown, Measure, SummaryCount, SummaryRefresh

QUARTERS = [1, 2, 3, 4]
CHART_WIDTH = 400


@dataclass
class Bar:
    label: str
    cell: Cell
    width: int  # px on a CHART_WIDTH scale; 0 when hidden
    y: int


@dataclass
class Pattern:
    measure: str
    measure_label: str
    breakdown: str
    breakdown_label: str
    year: int
    table: Table
    refreshed_at: datetime | None
    bars: list[Bar]
    chart_height: int

    @property
    def summary(self) -> str:
        """The chart's text alternative in one sentence."""
        visible = [b for b in self.bars if b.cell.value is not None]
        if not visible:
            return _("Geen cijfers om te tonen.")
        top = max(visible, key=lambda b: b.cell.value or 0)
        return _("In %(y)s: totaal %(t)s. Het meest in %(g)s (%(n)s).") % {
            "y": self.year,
            "t": self.table.total.display,
            "g": top.label,
            "n": top.cell.display,
        }

    def csv_rows(self) -> list[list[str]]:
        """Exactly what the page shows: the suppressed figures, as text."""
        header = [self.breakdown_label] + [f"K{q}" for q in QUARTERS] + [_("totaal")]
        rows = [header]
        for group, cells, total in self.table.as_rows():
            rows.append([str(group)] + [c.display for c in cells] + [total.display])
        rows.append(
            [_("totaal")] + [c.display for c in self.table.column_totals()] + [self.table.total.display]
        )
        return rows


def suppressed_tables(
    municipality_id: uuid.UUID, measure: str, year: int, *, default: str = Breakdown.NEIGHBOURHOOD
) -> dict[str, Table]:
    """Every breakdown of one measure in one year, suppressed together (quarters as columns), read from
    the summary tables. No access check and no log: callers are `pattern` and the quarterly report job."""
    rows = SummaryCount.objects.filter(
        municipality_id=municipality_id, scope=MUNICIPALITY, measure=measure, year=year
    ).values_list("breakdown", "group", "quarter", "count")
    counts: dict[str, dict[tuple[str, int], int]] = {}
    for b, group, quarter, n in rows:
        counts.setdefault(b, {})[(group, quarter)] = n
    return suppress(measure, counts, default=default)


def pattern(*, actor: Actor, measure: str, breakdown: str, year: int) -> Pattern:
    """One measure per group and quarter of one year, with totals. All breakdowns of the measure are
    suppressed together, so switching between them gives nothing away (see `suppress_breakdowns`)."""
    if not actor.user.is_staff_member or actor.role != Role.POLICY:
        log.denied(actor, Action.READ, Part.FIGURES, object_type="patterns")
        raise RoleDenied(_("Alleen beleid ziet de patronen."))
    Period.parse(str(year))
    tables = suppressed_tables(actor.municipality_id, measure, year, default=breakdown)
    available = list(tables)
    table = tables.get(breakdown) or tables[available[0]]
    stamp = (
        SummaryRefresh.objects.filter(municipality_id=actor.municipality_id)
        .values_list("refreshed_at", flat=True)
        .first()
    )
    largest = max([t.value or 0 for _g, _c, t in table.as_rows()] + [1])
    bars = [
        Bar(str(group), total, round(CHART_WIDTH * (total.value or 0) / largest), 10 + i * 30)
        for i, (group, _cells, total) in enumerate(table.as_rows())
    ]
    log.allowed(
        actor, Action.READ, Part.FIGURES, object_type="patterns", detail={"maat": measure, "jaar": year}
    )
    return Pattern(
        measure,
        str(Measure(measure).label),
        breakdown,
        str(Breakdown(breakdown).label),
        year,
        table,
        stamp,
        bars,
        20 + 30 * len(bars),
    )

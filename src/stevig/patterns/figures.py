"""Share figures of the per-app figure pages (trajectories, plans, decisions, transitions, safety), read from
the summary tables that the background job fills (`patterns.services`), never from the raw rows.

A share is one group of a breakdown (the part) against another group of the same breakdown (the rest), in
one quarter or in the year. All breakdowns of a measure, the pattern breakdowns included, are suppressed
together with the quarters as columns and the year as their total (`stevig.core.suppression`), so

* a quarter hidden in the year's table cannot be computed as the year minus the other quarters,
* the share figures and the patterns page are cells of the same published tables, and
* a share is shown only when both its part and its rest are shown (`Figure.share_of_cells`).
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from stevig.core.suppression import Cell, Figure, Period, Table, suppress_breakdowns
from stevig.patterns.models import MUNICIPALITY, Breakdown, SummaryCount, SummaryRefresh
from stevig.patterns.services import relations

QUARTERS = [1, 2, 3, 4]

Counts = dict[str, dict[tuple[str, int], int]]  # breakdown → (group, quarter) → count


def suppress(measure: str, counts: Counts, *, default: str = Breakdown.NEIGHBOURHOOD) -> dict[str, Table]:
    """Every breakdown of one measure in one year, suppressed together (quarters as columns), with the
    relations a reader knows between them (`patterns.services.relations`). The one function behind the
    patterns page, the figure pages and the quarterly report, so they publish the same cells. Without
    counts: an empty table of `default`."""
    order = [b for b in Breakdown.values if b in counts] or [default]
    groups = {b: {g for g, _q in counts.get(b, {})} for b in order}
    return suppress_breakdowns(
        {b: (counts.get(b, {}), sorted(groups[b])) for b in order},
        columns=QUARTERS,
        relations=relations(measure, groups),
    )


@dataclass
class Summaries:
    """One municipality's summary counts of one year (one query), suppressed per measure on first use."""

    municipality_id: uuid.UUID
    year: int
    refreshed_at: datetime | None
    counts: dict[str, Counts]
    _tables: dict[str, dict[str, Table]] = field(default_factory=dict)

    @classmethod
    def load(cls, municipality_id: uuid.UUID, year: int, *, scope: str = MUNICIPALITY) -> "Summaries":
        """`scope`: the municipality (""), or one team's id (`patterns.models.MUNICIPALITY`)."""
        counts: dict[str, Counts] = {}
        for measure, breakdown, group, quarter, n in SummaryCount.objects.filter(
            municipality_id=municipality_id, scope=scope, year=year
        ).values_list("measure", "breakdown", "group", "quarter", "count"):
            counts.setdefault(measure, {}).setdefault(breakdown, {})[(group, quarter)] = n
        stamp = (
            SummaryRefresh.objects.filter(municipality_id=municipality_id)
            .values_list("refreshed_at", flat=True)
            .first()
        )
        return cls(municipality_id, year, stamp, counts)

    def tables(self, measure: str) -> dict[str, Table]:
        if measure not in self._tables:
            counts = self.counts.get(measure)
            self._tables[measure] = suppress(measure, counts) if counts else {}
        return self._tables[measure]

    def cell(self, measure: str, breakdown: str, group: str, period: Period) -> Cell:
        """The published count of one group in the period; a group without rows is 0."""
        table = self.tables(measure).get(breakdown)
        if table is None or group not in table.rows:
            return Cell(0)
        return table.row_total(group) if period.quarter is None else table.cell(group, period.quarter)

    def total(self, measure: str, period: Period) -> Cell:
        """The published number of rows of the measure in the period (the same in every breakdown)."""
        tables = self.tables(measure)
        if not tables:
            return Cell(0)
        table = next(iter(tables.values()))
        return table.total if period.quarter is None else table.column_total(period.quarter)

    def share(
        self, key: str, label: str, *, measure: str, breakdown: str, part: str, rest: str, period: Period
    ) -> Figure:
        return Figure.share_of_cells(
            key,
            label,
            self.cell(measure, breakdown, part, period),
            self.cell(measure, breakdown, rest, period),
        )

    def average(self, key: str, label: str, *, amount: Cell, cases: Cell) -> Figure:
        """An average per case, shown only when both the amount and the number of cases are shown."""
        if amount.value is None or cases.value is None:
            return Figure(key, label, None, None, None, True)
        return Figure.average_of(key, label, amount.value, cases.value)

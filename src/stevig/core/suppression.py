"""The one suppression module for every figure Stevig shows to policy (kader ch. 3, principle 4).

Figures about residents are published only in a form that cannot point to a household:

* **Counts.** A count from 1 to 4 is shown as "<5" (*primary suppression*). Zero is shown: it says
  nothing about a person.
* **Totals give nothing away.** A hidden count must not be derivable from a row or column total. When a
  line (a row with its total, or a column with its total) hides a small count, more cells in that line
  are hidden too (*secondary suppression*, shown as "x") until every small count in it could still be
  anything from 1 to 4 and no hidden cell can be computed back. When nothing is left to hide, the total
  itself is hidden. Lines are checked again and again until all of them hold, so a cell hidden for a
  column cannot be computed back through its row.
* **Periods and filters.** Figures are asked for one calendar quarter or one calendar year
  (`Period.parse`), never a free date range: two overlapping free ranges would show a small group as their
  difference. A year is the total of its four quarters, so quarters and year are suppressed together in
  one table (`suppress_table` with the quarters as columns). Breakdowns of the same population (by
  neighbourhood, by channel, …) share the row of quarter totals; `suppress_breakdowns` hides a total in
  all of them when one of them needs it hidden, so combining two pages does not help either.
* **Shares.** A share is shown over at least `MIN_SHARE_BASE` cases. When the part or the rest is a small
  count (1 to 4), the exact share would give it away: then only a bound is shown ("ten minste 96 %").

The rule for one line, where the total is shown and some cells are hidden: let p be the number of hidden
small counts, s the number of other hidden cells and S the sum of all hidden cells. A reader knows that each
small count is 1 to 4 and each other hidden cell at least 5. The line is safe when s ≥ 1 and
S ≥ p + 5·s + 3: then a small count can still be 4 (the others at their minimum) or 1 (an "x" absorbs
the rest), and no hidden cell is fixed by the total. With only small counts hidden (s = 0) the line is
safe when p ≥ 2 and p + 3 ≤ S ≤ 4·p - 3: each of them can then still be 1 and 4. The tests attack
published tables with every derivation a reader can make from totals (`tests/test_suppression.py`).
"""

import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Counts below this number are not shown ("<5").
MIN_CELL = 5
#: A share (percentage) is shown only over at least this many cases.
MIN_SHARE_BASE = 10

SMALL_LABEL = "<5"
SECONDARY_LABEL = "x"


class Hidden(StrEnum):
    NO = ""
    SMALL = "small"  # 1..4: shown as "<5"
    SECONDARY = "secondary"  # hidden so a small count cannot be computed back: shown as "x"


@dataclass(frozen=True)
class Cell:
    """One published count: `value` is None when hidden."""

    value: int | None
    hidden: Hidden = Hidden.NO

    @property
    def display(self) -> str:
        if self.hidden == Hidden.SMALL:
            return SMALL_LABEL
        if self.hidden == Hidden.SECONDARY:
            return SECONDARY_LABEL
        return str(self.value)

    @property
    def suppressed(self) -> bool:
        return self.hidden != Hidden.NO


def is_small(value: int) -> bool:
    return 0 < value < MIN_CELL


def count(value: int) -> Cell:
    """A single count with no published total beside it (primary suppression only)."""
    return Cell(None, Hidden.SMALL) if is_small(value) else Cell(value)


def _published(value: int, hidden: bool) -> Cell:
    if not hidden:
        return Cell(value)
    return Cell(None, Hidden.SMALL if is_small(value) else Hidden.SECONDARY)


def line_is_safe(cells: Sequence[int], hidden: Sequence[bool], total_hidden: bool) -> bool:
    """True when no hidden cell of this line can be pinned down from its published total (see above)."""
    if total_hidden or not any(hidden):
        return True
    values = [v for v, h in zip(cells, hidden, strict=True) if h]
    small = sum(1 for v in values if v < MIN_CELL)
    other = len(values) - small
    if other == 0:
        # Only small counts hidden (each 1 to 4): each can still be 1 and 4 when their sum S lies in
        # p + 3 .. 4p - 3 (a cell is at least S - 4(p - 1) and at most S - (p - 1)).
        return small >= 2 and small + 3 <= sum(values) <= (MIN_CELL - 1) * small - 3
    return len(values) >= 2 and sum(values) >= small + MIN_CELL * other + 3


def suppress_line(cells: Sequence[int]) -> tuple[list[Cell], Cell]:
    """A breakdown with its total, for example first contacts per neighbourhood and the municipality total."""
    table = suppress_table(
        {(0, i): v for i, v in enumerate(cells)}, rows=[0], columns=list(range(len(cells)))
    )
    return [table.cell(0, i) for i in range(len(cells))], table.row_total(0)


@dataclass
class Table:
    """A published table: rows x columns, row totals, column totals and the grand total."""

    rows: list[Hashable]
    columns: list[Hashable]
    values: list[list[int]]  # (rows + 1) x (columns + 1); the last row and column are the totals
    hidden: list[list[bool]] = field(default_factory=list)

    def _at(self, i: int, j: int) -> Cell:
        return _published(self.values[i][j], self.hidden[i][j])

    def cell(self, row: Hashable, column: Hashable) -> Cell:
        return self._at(self.rows.index(row), self.columns.index(column))

    def row_total(self, row: Hashable) -> Cell:
        return self._at(self.rows.index(row), len(self.columns))

    def column_total(self, column: Hashable) -> Cell:
        return self._at(len(self.rows), self.columns.index(column))

    @property
    def total(self) -> Cell:
        return self._at(len(self.rows), len(self.columns))

    def column_totals(self) -> list[Cell]:
        return [self.column_total(c) for c in self.columns]

    def as_rows(self) -> list[tuple[Hashable, list[Cell], Cell]]:
        """(row key, its cells in column order, its total), for templates and CSV."""
        return [(r, [self.cell(r, c) for c in self.columns], self.row_total(r)) for r in self.rows]

    def _lines(self) -> Iterable[tuple[list[tuple[int, int]], tuple[int, int]]]:
        n_rows, n_cols = len(self.rows), len(self.columns)
        for i in range(n_rows + 1):
            yield [(i, j) for j in range(n_cols)], (i, n_cols)
        for j in range(n_cols + 1):
            yield [(i, j) for i in range(n_rows)], (n_rows, j)

    def _keys(self) -> list[tuple[int, int]]:
        return [(i, j) for i in range(len(self.rows) + 1) for j in range(len(self.columns) + 1)]

    def _suppress(self, forced: set[tuple[int, int]]) -> None:
        self.hidden = [
            [is_small(self.values[i][j]) or (i, j) in forced for j in range(len(self.columns) + 1)]
            for i in range(len(self.rows) + 1)
        ]
        lines = list(self._lines())
        while True:
            changed = True
            while changed:
                changed = False
                for cells, (ti, tj) in lines:
                    vals = [self.values[i][j] for i, j in cells]
                    hid = [self.hidden[i][j] for i, j in cells]
                    if not line_is_safe(vals, hid, self.hidden[ti][tj]):
                        self._hide_more(cells, (ti, tj))
                        changed = True
            published: dict[Key, tuple[int, bool]] = {
                (i, j): (self.values[i][j], self.hidden[i][j]) for i, j in self._keys()
            }
            weak = narrowed(published, cast(Sequence[Line], lines))
            if weak is None:
                return
            if not any(
                self._hide_more(cells, total) for cells, total in lines if weak in cells or weak == total
            ):
                # Its own lines are hidden entirely: hide the smallest count still shown anywhere.
                shown = sorted(
                    (self.values[i][j], i, j)
                    for i, j in self._keys()
                    if not self.hidden[i][j] and self.values[i][j]
                )
                if not shown:
                    return
                self.hidden[shown[0][1]][shown[0][2]] = True

    def _hide_more(self, cells: list[tuple[int, int]], total: tuple[int, int]) -> bool:
        """Hide the smallest visible non-zero cell of the line; when there is none, its total. False when
        everything in the line is hidden already."""
        candidates = sorted(
            (self.values[i][j], i, j) for i, j in cells if not self.hidden[i][j] and self.values[i][j]
        )
        if candidates:
            _, i, j = candidates[0]
        elif not self.hidden[total[0]][total[1]]:
            i, j = total
        else:
            return False
        self.hidden[i][j] = True
        return True


Key = Hashable
Line = tuple[list[Key], Key]


class InconsistentFigures(ValueError):
    """The lines given to the audit contradict the counts (a total that is not the sum of its members, e.g.
    a relation whose rows were counted from different populations). With consistent counts every true value
    stays inside its interval, so the intervals only shrink and the audit ends; with contradicting ones they
    cross and would keep moving for ever. Stopping loudly is the safe answer: no figure is published from
    counts that do not add up."""

    def __init__(self, key: Key) -> None:
        super().__init__(f"the counts do not add up at {key!r}: the lines contradict each other")
        self.key = key


def narrowed(cells: Mapping[Key, tuple[int, bool]], lines: Sequence[Line]) -> Key | None:
    """Audit: what a reader can compute back. Each published cell becomes an interval (a small count 1 to 4,
    an "x" at least 5, a shown value exactly itself); every line says its cells add up to its total.
    The intervals are tightened until nothing changes. Returns a hidden cell that got narrower than a
    reader may know (a small count no longer 1 to 4, or another hidden cell fixed to one value), or None.
    """
    found = weak_cells(cells, lines)
    return found[0] if found else None


def weak_cells(cells: Mapping[Key, tuple[int, bool]], lines: Sequence[Line]) -> list[Key]:
    """Every hidden cell `narrowed` would report: in the order of `cells`, but small counts narrowed below
    1 to 4 before hidden cells that are only pinned (a pinned count of 5 or more is no small group; it
    matters only when it narrows a small one, which the propagation then reports as well)."""
    big = 1 + sum(v for v, _ in cells.values())
    bounds = {
        k: ([1, 4] if is_small(v) else [MIN_CELL, big]) if hidden else [v, v]
        for k, (v, hidden) in cells.items()
    }
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            lo_sum = sum(bounds[c][0] for c in members)
            hi_sum = sum(bounds[c][1] for c in members)
            t = bounds[total]
            tightened = [max(t[0], lo_sum), min(t[1], hi_sum)]
            if tightened[0] > tightened[1]:
                raise InconsistentFigures(total)
            if tightened != t:
                t[:] = tightened
                changed = True
            for c in members:
                b = bounds[c]
                new = [max(b[0], t[0] - (hi_sum - b[1])), min(b[1], t[1] - (lo_sum - b[0]))]
                if new[0] > new[1]:
                    raise InconsistentFigures(c)
                if new != b:
                    b[:] = new
                    changed = True
    small, pinned = [], []
    for k, (v, hidden) in cells.items():
        if not hidden:
            continue
        lo, hi = bounds[k]
        if is_small(v) and (lo, hi) != (1, 4):
            small.append(k)
        elif lo >= hi:
            pinned.append(k)
    return small + pinned


def suppress_table(
    counts: Mapping[tuple[Hashable, Hashable], int],
    *,
    rows: Sequence[Hashable],
    columns: Sequence[Hashable],
    hide_column_totals: Iterable[Hashable] = (),
    hide_grand_total: bool = False,
    also_hide: Iterable[tuple[int, int]] = (),
) -> Table:
    """Counts per (row, column) with totals, suppressed so no hidden cell can be computed back.

    `hide_column_totals`/`hide_grand_total`/`also_hide` force cells hidden that another breakdown of the
    same population needs hidden (see `suppress_breakdowns`)."""
    rows, columns = list(rows), list(columns)
    values = [[int(counts.get((r, c), 0)) for c in columns] for r in rows]
    for line in values:
        line.append(sum(line))
    values.append([sum(values[i][j] for i in range(len(rows))) for j in range(len(columns) + 1)])
    table = Table(rows, columns, values)
    forced = {(len(rows), columns.index(c)) for c in hide_column_totals} | set(also_hide)
    if hide_grand_total:
        forced.add((len(rows), len(columns)))
    table._suppress(forced)
    return table


#: A relation between rows of several breakdowns that a reader knows beyond the tables' own lines: the row
#: `total` (breakdown, row) is the sum of the rows `members`, in every column and in the row totals. For
#: example mandate requests of one department = its requests on time + late + not yet measurable.
Relation = tuple[tuple[str, Hashable], Sequence[tuple[str, Hashable]]]


def suppress_breakdowns(
    breakdowns: Mapping[str, tuple[Mapping[tuple[Hashable, Hashable], int], Sequence[Hashable]]],
    *,
    columns: Sequence[Hashable],
    relations: Sequence[Relation] = (),
) -> dict[str, Table]:
    """Several breakdowns of one population over the same columns (e.g. per neighbourhood and per channel,
    by quarter). Their column totals are the same numbers, so a total hidden in one is hidden in all, and
    the tables are audited together: combining two pages must not give away a hidden cell either.

    `relations` adds what a reader knows across breakdowns (a nested breakdown: department x outcome sums
    to the department); the joint audit propagates them too, and a cell they narrow is protected by hiding
    more in the cell's own lines or, when those are hidden already, in the relation's line."""
    columns = list(columns)
    hide: set[Hashable] = set()
    hide_grand = False
    extra: dict[str, set[tuple[int, int]]] = {name: set() for name in breakdowns}
    while True:
        tables = {
            name: suppress_table(
                counts,
                rows=rows,
                columns=columns,
                hide_column_totals=hide,
                hide_grand_total=hide_grand,
                also_hide=extra[name],
            )
            for name, (counts, rows) in breakdowns.items()
        }
        now_hidden = {c for t in tables.values() for c in columns if t.column_total(c).suppressed}
        now_grand = any(t.total.suppressed for t in tables.values())
        if now_hidden != hide or now_grand != hide_grand:
            hide, hide_grand = hide | now_hidden, hide_grand or now_grand
            continue
        before = sum(len(e) for e in extra.values())
        # A hidden total hides its parts (a department hidden in a quarter hides its outcomes there): the
        # relation lines then hold two unknowns where the table lines already do.
        for (t_name, ti, tj), *members in _relation_lines(tables, relations):
            if tables[t_name].hidden[ti][tj]:
                for b, i, j in members:
                    if tables[b].values[i][j] and not tables[b].hidden[i][j]:
                        extra[b].add((i, j))
        if sum(len(e) for e in extra.values()) > before:
            continue
        for name, cell in _joint_audit(tables, relations):
            table = tables[name]
            for cells, total in table._lines():
                if cell in cells or cell == total:
                    if table._hide_more(cells, total):
                        extra[name] |= {k for k in table._keys() if table.hidden[k[0]][k[1]]}
                        break
            else:
                _hide_in_relation(tables, relations, name, cell, extra)
            if sum(len(e) for e in extra.values()) > before:
                break  # suppress again with this cell hidden
        if sum(len(e) for e in extra.values()) == before:
            return tables  # safe, or nothing left to hide for what is weak


def _relation_lines(
    tables: Mapping[str, Table], relations: Sequence[Relation]
) -> list[list[tuple[str, int, int]]]:
    """Each relation once per column and once for the row totals: [total, *members] as (name, i, j)."""
    found = []
    width = len(next(iter(tables.values())).columns) if tables else 0
    for (total_name, total_row), members in relations:
        if total_name not in tables or total_row not in tables[total_name].rows:
            continue  # a row without counts is 0, and so are its members
        if not any(b in tables and r in tables[b].rows for b, r in members):
            continue  # no member has counts: nothing to relate
        for j in range(width + 1):
            found.append(
                [
                    (b, tables[b].rows.index(r), j)
                    for b, r in ((total_name, total_row), *members)
                    if b in tables and r in tables[b].rows  # a missing member is 0
                ]
            )
    return found


def _hide_in_relation(
    tables: Mapping[str, Table],
    relations: Sequence[Relation],
    name: str,
    cell: tuple[int, int],
    extra: dict[str, set[tuple[int, int]]],
) -> None:
    """The weak cell's own lines are hidden entirely: hide the smallest cell still shown in a relation line
    through it."""
    for line in _relation_lines(tables, relations):
        if (name, *cell) not in line:
            continue
        shown = sorted(
            (tables[b].values[i][j], b, i, j)
            for b, i, j in line
            if not tables[b].hidden[i][j] and tables[b].values[i][j]
        )
        if shown:
            _v, b, i, j = shown[0]
            tables[b].hidden[i][j] = True
            extra[b] |= {k for k in tables[b]._keys() if tables[b].hidden[k[0]][k[1]]}
            return


def _joint_audit(
    tables: Mapping[str, Table], relations: Sequence[Relation] = ()
) -> list[tuple[str, tuple[int, int]]]:
    """`narrowed` over several tables whose column totals are the same cells, with the relations between
    their rows."""
    cells: dict[Key, tuple[int, bool]] = {}
    lines: list[Line] = []

    def key(name: str, table: Table, i: int, j: int) -> Key:
        return ("totaal", j) if i == len(table.rows) else (name, i, j)

    for name, table in tables.items():
        for i, j in table._keys():
            cells[key(name, table, i, j)] = (table.values[i][j], table.hidden[i][j])
        for members, (ti, tj) in table._lines():
            lines.append(([key(name, table, i, j) for i, j in members], key(name, table, ti, tj)))
    for (t_name, ti, tj), *others in _relation_lines(tables, relations):
        lines.append(([key(b, tables[b], i, j) for b, i, j in others], key(t_name, tables[t_name], ti, tj)))
    found = []
    for weak in weak_cells(cells, lines):
        w = cast(tuple[Any, ...], weak)
        if w[0] == "totaal":
            name = next(iter(tables))
            found.append((name, (len(tables[name].rows), w[1])))
        else:
            found.append((w[0], (w[1], w[2])))
    return found


# --- Shares ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A share (or an average) over a group of cases, as published.

    `numerator`/`denominator`/`share` are None when they are not shown. `bound` is the text shown instead
    of an exact share when the part or the rest is a small count ("ten minste 96 %")."""

    key: str
    label: str
    numerator: int | None
    denominator: int | None
    share: float | None  # 0..1
    suppressed: bool
    bound: str = ""

    @classmethod
    def share_of(cls, key: str, label: str, numerator: int, denominator: int) -> "Figure":
        if denominator < MIN_SHARE_BASE:
            return cls(key, label, None, None, None, True)
        rest = denominator - numerator
        if is_small(numerator):
            limit = math.ceil(100 * (MIN_CELL - 1) / denominator)
            return cls(key, label, None, denominator, None, False, _("hooguit %(p)s %%") % {"p": limit})
        if is_small(rest):
            limit = math.floor(100 * (denominator - MIN_CELL + 1) / denominator)
            return cls(key, label, None, denominator, None, False, _("ten minste %(p)s %%") % {"p": limit})
        return cls(key, label, numerator, denominator, round(numerator / denominator, 4), False)

    @classmethod
    def share_of_cells(cls, key: str, label: str, part: Cell, rest: Cell) -> "Figure":
        """A share whose part and rest are cells of a suppressed table (`suppress_table`): shown only when
        both are shown, since a hidden one would follow from the share and its base."""
        if part.value is None or rest.value is None:
            return cls(key, label, None, None, None, True)
        return cls.share_of(key, label, part.value, part.value + rest.value)

    @classmethod
    def average_of(cls, key: str, label: str, amount: int, cases: int) -> "Figure":
        """An average per case (for example consultations per trajectory); shown over enough cases."""
        if cases < MIN_SHARE_BASE:
            return cls(key, label, None, None, None, True)
        return cls(key, label, amount, cases, round(amount / cases, 4), False)

    @property
    def percentage(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def display(self) -> str:
        if self.suppressed:
            return _("te weinig om te tonen")
        if self.bound:
            return self.bound
        return f"{self.percentage} %"


# --- Periods --------------------------------------------------------------------------------------------

_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-[KkQq](?P<quarter>[1-4]))?$")


@dataclass(frozen=True)
class Period:
    """One calendar quarter ("2026-K3") or one calendar year ("2026"): the only periods figures are shown
    for, so two requests never overlap in part (the difference could show a small group)."""

    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, value: str) -> "Period":
        match = _PERIOD.match((value or "").strip())
        if not match:
            raise ValidationError(
                {"periode": _("Kies een kwartaal (bijvoorbeeld 2026-K3) of een jaar (bijvoorbeeld 2026).")}
            )
        quarter = match.group("quarter")
        return cls(int(match.group("year")), int(quarter) if quarter else None)

    @classmethod
    def containing(cls, day: date, *, whole_year: bool = False) -> "Period":
        return cls(day.year, None if whole_year else (day.month - 1) // 3 + 1)

    @classmethod
    def from_range(cls, since: date | None, until: date | None, *, today: date) -> "Period":
        """The period a free date range stands for, when it is exactly one quarter or year; otherwise a
        field error. No dates means the current year."""
        if since is None and until is None:
            return cls(today.year)
        year = since.year if since else today.year
        for candidate in (cls(year), *(cls(year, q) for q in range(1, 5))):
            if candidate.start == since and candidate.end == until:
                return candidate
        raise ValidationError(
            {
                "periode": _(
                    "Cijfers zijn er per heel kwartaal of heel jaar. Kies begin en eind van een kwartaal."
                )
            }
        )

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    @property
    def quarters(self) -> list["Period"]:
        """The quarters of this period's year: the columns its figures are suppressed over together."""
        return [Period(self.year, q) for q in range(1, 5)]

    @property
    def year_period(self) -> "Period":
        return Period(self.year)

    def __str__(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year}-K{self.quarter}"

    @property
    def label(self) -> str:
        if self.quarter is None:
            return str(self.year)
        return _("kwartaal %(q)s van %(y)s") % {"q": self.quarter, "y": self.year}

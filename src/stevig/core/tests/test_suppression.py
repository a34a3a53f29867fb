"""Suppression: small counts hidden, and deliberate attempts to compute them back from what is published
(row and column totals, a year beside its quarters, two breakdowns of the same population)."""

import itertools
import random
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from stevig.core.suppression import (
    SECONDARY_LABEL,
    SMALL_LABEL,
    Figure,
    Period,
    Table,
    count,
    suppress_breakdowns,
    suppress_line,
    suppress_table,
)

BIG = 10**6


def published_lines(table: Table) -> list[tuple[list[str], str]]:
    """What a reader sees, as lines of (cells, total) in display form: each row and each column, plus the
    row of column totals and the column of row totals."""
    grid = [[c.display for c in cells] + [total.display] for _, cells, total in table.as_rows()]
    grid.append([c.display for c in table.column_totals()] + [table.total.display])
    n_rows, n_cols = len(table.rows), len(table.columns)
    lines = [([grid[i][j] for j in range(n_cols)], grid[i][n_cols]) for i in range(n_rows + 1)]
    lines += [([grid[i][j] for i in range(n_rows)], grid[n_rows][j]) for j in range(n_cols + 1)]
    return lines


def attack(tables: list[Table]) -> dict[tuple[int, int, int], tuple[int, int]]:
    """A reader's best effort: every published cell becomes an interval ("<5" is 1 to 4, "x" at least 5) and
    every line says cells add up to the total. Tighten the intervals until nothing changes and return
    them per (table, row, column). Whatever this finds is true of the real table."""
    intervals: dict[tuple[int, int, int], list[int]] = {}
    lines: list[tuple[list[tuple[int, int, int]], tuple[int, int, int]]] = []
    for t, table in enumerate(tables):
        n_rows, n_cols = len(table.rows), len(table.columns)
        grid = [[c for c in cells] + [total] for _, cells, total in table.as_rows()]
        grid.append([*table.column_totals(), table.total])
        for i, row in enumerate(grid):
            for j, cell in enumerate(row):
                if cell.display == SMALL_LABEL:
                    intervals[(t, i, j)] = [1, 4]
                elif cell.display == SECONDARY_LABEL:
                    intervals[(t, i, j)] = [5, BIG]
                else:
                    intervals[(t, i, j)] = [cell.value, cell.value]
        lines += [([(t, i, j) for j in range(n_cols)], (t, i, n_cols)) for i in range(n_rows + 1)]
        lines += [([(t, i, j) for i in range(n_rows)], (t, n_rows, j)) for j in range(n_cols + 1)]
    # Two tables over the same columns share the column totals: the reader links them.
    for t, table in enumerate(tables[1:], start=1):
        if table.columns == tables[0].columns:
            n0, n = len(tables[0].rows), len(table.rows)
            for j in range(len(table.columns) + 1):
                a, b = intervals[(0, n0, j)], intervals[(t, n, j)]
                lo, hi = max(a[0], b[0]), min(a[1], b[1])
                a[:] = b[:] = [lo, hi]
                intervals[(t, n, j)] = a
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            t_lo, t_hi = intervals[total]
            lo_sum = sum(intervals[c][0] for c in cells)
            hi_sum = sum(intervals[c][1] for c in cells)
            new_total = [max(t_lo, lo_sum), min(t_hi, hi_sum)]
            if new_total != [t_lo, t_hi]:
                intervals[total][:] = new_total
                changed = True
            for c in cells:
                lo, hi = intervals[c]
                others_lo = lo_sum - lo
                others_hi = hi_sum - hi
                new = [max(lo, intervals[total][0] - others_hi), min(hi, intervals[total][1] - others_lo)]
                if new != [lo, hi]:
                    intervals[c][:] = new
                    changed = True
    return {k: (v[0], v[1]) for k, v in intervals.items()}


def assert_nothing_derived(tables: list[Table]) -> None:
    found = attack(tables)
    for t, table in enumerate(tables):
        grid = [[c for c in cells] + [total] for _, cells, total in table.as_rows()]
        grid.append([*table.column_totals(), table.total])
        for i, row in enumerate(grid):
            for j, cell in enumerate(row):
                lo, hi = found[(t, i, j)]
                if cell.suppressed:
                    assert lo < hi, f"hidden cell {(t, i, j)} computed back as {lo}"


def test_small_counts_are_shown_as_less_than_five() -> None:
    assert count(3).display == "<5"
    assert count(0).display == "0"
    assert count(5).display == "5"


def test_the_total_does_not_give_away_the_one_small_neighbourhood() -> None:
    """The issue's example: 5, 5 and 3 first contacts with "13 in total" revealed the 3."""
    cells, total = suppress_line([5, 5, 3])
    assert cells[2].display == "<5"
    assert sum(c.suppressed for c in cells) >= 2 or total.suppressed
    # A reader who subtracts the visible cells from the total cannot pin down the 3.
    visible = sum(c.value for c in cells if c.value is not None)
    if not total.suppressed:
        hidden_sum = total.value - visible  # type: ignore[operator]
        # both (1 + rest) and (4 + rest) are possible: the rest is hidden as "x" (at least 5)
        assert hidden_sum - 1 >= 5 and hidden_sum - 4 >= 5


def test_a_line_without_small_counts_is_shown_whole() -> None:
    cells, total = suppress_line([7, 12, 9])
    assert [c.display for c in cells] == ["7", "12", "9"] and total.display == "28"


def test_brute_force_every_small_line_keeps_every_value_possible() -> None:
    """For every line of three counts 0..9: every value 1..4 of each hidden small cell is consistent with
    what is published (the reader cannot tell which), trying every value of the hidden cells."""
    for values in itertools.product(range(10), repeat=3):
        cells, total = suppress_line(list(values))
        hidden = [i for i, c in enumerate(cells) if c.suppressed]
        if not hidden:
            continue
        shown = sum(c.value for c in cells if c.value is not None)
        ranges = [range(1, 5) if cells[i].display == SMALL_LABEL else range(5, 40) for i in hidden]
        possible: dict[int, set[int]] = {i: set() for i in hidden}
        for guess in itertools.product(*ranges):
            if total.value is None or shown + sum(guess) == total.value:
                for i, g in zip(hidden, guess, strict=True):
                    possible[i].add(g)
        for i in hidden:
            if cells[i].display == SMALL_LABEL:
                assert possible[i] == {1, 2, 3, 4}, (values, i, possible[i])
            else:
                assert len(possible[i]) > 1, (values, i, possible[i])


@pytest.mark.parametrize("seed", range(40))
def test_row_and_column_totals_do_not_give_away_a_hidden_cell(seed: int) -> None:
    rng = random.Random(seed)
    rows, columns = ["Noord", "Zuid", "Oost", "West"][: rng.randint(2, 4)], ["K1", "K2", "K3", "K4"]
    counts = {(r, c): rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for r in rows for c in columns}
    table = suppress_table(counts, rows=rows, columns=columns)
    for (r, c), v in counts.items():
        if 0 < v < 5:
            assert table.cell(r, c).display == "<5"
    assert_nothing_derived([table])


def test_a_year_beside_its_quarters_does_not_give_away_a_small_quarter() -> None:
    """Overlapping periods: the year is the total of its quarters, so "the year minus the first three
    quarters" must not yield the fourth."""
    counts = {("Noord", "K1"): 20, ("Noord", "K2"): 18, ("Noord", "K3"): 22, ("Noord", "K4"): 3}
    table = suppress_table(counts, rows=["Noord"], columns=["K1", "K2", "K3", "K4"])
    assert table.cell("Noord", "K4").display == "<5"
    assert_nothing_derived([table])


@pytest.mark.parametrize("seed", range(25))
def test_two_breakdowns_of_the_same_questions_do_not_give_away_a_hidden_cell(seed: int) -> None:
    """Filters: per neighbourhood and per channel are two views on the same questions; a quarter total
    hidden in one must not be readable in the other."""
    rng = random.Random(1000 + seed)
    columns = ["K1", "K2", "K3", "K4"]
    by_hood = {(h, c): rng.choice([0, 1, 3, 6, 9, 15]) for h in ("Noord", "Zuid", "Oost") for c in columns}
    per_column = {c: sum(by_hood[(h, c)] for h in ("Noord", "Zuid", "Oost")) for c in columns}
    by_channel: dict[tuple[str, str], int] = {}
    for c in columns:  # split the same quarter totals over two channels
        phone = rng.randint(0, per_column[c])
        by_channel[("telefoon", c)] = phone
        by_channel[("online", c)] = per_column[c] - phone
    tables = suppress_breakdowns(
        {"wijk": (by_hood, ["Noord", "Zuid", "Oost"]), "kanaal": (by_channel, ["telefoon", "online"])},
        columns=columns,
    )
    for c in columns:
        assert tables["wijk"].column_total(c).display == tables["kanaal"].column_total(c).display
    assert_nothing_derived([tables["wijk"], tables["kanaal"]])


def test_share_with_a_small_rest_shows_only_a_bound() -> None:
    assert Figure.share_of("k", "x", 98, 100).display == "ten minste 96 %"
    assert Figure.share_of("k", "x", 98, 100).numerator is None
    assert Figure.share_of("k", "x", 2, 100).display == "hooguit 4 %"
    assert Figure.share_of("k", "x", 7, 9).suppressed
    assert Figure.share_of("k", "x", 60, 100).display == "60 %"


def test_periods_are_whole_quarters_or_years() -> None:
    assert str(Period.parse("2026-K3")) == "2026-K3"
    assert Period.parse("2026-K3").start == date(2026, 7, 1)
    assert Period.parse("2026-K1").end == date(2026, 3, 31)
    assert Period.parse("2026").end == date(2026, 12, 31)
    with pytest.raises(ValidationError):
        Period.parse("2026-03-01..2026-04-15")
    today = date(2026, 11, 29)
    assert Period.from_range(date(2026, 4, 1), date(2026, 6, 30), today=today) == Period(2026, 2)
    assert Period.from_range(None, None, today=today) == Period(2026)
    # A range that differs from a published one by a few weeks is refused: it could isolate a small group.
    with pytest.raises(ValidationError):
        Period.from_range(date(2026, 1, 1), date(2026, 11, 15), today=today)


def test_a_line_of_only_small_hidden_counts_is_safe_exactly_when_each_can_still_be_1_and_4():
    """s = 0: every combination of 2 to 4 small counts beside a shown total, against a reader who knows each
    is 1 to 4 and their sum."""
    import itertools

    from stevig.core.suppression import line_is_safe

    for p in (1, 2, 3, 4):
        for values in itertools.product(range(1, 5), repeat=p):
            total = sum(values)
            possible = [
                {combo[i] for combo in itertools.product(range(1, 5), repeat=p) if sum(combo) == total}
                for i in range(p)
            ]
            reader_learns_nothing = p >= 2 and all(s == {1, 2, 3, 4} for s in possible)
            assert line_is_safe(list(values), [True] * p, False) == reader_learns_nothing, values


def test_counts_that_do_not_add_up_stop_the_audit_instead_of_running_for_ever() -> None:
    """A line whose total (7) cannot be the sum of its cells (a small hidden 1 to 4 and a shown 2) used to
    push the intervals past each other without end; the audit now names the line's total and stops."""
    from stevig.core.suppression import InconsistentFigures, weak_cells

    cells = {"klein": (3, True), "getoond": (2, False), "totaal": (7, False)}
    with pytest.raises(InconsistentFigures) as raised:
        weak_cells(cells, [(["klein", "getoond"], "totaal")])
    assert raised.value.key == "totaal"
    # Counts that add up are audited as before: total 5 minus the shown 2 pins the small cell to 3.
    assert weak_cells(
        {"klein": (3, True), "getoond": (2, False), "totaal": (5, False)}, [(["klein", "getoond"], "totaal")]
    ) == ["klein"]

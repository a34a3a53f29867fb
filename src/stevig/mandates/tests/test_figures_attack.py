"""Issue 12 point 2/3: the mandate figures per department and for the whole municipality come from one
set of suppressed tables. A reader who combines both pages (department totals, "<5"/"x", and the
municipality's shares with their numerators and denominators) cannot pin a hidden department down."""

import datetime as dt
import itertools

from django.utils import timezone

from stevig.mandates.figures import department_figures, mandate_figures
from stevig.selfassessment.tests.test_indicators import make
from stevig.testing import factories as f


def test_combining_department_and_municipality_figures_gives_no_small_department_away(world) -> None:
    departments = {
        "Armoede": (22, 8, 6),  # within term, late, open and not yet due
        "Jeugd": (15, 6, 5),
        "Wonen": (3, 0, 0),  # a small department
    }
    from stevig.trajectories.models import Trajectory

    trajectory = make(Trajectory, world)
    for name, (within, late, open_) in departments.items():
        department = f.DepartmentFactory(municipality=world.municipality, name=name)
        for value, n in ((True, within), (False, late), (None, open_)):
            for _ in range(n):
                _request(world, department, value, trajectory)
    rows = {r.department: r for r in department_figures(world.municipality.id)}
    figures = {fig.key: fig for fig in mandate_figures(world.municipality.id, None, None)}
    assert rows["Wonen"].total_display == "<5"
    # Published: department totals (exact or hidden) and, where shown, the municipality's denominators.
    hidden = [name for name, r in rows.items() if r.total is None]
    shown = sum(r.total for r in rows.values() if r.total is not None)
    grand = {
        fig.denominator for fig in figures.values() if fig.denominator is not None and "within" not in fig.key
    }
    assert len(grand) <= 1
    # Every assignment of hidden totals a reader thinks possible ("<5": 1-4, "x": at least 5).
    ranges = [range(1, 5) if rows[n].total_display == "<5" else range(5, 60) for n in hidden]
    possible = [
        values
        for values in itertools.product(*ranges)
        if not grand or shown + sum(values) == next(iter(grand))
    ]
    wonen = hidden.index("Wonen")
    assert len({v[wonen] for v in possible}) >= 2, "the small department's total follows from the others"
    # Some figures are still shown: suppression does not blank everything at this size.
    assert any(not r.suppressed for r in rows.values())


def _request(world, department, within, trajectory):  # type: ignore[no-untyped-def]
    from stevig.mandates.models import MandateRequest

    today = timezone.localdate()
    return make(
        MandateRequest,
        world,
        department=department,
        trajectory=trajectory,
        household=trajectory.household,
        handled_within_term=within,
        status="afgehandeld" if within is not None else "ontvangen",
        sent_on=dt.date(2026, 2, 2),
        due_on=today + dt.timedelta(days=30),
    )

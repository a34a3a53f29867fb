"""The indicators of the 13 principles (DESIGN.md, "The thirteen principles as capabilities"), over one
period (a calendar quarter or year, `core.suppression.Period`), read from the summary tables that the
background job fills (`patterns.services`), never from the raw rows.

Each indicator says how it is computed (`how`) and over which period. It is a share of two groups of a
breakdown of a stored measure (`_share`: the part against the rest), an average (consultations per
trajectory) or the median days to first contact, which the job stores itself (`SummaryValue`). What is
shown goes through the one suppression module together with the figure pages and the patterns page
(`patterns.figures.Summaries`): a share only when its part and its rest are both shown, so an indicator
of one quarter cannot be narrowed with the year or another page.

Principle 8 and 13 are no longer tautologies. "Shares with a recorded legal basis" and "decisions with a
recorded reason" were 100 % by construction (the database requires both). They are replaced by quality
measures that can fail:

* 8: a share is *complete* when its purpose is written out (at least `PURPOSE_MIN_CHARS` characters), at
  least one category of data is named, and, when the basis is consent, that consent was given on or before
  the day of sharing and not withdrawn before it;
* 13: a decision has an *own reason*: at least `OWN_REASON_MIN_CHARS` characters and not the same text
  as another decision of the municipality (`decisions.figures`).
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stevig.core.db_router import reporting
from stevig.core.suppression import MIN_SHARE_BASE, Figure, Period
from stevig.patterns import services as groups
from stevig.patterns.figures import Summaries
from stevig.patterns.models import MUNICIPALITY, Breakdown, FigureMeasure, Measure, SummaryValue

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PURPOSE_MIN_CHARS = groups.PURPOSE_MIN_CHARS


@dataclass(frozen=True)
class Raw:
    """The unsuppressed outcome of one indicator, from the summary tables: only for the server and tests."""

    numerator: int = 0
    denominator: int = 0
    median: float | None = None  # for the median (days)


@dataclass(frozen=True)
class _Spec:
    """Where an indicator's counts are stored: a measure, and for a share a breakdown with its part and
    rest groups (for the average: the amount's group)."""

    measure: str
    breakdown: str = ""
    part: str = ""
    rest: str = ""


def _share(measure: str, breakdown: str, part: str, rest: str) -> _Spec:
    return _Spec(measure, breakdown, part, rest)


@dataclass(frozen=True)
class Definition:
    principle: int
    key: str
    label: "StrOrPromise"
    how: "StrOrPromise"
    kind: str  # "share", "median", "average", "count_share"
    spec: _Spec
    unit: str = ""


@dataclass(frozen=True)
class Indicator:
    principle: int
    key: str
    label: str
    how: str
    period: str
    display: str
    percentage: int | None  # for a share: the shown percentage, else None
    figure: Figure | None = None
    extra: list[str] = field(default_factory=list)


DEFINITIONS: list[Definition] = [
    Definition(
        1,
        "clientondersteuning_offered",
        _("Eerste contacten waarin gratis cliëntondersteuning is aangeboden"),
        _(
            "Van alle eerste contacten in de periode: het deel waarbij is vastgelegd dat cliëntondersteuning is aangeboden."
        ),
        "share",
        _share(Measure.FIRST_CONTACTS, Breakdown.OFFERED, groups.OFFERED, groups.NOT_OFFERED),
    ),
    Definition(
        2,
        "days_to_first_contact",
        _("Dagen van vraag tot eerste contact (mediaan)"),
        _(
            "Van alle eerste contacten in de periode: de middelste waarde van het aantal dagen tussen de vraag en het eerste contact. Per kanaal en per wijk staan ze bij de cijfers van de intake."
        ),
        "median",
        _Spec(Measure.FIRST_CONTACTS),
        unit="dagen",
    ),
    Definition(
        3,
        "plans_with_network",
        _("Plannen met een actie door het netwerk of de sociale basis"),
        _(
            "Van de trajecten geopend in de periode die een plan hebben: het deel met een actie door netwerk of sociale basis, of een warme verwijzing."
        ),
        "share",
        _share(Measure.TRAJECTORIES, Breakdown.PLAN_NETWORK, groups.WITH_NETWORK, groups.WITHOUT_NETWORK),
    ),
    Definition(
        4,
        "signals_answered",
        _("Knelpunten gemeld en beantwoord door beleid"),
        _(
            "Alle knelpunten gemeld in de periode, en het deel waarop beleid heeft geantwoord (beleid aangepast of niet overgenomen)."
        ),
        "count_share",
        _share(FigureMeasure.SIGNALS, Breakdown.ANSWERED, groups.ANSWERED, groups.NOT_ANSWERED),
    ),
    Definition(
        5,
        "analysis_before_plan",
        _("Trajecten met een brede analyse vóór het plan"),
        _(
            "Van de trajecten geopend in de periode met een afgesproken plan: het deel met een analyse op of vóór de dag van het eerste afgesproken plan."
        ),
        "share",
        _share(Measure.TRAJECTORIES, Breakdown.PLAN_ANALYSIS, groups.ANALYSIS_FIRST, groups.ANALYSIS_LATER),
    ),
    Definition(
        6,
        "consultations_per_trajectory",
        _("Consultaties van een specialist per traject (gemiddeld)"),
        _("Het aantal vastgelegde consultaties gedeeld door het aantal trajecten geopend in de periode."),
        "average",
        _Spec(FigureMeasure.CONSULTATIONS, Breakdown.COUNT, groups.CONSULTATIONS),
    ),
    Definition(
        7,
        "trajectories_with_basic_help",
        _("Trajecten met basishulp door het team"),
        _("Van de trajecten geopend in de periode: het deel met ten minste één vorm van basishulp."),
        "share",
        _share(Measure.TRAJECTORIES, Breakdown.BASIC_HELP, groups.WITH_BASIC_HELP, groups.WITHOUT_BASIC_HELP),
    ),
    Definition(
        8,
        "complete_shares",
        _("Gegevensdelingen die volledig zijn vastgelegd"),
        _(
            "Van de gegevensdelingen in de periode: het deel met een uitgeschreven doel (ten minste 20 tekens), ten minste één soort gegevens, en bij toestemming een toestemming die op de dag van delen gold. Een grondslag is altijd verplicht; die meten wij daarom niet."
        ),
        "share",
        _share(FigureMeasure.DISCLOSURES, Breakdown.COMPLETE, groups.COMPLETE, groups.INCOMPLETE),
    ),
    Definition(
        9,
        "youth_17_5_with_future_plan",
        _("Jongeren met jeugdhulp die 17,5 werden en een toekomstplan hebben"),
        _(
            "Jongeren die in de periode 17,5 jaar werden en op die dag jeugdhulp hadden (een lopende Jeugdwet-beschikking of een analyse voor jeugd): het deel met een toekomstplan."
        ),
        "share",
        _share(
            FigureMeasure.HALF_YEAR, Breakdown.HAS_PLAN, groups.WITH_FUTURE_PLAN, groups.WITHOUT_FUTURE_PLAN
        ),
    ),
    Definition(
        10,
        "lifelong_decisions_fitting_duration",
        _("Beschikkingen bij een levenslange beperking met een passende duur"),
        _(
            "Van de beschikkingen in de periode bij een levenslange beperking: het deel zonder einddatum of met een lange looptijd."
        ),
        "share",
        _share(Measure.DECISIONS, Breakdown.DURATION, groups.LIFELONG_FITTING, groups.LIFELONG_OTHER),
    ),
    Definition(
        11,
        "mandate_requests_within_term",
        _("Mandaatverzoeken op tijd afgehandeld"),
        _(
            "Van de mandaatverzoeken verstuurd in de periode die zijn afgehandeld of over hun termijn zijn: het deel dat binnen de termijn is afgehandeld."
        ),
        "share",
        _share(Measure.MANDATES, Breakdown.MEASURED, groups.WITHIN, groups.LATE_OR_OVERDUE),
    ),
    Definition(
        12,
        "safety_tracks_decided",
        _("Veiligheidssporen met een besluit in stap 5"),
        _("Van de veiligheidssporen (Meldcode) geopend in de periode: het deel met een besluit in stap 5."),
        "share",
        _share(Measure.SAFETY, Breakdown.DECIDED, groups.DECIDED, groups.NOT_DECIDED),
    ),
    Definition(
        13,
        "decisions_with_own_reason",
        _("Beschikkingen met een eigen reden"),
        _(
            "Van de beschikkingen in de periode: het deel met een reden van ten minste 40 tekens die niet letterlijk bij een andere beschikking staat. (Een reden is altijd verplicht; daarom meten wij of hij bij dit huishouden past.)"
        ),
        "share",
        _share(Measure.DECISIONS, Breakdown.OWN_REASON, groups.OWN_REASON, groups.NO_OWN_REASON),
    ),
]


def _median(municipality_id: uuid.UUID, period: Period) -> float | None:
    """The median days from question to first contact of the period, as the job stored it."""
    return (
        SummaryValue.objects.filter(
            municipality_id=municipality_id,
            scope=MUNICIPALITY,
            measure=Measure.FIRST_CONTACTS,
            breakdown=Breakdown.COUNT,
            group=groups.ALL_CONTACTS,
            year=period.year,
            quarter=period.quarter or 0,
        )
        .values_list("value", flat=True)
        .first()
    )


def _count(summaries: Summaries, measure: str, breakdown: str, group: str | None, period: Period) -> int:
    """An unsuppressed stored count: one group (or all groups) of the period."""
    cells = summaries.counts.get(measure, {}).get(breakdown, {})
    return sum(
        n
        for (g, q), n in cells.items()
        if (group is None or g == group) and (period.quarter is None or q == period.quarter)
    )


def raw_values(municipality_id: uuid.UUID, period: Period) -> dict[str, Raw]:
    """The unsuppressed outcomes from the summary tables (server and tests only; never shown)."""
    summaries = Summaries.load(municipality_id, period.year)
    found = {}
    for d in DEFINITIONS:
        spec = d.spec
        if d.kind == "median":
            any_breakdown = next(iter(summaries.counts.get(spec.measure, {Breakdown.CHANNEL: {}})))
            total = _count(summaries, spec.measure, any_breakdown, None, period)
            found[d.key] = Raw(0, total, _median(municipality_id, period))
        elif d.kind == "average":
            amount = _count(summaries, spec.measure, spec.breakdown, spec.part, period)
            cases = _count(summaries, Measure.TRAJECTORIES, Breakdown.BASIC_HELP, None, period)
            found[d.key] = Raw(amount, cases)
        else:
            part = _count(summaries, spec.measure, spec.breakdown, spec.part, period)
            rest = _count(summaries, spec.measure, spec.breakdown, spec.rest, period)
            found[d.key] = Raw(part, part + rest)
    return found


def publish(definition: Definition, summaries: Summaries, median: float | None, period: Period) -> Indicator:
    """An indicator as published: cells of the suppressed summary tables (`patterns.figures.Summaries`)."""
    label, how, spec = str(definition.label), str(definition.how), definition.spec
    extra: list[str] = []
    figure: Figure | None = None
    percentage: int | None = None
    if definition.kind == "median":
        contacts = summaries.total(spec.measure, period)
        if contacts.value is None or contacts.value < MIN_SHARE_BASE or median is None:
            display = gettext("te weinig om te tonen")
        else:
            display = gettext("%(d)s dagen") % {"d": f"{median:g}".replace(".", ",")}
            extra.append(gettext("over %(n)s eerste contacten") % {"n": contacts.value})
    elif definition.kind == "average":
        figure = summaries.average(
            definition.key,
            label,
            amount=summaries.cell(spec.measure, spec.breakdown, spec.part, period),
            cases=summaries.total(Measure.TRAJECTORIES, period),
        )
        display = figure.display if figure.suppressed else f"{figure.share:.2f}".replace(".", ",")
    else:
        figure = summaries.share(
            definition.key,
            label,
            measure=spec.measure,
            breakdown=spec.breakdown,
            part=spec.part,
            rest=spec.rest,
            period=period,
        )
        display = figure.display
        percentage = figure.percentage
        if definition.kind == "count_share":
            extra.append(gettext("%(n)s gemeld") % {"n": summaries.total(spec.measure, period).display})
    return Indicator(
        definition.principle,
        definition.key,
        label,
        how,
        period.label,
        str(display),
        percentage,
        figure,
        extra,
    )


def indicators_refreshed(
    municipality_id: uuid.UUID, period: Period
) -> tuple[list[Indicator], datetime | None]:
    """All 13 indicators over `period`, from the summary tables, suppressed, in the order of the principles,
    and when the tables were refreshed (three queries whatever the data: the counts of the year, the refresh
    time, the median)."""
    with reporting():
        summaries = Summaries.load(municipality_id, period.year)
        median = _median(municipality_id, period)
    return [publish(d, summaries, median, period) for d in DEFINITIONS], summaries.refreshed_at


def indicators(municipality_id: uuid.UUID, period: Period) -> list[Indicator]:
    return indicators_refreshed(municipality_id, period)[0]

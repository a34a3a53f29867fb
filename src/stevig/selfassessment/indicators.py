"""The indicators of the 13 principles (DESIGN.md, "The thirteen principles as capabilities"), computed
from the system's own data over one period (a calendar quarter or year, `core.suppression.Period`).

Each indicator says how it is computed (`how`) and over which period; its raw counts (`Raw`) never leave
the server: what is shown goes through the one suppression module (`Figure.share_of`,
`Figure.average_of`, a median over at least `MIN_SHARE_BASE` cases, counts below 5 as "<5").

Principle 8 and 13 are no longer tautologies. "Shares with a recorded legal basis" and "decisions with a
recorded reason" were 100 % by construction (the database requires both). They are replaced by quality
measures that can fail:

* 8: a share is *complete* when its purpose is written out (at least `PURPOSE_MIN_CHARS` characters), at
  least one category of data is named, and, when the basis is consent, that consent was given on or before
  the day of sharing and not withdrawn before it;
* 13: a decision has an *own reason*: at least `OWN_REASON_MIN_CHARS` characters and not the same text
  as another decision of the municipality (`decisions.figures`).

One aggregate query per indicator (13 in all), in the database; nothing here reads a file.
"""

import statistics
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Length, TruncDate
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stevig.core.suppression import MIN_SHARE_BASE, Figure, Period, count

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PURPOSE_MIN_CHARS = 20


@dataclass(frozen=True)
class Raw:
    """The unsuppressed outcome of one indicator: only for the server and the tests."""

    numerator: int = 0
    denominator: int = 0
    values: tuple[int, ...] = ()  # for a median (days)


@dataclass(frozen=True)
class Definition:
    principle: int
    key: str
    label: "StrOrPromise"
    how: "StrOrPromise"
    kind: str  # "share", "median", "average", "count_share"
    compute: Callable[[uuid.UUID, date, date], Raw]
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


# --- the computations (one aggregate query each) -------------------------------------------------------


def _trajectories(municipality_id: uuid.UUID, start: date, end: date):  # type: ignore[no-untyped-def]
    from stevig.trajectories.models import Trajectory

    return Trajectory.objects.filter(
        municipality_id=municipality_id, opened_at__date__gte=start, opened_at__date__lte=end
    )


def _first_contacts(municipality_id: uuid.UUID, start: date, end: date):  # type: ignore[no-untyped-def]
    from stevig.intake.models import FirstContact

    return FirstContact.objects.filter(
        municipality_id=municipality_id, contact_date__gte=start, contact_date__lte=end
    )


def clientondersteuning_offered(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    row = _first_contacts(municipality_id, start, end).aggregate(
        total=Count("id"), offered=Count("id", filter=Q(clientondersteuning_offered=True))
    )
    return Raw(row["offered"], row["total"])


def days_to_first_contact(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    rows = _first_contacts(municipality_id, start, end).values_list("question__received_at", "contact_date")
    days = tuple(sorted((day - timezone.localtime(received).date()).days for received, day in rows))
    return Raw(0, len(days), days)


def plans_with_network(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    from stevig.plans.models import NETWORK_OR_SOCIAL_BASIS, HouseholdPlan, PlanAction
    from stevig.socialmap.models import Referral

    row = (
        _trajectories(municipality_id, start, end)
        .filter(Exists(HouseholdPlan.objects.filter(trajectory=OuterRef("pk"))))
        .annotate(
            network=Exists(
                PlanAction.objects.filter(
                    goal__plan__trajectory=OuterRef("pk"), owner_type__in=NETWORK_OR_SOCIAL_BASIS
                )
            ),
            referred=Exists(Referral.objects.filter(trajectory=OuterRef("pk"))),
        )
        .aggregate(total=Count("pk"), with_network=Count("pk", filter=Q(network=True) | Q(referred=True)))
    )
    return Raw(row["with_network"], row["total"])


def signals_answered(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    from stevig.signalering.models import ANSWERED, Signal

    row = Signal.objects.filter(
        municipality_id=municipality_id, created_at__date__gte=start, created_at__date__lte=end
    ).aggregate(total=Count("id"), answered=Count("id", filter=Q(status__in=ANSWERED)))
    return Raw(row["answered"], row["total"])


def analysis_before_plan(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    from stevig.analysis.models import Analysis
    from stevig.plans.models import PlanVersion

    first_agreed = Subquery(
        PlanVersion.objects.filter(plan__trajectory=OuterRef("pk"))
        .order_by("agreed_on")
        .values("agreed_on")[:1]
    )
    first_analysis = Subquery(
        Analysis.objects.filter(trajectory=OuterRef("pk")).order_by("analysed_on").values("analysed_on")[:1]
    )
    row = (
        _trajectories(municipality_id, start, end)
        .annotate(first_agreed=first_agreed, first_analysis=first_analysis)
        .aggregate(
            agreed=Count("pk", filter=Q(first_agreed__isnull=False)),
            first=Count("pk", filter=Q(first_agreed__isnull=False, first_analysis__lte=F("first_agreed"))),
        )
    )
    return Raw(row["first"], row["agreed"])


def consultations_per_trajectory(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    row = _trajectories(municipality_id, start, end).aggregate(
        total=Count("id", distinct=True), consultations=Count("consultations")
    )
    return Raw(row["consultations"], row["total"])


def basic_help(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    from stevig.trajectories.models import BasicHelp

    row = _trajectories(municipality_id, start, end).aggregate(
        total=Count("id"),
        helped=Count("id", filter=Q(Exists(BasicHelp.objects.filter(trajectory_id=OuterRef("pk"))))),
    )
    return Raw(row["helped"], row["total"])


def complete_shares(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    from stevig.datasharing.models import Disclosure

    consent_held = Q(consent__isnull=True) | (
        Q(consent__given_on__lte=F("disclosed_on"))
        & (Q(consent__withdrawn_at__isnull=True) | Q(consent_withdrawn_on__gte=F("disclosed_on")))
    )
    row = (
        Disclosure.objects.filter(
            municipality_id=municipality_id, disclosed_on__gte=start, disclosed_on__lte=end
        )
        .annotate(purpose_length=Length("purpose"), consent_withdrawn_on=TruncDate("consent__withdrawn_at"))
        .aggregate(
            total=Count("id"),
            complete=Count(
                "id",
                filter=Q(purpose_length__gte=PURPOSE_MIN_CHARS) & ~Q(categories=[]) & consent_held,
            ),
        )
    )
    return Raw(row["complete"], row["total"])


def future_plans(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    from stevig.people.models import HouseholdMembership, Resident
    from stevig.transitions.models import FuturePlan
    from stevig.transitions.selectors import youth_help

    half = relativedelta(years=17, months=6)
    members = HouseholdMembership.objects.filter(end_date__isnull=True).values("resident_id")
    row = (
        Resident.objects.filter(
            municipality_id=municipality_id,
            id__in=members,
            date_of_birth__gte=start - half,
            date_of_birth__lte=end - half,
        )
        .filter(youth_help(end))
        .aggregate(
            total=Count("id"),
            planned=Count("id", filter=Q(Exists(FuturePlan.objects.filter(resident_id=OuterRef("id"))))),
        )
    )
    return Raw(row["planned"], row["total"])


def _decisions(municipality_id: uuid.UUID, start: date, end: date):  # type: ignore[no-untyped-def]
    from stevig.decisions.models import Decision

    return Decision.objects.filter(
        municipality_id=municipality_id, decided_on__gte=start, decided_on__lte=end
    )


def lifelong_fitting(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    row = _decisions(municipality_id, start, end).aggregate(
        total=Count("id", filter=Q(lifelong=True)),
        fitting=Count("id", filter=Q(lifelong=True, fitting_duration=True)),
    )
    return Raw(row["fitting"], row["total"])


def mandates_within_term(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    from stevig.mandates.models import OPEN_STATUSES, MandateRequest

    overdue_now = Q(
        status__in=OPEN_STATUSES, due_on__lt=timezone.localdate(), handled_within_term__isnull=True
    )
    row = MandateRequest.objects.filter(
        municipality_id=municipality_id, sent_on__gte=start, sent_on__lte=end
    ).aggregate(
        measured=Count("id", filter=Q(handled_within_term__isnull=False) | overdue_now),
        within=Count("id", filter=Q(handled_within_term=True)),
    )
    return Raw(row["within"], row["measured"])


def safety_decided(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    from stevig.safety.models import SafetyTrack

    row = SafetyTrack.objects.filter(
        municipality_id=municipality_id, opened_at__date__gte=start, opened_at__date__lte=end
    ).aggregate(total=Count("id"), decided=Count("id", filter=Q(decided_on__isnull=False)))
    return Raw(row["decided"], row["total"])


def own_reason(municipality_id: uuid.UUID, start: date, end: date) -> Raw:
    from stevig.decisions.figures import OWN_REASON_MIN_CHARS
    from stevig.decisions.models import Decision

    copied = Exists(
        Decision.objects.filter(municipality_id=municipality_id, reason=OuterRef("reason")).exclude(
            pk=OuterRef("pk")
        )
    )
    row = (
        _decisions(municipality_id, start, end)
        .annotate(reason_length=Length("reason"), copied=copied)
        .aggregate(
            total=Count("id"),
            own=Count("id", filter=Q(reason_length__gte=OWN_REASON_MIN_CHARS, copied=False)),
        )
    )
    return Raw(row["own"], row["total"])


DEFINITIONS: list[Definition] = [
    Definition(
        1,
        "clientondersteuning_offered",
        _("Eerste contacten waarin gratis cliëntondersteuning is aangeboden"),
        _(
            "Van alle eerste contacten in de periode: het deel waarbij is vastgelegd dat cliëntondersteuning is aangeboden."
        ),
        "share",
        clientondersteuning_offered,
    ),
    Definition(
        2,
        "days_to_first_contact",
        _("Dagen van vraag tot eerste contact (mediaan)"),
        _(
            "Van alle eerste contacten in de periode: de middelste waarde van het aantal dagen tussen de vraag en het eerste contact. Per kanaal en per wijk staan ze bij de cijfers van de intake."
        ),
        "median",
        days_to_first_contact,
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
        plans_with_network,
    ),
    Definition(
        4,
        "signals_answered",
        _("Knelpunten gemeld en beantwoord door beleid"),
        _(
            "Alle knelpunten gemeld in de periode, en het deel waarop beleid heeft geantwoord (beleid aangepast of niet overgenomen)."
        ),
        "count_share",
        signals_answered,
    ),
    Definition(
        5,
        "analysis_before_plan",
        _("Trajecten met een brede analyse vóór het plan"),
        _(
            "Van de trajecten geopend in de periode met een afgesproken plan: het deel met een analyse op of vóór de dag van het eerste afgesproken plan."
        ),
        "share",
        analysis_before_plan,
    ),
    Definition(
        6,
        "consultations_per_trajectory",
        _("Consultaties van een specialist per traject (gemiddeld)"),
        _("Het aantal vastgelegde consultaties gedeeld door het aantal trajecten geopend in de periode."),
        "average",
        consultations_per_trajectory,
    ),
    Definition(
        7,
        "trajectories_with_basic_help",
        _("Trajecten met basishulp door het team"),
        _("Van de trajecten geopend in de periode: het deel met ten minste één vorm van basishulp."),
        "share",
        basic_help,
    ),
    Definition(
        8,
        "complete_shares",
        _("Gegevensdelingen die volledig zijn vastgelegd"),
        _(
            "Van de gegevensdelingen in de periode: het deel met een uitgeschreven doel (ten minste 20 tekens), ten minste één soort gegevens, en bij toestemming een toestemming die op de dag van delen gold. Een grondslag is altijd verplicht; die meten wij daarom niet."
        ),
        "share",
        complete_shares,
    ),
    Definition(
        9,
        "youth_17_5_with_future_plan",
        _("Jongeren met jeugdhulp die 17,5 werden en een toekomstplan hebben"),
        _(
            "Jongeren met jeugdhulp (op de laatste dag van de periode) die in de periode 17,5 jaar werden: het deel met een toekomstplan."
        ),
        "share",
        future_plans,
    ),
    Definition(
        10,
        "lifelong_decisions_fitting_duration",
        _("Beschikkingen bij een levenslange beperking met een passende duur"),
        _(
            "Van de beschikkingen in de periode bij een levenslange beperking: het deel zonder einddatum of met een lange looptijd."
        ),
        "share",
        lifelong_fitting,
    ),
    Definition(
        11,
        "mandate_requests_within_term",
        _("Mandaatverzoeken op tijd afgehandeld"),
        _(
            "Van de mandaatverzoeken verstuurd in de periode die zijn afgehandeld of over hun termijn zijn: het deel dat binnen de termijn is afgehandeld."
        ),
        "share",
        mandates_within_term,
    ),
    Definition(
        12,
        "safety_tracks_decided",
        _("Veiligheidssporen met een besluit in stap 5"),
        _("Van de veiligheidssporen (Meldcode) geopend in de periode: het deel met een besluit in stap 5."),
        "share",
        safety_decided,
    ),
    Definition(
        13,
        "decisions_with_own_reason",
        _("Beschikkingen met een eigen reden"),
        _(
            "Van de beschikkingen in de periode: het deel met een reden van ten minste 40 tekens die niet letterlijk bij een andere beschikking staat. (Een reden is altijd verplicht; daarom meten wij of hij bij dit huishouden past.)"
        ),
        "share",
        own_reason,
    ),
]


def raw_values(municipality_id: uuid.UUID, period: Period) -> dict[str, Raw]:
    """The unsuppressed outcomes (server and tests only; never shown)."""
    return {d.key: d.compute(municipality_id, period.start, period.end) for d in DEFINITIONS}


def publish(definition: Definition, raw: Raw, period: Period) -> Indicator:
    """Apply the one suppression module to a raw outcome."""
    label, how = str(definition.label), str(definition.how)
    extra: list[str] = []
    figure: Figure | None = None
    percentage: int | None = None
    if definition.kind == "median":
        if raw.denominator < MIN_SHARE_BASE:
            display = gettext("te weinig om te tonen")
        else:
            median = statistics.median(raw.values)
            display = gettext("%(d)s dagen") % {"d": f"{median:g}".replace(".", ",")}
            extra.append(gettext("over %(n)s eerste contacten") % {"n": raw.denominator})
    elif definition.kind == "average":
        figure = Figure.average_of(definition.key, label, raw.numerator, raw.denominator)
        display = figure.display if figure.suppressed else f"{figure.share:.2f}".replace(".", ",")
    else:
        figure = Figure.share_of(definition.key, label, raw.numerator, raw.denominator)
        display = figure.display
        percentage = figure.percentage
        if definition.kind == "count_share":
            extra.append(gettext("%(n)s gemeld") % {"n": count(raw.denominator).display})
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


def indicators(municipality_id: uuid.UUID, period: Period) -> list[Indicator]:
    """All 13 indicators over `period`, suppressed, in the order of the principles."""
    raws = raw_values(municipality_id, period)
    return [publish(d, raws[d.key], period) for d in DEFINITIONS]

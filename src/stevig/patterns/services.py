"""Fill the summary tables from the raw rows, in the database (GROUP BY), one transaction per municipality.

`SOURCES` says, per measure, which rows are counted, by which date they fall in a quarter, and how each
breakdown groups them (a field path, with its choice labels, or an expression such as the waiting-time
band). Only counts are stored."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, ExtractQuarter, ExtractYear, Length, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role
from stevig.core.context import Actor
from stevig.core.errors import RoleDenied
from stevig.core.suppression import Relation
from stevig.patterns.models import (
    MUNICIPALITY,
    Breakdown,
    FigureMeasure,
    Measure,
    SummaryCount,
    SummaryRefresh,
    SummaryValue,
)

UNKNOWN = "onbekend"

# Groups of the breakdowns behind the share figures (`patterns.figures`): each share is one group (the part)
# against another of the same breakdown (the rest).
WITH_BASIC_HELP, WITHOUT_BASIC_HELP = "met basishulp", "zonder basishulp"
ANALYSIS_FIRST, ANALYSIS_LATER, NO_AGREED_PLAN = (
    "analyse vóór het plan",
    "plan zonder analyse vooraf",
    "geen afgesproken plan",
)
WITH_NETWORK, WITHOUT_NETWORK, NO_PLAN = (
    "met netwerk of sociale basis",
    "zonder netwerk of sociale basis",
    "geen gezinsplan",
)
OWN_REASON, NO_OWN_REASON = "eigen reden", "geen eigen reden"
LIFELONG_FITTING, LIFELONG_OTHER, NOT_LIFELONG = (
    "levenslang, passende duur",
    "levenslang, andere duur",
    "niet levenslang",
)
DECIDED, NOT_DECIDED = "besloten", "nog geen besluit"
DECIDED_FAST, DECIDED_LATER = "binnen 14 dagen besloten", "later besloten"
ON_TIME, LATE = "op tijd", "te laat"
CONSULTATIONS = "consultaties"
WITH_FUTURE_PLAN, WITHOUT_FUTURE_PLAN = "met toekomstplan", "zonder toekomstplan"
#: Own reason: at least this many characters and not the same text as another decision (decisions.figures).
OWN_REASON_MIN_CHARS = 40
DECISION_DAYS = 14
# Mandate requests (`mandates.figures`): a request counts as measured once its term has been tested
# (answered in or out of term, or open past its date); nested groups are "<department> · <outcome>".
WITHIN, LATE_OR_OVERDUE, NOT_YET = "op tijd", "te laat", "nog niet te meten"
REJECTED, NOT_REJECTED = "afgewezen", "niet afgewezen"
ESCALATED, NOT_ESCALATED = "naar de coördinator", "niet naar de coördinator"
MANDATE_OUTCOMES: dict[str, tuple[str, tuple[str, ...]]] = {
    # nested breakdown → (the municipality's breakdown of the same outcomes, the outcomes)
    Breakdown.DEPT_TERM: (Breakdown.MEASURED, (WITHIN, LATE_OR_OVERDUE, NOT_YET)),
    Breakdown.DEPT_REJECTED: (Breakdown.REJECTED, (REJECTED, NOT_REJECTED)),
    Breakdown.DEPT_ESCALATED: (Breakdown.ESCALATED, (ESCALATED, NOT_ESCALATED)),
}
NESTED = " · "


def nested(department: str, outcome: str) -> str:
    return f"{department}{NESTED}{outcome}"


# Intake figures (`intake.selectors.intake_figures`).
OFFERED, NOT_OFFERED = "aangeboden", "niet aangeboden"
ACCEPTED, NOT_ACCEPTED = "aangenomen", "niet (of nog niet) aangenomen"
# Self-assessment indicators (`selfassessment.indicators`).
ANSWERED, NOT_ANSWERED = "beantwoord", "nog niet beantwoord"
COMPLETE, INCOMPLETE = "volledig", "onvolledig"
PURPOSE_MIN_CHARS = 20
ALL_CONTACTS = "alle eerste contacten"
INTAKE_BREAKDOWNS = (Breakdown.CHANNEL, Breakdown.NEIGHBOURHOOD, Breakdown.OFFERED, Breakdown.ACCEPTED)

WAIT_BANDS = ((2, "0-2 dagen"), (5, "3-5 dagen"), (10, "6-10 dagen"))
WAIT_LONGER = "meer dan 10 dagen"


@dataclass(frozen=True)
class Source:
    measure: str
    rows: Callable[[uuid.UUID], QuerySet[Any]]
    when: str  # the date (or datetime) that puts a row in a quarter
    breakdowns: dict[str, Any]  # breakdown → field path or expression
    labels: dict[str, dict[Any, str]] | None = None  # breakdown → labels of stored values


def _choices(model: Any, name: str) -> dict[Any, str]:
    return {k: str(v) for k, v in (model._meta.get_field(name).choices or [])}


def _main_domain(**match: Any) -> Subquery:
    """The main life domain: the domain with the lowest score (most need) in the broad analyses that
    `match` selects; on a tie the first by code. Empty when there is no analysis."""
    from stevig.analysis.models import DomainScore

    scores = DomainScore.objects.filter(**match).order_by("score", "domain").values("domain")[:1]
    return Subquery(scores, output_field=CharField())


def _context(trajectory: str) -> dict[str, Any]:
    """Channel, topic and main life domain of the trajectory at the path `trajectory` ("" for the row
    itself): the channel and kind of the question it began with, and its main life domain."""
    prefix = f"{trajectory}__" if trajectory else ""
    return {
        Breakdown.CHANNEL: f"{prefix}opened_from_question__channel",
        Breakdown.TOPIC: f"{prefix}opened_from_question__kind",
        Breakdown.DOMAIN: _main_domain(
            analysis__trajectory_id=OuterRef(f"{trajectory}_id" if trajectory else "pk")
        ),
    }


def _context_labels() -> dict[str, dict[Any, str]]:
    from stevig.analysis.models import DomainScore
    from stevig.intake.models import Question

    return {
        Breakdown.CHANNEL: _choices(Question, "channel"),
        Breakdown.TOPIC: _choices(Question, "kind"),
        Breakdown.DOMAIN: _choices(DomainScore, "domain"),
    }


def _sources() -> list[Source]:
    from stevig.analysis.models import DomainScore
    from stevig.decisions.models import Decision
    from stevig.intake.models import FirstContact, Question
    from stevig.mandates.models import MandateRequest
    from stevig.safety.models import SafetyTrack
    from stevig.socialmap.models import Referral
    from stevig.trajectories.models import BasicHelp, Trajectory

    def of(model: Any) -> Callable[[uuid.UUID], QuerySet[Any]]:
        return lambda municipality_id: model.objects.filter(municipality_id=municipality_id)

    labels = _context_labels()
    waited = ExpressionWrapper(
        F("contact_date") - TruncDate("question__received_at"), output_field=DurationField()
    )
    wait_band = Case(
        *[When(waited__lte=timedelta(days=days), then=Value(label)) for days, label in WAIT_BANDS],
        default=Value(WAIT_LONGER),
        output_field=CharField(),
    )
    term = Case(
        When(handled_within_term=True, then=Value("op tijd")),
        When(handled_within_term=False, then=Value("te laat")),
        default=Value("nog open"),
        output_field=CharField(),
    )
    decided = Case(
        When(decided_on__isnull=False, then=Value(DECIDED)),
        default=Value(NOT_DECIDED),
        output_field=CharField(),
    )

    def on_question(prefix: str) -> dict[str, Any]:
        """A question (at `prefix`) has its own channel and kind; its life domain is that of the
        trajectories opened from it."""
        path = f"{prefix}__" if prefix else ""
        return {
            Breakdown.NEIGHBOURHOOD: f"{path}neighbourhood__name",
            Breakdown.CHANNEL: f"{path}channel",
            Breakdown.TOPIC: f"{path}kind",
            Breakdown.DOMAIN: _main_domain(
                analysis__trajectory__opened_from_question_id=OuterRef(f"{prefix}_id" if prefix else "pk")
            ),
        }

    def on_trajectory(path: str, hood: str) -> dict[str, Any]:
        return {Breakdown.NEIGHBOURHOOD: hood, **_context(path)}

    return [
        Source(Measure.QUESTIONS, of(Question), "received_at", on_question(""), labels),
        Source(
            Measure.FIRST_CONTACTS,
            lambda municipality_id: FirstContact.objects.filter(municipality_id=municipality_id).annotate(
                waited=waited
            ),
            "contact_date",
            {**on_question("question"), Breakdown.WAIT: wait_band},
            labels,
        ),
        Source(
            Measure.TRAJECTORIES,
            of(Trajectory),
            "opened_at",
            on_trajectory("", "household__neighbourhood__name"),
            labels,
        ),
        Source(
            Measure.ANALYSIS_SCORES,
            of(DomainScore),
            "analysis__analysed_on",
            {
                **on_trajectory(
                    "analysis__trajectory", "analysis__trajectory__household__neighbourhood__name"
                ),
                # The score's own domain, not the trajectory's main one.
                Breakdown.DOMAIN: "domain",
                Breakdown.SCORE: "score",
            },
            {**labels, Breakdown.SCORE: _choices(DomainScore, "score")},
        ),
        Source(
            Measure.HELP,
            of(BasicHelp),
            "start_date",
            {
                Breakdown.KIND: Value("basishulp"),
                **on_trajectory("trajectory", "trajectory__household__neighbourhood__name"),
            },
            labels,
        ),
        Source(
            Measure.HELP,
            of(Referral),
            "referred_on",
            {
                Breakdown.KIND: Value("warme verwijzing"),
                **on_trajectory("trajectory", "trajectory__household__neighbourhood__name"),
            },
            labels,
        ),
        Source(
            Measure.MANDATES,
            of(MandateRequest),
            "sent_on",
            {Breakdown.TERM: term, **on_trajectory("trajectory", "household__neighbourhood__name")},
            labels,
        ),
        Source(
            Measure.DECISIONS,
            of(Decision),
            "decided_on",
            {
                Breakdown.OUTCOME: "outcome",
                Breakdown.LAW: "law",
                **on_trajectory("trajectory", "household__neighbourhood__name"),
            },
            {
                **labels,
                Breakdown.OUTCOME: _choices(Decision, "outcome"),
                Breakdown.LAW: _choices(Decision, "law"),
            },
        ),
        Source(
            Measure.SAFETY,
            of(SafetyTrack),
            "opened_at",
            {Breakdown.DECIDED: decided, **on_trajectory("trajectory", "household__neighbourhood__name")},
            labels,
        ),
        *_figure_sources(),
    ]


def _text(*whens: When, default: str) -> Case:
    return Case(*whens, default=Value(default), output_field=CharField())


def _figure_sources() -> list[Source]:
    """The rows behind the share figures of the figure pages (`patterns.figures`). Breakdowns of an existing
    measure count the same rows as its pattern breakdowns, so they are suppressed together with them."""
    from stevig.analysis.models import Analysis
    from stevig.decisions.models import Decision
    from stevig.intake.models import FirstContact
    from stevig.plans.models import NETWORK_OR_SOCIAL_BASIS, HouseholdPlan, PlanAction, PlanVersion
    from stevig.safety.models import SafetyTrack
    from stevig.socialmap.models import Referral
    from stevig.trajectories.models import BasicHelp, Consultation, Contact, PilotLight, Trajectory

    today = timezone.localdate()

    def trajectories(municipality_id: uuid.UUID) -> QuerySet[Any]:
        first_agreed = PlanVersion.objects.filter(plan__trajectory=OuterRef("pk")).order_by("agreed_on")
        first_analysis = Analysis.objects.filter(trajectory=OuterRef("pk")).order_by("analysed_on")
        return Trajectory.objects.filter(municipality_id=municipality_id).annotate(
            first_agreed=Subquery(first_agreed.values("agreed_on")[:1]),
            first_analysis=Subquery(first_analysis.values("analysed_on")[:1]),
        )

    network = Exists(
        PlanAction.objects.filter(
            goal__plan__trajectory=OuterRef("pk"), owner_type__in=NETWORK_OR_SOCIAL_BASIS
        )
    ) | Exists(Referral.objects.filter(trajectory=OuterRef("pk")))

    def decisions(municipality_id: uuid.UUID) -> QuerySet[Any]:
        copied = Decision.objects.filter(municipality_id=municipality_id, reason=OuterRef("reason")).exclude(
            pk=OuterRef("pk")
        )
        return Decision.objects.filter(municipality_id=municipality_id).annotate(
            reason_length=Length("reason"), copied=Exists(copied)
        )

    def tracks(municipality_id: uuid.UUID) -> QuerySet[Any]:
        took = ExpressionWrapper(F("decided_on") - TruncDate("opened_at"), output_field=DurationField())
        return SafetyTrack.objects.filter(municipality_id=municipality_id).annotate(took=took)

    from stevig.mandates.models import OPEN_STATUSES, MandateRequest
    from stevig.mandates.models import Status as MandateStatus

    overdue_now = Q(status__in=OPEN_STATUSES, due_on__lt=today, handled_within_term__isnull=True)
    mandate_outcomes: dict[str, Any] = {
        Breakdown.MEASURED: _text(
            When(handled_within_term=True, then=Value(WITHIN)),
            When(Q(handled_within_term=False) | overdue_now, then=Value(LATE_OR_OVERDUE)),
            default=NOT_YET,
        ),
        Breakdown.REJECTED: _text(
            When(Q(status=MandateStatus.REJECTED) | Q(rejection_reason__gt=""), then=Value(REJECTED)),
            default=NOT_REJECTED,
        ),
        Breakdown.ESCALATED: _text(
            When(Q(escalated_at__isnull=False) | overdue_now, then=Value(ESCALATED)), default=NOT_ESCALATED
        ),
    }
    department = Coalesce(F("department__name"), Value(UNKNOWN), output_field=CharField())
    mandate_breakdowns: dict[str, Any] = {Breakdown.DEPARTMENT: department, **mandate_outcomes}
    for inner, (outer, _outcomes) in MANDATE_OUTCOMES.items():
        mandate_breakdowns[inner] = Concat(
            department, Value(NESTED), mandate_outcomes[outer], output_field=CharField()
        )

    from stevig.datasharing.models import Disclosure
    from stevig.signalering.models import ANSWERED as ANSWERED_STATUSES
    from stevig.signalering.models import Signal

    def disclosures(municipality_id: uuid.UUID) -> QuerySet[Any]:
        return Disclosure.objects.filter(municipality_id=municipality_id).annotate(
            purpose_length=Length("purpose"), consent_withdrawn_on=TruncDate("consent__withdrawn_at")
        )

    # A share is complete (kader principle 8) when its purpose is written out, a category of data is named,
    # and a consent it rests on was given on or before the day of sharing and not withdrawn before it.
    consent_held = Q(consent__isnull=True) | (
        Q(consent__given_on__lte=F("disclosed_on"))
        & (Q(consent__withdrawn_at__isnull=True) | Q(consent_withdrawn_on__gte=F("disclosed_on")))
    )
    return [
        Source(
            Measure.FIRST_CONTACTS,
            lambda municipality_id: FirstContact.objects.filter(municipality_id=municipality_id),
            "contact_date",
            _intake_offer(),
        ),
        Source(
            FigureMeasure.SIGNALS,
            lambda municipality_id: Signal.objects.filter(municipality_id=municipality_id),
            "created_at",
            {
                Breakdown.ANSWERED: _text(
                    When(status__in=ANSWERED_STATUSES, then=Value(ANSWERED)), default=NOT_ANSWERED
                )
            },
        ),
        Source(
            FigureMeasure.DISCLOSURES,
            disclosures,
            "disclosed_on",
            {
                Breakdown.COMPLETE: _text(
                    When(
                        Q(purpose_length__gte=PURPOSE_MIN_CHARS) & ~Q(categories=[]) & consent_held,
                        then=Value(COMPLETE),
                    ),
                    default=INCOMPLETE,
                )
            },
        ),
        Source(
            Measure.MANDATES,
            lambda municipality_id: MandateRequest.objects.filter(municipality_id=municipality_id),
            "sent_on",
            mandate_breakdowns,
        ),
        Source(
            Measure.TRAJECTORIES,
            trajectories,
            "opened_at",
            {
                Breakdown.BASIC_HELP: _text(
                    When(
                        Exists(BasicHelp.objects.filter(trajectory=OuterRef("pk"))),
                        then=Value(WITH_BASIC_HELP),
                    ),
                    default=WITHOUT_BASIC_HELP,
                ),
                Breakdown.PLAN_ANALYSIS: _text(
                    When(first_agreed__isnull=True, then=Value(NO_AGREED_PLAN)),
                    When(first_analysis__lte=F("first_agreed"), then=Value(ANALYSIS_FIRST)),
                    default=ANALYSIS_LATER,
                ),
                Breakdown.PLAN_NETWORK: _text(
                    When(
                        ~Exists(HouseholdPlan.objects.filter(trajectory=OuterRef("pk"))), then=Value(NO_PLAN)
                    ),
                    When(network, then=Value(WITH_NETWORK)),
                    default=WITHOUT_NETWORK,
                ),
            },
        ),
        Source(
            Measure.DECISIONS,
            decisions,
            "decided_on",
            {
                Breakdown.OWN_REASON: _text(
                    When(reason_length__gte=OWN_REASON_MIN_CHARS, copied=False, then=Value(OWN_REASON)),
                    default=NO_OWN_REASON,
                ),
                Breakdown.DURATION: _text(
                    When(lifelong=True, fitting_duration=True, then=Value(LIFELONG_FITTING)),
                    When(lifelong=True, then=Value(LIFELONG_OTHER)),
                    default=NOT_LIFELONG,
                ),
            },
        ),
        Source(
            Measure.SAFETY,
            tracks,
            "opened_at",
            {
                Breakdown.SPEED: _text(
                    When(decided_on__isnull=True, then=Value(NOT_DECIDED)),
                    When(took__lte=timedelta(days=DECISION_DAYS), then=Value(DECIDED_FAST)),
                    default=DECIDED_LATER,
                )
            },
        ),
        # An evaluation of basic help counts once it is due (its date has passed) or done, in the quarter
        # of its date; on time when done on or before that date.
        Source(
            FigureMeasure.EVALUATIONS,
            lambda municipality_id: BasicHelp.objects.filter(municipality_id=municipality_id).filter(
                Q(evaluated_at__isnull=False) | Q(evaluation_date__lt=today)
            ),
            "evaluation_date",
            {
                Breakdown.TERM: _text(
                    When(
                        evaluated_at__isnull=False,
                        evaluated_at__lte=F("evaluation_date"),
                        then=Value(ON_TIME),
                    ),
                    default=LATE,
                )
            },
        ),
        # Pilot-light contacts by their due date: answered on or before it, or later; a pilot light still
        # running past its due date is late too.
        Source(
            FigureMeasure.PILOT_LIGHT,
            lambda municipality_id: Contact.objects.filter(
                municipality_id=municipality_id, pilot_light_due__isnull=False
            ),
            "pilot_light_due",
            {
                Breakdown.TERM: _text(
                    When(contact_date__lte=F("pilot_light_due"), then=Value(ON_TIME)), default=LATE
                )
            },
        ),
        Source(
            FigureMeasure.PILOT_LIGHT,
            lambda municipality_id: PilotLight.objects.filter(
                municipality_id=municipality_id, ended_at__isnull=True, next_due__lt=today
            ),
            "next_due",
            {Breakdown.TERM: Value(LATE)},
        ),
        Source(
            FigureMeasure.CONSULTATIONS,
            lambda municipality_id: Consultation.objects.filter(municipality_id=municipality_id),
            "trajectory__opened_at",
            {Breakdown.COUNT: Value(CONSULTATIONS)},
        ),
    ]


def _intake_offer() -> dict[str, Any]:
    """Cliëntondersteuning offered and accepted at the first contact (Wmo 2015 art. 2.3.2 lid 2)."""
    from stevig.intake.models import FirstContact

    return {
        Breakdown.OFFERED: _text(
            When(clientondersteuning_offered=True, then=Value(OFFERED)), default=NOT_OFFERED
        ),
        Breakdown.ACCEPTED: _text(
            When(clientondersteuning_accepted=FirstContact.Accepted.YES, then=Value(ACCEPTED)),
            default=NOT_ACCEPTED,
        ),
    }


def _team_counts(municipality_id: uuid.UUID) -> list[SummaryCount]:
    """The intake figures of each team (scope: the team's id), for the teamleider: first contacts by the
    question's team, per channel, neighbourhood and cliëntondersteuning; and the legal deadlines past their
    date now, per clock (year and quarter 0), for each team and for the municipality (scope "")."""
    from stevig.intake.models import FirstContact, LegalDeadline, Question
    from stevig.intake.selectors import RESIDENT_WINDOWS

    channels = _choices(Question, "channel")
    paths: dict[str, Any] = {
        Breakdown.CHANNEL: F("question__channel"),
        Breakdown.NEIGHBOURHOOD: F("question__neighbourhood__name"),
        **_intake_offer(),
    }
    totals: dict[tuple[str, str, str, str, int, int], int] = {}
    for breakdown, path in paths.items():
        for row in (
            FirstContact.objects.filter(municipality_id=municipality_id, question__team_id__isnull=False)
            .annotate(y=ExtractYear("contact_date"), q=ExtractQuarter("contact_date"), g=path)
            .values("question__team_id", "y", "q", "g")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            value = row["g"]
            label = channels.get(value, value) if breakdown == Breakdown.CHANNEL else value
            key = (
                str(row["question__team_id"]),
                Measure.FIRST_CONTACTS,
                breakdown,
                str(label or UNKNOWN),
                row["y"],
                row["q"],
            )
            totals[key] = totals.get(key, 0) + row["n"]
    overdue = (
        LegalDeadline.objects.filter(
            municipality_id=municipality_id,
            met_at__isnull=True,
            cancelled_at__isnull=True,
            due_date__lt=timezone.localdate(),
        )
        .exclude(clock__in=RESIDENT_WINDOWS)
        .values("question__team_id", "clock")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for late in overdue:
        scopes = [MUNICIPALITY] + ([str(late["question__team_id"])] if late["question__team_id"] else [])
        for scope in scopes:
            at = (scope, str(FigureMeasure.OVERDUE), str(Breakdown.CLOCK), str(late["clock"]), 0, 0)
            totals[at] = totals.get(at, 0) + late["n"]
    return [
        SummaryCount(
            municipality_id=municipality_id, scope=sc, measure=m, breakdown=b, group=g, year=y, quarter=q, count=n
        )
        for (sc, m, b, g, y, q), n in totals.items()
    ]  # fmt: skip


def _medians(municipality_id: uuid.UUID) -> list[SummaryValue]:
    """Median days from question to first contact per channel and neighbourhood, per quarter and year, for
    the municipality and each team; only for a group with at least MIN_CELL first contacts in the period."""
    import statistics

    from stevig.core.suppression import MIN_CELL
    from stevig.intake.models import FirstContact, Question

    channels = _choices(Question, "channel")
    waits: dict[tuple[str, str, str, int, int], list[int]] = {}
    for team_id, channel, hood, received_at, contact_date in (
        FirstContact.objects.filter(municipality_id=municipality_id)
        .values_list(
            "question__team_id",
            "question__channel",
            "question__neighbourhood__name",
            "question__received_at",
            "contact_date",
        )
        .iterator(chunk_size=5000)
    ):
        days = (contact_date - timezone.localtime(received_at).date()).days
        quarter = (contact_date.month - 1) // 3 + 1
        groups = (
            (Breakdown.CHANNEL, str(channels.get(channel, channel) or UNKNOWN)),
            (Breakdown.NEIGHBOURHOOD, hood or UNKNOWN),
            (Breakdown.COUNT, ALL_CONTACTS),  # the municipality's median (self-assessment, principle 2)
        )
        for scope in [MUNICIPALITY] + ([str(team_id)] if team_id else []):
            for breakdown, group in groups:
                for q in (quarter, 0):
                    waits.setdefault((scope, breakdown, group, contact_date.year, q), []).append(days)
    return [
        SummaryValue(
            municipality_id=municipality_id, scope=scope, measure=Measure.FIRST_CONTACTS, breakdown=b, group=g,
            year=y, quarter=q, value=float(statistics.median(days)),
        )
        for (scope, b, g, y, q), days in waits.items()
        if len(days) >= MIN_CELL or b == Breakdown.COUNT  # the whole municipality: shown from 10 contacts
    ]  # fmt: skip


PLAN_ON_TIME = "op tijd (voor de 18e verjaardag)"
PLAN_LATE = "later afgesproken"
PLAN_NONE = "geen afgesproken plan"


def transitions(municipality_id: uuid.UUID, today: date) -> list[tuple[dict[str, str], date]]:
    """Transitions covered (kader principle 9; Jeugdwet art. 1.1: youth help ends at 18 unless extended):
    every young person of the municipality who turned 18 on or before `today` and had youth help on the
    day before the 18th birthday (a Jeugdwet decision running that day, or a youth analysis: the rule of
    `transitions.selectors.youth_help`), by the quarter of the birthday. Plan: agreed with the young person
    before the birthday (on time), on or after it (late), or no agreed toekomstplan. Neighbourhood of the
    latest household; channel, topic and main life domain of that household's latest trajectory.

    Per person in Python: the birthday differs per person, which a GROUP BY cannot date portably."""
    from stevig.analysis.models import CHILD_DOMAINS, DomainScore
    from stevig.decisions.models import Decision, Law
    from stevig.people.models import HouseholdMembership
    from stevig.trajectories.models import Trajectory
    from stevig.transitions.models import FuturePlan
    from stevig.transitions.rules import eighteenth_birthday

    mine = {"municipality_id": municipality_id}
    decisions: dict[uuid.UUID, list[tuple[date, date | None]]] = {}
    for resident_id, start, end in Decision.objects.filter(**mine, law=Law.JEUGDWET).values_list(
        "resident_id", "start_date", "end_date"
    ):
        decisions.setdefault(resident_id, []).append((start, end))
    analysed = set(
        DomainScore.objects.filter(**mine, domain__in=CHILD_DOMAINS).values_list(
            "analysis__resident_id", flat=True
        )
    )
    agreed = dict(FuturePlan.objects.filter(**mine).values_list("resident_id", "agreed_on"))
    households: dict[uuid.UUID, tuple[uuid.UUID, str | None]] = {}
    births: dict[uuid.UUID, date] = {}
    for resident_id, household_id, hood, dob in (
        HouseholdMembership.objects.filter(
            resident__municipality_id=municipality_id, resident_id__in=set(decisions) | analysed
        )
        .order_by("start_date")
        .values_list(
            "resident_id", "household_id", "household__neighbourhood__name", "resident__date_of_birth"
        )
    ):
        households[resident_id] = (household_id, hood)  # the latest membership wins
        births[resident_id] = dob
    context: dict[uuid.UUID, dict[str, Any]] = {}
    for row in (
        Trajectory.objects.filter(**mine, household_id__in={h for h, _n in households.values()})
        .annotate(domain=_context("")[Breakdown.DOMAIN])
        .order_by("opened_at")
        .values("household_id", "opened_from_question__channel", "opened_from_question__kind", "domain")
    ):
        context[row["household_id"]] = dict(row)  # the latest trajectory wins
    labels = _context_labels()
    found: list[tuple[dict[str, str], date]] = []
    for resident_id, (household_id, neighbourhood) in households.items():
        birthday = eighteenth_birthday(births[resident_id])
        if birthday > today:
            continue
        day = birthday - timedelta(days=1)
        helped = resident_id in analysed or any(
            start <= day and (end is None or end >= day) for start, end in decisions.get(resident_id, [])
        )
        if not helped:
            continue
        plan_day = agreed.get(resident_id)
        plan = PLAN_NONE if plan_day is None else PLAN_ON_TIME if plan_day < birthday else PLAN_LATE
        trajectory = context.get(household_id, {})

        def label(breakdown: str, value: Any) -> str:
            return UNKNOWN if value in (None, "") else str(labels[breakdown].get(value, value))

        found.append(
            (
                {
                    Breakdown.PLAN: plan,
                    Breakdown.NEIGHBOURHOOD: neighbourhood or UNKNOWN,
                    Breakdown.CHANNEL: label(
                        Breakdown.CHANNEL, trajectory.get("opened_from_question__channel")
                    ),
                    Breakdown.TOPIC: label(Breakdown.TOPIC, trajectory.get("opened_from_question__kind")),
                    Breakdown.DOMAIN: label(Breakdown.DOMAIN, trajectory.get("domain")),
                },
                birthday,
            )
        )
    return found


def half_year(municipality_id: uuid.UUID, today: date) -> list[tuple[dict[str, str], date]]:
    """Young people who turned 17.5 on or before `today` with youth help that day (a Jeugdwet decision
    running, or a youth analysis: `transitions.selectors.youth_help`), by the quarter of that day, and
    whether they have a toekomstplan (kader principle 9: the plan is made from 17.5 on)."""
    from dateutil.relativedelta import relativedelta

    from stevig.analysis.models import CHILD_DOMAINS, DomainScore
    from stevig.decisions.models import Decision, Law
    from stevig.people.models import HouseholdMembership, Resident
    from stevig.transitions.models import FuturePlan

    mine = {"municipality_id": municipality_id}
    decisions: dict[uuid.UUID, list[tuple[date, date | None]]] = {}
    for resident_id, start, end in Decision.objects.filter(**mine, law=Law.JEUGDWET).values_list(
        "resident_id", "start_date", "end_date"
    ):
        decisions.setdefault(resident_id, []).append((start, end))
    analysed = set(
        DomainScore.objects.filter(**mine, domain__in=CHILD_DOMAINS).values_list(
            "analysis__resident_id", flat=True
        )
    )
    planned = set(FuturePlan.objects.filter(**mine).values_list("resident_id", flat=True))
    members = HouseholdMembership.objects.values("resident_id")
    found: list[tuple[dict[str, str], date]] = []
    for resident_id, born in (
        Resident.objects.filter(**mine, id__in=set(decisions) | analysed)
        .filter(id__in=members)
        .values_list("id", "date_of_birth")
    ):
        day = born + relativedelta(years=17, months=6)
        if day > today:
            continue
        helped = resident_id in analysed or any(
            start <= day and (end is None or end >= day) for start, end in decisions.get(resident_id, [])
        )
        if helped:
            plan = WITH_FUTURE_PLAN if resident_id in planned else WITHOUT_FUTURE_PLAN
            found.append(({Breakdown.HAS_PLAN: plan}, day))
    return found


def _counts(municipality_id: uuid.UUID) -> list[SummaryCount]:
    totals: dict[tuple[str, str, str, int, int], int] = {}
    for source in _sources():
        for breakdown, path in source.breakdowns.items():
            labels = (source.labels or {}).get(breakdown, {})
            grouped = (
                source.rows(municipality_id)
                .annotate(
                    y=ExtractYear(source.when),
                    q=ExtractQuarter(source.when),
                    g=path if not isinstance(path, str) else F(path),
                )
                .values("y", "q", "g")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in grouped:
                value = row["g"]
                label = UNKNOWN if value in (None, "") else str(labels.get(value, value))
                key = (source.measure, breakdown, label, row["y"], row["q"])
                totals[key] = totals.get(key, 0) + row["n"]
    for groups, day in transitions(municipality_id, timezone.localdate()):
        for breakdown, label in groups.items():
            key = (Measure.TRANSITIONS, breakdown, label, day.year, (day.month - 1) // 3 + 1)
            totals[key] = totals.get(key, 0) + 1
    for groups, day in half_year(municipality_id, timezone.localdate()):
        for breakdown, label in groups.items():
            key = (FigureMeasure.HALF_YEAR, breakdown, label, day.year, (day.month - 1) // 3 + 1)
            totals[key] = totals.get(key, 0) + 1
    return [
        SummaryCount(
            municipality_id=municipality_id, measure=m, breakdown=b, group=g, year=y, quarter=q, count=n
        )
        for (m, b, g, y, q), n in totals.items()
    ]


def relations(measure: str, groups: dict[str, set[str]]) -> list[Relation]:
    """What a reader knows across the breakdowns of `measure` beyond their own lines (see
    `suppress_breakdowns`): a department's requests are its requests per outcome, the municipality's
    requests per outcome are the departments' requests with that outcome, and the patterns page's "op tijd"
    is the figures' "op tijd". `groups`: the groups stored per breakdown."""
    if measure != Measure.MANDATES:
        return []
    found: list[Relation] = [((Breakdown.TERM, ON_TIME), [(Breakdown.MEASURED, WITHIN)])]
    departments = sorted(groups.get(Breakdown.DEPARTMENT, set()))
    if not departments:
        return found
    for inner, (outer, outcomes) in MANDATE_OUTCOMES.items():
        for d in departments:
            found.append(((Breakdown.DEPARTMENT, d), [(inner, nested(d, o)) for o in outcomes]))
        for o in outcomes:
            found.append(((outer, o), [(inner, nested(d, o)) for d in departments]))
    return found


@transaction.atomic
def refresh(*, municipality_id: uuid.UUID) -> SummaryRefresh:
    """Replace the municipality's summary counts by a fresh count and record when."""
    rows = _counts(municipality_id) + _team_counts(municipality_id)
    values = _medians(municipality_id)
    SummaryCount.objects.filter(municipality_id=municipality_id).delete()
    SummaryCount.objects.bulk_create(rows, batch_size=1000)
    SummaryValue.objects.filter(municipality_id=municipality_id).delete()
    SummaryValue.objects.bulk_create(values, batch_size=1000)
    stamp, _created = SummaryRefresh.objects.update_or_create(
        municipality_id=municipality_id, defaults={"refreshed_at": timezone.now()}
    )
    return stamp


@transaction.atomic
def request_refresh(*, actor: Actor) -> None:
    """Policy asks for fresh figures now; the background job does the counting."""
    from stevig.patterns.tasks import refresh_summaries

    if not actor.user.is_staff_member or actor.role != Role.POLICY:
        raise RoleDenied(_("Alleen beleid werkt de patronen bij."))
    refresh_summaries.enqueue(str(actor.municipality_id))

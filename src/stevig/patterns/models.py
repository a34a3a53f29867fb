"""Summary tables for the policy patterns (kader ch. 3, principle 4).

Pages never scan raw rows: a background job (`tasks.refresh_summaries`) counts per municipality, quarter,
breakdown and group into `SummaryCount`, and `SummaryRefresh` says when that last happened. Only counts
are stored; suppression (`stevig.core.suppression`) is applied when they are shown.
"""

from django.db import models

from stevig.core.models import TenantModel


class Measure(models.TextChoices):
    QUESTIONS = "vragen", "hulpvragen"
    FIRST_CONTACTS = "eerste_contacten", "eerste contacten"
    TRAJECTORIES = "trajecten", "trajecten geopend"
    ANALYSIS_SCORES = "analysescores", "scores in de brede analyse"
    HELP = "hulp", "basishulp en warme verwijzingen"
    MANDATES = "mandaatverzoeken", "mandaatverzoeken"
    DECISIONS = "beschikkingen", "beschikkingen"
    TRANSITIONS = "overgang_18", "jongeren met jeugdhulp die 18 werden"
    SAFETY = "veiligheidssporen", "veiligheidssporen"


class FigureMeasure(models.TextChoices):
    """Populations counted only for the share figures of the per-app figure pages (`patterns.figures`), not
    offered as a pattern of their own."""

    EVALUATIONS = "evaluaties", "evaluaties van basishulp"
    PILOT_LIGHT = "waakvlam", "waakvlamcontacten"
    CONSULTATIONS = "consultaties", "consultaties"
    HALF_YEAR = "jongeren_17_5", "jongeren met jeugdhulp die 17,5 werden"
    # Legal deadlines past their date and not met, counted when the job runs (year 0, quarter 0: a snapshot
    # of that moment, not a period), for the intake figures.
    OVERDUE = "termijnen_te_laat", "wettelijke termijnen te laat"
    # Behind the self-assessment indicators (`selfassessment.indicators`) that no figure page has.
    SIGNALS = "knelpunten", "knelpunten gemeld"
    DISCLOSURES = "gegevensdelingen", "gegevensdelingen"


class Breakdown(models.TextChoices):
    NEIGHBOURHOOD = "wijk", "wijk"
    CHANNEL = "kanaal", "kanaal"
    TOPIC = "onderwerp", "onderwerp"
    WAIT = "wachttijd", "dagen tot eerste contact"
    DOMAIN = "leefgebied", "leefgebied"
    SCORE = "score", "score"
    KIND = "soort", "soort hulp"
    TERM = "termijn", "termijn"
    OUTCOME = "uitkomst", "uitkomst"
    LAW = "wet", "wet"
    DECIDED = "besluit", "besluit in stap 5"
    PLAN = "toekomstplan", "toekomstplan afgesproken"
    # Breakdowns behind the share figures (`patterns.figures`): counted over the same rows as their measure,
    # so they are suppressed together with its pattern breakdowns.
    BASIC_HELP = "basishulp", "basishulp door het team"
    PLAN_ANALYSIS = "analyse_plan", "brede analyse vóór het plan"
    PLAN_NETWORK = "netwerk", "plan met netwerk of sociale basis"
    OWN_REASON = "eigen_reden", "eigen reden"
    DURATION = "duur", "duur bij een levenslange beperking"
    SPEED = "snelheid", "besluit binnen 14 dagen"
    COUNT = "aantal", "aantal"
    HAS_PLAN = "heeft_plan", "toekomstplan"
    # Behind the mandate figures (`mandates.figures`): per department, and nested department x outcome, so
    # the figures per department and the municipality's shares are cells of the same suppressed tables.
    DEPARTMENT = "afdeling", "vakafdeling"
    # Behind the intake figures (`intake.selectors.intake_figures`).
    OFFERED = "aangeboden", "cliëntondersteuning aangeboden"
    ACCEPTED = "aangenomen", "cliëntondersteuning aangenomen"
    CLOCK = "klok", "wettelijke termijn"
    ANSWERED = "beantwoord", "beantwoord door beleid"
    COMPLETE = "volledig", "volledig vastgelegd"
    DEPT_TERM = "afdeling_termijn", "vakafdeling en termijn"
    DEPT_REJECTED = "afdeling_afgewezen", "vakafdeling en afgewezen"
    DEPT_ESCALATED = "afdeling_coordinator", "vakafdeling en coördinator"
    MEASURED = "gemeten", "termijn gemeten"
    REJECTED = "afgewezen", "afgewezen"
    ESCALATED = "coordinator", "naar de coördinator"


#: The breakdowns issue 12 names for every measure, beside the period (quarters and year, the columns):
#: wijk, kanaal, onderwerp (soort vraag) and leefgebied. Rows tied to a trajectory take the channel and
#: the topic of the question the trajectory began with, and its main life domain (the domain with the
#: lowest score in its broad analyses); `patterns.services` says it per measure.
CONTEXT: tuple[str, ...] = (Breakdown.NEIGHBOURHOOD, Breakdown.CHANNEL, Breakdown.TOPIC, Breakdown.DOMAIN)

# Which breakdowns each measure has, the first being the default (every breakdown of a measure counts the
# same rows, so they are suppressed together). Period: the quarter of the date named in
# `patterns.services._sources`.
MEASURE_BREAKDOWNS: dict[str, tuple[str, ...]] = {
    Measure.QUESTIONS: CONTEXT,
    Measure.FIRST_CONTACTS: (*CONTEXT, Breakdown.WAIT),
    Measure.TRAJECTORIES: CONTEXT,
    Measure.ANALYSIS_SCORES: (
        Breakdown.DOMAIN,
        Breakdown.SCORE,
        Breakdown.NEIGHBOURHOOD,
        Breakdown.CHANNEL,
        Breakdown.TOPIC,
    ),
    Measure.HELP: (Breakdown.KIND, *CONTEXT),
    Measure.MANDATES: (Breakdown.TERM, *CONTEXT),
    Measure.DECISIONS: (Breakdown.OUTCOME, Breakdown.LAW, *CONTEXT),
    Measure.TRANSITIONS: (Breakdown.PLAN, *CONTEXT),
    Measure.SAFETY: (Breakdown.DECIDED, *CONTEXT),
}


#: The scope of a summary row: "" for the whole municipality; a team's id for the figures a teamleider sees of
#: the own team (the intake figures). A team is a population of its own, suppressed on its own.
MUNICIPALITY = ""


class SummaryRow(TenantModel):
    """What a summary row is about: scope, measure, breakdown, group (a neighbourhood's or channel's label),
    year and quarter."""

    scope = models.CharField(max_length=40, default=MUNICIPALITY, blank=True)
    measure = models.CharField(max_length=20, choices=Measure.choices + FigureMeasure.choices)
    breakdown = models.CharField(max_length=20, choices=Breakdown.choices)
    group = models.CharField(max_length=150)
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True


class SummaryCount(SummaryRow):
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "scope", "measure", "breakdown", "group", "year", "quarter"],
                name="summary_unique_scoped",
            )
        ]


class SummaryValue(SummaryRow):
    """A value a figure needs that is no count, computed by the same job: the median days from question to
    first contact per group and period (quarter 1-4, or 0 for the whole year), stored only for a group with
    at least MIN_CELL first contacts in that period."""

    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "scope", "measure", "breakdown", "group", "year", "quarter"],
                name="summary_value_unique",
            )
        ]


class SummaryRefresh(TenantModel):
    """One row per municipality: when the summary tables were last filled."""

    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality"], name="summary_refresh_once")]

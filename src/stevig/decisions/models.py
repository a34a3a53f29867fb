"""Decisions (beschikkingen) on maatwerkvoorzieningen under the Wmo 2015 and the Jeugdwet (principles 10
and 13 of the kader).

* `ProductCategory`: what can be granted, as data per municipality (begeleiding, hulpmiddel, …).
* `Application` (aanvraag): the resident asks; the legal term (Wmo 2 weeks, Jeugdwet 8 weeks) runs from
  the application date. The due date is computed by the legal calendar and stored, so the worklist is a
  query.
* `LifelongLimitation`: the flag for a lifelong or life-wide limitation. Only with this flag may a
  decision run without an end date (passend beschikken).
* `Decision`: category, form (zorg in natura or pgb), start and end, and always the reason why.
* `PeriodicContact`: for a lifelong decision the system plans contacts ("contactmoment, geen
  herindicatie") instead of re-assessments.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel

# The label every periodic contact carries: it is explicitly not a re-assessment.
CONTACT_LABEL = _("contactmoment, geen herindicatie")

# A lifelong decision has a fitting duration when it has no end date or runs at least this many years.
FITTING_YEARS = 5

# Other decisions are flagged on the worklist this many months before they end.
WARNING_MONTHS = 3


class Law(models.TextChoices):
    WMO = "wmo", _("Wmo 2015")
    JEUGDWET = "jeugdwet", _("Jeugdwet")


class Outcome(models.TextChoices):
    """What the college decided on the aanvraag (Awb 1:3: a beschikking grants, refuses or sets aside)."""

    GRANTED = "toekenning", _("toekenning")
    PARTLY_GRANTED = "gedeeltelijk", _("gedeeltelijke toekenning")
    REFUSED = "afwijzing", _("afwijzing")
    # Awb 4:5: the aanvraag is not dealt with because the applicant did not complete it in time.
    NOT_CONSIDERED = "buiten-behandeling", _("buiten behandeling")


# Outcomes that grant something: these need an omvang (volume, unit, frequency) and a period.
GRANTING = (Outcome.GRANTED, Outcome.PARTLY_GRANTED)


class VolumeUnit(models.TextChoices):
    HOURS = "uur", _("uur")
    MINUTES = "minuten", _("minuten")
    DAY_PARTS = "dagdeel", _("dagdelen")
    DAYS = "etmaal", _("etmalen")
    PIECES = "stuk", _("stuks")
    EUROS = "euro", _("euro")


class Frequency(models.TextChoices):
    PER_WEEK = "week", _("per week")
    PER_MONTH = "maand", _("per maand")
    PER_YEAR = "jaar", _("per jaar")
    TOTAL = "totaal", _("in totaal")


class Signatory(TenantModel):
    """Who may sign decisions for the college of B&W (mandaat, Awb 10:3; or volmacht), per the municipality's
    mandate decision. The letter names the signatory and the mandate ("namens het college")."""

    class Basis(models.TextChoices):
        MANDATE = "mandaat", _("mandaat")
        POWER_OF_ATTORNEY = "volmacht", _("volmacht")

    name = models.CharField(_("naam"), max_length=150)
    function = models.CharField(_("functie"), max_length=150)
    basis = models.CharField(_("grond"), max_length=10, choices=Basis.choices, default=Basis.MANDATE)
    mandate_reference = models.CharField(
        _("mandaatbesluit"),
        max_length=300,
        help_text=_("Titel en datum van het mandaat- of volmachtbesluit."),
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("ondertekenaar (mandaat of volmacht)")
        verbose_name_plural = _("ondertekenaars (mandaat of volmacht)")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.function}"


class DecisionForm(models.TextChoices):
    IN_KIND = "zin", _("zorg in natura")
    PGB = "pgb", _("persoonsgebonden budget (pgb)")


class ProductCategory(TenantModel):
    """What a decision can grant. Configurable per municipality (seeded with a default list)."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=100)
    law = models.CharField(_("wet"), max_length=10, choices=Law.choices)
    description = models.TextField(_("uitleg"), blank=True)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("productcategorie")
        verbose_name_plural = _("productcategorieën")
        ordering = ["law", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="product_category_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_law_display()})"


class LifelongLimitation(TenantModel):
    """A resident has a lifelong or life-wide limitation: decisions may run for years or without end."""

    resident = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="lifelong_limitations"
    )
    description = models.TextField(_("welke beperking"))
    since = models.DateField(_("vastgesteld op"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    end_reason = models.TextField(_("reden van beëindigen"), blank=True)

    class Meta:
        verbose_name = _("levenslange of levensbrede beperking")
        verbose_name_plural = _("levenslange of levensbrede beperkingen")
        ordering = ["-since", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_lifelong_limitation_per_resident",
            ),
            models.CheckConstraint(condition=~models.Q(description=""), name="lifelong_limitation_described"),
        ]


class ApplicationStatus(models.TextChoices):
    OPEN = "open", _("wacht op besluit")
    DECIDED = "besloten", _("besloten")
    WITHDRAWN = "ingetrokken", _("ingetrokken")


class Application(VersionedTenantModel):
    """An aanvraag: from its date the legal term for the decision runs."""

    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="decision_applications"
    )
    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    law = models.CharField(_("wet"), max_length=10, choices=Law.choices)
    category = models.ForeignKey(
        ProductCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wat wordt gevraagd"),
    )
    received_on = models.DateField(_("datum van de aanvraag"))
    due_on = models.DateField(_("uiterlijk besluiten op"))
    description = models.TextField(_("wat vraagt de inwoner"))
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.OPEN
    )
    withdrawn_reason = models.TextField(_("reden van intrekken"), blank=True)
    # Awb 4:15: the term stands still while the applicant completes the aanvraag (days, with the reason).
    suspended_days = models.PositiveIntegerField(_("dagen opgeschort"), default=0)
    suspension_reason = models.TextField(_("reden van opschorten"), blank=True)
    # Awb 4:14 lid 3: the college can postpone once, to a date it names, with the reason.
    postponed_until = models.DateField(_("verdaagd tot"), null=True, blank=True)
    postpone_reason = models.TextField(_("reden van verdagen"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("received_on")), name="application_due_after_received"
            ),
            models.CheckConstraint(condition=~models.Q(description=""), name="application_described"),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "due_on"], name="application_due"),
            models.Index(fields=["household", "received_on"], name="application_household"),
        ]


class Decision(VersionedTenantModel):
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="decisions")
    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="decision"
    )
    category = models.ForeignKey(
        ProductCategory,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("productcategorie"),
    )
    law = models.CharField(_("wet"), max_length=10, choices=Law.choices)
    form = models.CharField(_("vorm"), max_length=5, choices=DecisionForm.choices)
    pgb_motivation = models.TextField(_("waarom een pgb"), blank=True)
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices, default=Outcome.GRANTED)
    legal_ground = models.CharField(
        _("wettelijke grondslag"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: Wmo 2015 art. 2.3.5."),
    )
    # Omvang of what is granted (per product: a decision grants one product category).
    volume = models.DecimalField(_("omvang"), max_digits=9, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("eenheid"), max_length=10, choices=VolumeUnit.choices, blank=True)
    frequency = models.CharField(_("frequentie"), max_length=10, choices=Frequency.choices, blank=True)
    # Bekendmaking (Awb 3:41): the day the decision was sent. The objection term runs from the day after
    # (Awb 6:8 lid 1), never from `decided_on`.
    sent_on = models.DateField(_("verstuurd op"), null=True, blank=True)
    signatory = models.ForeignKey(
        Signatory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ondertekenaar"),
    )
    # Withdrawn (ingetrokken) decisions stay readable with their reason.
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reden van intrekken"), blank=True)
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    reason = models.TextField(_("reden van het besluit"))
    provider = models.CharField(_("zorgaanbieder"), max_length=200, blank=True)
    decided_on = models.DateField(_("datum van het besluit"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Whether the resident had a lifelong/life-wide limitation when this was decided.
    lifelong = models.BooleanField(_("levenslange of levensbrede beperking"), default=False)
    # Lifelong and no end date, or at least FITTING_YEARS long (passend beschikken); for the figures.
    fitting_duration = models.BooleanField(_("passende duur"), default=False)
    contact_interval_months = models.PositiveSmallIntegerField(
        _("contactmoment elke … maanden"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="decision_end_after_start",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="decision_has_reason"),
            models.CheckConstraint(
                condition=~models.Q(form="pgb") | ~models.Q(pgb_motivation=""),
                name="decision_pgb_has_motivation",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=False) | models.Q(lifelong=True),
                name="decision_open_end_only_lifelong",
            ),
            models.CheckConstraint(
                condition=models.Q(sent_on__isnull=True) | models.Q(sent_on__gte=models.F("decided_on")),
                name="decision_sent_after_decided",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "end_date"], name="decision_end"),
            models.Index(fields=["municipality", "decided_on"], name="decision_decided"),
            models.Index(fields=["household", "start_date"], name="decision_household"),
        ]

    def __str__(self) -> str:
        return f"{self.category.name} {self.start_date}"


class DecisionRevision(TenantModel):
    """The earlier text of a decision, kept when it is corrected or withdrawn, so it stays readable."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("inhoud"))
    reason = models.CharField(_("waarom gewijzigd"), max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("eerdere versie van een beschikking")
        verbose_name_plural = _("eerdere versies van beschikkingen")
        ordering = ["decision", "version"]


class RemedyKind(models.TextChoices):
    OBJECTION = "bezwaar", _("bezwaar")
    COMPLAINT = "klacht", _("klacht")
    APPEAL = "beroep", _("beroep")


class RemedyStatus(models.TextChoices):
    OPEN = "open", _("loopt")
    DECIDED = "besloten", _("besloten")
    WITHDRAWN = "ingetrokken", _("ingetrokken")


class LegalRemedy(VersionedTenantModel):
    """A bezwaar (Awb ch. 6-7), klacht (Awb ch. 9) or beroep against a decision, with its own clock.

    * bezwaar: decide within 6 weeks (12 with an advisory committee) from the end of the objection term,
      plus 6 weeks when postponed (Awb 7:10). Received after the term: only with a reason why that is
      excusable (Awb 6:11).
    * klacht: handle within 6 weeks of receipt, 10 with a committee (Awb 9:11, 9:15).
    * beroep: filed at the court; registered so the file shows it. No municipal term.
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="remedies")
    household = models.ForeignKey("people.Household", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=10, choices=RemedyKind.choices)
    received_on = models.DateField(_("ontvangen op"))
    posted_on = models.DateField(_("op de post gedaan op"), null=True, blank=True)
    in_time = models.BooleanField(_("op tijd"), default=True)
    excusable_reason = models.TextField(_("waarom te laat verschoonbaar is"), blank=True)
    advisory_committee = models.BooleanField(_("adviescommissie"), default=False)
    postponed = models.BooleanField(_("verdaagd"), default=False)
    postpone_reason = models.TextField(_("reden van verdagen"), blank=True)
    due_on = models.DateField(_("uiterlijk beslissen op"), null=True, blank=True)
    summary = models.TextField(_("waar gaat het over"))
    status = models.CharField(
        _("status"), max_length=12, choices=RemedyStatus.choices, default=RemedyStatus.OPEN
    )
    decided_on = models.DateField(_("beslist op"), null=True, blank=True)
    result = models.TextField(_("uitkomst"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("bezwaar, klacht of beroep")
        verbose_name_plural = _("bezwaren, klachten en beroepen")
        ordering = ["received_on"]
        indexes = [models.Index(fields=["municipality", "status", "due_on"], name="remedy_due")]


class PeriodicContact(TenantModel):
    """A planned contact for a lifelong decision: how is it going? Explicitly not a re-assessment."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="contacts")
    due_on = models.DateField(_("gepland op"))
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    note = models.TextField(_("korte notitie"), blank=True)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["due_on"]
        indexes = [models.Index(fields=["municipality", "done_on", "due_on"], name="periodic_contact_due")]

    @property
    def label(self) -> str:
        return str(CONTACT_LABEL)


class LetterPdfStatus(models.TextChoices):
    QUEUED = "queued", _("wordt gemaakt")
    READY = "ready", _("klaar")
    FAILED = "failed", _("mislukt")


class LetterPdf(TenantModel):
    """The decision letter as a PDF, made by the background worker (`stevig.decisions.tasks`) so that
    rendering never holds up a request. One per decision version: an edited decision gets a new PDF."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="+")
    decision_version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=LetterPdfStatus.choices, default=LetterPdfStatus.QUEUED)
    filename = models.CharField(max_length=100)
    content = models.BinaryField(blank=True, default=b"")
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("beschikkingsbrief (PDF)")
        verbose_name_plural = _("beschikkingsbrieven (PDF)")
        constraints = [
            models.UniqueConstraint(fields=["decision", "decision_version"], name="letter_pdf_per_version")
        ]

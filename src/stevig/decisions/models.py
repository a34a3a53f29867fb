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
        ]
        indexes = [
            models.Index(fields=["municipality", "end_date"], name="decision_end"),
            models.Index(fields=["municipality", "decided_on"], name="decision_decided"),
            models.Index(fields=["household", "start_date"], name="decision_household"),
        ]

    def __str__(self) -> str:
        return f"{self.category.name} {self.start_date}"


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

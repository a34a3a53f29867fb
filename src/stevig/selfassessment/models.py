"""The municipality's self-assessment (kader chapter 3, in the spirit of the VNG *Verkenningsinstrument
Toegang*; our own texts, the official ones are not public).

* The instrument is data: `Value` → `Principle` (the 13 principles of the kader) → `Statement`, each
  statement scored on the maturity scale `Level` (niet, beginnend, grotendeels, volledig). The texts are
  ours and are loaded by a data migration (`instrument.py`); functioneel beheer may edit them.
* A `Round` is one assessment over one period (a calendar quarter or year, `core.suppression.Period`):
  `Participant`s (team, management, partners) score every statement (`Answer`), the system computes the
  indicators of each principle over the same period (`indicators.py`), and `ImprovementAction`s with an
  owner, a date and a status follow from it (they appear on the owner's worklist).

No resident data lives here: scores are opinions of staff and partners, indicators are suppressed
aggregates.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel


class Level(models.IntegerChoices):
    NOT = 0, _("niet")
    BEGINNING = 1, _("beginnend")
    MOSTLY = 2, _("grotendeels")
    FULLY = 3, _("volledig")


LEVEL_BY_NAME = {str(label): value for value, label in Level.choices}


class Value(models.Model):
    """A value the principles serve (our own grouping of the 13 principles)."""

    code = models.SlugField(unique=True)
    name = models.CharField(_("waarde"), max_length=100)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Principle(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    value = models.ForeignKey(Value, on_delete=models.PROTECT, related_name="principles")
    title = models.CharField(_("principe"), max_length=120)
    short = models.CharField(_("korte naam"), max_length=40)
    explanation = models.TextField(_("uitleg"))

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=13), name="principle_number_1_13"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Statement(models.Model):
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="statements")
    order = models.PositiveSmallIntegerField()
    text = models.TextField(_("stelling"))

    class Meta:
        ordering = ["principle__number", "order"]
        constraints = [models.UniqueConstraint(fields=["principle", "order"], name="statement_order_once")]

    def __str__(self) -> str:
        return self.text


class RoundStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "afgesloten", _("afgesloten")


class Group(models.TextChoices):
    TEAM = "team", _("team")
    MANAGEMENT = "management", _("management")
    PARTNERS = "partners", _("partners")


class Round(VersionedTenantModel):
    title = models.CharField(_("naam van de ronde"), max_length=120)
    period = models.CharField(_("periode"), max_length=7)  # "2026" or "2026-K3" (core.suppression.Period)
    status = models.CharField(max_length=12, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "-created_at", "id"], name="sa_round_recent")]

    def __str__(self) -> str:
        return self.title


class Participant(TenantModel):
    """Who scores in a round: a staff member (fills in the form themself) or a partner without an
    account (policy enters the partner's scores, `name` says who)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    group = models.CharField(_("groep"), max_length=12, choices=Group.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("naam"), max_length=120)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["group", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user"], condition=models.Q(user__isnull=False), name="sa_participant_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Answer(TenantModel):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(choices=Level.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "statement"], name="sa_answer_once"),
            models.CheckConstraint(condition=models.Q(level__lte=3), name="sa_answer_level_on_scale"),
        ]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("nog niet begonnen")
    BUSY = "bezig", _("bezig")
    DONE = "klaar", _("klaar")


class ImprovementAction(VersionedTenantModel):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="actions")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("wat gaan we doen?"), max_length=1000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("wie")
    )
    due_on = models.DateField(_("klaar op"))
    status = models.CharField(
        _("stand"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "status", "due_on"], name="sa_action_owner")]

    def __str__(self) -> str:
        return self.description[:60]


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("wordt gemaakt")
    READY = "ready", _("klaar")
    FAILED = "failed", _("mislukt")


class QuarterlyReport(TenantModel):
    """The quarterly report of a municipality (kader ch. 3): patterns, signals and answers, and the
    indicators per principle, in plain language. Made by the background job (`tasks.make_quarterly_report`)
    and kept: the HTML and the PDF are stored as they were made, so a later report never changes it."""

    period = models.CharField(_("kwartaal"), max_length=7)  # "2026-K1"
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    html = models.TextField(blank=True)
    pdf = models.BinaryField(blank=True, default=b"")
    generated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "-created_at", "id"], name="sa_report_recent")]
        constraints = [
            # The background job makes one report per quarter after it ends (no person asked for it).
            models.UniqueConstraint(
                fields=["municipality", "period"],
                condition=models.Q(requested_by__isnull=True),
                name="sa_report_scheduled_once",
            )
        ]

    def __str__(self) -> str:
        return self.period

    @property
    def filename(self) -> str:
        return f"kwartaalrapportage-{self.period}.pdf"

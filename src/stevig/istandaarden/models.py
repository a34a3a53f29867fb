from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel

agb_code = RegexValidator(r"^[0-9]{8}$", _("Een AGB-code heeft 8 cijfers."))


class Standard(models.TextChoices):
    IWMO = "iwmo", _("iWmo 3.2")
    IJW = "ijw", _("iJw 3.2")


class Provider(TenantModel):
    """A zorgaanbieder the municipality has a contract with, known by its AGB code (Vektis)."""

    agb_code = models.CharField(_("AGB-code"), max_length=8, validators=[agb_code])
    name = models.CharField(_("naam"), max_length=200)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("zorgaanbieder")
        verbose_name_plural = _("zorgaanbieders")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "agb_code"], name="provider_agb_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (AGB {self.agb_code})"


class AllocationStatus(models.TextChoices):
    ALLOCATED = "toegewezen", _("toegewezen")
    STARTED = "gestart", _("zorg gestart")
    STOPPED = "gestopt", _("zorg gestopt")


class Allocation(TenantModel):
    """A toewijzing: one product of one decision, allocated to one provider (iWmo/iJw 301)."""

    decision = models.ForeignKey("decisions.Decision", on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="allocations")
    number = models.PositiveIntegerField(_("toewijzingnummer"))
    product_category = models.CharField(_("productcategorie"), max_length=2)
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AllocationStatus.choices, default=AllocationStatus.ALLOCATED
    )
    care_started_on = models.DateField(_("zorg gestart op"), null=True, blank=True)
    care_stopped_on = models.DateField(_("zorg gestopt op"), null=True, blank=True)
    stop_reason = models.CharField(_("reden einde"), max_length=2, blank=True)

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "number"], name="allocation_number_unique"),
        ]


class Direction(models.TextChoices):
    OUT = "uit", _("verstuurd")
    IN = "in", _("ontvangen")


class MessageStatus(models.TextChoices):
    READY = "klaar", _("klaar om te versturen")
    FETCHED = "opgehaald", _("opgehaald door de aanbieder")
    RECEIVED = "ontvangen", _("ontvangen, wacht op antwoord")
    PROCESSED = "verwerkt", _("ontvangen en verwerkt")
    ANSWERED = "beantwoord", _("beantwoord")
    REFUSED = "geweigerd", _("niet verstuurd: fout in het bericht")


class Message(TenantModel):
    """One iWmo/iJw message, out (outbox) or in (inbox), exactly as it left or arrived (XSD-valid)."""

    direction = models.CharField(_("richting"), max_length=3, choices=Direction.choices)
    standard = models.CharField(_("standaard"), max_length=4, choices=Standard.choices)
    code = models.CharField(_("bericht"), max_length=3)
    identification = models.CharField(_("berichtidentificatie"), max_length=12)
    sender = models.CharField(_("afzender"), max_length=8)
    receiver = models.CharField(_("ontvanger"), max_length=8)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decision = models.ForeignKey(
        "decisions.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    in_reply_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    status = models.CharField(_("status"), max_length=12, choices=MessageStatus.choices)
    xml = models.TextField(_("bericht (XML)"))
    errors = models.JSONField(_("fouten"), default=list, blank=True)
    fetched_at = models.DateTimeField(_("opgehaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("iWmo/iJw-bericht")
        verbose_name_plural = _("iWmo/iJw-berichten")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "direction", "sender", "code", "identification"],
                name="message_once",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "direction", "status"], name="message_box")]

    @property
    def label(self) -> str:
        return f"{self.get_standard_display()} {self.code}"

"""System bottlenecks (*systeemknelpunten*, principle 4 of the kader): practice tells policy where the
system gets in the way, and policy answers.

* `Signal`: one bottleneck raised by a professional. It has **no link to a household, a resident or a
  trajectory**: only a category, a description without personal data, a neighbourhood and optionally a
  facility of the social map or a municipal department. Policy therefore never reaches a file through it.
* `SignalGroup`: similar signals that policy follows as one ("12 signalen: wachtlijst GGZ, Noord").
  Policy answers the group: nieuw → in behandeling → beleid aangepast / niet overgenomen, each step with
  a reason. The answer is copied onto every signal of the group, so the professional and the team see it.
* `SignalEvent`: every step of a group or signal, for following it over time.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel


class Category(models.TextChoices):
    WAITING_LIST = "wachtlijst", _("wachtlijst")
    RULES_CLASH = "regels_botsen", _("regels botsen")
    NO_FITTING_OFFER = "geen_passend_aanbod", _("geen passend aanbod")
    FUNDING = "financiering", _("financiering")
    HOUSING = "huisvesting", _("huisvesting")
    COOPERATION = "samenwerking", _("samenwerking")
    OTHER = "anders", _("anders")


class Status(models.TextChoices):
    NEW = "nieuw", _("nieuw")
    IN_PROGRESS = "in_behandeling", _("in behandeling")
    POLICY_CHANGED = "beleid_aangepast", _("beleid aangepast")
    NOT_ADOPTED = "niet_overgenomen", _("niet overgenomen")


# Which step may follow which (the answer is final: a new signal starts a new round).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.NEW: (Status.IN_PROGRESS, Status.POLICY_CHANGED, Status.NOT_ADOPTED),
    Status.IN_PROGRESS: (Status.POLICY_CHANGED, Status.NOT_ADOPTED),
    Status.POLICY_CHANGED: (),
    Status.NOT_ADOPTED: (),
}
ANSWERED = (Status.POLICY_CHANGED, Status.NOT_ADOPTED)


class SignalGroup(VersionedTenantModel):
    title = models.CharField(_("naam van de groep"), max_length=120)
    category = models.CharField(_("soort knelpunt"), max_length=30, choices=Category.choices)
    neighbourhood = models.ForeignKey(
        "tenancy.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wijk"),
    )
    status = models.CharField(_("stand"), max_length=20, choices=Status.choices, default=Status.NEW)
    answer = models.TextField(_("antwoord van beleid"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("groep knelpunten")
        verbose_name_plural = _("groepen knelpunten")
        indexes = [models.Index(fields=["municipality", "-created_at", "id"], name="signalgroup_recent")]

    def __str__(self) -> str:
        return self.title


class Signal(VersionedTenantModel):
    category = models.CharField(_("soort knelpunt"), max_length=30, choices=Category.choices)
    description = models.TextField(_("wat loopt vast?"), max_length=2000)
    neighbourhood = models.ForeignKey(
        "tenancy.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wijk"),
    )
    facility = models.ForeignKey(
        "socialmap.Facility",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorziening"),
    )
    department = models.ForeignKey(
        "tenancy.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vakafdeling"),
    )
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        "tenancy.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        SignalGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="signals"
    )
    status = models.CharField(_("stand"), max_length=20, choices=Status.choices, default=Status.NEW)
    answer = models.TextField(_("antwoord van beleid"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        indexes = [
            models.Index(fields=["municipality", "-created_at", "id"], name="signal_recent"),
            models.Index(fields=["raised_by", "-created_at", "id"], name="signal_raised_by"),
            models.Index(fields=["team", "-created_at", "id"], name="signal_team"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:40]}"


class SignalEvent(TenantModel):
    group = models.ForeignKey(
        SignalGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    status = models.CharField(_("stand"), max_length=20, choices=Status.choices)
    note = models.TextField(_("toelichting"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]

"""Mijn Stevig: what a resident sends from the portal. Everything else the portal shows is read from the
apps that own it (intake, plans, decisions, datasharing, audit) through `portal.selectors`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel


class ResidentMessage(TenantModel):
    """A message a resident sent to their contact person in Mijn Stevig. It is on the worklist of the
    contact person (or of the team when the household has none) until someone marks it as read."""

    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("van")
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aan"),
    )
    text = models.TextField(_("bericht"), max_length=2000)
    sent_at = models.DateTimeField(_("verstuurd op"))
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bericht van een inwoner")
        verbose_name_plural = _("berichten van inwoners")
        ordering = ["-sent_at"]
        indexes = [
            models.Index(fields=["household", "read_at"], name="resident_message_open"),
            models.Index(fields=["to_user", "read_at"], name="resident_message_to_user"),
        ]

from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel


class BrpLink(TenantModel):
    """What Stevig last took over from the BRP for one resident: when, whether they died, and the
    gezag the BRP gave (minors this resident has authority over, and who has authority over them)."""

    resident = models.OneToOneField("people.Resident", on_delete=models.PROTECT, related_name="brp_link")
    fetched_at = models.DateTimeField(_("laatst opgehaald"))
    died_on = models.DateField(_("overleden op"), null=True, blank=True)
    gezag = models.JSONField(_("gezag volgens de BRP"), default=list, blank=True)

    class Meta:
        verbose_name = _("koppeling met de BRP")
        verbose_name_plural = _("koppelingen met de BRP")

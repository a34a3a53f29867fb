"""Retention and destruction (AVG art. 5 lid 1 onder e, opslagbeperking): what must be kept, what may not
be destroyed yet, and what was destroyed.

`DestructionRecord` outlives the file it records: it has no foreign key to a household or resident (only
their ids as text and counts), just as the access log has none.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel


class LitigationHold(TenantModel):
    """A file that may not be destroyed while a dispute, complaint or court case runs (bewaarplicht
    wegens een geschil). Lifted by setting `lifted_at`; never deleted while active."""

    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("waarom bewaren"))
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bewaarplicht wegens geschil")
        indexes = [models.Index(fields=["household", "lifted_at"], name="retention_hold_household")]


class DestructionRecord(TenantModel):
    """That a file was destroyed, on what ground and by whose approval. No foreign key to the file."""

    household_ref = models.CharField(_("huishouden (id)"), max_length=36, db_index=True)
    resident_refs = models.JSONField(_("inwoners (ids)"), default=list)
    ground = models.TextField(_("grond"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    destroyed_at = models.DateTimeField(_("vernietigd op"), auto_now_add=True)
    # {"app_label.Model": rows removed}, for the privacy officer's account of what went.
    removed = models.JSONField(_("verwijderd"), default=dict)

    class Meta:
        verbose_name = _("vernietigingsverklaring")
        ordering = ["-destroyed_at"]

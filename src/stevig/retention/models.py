"""Retention and destruction (AVG art. 5 lid 1 onder e, opslagbeperking): what must be kept, what may not
be destroyed yet, and what was destroyed.

`DestructionRecord` outlives the file it records: it has no foreign key to a household or resident (only
their ids as text and counts), just as the access log has none.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel


class LitigationHold(TenantModel):
    """A file that may not be destroyed while a dispute, complaint or court case runs (bewaarplicht
    wegens een geschil). Lifted by setting `lifted_at`; never deleted while active."""

    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("waarom bewaren"))
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(_("geplaatst op"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lift_reason = models.TextField(_("waarom opgeheven"), blank=True)

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


class ListStatus(models.TextChoices):
    OPEN = "open", _("wacht op beoordeling")
    DONE = "klaar", _("helemaal beoordeeld")


class DestructionList(VersionedTenantModel):
    """The month's list of files whose retention period has passed, made by the monthly job
    (`retention.tasks.make_destruction_list`). One per municipality per month. Its `version` goes up
    with every decision on it, so a decision taken on an older view of the list answers 409."""

    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    made_on = models.DateField(_("gemaakt op"))
    status = models.CharField(_("status"), max_length=10, choices=ListStatus.choices, default=ListStatus.OPEN)

    class Meta:
        verbose_name = _("vernietigingslijst")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "month"], name="retention_one_list_per_month")
        ]


class ItemStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("wacht op beoordeling")
    DESTROYED = "vernietigd", _("goedgekeurd en vernietigd")
    REJECTED = "afgewezen", _("afgewezen: blijft bewaard")


class DestructionListItem(VersionedTenantModel):
    """One file on a destruction list. No foreign key to the household (the item outlives the file, as
    the access log does): only its id, the facts that put it on the list and the privacy officer's
    decision."""

    destruction_list = models.ForeignKey(DestructionList, on_delete=models.PROTECT, related_name="items")
    household_ref = models.CharField(_("huishouden (id)"), max_length=36)
    kinds = models.JSONField(_("soorten gegevens"), default=list)
    last_involvement = models.DateField(_("einde laatste betrokkenheid"))
    keep_until = models.DateField(_("bewaren tot en met"))
    sources = models.JSONField(_("grondslag van de bewaartermijn"), default=list)
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    reason = models.TextField(_("toelichting van de privacy officer"), blank=True)
    record = models.OneToOneField(
        DestructionRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="list_item"
    )

    class Meta:
        verbose_name = _("dossier op de vernietigingslijst")
        ordering = ["keep_until", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["destruction_list", "household_ref"], name="retention_item_once_per_list"
            )
        ]
        indexes = [models.Index(fields=["destruction_list", "keep_until", "id"], name="retention_item_order")]


class RequestLaw(models.TextChoices):
    """The law the file falls under: its article on destruction on request."""

    JEUGDWET = "jeugdwet", _("Jeugdwet (art. 7.3.9)")
    WMO = "wmo", _("Wmo 2015 (art. 5.3.5)")


class Requester(models.TextChoices):
    """Who asked (a role, no name: the request record keeps no personal data beyond ids)."""

    SELF = "betrokkene", _("de inwoner zelf")
    PARENT = "ouder_voogd", _("een ouder met gezag of de voogd")
    REPRESENTATIVE = "vertegenwoordiger", _("een wettelijk vertegenwoordiger (curator, mentor)")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("wacht op besluit")
    DONE = "uitgevoerd", _("uitgevoerd: dossier vernietigd")
    REFUSED = "geweigerd", _("geweigerd: dossier blijft bewaard")


class DestructionRequest(VersionedTenantModel):
    """A resident's request to destroy their file (Jeugdwet art. 7.3.9, Wmo 2015 art. 5.3.5): carried out
    within three months (`due_on`, `rules.destruction_request_due`) or refused on a legal exception.

    No foreign key to the household (the request outlives the file it names, as the destruction record
    does): only its id, dates, choices and the privacy officer's decision."""

    household_ref = models.CharField(_("huishouden (id)"), max_length=36, db_index=True)
    law = models.CharField(_("wet"), max_length=10, choices=RequestLaw.choices)
    received_on = models.DateField(_("verzoek ontvangen op"))
    due_on = models.DateField(_("uiterlijk uitvoeren op"))
    requested_by = models.CharField(_("wie vroeg erom"), max_length=20, choices=Requester.choices)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    exception = models.CharField(_("uitzondering"), max_length=20, blank=True)
    reason = models.TextField(_("toelichting van de privacy officer"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    record = models.OneToOneField(
        DestructionRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="request"
    )

    class Meta:
        verbose_name = _("verzoek om vernietiging")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["municipality", "status", "due_on", "id"], name="retention_req_due")]

    def exception_label(self) -> str:
        from stevig.retention.rules import RequestException

        return str(RequestException(self.exception).label) if self.exception else ""

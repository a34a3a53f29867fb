"""The toekomstplan (16-27): the big 5 with a status and a next step per domain, agreed with the young
person (kader principle 9; see `rules.py`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel
from stevig.transitions.rules import Big5, DomainStatus


class FuturePlan(VersionedTenantModel):
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="future_plans")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_on = models.DateField(_("afgesproken met de jongere op"), null=True, blank=True)

    class Meta:
        verbose_name = _("toekomstplan")
        verbose_name_plural = _("toekomstplannen")
        constraints = [models.UniqueConstraint(fields=["resident"], name="one_future_plan_per_resident")]
        indexes = [models.Index(fields=["municipality", "agreed_on"], name="future_plan_agreed")]


class FuturePlanDomain(TenantModel):
    plan = models.ForeignKey(FuturePlan, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("leefgebied"), max_length=20, choices=Big5.choices)
    status = models.CharField(_("hoe staat het ervoor"), max_length=10, choices=DomainStatus.choices)
    next_step = models.TextField(_("volgende stap"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "domain"], name="future_plan_domain_once")]

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


class LifePhase(models.TextChoices):
    NOW = "nu", _("nu")
    COMING_YEARS = "komende_jaren", _("de komende jaren")
    LATER = "later", _("later in het leven")


class PerspectivePlan(VersionedTenantModel):
    """Perspectiefplan (kader principle 10): long-term goals across life phases for a resident with a
    lifelong or life-wide limitation, looked at again every few years and growing with the resident and
    the household. Not a re-assessment."""

    resident = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="perspective_plans"
    )
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    review_years = models.PositiveSmallIntegerField(_("samen terugkijken na … jaar"), default=3)
    reviewed_on = models.DateField(_("laatst bijgewerkt op"))
    next_review = models.DateField(_("volgende keer samen kijken"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("perspectiefplan")
        constraints = [
            models.UniqueConstraint(fields=["resident"], name="one_perspective_plan_per_resident"),
            models.CheckConstraint(
                condition=models.Q(review_years__gte=1, review_years__lte=5), name="perspective_review_1_to_5"
            ),
        ]


class PerspectiveGoal(TenantModel):
    plan = models.ForeignKey(PerspectivePlan, on_delete=models.CASCADE, related_name="goals")
    phase = models.CharField(_("levensfase"), max_length=15, choices=LifePhase.choices)
    goal = models.TextField(_("wat wil de inwoner bereiken"))
    support = models.TextField(_("wat is daarvoor nodig"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "phase"], name="perspective_goal_per_phase")]

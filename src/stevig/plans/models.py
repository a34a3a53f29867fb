"""One household plan (gezinsplan) per trajectory: goals in the resident's own words, actions with who
does them and by when, an evaluation date; each version agreed with the resident is frozen and kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel, tenant_link


class OwnerType(models.TextChoices):
    RESIDENT = "inwoner", _("inwoner zelf")
    NETWORK = "netwerk", _("netwerk (familie, vrienden, buren)")
    TEAM = "team", _("lokaal team")
    SOCIAL_BASIS = "sociale_basis", _("partner in de sociale basis")
    DEPARTMENT = "vakafdeling", _("vakafdeling van de gemeente")
    SPECIALIST = "specialist", _("specialist")


# Owners that count as "an action by the network or the social basis" (principle 3).
NETWORK_OR_SOCIAL_BASIS: frozenset[str] = frozenset({OwnerType.NETWORK, OwnerType.SOCIAL_BASIS})


class AgreementMethod(models.TextChoices):
    CONVERSATION = "gesprek", _("in een gesprek")
    PHONE = "telefoon", _("via de telefoon")
    WRITTEN = "schriftelijk", _("op papier")
    DIGITAL = "digitaal", _("digitaal")


class HouseholdPlan(VersionedTenantModel):
    """The plan of a trajectory. Every change (also to goals and actions) raises `version`, so two
    professionals editing at once cannot overwrite each other."""

    trajectory = models.OneToOneField(
        "trajectories.Trajectory", on_delete=models.PROTECT, related_name="household_plan"
    )
    start_date = models.DateField(_("startdatum"))
    evaluation_date = models.DateField(_("evaluatiedatum"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("gezinsplan")
        verbose_name_plural = _("gezinsplannen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(evaluation_date__gte=models.F("start_date")),
                name="plan_evaluation_not_before_start",
            )
        ]
        indexes = [models.Index(fields=["municipality", "evaluation_date"], name="plan_evaluation_date")]

    def __str__(self) -> str:
        return f"{_('Gezinsplan')} {self.trajectory_id}"


class Goal(TenantModel):
    plan = models.ForeignKey(HouseholdPlan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("doel in de woorden van de inwoner"))
    members = models.ManyToManyField(
        through="GoalMember", to="people.Resident", related_name="+", verbose_name=_("voor wie")
    )
    domains = models.JSONField(_("leefgebieden"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def domain_labels(self) -> list[str]:
        from stevig.analysis.models import Domain

        return [str(Domain(code).label) for code in self.domains if code in Domain.values]


class PlanAction(TenantModel):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("wat gebeurt er"))
    owner_type = models.CharField(_("wie doet het"), max_length=15, choices=OwnerType.choices)
    owner_name = models.CharField(_("naam"), max_length=150, blank=True)
    due_date = models.DateField(_("klaar op"))
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["due_date", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(owner_type=""), name="plan_action_has_owner")
        ]
        indexes = [models.Index(fields=["municipality", "owner_type"], name="plan_action_owner_type")]

    def __str__(self) -> str:
        return self.description[:60]


class PlanVersion(TenantModel):
    """A version agreed with the resident: a frozen copy of the plan, kept and printable."""

    plan = models.ForeignKey(HouseholdPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    agreed_on = models.DateField(_("afgesproken op"))
    agreed_how = models.CharField(_("hoe afgesproken"), max_length=15, choices=AgreementMethod.choices)
    agreed_with = models.CharField(_("afgesproken met"), max_length=200, blank=True)
    snapshot = models.JSONField(_("inhoud van het plan"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("afgesproken versie")
        verbose_name_plural = _("afgesproken versies")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")]
        indexes = [models.Index(fields=["municipality", "agreed_on"], name="plan_version_agreed_on")]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"


GoalMember = tenant_link(
    "GoalMember",
    module=__name__,
    owner=Goal,
    owner_fk="goal",
    target="people.Resident",
    target_fk="resident",
    table="plans_goal_members",
    source="resident",
)

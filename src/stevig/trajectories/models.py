"""The support trajectory (ondersteuningstraject): one per household at a time, one plan, one contact."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel


class Phase(models.TextChoices):
    EXPLORING = "verkennen", _("verkennen")
    PLAN = "plan", _("plan")
    HELP = "hulp", _("hulp")
    PILOT_LIGHT = "waakvlam", _("waakvlam")
    CLOSED = "afgesloten", _("afgesloten")


# The one table of allowed phase changes. Everything not listed is refused by the service.
# From waakvlam a trajectory is reactivated (to hulp or plan) without a new intake.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Phase.EXPLORING: frozenset({Phase.PLAN, Phase.CLOSED}),
    Phase.PLAN: frozenset({Phase.EXPLORING, Phase.HELP, Phase.CLOSED}),
    Phase.HELP: frozenset({Phase.PLAN, Phase.PILOT_LIGHT, Phase.CLOSED}),
    Phase.PILOT_LIGHT: frozenset({Phase.HELP, Phase.PLAN, Phase.CLOSED}),
    Phase.CLOSED: frozenset(),
}


class Trajectory(VersionedTenantModel):
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="trajectories")
    team = models.ForeignKey("tenancy.Team", on_delete=models.PROTECT, related_name="trajectories")
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="trajectories_as_contact",
        verbose_name=_("vast aanspreekpunt"),
    )
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices, default=Phase.EXPLORING)
    opened_at = models.DateTimeField(_("geopend op"), auto_now_add=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    close_reason = models.TextField(_("reden van afsluiten"), blank=True)
    # The question(s) that led to this trajectory live in the intake app and point here.

    class Meta:
        verbose_name = _("ondersteuningstraject")
        verbose_name_plural = _("ondersteuningstrajecten")
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=~models.Q(phase="afgesloten"), name="one_open_trajectory_per_household"
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "team", "phase"], name="trajectory_team_phase"),
            models.Index(fields=["contact_person", "phase"], name="trajectory_contact_phase"),
        ]


class PhaseChange(TenantModel):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=12, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=12, choices=Phase.choices)
    reason = models.TextField(_("reden"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at"]

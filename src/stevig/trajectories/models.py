"""The support trajectory (ondersteuningstraject): one per household at a time, one plan, one contact.

Around it: basic help the team gives itself (no indicatie), contacts, specialist consultations and the
pilot-light contact (waakvlam) that keeps a light line open after the plan's goals are met.
"""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel, tenant_link


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
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trajectories_as_contact",
        verbose_name=_("vast aanspreekpunt"),
    )
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices, default=Phase.EXPLORING)
    opened_at = models.DateTimeField(_("geopend op"), auto_now_add=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    close_reason = models.TextField(_("reden van afsluiten"), blank=True)
    # The question that led to this trajectory, in the resident's words or as a reference to the intake.
    opened_from = models.TextField(_("vraag waarmee het traject begon"), blank=True)
    opened_from_question = models.ForeignKey(
        "intake.Question",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trajectories",
        verbose_name=_("hulpvraag"),
    )
    expertise_needed = models.ManyToManyField(
        through="TrajectoryExpertise",
        to="tenancy.ExpertiseTag",
        blank=True,
        related_name="+",
        verbose_name=_("expertise die nodig is"),
    )

    class Meta:
        verbose_name = _("ondersteuningstraject")
        verbose_name_plural = _("ondersteuningstrajecten")
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=~models.Q(phase="afgesloten"),
                name="one_open_trajectory_per_household",
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "team", "phase"], name="trajectory_team_phase"),
            models.Index(fields=["contact_person", "phase"], name="trajectory_contact_phase"),
        ]

    def __str__(self) -> str:
        return f"{_('Traject')} {self.household}"

    @property
    def allowed_next_phases(self) -> list[str]:
        """The phases this trajectory may move to, in the order of the phase list."""
        allowed = ALLOWED_TRANSITIONS[self.phase]
        return [p for p in Phase.values if p in allowed]


class PhaseChange(TenantModel):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=12, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=12, choices=Phase.choices)
    reason = models.TextField(_("reden"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at"]


class HelpKind(models.TextChoices):
    """The basic help catalogue of the kader (principle 7)."""

    ADVICE = "advies", _("advies en meedenken")
    REASSURANCE = "geruststellen", _("geruststellen / vertrouwd aanspreekpunt")
    NETWORK = "netwerk", _("informeel netwerk versterken")
    PARENTING = "opvoedondersteuning", _("opvoedondersteuning")
    FINANCES = "financien", _("helpen met financiën")
    PSYCHO_EDUCATION = "psycho_educatie", _("psycho-educatie")
    MEDIATION = "bemiddelen", _("bemiddelen op school of werk")
    OTHER_PROFESSIONALS = "hulpverleners_erbij", _("andere hulpverleners erbij halen")
    PILOT_LIGHT = "waakvlamcontact", _("waakvlamcontact")
    CREATIVE = "maatwerk", _("creatieve maatwerkoplossing")


class BasicHelp(VersionedTenantModel):
    """Basic help the team gives itself, without an indicatie or a decision."""

    class Intensity(models.TextChoices):
        LIGHT = "licht", _("licht")
        INTENSIVE = "intensief", _("intensief")

    class Duration(models.TextChoices):
        SHORT = "kort", _("kort")
        LONG = "lang", _("lang")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="basic_help")
    kind = models.CharField(_("soort basishulp"), max_length=20, choices=HelpKind.choices)
    description = models.TextField(_("wat doen we"), blank=True)
    provided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door wie")
    )
    intensity = models.CharField(_("licht of intensief"), max_length=10, choices=Intensity.choices)
    duration = models.CharField(_("kort of lang"), max_length=10, choices=Duration.choices)
    reason = models.TextField(_("reden"), blank=True)
    start_date = models.DateField(_("start"))
    evaluation_date = models.DateField(_("evalueren op"))
    evaluated_at = models.DateField(_("geëvalueerd op"), null=True, blank=True)
    evaluation_note = models.TextField(_("uitkomst van de evaluatie"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("basishulp")
        verbose_name_plural = _("basishulp")
        ordering = ["start_date", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(evaluation_date__gte=models.F("start_date")),
                name="basic_help_evaluation_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="maatwerk") | ~models.Q(reason=""),
                name="basic_help_creative_needs_reason",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "evaluation_date"], name="basic_help_evaluation")]

    @property
    def evaluated_on_time(self) -> bool | None:
        """True/False once evaluated; None while the evaluation is still open."""
        if self.evaluated_at is None:
            return None
        return self.evaluated_at <= self.evaluation_date


class ContactKind(models.TextChoices):
    HOME_VISIT = "huisbezoek", _("huisbezoek")
    LOCATION = "locatie", _("gesprek op een locatie")
    PHONE = "telefoon", _("telefoon")
    DIGITAL = "digitaal", _("digitaal (beeldbellen, chat, e-mail)")
    CONSULTATION = "overleg", _("overleg")


class Contact(TenantModel):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("soort contact"), max_length=12, choices=ContactKind.choices)
    contact_date = models.DateField(_("datum"))
    residents = models.ManyToManyField(
        through="ContactResident",
        to="people.Resident",
        blank=True,
        related_name="+",
        verbose_name=_("met wie"),
    )
    with_others = models.CharField(_("met wie nog meer"), max_length=200, blank=True)
    summary = models.TextField(_("korte samenvatting"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Set when this contact answered a pilot-light check-in: the date it was due (for "on time").
    pilot_light_due = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")
        ordering = ["-contact_date", "-created_at"]
        indexes = [models.Index(fields=["trajectory", "contact_date"], name="contact_trajectory_date")]


class Consultation(TenantModel):
    """A specialist consultation (advice) or a referral to specialist help; the team stays the contact."""

    class Kind(models.TextChoices):
        CONSULTATION = "consultatie", _("consultatie (advies vragen)")
        REFERRAL = "verwijzing", _("verwijzing naar specialistische hulp")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices, default=Kind.CONSULTATION)
    area = models.ForeignKey(
        "tenancy.ExpertiseTag", on_delete=models.PROTECT, related_name="+", verbose_name=_("expertise")
    )
    consulted = models.CharField(_("wie of welke organisatie"), max_length=200)
    consultation_date = models.DateField(_("datum"))
    question = models.TextField(_("vraag"))
    advice = models.TextField(_("advies"), blank=True)
    follow_up_date = models.DateField(_("wanneer checken we hoe het gaat"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("consultatie")
        verbose_name_plural = _("consultaties")
        ordering = ["-consultation_date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="verwijzing") | models.Q(follow_up_date__isnull=False),
                name="referral_needs_follow_up",
            )
        ]


# Module-level name for the OpenAPI enum naming (ENUM_NAME_OVERRIDES needs an importable path).
ConsultationKind = Consultation.Kind


class CadenceUnit(models.TextChoices):
    DAYS = "dagen", _("dagen")
    WEEKS = "weken", _("weken")
    MONTHS = "maanden", _("maanden")


class PilotLight(VersionedTenantModel):
    """Pilot-light contact (waakvlam): plan done, file open, a light check-in every so often.

    `next_due` is stored (indexed) so that "due" and "missed" are plain queries over the worklist.
    """

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="pilot_lights")
    cadence_number = models.PositiveSmallIntegerField(_("elke"))
    cadence_unit = models.CharField(_("eenheid"), max_length=8, choices=CadenceUnit.choices)
    started_on = models.DateField(_("gestart op"))
    next_due = models.DateField(_("volgend contact uiterlijk"))
    last_contact_on = models.DateField(_("laatste contact"), null=True, blank=True)
    ended_at = models.DateTimeField(_("gestopt op"), null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("waakvlamcontact")
        verbose_name_plural = _("waakvlamcontacten")
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_pilot_light",
            ),
            models.CheckConstraint(
                condition=models.Q(cadence_number__gte=1), name="pilot_light_cadence_positive"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "ended_at", "next_due"], name="pilot_light_due")]

    @property
    def cadence_label(self) -> str:
        return f"{_('elke')} {self.cadence_number} {self.get_cadence_unit_display()}"

    def next_after(self, day: date) -> date:
        return add_cadence(day, self.cadence_number, self.cadence_unit)


def add_cadence(day: date, number: int, unit: str) -> date:
    """`day` plus a cadence; months keep the day of the month where possible (31 Jan + 1 month = 28/29 Feb)."""
    if unit == CadenceUnit.DAYS:
        return day + timedelta(days=number)
    if unit == CadenceUnit.WEEKS:
        return day + timedelta(weeks=number)
    months = day.month - 1 + number
    year, month = day.year + months // 12, months % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


ContactResident = tenant_link(
    "ContactResident",
    module=__name__,
    owner=Contact,
    owner_fk="contact",
    target="people.Resident",
    target_fk="resident",
    table="trajectories_contact_residents",
    source="resident",
)


TrajectoryExpertise = tenant_link(
    "TrajectoryExpertise",
    module=__name__,
    owner=Trajectory,
    owner_fk="trajectory",
    target="tenancy.ExpertiseTag",
    target_fk="expertisetag",
    table="trajectories_trajectory_expertise_needed",
    source="trajectory",
)

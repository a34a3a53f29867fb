"""The safety track (veiligheidsspoor) on a support trajectory: the Meldcode huiselijk geweld en
kindermishandeling step by step (see `meldcode.py` for the rules and their sources).

Need-to-know is narrower than for the rest of the file: the notes of a track are for the vast
aanspreekpunt, the colleagues named on the track and the team's teamleider only (see `selectors`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel
from stevig.safety.meldcode import Outcome, Step


class Source(models.TextChoices):
    SIGNALS = "signalen", _("eigen zorgen of signalen van het team")
    QUESTION = "vraag", _("een hulpvraag")
    VEILIG_THUIS = "veilig_thuis", _("een signaal van Veilig Thuis")


class Status(models.TextChoices):
    OPEN = "open", _("loopt")
    REPORTED = "gemeld", _("gemeld, wacht op Veilig Thuis")
    CLOSED = "afgerond", _("afgerond")


class SafetyTrack(VersionedTenantModel):
    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.PROTECT, related_name="safety_tracks"
    )
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("waardoor"), max_length=15, choices=Source.choices)
    question = models.ForeignKey(
        "intake.Question", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_note = models.TextField(_("wat is het signaal"), blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    # The afwegingskader answers (None: not asked yet, or not needed after an earlier answer decided).
    q1_suspicion = models.BooleanField(null=True, blank=True)
    q2_unsafe = models.BooleanField(null=True, blank=True)
    q3_help_possible = models.BooleanField(null=True, blank=True)
    q4_help_accepted = models.BooleanField(null=True, blank=True)
    q5_lasting_safety = models.BooleanField(null=True, blank=True)
    outcome = models.CharField(_("besluit"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(_("reden"), blank=True)
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_on = models.DateField(_("gemeld bij Veilig Thuis op"), null=True, blank=True)
    veilig_thuis_due = models.DateField(_("Veilig Thuis beoordeelt uiterlijk"), null=True, blank=True)
    follow_up_on = models.DateField(_("terugkoppeling van Veilig Thuis op"), null=True, blank=True)
    follow_up = models.TextField(_("wat doet Veilig Thuis"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("veiligheidsspoor")
        verbose_name_plural = _("veiligheidssporen")
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"],
                condition=~models.Q(status="afgerond"),
                name="one_open_safety_track_per_trajectory",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="afgerond") | ~models.Q(outcome=""),
                name="closed_safety_track_has_outcome",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome__in=["melden", "beide"]) | models.Q(reported_on__isnull=False),
                name="safety_report_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"], name="safety_track_status"),
            models.Index(fields=["trajectory", "status"], name="safety_track_trajectory"),
        ]

    @property
    def answers(self) -> dict[int, bool | None]:
        return {
            1: self.q1_suspicion,
            2: self.q2_unsafe,
            3: self.q3_help_possible,
            4: self.q4_help_accepted,
            5: self.q5_lasting_safety,
        }

    @property
    def is_decided(self) -> bool:
        return bool(self.outcome)


ANSWER_FIELDS = {
    1: "q1_suspicion",
    2: "q2_unsafe",
    3: "q3_help_possible",
    4: "q4_help_accepted",
    5: "q5_lasting_safety",
}


class StepRecord(TenantModel):
    """One Meldcode step as it was done: when, by whom, what was found (the safety notes)."""

    track = models.ForeignKey(SafetyTrack, on_delete=models.PROTECT, related_name="steps")
    number = models.PositiveSmallIntegerField(_("stap"), choices=Step.choices)
    done_on = models.DateField(_("datum"))
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("aantekeningen"))
    # Step 3 only: the conversation was not held because it would endanger someone (reason in `notes`).
    not_done_for_safety = models.BooleanField(_("niet gedaan voor de veiligheid"), default=False)
    # Step 2: colleague consultation and/or Veilig Thuis advice.
    colleague_consulted = models.CharField(_("met welke collega overlegd"), max_length=200, blank=True)
    veilig_thuis_consulted = models.BooleanField(_("Veilig Thuis om advies gevraagd"), default=False)
    veilig_thuis_advice = models.TextField(_("advies van Veilig Thuis"), blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["track", "number"], name="one_record_per_meldcode_step"),
            models.CheckConstraint(
                condition=models.Q(not_done_for_safety=False) | models.Q(number=3),
                name="only_step_3_may_be_skipped_for_safety",
            ),
        ]


class NamedColleague(TenantModel):
    """A colleague named on the track: may read its notes and has it on the worklist."""

    track = models.ForeignKey(SafetyTrack, on_delete=models.CASCADE, related_name="named")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["track", "user"], name="colleague_named_once")]
        indexes = [models.Index(fields=["user", "track"], name="safety_named_user")]


class RiskLevel(models.TextChoices):
    UNKNOWN = "onbekend", _("nog niet ingeschat")
    NONE = "geen", _("geen zorgen")
    CONCERN = "zorgen", _("zorgen over de veiligheid")
    ACUTE = "acuut", _("acuut onveilig")


class MemberRisk(TenantModel):
    """Who is at risk, per member of the household (children are always listed)."""

    track = models.ForeignKey(SafetyTrack, on_delete=models.CASCADE, related_name="risks")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("risico"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.UNKNOWN)
    note = models.TextField(_("toelichting"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["track", "resident"], name="one_risk_per_member")]


class SafetyEmergencyAccess(TenantModel):
    """Break the glass for a track's notes: the household's emergency access (reason, 24 hours, reviewed by
    the privacy officer in the same list as every other emergency access), tied to this track."""

    track = models.ForeignKey(SafetyTrack, on_delete=models.PROTECT, related_name="emergency_accesses")
    grant = models.OneToOneField("people.EmergencyAccess", on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["track"], name="safety_emergency_track")]

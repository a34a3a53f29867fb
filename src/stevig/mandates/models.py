"""Mandate requests (principle 11 of the kader): the professional asks another municipal department to
act. Only a snapshot of the parts of the analysis and plan the professional chose travels with the
request: the department never reads the live file. The due date is stored, so 'overdue' is a query."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel, tenant_link
from stevig.datasharing.models import LegalBasis


class Status(models.TextChoices):
    RECEIVED = "ontvangen", _("ontvangen")
    IN_PROGRESS = "in_behandeling", _("in behandeling")
    DONE = "uitgevoerd", _("uitgevoerd")
    REJECTED = "afgewezen", _("afgewezen")


OPEN_STATUSES: tuple[str, ...] = (Status.RECEIVED, Status.IN_PROGRESS)


class Urgency(models.TextChoices):
    NORMAL = "normaal", _("normaal")
    URGENT = "spoed", _("spoed")
    # Wgs art. 4a lid 2 (eviction, cut-off of energy, water or stadsverwarming, loss of the zorgverzekering):
    # a request to the debt-help department carries the 3-working-day term of the first conversation.
    WGS_URGENT = "wgs-spoed", _("spoed schuldhulp (uitzetting, afsluiting of zorgverzekering)")


class CoordinatorOutcome(models.TextChoices):
    """What the coordinator did with a rejected (or overdue) request."""

    DECIDED = "doorgezet", _("doorgezet: de afdeling moet het uitvoeren")
    CONFIRMED = "bevestigd", _("afwijzing bevestigd")
    SENT_BACK = "teruggestuurd", _("teruggestuurd naar de medewerker")


class MandateRequest(VersionedTenantModel):
    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.PROTECT, related_name="mandate_requests"
    )
    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="mandate_requests"
    )
    department = models.ForeignKey(
        "tenancy.Department",
        on_delete=models.PROTECT,
        related_name="mandate_requests",
        verbose_name=_("vakafdeling"),
    )
    residents = models.ManyToManyField(
        through="MandateRequestResident", to="people.Resident", related_name="+", verbose_name=_("voor wie")
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ask = models.TextField(_("wat is er nodig"))
    reason = models.TextField(_("waarom"))
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    legal_basis = models.CharField(_("grondslag"), max_length=20, choices=LegalBasis.choices)
    consent = models.ForeignKey(
        "datasharing.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The shared content, copied at send time: residents, the chosen analysis scores and plan goals.
    shared_content = models.JSONField(_("gedeelde inhoud"), default=dict)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.RECEIVED)
    sent_on = models.DateField(_("verstuurd op"))
    term_working_days = models.PositiveSmallIntegerField(_("termijn (werkdagen)"))
    due_on = models.DateField(_("uiterlijk klaar op"))
    handled_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    handled_within_term = models.BooleanField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.TextField(_("wat is er gedaan"), blank=True)
    deviation_reason = models.TextField(_("waarom anders dan gevraagd"), blank=True)
    rejection_reason = models.TextField(_("reden van afwijzen"), blank=True)
    escalated_at = models.DateTimeField(_("naar de coördinator op"), null=True, blank=True)
    coordinator_decision = models.TextField(_("besluit van de coördinator"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    coordinator_outcome = models.CharField(
        _("wat de coördinator deed"), max_length=15, choices=CoordinatorOutcome.choices, blank=True
    )
    # The department asked the worker something and waits for her answer (the texts are events).
    question_asked_at = models.DateTimeField(_("vraag aan de medewerker sinds"), null=True, blank=True)

    class Meta:
        verbose_name = _("mandaatverzoek")
        verbose_name_plural = _("mandaatverzoeken")
        constraints = [
            models.CheckConstraint(condition=~models.Q(ask=""), name="mandate_request_has_ask"),
            models.CheckConstraint(
                condition=~models.Q(legal_basis=""), name="mandate_request_has_legal_basis"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="afgewezen") | ~models.Q(rejection_reason=""),
                name="mandate_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("sent_on")), name="mandate_due_after_sent"
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "department", "status", "due_on"], name="mandate_inbox"),
            models.Index(fields=["municipality", "status", "due_on"], name="mandate_status_due"),
            models.Index(fields=["requested_by", "status"], name="mandate_requested_by"),
            models.Index(fields=["household", "sent_on"], name="mandate_household"),
        ]

    def __str__(self) -> str:
        return f"{_('Mandaatverzoek')} {self.department_id} {self.sent_on}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class EventKind(models.TextChoices):
    SENT = "verstuurd", _("verstuurd")
    ACCEPTED = "in_behandeling", _("in behandeling genomen")
    DONE = "uitgevoerd", _("uitgevoerd")
    REJECTED = "afgewezen", _("afgewezen")
    DECIDED = "doorgezet", _("doorgezet door de coördinator")
    ASKED = "vraag", _("vraag van de afdeling aan de medewerker")
    ANSWERED = "antwoord", _("antwoord van de medewerker")
    CONFIRMED = "bevestigd", _("afwijzing bevestigd door de coördinator")
    SENT_BACK = "teruggestuurd", _("teruggestuurd naar de medewerker")
    RESENT = "opnieuw", _("aangepast en opnieuw verstuurd")


class MandateEvent(TenantModel):
    """What happened to a request, in order: the request's history and the household timeline."""

    request = models.ForeignKey(MandateRequest, on_delete=models.CASCADE, related_name="events")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=15, choices=EventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "created_at"]
        indexes = [models.Index(fields=["household", "at"], name="mandate_event_household")]


MandateRequestResident = tenant_link(
    "MandateRequestResident",
    module=__name__,
    owner=MandateRequest,
    owner_fk="mandaterequest",
    target="people.Resident",
    target_fk="resident",
    table="mandates_mandaterequest_residents",
    source="resident",
)

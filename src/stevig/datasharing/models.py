"""The data-sharing register (principle 8 of the kader): every disclosure of a resident's data has a
recipient, a purpose, a legal basis, data categories and a date. Consent is recorded with who gave it,
when and for what; withdrawn consent can no longer carry a disclosure."""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel, tenant_link


class LegalBasis(models.TextChoices):
    """The legal bases of the catalogue (`stevig.datasharing.grounds`): which law and article allows it.
    The label names the article, so the worker, the register and the resident's inzage all show it."""

    CONSENT = "toestemming", _("toestemming van de inwoner (AVG artikel 6 lid 1 onder a)")
    WMO_CH5 = "wmo_h5", _("Wmo 2015 artikel 5.1.1 (maatschappelijke ondersteuning)")
    JEUGDWET_CH7 = "jeugdwet_h7", _("Jeugdwet artikel 7.4.0 (jeugdhulp)")
    WGS = "wgs", _("Wet gemeentelijke schuldhulpverlening artikel 5 (schuldhulp)")
    PARTICIPATIEWET = (
        "participatiewet",
        _("Participatiewet artikel 64 en Wet SUWI artikel 62 (bijstand en werk)"),
    )
    PUBLIC_TASK = "publieke_taak", _("taak van de gemeente (AVG artikel 6 lid 1 onder e)")
    LEGAL_DUTY = "wettelijke_plicht", _("wettelijke plicht (AVG artikel 6 lid 1 onder c)")
    VITAL_INTEREST = "vitaal_belang", _("vitaal belang bij nood (AVG artikel 6 lid 1 onder d)")


class DataCategory(models.TextChoices):
    PERSONAL = "persoonsgegevens", _("naam, geboortedatum en adres")
    CONTACT = "contactgegevens", _("telefoon en e-mail")
    HOUSEHOLD = "huishouden", _("samenstelling van het huishouden")
    ANALYSIS = "brede_analyse", _("brede analyse")
    PLAN = "gezinsplan", _("gezinsplan")
    HEALTH = "gezondheid", _("gezondheid (bijzonder persoonsgegeven)")
    FINANCES = "financien", _("geld en schulden")
    HOUSING = "wonen", _("wonen")
    DECISION = "beschikking", _("beschikking")
    SAFETY = "veiligheid", _("veiligheid")
    OTHER = "overig", _("overig")


class RecipientKind(models.TextChoices):
    DEPARTMENT = "vakafdeling", _("vakafdeling van de gemeente")
    PARTNER = "partner", _("partner (bijvoorbeeld een zorgaanbieder)")
    SPECIALIST = "specialist", _("specialist")
    FACILITY = "voorziening", _("voorziening van de sociale kaart")
    OTHER = "overig", _("overig")


class ConsentMethod(models.TextChoices):
    SPOKEN = "mondeling", _("mondeling")
    WRITTEN = "schriftelijk", _("op papier")
    DIGITAL = "digitaal", _("digitaal")


class Consent(TenantModel):
    """Consent a resident gave for sharing their data: who, when, for what purpose and which data."""

    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="consents")
    resident = models.ForeignKey(
        "people.Resident",
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("wie gaf toestemming"),
    )
    given_on = models.DateField(_("gegeven op"))
    method = models.CharField(_("hoe"), max_length=15, choices=ConsentMethod.choices)
    purpose = models.TextField(_("doel"))
    recipient = models.CharField(_("aan wie mag het"), max_length=200, blank=True)
    categories = models.JSONField(_("welke gegevens"), default=list)
    # AVG art. 9 lid 2 onder a: health data (a special category) may only be shared on consent that was
    # asked for separately and given explicitly. Without this, the consent never carries health data.
    health_explicit = models.BooleanField(
        _("apart en uitdrukkelijk ja gezegd tegen delen van gezondheidsgegevens"), default=False
    )
    # Empty when the resident gave the consent themselves in Mijn Stevig (method "digitaal").
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    withdrawal_note = models.TextField(_("toelichting bij intrekken"), blank=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-given_on", "-created_at"]
        indexes = [models.Index(fields=["household", "withdrawn_at"], name="consent_household")]

    def __str__(self) -> str:
        return f"{self.resident_id} {self.given_on}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def category_labels(self) -> list[str]:
        return category_labels(self.categories)


class Disclosure(TenantModel):
    """One entry in the register: data of one or more residents went to a recipient."""

    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="disclosures")
    residents = models.ManyToManyField(
        through="DisclosureResident",
        to="people.Resident",
        related_name="disclosures",
        verbose_name=_("over wie"),
    )
    recipient_kind = models.CharField(_("soort ontvanger"), max_length=15, choices=RecipientKind.choices)
    recipient = models.CharField(_("ontvanger"), max_length=200)
    department = models.ForeignKey(
        "tenancy.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    purpose = models.TextField(_("doel"))
    legal_basis = models.CharField(_("grondslag"), max_length=20, choices=LegalBasis.choices)
    categories = models.JSONField(_("welke gegevens"), default=list)
    disclosed_on = models.DateField(_("datum"))
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures"
    )
    # What caused the disclosure, e.g. ("mandaatverzoek", <id>) or ("beschikking", <id>); empty when typed in.
    source_type = models.CharField(max_length=40, blank=True)
    source_id = models.UUIDField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("gegevensdeling")
        verbose_name_plural = _("gegevensdelingen")
        ordering = ["-disclosed_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(legal_basis="toestemming") | models.Q(consent__isnull=False),
                name="disclosure_consent_basis_needs_consent",
            )
        ]
        indexes = [
            models.Index(fields=["household", "disclosed_on"], name="disclosure_household"),
            models.Index(fields=["municipality", "disclosed_on"], name="disclosure_municipality"),
            models.Index(fields=["source_type", "source_id"], name="disclosure_source"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.disclosed_on}"

    @property
    def category_labels(self) -> list[str]:
        return category_labels(self.categories)


def category_labels(codes: list[str]) -> list[str]:
    return [str(DataCategory(c).label) for c in codes if c in DataCategory.values]


DisclosureResident = tenant_link(
    "DisclosureResident",
    module=__name__,
    owner=Disclosure,
    owner_fk="disclosure",
    target="people.Resident",
    target_fk="resident",
    table="datasharing_disclosure_residents",
    source="resident",
)


class SubjectRight(models.TextChoices):
    RECTIFICATION = "rectificatie", _("gegevens verbeteren of aanvullen (AVG artikel 16)")
    RESTRICTION = "beperking", _("beperken: minder met de gegevens doen (AVG artikel 18)")


class RestrictionGround(models.TextChoices):
    """AVG art. 18 lid 1: the four situations in which the resident may ask for restriction."""

    ACCURACY = "juistheid", _("de gegevens kloppen niet; de gemeente zoekt het uit (lid 1 onder a)")
    UNLAWFUL = "onrechtmatig", _("de gemeente mocht de gegevens niet gebruiken (lid 1 onder b)")
    LEGAL_CLAIM = (
        "rechtsvordering",
        _("de inwoner heeft de gegevens nodig voor een rechtszaak (lid 1 onder c)"),
    )
    OBJECTION = "bezwaar", _("de inwoner maakte bezwaar (artikel 21); dat wordt nog bekeken (lid 1 onder d)")


# While the accuracy is checked (lid 1 onder a) or the objection weighed (onder d), the restriction holds
# from the request on: the law says "for a period enabling the controller to verify".
RESTRICTED_WHILE_OPEN = frozenset({RestrictionGround.ACCURACY, RestrictionGround.OBJECTION})


class RequestChannel(models.TextChoices):
    PORTAL = "mijn_stevig", _("zelf, in Mijn Stevig")
    WORKER = "medewerker", _("via een medewerker")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("in behandeling")
    EXTENDED = "verlengd", _("in behandeling, termijn verlengd")
    GRANTED = "toegewezen", _("toegewezen")
    PARTLY_GRANTED = "deels_toegewezen", _("deels toegewezen")
    REFUSED = "afgewezen", _("afgewezen")


OPEN_STATUSES = frozenset({RequestStatus.OPEN, RequestStatus.EXTENDED})
GRANTED_STATUSES = frozenset({RequestStatus.GRANTED, RequestStatus.PARTLY_GRANTED})


class SubjectRequest(VersionedTenantModel):
    """A resident's request to correct (AVG art. 16) or restrict (art. 18) the processing of their data.

    Answered within one month of receipt, extendable once by two months with reasons told to the resident
    within that first month (art. 12 lid 3). The due date is computed from the receipt date, never typed.
    A restriction limits what may still be done with the resident's data (art. 18 lid 2): see
    `datasharing.restrictions`."""

    household = models.ForeignKey("people.Household", on_delete=models.CASCADE, related_name="+")
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.CASCADE, related_name="subject_requests", verbose_name=_("wie")
    )
    right = models.CharField(_("wat vraagt de inwoner"), max_length=15, choices=SubjectRight.choices)
    received_on = models.DateField(_("ontvangen op"))
    channel = models.CharField(_("hoe binnengekomen"), max_length=15, choices=RequestChannel.choices)
    what = models.TextField(_("om welke gegevens gaat het"))
    correction = models.TextField(_("wat moet het zijn"), blank=True)
    ground = models.CharField(
        _("waarom beperken"), max_length=20, choices=RestrictionGround.choices, blank=True
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("stand"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    extended_on = models.DateField(_("verlengd op"), null=True, blank=True)
    extension_reason = models.TextField(_("waarom verlengd"), blank=True)
    resident_informed_on = models.DateField(
        _("inwoner over verlenging geïnformeerd op"), null=True, blank=True
    )
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    decision_reason = models.TextField(_("uitleg bij het besluit"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Art. 18 lid 3: a restriction is lifted only after the resident was told; the reason stays.
    lifted_on = models.DateField(_("beperking opgeheven op"), null=True, blank=True)
    lift_reason = models.TextField(_("waarom opgeheven"), blank=True)

    class Meta:
        verbose_name = _("AVG-verzoek")
        verbose_name_plural = _("AVG-verzoeken")
        ordering = ["received_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(right="beperking") | ~models.Q(ground=""),
                name="restriction_request_needs_ground",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "verlengd"]) | ~models.Q(decision_reason=""),
                name="subject_request_decision_needs_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="verlengd") | ~models.Q(extension_reason=""),
                name="subject_request_extension_needs_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "received_on"], name="subject_request_worklist"),
            models.Index(fields=["resident", "right", "status"], name="subject_request_resident"),
        ]

    def __str__(self) -> str:
        return f"{self.right} {self.received_on}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def due_on(self) -> date:
        from stevig.legalcalendar.clocks import Clock, deadline

        clock = Clock.AVG_VERZOEK_VERLENGD if self.extended_on else Clock.AVG_VERZOEK
        return deadline(clock, self.received_on)

    @property
    def first_due_on(self) -> date:
        from stevig.legalcalendar.clocks import Clock, deadline

        return deadline(Clock.AVG_VERZOEK, self.received_on)

    @property
    def restricts(self) -> bool:
        """Whether this request limits processing now (art. 18 lid 1 and 2)."""
        if self.right != SubjectRight.RESTRICTION or self.lifted_on is not None:
            return False
        if self.status in OPEN_STATUSES:
            return self.ground in RESTRICTED_WHILE_OPEN
        return self.status in GRANTED_STATUSES


# AVG art. 16: the resident's own data that a granted rectification request corrects, with the label the
# privacy officer, the history and the resident's inzage show. The BSN and the address come from the BRP
# and are corrected there (a correction request to the BRP), never here.
CORRECTABLE_FIELDS: dict[str, Any] = {
    "given_names": _("voornamen"),
    "prefix": _("tussenvoegsel"),
    "surname": _("achternaam"),
    "date_of_birth": _("geboortedatum"),
    "phone": _("telefoon"),
    "email": _("e-mail"),
    "preferred_language": _("voorkeurstaal"),
}


class Rectification(TenantModel):
    """One field of the resident's data corrected because a rectification request (AVG art. 16) was
    granted: the value before and after, who made the correction and when. Written in the same transaction
    as the decision, so the history of every correction is kept and shown (request page, inzage)."""

    request = models.ForeignKey(SubjectRequest, on_delete=models.CASCADE, related_name="rectifications")
    resident = models.ForeignKey("people.Resident", on_delete=models.CASCADE, related_name="+")
    field = models.CharField(_("gegeven"), max_length=40)
    before = models.TextField(_("was"), blank=True)
    after = models.TextField(_("is nu"), blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verbetering (AVG artikel 16)")
        verbose_name_plural = _("verbeteringen (AVG artikel 16)")
        ordering = ["created_at", "field"]

    def __str__(self) -> str:
        return f"{self.field} {self.created_at}"

    @property
    def label(self) -> str:
        return str(CORRECTABLE_FIELDS.get(self.field, self.field))

"""Questions for help (principles 1, 2 and 13 of the kader): recorded in the resident's own words, with
computed legal deadlines, a first contact that records the offer of cliëntondersteuning, triage with a
written reason and a fixed contact person (vast aanspreekpunt) whose history is kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel

MAX_QUESTION_LENGTH = 5000


class Kind(models.TextChoices):
    """The kind of question decides which legal clocks start."""

    WMO = "wmo", _("Wmo-melding (hulp thuis, meedoen)")
    WGS = "wgs", _("schulden (Wgs)")
    JEUGDWET = "jeugdwet", _("jeugd en opvoeden (Jeugdwet)")
    PARTICIPATIEWET = "participatiewet", _("werk en inkomen (Participatiewet)")
    GENERAL = "algemeen", _("algemene vraag")


class Channel(models.TextChoices):
    ONLINE = "online", _("online formulier")
    WALK_IN = "inloop", _("inloop op een locatie")
    PHONE = "telefoon", _("telefoon")
    GP = "huisarts", _("via de huisarts")
    SCHOOL = "school", _("via school")
    POLICE = "politie", _("via de politie")
    HOUSING = "woningcorporatie", _("via de woningcorporatie")
    VEILIG_THUIS = "veilig_thuis", _("via Veilig Thuis")
    OUTREACH = "outreach", _("outreachend (het team zag een vraag)")


class AboutWhom(models.TextChoices):
    SELF = "mijzelf", _("mijzelf")
    CHILD = "mijn_kind", _("mijn kind")
    SOMEONE_ELSE = "iemand_anders", _("iemand anders")


class ContactMethod(models.TextChoices):
    PHONE = "telefoon", _("bellen")
    EMAIL = "email", _("e-mail")
    VISIT = "huisbezoek", _("een bezoek bij mij thuis")
    LOCATION = "locatie", _("een gesprek op een plek in de wijk")


class Status(models.TextChoices):
    NEW = "nieuw", _("nieuw")
    CONTACTED = "in_contact", _("eerste contact geweest")
    CLOSED = "afgesloten", _("afgesloten")


class Priority(models.TextChoices):
    URGENT = "spoed", _("spoed")
    HIGH = "hoog", _("hoog")
    NORMAL = "normaal", _("normaal")


# Waiting-list order. A question nobody has assessed yet goes before 'normaal': its urgency is unknown,
# so it must not wait behind questions that are known to be able to wait.
PRIORITY_RANK = {Priority.URGENT: 0, Priority.HIGH: 1, "": 2, Priority.NORMAL: 3}


class Question(VersionedTenantModel):
    """One question for help, in the resident's own words."""

    reference = models.CharField(_("kenmerk"), max_length=12, unique=True, editable=False)
    text = models.TextField(_("vraag in eigen woorden"), max_length=MAX_QUESTION_LENGTH)
    about_whom = models.CharField(
        _("over wie"), max_length=15, choices=AboutWhom.choices, default=AboutWhom.SELF
    )
    kind = models.CharField(_("soort vraag"), max_length=16, choices=Kind.choices, default=Kind.GENERAL)
    # What the resident chose on the public form ("waar gaat uw vraag over?"), kept as given.
    resident_topic = models.CharField(
        _("onderwerp volgens inwoner"), max_length=16, choices=Kind.choices, blank=True
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    location = models.ForeignKey(
        "tenancy.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("locatie"),
    )
    referrer = models.CharField(_("verwezen door (naam)"), max_length=150, blank=True)
    contact_methods = models.JSONField(_("contact via"), default=list, blank=True)
    contact_when = models.CharField(_("wanneer contact"), max_length=200, blank=True)
    # Given on the public form before anyone is linked; optional (an anonymous question gets advice only).
    name = models.CharField(_("naam"), max_length=150, blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    neighbourhood = models.ForeignKey(
        "tenancy.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wijk"),
    )
    team = models.ForeignKey(
        "tenancy.Team", on_delete=models.PROTECT, related_name="questions", verbose_name=_("team")
    )
    household = models.ForeignKey(
        "people.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("huishouden"),
    )
    resident = models.ForeignKey(
        "people.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("inwoner"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(_("ontvangen op"))
    # Empty for an anonymous question: there is nobody to contact, the resident calls back with the code.
    first_contact_due = models.DateField(_("eerste contact uiterlijk"), null=True, blank=True)
    # Debt help: an urgent ground of Wgs art. 4a lid 2 (threatening eviction; end of the supply of energy,
    # water or stadsverwarming; opzegging or ontbinding of the zorgverzekering): first conversation within
    # 3 working days, but only when the question is classed as debt help (kind WGS).
    eviction_or_cutoff_threat = models.BooleanField(
        _("dreigende huisuitzetting, afsluiting of opzegging van de zorgverzekering"), default=False
    )
    priority = models.CharField(_("prioriteit"), max_length=8, choices=Priority.choices, blank=True)
    priority_rank = models.PositiveSmallIntegerField(default=PRIORITY_RANK[""])
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_questions",
        verbose_name=_("vast aanspreekpunt"),
    )
    idempotency_key = models.CharField(max_length=64)
    # A public question's second code (shown once on the confirmation page), stored as a password hash:
    # with the reference it lets a resident without DigiD follow this one question in Mijn Stevig.
    follow_secret_hash = models.CharField(max_length=128, blank=True, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "idempotency_key"], name="question_idempotency_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(priority_rank__lte=3), name="question_priority_rank_range"
            ),
        ]
        indexes = [
            # Waiting list: the team's questions without a contact person, by priority then waiting time.
            models.Index(
                fields=["municipality", "team", "status", "priority_rank", "received_at"],
                name="question_waiting_list",
            ),
            models.Index(
                fields=["contact_person", "status", "first_contact_due"], name="question_contact_person"
            ),
            models.Index(
                fields=["municipality", "team", "status", "first_contact_due"], name="question_team_due"
            ),
            models.Index(fields=["household"], name="question_household"),
            # The questions list, newest first, by keyset (-received_at, -id): page 200 costs what page 1 costs.
            models.Index(fields=["municipality", "received_at", "id"], name="question_received"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_anonymous(self) -> bool:
        """Nobody to contact: the question gets advice only (when the resident calls back with the code)."""
        return not (self.phone or self.email or self.resident_id or self.household_id)


class LegalDeadline(TenantModel):
    """A computed legal due date. Stored, so a worklist is an indexed query (deadlines are queries, not jobs)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="deadlines")
    clock = models.CharField(_("termijn"), max_length=40)
    start_date = models.DateField(_("startdatum"))
    due_date = models.DateField(_("uiterlijk"))
    met_at = models.DateTimeField(_("gehaald op"), null=True, blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("vervallen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("wettelijke termijn")
        verbose_name_plural = _("wettelijke termijnen")
        ordering = ["due_date", "clock"]
        indexes = [
            models.Index(
                fields=["municipality", "met_at", "cancelled_at", "due_date"], name="deadline_open_due"
            ),
            models.Index(fields=["question", "clock"], name="deadline_question"),
        ]


class FirstContact(TenantModel):
    """The first contact with the resident. Whether cliëntondersteuning was offered must be answered."""

    class ContactChannel(models.TextChoices):
        PHONE = "telefoon", _("telefoon")
        EMAIL = "email", _("e-mail")
        VISIT = "huisbezoek", _("huisbezoek")
        LOCATION = "locatie", _("gesprek op een locatie")
        VIDEO = "video", _("videogesprek")

    class Accepted(models.TextChoices):
        YES = "ja", _("ja")
        NO = "nee", _("nee")
        UNKNOWN = "onbekend", _("weet ik nog niet")

    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="first_contact")
    contact_date = models.DateField(_("datum"))
    channel = models.CharField(_("hoe"), max_length=12, choices=ContactChannel.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    clientondersteuning_offered = models.BooleanField(_("cliëntondersteuning aangeboden"))
    clientondersteuning_accepted = models.CharField(
        _("cliëntondersteuning aangenomen"), max_length=8, choices=Accepted.choices, default=Accepted.UNKNOWN
    )
    note = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("eerste contact")
        verbose_name_plural = _("eerste contacten")
        indexes = [models.Index(fields=["municipality", "contact_date"], name="first_contact_date")]


class Triage(TenantModel):
    """A priority with its written reason (principle 13). Every assessment is kept; the last one counts."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="triages")
    priority = models.CharField(_("prioriteit"), max_length=8, choices=Priority.choices)
    reason = models.TextField(_("reden"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("triage")
        verbose_name_plural = _("triages")
        ordering = ["-at"]


class ContactPersonAssignment(TenantModel):
    """Who is (or was) the vast aanspreekpunt for a question. Ended rows are the history."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vast aanspreekpunt"),
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("toelichting"), blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # The household involvement this assignment opened, so need-to-know follows the assignment.
    involvement = models.ForeignKey(
        "people.Involvement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("toewijzing aanspreekpunt")
        verbose_name_plural = _("toewijzingen aanspreekpunt")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_contact_person_per_question",
            )
        ]

"""The access log (NEN 7513): who accessed which resident's data, when, how and why.

Rows are append-only and hash-chained per municipality. They hold identifiers and names as plain
values, not foreign keys, because the log must outlive the file, the resident and the staff account.

On PostgreSQL the entry table is partitioned by month on `timestamp` (migration 0012,
`stevig.audit.partitions`): the primary key there is `(id, timestamp)` and every unique constraint
includes `timestamp`, so `event_id` and `hash` are not unique in the database. The chain stays unique by
construction (the locked chain head hands out `seq`) and `verify_chain` reports any duplicate or gap.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("aanmaken")
    READ = "read", _("inzien")
    UPDATE = "update", _("wijzigen")
    DELETE = "delete", _("verwijderen")
    SEARCH = "search", _("zoeken")
    EXPORT = "export", _("exporteren")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("toegestaan")
    DENIED = "denied", _("geweigerd")
    ERROR = "error", _("fout")


class Part(models.TextChoices):
    """Which part of a file (or which list) was touched. The values are the ones stored in the log
    since the first release; the labels are what the access-log pages show."""

    # Household file and residents
    HOUSEHOLD = "huishouden", _("huishouden")
    HOUSEHOLDS = "huishoudens", _("lijst van huishoudens")
    RESIDENT = "inwoner", _("inwoner")
    MEMBERS = "leden", _("leden van het huishouden")
    ADDRESS = "adres", _("adres")
    ADDRESS_SEARCH = "adres-zoeken", _("zoeken op adres")
    MOVE = "verhuizing", _("verhuizing")
    SEARCH = "zoeken", _("zoeken naar inwoners")
    INVOLVED = "betrokkenen", _("betrokken medewerkers")
    ELSEWHERE = "elders", _("dossier elders in de gemeente")
    LINK = "koppelen", _("koppelen aan een huishouden")
    BRP = "brp", _("bevraging van de BRP")
    BRP_DIFFERENCES = "brp-verschillen", _("verschillen tussen dossier en BRP")
    EMERGENCY = "noodtoegang", _("noodtoegang")
    # Intake
    QUESTION = "hulpvraag", _("hulpvraag")
    QUESTIONS = "hulpvragen", _("lijst van hulpvragen")
    QUESTION_KIND = "soort vraag", _("soort vraag")
    FIRST_CONTACT = "eerste contact", _("eerste contact")
    TRIAGE = "triage", _("triage")
    CONTACT_PERSON = "aanspreekpunt", _("vast aanspreekpunt")
    DEADLINE = "termijn", _("wettelijke termijn")
    WAITING_LIST = "wachtlijst", _("wachtlijst")
    WORKLIST = "werklijst", _("werklijst")
    INTAKE_FIGURES = "cijfers intake", _("cijfers van de intake")
    # Trajectory, analysis, plan
    TRAJECTORY = "traject", _("traject")
    TRAJECTORIES = "trajecten", _("lijst van trajecten")
    PHASE = "fase", _("fase van het traject")
    TIMELINE = "tijdlijn", _("tijdlijn")
    BASIC_HELP = "basishulp", _("basishulp")
    CONTACT = "contact", _("contact met het huishouden")
    CONSULTATION = "consultatie", _("consultatie")
    EXPERTISE = "expertise", _("deskundigheid")
    COORDINATION = "coordinatie", _("coördinatie")
    PILOT_LIGHT = "waakvlam", _("waakvlam")
    FIGURES = "cijfers", _("cijfers")
    ANALYSIS = "analyse", _("brede analyse")
    PLAN = "plan", _("huishoudplan")
    PLAN_VERSION = "plan-versie", _("versie van het huishoudplan")
    # Social map
    REFERRAL = "verwijzing", _("verwijzing")
    # Mandates
    MANDATE_REQUEST = "mandaatverzoek", _("mandaatverzoek")
    MANDATE_REQUESTS = "mandaatverzoeken", _("lijst van mandaatverzoeken")
    FOUR_EYES = "dubbelcontrole", _("dubbelcontrole (vier ogen)")
    # Data sharing
    DATA_SHARING = "gegevensdeling", _("gegevensdeling")
    CONSENT = "toestemming", _("toestemming")
    # Decisions
    DECISION = "beschikking", _("beschikking")
    DECISIONS = "beschikkingen", _("beschikkingen")
    DECISIONS_WORKLIST = "beschikkingen-werklijst", _("werklijst beschikkingen")
    DECISION_LETTER = "beschikkingsbrief", _("beschikkingsbrief")
    DECISION_FIGURES = "cijfers-beschikkingen", _("cijfers van de beschikkingen")
    APPLICATION = "aanvraag", _("aanvraag")
    APPLICATIONS = "aanvragen", _("lijst van aanvragen")
    LIFELONG_LIMITATION = "levenslange-beperking", _("levenslange beperking")
    PERIODIC_CONTACT = "contactmoment", _("periodiek contactmoment")
    OBJECTION = "bezwaar", _("bezwaar")
    COMPLAINT = "klacht", _("klacht")
    APPEAL = "beroep", _("beroep")
    MESSAGE = "ibericht", _("iWmo/iJw-bericht aan of van een aanbieder")
    MESSAGES = "iberichten", _("lijst van iWmo/iJw-berichten")
    # Safety (Meldcode) and hand-over
    SAFETY = "veiligheid", _("veiligheidsspoor (Meldcode)")
    SAFETY_TRACKS = "veiligheid-werklijst", _("lijst van veiligheidssporen")
    SAFETY_STEP = "veiligheid-stap", _("stap van de Meldcode")
    SAFETY_FOLLOW_UP = "veiligheid-veilig-thuis", _("terugkoppeling van Veilig Thuis")
    SAFETY_NAMED = "veiligheid-betrokkenen", _("collega's op het veiligheidsspoor")
    SAFETY_RISK = "veiligheid-risico", _("wie loopt gevaar")
    SAFETY_EMERGENCY = "veiligheid-noodtoegang", _("noodtoegang tot een veiligheidsspoor")
    HAND_OVER = "overdracht", _("overdracht van het traject")
    # Transitions 16-27
    TRANSITIONS = "overgang-18", _("jongeren die 18 worden")
    TRANSITIONS_OVERVIEW = "overzicht-16-27", _("overzicht 16-27 van het team")
    FUTURE_PLAN = "toekomstplan", _("toekomstplan")
    PERSPECTIVE_PLAN = "perspectiefplan", _("perspectiefplan")
    # Privacy officer
    ACCESS_LOG = "toegangslog", _("toegangslog")
    SUBJECT_SEARCH = "inzageverzoek-zoeken", _("inwoner zoeken voor een inzageverzoek")
    SUBJECT_EXPORT = "inzage", _("inzage-export voor een inwoner")
    EMERGENCY_OVERVIEW = "noodtoegang-overzicht", _("overzicht van noodtoegang")
    EMERGENCY_REVIEW = "noodtoegang-beoordeling", _("beoordeling van noodtoegang")
    SUBJECT_REQUEST = "avg-verzoek", _("verzoek om verbetering of beperking (AVG artikel 16 en 18)")
    SUBJECT_REQUESTS = "avg-verzoeken", _("werklijst van AVG-verzoeken")
    DESTRUCTION_LIST = "vernietigingslijst", _("vernietigingslijst (bewaartermijn verstreken)")
    LITIGATION_HOLD = "bewaarplicht", _("bewaarplicht wegens een geschil")
    # Functioneel beheer: accounts, roles, teams and other setup (no resident data, but in the same
    # tamper-evident chain so the privacy officer sees every change of who may see what)
    SETUP = "inrichting", _("inrichting door functioneel beheer")
    ACCOUNT = "account", _("account en toegang van een medewerker")


class AccessLogEntry(models.Model):
    id = models.BigAutoField(primary_key=True)
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    municipality_code = models.CharField(max_length=6)
    seq = models.PositiveBigIntegerField(help_text="Position in the municipality's hash chain, from 1.")
    timestamp = models.DateTimeField()
    action = models.CharField(max_length=10, choices=Action.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    user_id = models.UUIDField(null=True)
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=20)
    on_behalf_of = models.CharField(max_length=150, blank=True)
    purpose = models.CharField(max_length=100)
    access_point = models.CharField(max_length=100, help_text="Channel and IP address, e.g. 'web 10.0.0.5'.")
    part = models.CharField(
        max_length=60, choices=Part.choices, help_text="Which part of the file (or which list)."
    )
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    emergency = models.BooleanField(default=False)
    detail = models.JSONField(default=dict, blank=True)
    resident_ids = models.JSONField(default=list, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-timestamp", "-seq"]
        constraints = [
            # A partitioned table's unique constraints must include the partition key (`timestamp`).
            models.UniqueConstraint(
                fields=["municipality_code", "seq", "timestamp"], name="access_log_chain_position"
            )
        ]
        indexes = [
            # The privacy officer's list order (-timestamp, -id): read from the index, per partition.
            models.Index(fields=["municipality_code", "timestamp", "id"], name="access_log_time"),
            models.Index(fields=["municipality_code", "user_id", "timestamp"], name="access_log_user"),
            # The privacy officer filters by username: the log keeps the name as it was, even after the
            # account was renamed or removed, so the user id alone cannot answer "what did 'jansen' do".
            models.Index(
                fields=["municipality_code", "username", "timestamp", "id"], name="access_log_username"
            ),
            # "Geweigerd" is rare: without this index a period with no refusals would walk the whole log.
            models.Index(
                fields=["municipality_code", "outcome", "timestamp", "id"], name="access_log_outcome"
            ),
        ]

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise RuntimeError("Access-log rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("Access-log rows are append-only.")


class AccessLogSubject(models.Model):
    """One resident concerned by a log row; indexed so the log can be filtered per resident."""

    # No foreign-key constraint in the database: on PostgreSQL the entry's id alone is not unique (the
    # partitioned table's key is (id, timestamp)). Rows are written together in `record_access` and
    # `verify_chain` checks every entry's subjects against the hashed `resident_ids`.
    entry = models.ForeignKey(
        AccessLogEntry, on_delete=models.PROTECT, related_name="subjects", db_constraint=False
    )
    municipality_code = models.CharField(max_length=6)
    resident_id = models.UUIDField()

    class Meta:
        indexes = [models.Index(fields=["municipality_code", "resident_id"], name="access_log_subject")]


class AccessLogChainHead(models.Model):
    """The last link of a municipality's chain. Locking it serialises writers, so the chain never forks,
    and comparing it with the last row detects a deleted tail."""

    municipality_code = models.CharField(max_length=6, primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    seal = models.CharField(
        max_length=64,
        blank=True,
        help_text="HMAC over code, seq and last hash with the key outside the database.",
    )

"""Residents and households: one file per household (principle 1 of the kader)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel
from stevig.people.validators import validate_bsn, validate_not_in_future, validate_postcode


class CommunicationNeed(models.TextChoices):
    VISUALLY_IMPAIRED = "slechtziend", _("slechtziend of blind")
    HEARING_IMPAIRED = "slechthorend", _("slechthorend of doof")
    PLAIN_LANGUAGE = "eenvoudige_taal", _("eenvoudige taal")
    INTERPRETER = "tolk", _("tolk nodig")
    LOW_LITERACY = "laaggeletterd", _("moeite met lezen en schrijven")


class Household(VersionedTenantModel):
    """The household file. The team that holds it and the professionals involved may see it."""

    street = models.CharField(_("straat"), max_length=150)
    house_number = models.PositiveIntegerField(_("huisnummer"))
    house_number_addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    city = models.CharField(_("plaats"), max_length=100)
    neighbourhood = models.ForeignKey(
        "tenancy.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wijk"),
    )
    team = models.ForeignKey(
        "tenancy.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("team"),
    )
    escalated_at = models.DateTimeField(
        _("opgeschaald naar coördinator op"),
        null=True,
        blank=True,
        help_text="Set when the household is escalated to the coordinator function.",
    )

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")
        indexes = [
            models.Index(fields=["municipality", "postcode", "house_number"], name="household_address"),
            models.Index(fields=["municipality", "team"], name="household_team"),
        ]

    def __str__(self) -> str:
        return self.address_line

    @property
    def address_line(self) -> str:
        addition = f"-{self.house_number_addition}" if self.house_number_addition else ""
        return f"{self.street} {self.house_number}{addition}, {self.postcode} {self.city}"


def format_full_name(given_names: str, prefix: str, surname: str) -> str:
    """'Joost van Dijk': the parts that are there, in reading order (also for names read as plain values)."""
    return " ".join(part for part in (given_names, prefix, surname) if part)


class Resident(VersionedTenantModel):
    given_names = models.CharField(_("voornamen"), max_length=150)
    prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=150)
    date_of_birth = models.DateField(_("geboortedatum"), validators=[validate_not_in_future])
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_language = models.CharField(_("voorkeurstaal"), max_length=40, blank=True, default="Nederlands")
    communication_needs = models.JSONField(_("communicatiebehoeften"), default=list, blank=True)
    # Lower case, accents removed: prefix searches use these columns and their indexes.
    surname_key = models.CharField(max_length=150, editable=False, db_index=False)
    given_key = models.CharField(max_length=150, editable=False, db_index=False)

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "bsn"],
                condition=~models.Q(bsn=""),
                name="resident_bsn_unique_in_municipality",
            )
        ]
        indexes = [
            # varchar_pattern_ops lets PostgreSQL use the index for LIKE 'abc%' under any collation.
            models.Index(
                fields=["municipality", "surname_key"],
                name="resident_surname_key",
                opclasses=["", "varchar_pattern_ops"],
            ),
            models.Index(
                fields=["municipality", "given_key"],
                name="resident_given_key",
                opclasses=["", "varchar_pattern_ops"],
            ),
            models.Index(fields=["municipality", "date_of_birth"], name="resident_birth_date"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return format_full_name(self.given_names, self.prefix, self.surname)


class ResidentNameToken(models.Model):
    """One word of a resident's name, normalised: 'El Amrani' is found by 'amr' as well as by 'el'.

    A prefix match on an indexed token column scales to large municipalities, where a `LIKE '%x%'`
    over full names would scan the whole table.
    """

    id = models.BigAutoField(primary_key=True)
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="name_tokens")
    token = models.CharField(max_length=60)

    class Meta:
        indexes = [
            # Prefix ranges ('van' <= token < 'vao') and the search's top-N in index order (keyset on
            # token, resident). On PostgreSQL the column has the "C" collation (migration 0003), so
            # byte order is the index order and a range is an exact prefix match.
            models.Index(fields=["municipality", "token", "resident"], name="resident_name_token_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["resident", "token"], name="resident_name_token_unique")
        ]


def name_tokens(*parts: str) -> set[str]:
    """The normalised words of a name, e.g. ('Jan-Willem', 'van der', 'Berg') → {jan, willem, van, der, berg}."""
    from stevig.people.validators import search_key

    words: set[str] = set()
    for part in parts:
        for word in search_key(part).replace("-", " ").replace("'", " ").split():
            words.add(word[:60])
    return words


class Relation(models.TextChoices):
    PARENT = "ouder", _("ouder / verzorger")
    CHILD = "kind", _("kind")
    PARTNER = "partner", _("partner")
    OTHER = "overig", _("overig")


class HouseholdMembership(TenantModel):
    """A resident lives in a household from `start_date` until `end_date`; past rows are the history."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="memberships")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="memberships")
    relation = models.CharField(_("relatie"), max_length=10, choices=Relation.choices)
    start_date = models.DateField(_("vanaf"))
    end_date = models.DateField(_("tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("lid van huishouden")
        verbose_name_plural = _("leden van huishouden")
        ordering = ["start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=models.Q(end_date__isnull=True),
                name="one_current_household_per_resident",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="membership_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["household", "end_date"], name="membership_household")]


class Involvement(TenantModel):
    """A professional involved in a household file (need-to-know beyond the team)."""

    class Kind(models.TextChoices):
        CONTACT_PERSON = "aanspreekpunt", _("vast aanspreekpunt")
        INVOLVED = "betrokken", _("betrokken")

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="involvements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="involvements")
    kind = models.CharField(_("soort"), max_length=15, choices=Kind.choices, default=Kind.INVOLVED)
    started_at = models.DateTimeField(_("vanaf"), auto_now_add=True)
    ended_at = models.DateTimeField(_("tot"), null=True, blank=True)
    # Added while the one who added it had only break-the-glass access: it ends with that grant, and reads
    # through it are flagged as emergency access in the log (it never turns a grant into lasting access).
    emergency_until = models.DateTimeField(_("noodtoegang tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        indexes = [models.Index(fields=["user", "ended_at"], name="involvement_user")]


class EmergencyAccess(TenantModel):
    """'Break the glass': access outside the normal scope, with a reason, reviewed by privacy."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="emergency_accesses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    reason = models.TextField(_("reden"))
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    review_note = models.TextField(_("beoordeling"), blank=True)

    class Meta:
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        indexes = [models.Index(fields=["user", "household", "expires_at"], name="emergency_access_lookup")]

"""The social map (sociale kaart) and warm referrals to it (principle 3 of the kader).

Facilities are municipal set-up, managed by functioneel beheer; they hold no resident data.
A referral is resident data: it belongs to a trajectory, and never closes it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.analysis.models import Domain
from stevig.core.models import VersionedTenantModel, tenant_link


class Sphere(models.TextChoices):
    PERSONAL = "persoonlijk", _("persoonlijk (familie, vrienden, buren)")
    COLLECTIVE = "collectief", _("collectief (buurt, verenigingen, vrijwilligers)")
    INSTITUTIONAL = "institutioneel", _("institutioneel (organisaties en voorzieningen)")


class FacilityKind(models.TextChoices):
    VOLUNTEER_GROUP = "vrijwilligersgroep", _("vrijwilligersgroep")
    COMMUNITY_CENTRE = "buurthuis", _("buurthuis")
    SPORTS_CLUB = "sportclub", _("sportclub")
    DEBT_BUDDY = "schuldhulpmaatje", _("schuldhulpmaatje")
    FOOD_BANK = "voedselbank", _("voedselbank")
    WELFARE_WORK = "welzijnswerk", _("welzijnswerk")
    YOUTH_HEALTH = "jgz", _("jeugdgezondheidszorg (JGZ)")
    CARER_SUPPORT = "mantelzorgsteunpunt", _("steunpunt mantelzorg")
    LIBRARY = "bibliotheek", _("bibliotheek")
    LANGUAGE_CAFE = "taalcafe", _("taalcafé")
    SELF_HELP_GROUP = "lotgenotengroep", _("lotgenotengroep")
    NEIGHBOURS = "buurtnetwerk", _("buurtnetwerk of buren")
    OTHER = "overig", _("overig")


class Facility(VersionedTenantModel):
    name = models.CharField(_("naam"), max_length=150)
    sphere = models.CharField(_("sfeer"), max_length=15, choices=Sphere.choices)
    kind = models.CharField(_("soort"), max_length=20, choices=FacilityKind.choices)
    neighbourhood = models.ForeignKey(
        "tenancy.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wijk"),
        help_text=_("Leeg laten als de voorziening voor de hele gemeente is."),
    )
    purpose = models.TextField(
        _("waarvoor"), help_text=_("Waar kan een inwoner hier terecht? In gewone woorden.")
    )
    contact = models.CharField(
        _("contact"), max_length=300, help_text=_("Naam, telefoon, e-mail of website.")
    )
    address = models.CharField(_("adres"), max_length=200, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name", "neighbourhood"], name="facility_name_unique"
            )
        ]
        indexes = [models.Index(fields=["municipality", "active", "name"], name="facility_active_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def domain_codes(self) -> list[str]:
        return [d.domain for d in self.domain_links.all()]

    @property
    def domain_labels(self) -> list[str]:
        return [str(Domain(d.domain).label) for d in self.domain_links.all() if d.domain in Domain.values]


class FacilityDomain(models.Model):
    """The life domains a facility helps with (a row per domain, so search by domain uses an index)."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="domain_links")
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    domain = models.CharField(_("leefgebied"), max_length=30, choices=Domain.choices)

    class Meta:
        verbose_name = _("leefgebied van een voorziening")
        verbose_name_plural = _("leefgebieden van voorzieningen")
        constraints = [models.UniqueConstraint(fields=["facility", "domain"], name="facility_domain_unique")]
        indexes = [models.Index(fields=["municipality", "domain"], name="facility_domain_lookup")]


class Outcome(models.TextChoices):
    STARTED = "gestart", _("gestart")
    NOT_STARTED = "niet_gestart", _("niet gestart")


class Referral(VersionedTenantModel):
    """A warm referral to the social map. The team stays involved: a referral never closes the trajectory."""

    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.PROTECT, related_name="referrals"
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("voorziening")
    )
    residents = models.ManyToManyField(
        through="ReferralResident", to="people.Resident", related_name="+", verbose_name=_("voor wie")
    )
    referred_on = models.DateField(_("datum verwijzing"))
    follow_up_on = models.DateField(_("nabellen op"))
    note = models.TextField(_("waarvoor verwezen"), blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=15, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(_("waarom niet gestart"), blank=True)
    outcome_on = models.DateField(_("uitkomst bekend op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("warme verwijzing")
        verbose_name_plural = _("warme verwijzingen")
        ordering = ["-referred_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(follow_up_on__gte=models.F("referred_on")),
                name="referral_follow_up_not_before_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="niet_gestart") | ~models.Q(outcome_reason=""),
                name="referral_not_started_needs_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "outcome", "follow_up_on"], name="referral_follow_up"),
            models.Index(fields=["trajectory", "referred_on"], name="referral_trajectory"),
        ]

    def __str__(self) -> str:
        return f"{self.facility_id} {self.referred_on}"


ReferralResident = tenant_link(
    "ReferralResident",
    module=__name__,
    owner=Referral,
    owner_fk="referral",
    target="people.Resident",
    target_fk="resident",
    table="socialmap_referral_residents",
    source="resident",
)

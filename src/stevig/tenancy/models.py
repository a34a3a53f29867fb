"""Municipality set-up: the tenant and what functioneel beheer configures for it."""

import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel

cbs_municipality_code = RegexValidator(
    r"^GM\d{4}$", _("Een gemeentecode is GM met vier cijfers, zoals GM0363.")
)
cbs_neighbourhood_code = RegexValidator(
    r"^WK\d{6}$", _("Een wijkcode is WK met zes cijfers, zoals WK036301.")
)


class Municipality(models.Model):
    """The tenant. Every row of resident data belongs to exactly one municipality."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(_("CBS-code"), max_length=6, unique=True, validators=[cbs_municipality_code])
    name = models.CharField(_("naam"), max_length=100)
    # Shown on every public page and in the urgent promise (Wgs: first conversation within 3 working days).
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True, default="")
    visiting_address = models.CharField(_("bezoekadres"), max_length=200, blank=True, default="")
    email = models.EmailField(_("e-mailadres"), blank=True, default="")

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Neighbourhood(TenantModel):
    code = models.CharField(_("CBS-wijkcode"), max_length=8, validators=[cbs_neighbourhood_code])
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="neighbourhood_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class PostcodeArea(TenantModel):
    """Which neighbourhood a four-digit postcode belongs to (for 'Waar vind ik het team?')."""

    postcode_digits = models.CharField(_("postcodecijfers"), max_length=4)
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, related_name="postcode_areas")

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "postcode_digits"], name="postcode_area_unique")
        ]


class Team(TenantModel):
    name = models.CharField(_("naam"), max_length=100)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="teams", blank=True, verbose_name=_("wijken")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(TenantModel):
    """A vakafdeling that receives mandate requests and must answer within its term."""

    name = models.CharField(_("naam"), max_length=100)
    response_term_working_days = models.PositiveSmallIntegerField(_("reactietermijn (werkdagen)"), default=10)
    # The department that gives schuldhulpverlening: an urgent request (Wgs art. 4a lid 2) gets 3 working days.
    debt_help = models.BooleanField(_("schuldhulpverlening"), default=False)

    class Meta:
        verbose_name = _("vakafdeling")
        verbose_name_plural = _("vakafdelingen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(TenantModel):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        COMMUNITY_CENTRE = "buurthuis", _("buurthuis")
        LIBRARY = "bibliotheek", _("bibliotheek")
        GP_PRACTICE = "huisartsenpraktijk", _("huisartsenpraktijk")
        TOWN_HALL = "gemeentehuis", _("gemeentehuis")
        ONLINE = "online", _("online")

    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort plek"), max_length=20, choices=Kind.choices)
    street = models.CharField(_("straat"), max_length=150, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        related_name="locations",
        null=True,
        blank=True,
        verbose_name=_("wijk"),
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="locations", null=True, blank=True)
    accessibility_notes = models.TextField(_("toegankelijkheid"), blank=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OpeningHours(TenantModel):
    """When the team is present at a location (spreekuur) on one weekday."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("maandag")
        TUESDAY = 1, _("dinsdag")
        WEDNESDAY = 2, _("woensdag")
        THURSDAY = 3, _("donderdag")
        FRIDAY = 4, _("vrijdag")
        SATURDAY = 5, _("zaterdag")
        SUNDAY = 6, _("zondag")

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens = models.TimeField(_("van"))
    closes = models.TimeField(_("tot"))
    note = models.CharField(_("toelichting"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")), name="opening_hours_order"
            )
        ]


class ExpertiseTag(TenantModel):
    name = models.CharField(_("naam"), max_length=60)

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertises")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="expertise_tag_unique")]

    def __str__(self) -> str:
        return self.name

"""Broad analysis (brede analyse): per household member, over the life domains, on a 1-5 scale.

Only the domains that matter are scored: a `DomainScore` row exists for a domain only when the
professional and the resident talked about it. The domain and scale descriptions are our own words
(the ZRM criteria texts are licensed and are not used).
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel, VersionedTenantModel

# Up to (not including) this age a member counts as a child: the child domains apply.
CHILD_AGE_LIMIT = 18


class Domain(models.TextChoices):
    FINANCES = "financien", _("financiën")
    WORK_EDUCATION = "werk_opleiding", _("werk en opleiding")
    DAYTIME = "tijdsbesteding", _("tijdsbesteding")
    HOUSING = "huisvesting", _("huisvesting")
    DOMESTIC_RELATIONS = "huiselijke_relaties", _("huiselijke relaties")
    MENTAL_HEALTH = "geestelijke_gezondheid", _("geestelijke gezondheid")
    PHYSICAL_HEALTH = "lichamelijke_gezondheid", _("lichamelijke gezondheid")
    SUBSTANCE_USE = "middelengebruik", _("middelengebruik")
    BASIC_ADL = "basale_adl", _("basale ADL (zelfzorg)")
    INSTRUMENTAL_ADL = "instrumentele_adl", _("instrumentele ADL (huishouden)")
    SOCIAL_NETWORK = "sociaal_netwerk", _("sociaal netwerk")
    PARTICIPATION = "maatschappelijke_participatie", _("meedoen in de samenleving")
    JUSTICE = "justitie", _("justitie")
    DEVELOPMENT = "ontwikkeling", _("ontwikkeling (kind)")
    SCHOOL = "school", _("school (kind)")
    UPBRINGING = "opvoeding", _("opvoeding (kind)")


CHILD_DOMAINS: frozenset[str] = frozenset({Domain.DEVELOPMENT, Domain.SCHOOL, Domain.UPBRINGING})
DOMAIN_ORDER: dict[str, int] = {value: index for index, value in enumerate(Domain.values)}

# Our own short descriptions: what we look at in each domain (B1 Dutch).
DOMAIN_DESCRIPTIONS: dict[str, Any] = {
    Domain.FINANCES: _("Inkomen, vaste lasten, schulden en of het geld tot het eind van de maand reikt."),
    Domain.WORK_EDUCATION: _("Werk, opleiding of cursus, en of dat past bij wat iemand kan en wil."),
    Domain.DAYTIME: _("Hoe iemand de dag vult: ritme, bezigheden, vrijwilligerswerk, hobby's."),
    Domain.HOUSING: _("Een veilig en betaalbaar huis, dat past bij het huishouden."),
    Domain.DOMESTIC_RELATIONS: _("Hoe het gaat tussen de mensen in huis: ruzie, steun, veiligheid."),
    Domain.MENTAL_HEALTH: _("Stemming, zorgen, stress, en hoe iemand daarmee omgaat."),
    Domain.PHYSICAL_HEALTH: _("Ziekte, pijn, beperkingen en of iemand de zorg krijgt die nodig is."),
    Domain.SUBSTANCE_USE: _("Alcohol, drugs, medicijnen of gokken, en wat dat doet met het dagelijks leven."),
    Domain.BASIC_ADL: _("Zelf eten, wassen, aankleden en naar de wc gaan."),
    Domain.INSTRUMENTAL_ADL: _("Boodschappen, koken, schoonmaken, post en afspraken regelen."),
    Domain.SOCIAL_NETWORK: _("Familie, vrienden en buren: wie er is om op terug te vallen."),
    Domain.PARTICIPATION: _("Meedoen in de buurt, bij een club of vereniging, contact met anderen."),
    Domain.JUSTICE: _("Contact met politie of justitie, boetes, een straf of toezicht."),
    Domain.DEVELOPMENT: _("Hoe het kind groeit en leert: lichaam, taal, gevoel en gedrag."),
    Domain.SCHOOL: _("Naar school of opvang gaan, meekomen in de klas, verzuim."),
    Domain.UPBRINGING: _("De zorg en opvoeding thuis: regels, aandacht, veiligheid voor het kind."),
}


class Score(models.IntegerChoices):
    ACUTE = 1, _("acute problematiek")
    NOT_SELF_RELIANT = 2, _("niet zelfredzaam")
    LIMITED = 3, _("beperkt zelfredzaam")
    SUFFICIENT = 4, _("voldoende zelfredzaam")
    FULL = 5, _("volledig zelfredzaam")


# Our own short descriptions of the scale steps (B1 Dutch).
SCORE_DESCRIPTIONS: dict[int, Any] = {
    Score.ACUTE: _("Er is nu gevaar of een crisis. Er moet direct iets gebeuren."),
    Score.NOT_SELF_RELIANT: _(
        "Het lukt niet zonder veel hulp. De problemen worden groter als niemand helpt."
    ),
    Score.LIMITED: _("Het lukt deels. Er is hulp nodig om het vol te houden."),
    Score.SUFFICIENT: _("Het lukt, soms met wat hulp van mensen om iemand heen."),
    Score.FULL: _("Het lukt helemaal zelf. Er is geen hulp nodig."),
}


class Analysis(VersionedTenantModel):
    """One dated analysis of one household member within a trajectory. Analyses are kept, never
    overwritten: the next one is compared with the previous one."""

    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.PROTECT, related_name="analyses"
    )
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="analyses", verbose_name=_("inwoner")
    )
    analysed_on = models.DateField(_("datum van de analyse"))
    self_direction = models.PositiveSmallIntegerField(
        _("zelfregie"),
        choices=Score.choices,
        null=True,
        blank=True,
        help_text=_(
            "Hoeveel regie heeft iemand over het eigen leven? 1 is geen regie, 5 is volledige regie."
        ),
    )
    strengths = models.TextField(_("sterke kanten"), blank=True)
    wishes = models.TextField(_("wensen"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("brede analyse")
        verbose_name_plural = _("brede analyses")
        ordering = ["-analysed_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(self_direction__isnull=True)
                | models.Q(self_direction__gte=1, self_direction__lte=5),
                name="analysis_self_direction_1_to_5",
            )
        ]
        indexes = [
            models.Index(fields=["trajectory", "resident", "analysed_on"], name="analysis_member_date"),
            models.Index(fields=["municipality", "analysed_on"], name="analysis_municipality_date"),
        ]

    def __str__(self) -> str:
        return f"{self.resident_id} {self.analysed_on}"


class DomainScore(TenantModel):
    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="scores")
    domain = models.CharField(_("leefgebied"), max_length=30, choices=Domain.choices)
    score = models.PositiveSmallIntegerField(_("score"), choices=Score.choices)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("score per leefgebied")
        verbose_name_plural = _("scores per leefgebied")
        constraints = [
            models.UniqueConstraint(fields=["analysis", "domain"], name="domain_score_once_per_analysis"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="domain_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.score}"

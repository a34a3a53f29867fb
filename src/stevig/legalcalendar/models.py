"""Days that a royal decree equates with a generally recognised holiday (Algemene termijnenwet art. 3 lid 3).

The Atw itself names the holidays (art. 3 lid 1) and equates Good Friday (lid 2); those follow from the
calendar and are computed in `calendar.py`. Lid 3 lets the Crown equate further days, which it does by a
decree roughly every three years ("Besluit gelijkstelling van ... met een algemeen erkende feestdag").
In practice the decree always lists the Friday after Ascension Day, and often a bridge day next to a
holiday that falls on a Tuesday or Thursday. Those days cannot be derived by a rule, so they are data:
functioneel beheer enters them in the admin when a new decree appears in the Staatscourant.

The list is national (the Atw applies to every municipality); local closing days such as carnival are
not Atw holidays and do not belong here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.core.models import TenantModel


class DecreeDay(models.Model):
    date = models.DateField(_("datum"), unique=True)
    description = models.CharField(
        _("omschrijving"), max_length=200, help_text=_("Bijvoorbeeld: vrijdag na Hemelvaartsdag.")
    )
    decree_reference = models.CharField(
        _("besluit"),
        max_length=300,
        help_text=_("Titel of vindplaats van het koninklijk besluit, bijvoorbeeld de Staatscourant."),
    )
    # True while no decree has been published yet: the day is expected (every decree so far equated the
    # Friday after Ascension Day) and counts, but screens say "verwacht" so nobody takes it as law.
    expected = models.BooleanField(
        _("verwacht"),
        default=False,
        help_text=_("Nog geen besluit gepubliceerd. Haal het vinkje weg zodra het besluit er is."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("gelijkgestelde dag")
        verbose_name_plural = _("gelijkgestelde dagen (Algemene termijnenwet)")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.description}"


class DeadlineChange(TenantModel):
    """A stored due date that moved because the legal calendar changed (a decree day added, corrected or
    removed). Shown on the household timeline, so the worker sees why a date moved."""

    household = models.ForeignKey(
        "people.Household", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_type = models.CharField(max_length=40)
    object_id = models.UUIDField()
    clock = models.CharField(_("termijn"), max_length=40)
    old_due = models.DateField(_("was uiterlijk"))
    new_due = models.DateField(_("nu uiterlijk"))
    reason = models.CharField(_("reden"), max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verschoven termijn")
        verbose_name_plural = _("verschoven termijnen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["household", "created_at"], name="deadline_change_household")]

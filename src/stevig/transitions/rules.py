"""The 16-27 rules (kader principle 9: soepele overgangen in de levensloop).

* Young people between 16 and 27 ("16-27", NJI): a toekomstplan is for someone aged 16 up to their 27th
  birthday; outside that range it is refused.
* Turning 18 ends youth help under the Jeugdwet, unless it is extended: verlengde jeugdhulp up to 23
  (Jeugdwet art. 1.1, definition of 'jeugdige', sub 2 and 3). Youth help that ends at 18 must show what
  follows so support does not stop at the birthday.
* The worker sees a young person with youth help on the worklist `TRANSITION_MONTHS` before the 18th
  birthday (setting STEVIG_TRANSITION_MONTHS, default 12, at least 6).
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_AGE = 16
MAX_AGE = 27  # exclusive: up to the 27th birthday
ADULT_AGE = 18
LEGAL_SOURCE = "Jeugdwet art. 1.1 (jeugdige; verlengde jeugdhulp tot 23 jaar)"


class Big5(models.TextChoices):
    SUPPORT = "support", _("support: mensen om je heen")
    HOUSING = "wonen", _("wonen")
    SCHOOL_WORK = "school_werk", _("school en werk")
    INCOME_DEBT = "inkomen_schulden", _("inkomen en schulden")
    WELLBEING = "welzijn_gezondheid", _("welzijn en gezondheid")


class DomainStatus(models.TextChoices):
    IN_ORDER = "op_orde", _("op orde")
    ATTENTION = "aandacht", _("aandacht nodig")
    WORRY = "zorgen", _("zorgen")


# What can follow youth help that ends at 18 (shown with a Jeugdwet decision ending at 18).
AFTER_EIGHTEEN: tuple[tuple[str, str], ...] = (
    (str(_("Verlengde jeugdhulp tot 23 jaar")), "Jeugdwet art. 1.1"),
    (str(_("Maatschappelijke ondersteuning (Wmo 2015)")), "Wmo 2015 art. 2.3.2"),
    (str(_("Inkomen of werk (Participatiewet)")), "Participatiewet art. 11"),
    (str(_("Zorg uit de basisverzekering (Zorgverzekeringswet)")), "Zvw art. 10"),
    (str(_("Zorgtoeslag en studiefinanciering (DUO)")), "Wet op de zorgtoeslag art. 2; Wsf 2000"),
)


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def in_16_27(born: date, day: date) -> bool:
    return MIN_AGE <= age_on(born, day) < MAX_AGE


def eighteenth_birthday(born: date) -> date:
    return born + relativedelta(years=ADULT_AGE)


def transition_months() -> int:
    return max(6, int(getattr(settings, "TRANSITION_MONTHS", 12)))


def birth_window(today: date) -> tuple[date, date]:
    """Born in this (inclusive) range → the 18th birthday falls after today and within the horizon."""
    latest = today - relativedelta(years=ADULT_AGE) + relativedelta(months=transition_months())
    earliest = today - relativedelta(years=ADULT_AGE) + relativedelta(days=1)
    return earliest, latest


def ends_at_eighteen(born: date, end_date: date | None) -> bool:
    """A Jeugdwet decision that ends around the 18th birthday (within a month of it)."""
    if end_date is None:
        return False
    birthday = eighteenth_birthday(born)
    return abs((end_date - birthday).days) <= 31

"""Retention rules with their sources. Pure functions, dates in, dates out.

* Jeugdwet art. 7.3.8: the file is kept twenty years, counted from the moment the data were made (or
  longer when the care of a good professional requires it).
* Jeugdwet art. 7.3.9 lid 1: on a request of the young person (or parent) the data are destroyed within
  three months of the request; lid 2: not for data whose keeping is of considerable importance to someone
  else than the young person, nor where a rule by or under the law forbids the destruction.
* Algemene termijnenwet art. 1 lid 1: a legal term that ends on a Saturday, Sunday or public holiday runs
  to the next working day (`legalcalendar.calendar.extend_to_working_day`).

The Selectielijst gemeenten en intergemeentelijke organen (Wmo, Participatiewet, Wgs) is not encoded yet.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.legalcalendar.calendar import extend_to_working_day

JEUGDWET_RETENTION_YEARS = 20  # Jeugdwet art. 7.3.8
REQUEST_TERM_MONTHS = 3  # Jeugdwet art. 7.3.9 lid 1


class RequestException(models.TextChoices):
    """Why a destruction request under Jeugdwet art. 7.3.9 is (partly) not honoured (lid 2)."""

    OTHER_INTEREST = "belang_ander", _("bewaren is van aanmerkelijk belang voor een ander (art. 7.3.9 lid 2)")
    LAW_FORBIDS = "wet_verzet", _("een wettelijke regel verzet zich tegen vernietiging (art. 7.3.9 lid 2)")


def jeugdwet_keep_until(made_on: date) -> date:
    """The last day the Jeugdwet file must be kept (art. 7.3.8): twenty years after the data were made.
    A file of 29 February is kept until 28 February when that year has no 29 February (2080 → 2100)."""
    return made_on + relativedelta(years=JEUGDWET_RETENTION_YEARS)


def jeugdwet_term_passed(made_on: date, today: date) -> bool:
    """Whether the twenty years of art. 7.3.8 are over on `today` (the day after the last day)."""
    return today > jeugdwet_keep_until(made_on)


def destruction_request_due(requested_on: date) -> date:
    """The last day to destroy after a request (art. 7.3.9 lid 1: within three months), moved to the next
    working day when it ends on a weekend or public holiday (Algemene termijnenwet art. 1)."""
    return extend_to_working_day(requested_on + relativedelta(months=REQUEST_TERM_MONTHS))

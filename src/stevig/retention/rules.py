"""Retention rules with their sources. Pure functions, dates in, dates out.

The article texts below are PARAPHRASES (English), not quotations: the verbatim current text is at
https://wetten.overheid.nl/BWBR0034925 (Jeugdwet, hoofdstuk 7, paragraaf 7.3) and was not available to us
while writing this. docs/retention.md lists what was checked against which source.

* Jeugdwet art. 7.3.8 (lid 3 per the Selectielijst 2020, result 8.1.2): the jeugdhulp file is kept twenty
  years from the moment the data were made, or longer when the care of a good jeugdhulpverlener requires it.
* Wmo 2015 art. 5.3.5: the same for Wmo data: destroyed within three months of a request of the person
  concerned, with the same two exceptions (considerable importance to someone else, a legal rule).
* Jeugdwet art. 7.3.9: on a request of the person concerned the data are destroyed within three months;
  not when keeping them is reasonably of considerable importance to someone other than the young person,
  nor when a rule by or under the law forbids destruction.
* Wmo 2015 art. 5.3.4 (per the Selectielijst 2020, result 8.1.1): Wmo data are kept fifteen years, or
  longer when a careful performance of the college's tasks requires it.
* Selectielijst gemeenten en intergemeentelijke organen 2020, procestype 8 "Voorzieningen verstrekken"
  (the numbers and periods as published in VNG's Referentielijsten API, fixture
  `selectielijst_2020_resultaten.json`): 8.1 "Verstrekt" (uitkering of inkomensvoorziening) 10 years after
  the provision ends; 8.1.1 Wmo-voorziening 15 years; 8.1.2 individuele jeugdhulpvoorziening 20 years;
  8.1.9 schuldhulpverlening 5 years after it ends; 8.2 "Geweigerd" 5 years; 8.3 "Beëindigd" 10 years.
* Algemene termijnenwet art. 1 lid 1: a legal term that ends on a Saturday, Sunday or public holiday runs
  to the next working day (`legalcalendar.calendar.extend_to_working_day`).

Where the term starts (our decision, docs/retention.md): at the end of the household's last involvement
with the team: the latest of a closed trajectory, the end (or withdrawal, or refusal) of a decision, a
handled mandate request, a decided objection, a question. The whole file is kept as long as its longest
period: a file with a Wmo decision and a debt question is kept 15 years, not 5.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.legalcalendar.calendar import extend_to_working_day

JEUGDWET_RETENTION_YEARS = 20  # Jeugdwet art. 7.3.8 lid 3; Selectielijst 2020 result 8.1.2
REQUEST_TERM_MONTHS = 3  # Jeugdwet art. 7.3.9 lid 1


class RecordKind(models.TextChoices):
    """What a file holds, for its retention period (Selectielijst gemeenten 2020, procestype 8)."""

    JEUGDWET = "jeugdwet", _("jeugdhulp (Jeugdwet)")
    WMO = "wmo", _("maatschappelijke ondersteuning (Wmo 2015)")
    PARTICIPATIEWET = "participatiewet", _("werk en inkomen (Participatiewet)")
    WGS = "wgs", _("schuldhulpverlening (Wgs)")
    GENERAL = "algemeen", _("ondersteuning zonder wettelijke voorziening")


@dataclass(frozen=True)
class Period:
    years: int
    source: str  # the category and article, shown to the privacy officer and kept in the record


# The period per kind of record. GENERAL is our choice (docs/retention.md): the Selectielijst's generic
# results for a provision that ended (8.1 "Verstrekt" and 8.3 "Beëindigd") are 10 years.
PERIODS: dict[str, Period] = {
    RecordKind.JEUGDWET: Period(
        JEUGDWET_RETENTION_YEARS, "Selectielijst 2020, 8.1.2 en 8.3.2; Jeugdwet art. 7.3.8 lid 3: 20 jaar"
    ),
    RecordKind.WMO: Period(15, "Selectielijst 2020, 8.1.1 en 8.3.1; Wmo 2015 art. 5.3.4: 15 jaar"),
    RecordKind.PARTICIPATIEWET: Period(
        10, "Selectielijst 2020, 8.1 (uitkering of inkomensvoorziening) en 8.3: 10 jaar"
    ),
    RecordKind.WGS: Period(5, "Selectielijst 2020, 8.1.9 (schuldhulpverlening): 5 jaar"),
    RecordKind.GENERAL: Period(10, "Selectielijst 2020, 8.1 en 8.3 (algemeen): 10 jaar"),
}


def keep_until(kinds: Iterable[str], last_involvement: date) -> tuple[date, list[str]]:
    """The last day the file must be kept: its longest period after the end of the last involvement, and
    the sources of every period that applies (longest first). No kinds: GENERAL."""
    chosen = sorted({k for k in kinds} or {RecordKind.GENERAL}, key=lambda k: -PERIODS[k].years)
    years = PERIODS[chosen[0]].years
    return last_involvement + relativedelta(years=years), [PERIODS[k].source for k in chosen]


def term_passed(kinds: Iterable[str], last_involvement: date, today: date) -> bool:
    """Whether the file's period is over on `today` (the day after its last day)."""
    return today > keep_until(kinds, last_involvement)[0]


class RequestException(models.TextChoices):
    """Why a destruction request is not honoured: exactly the grounds of the law, nothing more.

    Jeugdwet art. 7.3.9 lid 3 (and, in the same words for the client, Wmo 2015 art. 5.3.5) names two
    exceptions: it is reasonably plausible ("redelijkerwijs aannemelijk") that keeping the data is of
    considerable importance to someone other than the young person ("van aanmerkelijk belang voor een ander
    dan de jeugdige"), or what is laid down by or under the law opposes destruction ("het bij of krachtens
    de wet bepaalde zich tegen vernietiging verzet"). The third choice is not an exception but the article's
    own condition on who may ask (a young person from twelve who can reasonably judge their interests; for
    a younger child the parent with authority or the guardian): a request from anyone else is no request
    under the article.

    A pending investigation, complaint, objection or court case ("onderzoek") is deliberately NOT a ground of
    its own: the article does not name it. It only blocks destruction when a rule by or under the law
    requires keeping the data (a court order, a legal duty to hand them over, a statutory retention duty):
    then the ground is `LAW_FORBIDS` and the reason names that rule; or when keeping is of considerable
    importance to someone else (e.g. a parent or sibling in the procedure): then `OTHER_INTEREST`. A
    litigation hold (`LitigationHold`) stops the file from being destroyed while it is in place, but a
    refusal still has to rest on one of these grounds (docs/retention.md). The wording of lid 3 is quoted
    from the task brief and the VNG's summary; see docs/avg.md for what was verified against which source.
    """

    OTHER_INTEREST = (
        "belang_ander",
        _(
            "het is aannemelijk dat bewaren van aanmerkelijk belang is voor een ander dan de jeugdige of "
            "cliënt (Jeugdwet art. 7.3.9 lid 3; Wmo 2015 art. 5.3.5)"
        ),
    )
    LAW_FORBIDS = (
        "wet_verzet",
        _(
            "een regel bij of krachtens de wet verzet zich tegen vernietiging; noem de regel in uw uitleg "
            "(Jeugdwet art. 7.3.9 lid 3; Wmo 2015 art. 5.3.5)"
        ),
    )
    NOT_ENTITLED = (
        "niet_bevoegd",
        _(
            "geen geldig verzoek: de verzoeker mag het niet doen (Jeugdwet art. 7.3.9: een kind onder 12 "
            "jaar vraagt het niet zelf; dan de ouder met gezag of de voogd)"
        ),
    )


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

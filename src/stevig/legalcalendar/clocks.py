"""Legal clocks: from an event date and a rule to a due date, with the reasons a day was skipped.

Counting follows the Algemene wet bestuursrecht (Awb) and the Algemene termijnenwet (Atw):

* A term starts the day after the event. A term of N weeks therefore ends on the same weekday N weeks
  later (6 weeks from Monday 6 April ends on Monday 18 May); a term of N days ends N days later.
* Atw art. 1: a term that would end on a Saturday, Sunday or Atw holiday runs on to the next day that
  is none of these.
* Atw art. 2: a term of three days or more is extended, if needed, so that it holds at least two
  working days. (It matters only for short terms around Christmas and Easter, but it is the law.)
* Working-day terms (Wgs spoed, Veilig Thuis, mandate requests) skip Saturdays, Sundays and Atw
  holidays while counting, so they always end on a working day.

Deadlines are computed, never typed: callers store the event date and the clock, and ask `deadline()`.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from stevig.legalcalendar.calendar import (
    add_working_days,
    extend_to_working_day,
    next_working_day,
    reason_not_working,
    working_days_between,
)


class Clock(models.TextChoices):
    WMO_RECEIPT = "WMO_RECEIPT", gettext_lazy("Wmo: ontvangst van de melding bevestigen")
    WMO_ONDERZOEK = "WMO_ONDERZOEK", gettext_lazy("Wmo: onderzoek na de melding")
    WMO_PERSOONLIJK_PLAN = "WMO_PERSOONLIJK_PLAN", gettext_lazy("Wmo: persoonlijk plan inleveren")
    WMO_BESCHIKKING = "WMO_BESCHIKKING", gettext_lazy("Wmo: beschikking na de aanvraag")
    JEUGDWET_BESCHIKKING = "JEUGDWET_BESCHIKKING", gettext_lazy("Jeugdwet: beslissing op de aanvraag")
    WGS_EERSTE_GESPREK = "WGS_EERSTE_GESPREK", gettext_lazy("Wgs: eerste gesprek schuldhulp")
    WGS_EERSTE_GESPREK_SPOED = (
        "WGS_EERSTE_GESPREK_SPOED",
        gettext_lazy(
            "Wgs: eerste gesprek bij dreigende uitzetting, afsluiting of verlies van de zorgverzekering"
        ),
    )
    PARTICIPATIEWET_VOORSCHOT = "PARTICIPATIEWET_VOORSCHOT", gettext_lazy("Participatiewet: voorschot")
    PARTICIPATIEWET_BESCHIKKING = (
        "PARTICIPATIEWET_BESCHIKKING",
        gettext_lazy("Participatiewet: beslissing op de aanvraag"),
    )
    BEZWAAR_INDIENEN = "BEZWAAR_INDIENEN", gettext_lazy("Bezwaar maken")
    BEZWAAR_BESLISSEN = "BEZWAAR_BESLISSEN", gettext_lazy("Beslissen op bezwaar")
    BEZWAAR_BESLISSEN_ADVIESCOMMISSIE = (
        "BEZWAAR_BESLISSEN_ADVIESCOMMISSIE",
        gettext_lazy("Beslissen op bezwaar met adviescommissie"),
    )
    BEZWAAR_VERDAGING = "BEZWAAR_VERDAGING", gettext_lazy("Beslissen op bezwaar na verdaging")
    BEROEP_INDIENEN = "BEROEP_INDIENEN", gettext_lazy("Beroep instellen")
    KLACHT_AFHANDELEN = "KLACHT_AFHANDELEN", gettext_lazy("Klacht afhandelen")
    KLACHT_AFHANDELEN_ADVIESCOMMISSIE = (
        "KLACHT_AFHANDELEN_ADVIESCOMMISSIE",
        gettext_lazy("Klacht afhandelen met adviescommissie"),
    )
    AVG_VERZOEK = "AVG_VERZOEK", gettext_lazy("AVG: verzoek van de inwoner afhandelen")
    AVG_VERZOEK_VERLENGD = (
        "AVG_VERZOEK_VERLENGD",
        gettext_lazy("AVG: verzoek van de inwoner afhandelen, verlengd met twee maanden"),
    )
    JEUGDWET_VERNIETIGING = "JEUGDWET_VERNIETIGING", gettext_lazy("Jeugdwet: dossier vernietigen op verzoek")
    VEILIG_THUIS_BEOORDELING = (
        "VEILIG_THUIS_BEOORDELING",
        gettext_lazy("Veilig Thuis: beoordeling van de melding"),
    )
    MANDATE_REQUEST = "MANDATE_REQUEST", gettext_lazy("Mandaatverzoek aan een vakafdeling")


class Unit(StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


@dataclass(frozen=True)
class ClockRule:
    unit: Unit
    amount: int | None  # None: the caller gives the number of working days (mandate requests)
    legal_basis: str
    # The term does not start on the event itself but when this other term ends (Awb 7:10 lid 1: the
    # decision on an objection is counted from the end of the objection term).
    after: "Clock | None" = None


RULES: dict[Clock, ClockRule] = {
    # The Wmo asks to confirm receipt of a melding without naming a term. We use "onverwijld" as the
    # next working day, so a forgotten confirmation shows up on the worklist the day after.
    Clock.WMO_RECEIPT: ClockRule(
        Unit.WORKING_DAYS, 1, "Wmo 2015 art. 2.3.2 lid 1 (geen wettelijke termijn; werkafspraak)"
    ),
    Clock.WMO_ONDERZOEK: ClockRule(Unit.WEEKS, 6, "Wmo 2015 art. 2.3.2 lid 1"),
    Clock.WMO_PERSOONLIJK_PLAN: ClockRule(Unit.DAYS, 7, "Wmo 2015 art. 2.3.2 lid 2"),
    Clock.WMO_BESCHIKKING: ClockRule(Unit.WEEKS, 2, "Wmo 2015 art. 2.3.5 lid 1"),
    # Jeugdwet art. 2.3 names no term, so Awb 4:13 lid 2 applies: 8 weeks from the aanvraag (not from a
    # first question or melding; the caller passes the date the aanvraag was received).
    Clock.JEUGDWET_BESCHIKKING: ClockRule(Unit.WEEKS, 8, "Awb art. 4:13 lid 2 (Jeugdwet)"),
    # Participatiewet art. 52 lid 1: "Het college verleent uiterlijk binnen vier weken na de datum van
    # aanvraag en vervolgens telkens uiterlijk na vier weken, bij wijze van voorschot algemene bijstand ...,
    # zolang het recht op algemene bijstand niet is vastgesteld" (the four weeks are the article's opening
    # sentence; onder a and b are the cases without a voorschot: docs/avg.md, verification).
    Clock.PARTICIPATIEWET_VOORSCHOT: ClockRule(Unit.WEEKS, 4, "Participatiewet art. 52 lid 1"),
    # The Participatiewet sets no decision term of its own (art. 44 only says from when bijstand is due),
    # so the Awb's 8 weeks apply.
    Clock.PARTICIPATIEWET_BESCHIKKING: ClockRule(
        Unit.WEEKS, 8, "Awb art. 4:13 lid 2 (Participatiewet art. 44)"
    ),
    Clock.WGS_EERSTE_GESPREK: ClockRule(Unit.WEEKS, 4, "Wet gemeentelijke schuldhulpverlening art. 4a lid 1"),
    # Wgs art. 4a lid 2: within three working days when there is a threatening eviction, a threatening
    # end of the supply of energy, water or stadsverwarming, or a threatening termination (opzegging or
    # ontbinding) of the zorgverzekering. Only for a question classed as debt help (`URGENT_GROUNDS`).
    Clock.WGS_EERSTE_GESPREK_SPOED: ClockRule(
        Unit.WORKING_DAYS, 3, "Wet gemeentelijke schuldhulpverlening art. 4a lid 2"
    ),
    # Awb 6:7 and 6:8 lid 1: six weeks, from the day after the decision was sent (bekendmaking), never
    # from the date written on the decision. The caller passes the sending date.
    Clock.BEZWAAR_INDIENEN: ClockRule(Unit.WEEKS, 6, "Awb art. 6:7 en 6:8 lid 1"),
    # Awb 7:10 lid 1: six weeks (twelve with an advisory committee, art. 7:13), counted from the day after
    # the objection term ended. The caller passes the sending date of the contested decision.
    Clock.BEZWAAR_BESLISSEN: ClockRule(Unit.WEEKS, 6, "Awb art. 7:10 lid 1", after=Clock.BEZWAAR_INDIENEN),
    Clock.BEZWAAR_BESLISSEN_ADVIESCOMMISSIE: ClockRule(
        Unit.WEEKS, 12, "Awb art. 7:10 lid 1 en 7:13", after=Clock.BEZWAAR_INDIENEN
    ),
    # Awb 7:10 lid 3: the decision on the objection can be postponed once by at most six weeks. The caller
    # passes the due date before the postponement.
    Clock.BEZWAAR_VERDAGING: ClockRule(Unit.WEEKS, 6, "Awb art. 7:10 lid 3"),
    # Awb 6:7 and 6:8 lid 1: six weeks for beroep from the day after the decision on the objection was sent.
    Clock.BEROEP_INDIENEN: ClockRule(Unit.WEEKS, 6, "Awb art. 6:7 en 6:8 lid 1"),
    # Awb 9:11 lid 1: a complaint is handled within six weeks of receipt, or ten weeks with a
    # complaints committee (art. 9:15 lid 1 and 9:14).
    Clock.KLACHT_AFHANDELEN: ClockRule(Unit.WEEKS, 6, "Awb art. 9:11 lid 1"),
    Clock.KLACHT_AFHANDELEN_ADVIESCOMMISSIE: ClockRule(Unit.WEEKS, 10, "Awb art. 9:15 lid 1"),
    # AVG art. 12 lid 3: a request under art. 15-22 is answered without delay, at the latest within one
    # month of receipt.
    # The AVG is an EU regulation: its terms are counted by Verordening (EEG, Euratom) nr. 1182/71 (art. 3
    # lid 1: from the day after receipt; lid 2 onder c: a month ends on the same date, or on the last day
    # of a shorter month; lid 4: a last day on a Saturday, Sunday or public holiday moves to the next
    # working day). That is the same counting as the Algemene termijnenwet here, so the same code serves.
    # Request received Fri 30 Jan 2026: 30 Feb does not exist -> Sat 28 Feb -> Mon 2 Mar 2026.
    Clock.AVG_VERZOEK: ClockRule(Unit.MONTHS, 1, "AVG art. 12 lid 3"),
    # AVG art. 12 lid 3, second sentence: extended by two further months when needed (complexity, number
    # of requests): three months from receipt. The resident hears of it, with reasons, within the first
    # month. Received Fri 30 Jan 2026 -> Thu 30 Apr 2026.
    Clock.AVG_VERZOEK_VERLENGD: ClockRule(Unit.MONTHS, 3, "AVG art. 12 lid 3 (verlengd met twee maanden)"),
    # Jeugdwet art. 7.3.9 lid 2: destruction on request within three months of the request.
    Clock.JEUGDWET_VERNIETIGING: ClockRule(Unit.MONTHS, 3, "Jeugdwet art. 7.3.9 lid 2"),
    Clock.VEILIG_THUIS_BEOORDELING: ClockRule(Unit.WORKING_DAYS, 5, "Handelingsprotocol Veilig Thuis"),
    Clock.MANDATE_REQUEST: ClockRule(Unit.WORKING_DAYS, None, "Werkafspraak met de vakafdeling"),
}

MAX_WORKING_DAYS = 365


@dataclass(frozen=True)
class SkippedDay:
    date: date
    reason: str


@dataclass(frozen=True)
class DeadlineExplanation:
    """A due date and how it was reached, for the worklist tooltip and the API."""

    clock: Clock
    start: date
    due: date
    term: str  # e.g. "6 weken"
    legal_basis: str
    term_end: date  # where plain counting ends, before the Atw extends it
    skipped: tuple[SkippedDay, ...]
    steps: tuple[str, ...]  # the explanation in plain Dutch, one sentence per step


def _fmt(day: date) -> str:
    return formats.date_format(day, "l j F Y")


def _term_text(unit: Unit, amount: int) -> str:
    if unit == Unit.WEEKS:
        return ngettext("%(n)d week", "%(n)d weken", amount) % {"n": amount}
    if unit == Unit.DAYS:
        return ngettext("%(n)d dag", "%(n)d dagen", amount) % {"n": amount}
    if unit == Unit.MONTHS:
        return ngettext("%(n)d maand", "%(n)d maanden", amount) % {"n": amount}
    return ngettext("%(n)d werkdag", "%(n)d werkdagen", amount) % {"n": amount}


def _skipped_between(after: date, before: date) -> list[SkippedDay]:
    """The non-working days strictly after `after` and strictly before `before`."""
    days: list[SkippedDay] = []
    day = after + timedelta(days=1)
    while day < before:
        reason = reason_not_working(day)
        if reason is not None:
            days.append(SkippedDay(day, reason))
        day += timedelta(days=1)
    return days


def _amount(clock: Clock, rule: ClockRule, working_days: int | None) -> int:
    if rule.amount is None:
        if working_days is None:
            raise ValueError(f"{clock} needs working_days (the term agreed with the department).")
        if not 1 <= working_days <= MAX_WORKING_DAYS:
            raise ValueError(f"working_days must be between 1 and {MAX_WORKING_DAYS}.")
        return working_days
    if working_days is not None:
        raise ValueError(f"{clock} has a fixed term; working_days is only for {Clock.MANDATE_REQUEST}.")
    return rule.amount


def _plain_end(unit: Unit, start: date, amount: int) -> date:
    if unit == Unit.WEEKS:
        return start + timedelta(weeks=amount)
    if unit == Unit.MONTHS:
        # A term of months ends on the same day number; in a shorter month on its last day.
        return start + relativedelta(months=amount)
    return start + timedelta(days=amount)


def explain_deadline(
    clock: Clock | str, start: date, *, working_days: int | None = None, suspended_days: int = 0
) -> DeadlineExplanation:
    """Compute the due date of `clock` for an event on `start`, and explain every day that was skipped.

    `suspended_days` are the calendar days the term stood still (Awb 4:15: opschorting while the
    applicant completes the aanvraag); they are added to the end of the term before the Atw extends it.
    A clock with `after` first runs the other clock from `start` and counts on from its last day.
    """
    clock = Clock(clock)
    rule = RULES[clock]
    amount = _amount(clock, rule, working_days)
    term = _term_text(rule.unit, amount)
    prefix: list[str] = []
    if rule.after is not None:
        first = explain_deadline(rule.after, start)
        prefix = [
            *first.steps,
            _("Daarna begint de volgende termijn: tellen begint op de dag na %(end)s.")
            % {"end": _fmt(first.due)},
        ]
        start = first.due
    if suspended_days < 0:
        raise ValueError("suspended_days must be zero or more")
    steps = [
        *prefix,
        _("De termijn is %(term)s (%(basis)s). Tellen begint op de dag na %(start)s.")
        % {"term": term, "basis": rule.legal_basis, "start": _fmt(start)},
    ]
    if suspended_days:
        steps.append(
            ngettext(
                "De termijn stond %(n)d dag stil (Awb artikel 4:15).",
                "De termijn stond %(n)d dagen stil (Awb artikel 4:15).",
                suspended_days,
            )
            % {"n": suspended_days}
        )

    if rule.unit == Unit.WORKING_DAYS:
        due = add_working_days(start + timedelta(days=suspended_days), amount)
        skipped = _skipped_between(start, due)
        if skipped:
            steps.append(_("Zaterdag, zondag en feestdagen tellen niet mee als werkdag."))
        steps.append(_("De laatste dag is %(due)s.") % {"due": _fmt(due)})
        return DeadlineExplanation(
            clock, start, due, term, rule.legal_basis, due, tuple(skipped), tuple(steps)
        )

    term_end = _plain_end(rule.unit, start, amount) + timedelta(days=suspended_days)
    due = extend_to_working_day(term_end)
    skipped = _skipped_between(term_end - timedelta(days=1), due)
    if due != term_end:
        steps.append(
            _(
                "Gewoon geteld eindigt de termijn op %(end)s. Dat is geen werkdag (%(reason)s). Volgens de "
                "Algemene termijnenwet (artikel 1) loopt de termijn dan door tot de eerstvolgende werkdag."
            )
            % {"end": _fmt(term_end), "reason": reason_not_working(term_end)}
        )
    # Atw art. 2: a term of three days or more must hold at least two working days.
    days_in_term = (term_end - start).days
    if days_in_term >= 3 and working_days_between(start, due) < 2:
        extended = next_working_day(due)
        skipped.extend(_skipped_between(due, extended))
        due = extended
        steps.append(
            _(
                "In de termijn zitten minder dan twee werkdagen. Volgens de Algemene termijnenwet "
                "(artikel 2) loopt de termijn door, zodat er twee werkdagen in zitten."
            )
        )
    steps.append(_("De laatste dag is %(due)s.") % {"due": _fmt(due)})
    return DeadlineExplanation(
        clock, start, due, term, rule.legal_basis, term_end, tuple(skipped), tuple(steps)
    )


def deadline(
    clock: Clock | str, start: date, *, working_days: int | None = None, suspended_days: int = 0
) -> date:
    """The last day on which the act must be done, for an event on `start`.

    `working_days` is required for `Clock.MANDATE_REQUEST` (the term agreed with the receiving
    department) and refused for every other clock. Raises ValueError on a bad combination.
    """
    return explain_deadline(clock, start, working_days=working_days, suspended_days=suspended_days).due


def objection_term_end(sent_on: date) -> date:
    """The last day to object to a decision sent (bekendgemaakt) on `sent_on` (Awb 6:7, 6:8 lid 1)."""
    return deadline(Clock.BEZWAAR_INDIENEN, sent_on)


# Awb 6:9 lid 2: an objection sent by post is in time when it was posted before the term ended and
# arrives no later than one week after the end of the term.
POSTED_GRACE_DAYS = 7


def objection_in_time(*, sent_on: date, received_on: date, posted_on: date | None = None) -> bool:
    """Whether an objection against a decision sent on `sent_on` is in time (Awb 6:9).

    Lid 1: it is in time when it is received before the term ends. Lid 2: sent by post, it is also in
    time when it was posted within the term and received at most a week after the term ended.
    """
    end = objection_term_end(sent_on)
    if received_on <= end:
        return True
    return (
        posted_on is not None and posted_on <= end and received_on <= end + timedelta(days=POSTED_GRACE_DAYS)
    )


def objection_decision_due(
    sent_on: date, *, advisory_committee: bool = False, postponed: bool = False
) -> date:
    """When the decision on an objection is due (Awb 7:10): counted from the end of the objection term of
    the decision sent on `sent_on`, 6 weeks or 12 with an advisory committee, plus 6 weeks when postponed
    (lid 3)."""
    clock = Clock.BEZWAAR_BESLISSEN_ADVIESCOMMISSIE if advisory_committee else Clock.BEZWAAR_BESLISSEN
    due = deadline(clock, sent_on)
    return deadline(Clock.BEZWAAR_VERDAGING, due) if postponed else due


def days_left(due: date, today: date | None = None) -> int:
    """Calendar days from today (Europe/Amsterdam) to the due date: 0 on the last day, negative when overdue."""
    if today is None:
        today = timezone.localdate()
    return (due - today).days

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
        gettext_lazy("Wgs: eerste gesprek bij dreigende uitzetting of afsluiting"),
    )
    BEZWAAR_INDIENEN = "BEZWAAR_INDIENEN", gettext_lazy("Bezwaar maken")
    BEZWAAR_BESLISSEN = "BEZWAAR_BESLISSEN", gettext_lazy("Beslissen op bezwaar")
    BEZWAAR_BESLISSEN_ADVIESCOMMISSIE = (
        "BEZWAAR_BESLISSEN_ADVIESCOMMISSIE",
        gettext_lazy("Beslissen op bezwaar met adviescommissie"),
    )
    VEILIG_THUIS_BEOORDELING = (
        "VEILIG_THUIS_BEOORDELING",
        gettext_lazy("Veilig Thuis: beoordeling van de melding"),
    )
    MANDATE_REQUEST = "MANDATE_REQUEST", gettext_lazy("Mandaatverzoek aan een vakafdeling")


class Unit(StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    WORKING_DAYS = "working_days"


@dataclass(frozen=True)
class ClockRule:
    unit: Unit
    amount: int | None  # None: the caller gives the number of working days (mandate requests)
    legal_basis: str


RULES: dict[Clock, ClockRule] = {
    # The Wmo asks to confirm receipt of a melding without naming a term. We use "onverwijld" as the
    # next working day, so a forgotten confirmation shows up on the worklist the day after.
    Clock.WMO_RECEIPT: ClockRule(
        Unit.WORKING_DAYS, 1, "Wmo 2015 art. 2.3.2 lid 1 (geen wettelijke termijn; werkafspraak)"
    ),
    Clock.WMO_ONDERZOEK: ClockRule(Unit.WEEKS, 6, "Wmo 2015 art. 2.3.2 lid 1"),
    Clock.WMO_PERSOONLIJK_PLAN: ClockRule(Unit.DAYS, 7, "Wmo 2015 art. 2.3.2 lid 2"),
    Clock.WMO_BESCHIKKING: ClockRule(Unit.WEEKS, 2, "Wmo 2015 art. 2.3.5 lid 1"),
    Clock.JEUGDWET_BESCHIKKING: ClockRule(Unit.WEEKS, 8, "Awb art. 4:13 (Jeugdwet)"),
    Clock.WGS_EERSTE_GESPREK: ClockRule(Unit.WEEKS, 4, "Wet gemeentelijke schuldhulpverlening art. 4a lid 1"),
    Clock.WGS_EERSTE_GESPREK_SPOED: ClockRule(
        Unit.WORKING_DAYS, 3, "Wet gemeentelijke schuldhulpverlening art. 4a lid 2"
    ),
    Clock.BEZWAAR_INDIENEN: ClockRule(Unit.WEEKS, 6, "Awb art. 6:7"),
    Clock.BEZWAAR_BESLISSEN: ClockRule(Unit.WEEKS, 6, "Awb art. 7:10 lid 1"),
    Clock.BEZWAAR_BESLISSEN_ADVIESCOMMISSIE: ClockRule(Unit.WEEKS, 12, "Awb art. 7:10 lid 1"),
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


def explain_deadline(
    clock: Clock | str, start: date, *, working_days: int | None = None
) -> DeadlineExplanation:
    """Compute the due date of `clock` for an event on `start`, and explain every day that was skipped."""
    clock = Clock(clock)
    rule = RULES[clock]
    amount = _amount(clock, rule, working_days)
    term = _term_text(rule.unit, amount)
    steps = [
        _("De termijn is %(term)s (%(basis)s). Tellen begint op de dag na %(start)s.")
        % {"term": term, "basis": rule.legal_basis, "start": _fmt(start)}
    ]

    if rule.unit == Unit.WORKING_DAYS:
        due = add_working_days(start, amount)
        skipped = _skipped_between(start, due)
        if skipped:
            steps.append(_("Zaterdag, zondag en feestdagen tellen niet mee als werkdag."))
        steps.append(_("De laatste dag is %(due)s.") % {"due": _fmt(due)})
        return DeadlineExplanation(
            clock, start, due, term, rule.legal_basis, due, tuple(skipped), tuple(steps)
        )

    term_end = start + (timedelta(weeks=amount) if rule.unit == Unit.WEEKS else timedelta(days=amount))
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


def deadline(clock: Clock | str, start: date, *, working_days: int | None = None) -> date:
    """The last day on which the act must be done, for an event on `start`.

    `working_days` is required for `Clock.MANDATE_REQUEST` (the term agreed with the receiving
    department) and refused for every other clock. Raises ValueError on a bad combination.
    """
    return explain_deadline(clock, start, working_days=working_days).due


def days_left(due: date, today: date | None = None) -> int:
    """Calendar days from today (Europe/Amsterdam) to the due date: 0 on the last day, negative when overdue."""
    if today is None:
        today = timezone.localdate()
    return (due - today).days

"""The Meldcode huiselijk geweld en kindermishandeling as rules: the five steps and the afwegingskader.

Source: Wet verplichte meldcode huiselijk geweld en kindermishandeling (Stb. 2012, 2013; Wmo 2015 art.
5.1.3 and Jeugdwet art. 4.1.3) and the Besluit verplichte meldcode huiselijk geweld en kindermishandeling
(art. 2: the code holds the five steps; since 1 January 2019 step 4 and 5 use the afwegingskader, which
makes a report to Veilig Thuis the standard when there is acute or structural unsafety).

Steps (Besluit verplichte meldcode, art. 2 lid 1):
1 signalen in kaart brengen; 2 collegiale consultatie en zo nodig Veilig Thuis raadplegen; 3 gesprek met
de betrokkene(n); 4 wegen met het afwegingskader (afweging 1 en 2); 5 beslissen: hulp organiseren en/of
melden (afweging 3, 4 en 5).

The afwegingskader is asked in order; the first answer that decides ends the questions:

1. vermoeden?                                          no  → geen melding nodig
2. acute of structurele onveiligheid?                  yes → melden is verplicht
3. kan ik passende hulp bieden of organiseren?         no  → melden is verplicht
4. aanvaarden de betrokkenen de hulp?                  no  → melden is verplicht
5. leidt de hulp binnen de gewenste termijn tot
   duurzame veiligheid?                                no  → melden is verplicht; yes → hulp organiseren
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LEGAL_SOURCE = (
    "Wet verplichte meldcode huiselijk geweld en kindermishandeling; "
    "Besluit verplichte meldcode huiselijk geweld en kindermishandeling, art. 2 (afwegingskader sinds 2019)"
)


class Step(models.IntegerChoices):
    SIGNALS = 1, _("signalen in kaart brengen")
    CONSULT = 2, _("collegiale consultatie en zo nodig Veilig Thuis raadplegen")
    CONVERSATION = 3, _("gesprek met de betrokkene(n)")
    WEIGH = 4, _("wegen met het afwegingskader")
    DECIDE = 5, _("beslissen: hulp organiseren en/of melden")


class Outcome(models.TextChoices):
    REPORT = "melden", _("melden bij Veilig Thuis")
    HELP = "hulp", _("hulp organiseren")
    BOTH = "beide", _("melden bij Veilig Thuis én hulp organiseren")
    NEITHER = "geen", _("geen melding en geen hulp")


REPORTING_OUTCOMES = frozenset({Outcome.REPORT, Outcome.BOTH})


@dataclass(frozen=True)
class Question:
    number: int
    step: int
    text: str | Promise
    # The answer (True = ja, False = nee) that ends the questions, and whether that answer makes a report
    # to Veilig Thuis required.
    decisive_answer: bool
    report_when_decisive: bool


QUESTIONS: tuple[Question, ...] = (
    Question(
        1,
        Step.WEIGH,
        _("Is er op basis van stap 1 tot en met 3 een vermoeden van huiselijk geweld of kindermishandeling?"),
        False,
        False,
    ),
    Question(2, Step.WEIGH, _("Is er sprake van acute of structurele onveiligheid?"), True, True),
    Question(3, Step.DECIDE, _("Kunt u passende hulp bieden of organiseren?"), False, True),
    Question(4, Step.DECIDE, _("Aanvaarden de betrokkenen deze hulp?"), False, True),
    Question(
        5,
        Step.DECIDE,
        _("Leidt de hulp binnen de gewenste termijn tot duurzame veiligheid?"),
        False,
        True,
    ),
)


@dataclass(frozen=True)
class Conclusion:
    """Where the afwegingskader stands: the next question to ask, or the conclusion."""

    next_question: int | None  # None: the questions are done
    report_required: bool
    decided_at: int | None  # the question whose answer decided
    text: str
    allowed_outcomes: frozenset[str]

    @property
    def complete(self) -> bool:
        return self.next_question is None


def conclude(answers: dict[int, bool | None]) -> Conclusion:
    """The conclusion for the answers given so far (question number → True/False/None)."""
    for question in QUESTIONS:
        answer = answers.get(question.number)
        if answer is None:
            return Conclusion(question.number, False, None, "", frozenset())
        if answer == question.decisive_answer:
            if question.report_when_decisive:
                return Conclusion(
                    None,
                    True,
                    question.number,
                    str(
                        _(
                            "Melden is verplicht. Meld bij Veilig Thuis. U mag daarnaast hulp blijven "
                            "bieden of organiseren."
                        )
                    ),
                    frozenset(REPORTING_OUTCOMES),
                )
            return Conclusion(
                None,
                False,
                question.number,
                str(_("Er is geen vermoeden. Een melding is niet nodig. Sluit het spoor af met een reden.")),
                frozenset({Outcome.NEITHER, Outcome.HELP}),
            )
    return Conclusion(
        None,
        False,
        5,
        str(
            _(
                "Melden is niet verplicht. Organiseer de hulp en houd de vinger aan de pols. Melden mag "
                "altijd (meldrecht)."
            )
        ),
        frozenset({Outcome.HELP, Outcome.BOTH}),
    )


def questions_for_step(step: int) -> list[Question]:
    return [q for q in QUESTIONS if q.step == step]


def validate_answers(answers: dict[int, bool | None]) -> dict[int, str]:
    """Errors per question: an answer after an open question, or after the one that decided."""
    errors: dict[int, str] = {}
    open_before: int | None = None
    decided = False
    for question in QUESTIONS:
        answer = answers.get(question.number)
        if answer is None:
            if open_before is None:
                open_before = question.number
            continue
        if decided:
            errors[question.number] = str(
                _("Deze vraag hoeft niet meer: een eerdere vraag gaf de uitkomst al.")
            )
        elif open_before is not None:
            errors[question.number] = str(_("Beantwoord eerst vraag %(n)d.") % {"n": open_before})
        elif answer == question.decisive_answer:
            decided = True
    return errors

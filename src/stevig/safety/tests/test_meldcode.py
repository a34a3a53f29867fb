"""Every outcome of the afwegingskader (Besluit verplichte meldcode, afwegingskader 2019)."""

import pytest

from stevig.safety.meldcode import Outcome, conclude, validate_answers


@pytest.mark.parametrize(
    ("answers", "report", "decided_at", "allowed"),
    [
        ({1: False}, False, 1, {Outcome.NEITHER, Outcome.HELP}),
        ({1: True, 2: True}, True, 2, {Outcome.REPORT, Outcome.BOTH}),
        ({1: True, 2: False, 3: False}, True, 3, {Outcome.REPORT, Outcome.BOTH}),
        ({1: True, 2: False, 3: True, 4: False}, True, 4, {Outcome.REPORT, Outcome.BOTH}),
        ({1: True, 2: False, 3: True, 4: True, 5: False}, True, 5, {Outcome.REPORT, Outcome.BOTH}),
        ({1: True, 2: False, 3: True, 4: True, 5: True}, False, 5, {Outcome.HELP, Outcome.BOTH}),
    ],
)
def test_every_outcome(answers, report, decided_at, allowed):
    conclusion = conclude(answers)
    assert conclusion.complete
    assert conclusion.report_required is report
    assert conclusion.decided_at == decided_at
    assert conclusion.allowed_outcomes == allowed
    assert ("Melden is verplicht" in conclusion.text) is report


@pytest.mark.parametrize(
    ("answers", "next_question"),
    [({}, 1), ({1: True}, 2), ({1: True, 2: False}, 3), ({1: True, 2: False, 3: True}, 4)],
)
def test_questions_are_asked_in_order(answers, next_question):
    conclusion = conclude(answers)
    assert not conclusion.complete and conclusion.next_question == next_question


def test_an_answer_cannot_skip_a_question():
    assert validate_answers({1: True, 3: True}) == {3: "Beantwoord eerst vraag 2."}


def test_no_answers_after_the_deciding_one():
    errors = validate_answers({1: True, 2: True, 3: True})
    assert set(errors) == {3} and "eerdere vraag" in errors[3]

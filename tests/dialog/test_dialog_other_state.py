"""Found while driving awkward answers: "not pregnant, and I had a stroke last month" to the
breastfeeding question was kept as "not breastfeeding" (the "not" was said of the pregnancy).
The state of another question said instead of an answer is no answer: asked again; an answer
that starts with its own yes or no still answers."""

from __future__ import annotations

import pytest
from dialog_fakes import TODAY

from trialbot.dialog.answers import read_answer
from trialbot.eligibility.vocabulary import fact_specs


def _read(fact: str, text: str) -> object:
    specs = fact_specs()
    reading = read_answer(specs[fact], text, TODAY, specs)
    return reading.facts.get(fact) if reading.ok else reading.problem


@pytest.mark.parametrize(
    ("fact", "text"),
    [("breastfeeding", "not pregnant, and I had a stroke last month"),
     ("breastfeeding", "I'm not pregnant"), ("breastfeeding", "not pregnant"),
     ("pregnant", "not breastfeeding"), ("pregnant", "I am nursing")],
)  # fmt: skip
def test_another_question_s_state_is_no_answer(fact: str, text: str) -> None:
    assert _read(fact, text) == "off_topic"


@pytest.mark.parametrize(
    ("fact", "text", "value"),
    [("pregnant", "no, but I am breastfeeding", False),
     ("breastfeeding", "not pregnant and not breastfeeding", False),
     ("breastfeeding", "yes, and not pregnant", True), ("pregnant", "not pregnant", False),
     ("breastfeeding", "no", False)],
)  # fmt: skip
def test_an_answer_of_its_own_still_answers(fact: str, text: str, value: bool) -> None:
    assert _read(fact, text) is value

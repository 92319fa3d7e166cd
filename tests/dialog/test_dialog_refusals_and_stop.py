"""Found by the awkward-answer driver: a refusal to answer was read as a "no" ("prefer not to say"
to the pregnancy question stored "not pregnant", to a date question "never"), and "stop" or
"quit" was "not understood" (to the pregnancy question "quit" was even kept as a past state). A
refusal is noted as not known (the study team asks); wanting to stop is told what stays and how
to erase it, and the question is shown again."""

from __future__ import annotations

import pytest
from dialog_fakes import DRAGONFLY, TODAY, Say
from dialog_fakes import asks_of as _asks
from dialog_fakes import replies_text as _text

from trialbot.dialog.answers import read_answer
from trialbot.eligibility.vocabulary import fact_specs
from trialbot.service import ConversationService

REFUSALS = [
    "prefer not to say", "I'd rather not say", "none of your business", "I don't want to answer",
    "private", "skip", "not telling", "that's personal",
]  # fmt: skip


@pytest.mark.parametrize("text", REFUSALS)
@pytest.mark.parametrize("fact", ["pregnant", "last_blood_clot", "age_years", "sex"])
def test_a_refusal_is_not_known_never_a_no(fact: str, text: str) -> None:
    specs = fact_specs()
    reading = read_answer(specs[fact], text, TODAY, specs)
    assert reading.facts == {fact: "unknown"} and reading.note == "declined"


@pytest.mark.parametrize("text", ["no", "never", "not pregnant", "I don't smoke"])
def test_a_plain_no_is_still_a_no(text: str) -> None:
    specs = fact_specs()
    assert read_answer(specs["pregnant"], text, TODAY, specs).facts["pregnant"] is False


def test_the_real_example_prefer_not_to_say_to_the_pregnancy_question(
    say: Say, service: ConversationService
) -> None:
    say("/start", trials=[DRAGONFLY])
    say("20")
    say("female")
    turn = say("prefer not to say")
    assert "do not have to answer" in _text(turn) and _asks(turn) == "breastfeeding"
    view = service.view("t")
    assert view is not None and view.facts["pregnant"] == "unknown"


@pytest.mark.parametrize("text", ["stop", "STOP", "quit", "I want to stop", "cancel please"])
def test_stop_says_what_stays_and_asks_again(
    say: Say, service: ConversationService, text: str
) -> None:
    say("/start", trials=[DRAGONFLY])
    say("20")
    say("female")
    turn = say(text)
    assert "stop here" in _text(turn) and "/forget" in _text(turn)
    assert _asks(turn) == "pregnant"
    view = service.view("t")
    assert view is not None and "pregnant" not in view.facts and view.facts["age_years"] == 20
    say("no")
    view = service.view("t")
    assert view is not None and view.facts["pregnant"] is False  # it goes on


@pytest.mark.parametrize("text", ["stop smoking", "I had to stop chemo", "quit last year"])
def test_stop_in_a_sentence_is_no_wish_to_stop(say: Say, text: str) -> None:
    say("/start", trials=[DRAGONFLY])
    assert "stop here" not in _text(say(text))

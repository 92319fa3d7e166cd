"""A weight or another measure with a unit typed to the age question ("60 kg", "60kg", "120
mmHg", "60%") is no age: a weight is kept as the weight (dialog/measured.py) and said back, any
other measure is not kept and the person is told so; the age is asked again either way."""

from __future__ import annotations

import pytest
from dialog_fakes import DRAGONFLY, TODAY, Say
from dialog_fakes import asks_of as _asks
from dialog_fakes import replies_text as _text

from trialbot.dialog.answers import read_answer
from trialbot.eligibility.vocabulary import fact_specs
from trialbot.service import ConversationService

WEIGHTS = [("60 kg", 60), ("I weigh 60 kilos", 60), ("60kg", 60), ("I'm 60kg", 60),
           ("60.5kg", 60.5), ("she weighs 45 kilograms", 45)]  # fmt: skip
MEASURES = ["120 mmHg", "60%", "60 percent", "12 mm", "I think I weigh 60 kg"]
POUNDS = [("60 lbs", 27.2, "60 lb"), ("165 pounds", 74.8, "165 lb"), ("10 stone", 63.5, "10 stone")]


def _start(say: Say, cid: str) -> None:
    assert _asks(say("/start", trials=[DRAGONFLY], conversation=cid)) == "age_years"


@pytest.mark.parametrize(("weight", "kg"), WEIGHTS)
def test_a_weight_to_the_age_question_is_the_weight_and_the_age_is_asked_again(
    say: Say, service: ConversationService, weight: str, kg: float
) -> None:
    cid = f"weight-age-{weight}"
    _start(say, cid)
    turn = say(weight, conversation=cid)
    assert "weight" in _text(turn) and _asks(turn) == "age_years"
    assert not any(r.text.startswith("So:") for r in turn.replies)
    view = service.view(cid)
    assert view is not None and "age_years" not in view.facts
    assert view.facts["weight_kg"] == kg
    say("12", conversation=cid)
    view = service.view(cid)
    assert view is not None and view.facts["age_years"] == 12


@pytest.mark.parametrize("measure", MEASURES)
def test_another_measure_to_the_age_question_is_not_kept_and_the_age_is_asked_again(
    say: Say, service: ConversationService, measure: str
) -> None:
    cid = f"measure-age-{measure}"
    _start(say, cid)
    turn = say(measure, conversation=cid)
    assert "measurement" in _text(turn) and _asks(turn) == "age_years"
    view = service.view(cid)
    assert view is not None and "age_years" not in view.facts


@pytest.mark.parametrize(
    "text", ["I'm 60, 70 kg", "60 years old, 70kg", "I'm 60 and weigh 70 kilos"]
)
def test_an_age_said_with_a_weight_is_the_age(
    say: Say, service: ConversationService, text: str
) -> None:
    cid = f"age-weight-{text}"
    _start(say, cid)
    turn = say(text, conversation=cid)
    if any(r.text.startswith("So:") for r in turn.replies):  # 60 rules the trial out (5 to 30)
        say("yes", conversation=cid)
    view = service.view(cid)
    assert view is not None and view.facts.get("age_years") == 60
    assert view.facts.get("weight_kg") == 70


@pytest.mark.parametrize(
    ("fact", "text", "value"),
    [
        ("weight_kg", "70kg", 70),
        ("systolic_bp_mmhg", "150 mm", 150),
        ("age_years", "born 1990", 36),
    ],
)
def test_a_measure_in_the_questions_own_unit_is_still_its_answer(
    fact: str, text: str, value: float
) -> None:
    specs = fact_specs()
    reading = read_answer(specs[fact], text, TODAY, specs)
    assert reading.ok and reading.facts[fact] == value


@pytest.mark.parametrize(("weight", "kg", "said"), POUNDS)
def test_a_weight_in_pounds_to_the_age_question_is_the_weight_read_back_in_kg(
    say: Say, service: ConversationService, weight: str, kg: float, said: str
) -> None:
    """ "60 lbs" to the age question was turned down as a measurement; it is a weight, converted
    with pint, read back in kg with what the person said, and kept once confirmed (no age)."""
    cid = f"pounds-age-{weight}"
    _start(say, cid)
    turn = say(weight, conversation=cid)
    assert f"{kg} kg (you said {said})" in _text(turn)
    view = service.view(cid)
    assert view is not None and view.facts == {}
    turn = say("yes", conversation=cid)
    assert _asks(turn) == "age_years"
    view = service.view(cid)
    assert view is not None and view.facts == {"weight_kg": kg}


@pytest.mark.parametrize(
    ("text", "kg", "said"),
    [("150 lbs", 68, "150 lb"), ("165 pounds", 74.8, "165 lb"), ("150lbs", 68, "150 lb"),
     ("11 stone 4", 71.7, "11 stone 4 lb"), ("I weigh 11st 4lb", 71.7, "11 stone 4 lb"),
     ("one hundred and fifty pounds", 68, "150 lb")],
)  # fmt: skip
def test_a_weight_in_pounds_to_the_weight_question_is_converted_and_doubtful(
    text: str, kg: float, said: str
) -> None:
    """ "150 lbs" to the weight question (asked in kg) is 68 kg, never 150 kg, and is read back
    before it counts (with the words the person used)."""
    specs = fact_specs()
    reading = read_answer(specs["weight_kg"], text, TODAY, specs)
    assert reading.ok and reading.facts == {"weight_kg": kg}
    assert reading.doubtful and reading.said_as == {"weight_kg": said}


@pytest.mark.parametrize("text", ["150 or 160 lbs", "150 lbs or 160 lbs", "2 lbs"])
def test_two_weights_in_pounds_or_an_implausible_one_are_no_answer(text: str) -> None:
    specs = fact_specs()
    assert not read_answer(specs["weight_kg"], text, TODAY, specs).ok

"""A bare number typed to a choice question ("2" to the daily-life question) names no option the
person saw (the options are shown by their words, not numbered): it is read back with Yes / No
and never excludes before it is confirmed; a button press still counts at once."""

from __future__ import annotations

import pytest
from dialog_fakes import APATINIB, Say
from dialog_fakes import asks_of as _asks
from dialog_fakes import replies_text as _text

from trialbot.domain.turn import Turn


def _to_daily_life(say: Say) -> Turn:
    """Walk the apatinib study up to the daily-life (ECOG) question."""
    say("/start", trials=[APATINIB])
    turn = say("can I join this study?")
    answers = {"age_years": "40", "sex": "male", "disease_status": "stable"}
    for _ in range(30):
        asks = _asks(turn)
        if asks == "ecog_level":
            return turn
        turn = say(answers.get(str(asks), "no"))
    raise AssertionError("the daily-life question was never asked")


@pytest.mark.parametrize("typed", ["2", "3", "4", "2.", " 3 ", "(4)"])
def test_a_bare_number_to_the_daily_life_question_is_read_back(say: Say, typed: str) -> None:
    """The web-chat case: "2" was stored as ECOG 2 and alone made the person ineligible. Now it
    is read back with the option's own words and the trial stays open until confirmed."""
    question = _to_daily_life(say)
    assert "• " in _text(question) and "1." not in _text(question)  # options not numbered
    readback = say(typed)
    assert readback.verdicts[APATINIB] != "ineligible"
    assert _text(readback).startswith("So:") or "So:" in _text(readback)
    level = typed.strip(" .()")
    label = {"2": "Up and about", "3": "In bed or a chair more than", "4": "all day"}[level]
    assert label in _text(readback)
    buttons = [b.value.split("#")[0] for r in readback.replies for b in r.buttons]
    assert buttons[:2] == ["yes", "no"]
    confirmed = say("yes")
    assert confirmed.verdicts[APATINIB] == "ineligible"


def test_a_bare_number_said_wrong_is_asked_again_and_nothing_is_kept(say: Say) -> None:
    """ "No, let me fix it" to the read-back of "2": nothing is stored, the question comes back."""
    _to_daily_life(say)
    say("2")
    turn = say("no")
    assert turn.verdicts[APATINIB] != "ineligible"
    assert _asks(turn) == "ecog_level"
    answered = say("Fully active, no limits")  # the option's own words count at once
    assert answered.verdicts[APATINIB] != "ineligible" and _asks(answered) != "ecog_level"


def test_a_bare_number_that_keeps_the_trial_open_is_read_back_too(say: Say) -> None:
    """ "0" or "1" would not exclude, but they name no visible option either: read back."""
    _to_daily_life(say)
    turn = say("1")
    assert "So:" in _text(turn) and "Can't do heavy work" in _text(turn)
    assert _asks(say("yes")) != "ecog_level"


def test_the_button_of_a_level_counts_at_once(say: Say) -> None:
    """A pressed button is the person's own choice: no read-back."""
    question = _to_daily_life(say)
    token = question.replies[-1].buttons[0].value.split("#")[1]
    turn = say(button=f"3#{token}")
    assert turn.verdicts[APATINIB] == "ineligible"

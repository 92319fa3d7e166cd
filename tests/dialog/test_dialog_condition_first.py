"""The illness named in a first message ("hi, my dad has lung cancer, any trials?") scopes a
conversation over a few trials with none chosen: the trials for it are checked, or the person
is told plainly that none here is for it; it is never dropped for questions about other trials."""

from __future__ import annotations

import pytest
from dialog_fakes import APATINIB, DRAGONFLY, Say
from dialog_fakes import asks_of as _asks
from dialog_fakes import replies_text as _text

from trialbot.service import ConversationService


@pytest.mark.parametrize(
    "first",
    [
        "hi, my dad has lung cancer, any trials?",
        "Hi! My dad has lung cancer. Any trials?",
        "my mum was diagnosed with breast cancer, is there a trial for her?",
        "hello, I have leukaemia, what studies do you have?",
        "my husband has pancreatic cancer",
    ],
)
def test_an_illness_no_trial_here_is_for_is_said_plainly(
    say: Say, service: ConversationService, first: str
) -> None:
    """The product check: the illness was dropped and the osteosarcoma trials' questions began.
    Now the person hears that none of the studies here is for it, and no question is put."""
    turn = say(first)
    text = _text(turn)
    assert "none of the studies here is for it" in text and "osteosarcoma" in text.lower()
    assert "your doctor" in text and _asks(turn) is None
    assert any(b.value == "/trials" for r in turn.replies for b in r.buttons)
    assert set(turn.verdicts.values()) == {"undetermined"}
    view = service.view("t")
    assert view is not None and "condition" in view.facts


@pytest.mark.parametrize(
    "first",
    [
        "hi, my son has osteosarcoma, any trials?",
        "My daughter has bone cancer (osteosarcoma). Which trials could she join?",
    ],
)
def test_an_illness_the_trials_are_for_scopes_the_walk(
    say: Say, service: ConversationService, first: str
) -> None:
    """Named as their own illness: the trials for it are checked, starting with the questions."""
    turn = say(first)
    text = _text(turn)
    assert "of the studies here are for it" in text
    assert _asks(turn) == "age_years"
    assert "How old is your son?" in text or "How old is your daughter?" in text
    assert set(turn.verdicts) == {DRAGONFLY, APATINIB}
    view = service.view("t")
    assert view is not None and view.facts.get("condition") == "osteosarcoma"


def test_a_chosen_trial_is_not_rescoped_by_an_illness(say: Say) -> None:
    """With a trial chosen, an illness named does not leave it (scope.py's rule stands)."""
    say("/start", trials=[APATINIB])
    turn = say("my dad has lung cancer, can he join?")
    assert "none of the studies here" not in _text(turn)
    assert set(turn.verdicts) == {APATINIB}


def test_an_answer_to_the_pending_question_is_not_read_as_an_illness(say: Say) -> None:
    """ "no" and the like answer the question; an illness named mid-walk by a yes/no answer
    ("no, he has no lung cancer") that reads as an answer is an answer."""
    say("/start")
    say("40")
    turn = say("yes")  # the read-back of the age
    assert "none of the studies here" not in _text(turn)

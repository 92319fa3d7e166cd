"""A height typed to the age question ("I'm 5 foot 6", "5'6") is no age: nothing is kept, the
person is told it sounds like a height, and the age is asked again."""

from __future__ import annotations

import pytest
from dialog_fakes import DRAGONFLY, Say
from dialog_fakes import asks_of as _asks

from trialbot.domain.turn import Turn
from trialbot.service import ConversationService

HEIGHTS = ["I'm 5 foot 6", "5'6", "5’6”", "5 ft 6 in", "she is 165 cm", "he's 1.65 m tall", "6ft"]


def _confirmed(say: Say, turn: Turn, cid: str) -> None:
    """Say yes to the read-back of an age that would exclude (the seed trial takes children)."""
    if any(r.text.startswith("So:") for r in turn.replies):
        say("yes", conversation=cid)


@pytest.mark.parametrize("height", HEIGHTS)
def test_a_height_to_the_age_question_is_not_kept_and_the_age_is_asked_again(
    say: Say, service: ConversationService, height: str
) -> None:
    cid = f"height-{height}"
    first = say("/start", trials=[DRAGONFLY], conversation=cid)
    assert _asks(first) == "age_years"
    turn = say(height, conversation=cid)
    text = "\n".join(r.text for r in turn.replies)
    assert "height" in text and _asks(turn) == "age_years"
    assert not any(r.text.startswith("So:") for r in turn.replies)
    view = service.view(cid)
    assert view is not None and "age_years" not in view.facts
    _confirmed(say, say("45", conversation=cid), cid)
    view = service.view(cid)
    assert view is not None and view.facts["age_years"] == 45


@pytest.mark.parametrize("text", ["I'm 45, 5'6", "45 years old and 170 cm"])
def test_an_age_said_with_a_height_is_the_age(
    say: Say, service: ConversationService, text: str
) -> None:
    cid = f"age-height-{text}"
    say("/start", trials=[DRAGONFLY], conversation=cid)
    _confirmed(say, say(text, conversation=cid), cid)
    view = service.view(cid)
    assert view is not None and view.facts.get("age_years") == 45

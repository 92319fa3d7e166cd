"""Erasing asked for in plain words: recognised (the words are data in prompts/dialog.yaml),
confirmed with Yes / No, and then done exactly as /forget does; other sentences with "forgot"
or "remove" are not erase requests."""

from __future__ import annotations

import pytest
from dialog_fakes import APATINIB, DRAGONFLY, Say

from trialbot.domain.turn import Turn
from trialbot.service import ConversationService

ERASE_REQUESTS = [
    "please delete my data",
    "forget everything I told you",
    "erase my information",
    "remove my details",
    "Can you delete all my data please?",
    "I want my data deleted",
    "please forget what I said",
    "wipe my personal information",
    "Forget about me.",
    "delete everything",
]
NOT_ERASE_REQUESTS = [
    "I forgot my medication list",
    "I forget things easily these days",
    "don't forget my son is 12",
    "she had the tumour removed last year",
    "sorry, delete that, I'm 19",
]


def _asks(turn: Turn) -> str | None:
    questions = [r for r in turn.replies if r.kind == "question"]
    return questions[-1].asks if questions else None


def _text(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


def _started(say: Say) -> None:
    say("/start", trials=[DRAGONFLY])
    say("can I join this study?")
    say("20")  # the age is known; the sex question is pending


@pytest.mark.parametrize("request_words", ERASE_REQUESTS)
def test_plain_words_erase_after_a_typed_yes(
    say: Say, service: ConversationService, request_words: str
) -> None:
    """Asked in plain words, confirmed with a typed "yes": nothing is left, as after /forget."""
    _started(say)
    asked = say(request_words)
    assert "erase everything" in _text(asked) and "cannot be undone" in _text(asked)
    values = [b.value.split("#")[0] for r in asked.replies for b in r.buttons]
    assert values == ["/forget", "erase:keep"]
    assert service.view("t") is not None  # nothing is erased before the person confirms
    done = say("yes")
    assert "erased everything" in _text(done)
    assert service.view("t") is None and "t" not in service.store.data  # type: ignore[attr-defined]
    fresh = say("hello")
    assert "trialbot" in _text(fresh)  # a new conversation: greeted again, nothing known


def test_the_yes_button_erases_as_forget_does(say: Say, service: ConversationService) -> None:
    """The "Yes, erase everything" button carries /forget with the question's token."""
    _started(say)
    asked = say("please delete my data")
    yes = asked.replies[-1].buttons[0].value
    done = say(button=yes)
    assert "erased everything" in _text(done) and service.view("t") is None


@pytest.mark.parametrize("keep", ["no", "button"])
def test_no_keeps_everything_and_the_walk_goes_on(
    say: Say, service: ConversationService, keep: str
) -> None:
    """ "No" (typed or the button) keeps the answers and asks the pending question again."""
    _started(say)
    asked = say("forget everything I told you")
    turn = say(button=asked.replies[-1].buttons[1].value) if keep == "button" else say("no")
    assert "not erased anything" in _text(turn)
    assert _asks(turn) == "sex"
    view = service.view("t")
    assert view is not None and view.facts == {"age_years": 20}


def test_an_answer_instead_of_yes_or_no_is_read_as_the_answer(
    say: Say, service: ConversationService
) -> None:
    """After the erase question, "female" is the answer to the sex question; nothing is erased
    and a later "yes" is not taken as consent to erase."""
    _started(say)
    say("remove my details")
    turn = say("female")
    assert _asks(turn) not in (None, "sex")
    view = service.view("t")
    assert view is not None and view.facts.get("sex") == "female"


@pytest.mark.parametrize("text", NOT_ERASE_REQUESTS)
def test_other_sentences_are_not_erase_requests(
    say: Say, service: ConversationService, text: str
) -> None:
    """ "I forgot my medication list" asks nothing about erasing and erases nothing."""
    _started(say)
    turn = say(text)
    assert "erase everything" not in _text(turn)
    assert service.view("t") is not None


def test_erase_words_in_a_catalogue_free_first_message(
    say: Say, service: ConversationService
) -> None:
    """As the very first message: greeted, then asked; yes erases."""
    turn = say("please erase my information", trials=[APATINIB])
    assert "trialbot" in _text(turn) and "erase everything" in _text(turn)
    say("yes")
    assert service.view("t") is None

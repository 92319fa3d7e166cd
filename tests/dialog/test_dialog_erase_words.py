"""Erasing asked for in plain words: recognised (the words are data in prompts/dialog.yaml),
confirmed with Yes / No, and then done exactly as /forget does; other sentences with "forgot"
or "remove" are not erase requests."""

from __future__ import annotations

import pytest
from dialog_fakes import APATINIB, DRAGONFLY, Say
from dialog_fakes import asks_of as _asks
from dialog_fakes import replies_text as _text

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


HEDGES = ["I think so", "probably", "I guess", "guess so", "maybe yes", "probably not"]


def _to_breastfeeding(say: Say) -> None:
    """A yes/no question is pending, so a hedge read as usual would be its (doubtful) answer."""
    _started(say)
    say("female")
    say("no")  # not pregnant; "Are you breastfeeding right now?" is pending


@pytest.mark.parametrize("hedge", HEDGES)
def test_a_hedge_to_the_erase_question_erases_nothing_and_asks_again_plainly(
    say: Say, service: ConversationService, hedge: str
) -> None:
    """ "I think so" to "Do you want me to erase everything?" is neither a yes nor a no: nothing
    is erased, nothing is stored as the answer to the pending question, and the erase question
    is asked again plainly with its Yes / No buttons; a plain "yes" then erases."""
    _to_breastfeeding(say)
    before = service.view("t")
    assert before is not None
    say("please delete my data")
    turn = say(hedge)
    assert "Please answer yes or no" in _text(turn) and "erase everything" in _text(turn)
    values = [b.value.split("#")[0] for r in turn.replies for b in r.buttons]
    assert values == ["/forget", "erase:keep"]
    after = service.view("t")
    assert after is not None and after.facts == before.facts
    assert "breastfeeding" not in after.facts
    done = say("yes")
    assert "erased everything" in _text(done) and service.view("t") is None


def test_a_hedge_then_no_keeps_everything_and_asks_the_pending_question(
    say: Say, service: ConversationService
) -> None:
    """After the plain question again, "no" keeps the answers and the walk goes on."""
    _to_breastfeeding(say)
    say("forget everything I told you")
    say("I think so")
    turn = say("no")
    assert "not erased anything" in _text(turn) and _asks(turn) == "breastfeeding"
    view = service.view("t")
    assert view is not None and "breastfeeding" not in view.facts


def test_the_buttons_of_the_first_erase_question_are_stale_after_a_hedge(
    say: Say, service: ConversationService
) -> None:
    """The question asked again carries a new token: the older "Yes" button erases nothing."""
    _to_breastfeeding(say)
    asked = say("please delete my data")
    say("I guess")
    say(button=asked.replies[-1].buttons[0].value)
    assert service.view("t") is not None

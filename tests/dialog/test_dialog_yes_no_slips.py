"""A slip corrected right after a yes/no answer ("sorry I meant yes", "oops, no", "wait, actually
yes") was not understood as an answer to the yes/no question now pending, and corrected nothing.
The rule: a slip marker followed by only a yes or a no corrects the LAST answered fact when that
was a yes/no question, never the one pending (asked again); the bot names the question it
changed, and a change that would exclude is read back first. A bare "sorry, no" is a polite
answer to the question pending; after an answer that was no yes or no, a slip is read as usual."""

from __future__ import annotations

import pytest
from dialog_fakes import DRAGONFLY, Say
from dialog_fakes import asks_of as _asks
from dialog_fakes import facts_in_view as _facts
from dialog_fakes import replies_text as _text

from trialbot.service import ConversationService

PREGNANT_Q = "pregnant now"


def _to_breastfeeding(say: Say, pregnant: str = "no") -> None:
    say("/start", trials=[DRAGONFLY])
    say("20")
    assert _asks(say("female")) == "pregnant"
    assert _asks(say(pregnant)) == "breastfeeding"


def test_the_real_example_corrects_the_pregnancy_not_breastfeeding(
    say: Say, service: ConversationService
) -> None:
    _to_breastfeeding(say)
    turn = say("sorry I meant yes")
    assert PREGNANT_Q in _text(turn) and "changing" in _text(turn)
    assert "is that right" in _text(turn).lower()  # a pregnancy excludes: read back first
    assert "breastfeeding" not in _facts(service) and _facts(service)["pregnant"] is False
    turn = say("yes")
    assert _facts(service)["pregnant"] is True and "breastfeeding" not in _facts(service)
    assert turn.verdicts[DRAGONFLY] == "ineligible"


@pytest.mark.parametrize(
    "slip", ["wait, actually yes", "oops yes", "my bad, yes", "I meant yes", "no wait, yes"]
)
def test_slip_variants_correct_the_last_yes_no(
    say: Say, service: ConversationService, slip: str
) -> None:
    _to_breastfeeding(say)
    turn = say(slip)
    assert PREGNANT_Q in _text(turn) and "breastfeeding" not in _facts(service)


def test_a_slip_back_to_no_is_kept_at_once_and_named(
    say: Say, service: ConversationService
) -> None:
    """A yes that excluded (the summary was given), then "oops, no": the no is kept (it
    excludes nobody), the bot names the question, and the walk goes on."""
    say("/start", trials=[DRAGONFLY])
    say("20")
    say("female")
    assert say("yes").verdicts[DRAGONFLY] == "ineligible"  # a button word: it counts at once
    turn = say("oops, no")
    assert PREGNANT_Q in _text(turn) and "No" in _text(turn)
    assert _facts(service)["pregnant"] is False and _asks(turn) == "breastfeeding"


def test_a_slip_that_changes_nothing_says_so_and_asks_again(
    say: Say, service: ConversationService
) -> None:
    _to_breastfeeding(say)
    turn = say("oops, no")
    assert "already" in _text(turn) and PREGNANT_Q in _text(turn)
    assert _asks(turn) == "breastfeeding" and "breastfeeding" not in _facts(service)


def test_sorry_no_is_a_polite_answer_to_the_question_asked(
    say: Say, service: ConversationService
) -> None:
    _to_breastfeeding(say)
    say("sorry, no")
    facts = _facts(service)
    assert facts["breastfeeding"] is False and facts["pregnant"] is False


@pytest.mark.parametrize("slip", ["wait, actually yes", "sorry I meant no"])
def test_after_an_answer_that_was_no_yes_or_no_nothing_is_guessed(
    say: Say, service: ConversationService, slip: str
) -> None:
    """The last answer was the sex (a choice): the slip corrects no yes/no and answers nothing."""
    say("/start", trials=[DRAGONFLY])
    say("20")
    say("female")
    turn = say(slip)
    assert _asks(turn) == "pregnant" and "not sure which answer" in _text(turn)
    facts = _facts(service)
    assert "pregnant" not in facts and facts["sex"] == "female"

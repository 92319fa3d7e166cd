"""A yes or a no said with doubt ("maybe yes", "I believe so", "I doubt it", "not that I know
of") is read, and read back before it counts: a hedge is never taken as certain."""

from __future__ import annotations

import pytest
from dialog_fakes import DRAGONFLY, Say

from trialbot.domain.turn import Turn
from trialbot.service import ConversationService

HEDGED = [
    ("maybe yes", True),
    ("I believe so", True),
    ("probably yes", True),
    ("well, I guess so", True),
    ("I suppose so, the GP said something", True),
    ("I doubt it", False),
    ("not that I know of", False),
    ("not as far as I know", False),
    ("I don't believe so", False),
    ("hmm, I doubt that", False),
]


def _until_asked(say: Say, fact: str, conversation: str) -> Turn:
    turn = say("/start", trials=[DRAGONFLY], conversation=conversation)
    for _ in range(30):
        questions = [r for r in turn.replies if r.kind == "question"]
        if questions and questions[-1].asks == fact:
            return turn
        turn = say("not sure", conversation=conversation)
    raise AssertionError(f"{fact} was never asked")


@pytest.mark.parametrize(("hedged", "value"), HEDGED)
def test_a_hedged_yes_or_no_is_read_back_then_counts(
    say: Say, service: ConversationService, hedged: str, value: bool
) -> None:
    """To "Do you have hepatitis C now?": a hedged no is read back ("So: ... Is that right?"),
    nothing is stored until a yes, and then the hedged value is. A hedged yes, which would
    exclude, is "not sure" at once (test_dialog_leftover_answers)."""
    cid = f"hedge-{hedged}"
    _until_asked(say, "hepatitis_c", cid)
    readback = say(hedged, conversation=cid)
    if value is True:
        view = service.view(cid)
        assert view is not None and view.facts["hepatitis_c"] == "unknown"
        assert not any(r.text.startswith("So:") for r in readback.replies)
        return
    assert any(r.text.startswith("So:") and "hepatitis C" in r.text for r in readback.replies)
    view = service.view(cid)
    assert view is not None and "hepatitis_c" not in view.facts
    say("yes", conversation=cid)
    view = service.view(cid)
    assert view is not None and view.facts["hepatitis_c"] is value


def test_a_denied_hedge_stores_nothing_and_asks_again(
    say: Say, service: ConversationService
) -> None:
    cid = "hedge-denied"
    _until_asked(say, "hepatitis_c", cid)
    say("I doubt it", conversation=cid)
    turn = say("no", conversation=cid)
    view = service.view(cid)
    assert view is not None and "hepatitis_c" not in view.facts
    assert [r for r in turn.replies if r.kind == "question"][-1].asks == "hepatitis_c"

"""A hedge typed to a read-back ("I think so", "probably", "I believe so" to "So: ... Is that
right?") confirms nothing: the read-back stays pending and is asked again plainly, with its Yes /
No buttons. Only a plain yes records it."""

from __future__ import annotations

import pytest
from dialog_fakes import DRAGONFLY, Say

from trialbot.domain.turn import Turn
from trialbot.service import ConversationService

HEDGES = ["I think so", "probably", "I believe so", "yes I think so", "probably yes", "maybe",
          "I guess so", "pretty sure", "maybe not", "I don't think so"]  # fmt: skip


def _read_back(turn: Turn) -> list[str]:
    return [r.text for r in turn.replies if r.text.startswith("So:")]


def _asked_plainly(turn: Turn) -> bool:
    question = [r for r in turn.replies if r.kind == "question"][-1]
    values = [b.value.split("#")[0] for b in question.buttons]
    return question.text.startswith("So:") and values == ["yes", "no"]


@pytest.mark.parametrize("hedge", HEDGES)
def test_a_hedge_to_an_age_read_back_confirms_nothing(
    say: Say, service: ConversationService, hedge: str
) -> None:
    """Age 60 would rule the trial out (5 to 30): it is read back; a hedge keeps it waiting."""
    cid = f"hedged-confirm-{hedge}"
    say("/start", trials=[DRAGONFLY], conversation=cid)
    assert _read_back(say("60", conversation=cid))
    turn = say(hedge, conversation=cid)
    assert _asked_plainly(turn) and "plain yes or no" in turn.replies[0].text
    view = service.view(cid)
    assert view is not None and "age_years" not in view.facts
    say("yes", conversation=cid)
    view = service.view(cid)
    assert view is not None and view.facts["age_years"] == 60


def test_a_hedge_repeated_to_its_own_read_back_is_no_yes(
    say: Say, service: ConversationService
) -> None:
    """ "yes, I have it" to hepatitis C is read back; "I believe so" to the read-back is no yes
    (a hedged yes to the question itself is "not sure" at once: test_dialog_leftover_answers)."""
    cid = "hedged-confirm-again"
    turn = say("/start", trials=[DRAGONFLY], conversation=cid)
    for _ in range(30):
        if [r for r in turn.replies if r.kind == "question"][-1].asks == "hepatitis_c":
            break
        turn = say("not sure", conversation=cid)
    assert _read_back(say("yes, I have it", conversation=cid))
    for hedge in ("I believe so", "probably"):
        assert _asked_plainly(say(hedge, conversation=cid))
        view = service.view(cid)
        assert view is not None and "hepatitis_c" not in view.facts


def test_a_wrong_said_with_a_hedge_is_still_a_no(say: Say, service: ConversationService) -> None:
    cid = "hedged-confirm-wrong"
    say("/start", trials=[DRAGONFLY], conversation=cid)
    say("60", conversation=cid)
    turn = say("I think that's wrong", conversation=cid)
    assert not _read_back(turn)
    assert [r for r in turn.replies if r.kind == "question"][-1].asks == "age_years"
    view = service.view(cid)
    assert view is not None and "age_years" not in view.facts

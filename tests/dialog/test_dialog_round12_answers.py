"""Free-text answers that were stored as the wrong fact, or not at all (round 12 of the audit):

1. a correction after a read-back or an answer ("no, I said 3 lines not 2", "that's wrong ...
   I mean I had 2 operations") changes the fact it names, never answers the question pending
   with its "no" nor is dropped with it;
2. everyday words for daily life ("I can still work part time") give the ECOG level they leave,
   read back, and two levels left are offered as the two, never guessed;
3. "130 over 80 on my tablets" is both numbers, and the answer to "high blood pressure that stays
   high even with medicine?";
4. facts of a first message are said back and not asked again;
5. a relative ("my mother", "she") is spoken of in every question, never "you";
6. "no, but I am breastfeeding" to the pregnancy question is both facts.
"""

from __future__ import annotations

import pytest
from dialog_fakes import (
    APATINIB,
    APATINIB_CRITERIA,
    DRAGONFLY,
    SEED_CRITERIA,
    TODAY,
    FakeAnswerer,
    ListCatalog,
    MemoryStore,
    SeedRules,
    _criterion,
    _leaf,
)
from dialog_fakes import asks_of as _asks
from dialog_fakes import facts_in_view as _facts
from dialog_fakes import replies_text as _text

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService

LINES_LIMIT = _criterion(
    "exc-8",
    "exclusion",
    "More than 2 prior lines of systemic therapy.",
    _leaf("cmp", "prior_lines_of_therapy", cmp=">", value=2),
)
UNCONTROLLED_BP = _criterion(
    "exc-9",
    "exclusion",
    "Hypertension not controlled by medication.",
    _leaf("true", "high_blood_pressure"),
)
PLAIN = {  # button words, so nothing is read back on the way
    "age_years": "30", "sex": "female", "ecog_level": "0", "systolic_bp_mmhg": "120",
    "diastolic_bp_mmhg": "80", "prior_lines_of_therapy": "1", "pregnant": "no",
    "breastfeeding": "no", "disease_status": "stable",
}  # fmt: skip


@pytest.fixture
def service(seeds: list[Trial]) -> ConversationService:
    """The seeds; the apatinib trial also limits earlier lines and uncontrolled blood pressure."""
    criteria = {**SEED_CRITERIA, APATINIB: [*APATINIB_CRITERIA, LINES_LIMIT, UNCONTROLLED_BP]}
    return ConversationService(
        ListCatalog(seeds), MemoryStore(), FakeAnswerer(), today=lambda: TODAY,
        rules=SeedRules(criteria),
    )  # fmt: skip


def _say(service: ConversationService, text: str, trials: list[str] | None = None) -> Turn:
    return service.handle(Incoming(conversation_id="t", text=text, trials=trials))


def _walk_to(service: ConversationService, target: str, trial: str = APATINIB) -> Turn:
    """Answer plainly until `target` is asked."""
    turn = _say(service, "/start", trials=[trial])
    for _ in range(20):
        asks = _asks(turn)
        if asks == target:
            return turn
        assert asks is not None, f"{target} was never asked"
        turn = _say(service, PLAIN.get(asks, "no"))
    raise AssertionError(f"{target} was never asked")


def _reads_back(turn: Turn) -> bool:
    return "Is that right?" in _text(turn)


# 1. Corrections ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "correction",
    ["no, I said 2 lines not 3", "that's wrong, it was 2", "no, 2",
     "that's wrong, it was my left breast... I mean I had 2 operations",
     "not 3 but 2 lines", "you got it wrong, I had 2 lines"],
)  # fmt: skip
def test_a_correction_of_a_read_back_changes_the_fact(
    service: ConversationService, correction: str
) -> None:
    """Before: "that's wrong, it was 2" to "So: 3 lines. Is that right?" was only a "no" (the 2
    dropped, the question asked again). Now the 2 is the answer, said back, and the walk goes on."""
    _walk_to(service, "prior_lines_of_therapy")
    assert _reads_back(_say(service, "3 lines"))  # 3 excludes: read back
    turn = _say(service, correction)
    assert _facts(service)["prior_lines_of_therapy"] == 2
    assert "changed your answer" in _text(turn) and _asks(turn) != "prior_lines_of_therapy"


@pytest.mark.parametrize(
    "correction", ["no, I said 2 lines not 1", "sorry, it was 2 lines not 1", "2 lines, not 1"]
)
def test_a_correction_after_the_answer_is_no_answer_to_the_next_question(
    service: ConversationService, correction: str
) -> None:
    """Before: "no, I said 2 lines not 1" typed at the next yes/no question (high blood
    pressure) was taken as its "no", and the lines stayed 1. Now the lines change, the blood
    pressure question is asked again, unanswered."""
    _walk_to(service, "prior_lines_of_therapy")
    assert _asks(_say(service, "1")) == "high_blood_pressure"
    turn = _say(service, correction)
    facts = _facts(service)
    assert facts["prior_lines_of_therapy"] == 2 and "high_blood_pressure" not in facts
    assert "changed your answer" in _text(turn) and _asks(turn) == "high_blood_pressure"


def test_a_correction_that_would_exclude_is_read_back(service: ConversationService) -> None:
    _walk_to(service, "prior_lines_of_therapy")
    _say(service, "2")
    turn = _say(service, "no, I said 3 lines not 2")
    assert _reads_back(turn) and "3 lines" in _text(turn)
    assert _facts(service)["prior_lines_of_therapy"] == 2 and "high_blood_pressure" not in _facts(
        service
    )
    _say(service, "yes")
    assert _facts(service)["prior_lines_of_therapy"] == 3


def test_a_correction_after_the_summary_changes_the_fact(service: ConversationService) -> None:
    """Before: after the summary "no, I said 1 line not 2" only got "Type /restart"."""
    _walk_to(service, "prior_lines_of_therapy")
    _say(service, "2")
    turn = _say(service, "no")
    assert _asks(turn) is None
    turn = _say(service, "no, I said 1 line not 2")
    assert _facts(service)["prior_lines_of_therapy"] == 1 and "changed your answer" in _text(turn)


def test_a_plain_no_to_a_read_back_still_asks_again(service: ConversationService) -> None:
    _walk_to(service, "prior_lines_of_therapy")
    _say(service, "3 lines")
    for reply in ("no", "that's wrong"):
        turn = _say(service, reply)
        assert "fix it" in _text(turn) and _asks(turn) == "prior_lines_of_therapy"
        assert "prior_lines_of_therapy" not in _facts(service)
        _say(service, "3 lines")


def test_the_slip_rule_still_holds(service: ConversationService) -> None:
    """ "sorry I meant yes" still corrects the last yes/no answer, "sorry, no" still answers."""
    _walk_to(service, "breastfeeding", trial=DRAGONFLY)
    turn = _say(service, "sorry I meant yes")
    assert "pregnant now" in _text(turn) and "breastfeeding" not in _facts(service)
    _say(service, "no")  # the read-back of the pregnancy: no, let me fix it
    service.handle(Incoming(conversation_id="u", text="/start", trials=[DRAGONFLY]))
    for text in ("20", "female", "no"):
        service.handle(Incoming(conversation_id="u", text=text))
    service.handle(Incoming(conversation_id="u", text="sorry, no"))
    facts = _facts(service, "u")
    assert facts["breastfeeding"] is False and facts["pregnant"] is False


# 6. Pregnancy and breastfeeding in one answer ---------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    ["no, but I am breastfeeding", "not pregnant but I'm breastfeeding",
     "no but breastfeeding my baby", "No. But I'm still breastfeeding", "no, I'm breastfeeding"],
)  # fmt: skip
def test_no_but_breastfeeding_is_both_facts(service: ConversationService, answer: str) -> None:
    """Before: the pregnancy was kept as no and the breastfeeding question asked next, the
    breastfeeding said dropped. Now both are read back (a breastfeeding excludes) and kept."""
    _walk_to(service, "pregnant", trial=DRAGONFLY)
    turn = _say(service, answer)
    assert _reads_back(turn) and "breastfeeding: yes" in _text(turn)
    _say(service, "yes")
    facts = _facts(service)
    assert facts["pregnant"] is False and facts["breastfeeding"] is True


@pytest.mark.parametrize(
    "answer",
    ["no, and not breastfeeding either", "no, but I was breastfeeding until last year",
     "no, I'm nursing", "no, I'm not breastfeeding", "no, maybe breastfeeding"],
)  # fmt: skip
def test_breastfeeding_not_said_now_is_no_yes(service: ConversationService, answer: str) -> None:
    """A "not", another time, a doubt or "nursing" (a job too) is no breastfeeding yes."""
    _walk_to(service, "pregnant", trial=DRAGONFLY)
    _say(service, answer)
    assert _facts(service).get("breastfeeding") is not True

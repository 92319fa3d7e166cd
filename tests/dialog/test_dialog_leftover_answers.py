"""Answers that were still misread, each kind pinned with its example and written variants, over
criteria read by the real reader and the real engine (and the real catalogue over the full
records where the first message meets the illness question):

1. A hedged yes ("i think so", "probably yes") where a yes would exclude is "not sure" for the
   study team, never read back as a plain yes to confirm.
2. "She is 64" (no relative word) keeps the age: to the illness question of a catalogue search it
   is no illness "64", and the age is kept.
3. A bare number to a choice question whose options are shown by their words ("2" to the sex
   question) picks no option.
4. "yes, we'll be at every study visit" after the verdict changes that answer and the verdict
   ("every study visit" is no wish to check every study).
5. "not right now, but she is still on letrozole" to the current-treatment question is a yes
   (read back first), not the no its start sounds like.
6. Light work said to be lost ("I can't do the garden anymore") is understood: the levels left
   (2 to 4) are offered, never "did not understand".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dialog_fakes import answer_until, engine_over, step_text

from trialbot.dialog import intents
from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.state import DialogState
from trialbot.domain.facts import UNKNOWN
from trialbot.domain.turn import Incoming
from trialbot.evaluation.bench.catalogue import catalogue_service, read_trials
from trialbot.service import ConversationService

TRIAL = "NCT09999915"
AGE = ("inclusion", "Age 18 to 75 years.")
HEPATITIS = ("exclusion", "Active hepatitis C infection.")
PREGNANCY = ("exclusion", "Pregnant or breastfeeding women.")
VISITS = ("inclusion", "Willing and able to comply with all study visits.")
CURRENT = ("exclusion", "Currently receiving any other anticancer therapy.")
HORMONE = ("exclusion", "Currently receiving hormone therapy.")
ECOG = ("inclusion", "ECOG performance status 0-1.")


def _engine(*texts: tuple[str, str]) -> DialogEngine:
    engine: DialogEngine = engine_over(TRIAL, *texts)
    engine.meaning = None
    return engine


def _asked(engine: DialogEngine, fact: str) -> DialogState:
    state = DialogState()
    answer_until(engine, state, TRIAL, fact)
    return state


def _verdict(engine: DialogEngine, state: DialogState) -> str:
    return engine.walk(state).assessments()[TRIAL].verdict


def _buttons(result: Any) -> list[str]:
    return [b.value.split("#")[0] for r in result.replies for b in r.buttons]


# ---- 1. a hedged yes that would exclude is "not sure" ---------------------------------------

HEDGED_YES = [
    "i think so",
    "probably yes",
    "I believe so",
    "maybe yes",
    "well, I guess so",
    "yes I think so",
]


@pytest.mark.parametrize("answer", HEDGED_YES)
def test_a_hedged_yes_that_would_exclude_is_not_sure(answer: str) -> None:
    """ "i think so" to "Do you have hepatitis C now?" was read back as a plain yes ("So: ...
    yes. Is that right?") and one tap excluded. Now it is "not sure", said so, for the team."""
    engine = _engine(HEPATITIS)
    state = _asked(engine, "hepatitis_c")
    result = engine.step(state, answer)
    assert state.facts.get("hepatitis_c") == UNKNOWN
    assert not state.confirming
    text = step_text(result)
    assert "not sure" in text and "So:" not in text
    assert _verdict(engine, state) != "ineligible"


@pytest.mark.parametrize("answer", ["yes", "yes she has it"])
def test_a_plain_yes_still_counts(answer: str) -> None:
    """No hedge, no change: a plain yes is taken (read back when typed with more words)."""
    engine = _engine(HEPATITIS)
    state = _asked(engine, "hepatitis_c")
    engine.step(state, answer)
    if state.confirming:
        engine.step(state, "yes")
    assert state.facts.get("hepatitis_c") is True


@pytest.mark.parametrize("answer", ["probably not", "I doubt it"])
def test_a_hedged_no_is_still_read_back(answer: str) -> None:
    """A hedged no excludes no one: it is read back as before."""
    engine = _engine(HEPATITIS)
    state = _asked(engine, "hepatitis_c")
    engine.step(state, answer)
    assert state.confirming == {"hepatitis_c": False}


# ---- 2. "She is 64" keeps the age ------------------------------------------------------------

SHE_IS = ["She is 64", "she is 64", "He is 64", "She's 64 years old", "she's 64"]


@pytest.mark.parametrize("first", SHE_IS)
def test_an_age_said_of_someone_as_the_first_message_is_kept(first: str) -> None:
    """The first message, without /start and without a relative word: the age is kept (read
    back first where it excludes), never dropped."""
    engine = _engine(AGE, PREGNANCY)
    state = DialogState()
    engine.step(state, first, trials=[TRIAL])
    if state.confirming:
        engine.step(state, "yes")
    assert state.facts.get("age_years") == 64


@pytest.fixture(scope="module")
def full_service(full_corpus_dir: Path, seeds_dir: Path) -> ConversationService:
    """A catalogue conversation service over the full records and the seeds."""
    return catalogue_service(read_trials([full_corpus_dir, seeds_dir]))


@pytest.mark.parametrize("said", ["She is 64", "he is 64", "she's 64 years old"])
@pytest.mark.parametrize("start", [True, False])
def test_an_age_to_the_illness_question_is_kept_and_is_no_illness(
    full_service: ConversationService, said: str, start: bool
) -> None:
    """To "Which illness ...?" the age was taken as an illness "64" ("I could not find a
    registered trial for "64"") and the search ended. Now the age is kept and the illness is
    asked again."""
    cid = f"age-first-{said}-{start}"
    if start:
        full_service.handle(Incoming(conversation_id=cid, text="/start"))
    turn = full_service.handle(Incoming(conversation_id=cid, text=said))
    text = "\n".join(r.text for r in turn.replies)
    view = full_service.view(cid)
    assert view is not None and view.facts.get("age_years") == 64
    assert "could not find" not in text and '"64"' not in text
    assert not str(view.facts.get("condition", "")).startswith("text:")


# ---- 3. a bare number picks no option shown by its words --------------------------------------


@pytest.mark.parametrize("typed", ["2", "1", "2.", "(1)"])
def test_a_bare_number_to_the_sex_question_picks_nothing(typed: str) -> None:
    """ "2" to "What sex ...? • Female • Male" was read back as "Male": the options are not
    numbered, so the number names none of them; the question is asked again."""
    engine = _engine(AGE, PREGNANCY)
    state = _asked(engine, "sex")
    result = engine.step(state, typed)
    assert "sex" not in state.facts and not state.confirming
    assert state.pending == "sex"
    assert "Male" in step_text(result) and "So:" not in step_text(result)


# ---- 4. an answer changed after the verdict ----------------------------------------------------

VISITS_YES = [
    "yes, we'll be at every study visit",
    "yes we can make every study visit",
    "actually yes, she will come to all the study appointments",
]


@pytest.mark.parametrize("answer", VISITS_YES)
def test_a_yes_after_the_verdict_changes_the_answer_and_the_verdict(answer: str) -> None:
    """After "no" to the visits question and the "not eligible" summary, the yes was taken as
    "check all the studies" (a switch offer). Now the answer and the verdict change."""
    engine = _engine(AGE, VISITS)
    state = _asked(engine, "able_to_follow_visits")
    engine.step(state, "no")
    assert _verdict(engine, state) == "ineligible"
    engine.step(state, answer)
    if state.confirming:
        engine.step(state, "yes")
    assert state.facts.get("able_to_follow_visits") is True
    assert _verdict(engine, state) != "ineligible"


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("every study visit", False),
        ("all the trial appointments", False),
        ("any of the study doctors", False),
        ("check every study", True),
        ("all trials please", True),
        ("any of the studies", True),
    ],
)
def test_a_thing_of_the_study_is_no_wish_for_every_study(text: str, wanted: bool) -> None:
    assert intents.wants_all(text) is wanted


# ---- 5. "not now, but still on letrozole" ------------------------------------------------------

STILL_ON = [
    "not right now, but she is still on letrozole",
    "no, but he's still taking tamoxifen",
    "not at the moment, though she is still on anastrozole",
    "nothing right now but I'm still on letrozole",
]


@pytest.mark.parametrize("criterion", [CURRENT, HORMONE])
@pytest.mark.parametrize("answer", STILL_ON)
def test_still_on_a_drug_after_not_now_is_a_yes(criterion: tuple[str, str], answer: str) -> None:
    """The drug taken now is a current treatment: read back as a yes (never a plain no), and
    the confirmed yes counts (it settles "any other anticancer therapy"; hormone therapy alone
    is left to the study team, never a no)."""
    engine = _engine(AGE, criterion)
    state = _asked(engine, "current_anticancer_therapy")
    engine.step(state, answer)
    assert state.confirming is not None
    assert state.confirming.get("current_anticancer_therapy") is True
    engine.step(state, "yes")
    assert state.facts.get("current_anticancer_therapy") is True
    assert _verdict(engine, state) == ("ineligible" if criterion == CURRENT else "undetermined")


@pytest.mark.parametrize("answer", ["not right now", "no, not at the moment", "none right now"])
def test_not_now_alone_is_still_a_no(answer: str) -> None:
    engine = _engine(AGE, CURRENT)
    state = _asked(engine, "current_anticancer_therapy")
    engine.step(state, answer)
    assert state.facts.get("current_anticancer_therapy") is False


# ---- 6. light work said to be lost -------------------------------------------------------------

LOST_LIGHT_WORK = [
    "I can't do the garden anymore",
    "she's retired and can't do the housework anymore, she lies down most of the day",
    "he can't manage the housework any more",
    "I'm not able to do the housework now",
    "she gave up the gardening, too tired",
]


@pytest.mark.parametrize("answer", LOST_LIGHT_WORK)
def test_lost_light_work_offers_the_levels_left(answer: str) -> None:
    """ "Sorry, I did not understand" before. Light work said to be lost is not level 0 or 1:
    levels 2, 3 and 4 are offered (nothing is stored, nothing excludes before a tap)."""
    engine = _engine(ECOG)
    state = _asked(engine, "ecog_level")
    result = engine.step(state, answer)
    text = step_text(result)
    assert "did not understand" not in text
    buttons = _buttons(result)
    assert {"2", "3"} <= set(buttons) and not {"0", "1"} & set(buttons)
    assert "ecog_level" not in state.facts
    assert _verdict(engine, state) != "ineligible"


@pytest.mark.parametrize(
    "answer",
    [
        "I can't do heavy work but I do the housework",
        "she does the garden and the shopping",
    ],
)
def test_light_work_done_is_not_taken_as_lost(answer: str) -> None:
    """Light work that is done keeps levels 2-4 out, as before."""
    engine = _engine(ECOG)
    state = _asked(engine, "ecog_level")
    result = engine.step(state, answer)
    assert not {"2", "3", "4"} & set(_buttons(result))

"""Answers a coordinator would not accept, each kind pinned with its example and written
variants, through the real engine and the real answer readers (criteria read by the real reader):

5. A first message in a one-trial chat that asks to join and states facts ("check if I can join,
   50, male, kidney cancer", "49M", "I was just diagnosed with colon cancer stage 3 MSI-high, can I
   do this study?") starts the screening with those facts taken in (not asked again).
2. A daily-life answer saying an activity is lost ("he can no longer do the shopping", "no longer
   able to work") never gives a better level than said, whatever the meaning matcher reads.
3. A sentence with a "not" that does not answer ("I'm not sure what you mean by that, she's at
   work", "she's not here right now") is no "no" and no "not sure": the question is asked again.
4. "No, he had radiation pneumonitis once" to another question is no silent yes of the lung facts:
   they are read back first; to a lung question that names pneumonitis it is that question's own
   answer, not a second lung fact on the side.
1. A pronoun ("she is 64") is no sex at birth, in the catalogue search as in the walk; a relation
   word ("my dad") still is, as documented.
6. A treatment said to go on ("he's been on keytruda and chemo since march") has its last dose
   now, never at its start; a start date alone ("started chemo in march") is no last date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dialog_fakes import TODAY, answer_until, engine_over, step_text

from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.intents import wants_to_join
from trialbot.dialog.meaning import Match
from trialbot.dialog.state import DialogState
from trialbot.domain.facts import UNKNOWN
from trialbot.domain.turn import Incoming
from trialbot.service import ConversationService

TRIAL = "NCT09999917"
AGE = ("inclusion", "Age 18 years or older.")
MALE_ONLY = ("inclusion", "Male patients only.")
HER2 = ("inclusion", "HER2-negative breast cancer.")
ECOG = ("inclusion", "ECOG performance status 0-1.")
HEP_B = ("exclusion", "Active hepatitis B infection.")
LUNG = (
    ("exclusion", "Chronic obstructive pulmonary disease (COPD) requiring oxygen therapy."),
    ("exclusion", "History of interstitial lung disease or non-infectious pneumonitis."),
)
RECENT = ("exclusion", "Anticancer therapy within 4 weeks before the first dose of study drug.")
PREGNANT = ("exclusion", "Pregnant or breastfeeding women.")


class AlwaysLevel:
    """A meaning matcher that reads every answer as one daily-life level, strongly."""

    def __init__(self, level: str) -> None:
        self.level = level

    def choice(self, fact_id: str, labels: dict[str, str], text: str) -> Match:
        return Match(self.level, 0.9, "strong")

    def intent(self, name: str, text: str) -> None:
        return None


def _engine(*texts: tuple[str, str], meaning: Any = None) -> DialogEngine:
    engine: DialogEngine = engine_over(TRIAL, *texts)
    engine.meaning = meaning
    return engine


def _asked(engine: DialogEngine, fact: str) -> DialogState:
    state = DialogState()
    answer_until(engine, state, TRIAL, fact)
    return state


def _buttons(result: Any) -> list[str]:
    return [b.value.split("#")[0] for r in result.replies for b in r.buttons]


def _first(engine: DialogEngine, message: str) -> tuple[DialogState, Any]:
    """The first message of a web chat opened on the one trial (no /start)."""
    state = DialogState()
    return state, engine.step(state, message, trials=[TRIAL])


# ---- 5. a first message that asks to join and states facts -----------------------------------

PROFILE_LISTS = [
    ("check if I can join, 50, male, kidney cancer", 50, "male"),  # audit15
    ("49M", 49, "male"),  # audit15
    ("62 F, breast cancer, can I join?", 62, "female"),
    ("can I join? 71/m, prostate cancer", 71, "male"),
    ("my dad, 70, lung cancer, could he go on this trial?", 70, "male"),
]


@pytest.mark.parametrize(("message", "age", "sex"), PROFILE_LISTS)
def test_a_short_profile_in_the_first_message_is_taken(message: str, age: int, sex: str) -> None:
    """ "50, male" and "49M" were left unread and the age asked at once; now the age and the
    explicit sex are kept, said back, and neither is asked."""
    engine = _engine(AGE, MALE_ONLY, ECOG)
    state, result = _first(engine, message)
    said = {**state.facts, **(state.confirming or {})}  # a sex that excludes is read back
    assert said.get("age_years") == age
    assert said.get("sex") == sex
    assert state.pending not in ("age_years", "sex")
    assert any(r.kind == "question" for r in result.replies)


@pytest.mark.parametrize(
    "message",
    [
        "I had chemo 3m ago, can I join?",
        "stage 3, can I join this trial?",
        "ecog 1, m, can I join?",
    ],
)
def test_numbers_that_are_no_age_stay_unread(message: str) -> None:
    """A number inside a part ("3m ago", "stage 3", "ecog 1") is no age, and a lone "m" without
    an age is no sex."""
    engine = _engine(AGE, MALE_ONLY, ECOG)
    state, _ = _first(engine, message)
    assert "age_years" not in state.facts
    assert "sex" not in state.facts


DIAGNOSED = [
    "I was just diagnosed with colon cancer stage 3 MSI-high, can I do this study?",  # audit15
    "I have stage 3 colon cancer, could I do this trial?",
    "my husband was diagnosed with rectal cancer, can he do this study?",
]


@pytest.mark.parametrize("message", DIAGNOSED)
def test_asking_to_do_this_study_starts_the_screening(message: str) -> None:
    """ "can I do this study?" went to the question answerer ("The trial information does not
    say") and no screening started; now it is a request to be checked: the diagnosis is said back
    and the first question is asked."""
    engine = _engine(AGE, ECOG)
    state, result = _first(engine, message)
    text = step_text(result)
    assert state.pending == "age_years"
    assert "cancer" in text.split("How old")[0]  # "You said: colon cancer." before the question
    assert "does not say" not in text


def test_a_marker_said_in_the_first_message_is_not_asked_again() -> None:
    """ "HER2-negative breast cancer, 55, can I join?": HER2 and the age are kept."""
    engine = _engine(AGE, HER2, ECOG)
    state, _ = _first(engine, "HER2-negative breast cancer, 55, can I join?")
    assert state.facts.get("her2_status") == "negative"
    assert state.facts.get("age_years") == 55
    assert state.pending not in ("her2_status", "age_years")


@pytest.mark.parametrize(
    ("message", "joins"),
    [("can I do this study?", True), ("could she go on this trial", True),
     ("can I start the treatment at home?", False), ("what happens if I do this study?", False)],
)  # fmt: skip
def test_doing_the_study_is_a_wish_to_join(message: str, joins: bool) -> None:
    assert wants_to_join(message) is joins


# ---- 2. an activity said to be lost never gives a better level -------------------------------

LOST = [
    "he can no longer do the shopping",  # audit example
    "she can't walk to the shops anymore",
    "no longer able to work",
    "he doesn't do the gardening any more",
    "she is not able to do housework now",
]


@pytest.mark.parametrize("answer", LOST)
@pytest.mark.parametrize("level", ["0", "1", None])
def test_a_lost_activity_is_never_read_as_able(answer: str, level: str | None) -> None:
    """Levels 0 and 1 ("can walk and do light work") are ruled out by the words; the levels left
    are offered, never a better one read back or kept."""
    engine = _engine(ECOG, meaning=AlwaysLevel(level) if level else None)
    state = _asked(engine, "ecog_level")
    result = engine.step(state, answer)
    assert state.facts.get("ecog_level") not in ("0", "1")
    assert (state.confirming or {}).get("ecog_level") not in ("0", "1")
    assert not {"0", "1"} & set(_buttons(result))


@pytest.mark.parametrize(
    ("answer", "levels"),
    [("she does her own shopping", ["0", "1", "unknown"]),
     ("i drive and do the shopping", ["0", "1", "unknown"])],
)  # fmt: skip
def test_an_activity_done_still_offers_the_able_levels(answer: str, levels: list[str]) -> None:
    engine = _engine(ECOG)
    state = _asked(engine, "ecog_level")
    assert _buttons(engine.step(state, answer)) == levels


# ---- 3. a "not" that answers nothing ---------------------------------------------------------

NOT_ANSWERS = [
    "I'm not sure what you mean by that, she's at work",  # audit example
    "I don't understand, she is not here right now",
    "she's not here right now",
    "she is not home, I'll ask her later",
]


@pytest.mark.parametrize("answer", NOT_ANSWERS)
def test_a_sentence_with_not_is_no_answer(answer: str) -> None:
    """Was "not sure" or a plain no ("she is not here" -> hepatitis B: no, eligible); now nothing
    is kept and the question is asked again."""
    engine = _engine(HEP_B)
    state = _asked(engine, "hepatitis_b")
    result = engine.step(state, answer)
    assert "hepatitis_b" not in state.facts and not state.confirming
    assert state.pending == "hepatitis_b"
    assert any(r.kind == "question" and r.asks == "hepatitis_b" for r in result.replies)


@pytest.mark.parametrize("answer", ["not that I know of but ask the doctor", "not that I know of"])
def test_a_hedged_no_is_read_back_or_not_sure(answer: str) -> None:
    """A hedged no is never kept as a plain no at once: read back, or "not sure"."""
    engine = _engine(HEP_B)
    state = _asked(engine, "hepatitis_b")
    engine.step(state, answer)
    assert state.facts.get("hepatitis_b") in (None, UNKNOWN)
    if "hepatitis_b" not in state.facts:
        assert state.confirming == {"hepatitis_b": False}


def test_a_plain_no_beside_a_remark_still_counts() -> None:
    engine = _engine(HEP_B)
    state = _asked(engine, "hepatitis_b")
    engine.step(state, "no, she's at work")
    assert state.facts.get("hepatitis_b") is False


# ---- 4. "no, but <another illness>" --------------------------------------------------------

NO_BUT_OTHER = [
    ("No, he had radiation pneumonitis once", "interstitial_lung_disease"),  # audit example
    ("no, but he has lung fibrosis", "interstitial_lung_disease"),
    ("no, and she is on dialysis", "kidney_disease"),
]


@pytest.mark.parametrize(("answer", "fact"), NO_BUT_OTHER)
def test_another_illness_beside_a_no_is_read_back(answer: str, fact: str) -> None:
    """The lung facts were kept as yes on the side, unsaid; now they are read back first and
    count only after a yes."""
    engine = _engine(HEP_B)
    state = _asked(engine, "hepatitis_b")
    engine.step(state, answer)
    assert fact not in state.facts
    assert (state.confirming or {}).get(fact) is True
    engine.step(state, "yes")
    assert state.facts.get(fact) is True


def test_pneumonitis_to_a_lung_question_is_its_own_answer() -> None:
    """To the serious-lung-problem question (which names pneumonitis) it is that question's
    answer, for the study team; lung scarring is not kept on the side and is asked itself."""
    engine = _engine(*LUNG)
    state = _asked(engine, "lung_disease")
    engine.step(state, "No, he had radiation pneumonitis once")
    assert state.facts.get("lung_disease") == UNKNOWN
    assert "interstitial_lung_disease" not in state.facts
    assert state.pending == "interstitial_lung_disease"


# ---- 1. a pronoun is no sex at birth ---------------------------------------------------------


@pytest.mark.parametrize("message", ["she is 64, can I join?", "he is 70 and wants to join"])
def test_a_pronoun_gives_no_sex_in_the_walk(message: str) -> None:
    engine = _engine(AGE, MALE_ONLY)
    state, _ = _first(engine, message)
    assert "sex" not in state.facts and state.pending == "sex"


@pytest.fixture(scope="module")
def catalogue(full_corpus_dir: Path, seeds_dir: Path) -> ConversationService:
    from trialbot.evaluation.bench.catalogue import catalogue_service, read_trials

    return catalogue_service(read_trials([full_corpus_dir, seeds_dir]))


@pytest.mark.parametrize(
    ("message", "sex"),
    [("she is 64 and has lung cancer", None),  # audit example
     ("lung cancer, he is 70, his scans were bad", None),
     ("my dad is 70 and has lung cancer", "male"),  # a relation word, as documented
     ("my mum has lung cancer, she is 64", "female")],
)  # fmt: skip
def test_the_catalogue_takes_sex_from_relations_not_pronouns(
    catalogue: ConversationService, message: str, sex: str | None
) -> None:
    cid = f"sex-{message}"
    catalogue.handle(Incoming(conversation_id=cid, text=message))
    view = catalogue.view(cid)
    assert view is not None
    assert view.facts.get("sex") == sex
    assert view.facts.get("age_years") in (64, 70)


# ---- 6. a treatment still going on ---------------------------------------------------------

ONGOING = [
    "he's been on keytruda and chemo since march",  # audit example
    "she has been having chemo since June",
    "on folfox since march, still going",
    "still on chemo every 3 weeks",
]


@pytest.mark.parametrize("answer", ONGOING)
def test_a_treatment_going_on_is_dated_now(answer: str) -> None:
    """Was the last dose in March (4-week window passed: eligible); now the last dose is today,
    read back with the words said."""
    engine = _engine(RECENT)
    state = _asked(engine, "last_anticancer_therapy")
    result = engine.step(state, answer)
    held = state.confirming or {}
    assert held.get("last_anticancer_therapy") == TODAY.isoformat(), step_text(result)
    engine.step(state, "yes")
    assert engine.walk(state).assessments()[TRIAL].verdict == "ineligible"


@pytest.mark.parametrize("answer", ["he started chemo in march", "she began immunotherapy in May"])
def test_a_start_date_is_no_last_date(answer: str) -> None:
    engine = _engine(RECENT)
    state = _asked(engine, "last_anticancer_therapy")
    result = engine.step(state, answer)
    assert "last_anticancer_therapy" not in state.facts and not state.confirming
    assert "started" in step_text(result)


@pytest.mark.parametrize(
    ("answer", "date"),
    [("no chemo since march", "2026-03-15"), ("still on keytruda, last infusion 2 weeks ago",
                                                "2026-11-07")],
)  # fmt: skip
def test_a_last_time_said_is_still_read(answer: str, date: str) -> None:
    engine = _engine(RECENT)
    state = _asked(engine, "last_anticancer_therapy")
    engine.step(state, answer)
    value = state.facts.get("last_anticancer_therapy") or (state.confirming or {}).get(
        "last_anticancer_therapy"
    )
    assert value == date


def test_a_treatment_going_on_said_on_the_side_is_not_dated_at_its_start() -> None:
    engine = _engine(HEP_B, RECENT)
    state = _asked(engine, "hepatitis_b")
    engine.step(state, "no, he's been on keytruda and chemo since march")
    said = {**state.facts, **(state.confirming or {})}
    assert said.get("last_anticancer_therapy") in (None, TODAY.isoformat())

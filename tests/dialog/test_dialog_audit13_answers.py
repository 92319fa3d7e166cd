"""Yes/no answers a patient audit of unseen trials found misread (audit13, dialog kind 1), each
pinned with its example and written variants, over criteria read by the real reader:

1. A hedged, partial or mixed answer ("i think so but we live 3 hrs away so maybe not every
   visit", "probably not every single one ... but we'd try", "it depends") is neither a yes nor a
   no: it is noted as not sure for the study team, and never ends in "not eligible".
2. A "no" said of something else ("no treatmnt yet", "no pain") to an unrelated question is no
   answer to it, and "none" answers no question of ability or willingness: nothing is stored and
   the question is asked again, saying why.
A plain "no" (or "no, we live too far") still answers the question.
"""

from __future__ import annotations

import datetime as dt

import pytest
from dialog_fakes import (
    answer_until,
    engine_over,
    step_text,
)

from trialbot.dialog.answers import read_answer
from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.state import DialogState
from trialbot.domain.facts import UNKNOWN
from trialbot.eligibility import fact_specs

TRIAL = "NCT09999913"
VISITS = ("exclusion", "Unwilling or unable to comply with the study visits and procedures.")
CONTRACEPTION = (
    "inclusion",
    "Men and women of childbearing potential must agree to use adequate contraception during "
    "the study.",
)


def _engine(*texts: tuple[str, str]) -> DialogEngine:
    return engine_over(TRIAL, *texts)  # type: ignore[no-any-return]


def _until(engine: DialogEngine, state: DialogState, fact: str) -> None:
    answer_until(engine, state, TRIAL, fact)


def _verdict(engine: DialogEngine, state: DialogState) -> str:
    return engine.walk(state).assessments()[TRIAL].verdict


_text = step_text


def _read(fact: str, text: str):  # type: ignore[no-untyped-def]
    specs = fact_specs()
    return read_answer(specs[fact], text, dt.date(2026, 12, 3), specs)


# ---- 1. hedged, partial and mixed answers -------------------------------------------------

HEDGED_VISITS = [
    "i think so but we live 3 hrs away so maybe not every visit",  # the audit's p10
    "probably not every single one … but we'd try",  # the audit's p9
    "probably not every single one but we'd try",
    "yes but not every week, we live far",
    "I guess so, though it's a long drive so maybe not",
    "it depends on whether my son can drive us",
    "depends on the weather in winter",
    "not every visit",
    "most of them, if we can get a ride",
    "we'll try our best",
    "maybe not all of them",
    "not always, my back is bad",
    "i think so, but perhaps not the ones in january",
    "we would try, it's 3 hours each way",
]


@pytest.mark.parametrize("answer", HEDGED_VISITS)
def test_a_hedged_or_partial_answer_is_not_sure(answer: str) -> None:
    reading = _read("able_to_follow_visits", answer)
    assert reading.facts == {"able_to_follow_visits": UNKNOWN}
    assert reading.note == "partial_left_to_team"


@pytest.mark.parametrize(
    "answer", ["i think so but we live 3 hrs away so maybe not every visit", *HEDGED_VISITS[2:6]]
)
def test_a_hedged_visits_answer_never_ends_not_eligible(answer: str) -> None:
    """The audit's p10: the hedge was read back as "no", a tap on "Yes, that's right" and the
    patient was told "not eligible". Now it is noted as not sure and nothing is read back."""
    engine = _engine(VISITS)
    state = DialogState()
    _until(engine, state, "able_to_follow_visits")
    result = engine.step(state, answer)
    assert state.facts.get("able_to_follow_visits") == UNKNOWN
    assert not state.confirming
    assert "not sure" in _text(result)
    assert not any(r.text.startswith("So:") for r in result.replies)
    engine.step(state, "yes")  # a tap on a stale "Yes, that's right" changes nothing
    assert _verdict(engine, state) != "ineligible"


@pytest.mark.parametrize(
    ("fact", "answer"),
    [
        ("agrees_to_contraception", "i think so, but maybe not for the whole 9 months"),
        ("agrees_to_contraception", "depends what kind"),
        ("hepatitis_c", "i think so but the last test was not clear"),
        ("swallow_tablets", "not always, big ones get stuck"),
    ],
)
def test_partial_answers_to_other_questions_are_not_sure(fact: str, answer: str) -> None:
    assert _read(fact, answer).facts == {fact: UNKNOWN}


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("no", False),
        ("no we live too far", False),
        ("no way, too far", False),
        ("yes", True),
        ("yes, all of them", True),
    ],
)
def test_plain_answers_still_count(answer: str, value: bool) -> None:
    assert _read("able_to_follow_visits", answer).facts == {"able_to_follow_visits": value}


def test_a_plain_no_to_the_visits_question_still_excludes() -> None:
    engine = _engine(VISITS)
    state = DialogState()
    _until(engine, state, "able_to_follow_visits")
    engine.step(state, "no")
    assert state.facts.get("able_to_follow_visits") is False
    assert _verdict(engine, state) == "ineligible"


# ---- 2. a "no" said of something else ------------------------------------------------------

NEGATES_OTHER = [
    ("agrees_to_contraception", "no treatmnt yet"),  # the audit's p8
    ("agrees_to_contraception", "no treatment yet"),
    ("agrees_to_contraception", "no chemo yet"),
    ("agrees_to_contraception", "no pain"),
    ("agrees_to_contraception", "no need, we're past that"),
    ("agrees_to_contraception", "none"),
    ("able_to_follow_visits", "none"),  # the audit's p9
    ("able_to_follow_visits", "nothing"),
    ("able_to_follow_visits", "no pain"),
    ("able_to_follow_visits", "no problem"),
    ("hepatitis_c", "no treatment yet"),
    ("hepatitis_c", "no pain"),
]


@pytest.mark.parametrize(("fact", "answer"), NEGATES_OTHER)
def test_a_no_about_something_else_is_no_answer(fact: str, answer: str) -> None:
    reading = _read(fact, answer)
    assert not reading.facts
    assert reading.problem == "negates_other"


@pytest.mark.parametrize(
    ("fact", "answer"),
    [
        ("hepatitis_c", "no hep c"),
        ("hepatitis_c", "none"),
        ("heart_disease", "no heart problems"),
        ("agrees_to_contraception", "no, we don't want to"),
        ("agrees_to_contraception", "no"),
        ("pregnant", "no, not pregnant"),
    ],
)
def test_a_no_about_the_asked_thing_is_a_no(fact: str, answer: str) -> None:
    assert _read(fact, answer).facts == {fact: False}


@pytest.mark.parametrize(
    "answer", ["no treatmnt yet", "no chemo yet", "none", "no pain", "no problem"]
)
def test_a_no_about_something_else_is_asked_again_clearly(answer: str) -> None:
    """The audit's p8: "no treatmnt yet" to the birth control question was stored as "won't
    use birth control"; p9: "none" became "can't follow the visits"."""
    engine = _engine(VISITS, CONTRACEPTION)
    state = DialogState()
    _until(engine, state, "agrees_to_contraception")
    result = engine.step(state, answer)
    assert "agrees_to_contraception" not in state.facts
    assert state.pending == "agrees_to_contraception"
    assert "something else" in _text(result)
    assert _verdict(engine, state) != "ineligible"


# ---- 3. a hedged no to a question of ability or willingness ------------------------------


@pytest.mark.parametrize(
    ("fact", "answer"),
    [
        ("able_to_follow_visits", "probably not"),
        ("able_to_follow_visits", "i don't think so"),
        ("able_to_follow_visits", "I doubt it"),
        ("able_to_follow_visits", "maybe we can't"),
        ("agrees_to_contraception", "probably not"),
    ],
)
def test_a_hedged_no_to_an_ability_question_is_not_sure(fact: str, answer: str) -> None:
    """Whether someone can come to the visits is the study team's call: a hedged no is no
    certain no (a hedged no to an illness question is still read back, see the hedged tests)."""
    reading = _read(fact, answer)
    assert reading.facts == {fact: UNKNOWN}
    assert reading.note == "partial_left_to_team"


def test_a_hedged_no_to_an_illness_question_is_still_read_back() -> None:
    reading = _read("hepatitis_c", "probably not")
    assert reading.facts == {"hepatitis_c": False}
    assert reading.doubtful


# ---- 4. kind 7: whom the questions are about -----------------------------------------------

AGE = ("inclusion", "Age 18 years or older.")


def _question(result: object) -> str:
    questions = [r.text for r in result.replies if r.kind == "question"]  # type: ignore[attr-defined]
    return questions[-1] if questions else ""


@pytest.mark.parametrize(
    "aside",
    [
        "no, my wife had a hysterectomy so we dont need it",  # the audit's p9
        "no need, my wife had her tubes tied years ago",
    ],
)
def test_a_relative_named_mid_dialog_does_not_become_the_patient(aside: str) -> None:
    engine = _engine(AGE, CONTRACEPTION, VISITS)
    state = DialogState()
    engine.step(state, "/start", trials=[TRIAL])
    engine.step(state, "I'm 68")
    assert state.relation is None
    for _ in range(5):
        if state.pending == "agrees_to_contraception":
            break
        engine.step(state, "not sure")
    engine.step(state, aside)
    assert state.relation is None
    assert state.facts.get("sex") != "female"
    assert "wife" not in _question(engine.step(state, "not sure"))


@pytest.mark.parametrize(
    "message",
    [
        "I am the patient not my husband",  # the audit's p9 (wife), said of a husband
        "im the patient",
        "sorry, it's for me, not my husband",
        "the questions are about me",
    ],
)
def test_i_am_the_patient_undoes_a_relation(message: str) -> None:
    engine = _engine(AGE, CONTRACEPTION, VISITS)
    state = DialogState()
    engine.step(state, "/start", trials=[TRIAL])
    engine.step(state, "my husband is 68")
    assert state.relation == "husband"
    result = engine.step(state, message)
    assert state.relation is None
    assert "husband" not in _question(result)
    assert state.facts.get("sex") != "male"  # it came from "husband" only: asked again


@pytest.mark.parametrize(
    ("first", "answer", "age"),
    [
        ("what does this study test? i have breast cancer", "fifty-three", 53),  # the audit's p2
        ("what does this study test?", "70", 70),  # the audit's p7
        ("is there a placebo?", "45 years old", 45),
    ],
)
def test_the_answer_after_a_first_question_is_not_lost(first: str, answer: str, age: int) -> None:
    engine = _engine(AGE, VISITS)
    state = DialogState()
    engine.step(state, first, trials=[TRIAL])
    result = engine.step(state, answer)
    assert state.facts.get("age_years") == age
    assert state.pending != "age_years"
    assert "How old" not in _text(result)


def test_a_yes_after_a_first_question_answers_nothing() -> None:
    """ "yes" after the answer to a question is said to that answer, not to the first question."""
    engine = _engine(VISITS, AGE)
    state = DialogState()
    engine.step(state, "what does this study test?", trials=[TRIAL])
    engine.step(state, "yes")
    assert "able_to_follow_visits" not in state.facts


def _finished_with_visits_not_sure(engine: DialogEngine) -> DialogState:
    state = DialogState()
    engine.step(state, "/start", trials=[TRIAL])
    for answer in ("68", "male", "not sure", "yes"):
        engine.step(state, answer)
    assert state.finished and state.facts["able_to_follow_visits"] == UNKNOWN
    return state


@pytest.mark.parametrize(
    "message",
    ["yes we can come to all the visits", "yes, we can make all the visits after all"],
)
def test_a_fact_given_after_the_verdict_is_taken_and_checked_again(message: str) -> None:
    engine = _engine(AGE, VISITS, CONTRACEPTION)
    state = _finished_with_visits_not_sure(engine)
    result = engine.step(state, message)
    assert state.facts["able_to_follow_visits"] is True
    assert any(r.kind == "summary" for r in result.replies)


def test_an_excluding_fact_after_the_verdict_is_read_back_first() -> None:
    engine = _engine(AGE, VISITS, CONTRACEPTION)
    state = _finished_with_visits_not_sure(engine)
    result = engine.step(state, "no, we can't come to the visits after all")
    assert state.facts["able_to_follow_visits"] == UNKNOWN
    assert any(r.text.startswith("So:") for r in result.replies)
    assert _verdict(engine, state) != "ineligible"


@pytest.mark.parametrize("message", ["yes", "thanks", "ok great"])
def test_a_bare_word_after_the_verdict_changes_nothing(message: str) -> None:
    engine = _engine(AGE, VISITS, CONTRACEPTION)
    state = _finished_with_visits_not_sure(engine)
    before = dict(state.facts)
    engine.step(state, message)
    assert state.facts == before

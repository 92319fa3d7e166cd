"""Answers and volunteered words become only the facts they say: a relative's sex is not the
patient's, a cured illness is not a current one, a doubtful yes/no and a typed daily-life answer
are read back, self-care words never become a bed-bound level."""

from __future__ import annotations

import datetime as dt

import pytest
from dialog_fakes import APATINIB, DRAGONFLY, TODAY, FakeAnswerer, ListCatalog, SeedRules

from trialbot.dialog.answers import read_answer
from trialbot.dialog.engine import DialogEngine, StepResult
from trialbot.dialog.meaning import Match
from trialbot.dialog.state import DialogState
from trialbot.dialog.volunteered import read_volunteered
from trialbot.domain.facts import UNKNOWN
from trialbot.domain.trial import Trial
from trialbot.eligibility import fact_specs

SPECS = fact_specs()


class FixedMeaning:
    """A meaning matcher that always finds the same choice (as a sentence model might)."""

    def __init__(self, label: str, strength: str = "weak") -> None:
        self.found = Match(label, 0.55, strength)  # type: ignore[arg-type]

    def choice(self, fact_id: str, labels: dict[str, str], text: str) -> Match | None:
        return self.found

    def intent(self, name: str, text: str) -> Match | None:
        return None


def _engine(seeds: list[Trial], meaning: object = None) -> DialogEngine:
    return DialogEngine(
        ListCatalog(seeds),
        FakeAnswerer(),
        rules=SeedRules(),
        today=lambda: TODAY,
        meaning=meaning,  # type: ignore[arg-type]
    )


def _asked(engine: DialogEngine, trial: str, fact: str) -> DialogState:
    state = DialogState()
    engine.step(state, "/start", trials=[trial])
    state.pending = fact
    return state


def _read(fact: str, text: str) -> dict[str, object]:
    return dict(read_answer(SPECS[fact], text, TODAY, SPECS).facts)


def _readback(result: StepResult) -> str:
    return next(r.text for r in result.replies if r.text.startswith("So:"))


@pytest.mark.parametrize(
    "text",
    [
        "Hello, I'm 45 and my husband showed me this study about the skin, I'd like to join",
        "I had a bone marrow transplant from my sister",
        "I'm 40, my ALL relapsed. my wife is worried",
        "our daughter found this for me, I'm 50",
        "I came here with my son, I have lymphoma",
    ],
)
def test_a_relative_who_is_not_the_patient_gives_no_sex_or_relation(text: str) -> None:
    """A husband who showed the study, a donor sister or a worried wife says nothing of the
    patient's sex, and questions do not turn to them."""
    found = read_volunteered(text)
    assert "sex" not in found.facts and found.relation is None


@pytest.mark.parametrize(
    ("text", "relation", "sex"),
    [
        ("my son is 8 and has leukaemia", "son", "male"),
        ("our daughter is 12, her ALL came back", "daughter", "female"),
        ("my mum has AML, she is 67", "mum", "female"),
        ("I am asking for my dad, he is 70", "dad", "male"),
        ("my son is 8, I had him tested last week", "son", "male"),
    ],
)
def test_the_relative_the_message_is_about_is_the_patient(
    text: str, relation: str, sex: str
) -> None:
    """ "my son is 8" (or "our daughter") still makes the son the patient, with his sex."""
    found = read_volunteered(text)
    assert found.relation == relation and found.facts["sex"] == sex


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("I'm 52, male, with lung cancer", "male"),
        ("I'm 64, male", "male"),
        ("I am female", "female"),
    ],
)
def test_the_persons_own_sex_word_is_read(text: str, sex: str) -> None:
    """ "I'm 52, male" states the person's own sex."""
    assert read_volunteered(text).facts["sex"] == sex


@pytest.mark.parametrize(
    ("fact", "text"),
    [
        ("hepatitis_c", "yes, years ago, but it was cured"),
        ("hepatitis_c", "I had hep C years ago but it was cured with harvoni"),
        ("hepatitis_b", "she had it as a child, it's gone away now"),
        ("heart_failure", "he had it in the past but not any more"),
        ("hiv", "yes but the virus was successfully treated"),
        ("substance_use", "I used to drink a lot"),
    ],
)
def test_a_past_illness_answer_to_a_current_illness_question_is_left_to_the_team(
    fact: str, text: str
) -> None:
    """A cured, treated or past illness is not stored as current: it is 'not sure' for the team."""
    reading = read_answer(SPECS[fact], text, TODAY, SPECS)
    assert reading.facts == {fact: UNKNOWN} and reading.note == "past_left_to_team"


def test_plain_answers_to_current_illness_questions_still_count() -> None:
    """ "yes", "no, it was cured" and "no, I quit years ago" keep their plain meaning."""
    assert _read("hepatitis_c", "yes") == {"hepatitis_c": True}
    assert _read("hepatitis_c", "no, it was cured") == {"hepatitis_c": False}
    assert _read("smoker", "no, I quit years ago") == {"smoker": False}


@pytest.mark.parametrize(
    ("fact", "text"),
    [
        ("agrees_to_contraception", "yes she is pregnant"),
        ("agrees_to_contraception", "yes, I'm pregnant already"),
        ("diabetes", "yes type 2"),
        ("diabetes", "type 1 since childhood"),
    ],
)
def test_an_answer_about_something_else_is_not_a_yes(fact: str, text: str) -> None:
    """ "yes she is pregnant" is no yes to birth control; "yes type 2" says nothing of control."""
    assert _read(fact, text) == {}


@pytest.mark.parametrize(
    ("text", "age"),
    [("she'll be 2 in june", 1), ("he turns 7 next week", 6), ("she's turning 16 in march", 15),
     ("I'll be 18 in june, my AML relapsed", 17)],
)  # fmt: skip
def test_an_age_to_come_is_read_as_the_age_now(text: str, age: int) -> None:
    """ "she'll be 2 in june" is 1 now, never 2."""
    assert _read("age_years", text) == {"age_years": age}


def test_an_age_to_come_without_a_when_is_not_read() -> None:
    """ "he will be 9" gives no age now."""
    assert _read("age_years", "he will be 9") == {}


@pytest.mark.parametrize("text", ["probably not", "I don't think so, probably no"])
def test_a_doubtful_yes_or_no_is_read_back_before_it_counts(seeds: list[Trial], text: str) -> None:
    """ "probably not" is read back ("So: ...: no. Is that right?") and not stored until a yes."""
    engine = _engine(seeds)
    state = _asked(engine, DRAGONFLY, "hepatitis_c")
    result = engine.step(state, text)
    assert "hepatitis C" in _readback(result)
    assert "hepatitis_c" not in state.facts
    engine.step(state, "yes")
    assert isinstance(state.facts["hepatitis_c"], bool)


def test_self_care_words_never_become_a_bed_bound_level(seeds: list[Trial]) -> None:
    """ "I dress and wash myself" matched by meaning to 'in bed more than half the day' is not
    taken nor read back as it: the daily-life question is asked again with its buttons, or the
    one level the words leave is read back."""
    engine = _engine(seeds, FixedMeaning("3"))
    for text in [
        "I'm up most of the day, can't garden anymore but I dress and wash myself",
        "she washes and dresses herself, just slower",
        "he looks after himself, he drives to the shops",
    ]:
        state = _asked(engine, APATINIB, "ecog_level")
        result = engine.step(state, text)
        assert "ecog_level" not in state.facts
        if state.confirming:  # "can't garden anymore" (light work lost), "I dress and wash
            assert state.confirming == {"ecog_level": "2"}  # myself": only 2 left, read back
            continue
        assert result.replies[-1].asks == "ecog_level"
        # asked again with the buttons of the levels the words leave (all, or 1 and 2)
        offered = {b.value.split("#")[0] for b in result.replies[-1].buttons}
        assert {"1", "2", "unknown"} <= offered


def test_a_typed_daily_life_answer_is_read_back(seeds: list[Trial]) -> None:
    """ "she's up and about, does her own shopping" is read back before it counts."""
    engine = _engine(seeds)
    state = _asked(engine, APATINIB, "ecog_level")
    result = engine.step(state, "she's up and about, a bit tired but does her own shopping")
    assert "daily life" in _readback(result).lower() and "ecog_level" not in state.facts


def test_not_sure_at_a_read_back_of_an_opening_asks_the_next_question(
    seeds: list[Trial],
) -> None:
    """ "not sure" to the read-back of volunteered facts goes on with a question (no dead end)."""
    engine = _engine(seeds)
    state = DialogState()
    first = engine.step(state, "I'm 8 and I was given mifamurtide last year", trials=[DRAGONFLY])
    assert any(r.text.startswith("So:") for r in first.replies)
    result = engine.step(state, "not sure")
    assert result.replies[-1].kind == "question" and result.replies[-1].asks is not None


def test_an_age_in_months_is_read_back_in_months(seeds: list[Trial]) -> None:
    """ "11 months" is read back as "11 months", not as 0.9166... years."""
    from trialbot.dialog.confirming import fact_words

    engine = _engine(seeds)
    walk = engine.walk(DialogState())
    assert fact_words(walk, "age_years", 11 / 12).endswith("11 months")
    assert fact_words(walk, "age_years", 1 / 12).endswith("1 month")
    assert fact_words(walk, "age_years", 2.5).endswith("2.5 years")
    assert fact_words(walk, "age_years", dt.date(2026, 1, 1).year - 1990) == "the age: 36 years"


@pytest.mark.parametrize(
    ("text", "treated"),
    [
        ("my father is 58, his AML relapsed after chemo", True),
        ("her ALL relapsed in september", True),
        ("he had 6 rounds of chemo last year", True),
        ("the lymphoma is refractory", True),
        ("she hasnt had any treatment yet", False),
    ],
)
def test_a_treatment_said_in_passing_is_kept(text: str, treated: bool) -> None:
    """ "relapsed after chemo" states earlier treatment, "no treatment yet" states none."""
    assert read_volunteered(text).facts["prior_cancer_treatment"] is treated


@pytest.mark.parametrize(
    "text", ["I havent had any treatment for about a month.", "he is not relapsed", "my son is 8"]
)
def test_no_treatment_fact_without_words_for_it(text: str) -> None:
    """A gap in treatment or a denied relapse says nothing about earlier treatment."""
    assert "prior_cancer_treatment" not in read_volunteered(text).facts


def test_the_treatment_question_is_not_asked_after_a_relapse_was_said(seeds: list[Trial]) -> None:
    """After "it relapsed after chemo" the dialog never asks whether there was treatment before."""
    engine = _engine(seeds)
    state = DialogState()
    engine.step(state, "my son is 15, his osteosarcoma relapsed after chemo", trials=[APATINIB])
    asked = []
    for _ in range(40):
        result = engine.step(state, "yes" if state.confirming else "not sure")
        asked += [r.asks for r in result.replies if r.kind == "question"]
        if state.pending is None and not state.confirming:
            break
    assert state.facts.get("prior_cancer_treatment") is True
    assert "prior_cancer_treatment" not in asked


def test_an_opening_that_ends_in_a_question_keeps_what_it_said(seeds: list[Trial]) -> None:
    """ "My daughter is 12 ... Could it help her?" keeps the daughter and her age; the question
    after it is still answered."""
    engine = _engine(seeds)
    state = DialogState()
    result = engine.step(
        state,
        "My daughter is 12 and has osteosarcoma. Could this study help her?",
        trials=[DRAGONFLY],
    )
    assert state.relation == "daughter" and state.facts.get("age_years") == 12
    assert any(r.kind != "question" and "daughter" not in r.text for r in result.replies)


def test_no_pregnancy_questions_from_60_on(seeds: list[Trial]) -> None:
    """A 67-year-old woman is not asked about pregnancy, breastfeeding or birth control."""
    engine = _engine(seeds)
    state = _asked(engine, DRAGONFLY, "age_years")
    for text in ("67", "yes", "female", "yes"):
        if text != "yes" or state.confirming:
            engine.step(state, text)
    for fact in ("pregnant", "breastfeeding", "can_become_pregnant"):
        assert state.facts[fact] is False and fact in state.implied


def test_the_age_never_excludes_through_a_pregnancy_it_implies(seeds: list[Trial]) -> None:
    """In a trial for pregnant women, a woman of 62 is asked, not excluded by her age."""
    from dialog_fakes import _criterion, _leaf

    only_pregnant = {APATINIB: [_criterion("inc-1", "inclusion", "Pregnant women", _leaf(
        "true", "pregnant"))]}  # fmt: skip
    engine = DialogEngine(
        ListCatalog(seeds), FakeAnswerer(), rules=SeedRules(only_pregnant), today=lambda: TODAY
    )
    state = _asked(engine, APATINIB, "age_years")
    engine.step(state, "62")
    result = engine.step(state, "female")
    assert "pregnant" not in state.facts
    assert engine.walk(state).verdicts()[APATINIB] != "ineligible"
    assert result.replies[-1].asks == "pregnant"


def test_the_unsure_reason_names_the_fact_that_was_not_known() -> None:
    """After "yes" to pregnant with the sex unknown, the reason says the sex was not known, not
    'something this needs'. (A "no" settles "Pregnant women" whatever the sex: met.)"""
    from dialog_fakes import _criterion, _female, _leaf

    from trialbot.domain.checker import assess

    label = {"label": "the sex at birth"}
    rule = _female(_leaf("true", "pregnant"))
    rule["when"].update(label)
    criterion = _criterion("exc-15a", "exclusion", "Pregnant women", rule)
    result = assess("T", [criterion], {"sex": UNKNOWN, "pregnant": True}, TODAY)
    reason = result.outcomes[0].reason
    assert result.outcomes[0].status == "unknown"
    assert "You were not sure about the sex at birth;" in reason
    settled = assess("T", [criterion], {"sex": UNKNOWN, "pregnant": False}, TODAY)
    assert settled.outcomes[0].status == "met"


def test_age_limits_and_answers_are_said_without_fractions() -> None:
    """A limit of 2.0 years is "2 years" (staff reading and the patient's reason), and an answer
    of 11 months is "11 months" in the reason, never 0.9166... years."""
    from dialog_fakes import _criterion, _leaf

    from trialbot.domain.checker import assess
    from trialbot.eligibility.rule_words import reading_words

    leaf = _leaf("cmp", "age_years", cmp=">=", value=2.0, unit="years", label="the age")
    criterion = _criterion("inc-1", "inclusion", "Age 2 years or older", leaf)
    assert reading_words(criterion) == "Required: the age at least 2 years"
    reason = assess("T", [criterion], {"age_years": 11 / 12}, TODAY).outcomes[0].reason
    assert "at least 2 years" in reason and "11 months" in reason and "0.91" not in reason


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        ("prior_lines_of_therapy", "How many different treatment plans has your mum had"),
        ("stem_cell_transplant_candidate", "Has the doctor said your mum could"),
        ("planned_surgery", "Is an operation planned for your mum"),
    ],
)
def test_questions_about_a_relative_speak_of_them(fact: str, expected: str) -> None:
    """Once "my mum" is the patient, questions about treatment plans, a transplant or an
    operation ask about her, not "you"."""
    from trialbot.dialog.fitting import about_someone
    from trialbot.dialog.texts import Texts

    question = about_someone(SPECS[fact].question, "mum", "female", Texts())
    assert question.startswith(expected)


def _real_engine(full_corpus_dir: object, trial_id: str) -> DialogEngine:
    """The dialog over one full registry record read by the real criteria reader."""
    from pathlib import Path

    from trialbot.dialog.rules import CachedEligibility
    from trialbot.sources.readers import read_document

    trials = read_document(Path(str(full_corpus_dir)) / f"{trial_id}.json")
    return DialogEngine(
        ListCatalog(list(trials)), FakeAnswerer(), rules=CachedEligibility(), today=lambda: TODAY
    )


def _until_asked(engine: DialogEngine, state: DialogState, fact: str) -> None:
    """Answer "not sure" until `fact` is the pending question."""
    for _ in range(40):
        if state.pending == fact and not state.confirming:
            return
        engine.step(state, "not sure")
    raise AssertionError(f"{fact} was never asked")


def test_a_pregnancy_said_to_the_birth_control_question_is_read_back_alone(
    full_corpus_dir: object,
) -> None:
    """NCT05658640: "yes, she's pregnant now" to the birth-control question (pregnancy answered
    "not sure" before) is kept as a pregnancy, never as a yes to birth control."""
    engine = _real_engine(full_corpus_dir, "NCT05658640")
    state = DialogState()
    engine.step(state, "my daughter is 16, her leukaemia has come back", trials=["NCT05658640"])
    _until_asked(engine, state, "agrees_to_contraception")
    engine.step(state, "yes, she's pregnant now")
    held = {**state.facts, **(state.confirming or {})}
    assert held["pregnant"] is True
    assert "agrees_to_contraception" not in held


def test_a_cured_hepatitis_leaves_the_trial_to_the_study_team(full_corpus_dir: object) -> None:
    """NCT03319901: "yes, years ago, but it was cured" to the hepatitis C question is a study-team
    check, never "not eligible"."""
    engine = _real_engine(full_corpus_dir, "NCT03319901")
    state = DialogState()
    engine.step(state, "I'm 45", trials=["NCT03319901"])
    _until_asked(engine, state, "hepatitis_c")
    result = engine.step(state, "yes, years ago, but it was cured")
    assert state.facts["hepatitis_c"] == UNKNOWN and not state.confirming
    assert "study team" in result.replies[0].text
    assert engine.walk(state).verdicts()["NCT03319901"] != "ineligible"


def test_a_woman_whose_husband_showed_her_the_study_is_asked_her_sex(
    full_corpus_dir: object,
) -> None:
    """NCT05803083 (women only): "I'm 45 and my husband showed me this study" asks the sex and is
    not read back as male."""
    engine = _real_engine(full_corpus_dir, "NCT05803083")
    state = DialogState()
    result = engine.step(
        state, "Hello, I'm 45 and my husband showed me this study, I'd like to join",
        trials=["NCT05803083"],
    )  # fmt: skip
    assert "sex" not in state.facts and not state.confirming
    assert result.replies[-1].asks == "sex"


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("sorry, and she had hepatitis B years ago", {"hepatitis_b": UNKNOWN}),
        ("oh and he is HIV positive", {"hiv": True}),
        ("also I had hep C, it was cured with harvoni", {"hepatitis_c": UNKNOWN}),
    ],
)
def test_an_illness_named_in_passing_is_kept(text: str, facts: dict[str, object]) -> None:
    """An illness said in passing is kept: in the past it is for the study team, else a yes."""
    found = read_volunteered(text).facts
    assert {k: found[k] for k in facts} == facts


@pytest.mark.parametrize(
    "text",
    ["she was vaccinated against hepatitis b", "no hepatitis c", "maybe he had hep c",
     "he got TB tests last year", "my grandmother had TB"],
)  # fmt: skip
def test_no_illness_from_a_vaccination_a_test_a_doubt_or_a_relative(text: str) -> None:
    """A vaccination, a test, a "no", a "maybe" or a relative's illness gives no illness fact."""
    found = read_volunteered(text).facts
    assert not {"hepatitis_b", "hepatitis_c", "hiv", "tuberculosis"} & set(found)


def test_an_illness_said_mid_way_is_not_the_answer_to_another_illness(
    seeds: list[Trial],
) -> None:
    """ "sorry, and she had hepatitis B years ago" while HIV is asked keeps hepatitis B for the
    study team and asks about HIV again (it was read as a yes to HIV)."""
    engine = _engine(seeds)
    state = _asked(engine, DRAGONFLY, "hiv")
    result = engine.step(state, "sorry, and she had hepatitis B years ago")
    assert state.facts["hepatitis_b"] == UNKNOWN and "hiv" not in state.facts
    assert not state.confirming and result.replies[-1].asks == "hiv"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("hepatitis C, not treated yet", "hepatitis_c"),
        ("hepatitis C, not treated yet", None),
        ("HIV, never had any treatment yet", "hiv"),
        ("not treated yet", "heart_failure"),
        ("she has diabetes, no treatment yet", None),
        ("he has TB and it is not treated yet", "age_years"),
    ],
)
def test_a_treatment_said_of_another_illness_is_no_cancer_treatment(
    text: str, asked: str | None
) -> None:
    """ "not treated yet" of hepatitis C (named, or the question asked) says nothing about
    earlier treatment for the cancer."""
    assert "prior_cancer_treatment" not in read_volunteered(text, asked).facts


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("my son has leukaemia, not treated yet", None),
        ("not treated yet", "current_anticancer_therapy"),
        ("she has diabetes and her lymphoma has had no treatment yet", None),
    ],
)
def test_a_cancer_not_treated_yet_is_still_no_treatment(text: str, asked: str | None) -> None:
    """The same words said of the cancer keep their meaning: no earlier treatment."""
    assert read_volunteered(text, asked).facts["prior_cancer_treatment"] is False


@pytest.mark.parametrize(
    ("fact", "text"),
    [
        ("hepatitis_c", "hepatitis C, not treated yet"),
        ("hepatitis_c", "not treated yet"),
        ("hepatitis_b", "hep b but never had any medicine for it"),
        ("heart_failure", "heart failure, not on treatment"),
        ("tuberculosis", "TB but it was never treated"),
    ],
)
def test_a_not_said_only_of_the_treatment_keeps_the_illness(fact: str, text: str) -> None:
    """ "not treated yet" denies the treatment, not the illness: a yes, read back first."""
    reading = read_answer(SPECS[fact], text, TODAY, SPECS)
    assert reading.facts == {fact: True} and reading.doubtful


@pytest.mark.parametrize(
    "text", ["no", "no, not treated", "I don't have it, never treated", "no hepatitis"]
)
def test_a_no_to_the_illness_stays_a_no(text: str) -> None:
    """A "no" about the illness itself is still a no, whatever follows about treatment."""
    assert _read("hepatitis_c", text) == {"hepatitis_c": False}


def test_hepatitis_c_not_treated_is_read_back_and_touches_no_other_fact(
    seeds: list[Trial],
) -> None:
    """The hepatitis C answer is read back as a yes; earlier cancer treatment stays unasked."""
    engine = _engine(seeds)
    state = _asked(engine, DRAGONFLY, "hepatitis_c")
    result = engine.step(state, "hepatitis C, not treated yet")
    assert state.confirming == {"hepatitis_c": True}
    assert "hepatitis c" in _readback(result).lower()
    engine.step(state, "yes")
    assert state.facts["hepatitis_c"] is True
    assert "prior_cancer_treatment" not in state.facts


@pytest.mark.parametrize(
    "text",
    [
        "I work part time but can't do heavy stuff",
        "I still work half days, nothing strenuous",
        "I'm still working, but nothing heavy",
        "he's working from home but can't lift heavy things",
        "I go to work three days a week but I avoid heavy lifting",
    ],
)
def test_working_but_not_heavy_work_is_read_back_as_level_1(seeds: list[Trial], text: str) -> None:
    """Working rules out levels 2-4 ("unable to carry out any work activities", Oken 1982) and
    no heavy work rules out 0: level 1 is read back, even where a sentence model said 2."""
    engine = _engine(seeds, FixedMeaning("2", "strong"))
    state = _asked(engine, APATINIB, "ecog_level")
    engine.step(state, text)
    assert state.confirming == {"ecog_level": "1"} and "ecog_level" not in state.facts


@pytest.mark.parametrize(
    "text",
    [
        "I work part time",
        "I can only work part time now",
        "she still works, goes to the office",
    ],
)
def test_working_is_never_level_2_or_below(seeds: list[Trial], text: str) -> None:
    """A sentence model's level 2 for someone who works is not taken nor read back."""
    engine = _engine(seeds, FixedMeaning("2", "strong"))
    state = _asked(engine, APATINIB, "ecog_level")
    result = engine.step(state, text)
    assert "ecog_level" not in state.facts and not state.confirming
    assert result.replies[-1].asks == "ecog_level"


@pytest.mark.parametrize(
    "text",
    [
        "I'm not working at the moment",
        "I stopped working last year",
        "I can't work anymore",
        "I used to work but not now",
        "she's not working anymore",
    ],
)
def test_not_working_does_not_rule_out_level_2(text: str) -> None:
    """Words saying the person does not work leave level 2 possible."""
    from trialbot.dialog.texts import Texts

    assert "2" not in Texts().ruled_out_choices("ecog_level", text)


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("I'm having a transplant next month", "planned_surgery", True),
        ("my son is having a bone marrow transplant next month", "planned_surgery", True),
        ("surgery is booked for next week", "planned_surgery", True),
        ("we are waiting for a transplant", "planned_surgery", True),
        ("no surgery planned", "planned_surgery", False),
        ("she had a kidney transplant in 2019", "organ_transplant", True),
        ("I have epilepsy", "seizures", True),
        ("he has lupus and osteosarcoma", "autoimmune_disease", True),
        ("I'm on dialysis", "kidney_disease", True),
        ("the cancer has spread to the brain", "brain_metastases", True),
        ("I'm 45 and I have heart failure", "heart_failure", True),
    ],
)
def test_a_diagnosis_or_a_plan_said_in_passing_is_kept(text: str, fact: str, value: bool) -> None:
    """A diagnosis or a planned operation said on the side answers the question for it."""
    assert read_volunteered(text).facts[fact] is value


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("I'm having a transplant next month", "organ_transplant"),
        ("I have a kidney transplant next month", "organ_transplant"),
        ("I had surgery last year", "planned_surgery"),
        ("I have had surgery", "planned_surgery"),
        ("no epilepsy", "seizures"),
        ("I don't have epilepsy", "seizures"),
        ("my grandma has lupus", "autoimmune_disease"),
        ("hepatitis C, no surgery planned", "prior_cancer_treatment"),
    ],
)
def test_no_diagnosis_from_a_plan_a_past_event_a_no_or_a_relative(text: str, fact: str) -> None:
    """A transplant to come is not one had; a past operation is no plan; a "no" or a relative's
    illness states nothing about the patient."""
    assert fact not in read_volunteered(text).facts


def test_a_planned_transplant_said_on_the_side_is_not_asked_again(seeds: list[Trial]) -> None:
    """ "I'm having a transplant next month" in the answer to another question: the planned
    operation that would exclude is read back, then kept; its question never comes."""
    from dialog_fakes import _criterion, _leaf

    planned = {APATINIB: [
        _criterion("inc-1", "inclusion", "Age 18 or older", _leaf("cmp", "age_years", cmp=">=",
                   value=18)),
        _criterion("exc-1", "exclusion", "Planned major surgery", _leaf("true", "planned_surgery")),
    ]}  # fmt: skip
    engine = DialogEngine(
        ListCatalog(seeds), FakeAnswerer(), rules=SeedRules(planned), today=lambda: TODAY
    )
    state = _asked(engine, APATINIB, "age_years")
    result = engine.step(state, "I'm 40, and I'm having a transplant next month")
    assert state.confirming is not None and state.confirming.get("planned_surgery") is True
    assert "So:" in _readback(result)
    engine.step(state, "yes")
    assert state.facts["planned_surgery"] is True and state.facts["age_years"] == 40


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("yes chemo, but no big operation", "last_major_surgery", "never"),
        ("no, I've never had any surgery", "last_major_surgery", "never"),
        ("never had radiation", "last_radiotherapy", "never"),
        ("no, not pregnant and not breastfeeding", "breastfeeding", False),
        ("no blood clots", "last_blood_clot", "never"),
    ],
)
def test_a_no_said_on_the_side_is_kept(text: str, fact: str, value: object) -> None:
    """ "no big operation" in the answer to another question settles the operation question."""
    assert read_volunteered(text).facts[fact] == value


@pytest.mark.parametrize(
    "text",
    [
        "no surgery since march",
        "no operation last month",
        "the surgeon said no operation is possible",
        "not breastfeeding anymore",
        "probably no surgery",
        "no surgery planned",
        "his dad had no surgery",
    ],
)
def test_a_no_with_a_date_a_plan_a_doubt_or_a_relative_settles_nothing(text: str) -> None:
    """A "no" tied to a date, a plan, "right now", a doubt or a relative is no "never"."""
    found = read_volunteered(text).facts
    assert "last_major_surgery" not in found and "breastfeeding" not in found


@pytest.mark.parametrize(
    "text", ["never had radiation", "hasn't had chemo", "had no chemo", "not had radiotherapy"]
)
def test_a_denied_treatment_is_no_earlier_treatment(text: str) -> None:
    """ "never had radiation" is no statement that the cancer was treated before."""
    assert read_volunteered(text).facts.get("prior_cancer_treatment") is not True


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes chemo, but no big operation", True),
        ("she had chemo but no radiation", True),
        ("no chemo, just surgery", True),
        ("no, surgery is planned next week", False),
        ("no, only a biopsy", False),
    ],
)
def test_one_treatment_had_is_a_yes_whatever_else_is_denied(text: str, value: bool) -> None:
    """ "but no big operation" denies the operation, not the treatment ("yes chemo, but no big
    operation" was read as no earlier treatment)."""
    assert _read("prior_cancer_treatment", text) == {"prior_cancer_treatment": value}


def test_no_big_operation_said_on_the_side_is_not_asked_again(seeds: list[Trial]) -> None:
    """The operation denied in the treatment answer is kept and its question never comes."""
    from dialog_fakes import _criterion, _leaf

    rules = {APATINIB: [
        _criterion("inc-1", "inclusion", "Treated before", _leaf("true", "prior_cancer_treatment")),
        _criterion("exc-1", "exclusion", "Major surgery within 4 weeks",
                   _leaf("within", "last_major_surgery", days=28)),
    ]}  # fmt: skip
    engine = DialogEngine(
        ListCatalog(seeds), FakeAnswerer(), rules=SeedRules(rules), today=lambda: TODAY
    )
    state = _asked(engine, APATINIB, "prior_cancer_treatment")
    result = engine.step(state, "yes chemo, but no big operation")
    assert state.facts["prior_cancer_treatment"] is True
    assert state.facts["last_major_surgery"] == "never"
    assert all(r.asks != "last_major_surgery" for r in result.replies)
    assert engine.walk(state).verdicts()[APATINIB] == "likely_eligible"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no, but we are trying", UNKNOWN),
        ("not pregnant but trying for a baby", UNKNOWN),
        ("we're trying", UNKNOWN),
        ("no, and not trying", False),
        ("no not trying either", False),
    ],
)
def test_trying_for_a_baby_is_neither_a_no_nor_a_pregnancy(text: str, value: object) -> None:
    """ "No, but we are trying" to "pregnant now?" is neither a pregnancy nor a plain no (a
    criterion may also exclude those planning one): the study team checks it."""
    assert _read("pregnant", text) == {"pregnant": value}

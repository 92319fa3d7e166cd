"""Answers a patient gave in audit17 that the dialog lost or misread, each kind pinned with its
real input and written variants, through the real engine and the real answer readers (criteria
read by the real reader from made-up words, not the audited trials' records):

1. A read-back confirmed in more words than a bare yes ("yes that's right", the button's own
   label "Yes, that's right", "yes it is") counts as the yes: the answer that excludes is kept.
2. "Can I join if I ...?" asks about a situation: it is answered from the rules and never stored
   as the person's fact; a later question typed during a read-back is no yes to it.
3. Everyday answers: a day and month without a year ("the 19th of November"), a date with
   "nothing since", "the live one" of a shingles jab.
"""

from __future__ import annotations

from typing import Any

import pytest
from dialog_fakes import TODAY, engine_over, step_text

from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.hypothetical import hypothetical
from trialbot.dialog.state import DialogState

TRIAL = "NCT09999917"
AGE = ("inclusion", "Age 18 years or older.")
MEASURABLE = ("inclusion", "At least one measurable lesion per RECIST 1.1.")
HIV = ("exclusion", "Known HIV infection.")
PREGNANT = ("exclusion", "Pregnant or breastfeeding women.")
HEP_B = ("exclusion", "Active hepatitis B infection.")
IRINOTECAN = ("exclusion", "Prior treatment with irinotecan.")
ANTICANCER = (
    "exclusion",
    "Receipt of any anticancer therapy within 28 days prior to the first dose.",
)
LIVE_VACCINE = (
    "exclusion",
    "Receipt of live attenuated vaccine within 30 days prior to the first dose.",
)
VACCINE = ("exclusion", "Any vaccination within 28 days prior to screening.")


def _engine(*texts: tuple[str, str]) -> DialogEngine:
    engine: DialogEngine = engine_over(TRIAL, *texts)
    engine.meaning = None
    return engine


def _to(engine: DialogEngine, fact: str) -> DialogState:
    """A chat on the one trial, answered "not sure" (age 50) until `fact` is asked."""
    state = DialogState()
    engine.step(state, "/start", trials=[TRIAL])
    for _ in range(30):
        if state.pending == fact:
            return state
        engine.step(state, "50" if state.pending == "age_years" else "not sure")
    raise AssertionError(f"{fact} never asked")


def _say(engine: DialogEngine, state: DialogState, text: str) -> str:
    result: Any = engine.step(state, text)
    return step_text(result)


# 1. A read-back confirmed in more words than a bare yes ------------------------------------


@pytest.mark.parametrize(
    "confirm",
    ["yes that's right", "Yes, that's right", "yes it is", "that's correct", "yep, correct"],
)
def test_a_read_back_confirmed_in_more_words_keeps_the_answer_that_excludes(confirm: str) -> None:
    engine = _engine(AGE, MEASURABLE)
    state = _to(engine, "measurable_disease")
    said = _say(
        engine, state, "no, the scans only show some small spots that are too small to measure"
    )
    assert "Is that right?" in said and state.confirming == {"measurable_disease": False}
    summary = _say(engine, state, confirm)
    assert state.facts.get("measurable_disease") is False
    assert "not eligible" in summary


@pytest.mark.parametrize("deny", ["no", "no that's wrong", "that's not right"])
def test_a_read_back_denied_asks_again(deny: str) -> None:
    engine = _engine(AGE, MEASURABLE)
    state = _to(engine, "measurable_disease")
    _say(engine, state, "no, the scans only show some small spots that are too small to measure")
    _say(engine, state, deny)
    assert "measurable_disease" not in state.facts and state.pending == "measurable_disease"


# 2. A question about a situation is answered, never stored ---------------------------------


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("can I join if I'm pregnant?", "pregnant"),
        ("Can I join if I have HIV?", "hiv"),
        ("can I join if I have hepatitis B?", "hepatitis_b"),
        ("can I join if I had irinotecan before?", "prior_irinotecan"),
        ("can I join if I'm 80 years old?", "age_years"),
        ("What if I'm pregnant?", "pregnant"),
        ("If I had irinotecan before, could I still take part?", "prior_irinotecan"),
        ("could my husband take part if he has HIV?", "hiv"),
    ],
)
def test_a_situation_asked_about_is_answered_and_not_stored(question: str, fact: str) -> None:
    engine = _engine(AGE, HIV, PREGNANT, HEP_B, IRINOTECAN)
    state = DialogState()
    engine.step(state, "/start", trials=[TRIAL])
    result: Any = engine.step(state, question)
    kinds = [r.kind for r in result.replies]
    assert kinds[0] in ("answer", "no_answer")  # the answerer's reply to the question comes first
    assert fact not in state.facts and not state.confirming
    assert "not noted this as an answer about you" in step_text(result)
    assert state.pending == "age_years"  # the check goes on


def test_a_situation_told_as_ones_own_is_still_read_back() -> None:
    engine = _engine(AGE, HIV)
    state = DialogState()
    engine.step(state, "/start", trials=[TRIAL])
    said = _say(engine, state, "I have HIV, can I join?")
    assert state.confirming == {"hiv": True} and "Is that right?" in said


@pytest.mark.parametrize(
    "question",
    [
        "how long will I have to take durvalumab?",
        "can I join if I had irinotecan before?",
        "is the drug given with other drugs?",
    ],
)
def test_a_question_typed_during_a_read_back_is_no_yes(question: str) -> None:
    engine = _engine(AGE, PREGNANT, IRINOTECAN)
    state = DialogState()
    engine.step(state, "/start", trials=[TRIAL])
    _say(engine, state, "I'm pregnant")
    assert state.confirming == {"pregnant": True}
    said = _say(engine, state, question)
    assert "pregnant" not in state.facts and state.confirming == {"pregnant": True}
    assert said.rstrip().endswith("Is that right?")  # the read-back is asked again
    _say(engine, state, "yes that's right")
    assert state.facts.get("pregnant") is True


@pytest.mark.parametrize(
    "text",
    [
        "check if I qualify?",
        "is it ok if I join?",
        "I have HIV, can I join?",
        "do you know if I can join?",
    ],
)
def test_no_situation_in_an_if_that_means_whether(text: str) -> None:
    assert hypothetical(text) is None


# 3. Everyday answers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "when"),
    [
        ("it was Zostavax, the live shingles vaccine, on the 19th of November", "2026-11-19"),
        ("the live shingles one on November 19th", "2026-11-19"),
        ("MMR on the 2nd of November", "2026-11-02"),
    ],
)
def test_a_day_and_month_without_a_year_keep_the_day(answer: str, when: str) -> None:
    engine = _engine(AGE, LIVE_VACCINE)
    state = _to(engine, "last_live_vaccine")
    _say(engine, state, answer)
    assert state.confirming == {"last_live_vaccine": when}


def test_a_day_and_month_later_than_today_is_last_year() -> None:
    engine = _engine(AGE, LIVE_VACCINE)
    state = _to(engine, "last_live_vaccine")
    _say(engine, state, "MMR on the 25th of December")
    held = state.confirming or state.facts
    assert held.get("last_live_vaccine") == f"{TODAY.year - 1}-12-25"


@pytest.mark.parametrize(
    ("fact", "criterion", "answer", "when"),
    [
        (
            "last_anticancer_therapy",
            ANTICANCER,
            "the durvalumab in April, nothing since",
            "2026-04-15",
        ),
        (
            "last_anticancer_therapy",
            ANTICANCER,
            "durvalumab in april and nothing after that",
            "2026-04-15",
        ),
        ("last_anticancer_therapy", ANTICANCER, "chemo in March, not since then", "2026-03-15"),
        (
            "last_vaccine",
            VACCINE,
            "I had the meningitis and pneumonia vaccines in the summer, nothing since",
            "2026-07-15",
        ),
        ("last_vaccine", VACCINE, "a flu jab in the winter, none since", "2026-01-15"),
    ],
)
def test_a_date_with_nothing_since_is_the_last_time(
    fact: str, criterion: tuple[str, str], answer: str, when: str
) -> None:
    engine = _engine(AGE, criterion)
    state = _to(engine, fact)
    said = _say(engine, state, answer)
    assert "not sure that answer is about" not in said
    held = {**state.facts, **(state.confirming or {})}
    assert held.get(fact) == when


@pytest.mark.parametrize(
    "answer",
    [
        "I had the shingles jab two weeks ago, the live one",
        "the shingles vaccine 2 weeks ago, the live kind",
        "shingles shot two weeks ago, it was the live version",
    ],
)
def test_the_live_one_of_a_shingles_jab_is_a_live_vaccine(answer: str) -> None:
    engine = _engine(AGE, LIVE_VACCINE)
    state = _to(engine, "last_live_vaccine")
    said = _say(engine, state, answer)
    assert "not a live vaccine" not in said
    assert state.confirming == {"last_live_vaccine": "2026-11-07"}


# 4. The trials checked are those for the person's illness -----------------------------------


def _few_trials_engine() -> DialogEngine:
    from dialog_fakes import FakeAnswerer, ListCatalog, SeedRules

    from trialbot.domain.trial import CriterionText, Trial
    from trialbot.eligibility import read_criterion

    conditions = {
        "NCT09990001": ["Non-small Cell Lung Cancer", "Stage III NSCLC"],
        "NCT09990002": ["Advanced Solid Tumors", "Squamous Non-small Cell Lung Cancer"],
        "NCT09990003": ["Pancreatic Cancer"],
        "NCT09990004": ["Chronic Inflammatory Demyelinating Polyneuropathy"],
    }
    trials = [
        Trial(id=i, registry="ctgov", title="A study", status="RECRUITING", conditions=c)
        for i, c in conditions.items()
    ]
    age = read_criterion(CriterionText(id="inc-1", kind="inclusion", text=AGE[1]))
    rules = SeedRules({t.id: list(age) for t in trials})
    engine = DialogEngine(ListCatalog(trials), FakeAnswerer(), rules=rules, today=lambda: TODAY)
    engine.meaning = None
    return engine


@pytest.mark.parametrize(
    "first",
    [
        "My husband is 63 and has lung cancer that came back after chemo radiation and"
        " durvalumab, is there any trial for him?",
        "I'm 63 and I have lung cancer, which trials could I join?",
        "she is 70, she has non small cell lung cancer",
    ],
)
def test_an_illness_said_with_the_age_asked_scopes_the_trials(first: str) -> None:
    engine = _few_trials_engine()
    state = DialogState()
    engine.step(state, "/start")
    assert state.pending == "age_years"  # the walk opens with the age question
    said = _say(engine, state, first)
    assert "2 of the studies here are for it" in said
    assert state.scope == ["NCT09990001", "NCT09990002"]  # no CIDP, no pancreatic trial
    assert state.facts.get("age_years") in (63, 70)


def test_a_number_answer_alone_does_not_scope() -> None:
    engine = _few_trials_engine()
    state = DialogState()
    engine.step(state, "/start")
    _say(engine, state, "63")
    assert state.scope is None and state.facts.get("age_years") == 63


# 3. Everyday answers (continued) -------------------------------------------------------------

BLOOD_PRESSURE = ("exclusion", "Uncontrolled hypertension.")
SIDE_EFFECTS = (
    "exclusion",
    "Persistent toxicities from prior anticancer therapy of Grade 2 or higher.",
)
PNEUMONITIS = ("exclusion", "History of interstitial lung disease or pneumonitis.")
LUNG = ("exclusion", "Serious chronic lung disease requiring oxygen.")
LINES = ("inclusion", "At least one but no more than 3 prior lines of treatment.")
ECOG = ("inclusion", "ECOG performance status 0-1.")
IMMUNE = ("exclusion", "Use of immunosuppressive medication within 14 days.")


def _answered(criterion: tuple[str, str], fact: str, answer: str) -> tuple[Any, str]:
    """The value `answer` gives `fact` (held for a read-back or kept), and the reply."""
    engine = _engine(AGE, criterion)
    state = _to(engine, fact)
    said = _say(engine, state, answer)
    held = {**state.facts, **(state.confirming or {})}
    return held.get(fact), said


@pytest.mark.parametrize(
    "answer",
    [
        "her blood pressure is fine on her tablets",
        "it's ok with the pills",
        "my blood pressure is good on my medication",
    ],
)
def test_blood_pressure_fine_on_tablets_is_no(answer: str) -> None:
    value, _ = _answered(BLOOD_PRESSURE, "high_blood_pressure", answer)
    assert value is False


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("mostly yes apart from that", True),
        ("mostly, yes", True),
        ("she still has some numbness in her fingers from the chemo", "unknown"),
        ("I'm still a bit tired and have some tingling in my feet", "unknown"),
    ],
)
def test_side_effects_mostly_gone_or_some_left(answer: str, value: object) -> None:
    found, said = _answered(SIDE_EFFECTS, "recovered_from_side_effects", answer)
    assert found == value, said


@pytest.mark.parametrize(
    "answer",
    ["I have COPD from smoking, I use inhalers", "mild copd", "emphysema, I'm on two inhalers"],
)
def test_copd_to_the_lung_question_is_a_yes_read_back(answer: str) -> None:
    engine = _engine(AGE, LUNG)
    state = _to(engine, "lung_disease")
    said = _say(engine, state, answer)
    assert state.confirming == {"lung_disease": True} and "Is that right?" in said


def test_the_two_lung_questions_are_not_the_same_words() -> None:
    engine = _engine(AGE, PNEUMONITIS, LUNG)
    state = _to(engine, "interstitial_lung_disease")
    first = _say(engine, state, "no")
    assert state.pending == "lung_disease"
    assert "COPD" in first and "lung swelling (pneumonitis)?" not in first.split("\n")[-1]


@pytest.mark.parametrize(
    ("answer", "lines"),
    [
        ("3 - first chemo with radiation, then durvalumab, then docetaxel", 3),
        ("2: chemo with radiation then immunotherapy", 2),
        ("three - chemo, durvalumab and docetaxel", 3),
    ],
)
def test_a_number_with_its_explanation(answer: str, lines: int) -> None:
    value, said = _answered(LINES, "prior_lines_of_therapy", answer)
    assert value == lines, said


@pytest.mark.parametrize(
    "answer",
    [
        "she can't do heavy stuff but she walks every day and does the cooking",
        "I can't do anything heavy but I do the cooking",
        "nothing heavy, but he walks every day",
    ],
)
def test_no_heavy_work_but_walks_and_cooks_is_level_1(answer: str) -> None:
    value, said = _answered(ECOG, "ecog_level", answer)
    assert value == "1", said


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("just prednisone 15 mg a day, that's all", "unknown"),
        ("only prednisolone 5 mg", "unknown"),
        ("I take azathioprine and 10 mg of prednisone", True),
        ("methotrexate every week", True),
    ],
)
def test_a_steroid_alone_is_for_the_team_an_immune_medicine_a_yes(
    answer: str, value: object
) -> None:
    found, said = _answered(IMMUNE, "immunosuppressive_medicine", answer)
    assert found == value, said


# 5. Routing: a situation asked about gets the rule that speaks to it --------------------------


@pytest.fixture(scope="module")
def real_service(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from dialog_fakes import ListCatalog, MemoryStore

    from trialbot.dialog.rules import CachedEligibility
    from trialbot.domain.trial import CriterionText, Trial
    from trialbot.retrieval.answerer import RetrievalAnswerer
    from trialbot.retrieval.memory_catalog import MemoryCatalog
    from trialbot.service import ConversationService
    from trialbot.settings import Settings

    trial = Trial(
        id=TRIAL,
        registry="ctgov",
        title="A new antibody in advanced solid tumours",
        conditions=["Breast Cancer", "Ovarian Cancer", "Endometrial Cancer"],
        min_age_years=18,
        criteria=[
            CriterionText(
                id="inc-1",
                kind="inclusion",
                text="Confirmed metastatic breast cancer, ovarian cancer or endometrial cancer.",
            ),
            CriterionText(
                id="inc-2",
                kind="inclusion",
                text="Adequate bone marrow, hepatic (liver), and renal function.",
            ),
            CriterionText(
                id="exc-1",
                kind="exclusion",
                text="Active infection including tuberculosis and HBV, HCV or HIV.",
            ),
        ],
    )
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("audit17-index"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog([trial]))
    answerer.warm_up()
    return ConversationService(
        ListCatalog([trial]),
        MemoryStore(),
        answerer,
        today=lambda: TODAY,
        rules=CachedEligibility(),
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "quoted", "not_quoted"),
    [
        ("can I join if I have hepatitis B?", "HBV, HCV or HIV", "hepatic"),
        ("could my wife take part if she has hepatitis C?", "HBV, HCV or HIV", "hepatic"),
        ("can I join if I have ovarian cancer?", "ovarian cancer", "HIV"),
    ],
)
def test_a_situation_asked_about_gets_the_rule_for_it(
    real_service: Any, question: str, quoted: str, not_quoted: str
) -> None:
    from trialbot.domain.turn import Incoming

    turn = real_service.handle(Incoming(conversation_id=question, text=question, trials=[TRIAL]))
    answers = [r for r in turn.replies if r.kind == "answer"]
    assert answers, [r.text for r in turn.replies]
    assert quoted in answers[0].text and not_quoted not in answers[0].text
    assert "Is that right?" not in " ".join(r.text for r in turn.replies)

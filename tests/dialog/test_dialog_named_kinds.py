"""An answer naming an item sets a narrow fact only when the item is of the asked kind
(prompts/named_kinds.yaml): "Shingrix 2 weeks ago" to the live-vaccine question sets no
live-vaccine date (it is not live), a vaccine not named is asked about plainly with a "Not sure"
that never excludes, "controlled high blood pressure" is no serious heart problem, and an
octreotide injection is no cancer medicine. The read-back names the concept in plain words."""

from __future__ import annotations

import pytest
from dialog_fakes import TODAY, FakeAnswerer, ListCatalog, SeedRules

from trialbot.dialog.answers import read_answer
from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.kinds import named_kind
from trialbot.dialog.state import DialogState
from trialbot.domain.facts import NEVER, UNKNOWN
from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import fact_specs, read_criterion

TRIAL = "NCT09999903"
# Live-vaccine washouts as records word them (NCT03428802-style and written variants).
VACCINE_TEXTS = [
    "Has received a live vaccine within 30 days prior to the first dose of study drug.",
    "Administration of a live, attenuated vaccine within 4 weeks prior to the first dose of "
    "study drug",
    "Received a live vaccine within 30 days before the first dose. Killed vaccines are allowed.",
]

NOT_LIVE = ["Shingrix 2 weeks ago", "flu jab last week", "covid booster 10 days ago",
            "I had the pneumonia vaccine 3 weeks ago", "hepatitis B jab on the 10th of November",
            "a tetanus shot last month", "RSV vaccine 5 days ago",
            "Gardasil last week"]  # fmt: skip
LIVE = ["MMR 2 weeks ago", "yellow fever jab 3 weeks ago",
        "the nasal spray flu vaccine last week", "chickenpox vaccine 10 days ago",
        "oral typhoid last week", "Zostavax 2 weeks ago"]  # fmt: skip
UNNAMED = ["a jab 2 weeks ago", "I had a travel vaccine 10 days ago", "I got a shot last week"]


def _engine(text: str) -> DialogEngine:
    criteria = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    trial = Trial(id=TRIAL, registry="ctgov", title="A study", status="RECRUITING")
    return DialogEngine(
        ListCatalog([trial]), FakeAnswerer(), rules=SeedRules({TRIAL: criteria}),
        today=lambda: TODAY,
    )  # fmt: skip


def _start(text: str) -> tuple[DialogEngine, DialogState]:
    engine, state = _engine(text), DialogState()
    engine.step(state, "/start", trials=[TRIAL])
    assert state.pending == "last_live_vaccine"
    return engine, state


def test_each_washout_is_a_certain_live_vaccine_rule() -> None:
    for text in VACCINE_TEXTS:
        (reading,) = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
        assert (reading.concept, reading.confidence) == ("last_live_vaccine", "certain")


@pytest.mark.parametrize("text", VACCINE_TEXTS)
@pytest.mark.parametrize("answer", NOT_LIVE)
def test_a_non_live_vaccine_sets_no_live_vaccine_date(text: str, answer: str) -> None:
    engine, state = _start(text)
    turn = engine.step(state, answer)
    assert "last_live_vaccine" not in state.facts and not state.confirming
    assert state.pending == "last_live_vaccine"
    assert "not a live vaccine" in turn.replies[-1].text
    engine.step(state, "never")
    assert state.facts["last_live_vaccine"] == NEVER
    assert all(a.verdict != "ineligible" for a in engine.walk(state).assessments().values())


@pytest.mark.parametrize("answer", LIVE)
def test_a_live_vaccine_is_read_back_naming_the_concept(answer: str) -> None:
    engine, state = _start(VACCINE_TEXTS[0])
    turn = engine.step(state, answer)
    assert turn.replies[-1].text.startswith("So: a live vaccine (one made with a weakened germ")
    engine.step(state, "yes, that's right")
    assert state.facts["last_live_vaccine"] not in (NEVER, UNKNOWN)
    assert [a.verdict for a in engine.walk(state).assessments().values()] == ["ineligible"]


@pytest.mark.parametrize("answer", UNNAMED)
def test_a_vaccine_not_named_is_asked_plainly_and_not_sure_never_excludes(answer: str) -> None:
    engine, state = _start(VACCINE_TEXTS[2])
    turn = engine.step(state, answer)
    asked = turn.replies[-1]
    assert "Was it a live vaccine" in asked.text
    assert [b.value.split("#")[0] for b in asked.buttons] == ["yes", "no", "unknown"]
    assert "last_live_vaccine" not in state.facts
    engine.step(state, None, button=asked.buttons[2].value)
    assert state.facts["last_live_vaccine"] == UNKNOWN
    assert all(a.verdict != "ineligible" for a in engine.walk(state).assessments().values())


@pytest.mark.parametrize(
    ("reply", "live"),
    [("yes", True), ("no", False), ("it was the MMR", True), ("a flu jab", False)],
)
def test_the_kind_question_is_answered_by_yes_no_or_the_name(reply: str, live: bool) -> None:
    engine, state = _start(VACCINE_TEXTS[0])
    engine.step(state, "a jab 2 weeks ago")
    turn = engine.step(state, reply)
    if live:
        assert state.facts["last_live_vaccine"] == "2026-11-07"
    else:
        assert "last_live_vaccine" not in state.facts and state.pending == "last_live_vaccine"
        assert "not live does not count" in turn.replies[-1].text


@pytest.mark.parametrize(
    ("fact", "said", "kind"),
    [
        ("last_live_vaccine", "the nasal spray flu vaccine", "inside"),  # no "flu" inside it
        ("last_live_vaccine", "flu jab and mmr", "both"),
        ("last_live_vaccine", "a vaccine last week", "unnamed"),
        ("last_live_vaccine", "last week", None),
        ("heart_disease", "controlled high blood pressure", "outside"),
        ("heart_disease", "high blood pressure and angina", "both"),
        ("last_anticancer_therapy", "octreotide injection 10 days ago", "outside"),
        ("age_years", "shingrix", None),
    ],
)
def test_named_kind(fact: str, said: str, kind: str | None) -> None:
    assert named_kind(fact, said) == kind


@pytest.mark.parametrize(
    "answer",
    ["I have high blood pressure, it's controlled with pills", "hypertension, on tablets",
     "yes, high blood pressure", "just high cholesterol"],
)  # fmt: skip
def test_high_blood_pressure_is_no_serious_heart_problem(answer: str) -> None:
    reading = read_answer(fact_specs()["heart_disease"], answer, TODAY)
    assert reading.problem == "other_kind" and not reading.facts


@pytest.mark.parametrize(
    ("answer", "value"),
    [("no, just high blood pressure", False), ("yes, angina and high blood pressure", True)],
)
def test_a_heart_answer_that_says_no_or_names_a_heart_problem_is_read(
    answer: str, value: bool
) -> None:
    reading = read_answer(fact_specs()["heart_disease"], answer, TODAY)
    assert reading.facts == {"heart_disease": value}


@pytest.mark.parametrize(
    "answer",
    ["octreotide injection every 4 weeks, last one was 10 days ago",
     "Sandostatin LAR last week", "lanreotide shot 2 weeks ago"],
)  # fmt: skip
def test_octreotide_is_no_cancer_medicine(answer: str) -> None:
    reading = read_answer(fact_specs()["last_anticancer_therapy"], answer, TODAY)
    assert reading.problem == "other_kind" and not reading.facts


def test_chemo_beside_octreotide_is_read_back() -> None:
    reading = read_answer(
        fact_specs()["last_anticancer_therapy"], "chemo 2 weeks ago, octreotide since", TODAY
    )
    assert reading.facts == {"last_anticancer_therapy": "2026-11-07"} and reading.doubtful

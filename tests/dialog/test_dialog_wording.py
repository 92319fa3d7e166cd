"""Questions worded for the person asked about: a young child is "your child" even when the
relation was not said, the birth-control question fits the sex at birth, and help texts speak of
the same person as their question."""

from __future__ import annotations

import pytest
from dialog_fakes import DRAGONFLY, TODAY, FakeAnswerer, ListCatalog, SeedRules

from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.fitting import fitted_spec
from trialbot.dialog.state import DialogState
from trialbot.dialog.texts import Texts
from trialbot.domain.facts import FactValue
from trialbot.domain.trial import Trial
from trialbot.eligibility import fact_specs

SPECS = fact_specs()
TEXTS = Texts()


def _question(fact: str, facts: dict[str, FactValue], relation: str | None = None) -> str:
    state = DialogState()
    state.facts.update(facts)
    state.relation = relation
    return fitted_spec(SPECS[fact], state, TEXTS).question


@pytest.mark.parametrize("age", [8, 3, 11.5, 0.5])
def test_a_young_child_is_asked_about_as_your_child(age: float) -> None:
    """Below 12 the person typing is not the patient: "your child", never "you"."""
    for fact in ("last_major_surgery", "hepatitis_b", "swallow_tablets", "prior_cancer_treatment"):
        question = _question(fact, {"age_years": age})
        assert "your child" in question and "you (or" not in question
        assert "if you have not" not in question


@pytest.mark.parametrize("age", [12, 16, 40])
def test_an_older_person_without_a_relation_is_still_you(age: float) -> None:
    """From 12 on, with no relation said, the questions still speak to "you"."""
    assert _question("last_major_surgery", {"age_years": age}).startswith("When did you last")


@pytest.mark.parametrize(
    ("facts", "relation", "expected"),
    [
        (
            {"sex": "female", "age_years": 14},
            "daughter",
            "If your daughter could get pregnant, would she",
        ),
        ({"sex": "male", "age_years": 15}, "son", "If your son could father a child, would he"),
        ({"sex": "female", "age_years": 30}, None, "If you could get pregnant, would you"),
        ({"sex": "male", "age_years": 30}, None, "If you could father a child, would you"),
        ({"age_years": 30}, None, "If you could get pregnant or father a child, would you"),
    ],
)
def test_the_birth_control_question_fits_the_sex_at_birth(
    facts: dict[str, FactValue], relation: str | None, expected: str
) -> None:
    """A girl is not asked whether she could father a child, nor a boy whether he could get
    pregnant; with the sex not known both stay."""
    assert _question("agrees_to_contraception", facts, relation).startswith(expected)


@pytest.mark.parametrize(
    ("fact", "left_out"),
    [
        ("heart_rhythm_problem", "your heart rhythm"),
        ("peripheral_neuropathy", "your hands"),
        ("bleeding_disorder", "makes you bleed"),
    ],
)
def test_a_question_about_a_child_has_no_you_left_in_it(fact: str, left_out: str) -> None:
    """ "your daughter has a problem with your heart rhythm" mixed two people."""
    assert left_out not in _question(fact, {"age_years": 9, "sex": "female"}, "daughter")


def test_the_daily_life_help_speaks_of_the_child() -> None:
    """The help under the daily-life question speaks of the child, not of "your health"."""
    state = DialogState()
    state.facts.update({"age_years": 8, "sex": "male"})
    help_text = fitted_spec(SPECS["ecog_level"], state, TEXTS).help or ""
    assert "your child's health" in help_text and "your daily" not in help_text


def test_an_age_of_8_typed_alone_turns_the_questions_to_the_child(seeds: list[Trial]) -> None:
    """ "8" to the age question (no relation said): the next questions speak of the child."""
    engine = DialogEngine(
        ListCatalog(seeds), FakeAnswerer(), rules=SeedRules(), today=lambda: TODAY
    )
    state = DialogState()
    engine.step(state, "/start", trials=[DRAGONFLY])
    questions = []
    for text in ("8", "stable", "no", "no"):
        result = engine.step(state, text)
        questions += [r.text for r in result.replies if r.kind == "question"]
    assert questions and all("you (or" not in q for q in questions)
    assert any("your child" in q for q in questions)
    assert all("What sex" not in q for q in questions)  # nothing here depends on the sex

"""Hepatitis B and C are asked about NOW ("Do you have hepatitis C now? Say no if it was cured
or has cleared"): a criterion about the infection itself is read whole, and one that also takes
in an infection that is over ("History of hepatitis C", an antibody test) excludes on a "yes"
only (a cured hepatitis C says "no" and goes to the study team).

Before the question said "now", a cured hepatitis C could answer "yes" to "Has a doctor told you
that you have hepatitis C?", so infection criteria were settled by "no" only (audit3 finding 4).
"""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import evaluate
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionText
from trialbot.eligibility import fact_spec, read_criterion

TODAY = datetime.date(2026, 12, 1)
NCT03319901_EXC_4 = (
    "Hepatitis B or C infection, or known seropositivity for human immunodeficiency virus (HIV)"
)


def _read(text: str, kind: str = "exclusion") -> dict[str, StructuredCriterion]:
    readings = read_criterion(CriterionText(id="exc-1", kind=kind, text=text))
    return {r.concept: r for r in readings if r.concept}


def test_the_questions_ask_about_now_and_say_what_a_cured_infection_answers() -> None:
    for fact in ("hepatitis_b", "hepatitis_c"):
        spec = fact_spec(fact)
        assert spec is not None
        assert " now?" in spec.question and "cured" in spec.question


def test_an_infection_criterion_is_settled_both_ways() -> None:
    """NCT03319901 exc-4: a hepatitis B now excludes, no hepatitis now does not; HIV as before."""
    read = _read(NCT03319901_EXC_4)
    assert {c: r.confidence for c, r in read.items()} == {
        "hepatitis_b": "certain", "hepatitis_c": "certain", "hiv": "certain",
    }  # fmt: skip
    assert evaluate(read["hepatitis_b"], {"hepatitis_b": True}, TODAY).status == "not_met"
    assert evaluate(read["hepatitis_c"], {"hepatitis_c": False}, TODAY).status == "met"
    assert evaluate(read["hiv"], {"hiv": True}, TODAY).status == "not_met"


@pytest.mark.parametrize(
    "text", ["Known hepatitis C infection", "HBsAg positive", "Known hepatitis B or C"]
)
def test_other_current_infection_wordings_are_certain(text: str) -> None:
    assert {r.confidence for r in _read(text).values()} == {"certain"}


@pytest.mark.parametrize(
    "text",
    [
        "History of hepatitis C",
        "History of hepatitis B or C",
        "HCV antibody positive",
        "HCV positive",
        "Positive test for hepatitis B surface antigen (HBsAg) or hepatitis C antibody",
    ],
)
def test_a_criterion_taking_in_a_past_infection_excludes_on_yes_only(text: str) -> None:
    """A cured hepatitis C (a "no" now) still has a history and antibodies: study team."""
    for reading in _read(text).values():
        assert (reading.confidence, reading.decisive_when) == ("partial", "met")
        fact = reading.concept
        assert evaluate(reading, {fact: True}, TODAY).status == "not_met"
        assert evaluate(reading, {fact: False}, TODAY).status == "unknown"


@pytest.mark.parametrize("text", ["Active hepatitis B or C", "Chronic hepatitis B virus infection"])
def test_a_qualified_infection_is_never_decided_by_the_question(text: str) -> None:
    """An inactive carrier has hepatitis B now but maybe no 'active' one: partial."""
    for reading in _read(text).values():
        assert (reading.confidence, reading.decisive_when) == ("partial", None)


def test_no_history_in_an_inclusion_is_partial() -> None:
    reading = _read("No history of hepatitis C", kind="inclusion")["hepatitis_c"]
    assert (reading.confidence, reading.decisive_when) == ("partial", None)

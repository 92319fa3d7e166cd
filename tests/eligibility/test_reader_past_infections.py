"""A "yes" to "Has a doctor told you that you have hepatitis C?" also comes from a cured hepatitis
C: a criterion about the infection itself is settled by "no" only (audit3 finding 4)."""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import evaluate
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion

TODAY = datetime.date(2026, 12, 1)
NCT03319901_EXC_4 = (
    "Hepatitis B or C infection, or known seropositivity for human immunodeficiency virus (HIV)"
)


def _read(text: str) -> dict[str, StructuredCriterion]:
    readings = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    return {r.concept: r for r in readings if r.concept}


def test_a_cured_hepatitis_c_is_not_excluded_by_an_infection_criterion() -> None:
    """NCT03319901 exc-4: hepatitis C "yes" goes to the study team, "no" is not excluded, while
    HIV (never over) still excludes for sure."""
    read = _read(NCT03319901_EXC_4)
    assert read["hepatitis_c"].confidence == "partial"
    assert read["hepatitis_b"].confidence == "partial"
    assert read["hiv"].confidence == "certain"
    assert evaluate(read["hepatitis_c"], {"hepatitis_c": True}, TODAY).status == "unknown"
    assert evaluate(read["hepatitis_c"], {"hepatitis_c": False}, TODAY).status == "met"
    assert evaluate(read["hiv"], {"hiv": True}, TODAY).status == "not_met"


@pytest.mark.parametrize(
    "text",
    ["HCV positive", "Chronic hepatitis B virus infection", "Known hepatitis C infection"],
)
def test_other_current_infection_wordings_are_not_certain(text: str) -> None:
    """Invented wordings about the infection itself never exclude on a bare "yes"."""
    assert {r.confidence for r in _read(text).values()} == {"partial"}


def test_a_history_criterion_is_settled_by_yes() -> None:
    """'History of hepatitis C' takes in a cured one: the answer settles it either way."""
    reading = _read("History of hepatitis C")["hepatitis_c"]
    assert reading.confidence == "certain"
    assert evaluate(reading, {"hepatitis_c": True}, TODAY).status == "not_met"

"""Kinds where the criterion and the question differ in breadth (issue 10, fifth round): the
transplant question asks about an organ or a donor stem cell transplant, so an allogeneic
criterion is read whole and a broader one excludes only on a "yes"."""

from __future__ import annotations

import pytest

from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion


def _read(kind: str, text: str) -> list[tuple[str | None, str, str | None]]:
    return [
        (c.concept, c.confidence, c.decisive_when)
        for c in read_criterion(CriterionText(id="exc-1", kind=kind, text=text))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Prior allogeneic stem cell or solid organ transplantation.",
        "Allogeneic bone marrow or solid organ transplant",
        "Known history of allogeneic organ transplantation or allogeneic hematopoietic stem cell "
        "transplantation",
        "History of allogeneic organ or stem cell transplant.",
        "Has a history of allogenic stem cell transplantation or organ transplantation",
        "Previous allogeneic bone marrow transplant or solid organ transplant",
    ],
)
def test_an_organ_or_donor_stem_cell_transplant_is_read_whole(text: str) -> None:
    assert _read("exclusion", text) == [("organ_transplant", "certain", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Has had an allogeneic tissue/solid organ transplant.",  # NCT05078931 exc-6
        "History of allogenic tissue or solid organ transplant",
        # NCT05925803 exc-7
        "Hematopoietic stem cell transplantation or solid organ/limb transplantation",
        "History of solid organ or bone marrow transplantation.",
        "Prior organ or stem cell transplant.",
        "Prior allogeneic/autologous bone marrow or solid organ transplant",
    ],
)
def test_a_broader_transplant_exclusion_is_decided_by_a_yes_only(text: str) -> None:
    """Allogeneic tissue (corneas, limbs) or any stem cell transplant takes in more people than
    the question asks about: a "yes" establishes the exclusion, a "no" settles nothing."""
    assert _read("exclusion", text) == [("organ_transplant", "partial", "met")]


@pytest.mark.parametrize(
    "text",
    [
        "Prior solid organ transplantation.",
        "Prior allogeneic stem cell transplantation",
        "Autologous stem cell transplantation (SCT) within 30 days prior to Day 1",
        "Is a solid organ transplant recipient",
    ],
)
def test_a_narrower_transplant_exclusion_is_never_decided_by_the_question(text: str) -> None:
    """An organ alone, a donor stem cell transplant alone or an autologous one: a "yes" to the
    question does not establish it (partial, not decisive)."""
    read = _read("exclusion", text)
    assert ("organ_transplant", "partial", None) in read
    assert all(c[1] != "certain" and c[2] is None for c in read)

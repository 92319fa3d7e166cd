"""A heading line holding a section number and its numbered sub-section ("3.2 Eligibility Criteria
for ... phase 3.2.1 Inclusion Criteria for ... phase"): the last numbered part is the heading, so
its list keeps the heading's kind and group. Source: NCT06122480 (PHOLIPANC), whose pre-surgery
inclusions were read as exclusions after the pre-screening exclusion list, so "ECOG performance
status 0-1" excluded every patient."""

from __future__ import annotations

import pytest

from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import read_criteria
from trialbot.sources.criteria_split import split_criteria


def _split(heading: str) -> list[CriterionText]:
    text = (
        "1. Inclusion Criteria at the Pre-Screening Enrollment\n\n"
        "   * Measurable disease according to RECIST v1.1\n"
        "2. Exclusion Criteria at the Pre-Screening Enrollment\n\n"
        "   * Known HIV seropositivity\n\n"
        f"{heading}\n\n"
        "* ECOG performance status 0-1\n"
        "* Received FOLFIRINOX or modified FOLFIRINOX\n\n"
        "3.2.2 Exclusion Criteria for Study Entry Enrollment at the Pre-surgery phase\n\n"
        "* Pregnant or breast-feeding female\n"
    )
    return split_criteria(text)


@pytest.mark.parametrize(
    "heading",
    [
        # the record's own line
        "3.2 Eligibility Criteria for Study Entry Enrollment at the Pre-Surgery phase 3.2.1 "
        "Inclusion Criteria for study continuation at the Pre-Surgery phase",
        # variants
        "4.1 Criteria for Registration to Part 2 of the study 4.1.1 Inclusion Criteria for Part 2",
        "3.3 Second Step Eligibility 3.3.1. Inclusion Criteria for the surgery phase",
    ],
)
def test_the_last_numbered_part_of_a_heading_line_opens_the_list(heading: str) -> None:
    items = _split(heading)
    by_text = {c.text: c for c in items}
    assert by_text["ECOG performance status 0-1"].kind == "inclusion"
    assert by_text["Received FOLFIRINOX or modified FOLFIRINOX"].kind == "inclusion"
    assert by_text["Pregnant or breast-feeding female"].kind == "exclusion"
    assert by_text["Known HIV seropositivity"].kind == "exclusion"
    assert not any(c.text.startswith(heading[:12]) for c in items)


def test_a_later_phase_keeps_its_group_and_never_excludes_at_entry() -> None:
    """The pre-surgery requirements are scoped to that phase: none is a certain exclusion and
    none is a requirement of everyone."""
    heading = (
        "3.2 Eligibility Criteria for Study Entry Enrollment at the Pre-Surgery phase 3.2.1 "
        "Inclusion Criteria for study continuation at the Pre-Surgery phase"
    )
    trial = Trial(id="NCT00000001", registry="ctgov", title="A trial", criteria=_split(heading))
    readings = read_criteria(trial)
    later = [r for r in readings if r.text in ("ECOG performance status 0-1",)]
    assert later and all(r.kind == "inclusion" for r in later)
    assert all(r.applies_to for r in later)
    folfirinox = [r for r in readings if r.text.startswith("Received FOLFIRINOX")]
    assert folfirinox and all(r.applies_to and r.confidence != "certain" for r in folfirinox)


def test_a_measure_inside_a_criterion_is_no_heading() -> None:
    """A decimal inside a criterion never splits it: only multi-part section numbers before a
    capitalised heading word count, and the part must name inclusion or exclusion."""
    items = split_criteria(
        "Inclusion Criteria:\n* Hemoglobin 9.0 G/dL or more\n* Exclusion of a 1.2.3 Grade lesion\n"
    )
    assert [c.kind for c in items] == ["inclusion", "inclusion"]

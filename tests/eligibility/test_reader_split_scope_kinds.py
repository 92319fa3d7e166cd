"""Kinds of the split and scope stages: where one criterion ends and which group it is for.

1. An item in the middle of a section that ends with ":" ("... meet the following criteria:")
   keeps its indented sub-items: one criterion, not a section heading over separate criteria.
2. Criteria numbered with markdown-escaped numbers ("* 1\\. ...", "  2\\. ...") are the
   section's criteria, the bullets between them their sub-items.
3. A criterion limited to a cohort, part or phase by a sub-heading ("PATIENTS WHO HAVE UNDERGONE
   HCT:", "Cohort 1 (Non-small cell lung cancer):"), a prefix ("Part 1 only:", "(Phase 1a only)",
   "Dose expansion only:", "For Cohort A, ...") or a suffix ("(Phase 2 only)", "... Part 2
   only") gets that group as `applies_to` and is never certain; the group ends where the section
   ends, and sexes ("Females only:") are no group.
Each with the real record and a few variants written for the kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from split_texts import record_text, split_texts

from trialbot.domain.trial import CriterionKind, CriterionText, Trial
from trialbot.eligibility import read_criteria, read_criterion
from trialbot.sources.criteria_split import split_criteria
from trialbot.sources.readers import read_document

# --- 1. A mid-section item that introduces its own indented list ------------------------------


def test_an_item_meeting_the_following_criteria_keeps_its_sub_items(full_corpus_dir: Path) -> None:
    """NCT04007835: the EGFR TKI item and the organ function item keep their indented lists."""
    items = dict(split_texts(record_text(full_corpus_dir, "NCT04007835")))
    assert items["inc-5"].startswith(
        "Patients should be using the EGFR TKI monotherapy as the first line treatment and meet "
        "the following criteria: 1. Patients who showed objective clinical benefit"
    )
    assert "2. Patients who showed 1. risk of recurrence" in items["inc-5"]
    assert "Evidence of imaging or clinical progression is required" in items["inc-5"]
    assert items["inc-6"].startswith("At least one measurable lesion")
    assert items["inc-9"].startswith(
        "The main organs function meet following criteria: - Blood routine examination criteria"
    )
    assert "- Biochemical tests meet the following criteria" in items["inc-9"]
    assert items["inc-10"].startswith("Female patients of childbearing age")
    assert len([i for i in items if i.startswith("inc-")]) == 10
    assert len([i for i in items if i.startswith("exc-")]) == 23


@pytest.mark.parametrize(
    ("text", "parent"),
    [
        (
            "Inclusion Criteria:\n\n* Age 18 or older\n* Participants with treated brain "
            "metastases are eligible if they meet the following criteria:\n\n  * No steroids "
            "for 14 days\n  * Stable on MRI for 4 weeks\n* ECOG 0-1\n\nExclusion Criteria:\n\n"
            "* Pregnant",
            "Participants with treated brain metastases are eligible if they meet the following "
            "criteria: - No steroids for 14 days - Stable on MRI for 4 weeks",
        ),
        (
            "Inclusion Criteria:\n\n1. Age 18 or older\n2. Adequate organ function meeting the "
            "following criteria:\n   * ANC >= 1500/uL\n   * Platelets >= 100000/uL\n3. ECOG 0-1",
            "Adequate organ function meeting the following criteria: - ANC >= 1500/uL - "
            "Platelets >= 100000/uL",
        ),
        (
            "Inclusion Criteria:\n\n- Age 18 or older\n- HIV-infected participants must meet all "
            "of the following criteria:\n    1. CD4 count > 350 cells/uL\n    2. Undetectable "
            "viral load\n- ECOG 0-1",
            "HIV-infected participants must meet all of the following criteria: 1. CD4 count > "
            "350 cells/uL 2. Undetectable viral load",
        ),
    ],
)
def test_a_mid_section_lead_with_an_indented_list_is_one_criterion(text: str, parent: str) -> None:
    items = split_texts(text)
    assert items[:3] == [("inc-1", "Age 18 or older"), ("inc-2", parent), ("inc-3", "ECOG 0-1")]


def test_a_lead_that_opens_its_section_still_splits_its_list() -> None:
    """At a section's start "... any of the following criteria ... excluded:" is the lead of
    separate criteria, and so is a mid-section lead whose list is not indented under it."""
    opening = (
        "Exclusion Criteria:\n\n* Patients who meet any of the following criteria will be "
        "excluded from participation in the study:\n\n  1. Pregnant or breastfeeding;\n  2. Known "
        "gastric or duodenal ulcer;\n  3. Uncontrolled diabetes"
    )
    assert split_texts(opening) == [
        ("exc-1", "Pregnant or breastfeeding;"),
        ("exc-2", "Known gastric or duodenal ulcer;"),
        ("exc-3", "Uncontrolled diabetes"),
    ]
    flat = (
        "Inclusion Criteria:\n\n* Age 18 or older\n* Patients must also meet the following "
        "criteria:\n* ECOG 0-1\n* Life expectancy of 3 months"
    )
    assert [t for _, t in split_texts(flat)] == [
        "Age 18 or older",
        "ECOG 0-1",
        "Life expectancy of 3 months",
    ]


# --- 2. Escaped numbering ---------------------------------------------------------------------


def test_escaped_numbers_are_the_sections_criteria(corpus_dir: Path) -> None:
    """NCT04329728: "* 1\\. Age ...", then "  2\\. ..." to "  8\\. ..." indented."""
    items = split_texts(record_text(corpus_dir, "NCT04329728"))
    inclusions = [t for i, t in items if i.startswith("inc-")]
    assert len(inclusions) == 8
    assert inclusions[0] == "Age ≥12 years and weight ≥40 kg;"
    assert inclusions[1].startswith("Histologically confirmed diagnosis per 2016")
    assert "- DLBCL, including arising from follicular lymphoma;" in inclusions[1]
    assert inclusions[2].startswith("Patients must have relapsed or refractory (R/R) disease")
    assert "- All other diagnoses: R/R after autologous or allogeneic HCT" in inclusions[2]
    assert inclusions[3].startswith("Lansky (12 to 15 years of age)")
    assert inclusions[4].startswith("Screening laboratory values that meet all of the following")
    assert "- Platelet count ≥25 × 109/L;" in inclusions[4]
    assert inclusions[7].startswith("The ability to understand and willingness to sign")
    assert not any(t[0].isdigit() for t in inclusions)
    assert [i for i, _ in items if i.startswith("exc-")][-1] == "exc-12"


@pytest.mark.parametrize(
    "text",
    [
        "Inclusion Criteria:\n\n* 1\\. Age 18 or older\n\n  2\\. Measurable disease:\n"
        "  * in the liver; or\n  * in the lung\n\n    3\\. ECOG 0-1",
        "Inclusion Criteria:\n\n1\\. Age 18 or older\n2\\. Measurable disease:\n"
        "* in the liver; or\n* in the lung\n3\\. ECOG 0-1",
        "Inclusion Criteria:\n\n* 1\\. Age 18 or older\n* 2\\. Measurable disease:\n"
        "    * in the liver; or\n    * in the lung\n* 3\\. ECOG 0-1",
    ],
)
def test_escaped_numbering_written_under_bullets_or_indented(text: str) -> None:
    assert split_texts(text) == [
        ("inc-1", "Age 18 or older"),
        ("inc-2", "Measurable disease: - in the liver; or - in the lung"),
        ("inc-3", "ECOG 0-1"),
    ]


def test_a_lone_or_nested_escaped_number_is_left_to_its_list() -> None:
    """One escaped number among bullets, or escaped numbers nested under an item, number no
    criteria of their own."""
    lone = "Exclusion Criteria:\n\n* Pregnant\n* Active infection\n* 3\\. Severe dementia"
    assert [t for _, t in split_texts(lone)] == [
        "Pregnant",
        "Active infection",
        "3. Severe dementia",
    ]
    nested = (
        "Exclusion Criteria:\n\n1. Pregnant\n2. Not of childbearing potential, defined as:\n"
        "    * 1\\. Postmenopausal\n    * 2\\. Sterilised\n3. Active infection"
    )
    assert [t for _, t in split_texts(nested)] == [
        "Pregnant",
        "Not of childbearing potential, defined as: - 1. Postmenopausal - 2. Sterilised",
        "Active infection",
    ]


# --- 3. Cohort, part and phase headings, prefixes and suffixes --------------------------------


def _scopes(text: str) -> list[tuple[str, str | None, str]]:
    """(criterion id, applies_to, confidence) of every reading of an eligibility text."""
    trial = Trial(id="NCT1", registry="ctgov", title="t", criteria=split_criteria(text))
    return [(c.id, c.applies_to, c.confidence) for c in read_criteria(trial) if "-" in c.id]


def _scope_of(kind: CriterionKind, text: str) -> set[str | None]:
    read = read_criterion(CriterionText(id=f"{kind[:3]}-1", kind=kind, text=text))
    return {c.applies_to for c in read}


def test_capital_patient_group_headings_scope_the_criteria_under_them() -> None:
    """Capital cohort headings of a transplant trial ("PATIENTS WHO HAVE NOT YET UNDERGONE HCT:" /
    "PATIENTS WHO HAVE UNDERGONE HCT:") are kept as group headings and scope the criteria under
    them; the exclusions after them are for everyone again."""
    text = (
        "Inclusion Criteria:\n\n* Age 18 years or older\n\nPATIENTS WHO HAVE NOT YET UNDERGONE "
        "HCT:\n\n* ECOG performance status 0 or 1\n* Measurable disease\n\nPATIENTS WHO HAVE "
        "UNDERGONE HCT:\n\n* ECOG performance status 0 to 2\n\nExclusion Criteria:\n\n"
        "* Pregnant or breastfeeding"
    )
    by_id = {i: (scope, conf) for i, scope, conf in _scopes(text)}
    assert by_id["inc-1"] == (None, "certain")
    assert by_id["inc-2"][0] is None  # the heading itself: no check of its own
    assert by_id["inc-3"] == ("PATIENTS WHO HAVE NOT YET UNDERGONE HCT", "partial")
    assert by_id["inc-4"][0] == "PATIENTS WHO HAVE NOT YET UNDERGONE HCT"
    assert by_id["inc-6"] == ("PATIENTS WHO HAVE UNDERGONE HCT", "partial")
    assert [c.text for c in split_criteria(text) if c.kind == "exclusion"] == [
        "All participants",
        "Pregnant or breastfeeding",
    ]
    assert {v for i, v in by_id.items() if i.startswith("exc-2")} == {(None, "certain")}


def test_group_sub_headings_of_the_corpus_scope_their_criteria(corpus_dir: Path) -> None:
    """NCT04219254 "Cohort 1 (Non-small cell lung cancer):", NCT04890613 "Exploratory cohort:",
    NCT05786924 "Part 2 Dose Optimization and Expansion cohorts ONLY:": kept as headings."""
    for nct_id, heading in (
        ("NCT04219254", "Cohort 1 (Non-small cell lung cancer)"),
        ("NCT04219254", "Cohort 3 (Other Tumor Types)"),
        ("NCT04890613", "Exploratory cohort"),
        ("NCT05786924", "Part 2 Dose Optimization and Expansion cohorts ONLY"),
    ):
        trial = read_document(corpus_dir / f"{nct_id}.json")[0]
        read = read_criteria(trial)
        assert any(c.text == f"{heading}:" and c.concept == "meta" for c in read), heading
        scoped = [c for c in read if c.applies_to == heading]
        assert all(c.confidence != "certain" for c in scoped)
        assert scoped or nct_id == "NCT05786924"  # its parts' own prefixes ("Part 2A:") win


def test_a_group_heading_inside_a_section_ends_with_it(corpus_dir: Path) -> None:
    """NCT04657068: "* Part B7 (2L) only:" in the inclusions does not reach the exclusions, and
    "Inclusion criteria specific to Part B6:" names its part."""
    trial = read_document(corpus_dir / "NCT04657068.json")[0]
    read = read_criteria(trial)
    exclusions = [c for c in read if c.kind == "exclusion"]
    assert not any(c.applies_to and "B7" in c.applies_to for c in exclusions)
    assert sum(c.applies_to is None for c in exclusions) > 20
    assert any(c.applies_to == "Part B6" for c in read if c.kind == "inclusion")


@pytest.mark.parametrize(
    ("kind", "text", "scope"),
    [
        ("inclusion", "Part 2 only: Has not received systemic anticancer therapy", "Part 2 only"),
        ("inclusion", "Part 1 only: ECOG performance status 0 or 1", "Part 1 only"),
        (
            "inclusion",
            "Dose expansion only: measurable disease per RECIST 1.1",
            "Dose expansion only",
        ),
        ("inclusion", "(Phase 1a only) Participants must have measurable disease", "Phase 1a only"),
        ("exclusion", "Prior treatment with a PARP inhibitor (Phase 2 only)", "Phase 2 only"),
        ("exclusion", "Prior treatment with a PARP inhibitor, Part 2 only.", "Part 2 only"),
        ("exclusion", "Known brain metastases (Arm 3 only)", "Arm 3 only"),
        ("inclusion", "For Cohort A, at least one prior line of therapy", "For Cohort A"),
        ("inclusion", "In Phase 1b, ECOG performance status 0 or 1", "In Phase 1b"),
        ("exclusion", "Cohort A only - prior abiraterone", "Cohort A only"),
        (
            "exclusion",
            "Part 3-Retreatment only: Any anti-cancer therapy within 4 weeks",
            "Part 3-Retreatment only",
        ),
        (
            "exclusion",
            "Dose Expansion (mCRPC only): Has had prior anti-cancer immunotherapy",
            "Dose Expansion (mCRPC only)",
        ),
    ],
)
def test_a_group_named_before_or_after_a_criterion_is_its_scope(
    kind: CriterionKind, text: str, scope: str
) -> None:
    read = read_criterion(CriterionText(id=f"{kind[:3]}-1", kind=kind, text=text))
    assert {c.applies_to for c in read} == {scope}
    assert all(c.confidence != "certain" for c in read)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("exclusion", "Females only: Pregnant or breastfeeding"),
        ("exclusion", "(Females only) Known pregnancy"),
        ("exclusion", "Patients receiving only a targeted agent (e.g. TKI) or immunotherapy"),
        ("inclusion", "Child-Pugh class A only (HCC only)"),
        ("exclusion", "For women of childbearing potential, a positive pregnancy test"),
        ("inclusion", "For all participants, consent to practice double-barrier contraception"),
    ],
)
def test_a_sex_or_an_only_that_names_no_group_is_no_scope(kind: CriterionKind, text: str) -> None:
    assert _scope_of(kind, text) == {None}

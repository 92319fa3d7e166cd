"""Kinds the eighth held-out part (b) found: criteria a patient can answer left partial or cut
apart. Each pinned with the real criterion and a few variants written for the kind.

1. A finding named before a bare "Any of the following:" ("Abnormal complete blood count. Any of
   the following:") whose items are that finding's limits keeps the items with it: one
   criterion, not a lead standing alone plus one exclusion per limit. A list of examples
   ("... disease, including any of the following:") or a bare lead is still split.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import status_of as _check
from split_texts import record_text, split_texts

from trialbot.domain.criteria import StructuredCriterion


def _certain(criterion: StructuredCriterion) -> bool:
    return (
        criterion.confidence == "certain"
        and not criterion.needs_review
        and criterion.condition is not None
    )


# --- 1. A finding defined by a bare "any of the following" list -----------------------------


def test_blood_count_limits_stay_with_their_finding(corpus_dir: Path) -> None:
    """NCT05985148 exc-10: the three blood count limits belong to 'Abnormal complete blood
    count'; the exclusions after it keep their numbers (exc-11 is the coagulation profile)."""
    items = dict(split_texts(record_text(corpus_dir, "NCT05985148")))
    assert items["exc-10"] == (
        "Abnormal complete blood count. Any of the following: - Platelet count < 75 K/µL - "
        "Hgb level < 9 g/dl - WBC < 3.5 K/µl"
    )
    assert items["exc-11"].startswith("Abnormal coagulation profile")
    assert items["exc-15"].startswith("Severe respiratory disease")
    assert "exc-16" not in items


@pytest.mark.parametrize(
    "lead",
    [
        "Abnormal complete blood count. Any of the following:",
        "Inadequate bone marrow function, any of the following:",
        "Abnormal liver function tests; one or more of the following:",
        "Poor kidney function: any of the following:",
    ],
)
def test_a_finding_before_a_bare_any_of_keeps_its_list(lead: str) -> None:
    text = (
        f"Exclusion Criteria:\n\n* Prior transplant.\n* {lead}\n  * Item one\n  * Item two\n"
        "  * Item three\n* Known HIV infection."
    )
    items = split_texts(text)
    assert [i for i, _ in items] == ["exc-1", "exc-2", "exc-3"]
    assert items[1][1].startswith(lead)
    assert items[1][1].endswith("Item three")


@pytest.mark.parametrize(
    "lead",
    [
        "Any of the following:",
        "Clinically significant cardiac disease, including any of the following:",
        "Patients who have any of the following:",
    ],
)
def test_examples_or_a_bare_lead_are_still_split(lead: str) -> None:
    text = (
        f"Exclusion Criteria:\n\n* Prior transplant.\n* {lead}\n  * Item one\n  * Item two\n"
        "  * Item three\n* Known HIV infection."
    )
    assert len(split_texts(text)) == 6


# --- 2. An exclusion written as a prohibition ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT07293351 exc-3
        (
            "Participants must not have a history of interstitial lung disease or pneumonitis.",
            "interstitial_lung_disease",
        ),
        ("Patients must not have known HIV infection.", "hiv"),
        ("Subjects should not be pregnant.", "pregnant"),
        ("Must not have a history of seizures.", "seizures"),
    ],
)
def test_a_prohibition_in_an_exclusion_is_read_whole(text: str, concept: str) -> None:
    """'must not have X' listed as an exclusion says X excludes: the 'not' is no word left over."""
    assert _certain(_one("exclusion", text, concept))


@pytest.mark.parametrize(
    "text",
    [
        # a "not" that is no opening prohibition still counts
        "History of pneumonitis not requiring steroids.",
        "Patients must not have received prior chemotherapy unless given more than 5 years ago.",
    ],
)
def test_other_nots_in_an_exclusion_still_count(text: str) -> None:
    assert not any(_certain(c) for c in _read("exclusion", text))


# --- 3. Major surgery beside an injury ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT07293351 exc-10
        "Participants must not have had a major surgery or trauma within 28 days prior to C1D1.",
        "Major surgery or significant traumatic injury within 28 days before the first dose.",
        "Major surgery/trauma within 4 weeks of enrollment.",
    ],
)
def test_surgery_or_injury_excludes_on_a_recent_operation(text: str) -> None:
    """An injury is another way to be excluded: a major operation in the window still excludes
    (decisive when met), no operation settles nothing."""
    surgery = _one("exclusion", text, "last_major_surgery")
    assert surgery.confidence == "partial"
    assert surgery.decisive_when == "met"
    assert _check(surgery, {"last_major_surgery": "2026-11-20"}) == ("not_met", False)
    assert _check(surgery, {"last_major_surgery": "never"})[0] != "not_met"


def test_an_injury_named_in_an_exception_is_no_alternative() -> None:
    text = "Major surgery within 28 days, except minor surgery or injury."
    surgery = _one("exclusion", text, "last_major_surgery")
    assert surgery.decisive_when is None


# --- 4. Spelled-out names of a fact's own words ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT05279300 exc-9: "acquired immune deficiency syndrome" written in three words
        (
            "Patients known to be human immunodeficiency virus (HIV)-positive or have acquired "
            "immune deficiency syndrome (AIDS).",
            "hiv",
        ),
        ("HIV infection or acquired immune deficiency syndrome.", "hiv"),
        # NCT05279300 exc-15: the question asks about a problem right now
        ("With known active alcohol or drug abuse.", "substance_use"),
        ("Ongoing alcohol or drug abuse.", "substance_use"),
    ],
)
def test_words_the_question_already_says(text: str, concept: str) -> None:
    assert _certain(_one("exclusion", text, concept))


# --- 5. IV antibiotics named as an example of systemic therapy ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05947851 exc-5
        "Has an active infection requiring systemic therapy, such as intravenous (IV) "
        "antibiotics, during screening",
        "Active infection requiring systemic therapy, e.g. antibiotics or antivirals",
        "Active infection requiring systemic therapy at screening",
    ],
)
def test_an_example_of_systemic_therapy_narrows_nothing(text: str) -> None:
    assert _certain(_one("exclusion", text, "active_infection"))


@pytest.mark.parametrize(
    "text",
    [
        "Active infection requiring intravenous antibiotics",
        "Active infection requiring IV antibiotics within 14 days",
    ],
)
def test_iv_antibiotics_required_still_narrow(text: str) -> None:
    assert not any(_certain(c) for c in _read("exclusion", text) if c.concept == "active_infection")


@pytest.mark.parametrize(
    "text",
    [
        "Active viral infection requiring systemic therapy",
        "Active bacterial infection requiring systemic treatment during screening",
        "Active fungal or viral infection requiring systemic therapy",
    ],
)
def test_one_kind_of_infection_is_narrower_than_the_question(text: str) -> None:
    """A patient on antibiotics answers yes to the infection question: a criterion naming only
    viral infections must not exclude on it."""
    assert not any(_certain(c) for c in _read("exclusion", text) if c.concept == "active_infection")


# --- 6. Markers listed after the result they share -------------------------------------------

_DRIVERS = (
    "Presence of primary driver mutations (epidermal growth factor receptor [EGFR], anaplastic "
    "lymphoma kinase [ALK], mesenchymal-epithelial transition [MET], human epidermal growth "
    "factor receptor 2 [HER2], ROS1, neurotrophic tyrosine receptor kinase [NTRK], B-Raf "
    "proto-oncogene [BRAF], rearranged during Transfection [RET], neuroblastoma RAS viral "
    "oncogene homolog [NRAS], and other KRAS mutations besides G12C) as determined by local "
    "genomic testing"
)


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        # NCT07227025 exc-4
        (_DRIVERS, {"egfr_status", "alk_status", "ros1_status"}),
        (
            "Known driver mutations (EGFR, ALK, ROS1, BRAF)",
            {"egfr_status", "alk_status", "ros1_status"},
        ),
        ("Oncogenic rearrangements (ALK, ROS1, RET, NTRK)", {"alk_status", "ros1_status"}),
    ],
)
def test_each_listed_marker_excludes_when_positive(text: str, markers: set[str]) -> None:
    """A listed marker's positive result establishes the exclusion (decisive when met); a
    negative settles nothing, as another listed mutation may be there."""
    read = {c.concept: c for c in _read("exclusion", text) if c.concept in markers}
    assert set(read) == markers
    for marker in read.values():
        assert marker.decisive_when == "met"
        assert _check(marker, {marker.concept: "positive"}) == ("not_met", False)
        assert _check(marker, {marker.concept: "negative"})[0] != "not_met"
    assert not any(c.concept == "her2_status" for c in _read("exclusion", text))


@pytest.mark.parametrize(
    "text",
    [
        # a list that does not name the marker, or a list beside another condition
        "EGFR-mutant NSCLC with concurrent mutations (TP53, RB1)",
        "Driver mutations (EGFR, ALK) and brain metastases",
    ],
)
def test_a_marker_outside_its_list_decides_nothing(text: str) -> None:
    assert not any(
        c.decisive_when == "met" for c in _read("exclusion", text) if c.concept.endswith("_status")
    )


# --- 7. BCL-2 inhibitors, a drug class --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Prior treatment with a BCL-2 inhibitor within 12 months", "within 365 days"),
        ("Prior B-cell lymphoma 2 (BCL-2) inhibitor therapy", "== yes"),
        ("Prior treatment with a BCL2 inhibitor (e.g., venetoclax)", "== yes"),
    ],
)
def test_bcl2_inhibitors_are_a_class(text: str, rule: str) -> None:
    """The '2' of BCL-2 is part of the name, not a number nobody read."""
    found = _one("exclusion", text, "prior_bcl2_inhibitor")
    assert _certain(found)
    assert rule in (found.rule or "")


def test_bcl2_window_is_read_in_a_longer_criterion() -> None:
    """NCT05947851 exc-11: the BCL2i window is read (the rest keeps it partial)."""
    text = (
        "Has received prior B-cell lymphoma 2 inhibitor(s) (BCL2i) within ≤ 12 months before "
        "randomization or has received prior radiotherapy within 2 weeks of start of study "
        "intervention, or radiation related toxicities, requiring corticosteroids"
    )
    found = _one("exclusion", text, "prior_bcl2_inhibitor")
    assert "within 365 days" in (found.rule or "")
    assert found.confidence == "partial"


def test_a_number_after_b_cell_lymphoma_is_still_a_number() -> None:
    assert not any(
        _certain(c) for c in _read("exclusion", "Relapsed B-cell lymphoma 2 years after transplant")
    )

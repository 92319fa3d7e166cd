"""Reader kinds found by the coordinator audit of three unseen trials (audit13): a generic fact
("able to follow the study plan") read for criteria it does not cover, so that a "yes" showed
"Meets" for a partner rule, a strength-training limit, a radiation schedule or a verification
note; readings that widen a criterion to a broader question (any cancer treatment for "treatment
for melanoma", any autoimmune disease for rheumatoid arthritis), which must stay partial and never
claim a certain "not met"; and a checkpoint immunotherapy window with a brand name. Each with the
real criterion and a few variants."""

from __future__ import annotations

import datetime

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

# --- kind 1: a generic fact must account for the whole criterion, or go to the study team -------

_NOT_COVERED = [
    # NCT06049355 inc-4 (real)
    "Co-residing with an intimate partner or spouse who is willing to participate\n"
    "- Confirmed by self-report on the Demographic Questionnaire",
    # NCT06049355 inc-6 (real)
    "< 2 structured strength training sessions for less than 30 minutes per week in the last "
    "month\n- Confirmed by self-report on Health History Questionnaire",
    # NCT06049355 inc-3 (real, shortened)
    "Scheduled to receive radiation therapy for curative intent\n- Confirmed by review of the EMR "
    "and subsequently recorded in Survivor Health History.",
    "Lives with a spouse or partner who is willing to participate in the study",
    "Walks less than 60 minutes per week, as reported on the screening questionnaire",
    "Has a caregiver who is willing to attend study visits with the patient",
    "Owns a smartphone able to complete the electronic diary",
]


@pytest.mark.parametrize("text", _NOT_COVERED)
def test_follow_the_plan_is_never_read_for_words_it_does_not_cover(text: str) -> None:
    for item in _read("inclusion", text):
        if item.concept == "able_to_follow_visits":
            assert item.needs_review, _rules("inclusion", text)
            # a "yes, I can follow the plan" never shows "Meets" for this criterion
            assert _check(item, {"able_to_follow_visits": True})[0] != "met"


@pytest.mark.parametrize(
    "kind,text",
    [
        ("exclusion", "Unwilling or unable to comply with study procedures and/or study visits."),
        ("inclusion", "Willing and able to comply with scheduled visits and study procedures"),
    ],
)
def test_a_plain_follow_the_plan_criterion_is_still_read_whole(kind: str, text: str) -> None:
    item = _one(kind, text, "able_to_follow_visits")  # NCT05851924 exc-3 (real) and a variant
    assert item.confidence == "certain" and not item.needs_review


# --- kind 2: a reading widened to a broader question stays partial, never a certain "not met" --

_BROADER = [
    # NCT07040280 exc-4 (real): any cancer treatment for "treatment for melanoma"
    ("exclusion", "Patient must not be on any current systemic treatment for melanoma.",
     "current_anticancer_therapy"),
    ("exclusion", "Current systemic therapy for melanoma", "current_anticancer_therapy"),
    # NCT06049355 exc-2 (real, the list): any autoimmune disease for "acute rheumatoid arthritis"
    ("exclusion", "Specific contraindications include the following: poorly controlled diabetes, "
     "recent surgery, acute hernia, acute rheumatoid arthritis, severe balance disorder",
     "autoimmune_disease"),
    ("exclusion", "Active rheumatoid arthritis requiring treatment", "autoimmune_disease"),
    # NCT06049355 exc-1 (real): a mental health condition for "cognitive difficulties"
    ("exclusion", "Cognitive difficulties that preclude answering the survey questions, "
     "participating in the exercise classes or performance tests, or providing informed consent",
     "mental_health_condition"),
]  # fmt: skip


@pytest.mark.parametrize("kind,text,concept", _BROADER)
def test_a_broader_reading_is_partial_never_decisive(kind: str, text: str, concept: str) -> None:
    for item in _read(kind, text):
        if item.concept != concept or item.needs_review:
            continue
        assert item.confidence == "partial", _rules(kind, text)
        assert item.decisive_when is None
        status, _ = _check(item, {concept: True})
        assert status != "not_met"  # a "yes" to the broader question is no certain exclusion


def test_any_component_of_the_chemotherapy_is_no_certain_answer() -> None:
    text = "Known hypersensitivity to any of the components of the chemotherapeutic agents"
    for item in _read("exclusion", text):  # NCT05851924 exc-10 (real)
        assert item.confidence != "certain" or item.needs_review, _rules("exclusion", text)


# --- kind 3: a checkpoint immunotherapy window, brand names and the window's words -------------


@pytest.mark.parametrize(
    "text,concept",
    [
        ("Prior treatment with Keytruda within the last 12 months", "prior_pembrolizumab"),
        ("Prior pembrolizumab within 365 days", "prior_pembrolizumab"),
        ("Treatment with a checkpoint inhibitor within 365 days prior to randomization.",
         "prior_checkpoint_inhibitor"),
        ("Checkpoint immunotherapy within 365 days prior to randomization",
         "prior_checkpoint_inhibitor"),
        ("Treatment with a checkpoint inhibitor within 12 months prior to randomization.",
         "prior_checkpoint_inhibitor"),
    ],
)  # fmt: skip
def test_a_year_long_immunotherapy_window_reads_365_days(text: str, concept: str) -> None:
    item = _one("exclusion", text, concept)
    assert "within 365 days" in (item.rule or ""), _rules("exclusion", text)
    assert not [c for c in _read("exclusion", text) if c.concept == "last_anticancer_therapy"]
    # "Keytruda until 8 months ago": inside the year; 14 months ago: outside it
    recent = {"prior_pembrolizumab": True, "last_pembrolizumab": datetime.date(2026, 4, 1)}
    long_ago = {"prior_pembrolizumab": True, "last_pembrolizumab": datetime.date(2025, 10, 1)}
    if concept == "prior_pembrolizumab":
        assert _check(item, recent)[0] == "not_met"
        assert _check(item, long_ago)[0] == "met"


def test_checkpoint_immunotherapy_is_the_checkpoint_class_not_any_cancer_therapy() -> None:
    text = "No checkpoint immunotherapy within 365 days prior to randomization"
    item = _one("inclusion", text, "prior_checkpoint_inhibitor")
    assert (item.rule or "").startswith("not ")
    assert [c.concept for c in _read("inclusion", text)] == ["prior_checkpoint_inhibitor"]

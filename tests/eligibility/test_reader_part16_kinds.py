"""Kinds of singly-excluded patients missed by the sixteenth held-out part
(labelled/held_out_16.yaml): each kind pinned by a real text and written variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading, read_one_text, readings_summary, status_of

# --- a plan to conceive, a broader group than "pregnant now?" --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06823167 exc-10 (real)
        "Participant is pregnant, breastfeeding, or expecting to conceive within the projected "
        "duration of the study.",
        "Pregnant or breastfeeding women, or women expecting to conceive within the expected "
        "duration of the trial.",
        "Is pregnant, nursing, or planning to become pregnant during the anticipated duration of "
        "the study.",
    ],
)
def test_a_plan_to_conceive_within_the_studys_duration_lets_a_yes_exclude(text: str) -> None:
    for concept in ("pregnant", "breastfeeding"):
        reading = only_reading("exclusion", text, concept)
        assert reading.confidence == "partial", readings_summary("exclusion", text)
        assert reading.decisive_when == "met", readings_summary("exclusion", text)


# --- words a whole reading accounts for ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Has impairment of GI function or disease that may alter the absorption of the oral "
        "medications",
        "Impairment of gastrointestinal function that may alter the absorption of the study drug",
        "Impaired GI function or GI disease that may affect absorption of oral medications",
    ],
)
def test_impaired_gi_function_altering_absorption_is_the_absorption_question(text: str) -> None:
    reading = only_reading("exclusion", text, "digestive_problem")
    assert reading.confidence == "certain", readings_summary("exclusion", text)


def test_a_significantly_altered_absorption_stays_narrower_than_the_question() -> None:
    # NCT06922591 exc-7 (real): "significantly" narrows it, as test_reader_part8a_kinds.py reads
    # the same words; a "no" settles it, a "yes" goes to the study team
    text = (
        "Has impairment of GI function or disease that may significantly alter the absorption of "
        "the oral medications"
    )
    reading = only_reading("exclusion", text, "digestive_problem")
    assert (reading.confidence, reading.decisive_when) == ("partial", None)


@pytest.mark.parametrize(
    "text",
    [
        # NCT06922591 exc-14 (real)
        "Is unwilling or unable to comply with the scheduled visits, study treatment "
        "administration plan, laboratory tests or other study procedures and study restrictions.",
        "Unable to comply with the study treatment administration plan and study restrictions",
        "Unwilling to comply with scheduled visits, laboratory tests and lifestyle restrictions",
    ],
)
def test_the_administration_plan_and_restrictions_are_the_study_plan(text: str) -> None:
    reading = only_reading("exclusion", text, "able_to_follow_visits")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"able_to_follow_visits": False})[0] == "not_met"  # excluded


@pytest.mark.parametrize(
    "text",
    [
        # NCT04123535 exc-7 (real)
        "Treatment with any investigational agent within 28 days of the treatment procedure.",
        "Any investigational agent within 28 days before the study procedure.",
        "Treatment with an investigational drug within 28 days prior to the planned procedure.",
    ],
)
def test_the_studys_own_procedure_is_the_start_of_a_window(text: str) -> None:
    reading = only_reading("exclusion", text, "last_investigational_drug")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"last_investigational_drug": "2026-11-17"})[0] == "not_met"
    assert status_of(reading, {"last_investigational_drug": "2026-09-01"})[0] == "met"


def test_another_procedure_as_the_start_of_a_window_stays_partial() -> None:
    text = "Treatment with any investigational agent within 28 days of the biopsy procedure."
    reading = only_reading("exclusion", text, "last_investigational_drug")
    assert reading.confidence == "partial", readings_summary("exclusion", text)


# --- a reason in brackets asks nothing --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04123535 exc-3 (real)
        "History of previous malignancies (except non-melanoma skin cancers) (may confound immune "
        "response results).",
        "History of other malignancies (except non-melanoma skin cancer) (could bias the results)",
        "Prior malignancy (except non-melanoma skin cancers) (as it may confound the imaging "
        "results)",
    ],
)
def test_a_bracketed_reason_leaves_the_other_cancer_exception_decisive(text: str) -> None:
    cancer = only_reading("exclusion", text, "other_cancer")
    # the low-risk question takes in cancers in situ, which this exception does not: a yes to
    # low risk goes to the study team, a cancer that is not low risk excludes
    assert cancer.confidence == "partial", readings_summary("exclusion", text)
    assert cancer.decisive_when == "met", readings_summary("exclusion", text)


def test_a_bracketed_clause_that_asks_something_is_still_read() -> None:
    text = "History of previous malignancies (except non-melanoma skin cancers) (within 5 years)"
    for reading in read_one_text("exclusion", text):
        assert reading.confidence != "certain", readings_summary("exclusion", text)


# --- a weight limit in pounds, then in kilograms ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        # NCT04123535 exc-8, its weight item (real)
        ("Weight > 400 pounds (lb) or 181.4 kilograms (kg).", 181.4),
        ("Body weight more than 300 lb/136 kg", 136.0),
        ("Weight greater than 350 pounds or 159 kg", 159.0),
    ],
)
def test_a_weight_limit_in_pounds_then_kilograms_is_read(text: str, limit: float) -> None:
    weight = only_reading("exclusion", text, "weight_kg")
    assert weight.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(weight, {"weight_kg": limit + 5})[0] == "not_met"  # excluded
    assert status_of(weight, {"weight_kg": limit - 5})[0] == "met"


def test_a_weight_in_pounds_and_another_in_kilograms_is_not_read() -> None:
    text = "Weight > 400 pounds or 150 kg"  # 400 lb is 181 kg: which limit holds is unclear
    assert not [r for r in read_one_text("exclusion", text) if r.concept == "weight_kg"]


def test_the_weight_in_a_list_of_scan_contraindications_is_read() -> None:
    # NCT04123535 exc-8 (real, shortened): the list's other items go to the study team
    text = (
        "Any absolute contraindications for study magnetic resonance imaging (MRI) and "
        "additionally: - Metal in other parts of body that will cause safety issues - "
        "Claustrophobia - Weight > 400 pounds (lb) or 181.4 kilograms (kg). - Pregnancy"
    )
    weight = only_reading("exclusion", text, "weight_kg")
    assert weight.rule == "weight_kg > 181.4", readings_summary("exclusion", text)
    assert weight.confidence == "partial"


# --- recovered from an operation days before: the operation window is one way to fail ---------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04123535 exc-5 (real)
        "Subjects must have recovered from the effects of major surgery or significant trauma at "
        "least 14 days before the study procedure.",
        "Patients must have recovered from the effects of major surgery at least 14 days before "
        "the first dose.",
        "Must have fully recovered from the complications of major surgery at least 14 days "
        "prior to start of study treatment",
    ],
)
def test_recovery_from_an_operation_days_before_excludes_an_operation_within(text: str) -> None:
    surgery = only_reading("exclusion", text, "last_major_surgery")
    assert surgery.rule == "last_major_surgery within 14 days", readings_summary("exclusion", text)
    assert surgery.confidence == "partial"  # a later recovery is more than the question asks
    assert surgery.decisive_when == "met"
    assert status_of(surgery, {"last_major_surgery": "2026-11-24"})[0] == "not_met"  # excluded


# --- whom birth control is for ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06823167 inc-6 (real)
        "Participants must have a negative pregnancy test, be willing to practice highly "
        "effective methods of birth control, use condoms, and refrain from oocyte/sperm donation, "
        "as applicable, as detailed in the protocol.",
        "Participants must be willing to use highly effective birth control, use condoms and "
        "refrain from sperm or oocyte donation.",
    ],
)
def test_an_oocyte_donation_beside_a_sperm_donation_names_both_sexes(text: str) -> None:
    agrees = only_reading("inclusion", text, "agrees_to_contraception")
    assert "those who can become pregnant" in (agrees.rule or ""), readings_summary(
        "inclusion", text
    )
    assert "males" in (agrees.rule or "")


def test_an_oocyte_donation_alone_names_women() -> None:
    text = "Women must agree to use effective birth control and refrain from oocyte donation."
    agrees = only_reading("inclusion", text, "agrees_to_contraception")
    assert "females who can become pregnant" in (agrees.rule or ""), readings_summary(
        "inclusion", text
    )


# --- an earlier standard treatment required: a "no" to any treatment fails it -----------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06922591 inc-6 (real)
        "Has received prior standard therapy",
        "Participants must have received prior standard systemic therapy.",
        # NCT06823167 inc-7, its first sentence
        "Participants must be refractory to or have relapsed after at least one prior standard "
        "therapeutic regimen.",
    ],
)
def test_an_earlier_standard_treatment_fails_whoever_had_none(text: str) -> None:
    lines = only_reading("inclusion", text, "prior_lines_of_therapy")
    assert lines.rule == "prior_lines_of_therapy >= 1", readings_summary("inclusion", text)
    assert (lines.confidence, lines.decisive_when) == ("partial", "not_met")
    assert status_of(lines, {"prior_lines_of_therapy": 0})[0] == "not_met"


def test_an_earlier_systemic_treatment_is_one_line() -> None:
    text = "Participants must have received prior systemic therapy."
    lines = only_reading("inclusion", text, "prior_lines_of_therapy")
    assert (lines.rule, lines.confidence) == ("prior_lines_of_therapy >= 1", "certain")


def test_any_earlier_therapy_is_no_line_of_cancer_medicine() -> None:
    # an operation or radiation is a therapy too, and no line of cancer medicine
    text = "Has received prior therapy"
    concepts = [r.concept for r in read_one_text("inclusion", text)]
    assert "prior_lines_of_therapy" not in concepts

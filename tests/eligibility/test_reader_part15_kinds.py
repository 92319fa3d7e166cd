"""Kinds of singly-excluded patients missed by the fifteenth and thirteenth labelled parts
(labelled/held_out_15.yaml, held_out_13.yaml): each kind pinned by a real text and written
variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading, read_one_text, readings_summary, status_of

from trialbot.domain.trial import CriterionKind

# --- HIV: "at any time in the past", "received a diagnosis of" ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06398457 exc-7 (real)
        "History of HIV infection at any time in past.",
        # NCT05519293 exc-14 (real)
        "Subjects who received a diagnosis of, and/or tested positive at screening for human "
        "immunodeficiency virus (HIV).",
        "Known HIV infection at any time in the past.",
        "Patients who have received a diagnosis of HIV infection.",
    ],
)
def test_hiv_ever_diagnosed_is_read_whole(text: str) -> None:
    reading = only_reading("exclusion", text, "hiv")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"hiv": True})[0] == "not_met"  # excluded


# --- any vaccine within a window ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06919666 exc-11 (real)
        "Vaccine administration within 4 weeks before the first dose of NT219",
        "Any vaccination within 28 days prior to the first dose of study drug",
        "Received a vaccine within 4 weeks before the start of study treatment",
    ],
)
def test_any_vaccine_in_a_window_is_the_vaccine_question(text: str) -> None:
    reading = only_reading("exclusion", text, "last_vaccine")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"last_vaccine": "2026-11-17"})[0] == "not_met"  # excluded
    assert status_of(reading, {"last_vaccine": "2026-09-01"})[0] == "met"


def test_a_named_vaccine_stays_partial() -> None:
    text = "Influenza vaccine within 4 weeks before the first dose"
    reading = only_reading("exclusion", text, "last_vaccine")
    assert reading.confidence == "partial"


# --- spread to the lining: how the study team confirms it is theirs ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Known leptomeningeal involvement (lumbar puncture not required).",
        "Leptomeningeal disease (a lumbar puncture is not required).",
        "Known leptomeningeal disease.",
    ],
)
def test_a_lumbar_puncture_not_required_is_the_study_teams(text: str) -> None:
    reading = only_reading("exclusion", text, "leptomeningeal_disease")
    assert reading.confidence == "certain", readings_summary("exclusion", text)


def test_leptomeningeal_history_stays_with_the_study_team() -> None:
    # NCT05704647 exc-1 (real): spread that may be over is broader than the question asked now;
    # left partial (a "no" now must not settle a past spread)
    text = "History of known leptomeningeal involvement (lumbar puncture not required)."
    reading = only_reading("exclusion", text, "leptomeningeal_disease")
    assert reading.confidence == "partial"


# --- the lining named apart from brain metastases under an exception --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Known active CNS metastases and/or carcinomatous meningitis. Subjects with previously "
        "treated brain metastases may participate provided they are stable.",
        "Brain metastases, unless treated and stable; carcinomatous meningitis.",
        "Known brain metastases or carcinomatous meningitis. Patients with treated brain "
        "metastases may participate.",
    ],
)
def test_the_lining_named_apart_is_read_on_its_own(text: str) -> None:
    concepts = [c.concept for c in read_one_text("exclusion", text)]
    assert "leptomeningeal_disease" in concepts, readings_summary("exclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        "Brain or leptomeningeal metastases",
        "Untreated brain metastases or leptomeningeal disease",
        "CNS/leptomeningeal involvement",
        # NCT05519293 exc-10 (real): a qualifier without an exception stays one reading
        "Subjects who have symptomatic brain metastases, meningeal metastasis or spinal cord "
        "compression.",
    ],
)
def test_brain_and_lining_in_one_phrase_stay_one_reading(text: str) -> None:
    concepts = [c.concept for c in read_one_text("exclusion", text)]
    assert "leptomeningeal_disease" not in concepts, readings_summary("exclusion", text)


# --- an inclusion's opening requirement, then a "Must have ... or ..." sentence ---------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05100862 inc-2 (real)
        "Previously treated with ≥ 1 line of systemic therapy including anti-CD20 agent. Must have "
        "a documented failure to achieve at least partial response during the most recent "
        "systemic therapy or documented progressive disease after the most recent systemic "
        "therapy",
        "Previously treated with at least 1 line of systemic therapy including anti-CD20 agent. "
        "Must have progressive disease or refractory disease after the last therapy.",
        "Prior treatment with ≥ 1 line of systemic therapy including anti-CD20 agent. Patients "
        "must have relapsed or refractory disease.",
    ],
)
def test_each_part_of_an_opening_requirement_may_fail_it(text: str) -> None:
    lines = only_reading("inclusion", text, "prior_lines_of_therapy")
    cd20 = only_reading("inclusion", text, "prior_anti_cd20")
    assert lines.confidence == cd20.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(cd20, {"prior_anti_cd20": False})[0] == "not_met"
    assert status_of(lines, {"prior_lines_of_therapy": 0})[0] == "not_met"


def test_a_later_sentence_naming_something_else_first_still_qualifies() -> None:
    text = (
        "At least 4 weeks since radiotherapy, with full recovery. The measurable disease must be "
        "completely outside the radiation portal or there must be radiologic or clinical exam "
        "proof of progressive disease within the radiation portal"
    )
    assert all(c.confidence != "certain" for c in read_one_text("inclusion", text))


def test_an_alternative_sentence_still_widens() -> None:
    text = (
        "Previously treated with ≥ 1 line of systemic therapy including anti-CD20 agent. Or "
        "must be ineligible for anti-CD20 therapy."
    )
    cd20 = only_reading("inclusion", text, "prior_anti_cd20")
    assert cd20.confidence != "certain"


# --- birth control until a time after the final study therapy, a numbered section -----------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04585477 inc-20 (real)
        "Women of childbearing potential or their male partner must agree to use a highly "
        "effective method of contraception from enrollment until 8 months after final study "
        "therapy. (see section 4.6.1)",
        "Women of childbearing potential must agree to use a highly effective method of "
        "contraception until 6 months after the final dose (see section 5.4.2)",
        "Women of childbearing potential must agree to use a highly effective method of "
        "contraception from enrollment until 8 months after final study therapy.",
    ],
)
def test_contraception_until_after_the_final_therapy_is_read_whole(text: str) -> None:
    reading = only_reading("inclusion", text, "agrees_to_contraception")
    assert reading.confidence == "certain", readings_summary("inclusion", text)


# --- "Women of childbearing potential or their male partner must agree ...": men too ----------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04585477 inc-20 (real)
        "Women of childbearing potential or their male partner must agree to use a highly "
        "effective method of contraception from enrollment until 8 months after final study "
        "therapy. (see section 4.6.1)",
        "Women of childbearing potential or their male partners must agree to use adequate "
        "contraception during the study.",
        "WOCBP or their male partner must use contraception during the study.",
    ],
)
def test_or_their_male_partner_names_men_as_well(text: str) -> None:
    reading = only_reading("inclusion", text, "agrees_to_contraception")
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    man = {"sex": "male", "agrees_to_contraception": False}
    assert status_of(reading, man)[0] == "not_met"


def test_a_male_partner_who_must_be_vasectomized_is_the_other_person() -> None:
    text = (
        "Women of childbearing potential must agree to use contraception, or their male partner "
        "must be vasectomized."
    )
    reading = only_reading("inclusion", text, "agrees_to_contraception")
    assert "males" not in (reading.rule or "").replace("females", "")


# --- a later alternative between two windows --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05704647 exc-17 (real)
        "History of clinically significant cardiac disease or congestive heart failure > New York "
        "Heart Association (NYHA) class 2. Subjects must not have unstable angina (anginal "
        "symptoms at rest) or new-onset angina within the last 3 months or myocardial infarction "
        "within the past 6 months or a history of myocarditis.",
        "Unstable angina within 3 months or myocardial infarction within 6 months",
        "New-onset angina within the last 3 months, or myocardial infarction within the past 6 "
        "months, or heart failure.",
    ],
)
def test_a_heart_attack_with_its_own_window_between_alternatives_excludes(text: str) -> None:
    reading = only_reading("exclusion", text, "last_heart_attack")
    assert reading.confidence == "partial", readings_summary("exclusion", text)
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(reading, {"last_heart_attack": "2026-09-01"})[0] == "not_met"


@pytest.mark.parametrize(
    "text",
    [
        # the window after the heart attack may be shared with the angina before it
        "Unstable angina or myocardial infarction within 6 months or a history of myocarditis, "
        "in the opinion of the investigator",
        "Angina within 3 months or myocardial infarction within 6 months, unless stable",
    ],
)
def test_an_alternative_reached_by_later_words_is_not_decisive(text: str) -> None:
    for reading in read_one_text("exclusion", text):
        assert reading.decisive_when is None or reading.concept != "last_heart_attack", (
            readings_summary("exclusion", text)
        )


# --- "within N days or 5 x t1/2 / 5 pharmacokinetic half-lives, whichever is longer" ----------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT05519293 exc-1, its first item (real words)
        (
            "Prior treatment with an EGFR-TKI within 8 days or approximately 5 × t1/2 prior to "
            "the first dose of H002, whichever is longer",
            "prior_egfr_tki",
        ),
        # NCT06398457 exc-1, its second item (real words, without the device)
        (
            "Exposure to an investigational drug within 4 weeks or 5 pharmacokinetic "
            "half-lives, whichever is longer.",
            "last_investigational_drug",
        ),
        ("Osimertinib within 8 days or 5 x t1/2, whichever is longer", "prior_osimertinib"),
    ],
)
def test_the_shorter_of_two_windows_excludes_on_a_yes(text: str, concept: str) -> None:
    reading = only_reading("exclusion", text, concept)
    assert reading.confidence == "partial", readings_summary("exclusion", text)
    assert reading.decisive_when == "met", readings_summary("exclusion", text)


def test_whichever_is_shorter_decides_nothing() -> None:
    text = (
        "Investigational drug within 28 days or 5 pharmacokinetic half-lives, whichever is shorter"
    )
    reading = only_reading("exclusion", text, "last_investigational_drug")
    assert reading.decisive_when is None


# --- "inability to take PO medication": the swallow question -----------------------------------


@pytest.mark.parametrize(
    ("kind", "text", "whole"),
    [
        (
            "exclusion",
            "Gastrointestinal disorders: inability to take PO medication, malabsorption syndrome, "
            "or uncontrolled inflammatory GI disease",
            False,  # one item of a list under a heading: the study team weighs the rest
        ),
        ("exclusion", "Inability to take PO medication", True),
        ("inclusion", "Able to take PO medications", True),
        ("exclusion", "Unable to take p.o. medications", True),
    ],
)
def test_taking_po_medication_is_the_swallow_question(
    kind: CriterionKind, text: str, whole: bool
) -> None:
    reading = only_reading(kind, text, "swallow_tablets")
    expected = "certain" if whole else "partial"
    assert reading.confidence == expected, readings_summary(kind, text)

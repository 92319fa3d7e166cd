"""Kinds of singly-excluded patients missed by the seventeenth held-out part
(labelled/held_out_17.yaml) and of criteria labelled certain that were read in part: each kind
pinned by a real text and written variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading, readings_summary, status_of

# --- a lone digit before a duration is no performance level ----------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # NCT06074588 inc-9 (real): "3 days" was read as ECOG level 3
        ("Have an ECOG performance status of 0 or 1 within 3 days before randomization.", 1),
        ("ECOG 0 or 1 within 2 weeks of enrollment", 1),
        ("ECOG performance status 0, 1 or 2 within 4 days prior to registration", 2),
    ],
)
def test_a_duration_after_the_levels_is_no_level(text: str, rule: int) -> None:
    reading = only_reading("inclusion", text, "ecog_level")
    assert reading.rule == f"ecog_level <= {rule}", readings_summary("inclusion", text)
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(reading, {"ecog_level": "3"})[0] == "not_met"


# --- numbers that name a visit or a study medicine -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04541108 inc-3 (real)
        "Male or female ≥ 18 years of age at Visit 1 (Screening).",
        "Aged 18 years or older at visit 2",
        "Age ≥ 18 years at Visit 1",
    ],
)
def test_a_numbered_visit_is_no_limit(text: str) -> None:
    reading = only_reading("inclusion", text, "age_years")
    assert (reading.rule, reading.confidence) == ("age_years >= 18", "certain")
    assert status_of(reading, {"age_years": 17})[0] == "not_met"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Major surgery within 4 weeks prior to the first dose of MK-2870", "last_major_surgery"),
        ("Radiotherapy within 14 days before the start of ABBV-400", "last_radiotherapy"),
        ("Major surgery within 28 days of first dose of BAY2927088.", "last_major_surgery"),
    ],
)
def test_a_study_medicines_code_name_is_no_limit(text: str, concept: str) -> None:
    reading = only_reading("exclusion", text, concept)
    assert reading.confidence == "certain", readings_summary("exclusion", text)


def test_a_code_name_beside_half_lives_still_leaves_the_half_lives() -> None:
    text = "Major surgery within 28 days of first dose of AMG-193 or 5 half-lives"
    assert only_reading("exclusion", text, "last_major_surgery").confidence == "partial"


# --- the study plan named in other words ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04458532 inc-9 and NCT04541108 inc-2 (real)
        "Willingness to comply with all study-related procedures.",
        "Ability and willingness to comply with the study's visit and assessment schedule.",
        "Willing and able to comply with all study related visits and assessments",
    ],
)
def test_study_related_procedures_and_assessments_are_the_study_plan(text: str) -> None:
    reading = only_reading("inclusion", text, "able_to_follow_visits")
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(reading, {"able_to_follow_visits": False})[0] == "not_met"


def test_a_procedure_named_beside_the_plan_still_goes_to_the_study_team() -> None:
    text = "Willing to comply with study-related procedures including a tumour biopsy"
    reading = only_reading("inclusion", text, "able_to_follow_visits")
    assert reading.needs_review


# --- a bleeding disorder named with its examples ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06790602 exc-8 (real)
        "Known bleeding disorders (e.g., van Willebrand's disease or hemophilia).",
        "Known bleeding disorder such as haemophilia or von Willebrand disease",
        "History of bleeding diathesis",
    ],
)
def test_a_bleeding_disorder_is_the_bleeding_question(text: str) -> None:
    reading = only_reading("exclusion", text, "bleeding_disorder")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"bleeding_disorder": True})[0] == "not_met"


@pytest.mark.parametrize(
    "text",
    [
        "Has history of severe bleeding disorders (eg, hemophilia)",
        "Inherited bleeding disorder",
        # NCT06194929 exc-15 (real): the bracket closes the widening clause, the qualifier after
        # it is still to be read
        "History of bleeding diathesis (irrespective of severity) in the absence of therapeutic "
        "anticoagulation.",
    ],
)
def test_a_narrowed_bleeding_disorder_stays_partial(text: str) -> None:
    assert only_reading("exclusion", text, "bleeding_disorder").confidence == "partial"


def test_a_bracket_inside_a_widening_clause_does_not_end_it() -> None:
    # NCT05254743 exc-9 (real)
    text = (
        "Known human immunodeficiency virus (HIV) infection, regardless of cluster of "
        "differentiation 4 (CD4) count"
    )
    assert only_reading("exclusion", text, "hiv").confidence == "certain"


# --- one item of a later clause's own list ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06790602 exc-16 (real)
        "Currently active, clinically significant cardiovascular disease, such as uncontrolled "
        "arrhythmia or Class 3 or 4 congestive heart failure as defined by the New York Heart "
        "Association Functional Classification; or a history of myocardial infarction, unstable "
        "angina, or acute coronary syndrome within 6 months prior to enrollment.",
        "Heart disease such as angina; myocardial infarction or unstable angina within 6 months",
        "Significant heart disease, such as heart failure; or myocardial infarction, stroke or "
        "unstable angina within 6 months before the first dose",
    ],
)
def test_a_heart_attack_item_of_its_own_clause_excludes_on_a_yes(text: str) -> None:
    reading = only_reading("exclusion", text, "last_heart_attack")
    assert reading.rule == "last_heart_attack within 182 days"
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(reading, {"last_heart_attack": "2026-09-01"})[0] == "not_met"
    assert status_of(reading, {"last_heart_attack": "2025-09-01"})[0] != "not_met"


def test_an_exception_in_the_clause_keeps_the_item_undecided() -> None:
    text = (
        "Severe heart disease such as NYHA III; history of myocardial infarction, stroke or "
        "unstable angina within 6 months unless treated by stenting"
    )
    reading = only_reading("exclusion", text, "last_heart_attack")
    assert reading.decisive_when is None


# --- pregnancy: a reason after it, the test's hormone spelled out, the test without "test" ----


@pytest.mark.parametrize(
    "text",
    [
        # NCT06919666 exc-4 (real, its first sentence)
        "Pregnant or lactating, as the effects of NT219 on a fetus or child are unknown.",
        "Pregnant women, since the risks of the study drug to the fetus are not known",
        "Pregnant or breastfeeding, as the effects of the study drug on the developing fetus are "
        "not known",
    ],
)
def test_a_reason_after_pregnancy_narrows_nothing(text: str) -> None:
    reading = only_reading("exclusion", text, "pregnant")
    assert reading.confidence == "certain", readings_summary("exclusion", text)


def test_a_pregnancy_sentence_excludes_on_a_yes_beside_a_birth_control_sentence() -> None:
    # NCT06919666 exc-4 (real, whole)
    text = (
        "Pregnant or lactating, as the effects of NT219 on a fetus or child are unknown. Patients "
        "who are capable of childbearing or have partners capable of childbearing must use two "
        "forms of birth control including a barrier method to avoid pregnancy."
    )
    reading = only_reading("exclusion", text, "pregnant")
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(reading, {"sex": "female", "pregnant": True})[0] == "not_met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT04541108 exc-2 (real)
        "Female patients who are: - Both lactating and breastfeeding, OR - Have a positive "
        "β-subunit human chorionic gonadotropin (β-hCG) pregnancy test at screening verified by "
        "the Investigator.",
        "Breastfeeding, or a positive human chorionic gonadotropin (hCG) pregnancy test",
    ],
)
def test_a_positive_hcg_test_spelled_out_is_a_pregnancy(text: str) -> None:
    for concept in ("pregnant", "breastfeeding"):
        reading = only_reading("exclusion", text, concept)
        assert reading.confidence == "certain", readings_summary("exclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        # NCT03428802 inc-15 / NCT05984602 inc-9 (real, first sentence)
        "Female subject of childbearing potential should have a negative urine or serum pregnancy "
        "within 72 hours prior to receiving the first dose of study medication.",
        # NCT05082519 inc-8 (real)
        "If the patient is a female of childbearing potential, a negative urine or serum "
        "pregnancy test is required within two weeks prior to enrollment.",
        # NCT05254327 inc-10 (real)
        "Negative pregnancy test for women of child-bearing potential at the time of screening",
    ],
)
def test_a_negative_pregnancy_test_for_women_who_could_be_pregnant_is_not_being_pregnant(
    text: str,
) -> None:
    reading = only_reading("inclusion", text, "pregnant")
    assert reading.rule == "not (pregnant == yes (females))", readings_summary("inclusion", text)
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(reading, {"sex": "female", "pregnant": True})[0] == "not_met"
    assert status_of(reading, {"sex": "male"})[0] == "met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT04541108 inc-8 (real)
        "Agree to practice effective barrier contraception from the time of signing the ICF and "
        "during study participation OR agree to completely abstain from heterosexual intercourse.",
        "Agree to use effective contraception from signing of the informed consent form until 3 "
        "months after the last dose",
    ],
)
def test_birth_control_from_the_day_of_consent_is_the_birth_control_question(text: str) -> None:
    reading = only_reading("inclusion", text, "agrees_to_contraception")
    assert reading.confidence == "certain", readings_summary("inclusion", text)


# --- "no evidence of disease" is a remission, its "no" included ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT00711529 inc-14 (real): was read as "not in remission"
        "No clinical evidence of disease (complete remission).",
        "No evidence of disease",
        "No radiographic evidence of disease after surgery",
    ],
)
def test_no_evidence_of_disease_is_a_remission_not_its_negation(text: str) -> None:
    reading = only_reading("inclusion", text, "disease_status")
    assert reading.rule == "disease_status in ['remission']", readings_summary("inclusion", text)


# --- slashed comparators and a sex said as a requirement -------------------------------------


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # NCT05961124 inc-2 (real)
        (
            "Patients must be female and age >/= 18 years of age",
            [("sex", "sex == female"), ("age_years", "age_years >= 18")],
        ),
        ("Age >/= 18 years", [("age_years", "age_years >= 18")]),
        ("Participants must be male", [("sex", "sex == male")]),
        ("Age </= 75 years", [("age_years", "age_years <= 75")]),
    ],
)
def test_slashed_comparators_and_a_required_sex_are_read(
    text: str, rules: list[tuple[str, str]]
) -> None:
    summary = readings_summary("inclusion", text)
    assert [(concept, rule) for concept, _, rule in summary] == rules
    assert all(confidence == "certain" for _, confidence, _ in summary), summary


def test_men_or_women_named_as_a_requirement_asks_no_sex() -> None:
    text = "Patients must be men or women aged 18 or older"
    assert [c for c, _, _ in readings_summary("inclusion", text)] == ["age_years"]


# --- who measures the disease, an organ or marrow transplant ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06074588 inc-4 (real)
        "Measurable disease per RECIST 1.1 as assessed by the local site investigator.",
        "Measurable disease as assessed by the investigator per RECIST v1.1",
    ],
)
def test_who_assesses_measurable_disease_narrows_nothing(text: str) -> None:
    reading = only_reading("inclusion", text, "measurable_disease")
    assert reading.confidence == "certain", readings_summary("inclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        # NCT06790602 exc-3 (real)
        "History of transplanted organ/bone marrow.",
        "Prior organ or bone marrow transplant",
        "History of organ/stem cell transplantation",
    ],
)
def test_an_organ_or_any_marrow_transplant_lets_a_yes_exclude(text: str) -> None:
    reading = only_reading("exclusion", text, "organ_transplant")
    assert (reading.confidence, reading.decisive_when) == ("partial", "met")
    assert status_of(reading, {"organ_transplant": True})[0] == "not_met"


def test_a_solid_organ_transplant_alone_stays_narrower_than_the_question() -> None:
    reading = only_reading("exclusion", "Prior solid organ transplant", "organ_transplant")
    assert reading.decisive_when is None


# --- birth control: its start at consent, its end at discharge, "of any gender" ---------------


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # NCT05546268 inc-18 and inc-19 (real)
        (
            "If female of childbearing potential, avoid becoming pregnant and agree to use "
            "acceptable methods of contraception after informed consent, throughout the study, "
            "and for 90 days after the last dose of MRT-2359",
            "females who can become pregnant",
        ),
        (
            "Male of reproductive potential must use an approved methods of contraception from "
            "informed consent until 90 days after study discharge",
            "males",
        ),
        # NCT06224673 inc-22 (real)
        (
            "Male and female subjects of reproductive/childbearing potential must agree to use a "
            "highly effective form of contraception or total sexual abstinence during and upon "
            "completion of the study; and for at least 3 months after the last dose of study drug "
            "for women of childbearing potential (WOCBP) and at least 5 months after the last dose "
            "of study drug for men whose partners are WOCBP.",
            "males and those who can become pregnant",
        ),
    ],
)
def test_birth_control_from_consent_to_discharge_is_read_whole(text: str, who: str) -> None:
    reading = only_reading("inclusion", text, "agrees_to_contraception")
    assert reading.rule == f"agrees_to_contraception == yes (applies to {who})"
    assert reading.confidence == "certain", readings_summary("inclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        # NCT04585477 exc-14 (real): "female subjects" opens the list, the birth control clause
        # is for every gender
        "Female subjects who are pregnant or breast-feeding; or subjects of reproductive "
        "potential of any gender who are not employing or who do not agree to employ an "
        "effective method of birth control (see Section 4.7) prior to trial enrollment.",
        "Women who are breastfeeding; or participants of reproductive potential regardless of "
        "gender who do not agree to use birth control during the study",
    ],
)
def test_birth_control_of_any_gender_is_asked_of_men_too(text: str) -> None:
    reading = only_reading("exclusion", text, "agrees_to_contraception")
    assert "males and those who can become pregnant" in (reading.rule or "")
    assert status_of(reading, {"sex": "male", "agrees_to_contraception": False})[0] == "not_met"


def test_a_negative_serum_and_or_urine_test_is_a_pregnancy_test() -> None:
    # NCT05519293 inc-9 (real, its second sentence)
    text = (
        "WOCBP must have a negative serum and/or urine pregnancy test result within 7 days prior "
        "to the first dose of H002."
    )
    reading = only_reading("inclusion", text, "pregnant")
    assert reading.confidence == "certain", readings_summary("inclusion", text)


# --- the absorption group with its verb in -ing; what to do if a pregnancy happens -----------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05079698 exc-13 (real)
        "Gastrointestinal disorder affecting absorption",
        "GI disease impairing absorption of oral medications",
        "Gastrointestinal condition interfering with absorption of the study drug",
    ],
)
def test_a_gi_disorder_affecting_absorption_is_the_absorption_question(text: str) -> None:
    reading = only_reading("exclusion", text, "digestive_problem")
    assert reading.confidence == "certain", readings_summary("exclusion", text)


def test_a_significant_gi_disorder_affecting_absorption_stays_narrower() -> None:
    text = "Significant gastrointestinal disorder affecting absorption"
    reading = only_reading("exclusion", text, "digestive_problem")
    assert (reading.confidence, reading.decisive_when) == ("partial", None)


def test_what_to_do_if_a_person_of_childbearing_potential_becomes_pregnant_asks_nothing() -> None:
    # NCT06863402 inc-21 (real)
    text = (
        "Participants of child-bearing potential must agree to use 2 methods of birth control or "
        "be surgically sterile or abstain from heterosexual activity for the course of the study "
        "through 6 months after the last dose of study medication. Should a person of "
        "child-bearing potential become pregnant or suspect they are pregnant while they or their "
        "partner is participating in this study, they should inform their treating physician "
        "immediately."
    )
    assert readings_summary("inclusion", text) == [
        (
            "agrees_to_contraception",
            "certain",
            "agrees_to_contraception == yes (applies to females who can become pregnant)",
        )
    ]


# --- an acute coronary syndrome takes in every heart attack; consent as a window's start -----


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # NCT05887817 exc-7 (real)
        (
            "Patients with a history of ischemic stroke, acute coronary syndrome, cardiovascular "
            "surgery or percutaneous intervention, or hospitalization for worsening heart or renal "
            "failure in the past 8 weeks prior to obtaining consent",
            56,
        ),
        ("Acute coronary syndrome within 6 months", 182),
        ("Acute coronary syndrome (ACS) within 3 months prior to enrollment", 91),
    ],
)
def test_a_heart_attack_in_the_window_establishes_an_acute_coronary_syndrome(
    text: str, days: int
) -> None:
    reading = only_reading("exclusion", text, "last_heart_attack")
    assert reading.rule == f"last_heart_attack within {days} days"
    assert (reading.confidence, reading.decisive_when) == ("partial", "met")


def test_consent_as_the_start_of_a_window_is_read() -> None:
    text = "Myocardial infarction within 6 months prior to signing informed consent"
    reading = only_reading("exclusion", text, "last_heart_attack")
    assert reading.confidence == "certain", readings_summary("exclusion", text)


# --- whom birth control is for: a man's partner(s), a breastfeeding partner; test samples ----


@pytest.mark.parametrize(
    "text",
    [
        # NCT05382559 inc-14 (real): was read as asked of women too, with a breastfeeding reading
        "Male participant with female partner(s) of childbearing potential (including "
        "breastfeeding partner) must agree to use contraception throughout the treatment period "
        "and for 3 months after study intervention administration.",
        "Male participants with female partner(s) of childbearing potential must agree to use "
        "contraception during the study",
    ],
)
def test_a_mans_partners_are_not_whom_birth_control_is_for(text: str) -> None:
    readings = readings_summary("inclusion", text)
    assert [c for c, _, _ in readings] == ["agrees_to_contraception"], readings
    reading = only_reading("inclusion", text, "agrees_to_contraception")
    assert reading.rule == "agrees_to_contraception == yes (applies to males)"


def test_serum_and_or_urine_joins_no_two_rules() -> None:
    # NCT05519293 inc-9 (real)
    text = (
        "Women of childbearing potential (WOCBP) and fertile males with WOCBP partners must use "
        "highly effective contraception per protocol throughout the study. WOCBP must have a "
        "negative serum and/or urine pregnancy test result within 7 days prior to the first dose "
        "of H002."
    )
    readings = readings_summary("inclusion", text)
    assert [(c, conf) for c, conf, _ in readings] == [
        ("agrees_to_contraception", "certain"),
        ("pregnant", "certain"),
    ], readings

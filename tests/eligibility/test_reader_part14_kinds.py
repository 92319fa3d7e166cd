"""Kinds of singly-excluded patients missed by the thirteenth and fourteenth held-out parts
(labelled/held_out_13.yaml, held_out_14.yaml): each kind pinned by a real text and variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading, read_one_text, readings_summary, status_of

# --- words a whole reading accounts for ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05254327 exc-8 (real)
        "Inadequately controlled hypertension (defined as systolic blood pressure >150 mmHg and/or "
        "diastolic blood pressure > 100 mmHg)",
        "Poorly controlled hypertension (defined as systolic blood pressure > 160 mmHg or "
        "diastolic blood pressure > 100 mmHg)",
        "Insufficiently controlled hypertension, defined as systolic blood pressure > 150 mmHg",
    ],
)
def test_controlled_hypertension_defined_by_its_limits_is_read_whole(text: str) -> None:
    bp = only_reading("exclusion", text, "systolic_bp_mmhg")
    assert bp.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(bp, {"systolic_bp_mmhg": 165, "diastolic_bp_mmhg": 95})[0] == "not_met"
    assert status_of(bp, {"systolic_bp_mmhg": 130, "diastolic_bp_mmhg": 80})[0] == "met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT05254327 inc-11 (real)
        "Women of childbearing potential and male participants must agree to use two forms of a "
        "medically effective means of birth control throughout their participation in the "
        "treatment phase of the study and until 12 months following the last study treatment",
        "Women of childbearing potential must agree to use a highly effective means of "
        "contraception throughout the treatment phase and for 6 months after the last dose",
        "Men must agree to use an effective means of birth control during the study phase and "
        "for 3 months after the last dose",
    ],
)
def test_birth_control_with_its_means_and_phase_is_read_whole(text: str) -> None:
    agrees = only_reading("inclusion", text, "agrees_to_contraception")
    assert agrees.confidence == "certain", readings_summary("inclusion", text)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # NCT07005102 inc-1 (real)
        (
            "Eastern Cooperative Oncology Group (ECOG) performance status (PS) of 0 or 1 during "
            "the screening period and prior to dosing of study treatment on Cycle 1 Day 1.",
            "ecog_level <= 1",
        ),
        # NCT05079698 inc-11 (real)
        (
            "Patient must have an Eastern Cooperative Oncology Group (ECOG) performance status ≤ 2 "
            "or the equivalent KPS conversion value of ≥ 60 .",
            "ecog_level <= 2",
        ),
        ("ECOG performance status 0-1 during screening.", "ecog_level <= 1"),
        (
            "ECOG performance status ≤ 2 or the equivalent Karnofsky score of ≥ 60",
            "ecog_level <= 2",
        ),
    ],
)
def test_ecog_when_assessed_and_its_karnofsky_equivalent_are_read_whole(
    text: str, rule: str
) -> None:
    ecog = only_reading("inclusion", text, "ecog_level")
    assert (ecog.rule, ecog.confidence) == (rule, "certain")


def test_a_karnofsky_equivalent_overlapping_the_next_ecog_level_leaves_it_to_the_study_team() -> (
    None
):
    # KPS 60 is also an ECOG 2: the ECOG 2 patient goes to the study team, never excluded
    text = "ECOG performance status ≤ 1 or the equivalent KPS conversion value of ≥ 60"
    ecog = only_reading("inclusion", text, "ecog_level")
    assert ecog.rule == "ecog_level <= 1 or (ecog_level == 2 and study team)"
    assert status_of(ecog, {"ecog_level": "2"})[0] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        # NCT05984602 inc-4 (real)
        "Patients must have not received previous anti-cancer therapy for the treatment of "
        "pancreatic ductal adenocarcinoma.",
        "Participants must have not received prior anti-cancer therapy for the treatment of "
        "colorectal cancer.",
        "Patients must have not received previous anti-cancer therapy for the treatment of NSCLC.",
    ],
)
def test_no_earlier_treatment_of_the_trials_own_cancer_is_read_whole(text: str) -> None:
    treated = only_reading("inclusion", text, "prior_cancer_treatment")
    assert treated.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(treated, {"prior_cancer_treatment": True})[0] == "not_met"


# --- DRAGONFLY exclusion 5: another cancer diagnosed before the study, no exception list ------


@pytest.mark.parametrize(
    "text",
    [
        # the seed trial 2026-525223-24-00, exclusion 5 (real, lay summary)
        "You have been diagnosed with any other type of malignancy, which is another word for "
        "cancer, before starting this study.",
        "Patients diagnosed with another cancer before starting the trial.",
        "You have ever been diagnosed with another kind of cancer before entering this study.",
    ],
)
def test_another_cancer_diagnosed_before_the_study_reads_like_a_history_of_one(text: str) -> None:
    other = only_reading("exclusion", text, "other_cancer")
    assert other.confidence == "certain", readings_summary("exclusion", text)
    assert other.rule == "other_cancer ever and (not other_cancer_low_risk or study team)"
    # a cancer that is not low risk excludes; a low-risk one goes to the study team
    assert status_of(other, {"other_cancer": "2019-05-01", "other_cancer_low_risk": False})[0] == (
        "not_met"
    )
    assert status_of(other, {"other_cancer": "2019-05-01", "other_cancer_low_risk": True})[0] == (
        "unknown"
    )


def test_another_cancer_diagnosed_now_or_with_a_qualifier_is_not_whole() -> None:
    # no "before the study": it may mean a cancer now
    now = only_reading("exclusion", "Diagnosed with another cancer.", "other_cancer")
    assert now.confidence == "partial"
    # an exception list: the low-risk question decides only one way
    text = "Diagnosed with another cancer, except non-melanoma skin cancer, before the study."
    assert only_reading("exclusion", text, "other_cancer").confidence == "partial"


# --- a confirmed diagnosis whose other words only narrow the inclusion ------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05836870 inc-2 (real)
        "Biopsy-proven pancreatic adenocarcinoma, resectable/borderline resectable "
        "(T1-3, N0-2, M0)",
        # NCT07155187 inc-1 (real)
        "Histologically or cytologically confirmed diagnosis of locally advanced or metastatic "
        "non-squamous non-small cell lung cancer (NSCLC) with documented EGFR Exon 19 deletion or "
        "Exon21 L858R mutation.",
        "Histologically confirmed stage III-IV NSCLC with an EGFR exon 20 insertion mutation",
        "Histologically confirmed unresectable or metastatic pancreatic adenocarcinoma",
    ],
)
def test_a_confirmed_diagnosis_narrowed_by_stage_or_mutation_fails_on_a_no(text: str) -> None:
    confirmed = only_reading("inclusion", text, "histology_confirmed")
    assert (confirmed.confidence, confirmed.decisive_when) == ("partial", "not_met")
    assert status_of(confirmed, {"histology_confirmed": False})[0] == "not_met"
    assert status_of(confirmed, {"histology_confirmed": True})[0] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        # an alternative that needs no biopsy
        "Histologically confirmed metastatic colorectal cancer or clinical diagnosis of metastatic "
        "disease",
        # a permission for those without one
        "Histologically confirmed NSCLC; patients without histology may be enrolled if the tumour "
        "is metastatic",
        # a requirement no phrase names (measurable disease is its own question)
        "Histologically confirmed metastatic NSCLC with measurable disease per local review",
    ],
)
def test_a_confirmed_diagnosis_with_other_words_is_not_decisive(text: str) -> None:
    for reading in read_one_text("inclusion", text):
        if reading.concept == "histology_confirmed":
            assert reading.decisive_when is None, readings_summary("inclusion", text)


# --- any-of exclusions: a qualifier listed alone, an illness named with its qualifiers --------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05079698 exc-11 (real)
        "Severe or unstable angina, myocardial infarction, symptomatic congestive heart failure, "
        "arterial or venous thromboembolic events (e.g., pulmonary embolism, cerebrovascular "
        "accident including transient ischemic attacks), or clinically significant ventricular "
        "arrhythmias within 6 months prior to registration.",
        "Severe or unstable angina, myocardial infarction, or symptomatic congestive heart failure "
        "within 6 months prior to registration.",
        "Unstable angina pectoris, myocardial infarction, or clinically significant arrhythmias "
        "within 6 months.",
    ],
)
def test_a_heart_attack_in_the_window_of_a_list_opened_by_unstable_angina_excludes(
    text: str,
) -> None:
    attack = only_reading("exclusion", text, "last_heart_attack")
    assert attack.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(attack, {"last_heart_attack": "2026-09-01"})[0] == "not_met"
    assert status_of(attack, {"last_heart_attack": "2025-01-01"})[0] == "unknown"


def test_a_qualifier_opening_the_list_still_reaches_an_item_named_without_it() -> None:
    # "severe" may reach the heart attack: no heart-attack answer decides alone
    text = "Severe heart failure, myocardial infarction, or stroke within 6 months"
    attack = only_reading("exclusion", text, "last_heart_attack")
    assert attack.decisive_when is None, readings_summary("exclusion", text)


# --- hepatitis C defined by the virus found now ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06804824 exc-6 (real)
        "Active hepatitis C infection (positive anti-hepatitis C virus [HCV] antibody and "
        "quantitative HCV ribonucleic acid (RNA) results greater than the lower limits of "
        "detection of the assay).",
        "Active hepatitis C infection (positive HCV antibody and HCV RNA above the lower limit of "
        "detection).",
        "Active HCV infection (positive anti-HCV antibody and detectable HCV RNA greater than the "
        "lower limit of quantification)",
    ],
)
def test_hepatitis_c_defined_by_antibody_and_virus_found_is_hepatitis_c_now(text: str) -> None:
    hcv = only_reading("exclusion", text, "hepatitis_c")
    assert hcv.confidence == "certain", readings_summary("exclusion", text)


def test_a_past_hepatitis_c_with_the_same_tests_stays_one_sided() -> None:
    text = (
        "History of hepatitis C (positive HCV antibody and HCV RNA above the lower limit of "
        "detection)."
    )
    hcv = only_reading("exclusion", text, "hepatitis_c")
    assert (hcv.confidence, hcv.decisive_when) == ("partial", "met")
    assert only_reading("exclusion", "Positive HCV antibody.", "hepatitis_c").confidence == (
        "partial"
    )


# --- another cancer: exceptions every one of which the low-risk question takes in ------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # NCT06014255 exc-9 (real)
        (
            "History of malignancy within the last 3 years, with the exception of non-melanoma "
            "skin cancers and superficial bladder cancer",
            "2025-01-01",
        ),
        # NCT07005102 exc-4 (real): the disease-free years are the window itself
        (
            "History of any malignancy except for malignancy treated with curative intent and "
            "with no known active disease present for 2 years before the first dose of study "
            "treatment and felt to be at low risk for recurrence by investigator, successfully "
            "treated nonmelanoma skin cancer or localized carcinoma in situ of the cervix.",
            "2025-02-01",
        ),
        (
            "Prior malignancy within 5 years except superficial bladder cancer (Ta, Tis, T1) or "
            "carcinoma in situ of the cervix",
            "2023-06-01",
        ),
        (
            "History of another malignancy, except cancers treated with curative intent with no "
            "evidence of disease for 3 years prior to enrollment, or basal cell carcinoma",
            "2025-06-01",
        ),
    ],
)
def test_another_cancer_in_the_window_that_is_not_low_risk_excludes(text: str, found: str) -> None:
    other = only_reading("exclusion", text, "other_cancer")
    assert (other.confidence, other.decisive_when) == ("partial", "met"), readings_summary(
        "exclusion", text
    )
    assert status_of(other, {"other_cancer": found, "other_cancer_low_risk": False})[0] == (
        "not_met"
    )
    # a low-risk one goes to the study team, never "not eligible"
    assert status_of(other, {"other_cancer": found, "other_cancer_low_risk": True})[0] != (
        "not_met"
    )


@pytest.mark.parametrize(
    "text",
    [
        # a disease-free time other than the window: a cancer cured 3.5 years ago is allowed
        "History of malignancy within 5 years except malignancy treated with curative intent "
        "with no known active disease for 3 years",
        # an exception the low-risk question does not take in (prostate cancer under surveillance)
        "Previous malignant disease other than the current target malignancy within the last 3 "
        "years, with the exception of basal or squamous cell carcinoma of the skin, localized "
        "prostate cancer or cervical carcinoma in situ",
        # any excised local cancer (a resected stage I colon cancer is one)
        "History of prior malignancies within the last 5 years, with the exception of excised "
        "local cancer",
    ],
)
def test_another_cancer_with_an_exception_beyond_low_risk_is_not_decisive(text: str) -> None:
    other = only_reading("exclusion", text, "other_cancer")
    assert other.decisive_when is None, readings_summary("exclusion", text)


# --- a measurable lesion that has not been irradiated --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT07155187 inc-5 (real)
        "At least 1 measurable lesion per Response Evaluation Criteria in Solid Tumors (RECIST) "
        "version 1.1, that has not been previously irradiated.",
        "At least one non-irradiated measurable lesion per RECIST 1.1",
        "At least one measurable lesion (RECIST 1.1) that has not been irradiated",
    ],
)
def test_a_measurable_lesion_not_irradiated_fails_without_measurable_disease(text: str) -> None:
    measurable = only_reading("inclusion", text, "measurable_disease")
    assert (measurable.confidence, measurable.decisive_when) == ("partial", "not_met")
    assert status_of(measurable, {"measurable_disease": False})[0] == "not_met"
    assert status_of(measurable, {"measurable_disease": True})[0] == "unknown"


def test_irradiated_lesions_counted_as_measurable_are_no_narrowing() -> None:
    text = (
        "At least one measurable lesion per RECIST 1.1; previously irradiated lesions are "
        "measurable if they have progressed"
    )
    measurable = only_reading("inclusion", text, "measurable_disease")
    assert measurable.decisive_when is None

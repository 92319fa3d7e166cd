"""Condition kinds left by parts 7-9 of the labelled set: a transplant "received", a "past medical
history" of hepatitis, interstitial lung disease with a suspicion the screening scan cannot rule
out, a baseline QTc limit beside ECG abnormalities only the study team judges, an illness named
as an example ("such as", "including") of what excludes, AIDS named without HIV. Each with the real
criterion and a few variants written here; a "yes" to the narrower question excludes, a "no"
settles nothing (one-sided), and nothing here is read `certain` that is not whole."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading, read_one_text, readings_summary, status_of

from trialbot.domain.criteria import StructuredCriterion
from trialbot.sources.criteria_split import split_criteria

# --- 1. Organ transplant "received" ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06548672 exc-4 (real)
        "Previously received allogeneic tissue/solid organ transplantation",
        "Has received an allogeneic tissue or solid organ transplant",
        "Patients who underwent allogeneic tissue/solid organ transplantation",
    ],
)
def test_transplant_received_is_decisive_on_a_yes(text: str) -> None:
    item = only_reading("exclusion", text, "organ_transplant")
    assert item.confidence == "partial", readings_summary("exclusion", text)
    assert item.decisive_when == "met"
    assert status_of(item, {"organ_transplant": True}) == ("not_met", False)
    assert status_of(item, {"organ_transplant": False})[0] == "unknown"


def test_received_autologous_transplant_stays_for_the_study_team() -> None:
    # the question asks about an organ or a donor's stem cells: an own-cell transplant is another
    item = only_reading(
        "exclusion", "Previously received autologous stem cell transplantation", "organ_transplant"
    )
    assert item.confidence != "certain"
    assert item.decisive_when is None


# --- 2. "Past medical history of" hepatitis ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT05430035 exc-7 (real)
        ("Subjects with past medical history of hepatitis B or C", "hepatitis_c"),
        ("Subjects with past medical history of hepatitis B or C", "hepatitis_b"),
        ("Patients with a medical history of hepatitis C", "hepatitis_c"),
        ("Past medical history of hepatitis B infection", "hepatitis_b"),
    ],
)
def test_medical_history_of_hepatitis_excludes_on_a_yes(text: str, concept: str) -> None:
    item = only_reading("exclusion", text, concept)
    # the question asks about an infection now; a history takes in one that is over
    assert item.confidence == "partial", readings_summary("exclusion", text)
    assert item.decisive_when == "met"
    assert status_of(item, {concept: True}) == ("not_met", False)
    assert status_of(item, {concept: False})[0] == "unknown"


def test_medical_history_keeps_a_qualifier_left_over() -> None:
    text = "Past medical history of chronic hepatitis B"
    item = only_reading("exclusion", text, "hepatitis_b")
    assert item.confidence == "partial"
    assert item.decisive_when is None  # "chronic" narrows: a yes is not a chronic infection


# --- 3. Interstitial lung disease, with what the screening scan cannot rule out ------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT07227025 exc-3 (real)
        "Medical history of (non-infectious) interstitial lung disease (ILD)/pneumonitis, or has "
        "current ILD/pneumonitis, or where suspected ILD/pneumonitis cannot be ruled out by "
        "imaging at screening",
        "History of interstitial lung disease or pneumonitis, or where suspected pneumonitis cannot"
        " be ruled out by imaging at screening",
        "Has (non-infectious) ILD/pneumonitis or suspected ILD/pneumonitis that cannot be ruled out"
        " by imaging",
    ],
)
def test_suspected_lung_disease_is_one_sided(text: str) -> None:
    item = only_reading("exclusion", text, "interstitial_lung_disease")
    assert item.confidence == "partial", readings_summary("exclusion", text)
    assert item.decisive_when == "met"
    assert status_of(item, {"interstitial_lung_disease": True}) == ("not_met", False)
    assert status_of(item, {"interstitial_lung_disease": False})[0] == "unknown"


def test_non_infectious_lung_disease_beside_pneumonitis_is_read_whole() -> None:
    # scarring named alone is narrower than the question, which takes in pneumonitis
    # (test_reader_part7_kinds.py); with pneumonitis named too the criterion is the question
    text = "History of (non-infectious) interstitial lung disease or pneumonitis"
    item = only_reading("exclusion", text, "interstitial_lung_disease")
    assert item.confidence == "certain", readings_summary("exclusion", text)


def test_lung_disease_needing_steroids_stays_partial() -> None:
    text = (
        "History of (non-infectious) pneumonitis that required steroids, or where suspected "
        "pneumonitis cannot be ruled out by imaging at screening"
    )
    item = only_reading("exclusion", text, "interstitial_lung_disease")
    assert item.confidence == "partial"
    assert item.decisive_when is None  # "required steroids" narrows: not every yes is excluded


# --- 4. A baseline QTc limit beside ECG abnormalities -------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        # NCT06797336 exc-16 (real)
        ("Clinically significant abnormalities in rhythm, conduction, or morphology of resting "
         "electrocardiogram (ECG) or baseline QT interval corrected for heart rate using "
         "Fridericia's formula (QTcF) >=450 milliseconds (msec).", "qtc_ms >= 450"),
        ("Clinically significant ECG abnormalities, or baseline QTcF > 470 ms", "qtc_ms > 470"),
        ("Significant abnormalities of rhythm or conduction, or baseline QTcF > 480 msec.",
         "qtc_ms > 480"),
    ],
)  # fmt: skip
def test_baseline_qtc_item_excludes_on_its_number(text: str, limit: str) -> None:
    item = only_reading("exclusion", text, "qtc_ms")
    assert item.rule == limit
    assert item.confidence == "partial", readings_summary("exclusion", text)
    # audit12 kind 1: a baseline QTcF is not the number on the patient's printout, so a recalled
    # 500 goes against the reading (study team) and no longer excludes by itself
    assert item.decisive_when is None
    assert status_of(item, {"qtc_ms": 500}) == ("unknown", True)
    assert status_of(item, {"qtc_ms": 400})[0] != "not_met"  # never excludes below the limit


def test_qtc_corrected_for_heart_rate_alone_is_read_but_partial() -> None:
    text = "Baseline QT interval corrected for heart rate using Fridericia's formula >= 450 msec"
    item = only_reading("exclusion", text, "qtc_ms")
    assert item.rule == "qtc_ms >= 450"
    # audit12 kind 1: a QTcF or screening/baseline QTc limit is never decided on a recalled value
    assert item.confidence == "partial"


# --- 5. An illness named as an example ("such as", "including") ----------------------------------


@pytest.mark.parametrize(
    ("text", "concept", "yes"),
    [
        # NCT07293351 exc-5 (real): the window after the last item is the list's or only its own;
        # a heart attack in it is excluded either way
        ("Participants must not have significant cardiovascular disease, such as myocardial "
         "infarction, unstable angina, arterial thrombosis, cerebrovascular accident within 6 "
         "months prior to C1D1, uncontrolled hypertension (≥ 150 systolic, ≥ 90 diastolic mm Hg) "
         "despite optimal medical management, or congenital long QT syndrome.",
         "last_heart_attack", "2026-09-01"),
        # NCT06548672 exc-11 (real): the item's own window
        ("Cardiovascular disease of clinical significance: Including New York Heart Association "
         "[NYHA] Class II-IV, congestive heart failure, second-degree or higher heart block, "
         "myocardial infarction within the past 3 months, unstable arrhythmia or unstable angina, "
         "marked QT interval prolongation (12-lead ECG showing baseline-corrected QTc interval "
         ">480 ms), cerebral infarction within 3 months, or having received PTCA or CABG within 6 "
         "months", "last_heart_attack", "2026-10-01"),
        ("Significant cardiovascular disease (such as heart failure, myocardial infarction, or "
         "stroke) within 3 months before the first dose", "last_heart_attack", "2026-10-01"),
        ("Uncontrolled intercurrent illness including, but not limited to, ongoing or active "
         "infection, symptomatic congestive heart failure, or cardiac arrhythmia",
         "active_infection", True),
        ("Clinically significant infection, including known HIV or hepatitis C infection, or "
         "known hepatitis B surface antigen positivity. Testing of asymptomatic patients will not "
         "be required.", "hiv", True),
    ],
)  # fmt: skip
def test_an_example_read_whole_excludes_on_a_yes(text: str, concept: str, yes: object) -> None:
    item = only_reading("exclusion", text, concept)
    assert item.confidence == "partial", readings_summary("exclusion", text)
    assert item.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(item, {concept: yes}) == ("not_met", False)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # a window before the list is the item's: heart failure years ago is not excluded
        ("History of significant cardiac disease within 6 months prior to starting treatment such "
         "as myocardial infarction, unstable angina, cardiomyopathy, congestive heart failure;",
         "heart_failure"),
        # a judgement in the list may reach every item
        ("Uncontrolled intercurrent illness including, but not limited to, ongoing or active "
         "infection, symptomatic congestive heart failure, or psychiatric illness/social "
         "situations that would limit compliance with study requirements.", "active_infection"),
        # a head opening the first item reaches the others ("treatment for ... myocardial
        # infarction")
        ("Inadequate cardiac function, including receipt of treatment for unstable angina, "
         "myocardial infarction, and/or cerebrovascular attack within the prior 6 months",
         "last_heart_attack"),
        # a qualifier of the item itself narrows it
        ("Serious illness such as severe active infection, or heart failure", "active_infection"),
        # AIDS is narrower than the HIV question
        ("Active uncontrolled infection, including known history of acquired immunodeficiency "
         "syndrome (AIDS) or hepatitis B or C", "hiv"),
        # an exception anywhere
        ("Significant heart disease such as myocardial infarction within 6 months, except "
         "patients with a stent", "last_heart_attack"),
    ],
)  # fmt: skip
def test_an_example_not_read_whole_settles_nothing(text: str, concept: str) -> None:
    found = [c for c in only_readings(text) if c.concept == concept]
    assert found, readings_summary("exclusion", text)
    for item in found:
        assert item.confidence != "certain"
        assert item.decisive_when is None, readings_summary("exclusion", text)


def only_readings(text: str) -> list[StructuredCriterion]:
    return read_one_text("exclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        "Known history of AIDS",
        "Known AIDS-related illness",
        "Patients with AIDS",
    ],
)
def test_aids_alone_is_narrower_than_the_hiv_question(text: str) -> None:
    # someone living with HIV without AIDS answers "yes" to the HIV question
    item = only_reading("exclusion", text, "hiv")
    assert item.confidence == "partial"
    assert item.decisive_when is None


def test_hiv_named_beside_aids_is_read_whole() -> None:
    assert only_reading("exclusion", "Known HIV/AIDS", "hiv").confidence == "certain"


# --- 6. Another cancer found in the window, with exceptions the low-risk question takes in ------


@pytest.mark.parametrize(
    ("text", "low_risk"),
    [
        # NCT05501665 exc-10 (real)
        ("History of prior independent malignancy within 3 years of enrollment, except for "
         "adequately treated basal or squamous cell carcinoma of the skin, adequately treated "
         "carcinoma in situ (e.g. cervix or non-invasive bladder cancer)", True),
        ("Prior malignancy within 2 years, except non-melanoma skin cancer or carcinoma in situ",
         True),
        ("History of previous malignancy (except in-situ cancer or basal or squamous cell skin "
         "cancer) within past 3 years prior to enrollment.", True),
        # no exception list: a low-risk cancer in the window is for the study team
        ("History of another malignancy within the past 3 years", True),
    ],
)  # fmt: skip
def test_other_cancer_found_in_the_window_is_decisive(text: str, low_risk: bool) -> None:
    item = only_reading("exclusion", text, "other_cancer")
    assert item.confidence == "partial", readings_summary("exclusion", text)
    assert item.decisive_when == "met", readings_summary("exclusion", text)
    assert ("other_cancer_low_risk" in item.facts) is low_risk
    recent = {"other_cancer": "2025-06-01", "other_cancer_low_risk": False}
    assert status_of(item, recent) == ("not_met", False)
    assert status_of(item, {"other_cancer": "2015-06-01", "other_cancer_low_risk": False})[0] != (
        "not_met"
    )
    if low_risk:
        assert status_of(item, {**recent, "other_cancer_low_risk": True})[0] != "not_met"


@pytest.mark.parametrize(
    "text",
    [
        # exceptions the low-risk question does not take in
        "History of malignancy within 5 years, except localized prostate cancer",
        "Other malignancy within 2 years, except those treated with curative intent",
        "Prior malignancy within 3 years, except adequately treated stage I cancer",
        # "other malignancy" may be one now
        "Other malignancy within 3 years",
    ],
)
def test_other_cancer_with_other_exceptions_settles_nothing(text: str) -> None:
    item = only_reading("exclusion", text, "other_cancer")
    assert item.confidence != "certain"
    assert item.decisive_when is None, readings_summary("exclusion", text)


# --- 7. "Non-pregnant", "non-breastfeeding" and a pregnancy sentence of its own ------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06403436 inc-1 (real)
        "Males and nonpregnant and non-breastfeeding females, aged ≥ 18 years of age at the time "
        "of signing the informed consent.",
        "Non-pregnant and non-breastfeeding women",
        "Males and non-pregnant, non-lactating females aged 18 years or older",
    ],
)
def test_non_pregnant_is_the_negated_question(text: str) -> None:
    for concept in ("pregnant", "breastfeeding"):
        item = only_reading("inclusion", text, concept)
        assert item.confidence == "certain", readings_summary("inclusion", text)
        assert item.rule == f"not ({concept} == yes (females))"
        assert status_of(item, {"sex": "female", concept: True}) == ("not_met", False)
        assert status_of(item, {"sex": "female", concept: False})[0] == "met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT05501665 inc-8 (real)
        "Female patients must be non-pregnant and not breastfeeding.\n- If woman of childbearing "
        "potential (WOCBP), must utilize highly effective contraceptive method (failure rate of "
        "< 1% per year) throughout intervention period and continued per guidance specified in "
        "labeling for approved chemotherapies. Must have negative pregnancy test (serum or urine) "
        "within 1 week prior to initiation of first cycle of therapy",
        "Women must be non-pregnant and non-lactating. If a woman of childbearing potential, she "
        "must use effective birth control during the study (hormonal or barrier methods).",
    ],
)
def test_a_pregnancy_sentence_of_its_own_decides(text: str) -> None:
    item = only_reading("inclusion", text, "pregnant")
    assert item.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(item, {"sex": "female", "pregnant": True}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # the other sentence may widen it: a permission, an "if" that is no "who"
        "Women must not be pregnant or breastfeeding. Breastfeeding women may participate if they "
        "stop breastfeeding.",
        "Female patients must be non-pregnant. If pregnancy is suspected, a test is repeated (or "
        "the investigator decides).",
    ],
)
def test_a_pregnancy_sentence_beside_a_widening_one_stays_partial(text: str) -> None:
    assert only_reading("inclusion", text, "pregnant").confidence != "certain"


def test_a_partner_who_is_not_pregnant_is_no_pregnancy_question() -> None:
    text = (
        "Male participants with a pregnant or non-pregnant female of childbearing potential partner"
        " who do not agree to use condoms until 120 days after the last dose"
    )
    for item in read_one_text("exclusion", text):
        if item.concept == "pregnant":
            assert item.confidence != "certain"
            assert item.decisive_when is None


# --- 8. "Not pregnant or breastfeeding, and at least one of the following ..." -------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06157099 inc-11 (real)
        "A participant is eligible to participate if they are not pregnant or breastfeeding, AND "
        "at least one of the following is true: Is not a person of childbearing potential (WOCBP); "
        "OR "
        "Is a WOCBP and agrees to use adequate contraception (hormonal or barrier method of birth "
        "control; abstinence) before study entry, and for the duration of study participation",
        "A female participant is eligible to participate if she is not pregnant, not "
        "breastfeeding, and at least one of the following conditions applies: - Not a woman of "
        "childbearing "
        "potential (WOCBP) OR - A WOCBP who agrees to follow the contraceptive guidance during the "
        "treatment period and for at least 120 days after the last dose",
        "Female participants are eligible to participate if they are not pregnant or "
        "breastfeeding, and one of the following conditions applies: - Is not a WOCBP; or - Is a "
        "WOCBP using a "
        "highly effective contraceptive method",
    ],
)
def test_pregnancy_before_the_alternatives_is_required_of_everyone(text: str) -> None:
    for concept in ("pregnant", "breastfeeding"):
        item = only_reading("inclusion", text, concept)
        assert item.confidence == "certain", readings_summary("inclusion", text)
        assert status_of(item, {"sex": "female", concept: True}) == ("not_met", False)
        assert status_of(item, {"sex": "female", concept: False})[0] == "met"
    # the birth-control alternatives stay with the study team
    assert only_reading("inclusion", text, "agrees_to_contraception").confidence != "certain"


@pytest.mark.parametrize(
    "text",
    [
        # the pregnancy reading is one of the alternatives
        "At least one of the following: not pregnant, or postmenopausal",
        # no "and" joins it to the alternatives: it may be one of them
        "Either not pregnant or using two methods of birth control",
    ],
)
def test_pregnancy_among_the_alternatives_is_for_the_study_team(text: str) -> None:
    for item in read_one_text("inclusion", text):
        if item.concept == "pregnant":
            assert item.confidence != "certain", readings_summary("inclusion", text)


# --- 9. Spread to the bones or the lining of the belly; Lynch syndrome ----------------------------


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Known bone or peritoneal metastases", ["bone_metastases", "peritoneal_metastases"]),
        ("Patients with bone metastases", ["bone_metastases"]),
        ("Known peritoneal carcinomatosis", ["peritoneal_metastases"]),
        ("Known Lynch syndrome", ["lynch_syndrome"]),
        ("History of Lynch syndrome (HNPCC)", ["lynch_syndrome"]),
    ],
)
def test_spread_and_lynch_syndrome_are_asked(text: str, facts: list[str]) -> None:
    for fact in facts:
        item = only_reading("exclusion", text, fact)
        assert item.confidence == "certain", readings_summary("exclusion", text)
        assert status_of(item, {fact: True}) == ("not_met", False)
        assert status_of(item, {fact: False})[0] == "met"


@pytest.mark.parametrize(
    ("kind", "text", "fact"),
    [
        # what a treatment was for, a new site, another place
        ("exclusion", "Radiation therapy for bone metastasis within 2 weeks", "bone_metastases"),
        ("inclusion", "Repeat imaging demonstrates no new sites of bone metastases",
         "bone_metastases"),
        ("inclusion", "Solid tumors not metastatic to bone marrow", "bone_metastases"),
        ("exclusion", "Identification of non-peritoneal metastasis during laparoscopy",
         "peritoneal_metastases"),
    ],
)  # fmt: skip
def test_spread_named_for_something_else_is_no_question(kind: str, text: str, fact: str) -> None:
    kind_ = "exclusion" if kind == "exclusion" else "inclusion"
    assert fact not in {c.concept for c in read_one_text(kind_, text)}


# --- 10. A second bullet glyph left after the list marker -----------------------------------------


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # NCT05501665 (real): "* • Histologically documented ..."
        ("Inclusion Criteria:\n\n* Age >= 18 years\n* • Histologically documented or cytologically "
         "confirmed diagnosis of stage IVA non-small cell lung cancer\n",
         "Histologically documented"),
        ("Inclusion Criteria:\n\n* Age >= 18 years\n* ▪ ECOG performance status of 0-1\n", "ECOG"),
        ("Exclusion Criteria:\n\n- Pregnancy\n- ◦ Known HIV infection\n", "Known HIV"),
    ],
)  # fmt: skip
def test_a_leftover_bullet_is_no_part_of_the_criterion(text: str, first: str) -> None:
    criteria = split_criteria(text)
    assert len(criteria) == 2
    assert criteria[1].text.startswith(first), [c.text for c in criteria]


def test_a_dash_after_the_marker_is_kept() -> None:
    # "- " may be a sub-item's marker: only round bullet glyphs are leftovers
    criteria = split_criteria("Exclusion Criteria:\n\n* Pregnancy\n* - see appendix\n")
    assert criteria[-1].text.startswith("- see")

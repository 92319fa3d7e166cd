"""Reader kinds found by the coordinator audit of four unseen trials (audit12): a QTcF or screening
QTc limit decided on a patient-recalled value, a marker or prior treatment of one listed cancer
cohort required of everyone, exceptions dropped (a GnRH agonist excepted from a hormonal-therapy
window, recovery from surgery read as recovery from side effects), wrong concepts or reversed
meanings in partial readings (a HER2 mutation that must be absent read as HER2-positive required,
a lesion in a radiation port or a rising PSA as scan status, an oxygen need as lung disease,
"at screening" as a window), plain facts sent to the study team (pregnancy and breastfeeding,
MET inhibitors, prior abiraterone beside a trial's placebo permission, a stroke beside a
heart-attack exception, anticoagulation) and staff-facing limits mis-extracted (prothrombin time
as a platelet limit, creatinine clearance's limit given to creatinine, a web link as a criterion).
Each with the real criterion and a few variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

from trialbot.domain.trial import CriterionKind
from trialbot.eligibility.text import normalize, windows
from trialbot.sources.criteria_split import split_criteria

# --- kind 1: QTcF or a screening QTc is not decided on a recalled value --------------------------
# Decision: the QTc question asks for the number on the patient's latest ECG printout, which is
# usually the machine's Bazett value, from any day. A limit on the Fridericia-corrected QTc, or
# measured at screening / baseline (often the mean of triplicate ECGs), is another measurement: the
# reading stays partial (a recalled 480 never excludes by itself; the study team measures it). A
# plain "QTc > 470 ms" is still read whole.


@pytest.mark.parametrize(
    "text",
    [
        "QTcF interval > than the 470 ms.",  # NCT06654050 exc-4 (real)
        "QTcF > 470 msec",
        "QTc interval > 480 ms at screening",
        "Mean QTc > 470 ms on triplicate ECGs at baseline",
        "QT interval corrected by Fridericia's formula > 450 ms",
    ],
)
def test_a_qtcf_or_screening_qtc_limit_is_partial(text: str) -> None:
    qtc = _one("exclusion", text, "qtc_ms")
    assert qtc.confidence == "partial", _rules("exclusion", text)
    assert qtc.decisive_when is None
    # a recalled 500 goes against the reading (flagged for the study team), never excludes alone
    assert _check(qtc, {"qtc_ms": 500})[1]


def test_a_plain_qtc_limit_is_still_read_whole() -> None:
    qtc = _one("exclusion", "QTc > 470 ms", "qtc_ms")
    assert qtc.confidence == "certain"


# --- kind 2: a listed cohort's marker or prior treatment is that cohort's ------------------------

_COHORTS = (
    # NCT06084481 inc-3 (real)
    "Documented diagnosis of locally advanced or metastatic hepatocellular carcinoma (HCC), "
    "pancreatic ductal adenocarcinoma (PDAC), biliary tract cancers (BTC), squamous cell carcinoma "
    "of the esophagus, (ESCC), triple negative breast cancer (TNBC), hormone receptor+/HER2-breast "
    "cancer (HR+/HER2-BC), head and neck squamous-cell-carcinoma (HNSCC), or Platinum Resistant "
    "High Grade Epithelial Ovarian Cancer (PROC)/primary peritoneal/fallopian tube cancer (by "
    "World Health Organization [WHO] criteria). Participant meets the criteria for disease "
    "activity laid out in the protocol."
)


@pytest.mark.parametrize(
    "text",
    [
        _COHORTS,
        "Metastatic colorectal cancer, gastric cancer, or HER2-positive breast cancer",
        "One of: pancreatic cancer, biliary tract cancer, HR-positive breast cancer, or "
        "platinum-resistant ovarian cancer",
        "Advanced NSCLC, melanoma, urothelial carcinoma or EGFR-mutant lung cancer after prior "
        "osimertinib",
    ],
)
def test_a_marker_or_treatment_of_one_listed_cancer_type_is_never_everyones(text: str) -> None:
    for reading in _read("inclusion", text):
        if reading.concept and (
            reading.concept.endswith("_status") or reading.concept.startswith("prior_")
        ):
            assert reading.needs_review, _rules("inclusion", text)


def test_a_tnbc_patient_is_not_warned_by_the_cohort_list() -> None:
    for reading in _read("inclusion", _COHORTS):
        assert not _check(reading, {"hormone_receptor_status": "negative"})[1]
        assert not _check(reading, {"prior_platinum": False})[1]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("HER2-negative breast cancer", "her2_status"),
        ("Histologically confirmed HR-positive, HER2-negative breast cancer", "her2_status"),
    ],
)
def test_one_cancer_type_keeps_its_marker(text: str, concept: str) -> None:
    assert not _one("inclusion", text, concept).needs_review


# --- kind 3: exceptions kept ---------------------------------------------------------------------

_HORMONAL = (
    # NCT05422911 exc-2 (real)
    "Treatment with hormonal therapy (e.g., androgen receptor inhibitors, estrogens, 5-alpha "
    "reductase inhibitors) or biologic therapy for prostate cancer (other than approved bone "
    "targeting agents and GnRH agonist/antagonist therapy) within 4 weeks of randomization"
)


@pytest.mark.parametrize(
    "text",
    [
        _HORMONAL,
        "Anticancer therapy within 4 weeks, except LHRH agonists",
        "Other anticancer therapies within 3 weeks of study treatment start, with the exception of "
        "androgen deprivation therapy, enzalutamide, or abiraterone acetate which should be "
        "continued through study treatment.",
        "Concurrent use of anticancer therapy except hormonal therapy",
    ],
)
def test_an_exception_the_cancer_medicine_question_takes_in_goes_to_the_study_team(
    text: str,
) -> None:
    for reading in _read("exclusion", text):
        if reading.concept in ("last_anticancer_therapy", "current_anticancer_therapy"):
            assert reading.needs_review, _rules("exclusion", text)
        # the excepted medicine is never the exclusion
        if reading.concept == "prior_androgen_deprivation":
            assert reading.needs_review, _rules("exclusion", text)


def test_a_man_on_his_gnrh_shot_is_not_warned() -> None:
    for reading in _read("exclusion", _HORMONAL):
        assert not _check(reading, {"last_anticancer_therapy": "2026-11-10"})[1]


def test_an_exception_naming_radiation_only_keeps_the_medicine_window() -> None:
    text = "Chemotherapy within 4 weeks prior to the first dose, except palliative radiotherapy"
    assert not _one("exclusion", text, "last_anticancer_therapy").needs_review


@pytest.mark.parametrize(
    "text",
    [
        # NCT06116682 inc-15 (real)
        "Participants must not have had major surgery excluding placement of vascular access or "
        "tumor biopsy, or had significant traumatic injury within 28 days prior to sub-study "
        "registration, or will not have fully recovered from surgery, or has surgery planned "
        "during the time the participant is expected to participate in the study",
        "Recovered from any prior surgery",
        "Full recovery from surgery",
    ],
)
def test_recovery_from_surgery_is_not_asked_as_side_effects(text: str) -> None:
    for reading in _read("inclusion", text):
        if reading.concept == "recovered_from_side_effects":
            assert reading.needs_review, _rules("inclusion", text)


def test_not_recovered_from_surgery_asks_no_surgery_ever() -> None:
    text = "Participants who have not adequately recovered from major surgery"
    assert all(r.needs_review for r in _read("exclusion", text)), _rules("exclusion", text)


def test_recovery_from_treatment_side_effects_is_still_asked() -> None:
    text = "Recovered from all toxicities of prior therapy to grade 1"
    assert not _one("inclusion", text, "recovered_from_side_effects").needs_review


# --- kind 4: no wrong concept, no reversed meaning -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06116682 inc-6 (real)
        "Participants must not have other known actionable oncogenic alterations, such as (but not "
        "limited to) EGFR sensitizing mutations, EGFR T790M mutation, MET Exon-14 skipping mutant "
        "NSCLC, ALK gene fusion, ROS1 gene rearrangement, RET gene rearrangement, NTRK "
        "rearrangement, HER2 mutation, KRAS activating mutations, and BRAF V600E mutation",
        "No other driver alterations, for example ALK fusion or HER2-positive disease",
        "HER2 mutation-positive NSCLC",
        "Documented HER2 exon 20 mutation",
    ],
)
def test_a_her2_mutation_or_a_far_negated_example_never_requires_her2_positive(text: str) -> None:
    for reading in _read("inclusion", text):
        if reading.concept in ("her2_status", "alk_status"):
            assert reading.needs_review, _rules("inclusion", text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("No known EGFR mutation", "egfr_status"),
        ("Patients must not have an EGFR mutation or ALK fusion", "alk_status"),
        ("Without HER2 amplification", "her2_status"),
    ],
)
def test_a_negation_right_before_a_marker_negates_it(text: str, concept: str) -> None:
    reading = _one("inclusion", text, concept)
    assert reading.rule is not None and reading.rule.startswith("not ("), _rules("inclusion", text)


def test_her2_negative_stays_a_result_not_a_negation() -> None:
    assert _one("inclusion", "HER2-negative breast cancer", "her2_status").rule == (
        "her2_status == negative"
    )


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # NCT06116682 inc-3 (real, its last sentence)
        (
            "inclusion",
            "Participants must have measurable disease documented by CT or MRI. Participants whose "
            "only measurable disease is within a previous radiation therapy port must demonstrate "
            "clearly progressive disease (in the opinion of the treating investigator) prior to "
            "sub-study registration to be considered measurable",
        ),
        # NCT05422911 inc-7 (real)
        (
            "inclusion",
            "High risk for the development of progression of disease/metastasis, defined as (i) a "
            "minimum of three rising PSA values (PSA1 < PSA2 < PSA3) at an interval of at least 1 "
            "week apart; (ii) a PSA level of 2 ng per milliliter (2 μg/L) or greater; and (iii) a "
            "PSA doubling time of 9 months or less during continuous androgen-deprivation therapy",
        ),
        ("inclusion", "Biochemical progression with a rising PSA on ADT"),
        ("inclusion", "Progressive disease in a previously irradiated lesion"),
    ],
)
def test_a_radiation_port_lesion_or_a_rising_psa_is_not_scan_status(
    kind: CriterionKind, text: str
) -> None:
    for reading in _read(kind, text):
        if reading.concept == "disease_status":
            assert reading.needs_review, _rules("inclusion", text)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # NCT06116682 inc-36 (real)
        (
            "inclusion",
            "Participants must not have impaired oxygenation requiring continuous oxygen "
            "supplementation as determined by the treating investigator",
        ),
        ("exclusion", "Requires supplemental oxygen"),
        ("exclusion", "Dyspnea at rest that requires continuous oxygen therapy"),
    ],
)
def test_an_oxygen_need_is_not_asked_as_lung_disease(kind: CriterionKind, text: str) -> None:
    for reading in _read(kind, text):
        if reading.concept == "lung_disease":
            assert reading.needs_review, _rules(kind, text)


_AT_SCREENING = (
    # NCT06654050 exc-3 (real)
    "Unstable angina, congestive heart failure (New York Heart Association Classification Class >= "
    "II (https://manual.jointcommission.org/releases/TJC2016A/DataElem0439.html#:~:text=Class%20II"
    "%20%2D%20Mild%20symptoms%20(mild,Class%20IV%20%2D%20Severe%20limitations.), serious cardiac "
    "arrhythmia, clinically significant bleeding or clinically significant pulmonary embolism at "
    "screening."
)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (_AT_SCREENING, "last_serious_bleeding"),
        (_AT_SCREENING, "last_blood_clot"),
        ("Clinically significant bleeding at screening", "last_serious_bleeding"),
        ("Pulmonary embolism at the time of screening", "last_blood_clot"),
    ],
)
def test_at_screening_is_no_window_and_a_yes_goes_to_the_study_team(
    text: str, concept: str
) -> None:
    reading = _one("exclusion", text, concept)
    assert "within 2 days" not in (reading.rule or ""), _rules("exclusion", text)
    assert reading.rule is not None and reading.rule.endswith("and study team")
    # a nosebleed last spring is not flagged as going against the rule
    assert not _check(reading, {concept: "2026-04-15"})[1]


def test_a_web_address_holds_no_window() -> None:
    assert not windows(normalize(_AT_SCREENING).lower())


# --- kind 7: plain facts are asked ---------------------------------------------------------------


def test_pregnancy_and_breastfeeding_beside_a_consent_process_are_asked() -> None:
    text = (  # NCT06116682 inc-39 (real, first two sentences)
        "Participants must not be pregnant or breastfeeding (nursing includes breast milk fed to "
        "an infant by any means, including from the breast, milk expressed by hand, or pumped). "
        "Individuals who are of reproductive potential must have agreed to use an effective "
        "contraceptive method with details provided as a part of the consent process."
    )
    assert not _one("inclusion", text, "pregnant").needs_review
    assert not _one("inclusion", text, "breastfeeding").needs_review


@pytest.mark.parametrize(
    "text",
    [
        # NCT06654050 inc-14 (real)
        "Nursing (i.e., breastfeeding/chest feeding) participants must be willing to discontinue "
        "nursing from study treatment initiation through 4 weeks after the last dose of the study "
        "drug.",
        "Breastfeeding participants must be willing to stop breastfeeding during the study",
    ],
)
def test_nursing_participants_willing_to_stop_is_asked(text: str) -> None:
    reading = _one("inclusion", text, "breastfeeding")
    assert not reading.needs_review and reading.confidence == "partial"
    profile_no = {"sex": "female", "breastfeeding": False}
    assert _check(reading, profile_no)[0] == "met"
    assert not _check(reading, {"sex": "female", "breastfeeding": True})[1]


@pytest.mark.parametrize(
    "text",
    [
        # NCT06116682 inc-10 (real)
        "Participants must not have been previously treated for any cancer with MET tyrosine "
        "kinase inhibitors (TKIs) such as tepotinib, capmatinib, and crizotinib",
        "No prior MET inhibitor",
        "No prior treatment with capmatinib or tepotinib",
    ],
)
def test_prior_met_inhibitors_are_asked(text: str) -> None:
    readings = [r for r in _read("inclusion", text) if not r.needs_review]
    assert readings, _rules("inclusion", text)
    assert all((r.rule or "").startswith("not (") for r in readings)
    asked = {r.concept for r in readings}
    assert asked & {"prior_met_inhibitor", "prior_capmatinib", "prior_tepotinib"}, asked


def test_prior_abiraterone_beside_a_placebo_permission_of_trials_is_asked() -> None:
    text = (  # NCT05422911 exc-1 (real)
        "Prior cytotoxic chemotherapy, aminoglutethimide, ketoconazole, abiraterone acetate, "
        "apalutamide or enzalutamide for the treatment of prostate cancer or participation in a "
        "clinical trial of an investigational agent that inhibits the androgen receptor or "
        "androgen synthesis (unless treatment was placebo)."
    )
    assert not _one("exclusion", text, "prior_abiraterone").needs_review
    assert _one("exclusion", text, "in_other_trial").needs_review  # the placebo permission's


@pytest.mark.parametrize(
    "text",
    [
        # NCT06654050 exc-2 (real)
        "Clinically significant cardiovascular/cerebrovascular disease as follows: cerebral "
        "vascular accident/stroke within 6 months prior to study treatment initiation, myocardial "
        "infarction within 6 months prior to study treatment initiation unless revascularized "
        "post infarction and cleared by cardiology consultants.",
        "Any of the following: stroke within 6 months, myocardial infarction within 6 months "
        "unless revascularized.",
    ],
)
def test_a_stroke_beside_a_heart_attack_exception_is_asked(text: str) -> None:
    stroke = _one("exclusion", text, "last_stroke")
    assert not stroke.needs_review and stroke.confidence == "partial", _rules("exclusion", text)
    assert _one("exclusion", text, "last_heart_attack").needs_review


@pytest.mark.parametrize(
    ("text", "confidence"),
    [
        # NCT06654050 exc-5 (real)
        (
            "Therapeutic anticoagulation within 2 weeks prior to study treatment initiation. Note: "
            "Oral agents and Lovenox, etc., are monitored by factor 10 levels, not PT or partial "
            "thromboplastin time (PTT).",
            "partial",
        ),
        ("Therapeutic anticoagulation", "certain"),
    ],
)
def test_therapeutic_anticoagulation_asks_about_blood_thinners(text: str, confidence: str) -> None:
    reading = _one("exclusion", text, "anticoagulant_use")
    assert reading.confidence == confidence, _rules("exclusion", text)


def test_an_inr_permission_for_anticoagulation_is_not_the_question() -> None:
    text = "INR <= 1.5 unless on therapeutic anticoagulation"
    assert all(r.concept != "anticoagulant_use" or r.needs_review for r in _read("inclusion", text))


# --- kind 9: staff-facing limits ---------------------------------------------------------------


def _limits(text: str) -> set[tuple[str, str, float, str | None]]:
    found = _read("inclusion", text)[0].thresholds or []
    return {(t.measure, t.op, t.value, t.unit) for t in found}


def test_prothrombin_time_is_its_own_limit() -> None:
    text = (  # NCT06654050 inc-12 (real, two lines of it)
        "Adequate renal, hepatic, and hematopoietic function as defined below:\n"
        "- platelets >= 100,000/micro L and < 1,200,000/micro L\n"
        "- prothrombin time (PT) no more than 2 seconds above the upper limit of normal (ULN)"
    )
    limits = _limits(text)
    assert ("pt", "<=", 2.0, "s above ULN") in limits
    assert all(m != "platelets" or unit != "s" for m, _, _, unit in limits)


@pytest.mark.parametrize(
    "text",
    [
        # NCT06116682 inc-22 (real, first sentence)
        "Participants must have a serum creatinine ≤ the institutional upper limit of normal "
        "(IULN) or calculated creatinine clearance ≥ 45 mL/min using the following Cockcroft-Gault "
        "Formula.",
        "Serum creatinine <= ULN or creatinine clearance >= 60 mL/min",
    ],
)
def test_creatinine_clearance_keeps_its_limit_to_itself(text: str) -> None:
    limits = _limits(text)
    assert not any(m == "creatinine" and unit == "mL/min" for m, _, _, unit in limits), limits
    assert any(m == "creatinine_clearance" for m, _, _, _ in limits)


def test_a_link_line_joins_the_criterion_before_it() -> None:
    text = (  # NCT06654050 exclusions (real, three items)
        "Exclusion Criteria:\n\n"
        "* Participants receiving inhibitors or inducers of CYP3A4/3A5 within 2 weeks prior to "
        "study treatment initiation\n\n"
        "(https://www.fda.gov/Drugs/DevelopmentApprovalProcess/DevelopmentResources/"
        "DrugInteractionsLabeling/ucm093664.htm#table2-2,table3-3,table5-2,\n\n"
        "* Participants seropositive for human immunodeficiency virus (HIV) infection."
    )
    criteria = split_criteria(text)
    assert [c.id for c in criteria] == ["exc-1", "exc-2"]
    assert "fda.gov" in criteria[0].text

"""Reader kinds found by the coordinator and patient audit of four unseen trials (audit16): an
explaining sentence under an age limit read as an inverted rule; alternatives (per-group limits,
a lab table by age, "-OR" routes) read as if all applied; a requirement the study fulfils itself
(a biopsy done at screening) or a windowless "major surgery prior to Day 1" read against every
candidate; patient-answerable exclusions sent to the study team or read as a wrong fact. Each with
the real criterion and a few variants written for it."""

from __future__ import annotations

import datetime

import pytest
from reading_helpers import TODAY
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import read_criteria


def _of(kind: str, text: str, concept: str) -> list[StructuredCriterion]:
    return [c for c in _read(kind, text) if c.concept == concept]  # type: ignore[arg-type]


def _ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def _flags(item: StructuredCriterion, answers: dict[str, object]) -> bool:
    """The answers exclude the patient (certain) or go against the reading (partial)."""
    status, against = _check(item, answers)  # type: ignore[arg-type]
    return status == "not_met" or against


def _trial(*criteria: tuple[str, str]) -> Trial:
    texts = [
        CriterionText(id=f"{kind[:3]}-{n}", kind=kind, text=text)  # type: ignore[arg-type]
        for n, (kind, text) in enumerate(criteria, start=1)
    ]
    return Trial(id="NCT00000001", registry="ctgov", title="A trial", criteria=texts)


# --- kind 1: an explaining sentence that restates the age limit neither inverts nor adds rules

_AGE_WITH_REASON = [
    # NCT06661915 inc-3 (real: the reason is a sub-item under the limit)
    "Age ≥ 18 years\n- Because no dosing or adverse event data are currently available on the "
    "use of ASTX727 (35 mg decitabine + 100 mg cedazuridine) in combination with iadademstat in "
    "patients < 18 years of age, children are excluded from this study",
    "Age ≥ 18 years - because no dosing data are available on the use of decitabine in patients "
    "< 18 years of age, children are excluded from this study",
    "Age >= 12 years. Because no safety data are available for azacitidine in patients younger "
    "than 12 years, children under 12 are excluded from this trial",
    "Aged 18 years or older\n* Because no data are available in patients < 18 years of age, "
    "children are excluded",
]


@pytest.mark.parametrize("text", _AGE_WITH_REASON)
def test_a_reason_under_an_age_limit_is_no_rule_of_its_own(text: str) -> None:
    readings = _read("inclusion", text)
    assert [c.concept for c in readings] == ["age_years"], _rules("inclusion", text)
    (age,) = readings
    assert not age.rule.startswith("not"), age.rule  # type: ignore[union-attr]
    adult = 70
    assert not _flags(age, {"age_years": adult})
    assert _check(age, {"age_years": 5}) == ("not_met", False) or _flags(age, {"age_years": 5})


# --- kind 2: alternatives never flag a patient who meets another alternative

_GROUPS = [
    # NCT04079179 inc-1..4 (real): every age is some group's
    (
        (
            "For Group 1: Participant must be at least 6 months of age and less than 21 years of "
            "age at the time of enrollment",
            "For Group 2: Participant may be at least 6 months of age at the time of enrollment",
            "For Group 3: Participant must be at least 6 months of age and less than 21 years of "
            "age at the time of enrollment",
            "For Group 4: Participant must be 21 years of age or older at the time of enrollment",
        ),
        (9, 33, 45),
    ),
    (
        (
            "For Cohort A: Participants must be under 18 years of age",
            "For Cohort B: Participants must be 18 years or older",
        ),
        (9, 33),
    ),
    (("Part 1 only: age 12 to 17 years", "Part 2 only: age 18 years or older"), (14, 45)),
]


@pytest.mark.parametrize(("texts", "ages"), _GROUPS)
def test_per_group_age_limits_never_flag_a_patient_another_group_takes(
    texts: tuple[str, ...], ages: tuple[int, ...]
) -> None:
    readings = read_criteria(_trial(*[("inclusion", t) for t in texts]))
    limits = [c for c in readings if c.concept == "age_years" and c.applies_to]
    assert len(limits) >= 2, [(c.id, c.applies_to, c.rule) for c in readings]
    for item in limits:
        assert item.confidence != "certain"
        for age in ages:
            assert not _flags(item, {"age_years": age}), (item.id, item.rule, age)


def test_an_age_no_group_takes_still_goes_against() -> None:
    texts = ("Part 1 only: age 12 to 17 years", "Part 2 only: age 18 years or older")
    readings = read_criteria(_trial(*[("inclusion", t) for t in texts]))
    limits = [c for c in readings if c.concept == "age_years"]
    assert limits and all(_flags(item, {"age_years": 9}) for item in limits)


def test_an_age_in_a_single_group_still_reads() -> None:
    """One group named alone keeps its limit (nothing else to take the patient)."""
    (item,) = _of("inclusion", "Cohort A only: age 18 years or older", "age_years")
    assert item.applies_to and _flags(item, {"age_years": 9})


_LAB_TABLES = [
    # NCT04079179 inc-18 (real)
    "Maximum Serum Creatinine (mg/dL) Age 2 to < 6 years: Male 0.8 mg/dL, Female 0.8; 6 to < 10 "
    "years: Male 1 mg/dL,Female 1; 10 to < 13 years: Male 1.2 mg/dL; Female 1.2; 13 to < 16 "
    "years: Male 1.5 mg/dL ; Female 1.4; ≥ 16 years: Male 1.7 mg/dL; Female 1.4;",
    "Serum creatinine by age: 1 to < 2 years: 0.6 mg/dL; 2 to < 6 years: 0.8 mg/dL; ≥ 16 years: "
    "1.5 mg/dL",
    "Maximum bilirubin Age 1 to < 12 years: 1.0 mg/dL; 12 to < 18 years: 1.5 mg/dL",
]


@pytest.mark.parametrize("text", _LAB_TABLES)
def test_the_age_bands_of_a_lab_table_are_no_age_limit(text: str) -> None:
    assert not _of("inclusion", text, "age_years"), _rules("inclusion", text)


_ROUTES = [
    # NCT04079179 inc-6..9 (real)
    (
        "Biopsy proven LCH -AND",
        "Failure of at least front-line therapy for LCH with evaluable disease. -OR",
        "Diagnosis of LCH-associated neurodegenerative disease with radiologic or clinical "
        "progression within the past 3 months. -OR",
        "Biopsy proven JXG, ECD, RDD, histiocytic sarcoma, or other histiocytic lesion (newly "
        "diagnosed or relapsed/refractory disease) with evaluable active disease.",
    ),
    (
        "Relapsed disease after at least one prior line of therapy -OR",
        "Disease progression within the past 6 months -AND/OR",
        "Newly diagnosed disease not eligible for standard therapy",
    ),
    (
        "Measurable disease OR",
        "Disease that is growing or spreading",
    ),
]


@pytest.mark.parametrize("texts", _ROUTES)
def test_routes_joined_by_or_never_flag_a_patient_on_another_route(texts: tuple[str, ...]) -> None:
    readings = read_criteria(_trial(*[("inclusion", t) for t in texts]))
    # a newly diagnosed, stable patient with a biopsy: the last route takes them
    answers = {"disease_status": "stable", "histology_confirmed": True, "measurable_disease": True}
    read = [c for c in readings if not c.needs_review and c.condition]
    assert read, [(c.id, c.rule) for c in readings]
    for item in read:
        assert item.confidence != "certain"
        assert not _flags(item, answers), (item.id, item.rule)


def test_a_plain_list_of_requirements_stays_all_required() -> None:
    readings = read_criteria(
        _trial(
            ("inclusion", "Biopsy proven LCH -AND"),
            (
                "inclusion",
                "Diagnosis of LCH-associated neurodegenerative disease with radiologic or "
                "clinical progression within the past 3 months.",
            ),
        )
    )
    (status,) = [c for c in readings if c.concept == "disease_status"]
    assert _flags(status, {"disease_status": "stable"})


# --- kind 3: what every candidate meets by design is not asked against them

_SURGERY_NO_WINDOW = [
    # NCT05552755 exc-15 (real)
    "Has had major surgery prior to Study Day 1",
    "Major surgery before the first dose of study drug",
    "Participants who had major surgery prior to randomization",
]


@pytest.mark.parametrize("text", _SURGERY_NO_WINDOW)
def test_major_surgery_without_a_window_is_not_any_surgery_ever(text: str) -> None:
    for item in _of("exclusion", text, "last_major_surgery"):
        assert not _flags(item, {"last_major_surgery": _ago(3650)}), item.rule


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Has had major surgery within 4 weeks prior to Day 1", 28),
        ("Has had major surgery within 3 weeks prior to first dose of study interventions.", 21),
    ],
)
def test_a_surgery_window_is_kept(text: str, days: int) -> None:
    (item,) = _of("exclusion", text, "last_major_surgery")
    assert _flags(item, {"last_major_surgery": _ago(days - 3)})
    assert not _flags(item, {"last_major_surgery": _ago(days + 30)})


def test_a_history_of_major_surgery_is_ever() -> None:
    (item,) = _of("exclusion", "History of major surgery", "last_major_surgery")
    assert _flags(item, {"last_major_surgery": _ago(3650)})


_SCREENING_BIOPSY = [
    # NCT05733715 inc-5 (real)
    "Histologically or cytologically confirmed diagnosis of renal cell carcinoma based on newly "
    "obtained renal mass core biopsy performed during study screening procedures.",
    "Histologically confirmed disease on a fresh tumour biopsy obtained during screening",
    "Confirmed diagnosis; a core biopsy will be performed at the screening visit",
]


@pytest.mark.parametrize("text", _SCREENING_BIOPSY)
def test_a_biopsy_done_at_screening_is_not_asked_of_the_patient(text: str) -> None:
    readings = read_criteria(
        _trial(
            (
                "inclusion",
                "Male/female participants who are at least 18 years of age on the day of signing "
                "informed consent with histologically confirmed diagnosis of renal cell carcinoma "
                "will be enrolled in this study.",
            ),
            ("inclusion", text),
        )
    )
    for item in readings:
        if item.concept == "histology_confirmed":
            assert not _flags(item, {"histology_confirmed": False}), (item.id, item.rule)


def test_a_biopsy_required_before_still_reads() -> None:
    readings = read_criteria(_trial(("inclusion", "Histologically confirmed renal cell carcinoma")))
    (item,) = [c for c in readings if c.concept == "histology_confirmed"]
    assert not item.needs_review


# --- kind 4: patient-answerable exclusions asked, wrong facts not asked


@pytest.mark.parametrize(
    "text",
    [
        # NCT06661915 inc-2 (real)
        "Patients must not have received prior DNMTi. Previous use of janus kinase (JAK) "
        "inhibition, hydroxyurea, and interferon is allowed. There is no required washout period",
        "Patients must not have received prior DNMT inhibitors",
        "No prior treatment with a DNA methyltransferase inhibitor. Prior hydroxyurea is allowed.",
    ],
)
def test_a_prior_dnmt_inhibitor_is_asked(text: str) -> None:
    (item,) = _of("inclusion", text, "prior_hypomethylating_agent")
    assert _flags(item, {"prior_azacitidine": True})
    assert not _flags(item, {"prior_hypomethylating_agent": False})


@pytest.mark.parametrize(
    "text",
    [
        # NCT05552755 exc-7 (real)
        "Use of omega-3 fatty acids or oral corticosteroids prior to Study Day 1",
        "Taking fish oil supplements",
        "Current use of omega-3 supplements",
    ],
)
def test_fish_oil_is_asked(text: str) -> None:
    (item,) = _of("exclusion", text, "prior_omega_3_fatty_acids")
    assert _flags(item, {"prior_omega_3_fatty_acids": True})


@pytest.mark.parametrize(
    "text",
    [
        # NCT06661915 exc (real)
        "Patients medicated with anti-depressants reported to have KDM1A/LSD1 inhibitory "
        "activity: tranylcypromine or phenelzine",
        "Current use of MAO inhibitors such as phenelzine",
        "Patients taking antidepressants of the monoamine oxidase inhibitor class",
    ],
)
def test_an_mao_inhibitor_is_no_mental_health_condition(text: str) -> None:
    for item in _of("exclusion", text, "mental_health_condition"):
        assert item.needs_review, item.rule


@pytest.mark.parametrize(
    "text",
    [
        # NCT04079179 exc-8 (real)
        "Active hemoptysis (bright red blood of at least 0.5 teaspoon) within 3 weeks prior to "
        "the first dose of study drug.",
        "Hemoptysis within 28 days before enrollment",
        "Recent haemoptysis (within 1 month)",
    ],
)
def test_hemoptysis_is_narrower_than_any_serious_bleeding(text: str) -> None:
    (item,) = _of("exclusion", text, "last_serious_bleeding")
    # a bowel bleed last week is a yes to "serious bleeding?" the criterion does not exclude
    assert not _flags(item, {"last_serious_bleeding": _ago(7)})
    assert _check(item, {"last_serious_bleeding": "never"})[0] == "met"


_HEART_LIST = [
    # NCT05552755 exc-26 (real, shortened after item 5)
    "Clinically significant cardiovascular disease ≤ 6 months before first dose\n"
    "1. Myocardial infarction or unstable angina\n2. Clinically significant cardiac arrhythmias\n"
    "3. Uncontrolled hypertension: systolic blood pressure (SBP) > 180 millimeters of mercury "
    "(mmHg), diastolic blood pressure (DBP) > 100 mmHg\n4. Congestive heart failure\n"
    "5. Arterial or venous thromboembolic events",
    "Any of the following within 6 months prior to enrollment: 1. Myocardial infarction "
    "2. Deep vein thrombosis or pulmonary embolism",
]


@pytest.mark.parametrize("text", _HEART_LIST)
def test_a_list_lead_window_is_every_item_s(text: str) -> None:
    for concept in ("last_heart_attack", "last_blood_clot"):
        for item in _of("exclusion", text, concept):
            assert not _flags(item, {concept: _ago(3 * 365)}), (concept, item.rule)
            assert _flags(item, {concept: _ago(30)}), (concept, item.rule)


@pytest.mark.parametrize(
    "text",
    [
        # NCT05552755 exc-3 (real)
        "Has had prior pelvic irradiation.",
        "Previous radiotherapy to the pelvis",
        "History of radiation to the abdomen or pelvis",
    ],
)
def test_a_past_radiotherapy_without_window_is_settled_by_never(text: str) -> None:
    (item,) = _of("exclusion", text, "last_radiotherapy")
    assert _check(item, {"last_radiotherapy": "never"})[0] == "met"
    assert not _flags(item, {"last_radiotherapy": _ago(400)})  # which site: the study team


def test_a_rule_for_two_arms_is_not_one_arm_s() -> None:
    # NCT05733715 exc-1 (real)
    text = (
        "A WOCBP who has a positive urine pregnancy test within 24 hours prior to first dose of "
        "lenvatinib (ARM A only) or within 72 hours prior to first dose of pembrolizumab (ARMS A "
        "and B) (see Appendix 3)."
    )
    for item in _read("exclusion", text):
        assert item.applies_to is None, item.applies_to
    (only,) = _of("exclusion", "Prior lenvatinib (Arm A only).", "prior_lenvatinib")
    assert only.applies_to == "Arm A only"


_ANTICOAGULANTS = (
    # NCT04079179 exc-2 (real, the items around the blood thinner)
    "Prior Therapy Restrictions\n"
    "- For patients with brain tumors (intracranial masses), use of anticoagulants within 7 days "
    "prior to enrollment.\n"
    "- Corticosteroid therapy less than or equal to 0.5 mg/kg/day averaged during the 28 days "
    "prior to study enrollment is permissible.\n"
    "- Patients taking anticoagulants or have a pre-existing bleeding disorder unrelated to "
    "histiocytic disease."
)


def test_a_blood_thinner_for_everyone_is_asked_beside_a_one_group_item() -> None:
    (item,) = _of("exclusion", _ANTICOAGULANTS, "anticoagulant_use")
    assert not item.needs_review
    assert _flags(item, {"anticoagulant_use": True})


_RETINA = [
    # NCT04079179 exc-3 (real item)
    "Ophthalmologic considerations: Patients with known significant ophthalmologic conditions or "
    "known risk factors for retinal vein occlusion are not eligible. Specifically, patients with a "
    "history of retinal vein occlusion (RVO), retinal detachment, retinal pathology on "
    "ophthalmologic exam, retinopathy of prematurity, central serous chorioretinopathy (CSSCR), "
    "neovascular retinopathy, intraocular pressure > 21 mmHg will be excluded.",
    "Known retinal disease",
    "Current or past retinal pathology",
]


@pytest.mark.parametrize("text", _RETINA)
def test_a_retinal_problem_is_asked(text: str) -> None:
    (item,) = _of("exclusion", text, "retinal_disease")
    assert _flags(item, {"retinal_disease": True})
    assert _check(item, {"retinal_disease": False})[0] == "met"


def test_some_retinal_problems_are_narrower_than_the_question() -> None:
    text = "History of retinal vein occlusion or retinal detachment"
    (item,) = _of("exclusion", text, "retinal_disease")
    assert not _flags(item, {"retinal_disease": True})  # a retinopathy is a yes: study team
    assert _check(item, {"retinal_disease": False})[0] == "met"


def test_an_eye_abnormality_is_no_diabetes_question() -> None:
    # NCT05552755 exc-9 (real, first item)
    text = (
        "History of an ongoing or newly diagnosed eye abnormality, including: 1. Retinal "
        "pathologies such as diabetic retinopathy, veno-occlusion, or macular edema"
    )
    for item in _of("exclusion", text, "diabetes"):
        assert item.needs_review

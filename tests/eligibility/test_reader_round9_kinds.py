"""Kinds a study coordinator's audit of five trials (NCT06130254, NCT05154487, NCT05095207,
NCT06475989, NCT06858579) found flagging eligible patients with a false reason or losing part of
a criterion: the exceptions of a recovery criterion, recovery from one kind of treatment,
spread to the brain's lining read as spread into the brain, lung scarring or pneumonitis read
as any lung problem, blood pressure limits joined by "and/or", and lab thresholds. Each with the
real criterion and a few variants; a "flag" is an answer marked as going against a reading."""

from __future__ import annotations

import pytest
from reading_helpers import TODAY
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import status_of as _check

from trialbot.domain.checker import evaluate
from trialbot.domain.trial import CriterionKind

# --- 1. Recovery from one kind of treatment, or with an allowed exception --------------------

NOT_RECOVERED = {"recovered_from_side_effects": False}
RECOVERED = {"recovered_from_side_effects": True}


@pytest.mark.parametrize(
    "text",
    [
        # NCT05154487 exc-4 (real)
        "Patient has had major surgery within 14 days prior to study treatment start and/or has "
        "not recovered from major side effects.",
        "Not recovered from side effects of surgery",
    ],
)
def test_not_recovered_from_surgery_is_not_any_unresolved_side_effect(text: str) -> None:
    """The question asks about the side effects of any earlier treatment: a patient whose chemo
    numbness lingers says "no" though the operation healed. The "no" goes to the study team,
    never flagged; a "yes" settles it."""
    recovery = _one("exclusion", text, "recovered_from_side_effects")
    assert recovery.rule == "not (recovered_from_side_effects == yes) and study team"
    assert _check(recovery, NOT_RECOVERED) == ("unknown", False)
    assert _check(recovery, RECOVERED) == ("met", False)


@pytest.mark.parametrize(
    "text",
    [
        # NCT06130254 exc-7 (real)
        "Undergone major surgery within 4 weeks of first dose date, or not recovered from any "
        "major surgery that occurred >2 weeks before starting study treatment.",
        "Has not fully recovered from a recent operation or its complications",
    ],
)
def test_not_recovered_from_an_operation_is_not_the_side_effects_question(text: str) -> None:
    """audit12 kind 3: recovery from an operation named alone is no side effect of treatment;
    the side-effects question would ask the wrong thing, so the study team checks it."""
    assert _one("exclusion", text, "recovered_from_side_effects").needs_review


@pytest.mark.parametrize(
    "text",
    [
        # NCT06475989 inc-13 (real): the local therapy's complications
        "Patient must have completed any prior local therapy (e.g., surgery, radiation, "
        "ablation) at least 4 weeks prior to randomization, with complete wound healing and "
        "resolution of clinically relevant complications from prior local therapy",
        # NCT05095207 inc-9 (real): radiotherapy only
        "Patients who received radiotherapy must have completed and fully recovered from the "
        "acute effects of radiotherapy. A washout period of at least 14 days is required between "
        "end of radiotherapy and randomization.",
        "At least 4 weeks since major surgery, with full recovery",
    ],
)
def test_recovery_from_one_kind_of_treatment_in_an_inclusion(text: str) -> None:
    recovery = _one("inclusion", text, "recovered_from_side_effects")
    assert recovery.rule == "recovered_from_side_effects == yes or study team"
    assert _check(recovery, NOT_RECOVERED) == ("unknown", False)
    assert _check(recovery, RECOVERED) == ("met", False)


NEUROPATHY_EXCEPTIONS = [
    # NCT05095207 inc-8 (real), as an inclusion
    (
        "inclusion",
        "Patients who received chemotherapy must have recovered (Common Terminology Criteria "
        "for Adverse Events [CTCAE] Grade ≤1) from the acute effects of chemotherapy except for "
        "residual alopecia or Grade 2 peripheral neuropathy prior to randomization.",
    ),
    # NCT04181060 inc-31 (real): was read "not recovered" as an inclusion
    (
        "inclusion",
        "Patient must not have any unresolved toxicities from prior therapy greater than Common "
        "Terminology Criteria for Adverse Events (CTCAE) grade 1 at the time of randomization, "
        "with the exception of alopecia and grade 2 prior platinum-therapy-related neuropathy",
    ),
    # NCT04986423 exc-7 (real)
    (
        "exclusion",
        "Failure to recover to Grade 1 or lower toxicity related to prior systemic therapy "
        "(excluding alopecia and neuropathy) prior to study entry",
    ),
    # NCT04104893 exc-5 (real): the exception in a sentence of its own
    (
        "exclusion",
        "Note: Participants must have recovered from all AEs due to previous therapies to Grade "
        "1 or baseline. Participants with Grade 2 neuropathy may be eligible.",
    ),
    ("exclusion", "Unresolved toxicity from prior therapy > grade 1, except grade 2 neuropathy"),
]


@pytest.mark.parametrize(("kind", "text"), NEUROPATHY_EXCEPTIONS)
def test_an_allowed_neuropathy_is_kept_and_never_flags(kind: CriterionKind, text: str) -> None:
    """The exception is part of the reading: a patient whose only lasting side effect is the
    allowed neuropathy is not flagged (the study team checks the grade); one without a
    neuropathy who has not recovered is."""
    recovery = _one(kind, text, "recovered_from_side_effects")
    assert "peripheral_neuropathy" in recovery.facts
    assert "peripheral_neuropathy == yes" in (recovery.rule or "")
    with_neuropathy = {**NOT_RECOVERED, "peripheral_neuropathy": True}
    assert _check(recovery, with_neuropathy) == ("unknown", False)
    status, against = _check(recovery, {**NOT_RECOVERED, "peripheral_neuropathy": False})
    assert (status, against) == ("unknown", True)  # partial: flagged, never excluded
    assert _check(recovery, RECOVERED) == ("met", False)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # NCT04616248 exc-17 (real)
        (
            "exclusion",
            "Toxicities from prior anticancer therapy not resolved to grade 1 or less (except "
            "neuropathy, vitiligo, alopecia, and endocrinopathies on stable hormone replacement "
            "therapy)",
        ),
        # NCT04862663 exc-5 (real): a second sentence lets irreversible toxicities in
        (
            "exclusion",
            "Persistent toxicities (CTCAE Grade >1) caused by previous anticancer therapy, "
            "excluding alopecia. Participants with irreversible toxicity that is not reasonably "
            "expected to be exacerbated by study intervention may be included (eg, hearing loss "
            "or peripheral sensory neuropathy) after consultation with the AstraZeneca study "
            "physician.",
        ),
        # NCT06234423 exc-3 (real)
        (
            "exclusion",
            "Persistent toxicities from previous systemic antineoplastic treatments of Grade >1, "
            "excluding alopecia and vitiligo.",
        ),
        # A limit looser than "mostly gone away"
        ("exclusion", "Persistent toxicities from prior therapy of grade > 2"),
        (
            "inclusion",
            "Resolution of toxic effect(s) of prior anti-cancer therapy (except alopecia and "
            "neuropathy) to Grade <=1 or to <=2 if effective medical management of those "
            "toxicities is in place",
        ),
    ],
)
def test_an_exception_the_questions_do_not_ask_leaves_a_no_to_the_study_team(
    kind: CriterionKind, text: str
) -> None:
    recovery = _one(kind, text, "recovered_from_side_effects")
    assert (recovery.rule or "").endswith("study team")
    assert "peripheral_neuropathy" not in recovery.facts
    assert _check(recovery, NOT_RECOVERED) == ("unknown", False)
    assert _check(recovery, RECOVERED) == ("met", False)


@pytest.mark.parametrize(
    ("kind", "text", "rule"),
    [
        # NCT06130254 exc-5 (real): hair loss is left out by the question itself
        (
            "exclusion",
            "Participants who have not recovered from adverse events due to prior anti-cancer "
            "therapy (i.e., have residual toxicities > Grade 1), excluding alopecia.",
            "not (recovered_from_side_effects == yes)",
        ),
        (
            "inclusion",
            "Recovered from toxicities of prior therapy to grade 1 or less, except alopecia",
            "recovered_from_side_effects == yes",
        ),
    ],
)
def test_an_alopecia_exception_is_the_question_itself(
    kind: CriterionKind, text: str, rule: str
) -> None:
    recovery = _one(kind, text, "recovered_from_side_effects")
    assert recovery.rule == rule


# --- 2. A neuropathy limit above grade 1 ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Patients with grade ≥2 neuropathy",  # NCT05500092 exc-4 (real)
        "Participants with > grade 1 peripheral neuropathy per CTCAE v5",  # NCT05527184 exc-4
        "Pre-existing sensory neuropathy > grade one",  # NCT05559164 exc-9 (real)
        "Neuropathy, grade 2 or greater by NCI-CTCAE",
        "Subjects with grade 2 peripheral neuropathy",  # NCT05715229 exc-17 (real)
    ],
)
def test_a_neuropathy_above_grade_1_is_not_any_neuropathy(text: str) -> None:
    """A patient with mild numbness says yes to the neuropathy question and is eligible: the
    yes goes to the study team, never flagged; a no settles it."""
    neuropathy = _one("exclusion", text, "peripheral_neuropathy")
    assert neuropathy.rule == "peripheral_neuropathy == yes and study team"
    assert _check(neuropathy, {"peripheral_neuropathy": True}) == ("unknown", False)
    assert _check(neuropathy, {"peripheral_neuropathy": False}) == ("met", False)


def test_a_neuropathy_of_grade_1_or_more_is_any_neuropathy() -> None:
    text = "Pre-existing neuropathy grade 1 or greater per CTCAE"  # NCT04389632 exc-5 (real)
    assert _one("exclusion", text, "peripheral_neuropathy").rule == "peripheral_neuropathy == yes"


# --- 3. Spread to the brain's lining is not spread into the brain ---------------------------

TREATED_BRAIN_METASTASES = {"brain_metastases": True, "leptomeningeal_disease": False}


@pytest.mark.parametrize(
    ("text", "confidence"),
    [
        ("Participants with carcinomatous meningitis.", "certain"),  # NCT06130254 exc-3 (real)
        # NCT06194929 exc-7 (real): spread that may be over is left to the study team
        ("History of or current leptomeningeal metastases.", "partial"),
        ("Known leptomeningeal disease", "certain"),
        # neoplastic meningitis is another name of the same spread: read whole
        ("Evidence of leptomeningeal carcinomatosis or neoplastic meningitis", "certain"),
    ],
)
def test_leptomeningeal_disease_is_asked_after_brain_metastases(text: str, confidence: str) -> None:
    """A patient with treated brain metastases and nothing in the lining is not flagged; a
    patient without brain metastases is settled by that "no" alone. The lining named alone is
    read whole (test_reader_part7_kinds.py): a "yes" to both excludes."""
    lining = _one("exclusion", text, "leptomeningeal_disease")
    assert lining.rule == "brain_metastases == yes and leptomeningeal_disease == yes"
    assert lining.confidence == confidence
    assert [c.concept for c in _read("exclusion", text)] == ["leptomeningeal_disease"]
    assert _check(lining, TREATED_BRAIN_METASTASES) == ("met", False)
    assert _check(lining, {"brain_metastases": False}) == ("met", False)
    assert evaluate(lining, {"brain_metastases": True}, TODAY).missing_facts == [
        "leptomeningeal_disease"
    ]
    status, against = _check(lining, {"brain_metastases": True, "leptomeningeal_disease": True})
    assert (status, against) == (
        ("not_met", False) if confidence == "certain" else ("unknown", True)
    )


def test_a_benign_meningeal_disease_is_no_spread_of_the_cancer() -> None:
    """NCT05873192 exc-12 (real): a meningioma or "other benign CNS or meningeal disease" that
    may predispose to seizures is for the study team, never the lining question."""
    text = (
        "Patients with seizures or known condition that may pre-dispose to seizures (e.g., "
        "meningioma, or other benign CNS or meningeal disease which may require treatment with "
        "surgery or radiation therapy)."
    )
    lining = _one("exclusion", text, "leptomeningeal_disease")
    assert lining.needs_review


def test_the_lining_question_follows_a_yes_to_brain_metastases() -> None:
    from trialbot.eligibility import fact_spec

    spec = fact_spec("leptomeningeal_disease")
    assert spec is not None and spec.asked_only_if == {"brain_metastases": True}


def test_an_inclusion_without_leptomeningeal_disease() -> None:
    lining = _one("inclusion", "No evidence of leptomeningeal disease", "leptomeningeal_disease")
    assert lining.rule == "not (brain_metastases == yes and leptomeningeal_disease == yes)"
    assert _check(lining, TREATED_BRAIN_METASTASES)[0] == "met"


@pytest.mark.parametrize(
    "text",
    [
        "Active brain metastases or leptomeningeal disease",
        "Known active CNS metastases and/or carcinomatous meningitis",
    ],
)
def test_brain_metastases_named_beside_the_lining_stay_one_reading(text: str) -> None:
    """The brain question takes the lining in: one reading, not two questions."""
    assert [c.concept for c in _read("exclusion", text)] == ["brain_metastases"]


@pytest.mark.parametrize(
    "text",
    [
        "Brain or leptomeningeal metastases",  # real, a corpus criterion read certain
        "Patients must not have known, symptomatic brain or leptomeningeal metastases.",  # real
        "Known brain and/or leptomeningeal metastases",
        "CNS/leptomeningeal metastases",
    ],
)
def test_brain_named_before_the_lining_is_the_brain_question(text: str) -> None:
    """ "Brain or leptomeningeal metastases" excludes spread to the brain whether or not the
    lining is involved: it was read `brain_metastases == yes and leptomeningeal_disease ==
    yes`, certain, so a patient with brain metastases alone was not excluded."""
    (reading,) = _read("exclusion", text)
    assert reading.concept == "brain_metastases"
    assert reading.rule == "brain_metastases == yes"
    brain_alone = {"brain_metastases": True, "leptomeningeal_disease": False}
    expected = "not_met" if reading.confidence == "certain" else "unknown"  # "symptomatic"
    assert _check(reading, brain_alone)[0] == expected


# --- 4. Lung scarring or pneumonitis is not any lung problem --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05154487 exc-9 / NCT05095207 exc-10 (real): the examples of a serious condition
        "Patients with a serious pre-existing medical condition(s) that would preclude "
        "participation in this study (for example: interstitial lung disease or pneumonitis, "
        "severe renal impairment (i.e. estimated creatinine clearance <30ml/min))",
        # NCT04104893 exc-14 (real)
        "Has a history of (non-infectious) pneumonitis that required steroids or has current "
        "pneumonitis.",
        # NCT06863311 exc-14 (real)
        "History of idiopathic pulmonary fibrosis, organizing pneumonia, drug-induced "
        "pneumonitis, or idiopathic pneumonitis",
        "History of interstitial lung disease",
    ],
)
def test_interstitial_lung_disease_is_its_own_question(text: str) -> None:
    """A patient with asthma or COPD says yes to "a serious lung problem", which is no lung
    scarring or pneumonitis: the criterion reads the narrower question and never flags them."""
    read = _read("exclusion", text)
    assert "lung_disease" not in [c.concept for c in read]
    ild = _one("exclusion", text, "interstitial_lung_disease")
    assert (ild.rule or "").startswith("interstitial_lung_disease == yes")
    asthma = {"lung_disease": True, "interstitial_lung_disease": False}
    assert _check(ild, asthma) == ("met", False)


@pytest.mark.parametrize(
    "text",
    [
        # NCT04104893 exc-14 (real)
        "Has a history of (non-infectious) pneumonitis that required steroids or has current "
        "pneumonitis.",
        # NCT05715229 exc-13 (real)
        "Subjects with interstitial lung disease that is symptomatic or may interfere with the "
        "detection or management of suspected drug-related pulmonary toxicity",
        # NCT05671510 exc-7 (real)
        "Active interstitial lung disease (ILD) or non-infectious pneumonitis.",
    ],
)
def test_a_pneumonitis_narrower_than_ever_having_had_one_leaves_a_yes_to_the_study_team(
    text: str,
) -> None:
    """A pneumonitis years ago that needed no steroids is a yes to the question: not flagged."""
    ild = _one("exclusion", text, "interstitial_lung_disease")
    assert ild.rule == "interstitial_lung_disease == yes and study team"
    assert _check(ild, {"interstitial_lung_disease": True}) == ("unknown", False)
    assert _check(ild, {"interstitial_lung_disease": False}) == ("met", False)


def test_a_history_of_lung_scarring_or_pneumonitis_is_the_question() -> None:
    text = "History of interstitial lung disease or pneumonitis"
    ild = _one("exclusion", text, "interstitial_lung_disease")
    assert ild.rule == "interstitial_lung_disease == yes"


def test_oxygen_or_breathlessness_at_rest_is_not_a_serious_lung_problem() -> None:
    """NCT05154487 exc-9 / NCT05095207 exc-10 (real): 'severe dyspnea at rest or requiring
    oxygen therapy' among the examples: a patient with COPD who needs no oxygen is not flagged."""
    text = (
        "The patient has serious and/or uncontrolled preexisting medical condition(s) that, in "
        "the judgment of the investigator, would preclude participation in this study (for "
        "example, interstitial lung disease, severe dyspnea at rest or requiring oxygen therapy)"
    )
    # audit12 kind 4: an oxygen need is not "a serious lung problem like fibrosis" (a patient on
    # home oxygen for COPD may say no, one with an old pneumonitis yes): the study team checks it
    lung = _one("exclusion", text, "lung_disease")
    assert lung.needs_review


def test_other_lung_disease_beside_it_keeps_the_broad_question() -> None:
    read = _read("exclusion", "COPD or interstitial lung disease requiring oxygen")
    assert [c.concept for c in read] == ["lung_disease", "interstitial_lung_disease"]


# --- 5. Blood pressure limits joined by "and/or" or "or": either number settles it ----------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # NCT05095207 exc-6 (real, the clause of its list)
        (
            "Uncontrolled hypotension - Systolic BP <90mmHg and/or diastolic BP <50mmHg",
            "systolic_bp_mmhg < 90 or diastolic_bp_mmhg < 50",
        ),
        # NCT07221357 exc-3 (real): the diastolic limit was read as a systolic one
        (
            "uncontrolled hypertension (≥ 160 systolic, ≥ 100 diastolic mm Hg) despite optimal "
            "medical management",
            "systolic_bp_mmhg >= 160 or diastolic_bp_mmhg >= 100",
        ),
        (
            "Uncontrolled hypertension defined as >= 160 mmHg systolic and/or >= 100 mmHg "
            "diastolic",
            "systolic_bp_mmhg >= 160 or diastolic_bp_mmhg >= 100",
        ),
        ("SBP < 90 mmHg or DBP < 50 mmHg", "systolic_bp_mmhg < 90 or diastolic_bp_mmhg < 50"),
        (
            "Hypertension with SBP >= 160 mmHg and/or DBP >= 100 mmHg",
            "systolic_bp_mmhg >= 160 or diastolic_bp_mmhg >= 100",
        ),
    ],
)
def test_either_blood_pressure_number_settles_it(text: str, rule: str) -> None:
    pressure = _one("exclusion", text, "systolic_bp_mmhg")
    assert pressure.rule == rule
    low_top_only = {"systolic_bp_mmhg": 85, "diastolic_bp_mmhg": 70}
    high_top_only = {"systolic_bp_mmhg": 170, "diastolic_bp_mmhg": 80}
    profile = low_top_only if "<" in rule else high_top_only
    assert evaluate(pressure, profile, TODAY).status != "met"


@pytest.mark.parametrize(
    ("kind", "text", "rule"),
    [
        # both numbers named with "and": both are needed, as written
        (
            "exclusion",
            "participant has medically uncontrolled hypertension (defined as ≥ 160 mmHg systolic "
            "blood pressure (SBP) and ≥ 100 mmHg diastolic blood pressure (DBP)",
            "systolic_bp_mmhg >= 160 and diastolic_bp_mmhg >= 100",
        ),
        # a limit below, written as a pair: both numbers must be under it
        (
            "inclusion",
            "blood pressure (BP) ≤ 140/90 mm Hg at screening",
            "systolic_bp_mmhg <= 140 and diastolic_bp_mmhg <= 90",
        ),
        (
            "exclusion",
            "BP >140 mm Hg systolic or >90 mm Hg diastolic",
            "systolic_bp_mmhg > 140 or diastolic_bp_mmhg > 90",
        ),
    ],
)
def test_the_joining_word_is_read_as_written(kind: CriterionKind, text: str, rule: str) -> None:
    assert _one(kind, text, "systolic_bp_mmhg").rule == rule


def test_systolic_function_of_the_heart_is_no_blood_pressure() -> None:
    """NCT04222413 exc-4 (real): "left ventricular systolic function (LVEF <45%)"."""
    text = "moderate or severe impairment of left ventricular systolic function (LVEF <45%)"
    assert [c.concept for c in _read("exclusion", text)] == ["lvef_percent"]


# --- 6. Lab thresholds the study team reads: number, unit, operator, x ULN, who it is for ----


def _thresholds(text: str, kind: CriterionKind = "inclusion") -> list[tuple[object, ...]]:
    read = _read(kind, text)
    return [(t.measure, t.op, t.value, t.unit, t.applies_to) for t in read[0].thresholds]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # NCT06475989 inc-22/inc-26 (real): the window was kept as a second limit "<= 28"
        (
            "Hemoglobulin (Hgb) ≥ 8 g/dL obtained ≤ 28 days prior to protocol randomization",
            [("hemoglobin", ">=", 8.0, "g/dL", None)],
        ),
        (
            "Total bilirubin ≤ 2.0 x institutional upper limit of normal (ULN) obtained ≤ 28 days "
            "prior to protocol randomization",
            [("bilirubin", "<=", 2.0, "x ULN", None)],
        ),
        # NCT06130254 inc-13 item 3 (real): "at least 28 days" without transfusions
        (
            "Hemoglobin ≥ 10 g/dL, in the absence of transfusions for at least 28 days",
            [("hemoglobin", ">=", 10.0, "g/dL", None)],
        ),
        # NCT06747845 exc-23 (real): a window only
        (
            "Patients must not have received a transfusion (platelets or red blood cells) ≤ 4 "
            "weeks of the first dose of study treatment",
            [],
        ),
        # life expectancy is a time
        ("Life expectancy of at least 3 months.", [("life_expectancy", ">=", 3.0, "months", None)]),
    ],
)
def test_a_window_is_no_lab_limit(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _thresholds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # NCT06130254 inc-13 item 5 (real): the 2.5 was "for liver metastases", AST was lost
        (
            "Aspartate transaminase (AST) and alanine transaminase (ALT) ≤ 2.5 x ULN (if "
            "associated with liver metastases, ≤ 5 x ULN)",
            [
                ("ast", "<=", 2.5, "x ULN", None),
                ("ast", "<=", 5.0, "x ULN", "liver metastases"),
                ("alt", "<=", 2.5, "x ULN", None),
                ("alt", "<=", 5.0, "x ULN", "liver metastases"),
            ],
        ),
        # NCT06130254 inc-13 item 4 (real): the 3 x ULN was lost
        (
            "Total bilirubin ≤ 1.5 x Upper Limit of Normal (ULN) (if associated with liver "
            "metastases or Gilbert's disease, ≤ 3 x ULN)",
            [
                ("bilirubin", "<=", 1.5, "x ULN", None),
                ("bilirubin", "<=", 3.0, "x ULN", "liver metastases or gilbert's syndrome"),
            ],
        ),
        # NCT06475989 inc-27 (real): AST lost, the hepatic metastases not said
        (
            "Aspartate aminotransferase (AST)(serum glutamic oxaloacetic transaminase [SGOT])/"
            "alanine aminotransferase (ALT) (serum glutamic pyruvic transaminase [SGPT]) ≤ 3.0 × "
            "institutional ULN or < 5.0 x ULN with the presence of hepatic metastasis",
            [
                ("ast", "<=", 3.0, "x ULN", None),
                ("ast", "<", 5.0, "x ULN", "liver metastases"),
                ("alt", "<=", 3.0, "x ULN", None),
                ("alt", "<", 5.0, "x ULN", "liver metastases"),
            ],
        ),
        # NCT05154487 inc-8 (real): the Gilbert limit is the 2, not the 1.5; ALT was lost
        (
            "Bilirubin less than or equal to 1.5 x ULN (Patients with Gilbert's syndrome with a "
            "total bilirubin ≤2 times ULN and direct bilirubin within normal limits are "
            "permitted).",
            [
                ("bilirubin", "<=", 1.5, "x ULN", None),
                ("bilirubin", "<=", 2.0, "x ULN", "gilbert's syndrome"),
            ],
        ),
        (
            "ALT (alanine aminotransferase) and AST (aspartate aminotransferase) less than or "
            "equal to 3 x ULN",
            [("alt", "<=", 3.0, "x ULN", None), ("ast", "<=", 3.0, "x ULN", None)],
        ),
        # NCT01174121 inc-17 (real): the normal limit is for everyone but the Gilbert group
        (
            "Total bilirubin less than or equal to 2.0 mg/dL, except in patients with Gilbert s "
            "Syndrome, who must have a total bilirubin < 3.0 mg/dL.",
            [("bilirubin", "<=", 2.0, "mg/dL", None), ("bilirubin", "<", 3.0, "mg/dL", None)],
        ),
        # NCT05048212 inc-8 (real): bone metastases are not liver metastases
        (
            "Alkaline phosphatase ≤5×ULN in patients with documented bone metastases.",
            [("alkaline_phosphatase", "<=", 5.0, "x ULN", "documented bone metastases")],
        ),
        (
            "AST =< 1.5 x ULN or =< 3 x ULN with liver metastases",
            [("ast", "<=", 1.5, "x ULN", None), ("ast", "<=", 3.0, "x ULN", "liver metastases")],
        ),
    ],
)
def test_a_limit_for_a_group_is_the_one_the_group_is_named_with(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    assert _thresholds(text) == expected


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        # NCT06475989 inc-29 (real): read as a creatinine limit
        (
            "inclusion",
            "Urine protein/creatinine (UPC) ratio ≥ 1 obtained ≤ 28 days prior to protocol "
            "randomization",
            [("urine_protein_creatinine_ratio", ">=", 1.0, None, None)],
        ),
        # NCT05154487 inc-8 (real): the platelet unit was lost
        (
            "inclusion",
            "Platelets greater than or equal to 100,000 cells/mcl",
            [("platelets", ">=", 100000.0, "/mm3", None)],
        ),
        # NCT06130254 exc-10 item 4 (real): the QTc unit was lost
        ("exclusion", "QTc > 480 milliseconds", [("qtc", ">", 480.0, "ms", None)]),
        # NCT05095207 exc-12 (real): the glucose limit was not kept
        (
            "exclusion",
            "Uncontrolled diabetes as defined by fasting serum glucose >1.5 x ULN",
            [("glucose", ">", 1.5, "x ULN", None)],
        ),
        # NCT05154487 inc-8 (real)
        ("inclusion", "Fasting Serum amylase ≤ 2 × ULN", [("amylase", "<=", 2.0, "x ULN", None)]),
    ],
)
def test_a_measure_keeps_its_own_name_and_unit(
    kind: CriterionKind, text: str, expected: list[tuple[object, ...]]
) -> None:
    thresholds = [t for r in _read(kind, text) for t in r.thresholds]
    got = list(dict.fromkeys((t.measure, t.op, t.value, t.unit, t.applies_to) for t in thresholds))
    assert got == expected

"""Kinds a study coordinator's audit of five trials (NCT06130254, NCT05154487, NCT05095207,
NCT06475989, NCT06858579) found flagging eligible patients with a false reason or losing part of
a criterion: the exceptions of a recovery criterion, recovery from one kind of treatment,
spread to the brain's lining read as spread into the brain, lung scarring or pneumonitis read
as any lung problem, blood pressure limits joined by "and/or", and lab thresholds. Each with the
real criterion and a few variants; a "flag" is an answer marked as going against a reading."""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import evaluate
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.facts import Profile
from trialbot.domain.trial import CriterionKind, CriterionText
from trialbot.eligibility import read_criterion

TODAY = datetime.date(2026, 12, 1)


def _read(kind: CriterionKind, text: str) -> list[StructuredCriterion]:
    return read_criterion(CriterionText(id=f"{kind[:3]}-1", kind=kind, text=text))


def _rules(kind: CriterionKind, text: str) -> list[tuple[str | None, str, str | None]]:
    return [(c.concept, c.confidence, c.rule) for c in _read(kind, text)]


def _one(kind: CriterionKind, text: str, concept: str) -> StructuredCriterion:
    found = [c for c in _read(kind, text) if c.concept == concept]
    assert len(found) == 1, _rules(kind, text)
    return found[0]


def _check(criterion: StructuredCriterion, profile: Profile) -> tuple[str, bool]:
    outcome = evaluate(criterion, profile, TODAY)
    return outcome.status, outcome.against


# --- 3. Spread to the brain's lining is not spread into the brain ---------------------------

TREATED_BRAIN_METASTASES = {"brain_metastases": True, "leptomeningeal_disease": False}


@pytest.mark.parametrize(
    "text",
    [
        "Participants with carcinomatous meningitis.",  # NCT06130254 exc-3 (real)
        "History of or current leptomeningeal metastases.",  # NCT06194929 exc-7 (real)
        "Known leptomeningeal disease",
        "Evidence of leptomeningeal carcinomatosis or neoplastic meningitis",
    ],
)
def test_leptomeningeal_disease_is_asked_after_brain_metastases(text: str) -> None:
    """A patient with treated brain metastases and nothing in the lining is not flagged; a
    patient without brain metastases is settled by that "no" alone."""
    lining = _one("exclusion", text, "leptomeningeal_disease")
    assert lining.rule == "brain_metastases == yes and leptomeningeal_disease == yes"
    assert lining.confidence == "partial"
    assert [c.concept for c in _read("exclusion", text)] == ["leptomeningeal_disease"]
    assert _check(lining, TREATED_BRAIN_METASTASES) == ("met", False)
    assert _check(lining, {"brain_metastases": False}) == ("met", False)
    assert evaluate(lining, {"brain_metastases": True}, TODAY).missing_facts == [
        "leptomeningeal_disease"
    ]
    status, against = _check(lining, {"brain_metastases": True, "leptomeningeal_disease": True})
    assert (status, against) == ("unknown", True)


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
    assert ild.rule == "interstitial_lung_disease == yes"
    asthma = {"lung_disease": True, "interstitial_lung_disease": False}
    assert _check(ild, asthma) == ("met", False)


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

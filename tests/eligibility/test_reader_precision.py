"""Precision-first readings: what makes a reading partial, scope, thresholds (issue 10 kinds)."""

from __future__ import annotations

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionKind, CriterionText
from trialbot.eligibility import read_criterion


def _read(kind: CriterionKind, text: str) -> list[StructuredCriterion]:
    return read_criterion(CriterionText(id="c-1", kind=kind, text=text))


def test_a_qualifier_left_over_makes_the_reading_partial() -> None:
    """'Unstable angina' is only part of 'a serious heart problem': never certain (the study team
    reads it, since a yes to the broader question would be a false flag)."""
    (reading,) = _read("exclusion", "Unstable angina")
    assert reading.concept == "heart_disease"
    assert reading.confidence in {"partial", "review"}


def test_a_fully_read_criterion_is_certain() -> None:
    """'Pregnant or breastfeeding women' is read completely."""
    readings = _read("exclusion", "Pregnant or breastfeeding women")
    assert {r.concept for r in readings} == {"pregnant", "breastfeeding"}
    assert {r.confidence for r in readings} == {"certain"}


def test_a_certain_pregnancy_exclusion_asks_only_about_now() -> None:
    """'Patients who are pregnant or breast-feeding' excludes a pregnancy now, not one planned:
    its question must not also ask "or trying to get pregnant?" (a yes to that was a certain
    exclusion of a woman who is only trying); criteria naming a planned pregnancy stay partial."""
    readings = _read("exclusion", "Patients who are pregnant or breast-feeding.")
    (pregnant,) = [r for r in readings if r.concept == "pregnant"]
    assert pregnant.confidence == "certain"
    assert pregnant.question is not None
    assert "pregnant now?" in pregnant.question
    assert "trying" not in pregnant.question
    for text in (
        "Women who are pregnant or planning to become pregnant during the study",
        "Females who are pregnant or trying to conceive",
        "Pregnant, or intending to become pregnant within 6 months after the last dose",
    ):
        (planned,) = [r for r in _read("exclusion", text) if r.concept == "pregnant"]
        assert planned.confidence == "partial", text


def test_an_unread_number_makes_the_reading_partial() -> None:
    """A second limit nobody read ("... or > 500 ms on two ECGs") makes a QTc reading partial."""
    (reading,) = _read("exclusion", "QTcF > 470 ms, or > 500 ms on two ECGs")
    assert reading.confidence == "partial"


def test_sex_specific_qtc_limits_are_both_read() -> None:
    """Sex-specific QTc limits: one limit per sex in the rule, and both kept as thresholds."""
    (reading,) = _read("exclusion", "QTcF > 470 ms for females, > 450 ms for males")
    assert reading.rule == "qtc_ms > 470 (females) or qtc_ms > 450 (males)"
    assert {(t.value, t.applies_to) for t in reading.thresholds} == {
        (470.0, "female"),
        (450.0, "male"),
    }


def test_creatinine_is_not_a_complete_response() -> None:
    """'Cr <= 1.5 x ULN' is a lab limit for the study team with its threshold, not remission."""
    (reading,) = _read("inclusion", "Cr ≤ 1.5 x ULN")
    assert reading.concept != "disease_status" and reading.needs_review
    assert [(t.measure, t.op, t.value, t.unit) for t in reading.thresholds] == [
        ("creatinine", "<=", 1.5, "x ULN")
    ]


def test_lab_limits_for_age_are_not_age_limits() -> None:
    """'x ULN for age' never becomes an age rule."""
    for text in ("ALT ≤ 5 x ULN for age", "Total bilirubin ≤ 2.0 x ULN for age"):
        assert all(r.concept != "age_years" for r in _read("inclusion", text))


def test_staged_is_not_aged() -> None:
    """'as staged by pathology' has no age in it."""
    assert all(r.concept != "age_years" for r in _read("inclusion", "N0-1, as staged by pathology"))


def test_blood_pressure_with_numbers_before_the_words() -> None:
    """'BP >140 mm Hg systolic or >90 mm Hg diastolic' keeps both limits."""
    (reading,) = _read("exclusion", "BP >140 mm Hg systolic or >90 mm Hg diastolic")
    assert reading.rule == "systolic_bp_mmhg > 140 or diastolic_bp_mmhg > 90"


def test_a_cohort_prefix_scopes_the_criterion() -> None:
    """'Cohort 2 only: ...' is limited to that cohort and never certain."""
    readings = _read("inclusion", "Cohort 2 only: ECOG performance status 0-1")
    assert {r.applies_to for r in readings} == {"Cohort 2 only"}
    assert all(r.confidence != "certain" for r in readings)


def test_an_unexplained_negation_is_never_certain() -> None:
    """'No measurable lesion' in an exclusion list is not read as 'measurable disease excludes'."""
    readings = _read("exclusion", "No measurable lesion")
    assert all(r.confidence != "certain" for r in readings)


def test_lab_thresholds_are_kept_for_the_study_team() -> None:
    """Blood counts keep their numbers and units on the study-team item."""
    (reading,) = _read("inclusion", "ANC ≥ 1.5 x 10^9/L; Platelets ≥ 100,000/mm3")
    assert reading.needs_review
    assert [(t.measure, t.value, t.unit) for t in reading.thresholds] == [
        ("anc", 1.5, "10^9/L"),
        ("platelets", 100000.0, "/mm3"),
    ]


def test_prior_lines_of_therapy_are_read_as_a_number() -> None:
    """'At least 2 prior lines of therapy' asks how many treatment plans, with its limit."""
    (reading,) = _read("inclusion", "At least 2 prior lines of therapy")
    assert reading.rule == "prior_lines_of_therapy >= 2"
    assert reading.confidence == "certain" and reading.question


def test_a_planned_operation_is_not_a_past_one() -> None:
    """'Planned major surgery during the trial' asks about a planned operation."""
    (reading,) = _read("exclusion", "Planned major surgery during the trial")
    assert reading.concept == "planned_surgery"


def test_named_marker_results_are_askable() -> None:
    """'HER2-negative' and 'EGFR mutation' become marker questions with the right value."""
    her2 = _read("inclusion", "HER2-negative breast cancer")
    assert [(r.concept, r.rule) for r in her2] == [("her2_status", "her2_status == negative")]
    egfr = _read("exclusion", "EGFR mutation")
    assert [(r.concept, r.rule) for r in egfr] == [("egfr_status", "egfr_status == positive")]


def test_drugs_named_as_alternatives_are_any_of() -> None:
    """'nivolumab or pembrolizumab' in an inclusion is met by either one."""
    (reading,) = _read("inclusion", "Prior treatment with nivolumab or pembrolizumab")
    assert reading.condition is not None and reading.condition["op"] == "any"
    assert set(reading.facts) == {"prior_nivolumab", "prior_pembrolizumab"}


def test_a_plan_or_current_use_is_not_a_history() -> None:
    """Planned or ongoing treatment never becomes 'treated before'; the past part still is."""
    assert all(
        r.concept != "prior_capecitabine"
        for r in _read("inclusion", "Receiving concurrent capecitabine")
    )
    readings = _read(
        "inclusion", "Planning to receive enzalutamide, or previously received abiraterone"
    )
    assert [r.concept for r in readings if not r.needs_review] == ["prior_abiraterone"]
    assert all(r.confidence != "certain" for r in readings)


def test_drug_abbreviations_and_brands_are_known() -> None:
    """FUDR and FTD/TPI (trifluridine/tipiracil) are read next to a PARP inhibitor."""
    readings = _read("exclusion", "Prior treatment with PARP inhibitor, FUDR or FTD/TPI")
    assert {r.concept for r in readings} == {
        "prior_parp_inhibitor", "prior_floxuridine", "prior_trifluridine_tipiracil",
    }  # fmt: skip


def test_an_age_naming_who_a_rule_is_for_is_no_age_limit() -> None:
    """'Participants >= 60 years of age are required to have an LVEF test' limits no age."""
    text = "Participants >= 60 years of age are required to have LVEF evaluation within 1 year"
    assert all(r.concept != "age_years" for r in _read("inclusion", text))


def test_years_or_older_alone_is_an_age_limit() -> None:
    """'18 years or older at the time of enrollment' is read as age >= 18."""
    (reading,) = _read("inclusion", "18 years or older at the time of enrollment")
    assert reading.rule == "age_years >= 18" and reading.confidence == "certain"


def test_group_headings_scope_the_criteria_after_them() -> None:
    """Criteria under 'Phase II' apply only to it; 'All participants' ends the scope."""
    from trialbot.domain.trial import Trial
    from trialbot.eligibility import read_criteria

    texts = [
        ("inclusion", "Phase II"), ("inclusion", "ECOG 0-1"),
        ("exclusion", "All participants"), ("exclusion", "Pregnant"),
    ]  # fmt: skip
    criteria = [
        CriterionText(id=f"c-{i}", kind=kind, text=text)  # type: ignore[arg-type]
        for i, (kind, text) in enumerate(texts)
    ]
    read = {
        r.text: r
        for r in read_criteria(Trial(id="NCT1", registry="ctgov", title="t", criteria=criteria))
    }
    assert read["Phase II"].concept == "meta"
    assert (read["ECOG 0-1"].applies_to, read["ECOG 0-1"].confidence) == ("Phase II", "partial")
    assert (read["Pregnant"].applies_to, read["Pregnant"].confidence) == (None, "certain")


def test_a_creatinine_unit_is_not_a_complete_response() -> None:
    """'UACR ... mg/g.cr.' (a kidney trial, NCT05887817) never asks how the cancer is doing."""
    text = (
        "Patients with chronic kidney disease who meet both of the following criteria; i) eGFR "
        "greater than 25 mL/min/1.73 m2 and less than 90 mL/min/1.73 m2, ii) UACR greater than "
        "30 mg/g.cr. and less than 3500 mg/g.cr."
    )
    assert all(r.concept != "disease_status" for r in _read("inclusion", text))
    assert any(r.concept == "disease_status" for r in _read("inclusion", "Patients in CR."))

"""Wrong or lossy readings a coordinator audit found (audit3 finding 6 and the thin-record audit of
NCT06102902, NCT05892068, NCT05925803), each with wordings invented to check the kind."""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import evaluate
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionKind, CriterionText, Trial
from trialbot.eligibility import read_criteria, read_criterion


def _read(kind: CriterionKind, text: str) -> list[StructuredCriterion]:
    return read_criterion(CriterionText(id="c-1", kind=kind, text=text))


def _rules(kind: CriterionKind, text: str) -> set[tuple[str | None, str | None]]:
    return {(r.concept, r.rule) for r in _read(kind, text)}


@pytest.mark.parametrize(
    "text",
    [
        "Absence of QTcF prolongation (>450 msec)",
        "No QTc prolongation > 450 ms on the screening ECG",
        "Free of QTc prolongation (QTcF > 450 ms)",
    ],
)
def test_an_absent_qtc_prolongation_is_not_required(text: str) -> None:
    """'Absence of QTcF prolongation (>450 msec)' asks for a QTc of 450 or less, never above."""
    (reading,) = [r for r in _read("inclusion", text) if r.concept == "qtc_ms"]
    assert reading.rule == "not (qtc_ms > 450)"


@pytest.mark.parametrize(
    "text",
    [
        "Patients under 6 years old must weigh at least 7 kg at the time of enrollment.",
        "Participants younger than 12 years must weigh at least 20 kg",
        "Patients 2 years or older must weigh more than 10 kg",
    ],
)
def test_an_age_naming_who_a_weight_limit_is_for_is_no_age_limit(text: str) -> None:
    """NCT05658640 inc-1: 'under 6 years old must weigh ...' is not 'age lower than 6'."""
    assert "age_years" not in {r.concept for r in _read("inclusion", text) if not r.needs_review}


@pytest.mark.parametrize(
    "text",
    [
        "Consumed grapefruit, grapefruit products, Seville oranges, or star fruit within 3 days "
        "prior to starting venetoclax",
        "Use of St John's wort within 14 days before the first dose of osimertinib",
        "Strong CYP3A inhibitors within 7 days prior to the first dose of acalabrutinib",
    ],
)
def test_the_drug_a_window_counts_back_from_is_not_a_prior_drug(text: str) -> None:
    """NCT03319901 exc-13: '... within 3 days prior to starting venetoclax' asks nothing about
    earlier venetoclax."""
    assert not {r.concept for r in _read("exclusion", text)} & {
        "prior_venetoclax",
        "prior_osimertinib",
        "prior_acalabrutinib",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Non-malignant CNS disease such as epilepsy, CNS vasculitis, or neurodegenerative disease",
        "Nonmalignant central nervous system disease requiring treatment",
    ],
)
def test_non_malignant_cns_disease_is_not_cancer_in_the_brain(text: str) -> None:
    """NCT04714372 exc-8: epilepsy or CNS vasculitis is not cancer spread to the brain."""
    assert "brain_metastases" not in {r.concept for r in _read("exclusion", text)}


@pytest.mark.parametrize("text", ["Active CNS leukemia", "Known CNS leukaemia at relapse"])
def test_cns_leukaemia_is_cns_involvement(text: str) -> None:
    """'Active CNS leukemia' is the cancer in the brain or spinal cord (never certain: 'active')."""
    (reading,) = [r for r in _read("exclusion", text) if r.concept == "brain_metastases"]
    assert reading.confidence != "certain"


@pytest.mark.parametrize(
    "text", ["Patients with HbA1c greater than 10%.", "Hemoglobin A1c > 9% at screening"]
)
def test_an_hba1c_limit_is_a_lab_value_not_a_diabetes_question(text: str) -> None:
    """NCT05887817 exc-3: an HbA1c limit goes to the study team with its threshold."""
    readings = _read("exclusion", text)
    assert "diabetes" not in {r.concept for r in readings}
    assert {t.measure for r in readings for t in r.thresholds} == {"hba1c"}


def test_an_explaining_sentence_is_not_read_as_rules() -> None:
    """NCT06102902 inc-2: the 'Because no dosing ... < 18 years ...' sentence gives neither
    18-year drug windows nor a reversed age limit."""
    text = (
        "Age ≥ 18 years. Because no dosing or adverse event data are currently available on the use"
        " of ZEN003694 in combination with cetuximab and encorafenib in patients < 18 years of age,"
        " children are excluded from this study."
    )
    assert _rules("inclusion", text) == {("age_years", "age_years >= 18")}
    variant = (
        "Age 12 years or older. Because pembrolizumab has not been studied in children under 12"
        " years, younger patients are not eligible."
    )
    assert _rules("inclusion", variant) == {("age_years", "age_years >= 12")}


def test_a_because_sentence_that_asks_something_is_still_read() -> None:
    """'Because ..., men must agree to use contraception' is a requirement, read as usual."""
    text = (
        "Because the study drug is teratogenic, women of child-bearing potential and men must agree"
        " to use adequate contraception."
    )
    assert "agrees_to_contraception" in {r.concept for r in _read("inclusion", text)}


@pytest.mark.parametrize(
    "text",
    [
        "Patients receiving any medications or substances that are strong inhibitors or inducers "
        "of CYP3A4 are ineligible.",
        "Known hypersensitivity to the active substances or to any of the excipients",
    ],
)
def test_medicines_called_substances_are_not_substance_use(text: str) -> None:
    """NCT06102902 exc-5: 'medications or substances that are CYP3A4 inhibitors' is no abuse."""
    assert "substance_use" not in {r.concept for r in _read("exclusion", text)}


def test_substance_abuse_is_still_substance_use() -> None:
    """'History of substance abuse' keeps its reading."""
    assert ("substance_use", "substance_use == yes") in _rules(
        "exclusion", "History of substance abuse"
    )


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Prior tucatinib", "prior_tucatinib"),
        ("Prior conventional dose lapatinib is allowed if > 6 months prior", "prior_lapatinib"),
        ("Previous treatment with Nerlynx", "prior_neratinib"),
    ],
)
def test_her2_pills_are_in_the_drug_lexicon(text: str, concept: str) -> None:
    """Tucatinib, lapatinib and neratinib (and their brands) are named drugs of the HER2 class."""
    assert concept in {r.concept for r in _read("exclusion", text)}


@pytest.mark.parametrize(
    "text",
    [
        "Women of childbearing potential with a negative urine pregnancy test",
        "WOCBP must have a negative serum pregnancy test within 7 days of enrollment",
    ],
)
def test_a_pregnancy_test_is_not_an_agreement_to_use_contraception(text: str) -> None:
    """NCT05925803 inc-9: a test-only criterion asks nothing about birth control."""
    assert "agrees_to_contraception" not in {r.concept for r in _read("inclusion", text)}


@pytest.mark.parametrize("text", ["Measurable residual disease (MRD) positive", "MRD ≥ 0.01%"])
def test_measurable_residual_disease_is_not_a_measurable_tumour(text: str) -> None:
    """Leftover leukaemia found by a lab test is not a tumour measured on scans."""
    assert "measurable_disease" not in {r.concept for r in _read("inclusion", text)}


@pytest.mark.parametrize(
    ("conditions", "text", "concept"),
    [
        (
            ["Systemic Sclerosis"],
            "Overlap syndromes or systemic lupus erythematosus",
            "autoimmune_disease",
        ),
        (["Type 2 Diabetes"], "Uncontrolled diabetes", "diabetes"),
        (["Major Depressive Disorder"], "Bipolar disorder or psychosis", "mental_health_condition"),
    ],
)
def test_the_trials_own_illness_is_never_held_against_its_patients(
    conditions: list[str], text: str, concept: str
) -> None:
    """NCT05925803: in a trial for an illness, an exclusion read as "<that illness> == yes" would
    exclude everyone the trial is for; the study team reads it."""
    trial = Trial(
        id="NCT1",
        registry="ctgov",
        title="t",
        conditions=conditions,
        criteria=[CriterionText(id="exc-1", kind="exclusion", text=text)],
    )
    readings = [r for r in read_criteria(trial) if r.concept == concept]
    assert readings and all(r.needs_review and r.confidence == "review" for r in readings)
    other = trial.model_copy(update={"conditions": ["Breast Cancer"]})
    assert any(not r.needs_review for r in read_criteria(other) if r.concept == concept)


@pytest.mark.parametrize(
    ("kind", "text", "rule"),
    [
        (
            "inclusion",
            "Patients must have progressed after at least 1 prior systemic treatment for incurable"
            " advanced or metastatic disease",
            "prior_lines_of_therapy >= 1",
        ),
        ("inclusion", "At least two prior systemic therapies", "prior_lines_of_therapy >= 2"),
        # an upper bound listed as an exclusion ("Patients with no more than 1 prior systemic
        # therapy for metastatic disease.") goes to the study team: test_reader_round11_kinds.py
    ],
)
def test_a_count_of_prior_treatments_is_a_count_of_lines(
    kind: CriterionKind, text: str, rule: str
) -> None:
    """NCT06102902 inc-17: 'after at least 1 prior systemic treatment' keeps 'lines >= 1'."""
    assert rule in {r.rule for r in _read(kind, text)}


def test_an_upper_limit_on_prior_treatments_for_one_stage_is_not_read() -> None:
    """'No more than 3 prior therapies for metastatic disease' may count fewer treatments than
    the patient would, so it never becomes a limit that could exclude."""
    text = "No more than 3 prior therapies for metastatic disease"
    assert "prior_lines_of_therapy" not in {
        r.concept for r in _read("inclusion", text) if not r.needs_review
    }


@pytest.mark.parametrize(
    "text",
    [
        "QTcF > 470 ms for females, > 450 ms for males",
        "Corrected QT interval (Fridericia) > 450 msec for males or > 470 msec for females",
    ],
)
def test_sex_specific_qtc_limits_keep_both(text: str) -> None:
    """A woman with QTc 460 ms is not excluded, a man with 460 ms is (each sex its own limit)."""
    (reading,) = [r for r in _read("exclusion", text) if r.concept == "qtc_ms"]
    today = datetime.date(2026, 12, 1)
    woman = evaluate(reading, {"sex": "female", "qtc_ms": 460}, today)
    man = evaluate(reading, {"sex": "male", "qtc_ms": 460}, today)
    assert (woman.status, man.status) == (
        "met",
        "not_met" if reading.confidence == "certain" else "unknown",
    )
    assert "qtc_ms > 470 (females)" in (reading.rule or "")

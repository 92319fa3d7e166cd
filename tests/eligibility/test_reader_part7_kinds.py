"""Kinds the seventh held-out part found left partial though one patient answer settles them: a
note saying who is tested for HIV, what a patient may not receive once enrolled, hepatitis B
spelled out as both acute and chronic, lung scarring or pneumonitis ever or now, spread to the
brain's lining named alone, and "relapsed or refractory to at least 1 prior therapy". Each with a
real criterion from outside that part and a few variants; anything more stays partial."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import status_of as _check

# --- 1. HIV with a note on who is tested -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04712851 (real; its sub-bullet joined to the parent)
        "Has a known history of human immunodeficiency virus (HIV) infection * Note: No HIV "
        "testing is required unless mandated by local health authority",
        "Has a known history of human immunodeficiency virus (HIV) infection. No HIV testing is "
        "required unless mandated by a local health authority.",
        "Known HIV infection. HIV testing is not required in the absence of clinical suspicion.",
        "Known HIV infection; testing is not required for this protocol.",
    ],
)
def test_hiv_with_a_testing_note_is_read_whole(text: str) -> None:
    hiv = _one("exclusion", text, "hiv")
    assert (hiv.confidence, hiv.rule) == ("certain", "hiv == yes")
    assert _check(hiv, {"hiv": True}) == ("not_met", False)
    assert _check(hiv, {"hiv": False}) == ("met", False)


@pytest.mark.parametrize(
    "text",
    [
        "Known HIV infection. HIV testing is required at screening.",
        "Known HIV infection. Testing is not required unless the CD4 count is below 200.",
    ],
)
def test_a_testing_rule_that_asks_something_stays_partial(text: str) -> None:
    assert _one("exclusion", text, "hiv").confidence != "certain"


# --- 2. What a patient may not receive once enrolled -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05903092 exc-11 (real)
        "Receipt of live attenuated vaccine within 30 days prior to the first dose of study "
        "treatment. NOTE: Subjects, if enrolled, should not receive live vaccine whilst "
        "receiving study treatment and up to 30 days after the last dose of study treatment.",
        # NCT06860815 (real)
        "Receipt of live attenuated vaccine within 30 days prior to the first dose of study "
        "treatment. Note: Patients, if enrolled, should not receive live vaccine whilst "
        "receiving study treatment and up to 30 days after the last dose of study treatment",
        "Live vaccine within 30 days before registration. Note: participants, if enrolled, "
        "should not receive live vaccines while on study.",
    ],
)
def test_live_vaccine_note_for_enrolled_patients_asks_nothing(text: str) -> None:
    vaccine = _one("exclusion", text, "last_live_vaccine")
    assert (vaccine.confidence, vaccine.rule) == ("certain", "last_live_vaccine within 30 days")
    assert _check(vaccine, {"last_live_vaccine": "2026-11-20"}) == ("not_met", False)
    assert _check(vaccine, {"last_live_vaccine": "2025-01-01"}) == ("met", False)


def test_a_note_that_is_a_further_limit_stays_partial() -> None:
    text = (
        "Receipt of live attenuated vaccine within 30 days prior to the first dose. Note: "
        "inactivated vaccines within 7 days are also excluded."
    )
    assert _one("exclusion", text, "last_live_vaccine").confidence != "certain"


# --- 3. Hepatitis B, acute and chronic ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Known acute or chronic hepatitis B",
        "Active hepatitis B (chronic or acute)",
        "Active hepatitis B (including acute hepatitis B virus [HBV] or chronic HBV)",
        "Active hepatitis B (including acute or chronic)",
    ],
)
def test_hepatitis_b_both_acute_and_chronic_is_any_hepatitis_b_now(text: str) -> None:
    hbv = _one("exclusion", text, "hepatitis_b")
    assert (hbv.confidence, hbv.rule) == ("certain", "hepatitis_b == yes")
    assert _check(hbv, {"hepatitis_b": True}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # NCT05048212 (real): an exception follows
        "History of HIV infection or active hepatitis B (chronic or acute) or hepatitis C "
        "infection with the following exception:",
        "Chronic hepatitis B",
        "Active hepatitis B",
        "Active hepatitis B (including chronic HBV)",
    ],
)
def test_one_kind_of_hepatitis_b_or_an_exception_stays_partial(text: str) -> None:
    assert _one("exclusion", text, "hepatitis_b").confidence != "certain"


# --- 4. Lung scarring or pneumonitis, ever or now -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Current or prior pneumonitis.",  # NCT06492954 (real)
        "History of, or current, interstitial lung disease or non-infectious pneumonitis",
        "Known history of (non-infectious) pneumonitis or pulmonary fibrosis",
    ],
)
def test_interstitial_lung_disease_ever_or_now_is_read_whole(text: str) -> None:
    ild = _one("exclusion", text, "interstitial_lung_disease")
    assert (ild.confidence, ild.rule) == ("certain", "interstitial_lung_disease == yes")
    assert _check(ild, {"interstitial_lung_disease": True}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        "Prior history of interstitial lung disease.",  # NCT05239546 (real)
        "Medical history of ILD.",  # NCT05519293 exc-19 (real, labelled part 15)
        "History of pulmonary fibrosis",
    ],
)
def test_lung_scarring_named_without_pneumonitis_leaves_a_yes_to_the_study_team(text: str) -> None:
    """The question also takes in pneumonitis: a patient whose only lung problem was a past
    radiation pneumonitis answers yes and is not excluded by a scarring-only criterion."""
    ild = _one("exclusion", text, "interstitial_lung_disease")
    assert ild.confidence != "certain"
    assert _check(ild, {"interstitial_lung_disease": True})[0] == "unknown"
    assert _check(ild, {"interstitial_lung_disease": False})[0] == "met"


@pytest.mark.parametrize(
    "text",
    [
        "Active interstitial lung disease (ILD) or non-infectious pneumonitis.",  # NCT05671510
        "History of pneumonitis requiring steroids",
        "History of drug-induced pneumonitis",
        "History of interstitial lung disease from any cause",  # NCT06706076 (real)
    ],
)
def test_a_narrower_lung_criterion_stays_partial(text: str) -> None:
    assert _one("exclusion", text, "interstitial_lung_disease").confidence != "certain"


# --- 5. Spread to the brain's lining ---------------------------------------------------------

LINING = "brain_metastases == yes and leptomeningeal_disease == yes"


@pytest.mark.parametrize(
    "text",
    [
        "Leptomeningeal disease",  # NCT03786692 (real)
        "Has leptomeningeal disease as a manifestation of the current malignancy.",
        "Known leptomeningeal metastases",
    ],
)
def test_leptomeningeal_disease_named_alone_is_read_whole(text: str) -> None:
    lining = _one("exclusion", text, "leptomeningeal_disease")
    assert (lining.confidence, lining.rule) == ("certain", LINING)
    both = {"brain_metastases": True, "leptomeningeal_disease": True}
    assert _check(lining, both) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        "History of leptomeningeal disease",  # NCT04802759 (real): spread that may be over
        "History of or current leptomeningeal metastases.",
        "Untreated leptomeningeal disease",
    ],
)
def test_leptomeningeal_disease_in_the_past_or_qualified_stays_partial(text: str) -> None:
    assert _one("exclusion", text, "leptomeningeal_disease").confidence != "certain"


# --- 6. Relapsed or refractory to at least N prior therapies -----------------------------------


@pytest.mark.parametrize(
    ("text", "least"),
    [
        ("Relapsed or refractory to at least 1 prior therapy", 1),
        ("Relapsed or refractory to at least 1 prior available therapy", 1),
        ("Disease relapsed and/or refractory to at least 2 prior therapies", 2),
    ],
)
def test_relapsed_or_refractory_after_prior_therapies_counts_lines(text: str, least: int) -> None:
    lines = _one("inclusion", text, "prior_lines_of_therapy")
    assert (lines.confidence, lines.rule) == ("certain", f"prior_lines_of_therapy >= {least}")
    assert _check(lines, {"prior_lines_of_therapy": 0}) == ("not_met", False)
    assert _check(lines, {"prior_lines_of_therapy": least}) == ("met", False)


@pytest.mark.parametrize(
    "text",
    [
        "Refractory to at least 1 prior therapy",
        "Relapsed and refractory to at least 2 prior therapies",
        "Relapsed or refractory to at least 1 prior BTK inhibitor therapy",
    ],
)
def test_only_refractory_or_both_stays_partial(text: str) -> None:
    found = [c for c in _read("inclusion", text) if c.concept == "prior_lines_of_therapy"]
    assert all(c.confidence != "certain" for c in found)


# --- 7. Hepatitis C defined by the virus found, with a note on who is tested --------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06623110 (real, its hepatitis C clause without the note on treated patients)
        "Known acute or chronic hepatitis C virus (defined as HCV RNA [qualitative] is detected)",
        "Hepatitis C virus [HCV] (ribonucleic acid [RNA] detected by qualitative assay). HCV RNA "
        "testing is not required in participants with negative HCV antibody testing.",
        "Known HCV infection (RNA detected)",
    ],
)
def test_hepatitis_c_rna_detected_is_hepatitis_c_now(text: str) -> None:
    hcv = _one("exclusion", text, "hepatitis_c")
    assert (hcv.confidence, hcv.rule) == ("certain", "hepatitis_c == yes")


@pytest.mark.parametrize(
    "text",
    [
        # NCT06623110 (real): treated patients may join
        "Known acute or chronic hepatitis C virus (defined as HCV RNA [qualitative] is detected). "
        "Note: Patients who have been effectively treated are eligible.",
        "Hepatitis C (HCV antibody or RNA detected)",
    ],
)
def test_hepatitis_c_with_an_exception_or_an_antibody_stays_partial(text: str) -> None:
    assert _one("exclusion", text, "hepatitis_c").confidence != "certain"

"""Partial readings a coordinator audit of five unseen trials found contradicting their text
(NCT06907615, NCT05498272, NCT05336812, NCT05904093, NCT06541847), each kind pinned with the
real wording and wordings invented to check the kind."""

from __future__ import annotations

import pytest

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionKind, CriterionText
from trialbot.eligibility import read_criterion


def _read(kind: CriterionKind, text: str) -> list[StructuredCriterion]:
    return read_criterion(CriterionText(id="c-1", kind=kind, text=text))


def _rules(kind: CriterionKind, text: str) -> dict[str, str | None]:
    return {r.concept: r.rule for r in _read(kind, text) if r.concept and not r.needs_review}


# 1. An exception that belongs to another item of the list is no exception of the cancer item.
_SCD_LIST = (
    "Have a significant medical condition that confers an unacceptable risk to participating in "
    "the study. Such significant medical conditions include, but are not limited to the "
    "following: 1. History of neutropenia (benign ethnic neutropenia and/or acquired neutropenia "
    "related to drug suppression by hydroxyurea and/or cyclic hematopoiesis are permitted). "
    "2. History of posterior reversible encephalopathy syndrome (PRES) 3. History of poorly "
    "controlled hypertension unless controlled for >90 days prior to enrollment. 5. History of "
    "drug-induced cholestatic hepatitis. 6. History of any primary malignancy. 7. Testing "
    "positive for human immunodeficiency virus 1 or 2 Ab with evidence for ongoing active "
    "infection. 12. Currently pregnant or lactating."
)


@pytest.mark.parametrize(
    "text",
    [
        _SCD_LIST,
        "- Uncontrolled diabetes unless on a stable regimen - History of another malignancy "
        "- Active hepatitis B (carriers on antivirals are allowed)",
        "a) Prior allogeneic transplant is permitted b) Known second primary cancer "
        "c) Known HIV infection",
    ],
)
def test_another_items_exception_is_no_low_risk_permission(text: str) -> None:
    """NCT05904093 exc-2e: '6. History of any primary malignancy' has no exception; the
    'permitted' and 'unless' of items 1 and 3 are theirs: a low-risk other cancer is not
    allowed by them, only sent to the study team as for any bare other-cancer criterion."""
    rule = _rules("exclusion", text)["other_cancer"]
    assert rule is not None
    assert rule.endswith("and (not other_cancer_low_risk or study team)")


@pytest.mark.parametrize(
    "text",
    [
        "1. Known HIV infection. 2. History of another malignancy, except adequately treated "
        "basal cell carcinoma of the skin. 3. Active hepatitis B",
        "History of other malignancy within 3 years, except curatively treated carcinoma in situ",
    ],
)
def test_the_cancer_items_own_exception_is_still_read(text: str) -> None:
    rule = _rules("exclusion", text)["other_cancer"]
    assert rule is not None
    assert rule.endswith("and not other_cancer_low_risk")


# 2. The value of an unless-clause is the permission: the exclusion's opposite.
_CARDIAC = (
    "Active cardiac disease, defined as: - Myocardial infarction within 6 months of study "
    "treatment. - Congestive heart failure New York Heart Association (NYHA) class 3 or 4, or "
    "subjects with history of congestive heart failure NYHA class 3 or 4 in the past, or history "
    "of anthracycline or anthracenedione (mitoxantrone) treatment, unless an echocardiogram "
    "performed within 3 months of the screening visit results in a left ventricular ejection "
    "fraction that is ≥ 45%. - History of clinically significant ventricular arrhythmias"
)


@pytest.mark.parametrize(
    ("text", "permission"),
    [
        (_CARDIAC, "lvef_percent >= 45"),
        (
            "Prior anthracycline exposure unless LVEF is at least 50% on a recent echocardiogram",
            "lvef_percent >= 50",
        ),
        ("QTc prolongation unless the QTcF is <= 470 ms on repeat ECG", "qtc_ms <= 470"),
    ],
)
def test_an_unless_clause_value_is_never_the_exclusion(text: str, permission: str) -> None:
    """NCT05498272 exc-9e: 'unless ... ejection fraction that is >= 45%' excludes nobody with an
    LVEF of 45% or more; only a 'no' to its opposite settles the criterion."""
    rules = [r.rule for r in _read("exclusion", text) if r.rule and permission in r.rule]
    assert rules == [f"not ({permission}) and study team"]


def test_a_value_before_unless_is_still_the_exclusion() -> None:
    text = "LVEF < 50% unless cleared by a cardiologist"
    assert _rules("exclusion", text).get("lvef_percent") == "lvef_percent < 50"


# 3. "not necessary" / "not required" is no requirement.
@pytest.mark.parametrize(
    "text",
    [
        "Participants with paraspinal PN will be eligible for this trial. Histologic "
        "confirmation of tumor is not necessary but should be considered if there are clinical "
        "or radiographic findings concerning for malignant transformation of a PN.",
        "Histological confirmation is not required if imaging is typical",
        "It is not necessary to have histologic confirmation of the diagnosis",
        "A biopsy-proven diagnosis need not be obtained",
    ],
)
def test_a_confirmation_not_necessary_is_not_required(text: str) -> None:
    """NCT06541847 inc-2: 'Histologic confirmation of tumor is not necessary'."""
    assert "histology_confirmed" not in {r.concept for r in _read("inclusion", text)}


def test_measurable_disease_not_required_is_no_requirement() -> None:
    text = "Histologically confirmed diagnosis of NSCLC; measurable disease is not required"
    rules = _rules("inclusion", text)
    assert "measurable_disease" not in rules
    assert rules["histology_confirmed"] == "histology_confirmed == yes"


# 4. Words inside a qualifier are no reading of their own (a lab's condition, a side effect of a
# treatment, a drug named as a CYP3A inducer or as the study drug, a prognosis, an infection).
def _asked(kind: CriterionKind, text: str) -> set[str]:
    """The facts a patient could be asked about (readings that are not for the study team)."""
    return {r.concept for r in _read(kind, text) if r.concept and not r.needs_review}


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            "Prothrombin time (PT)/international normalized ratio (INR) or activated partial "
            "thromboplastin time (aPTT) (in the absence of lupus anticoagulant) > 2 x ULN",
            {"last_blood_clot", "autoimmune_disease"},
        ),
        (
            "aPTT > 1.5 x ULN unless due to lupus anticoagulant",
            {"autoimmune_disease"},
        ),
        (
            "Subjects with current or prior history of clinically significant pulmonary "
            "impairment, prior pneumonectomy, or history of with radiation pneumonitis within 6 "
            "months;",
            {"last_radiotherapy"},
        ),
        ("Radiation-induced pneumonitis within the past 3 months", {"last_radiotherapy"}),
        (
            "History of adverse events leading to permanent discontinuation of immunotherapy, or "
            "occurrence of ≥ Grade 2 immune-related pneumonitis or myocarditis during prior "
            "immunotherapy;",
            {"heart_disease"},
        ),
        ("Prior checkpoint inhibitor-induced myocarditis of any grade", {"heart_disease"}),
        (
            "Prior treatment with any medication targeting topoisomerase I, including "
            "chemotherapy or ADCs;",
            {"prior_antibody_drug_conjugate"},
        ),
        (
            "Patients considered a poor medical risk due to a serious, uncontrolled medical "
            "disorder. Examples include but are not limited to, uncontrolled ventricular "
            "arrhythmia, recent (within 3 months) myocardial infarction, uncontrolled major "
            "seizure disorder, unstable spinal cord compression, superior vena cava syndrome",
            {"brain_metastases"},
        ),
        (
            "Concomitant use of known strong or moderate CYP3A inducers. The required washout "
            "period prior to starting olaparib is 5 weeks for enzalutamide or phenobarbital and 3 "
            "weeks for other agents.",
            {"prior_enzalutamide"},
        ),
        (
            "Treatment with a moderate or strong CYP3A inhibitor or inducer within 7 days prior "
            "to first dose of acalabrutinib or venetoclax",
            {"prior_venetoclax", "prior_acalabrutinib"},
        ),
        (
            "Non-oncology vaccine within the 4 week period prior to first dose of nivolumab or "
            "pembrolizumab",
            {"prior_pembrolizumab"},
        ),
        (
            "Subject with other malignancies that are associated with a life expectancy of < 2 "
            "years or that would confound assessment of toxicity in this study",
            {"other_cancer"},
        ),
        (
            "Prior malignancy with an expected survival of less than 75% at 5 years",
            {"other_cancer"},
        ),
        (
            "Subjects with active infections requiring intravenous (IV) antibiotic/antiviral "
            "therapy are not eligible for entry onto the study until resolution of the infection.",
            {"recovered_from_side_effects"},
        ),
    ],
)
def test_words_inside_a_qualifier_are_no_reading_of_their_own(text: str, wrong: set[str]) -> None:
    """NCT05336812 exc-15, -2, -4, -8; NCT06907615 exc-8, -5, -2; NCT05498272 exc-16, -19."""
    assert not _asked("exclusion", text) & wrong


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("History of deep vein thrombosis or pulmonary embolism", "last_blood_clot"),
        ("Prior radiotherapy within 4 weeks of the first dose", "last_radiotherapy"),
        ("Known brain metastases or spinal cord compression", "brain_metastases"),
        ("History of other malignancy within 2 years", "other_cancer"),
        ("Prior treatment with enzalutamide", "prior_enzalutamide"),
    ],
)
def test_the_plain_readings_stay(text: str, fact: str) -> None:
    assert fact in _asked("exclusion", text)

"""An exclusion whose text is a negated condition ("No measurable disease", "No evidence of X",
"Absence of Y", "Not having Z") excludes those WITHOUT the thing (audit15 kind 1). The reading
is flipped for a fact of the trial's own population (measurable disease) and goes to the study
team for any other (it may be a careless double negative), never the un-negated rule that flags
the trial's own patients. Prohibitions ("must not have", "is not allowed"), bounds ("No more
than 2 prior lines") and permissions ("Patients with no ... are eligible") keep their reading."""

from __future__ import annotations

import datetime

import pytest
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

from trialbot.domain.criteria import StructuredCriterion


def _of(kind: str, text: str, concept: str) -> list[StructuredCriterion]:
    return [c for c in _read(kind, text) if c.concept == concept]  # type: ignore[arg-type]


def _against(item: StructuredCriterion, answers: dict[str, object]) -> bool:
    """The answers exclude the patient (certain) or go against the reading (partial)."""
    status, against = _check(item, answers)  # type: ignore[arg-type]
    return status == "not_met" or against


_NO_MEASURABLE = [
    "No measurable disease.",  # NCT04499053 exc-3 (real)
    "No evidence of measurable disease per RECIST 1.1",
    "Patients who have no measurable disease",
    "Lack of measurable disease on baseline imaging",
]


@pytest.mark.parametrize("text", _NO_MEASURABLE)
def test_no_measurable_disease_excludes_those_without_it(text: str) -> None:
    (item,) = _of("exclusion", text, "measurable_disease")
    # the trial's own patient: "yes the CT showed a 4 cm mass"
    assert not _against(item, {"measurable_disease": True}), _rules("exclusion", text)
    assert _against(item, {"measurable_disease": False}), _rules("exclusion", text)
    # an unexplained negation is never certain: a "no" goes to the study team, never excludes
    assert _check(item, {"measurable_disease": False})[0] != "not_met"  # type: ignore[arg-type]


_DOUBLE_NEGATIVES = [
    ("No brain metastases", "brain_metastases"),
    ("No evidence of brain metastases on MRI", "brain_metastases"),
    ("Absence of brain metastases", "brain_metastases"),
    ("No active infection", "active_infection"),
    ("No active liver disease", "liver_disease"),
    ("No allogeneic tissue/organ transplant", "organ_transplant"),
]


@pytest.mark.parametrize(("text", "concept"), _DOUBLE_NEGATIVES)
def test_an_adverse_thing_named_negated_in_an_exclusion_is_the_study_teams(
    text: str, concept: str
) -> None:
    found = _of("exclusion", text, concept)
    assert found, _rules("exclusion", text)
    for item in found:
        assert item.needs_review, _rules("exclusion", text)
        for answer in (True, False):
            assert not _against(item, {concept: answer}), _rules("exclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        "No prior chemotherapy",
        "Not having received prior chemotherapy",
        "Never received chemotherapy",
    ],
)
def test_no_prior_chemotherapy_in_an_exclusion_list_is_never_read_as_given(text: str) -> None:
    assert all(c.needs_review for c in _read("exclusion", text)), _rules("exclusion", text)


def test_a_bound_is_no_negation() -> None:
    text = "No more than 2 prior lines of systemic therapy for metastatic disease"
    assert all("not (" not in (c.rule or "") for c in _read("exclusion", text))


@pytest.mark.parametrize(
    ("text", "concept", "answers"),
    [
        # a requirement said with a modal states the exclusion itself
        ("Participants must not have a solitary kidney and not have a transplanted kidney",
         "organ_transplant", {"organ_transplant": True}),
        ("Women must not be pregnant or breast-feeding due to the teratogenicity of chemotherapy.",
         "pregnant", {"pregnant": True, "sex": "female"}),
        # a prohibition: the exclusion as written
        ("No other prior malignancy is allowed except for adequately treated basal cell or "
         "squamous cell skin cancer", "other_cancer",
         {"other_cancer": datetime.date(2020, 1, 1), "other_cancer_low_risk": False}),
        ("Known brain metastases", "brain_metastases", {"brain_metastases": True}),
    ],
)  # fmt: skip
def test_prohibitions_keep_their_reading(
    text: str, concept: str, answers: dict[str, object]
) -> None:
    found = [c for c in _of("exclusion", text, concept) if not c.needs_review]
    assert found, _rules("exclusion", text)
    assert any(_against(item, answers) for item in found), _rules("exclusion", text)


def test_a_permission_of_those_without_is_no_exclusion() -> None:
    text = "Patients with no brain metastases are eligible"
    for item in _of("exclusion", text, "brain_metastases"):
        for answer in (True, False):
            assert not _against(item, {"brain_metastases": answer}), _rules("exclusion", text)


def test_no_evidence_of_disease_as_an_inclusion_still_asks_for_its_absence() -> None:
    # adjuvant trials: "No measurable disease" required (the inclusion reading is unchanged)
    (item,) = _of("inclusion", "No measurable disease after resection", "measurable_disease")
    assert _against(item, {"measurable_disease": True}), _rules("inclusion", "No measurable")
    assert not _against(item, {"measurable_disease": False})

"""The completeness stage: which words a reading accounts for (rules/completeness.yaml)."""

from __future__ import annotations

from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion
from trialbot.eligibility.completeness import _alternatives, _bounded, leftover


def _read(kind: str, text: str) -> list[tuple[str | None, str, str | None]]:
    return [
        (c.concept, c.confidence, c.rule)
        for c in read_criterion(CriterionText(id="exc-1", kind=kind, text=text))
    ]


def test_a_short_filler_word_does_not_hide_a_longer_phrase() -> None:
    """'at' (one filler line) never stops 'at least' (another line) from being explained."""
    assert leftover("at least 4 weeks since major surgery", ["last_major_surgery"]) == []


def test_alternatives_are_tried_longest_first() -> None:
    """'1' never hides '1.1', 'seizure' never hides 'seizure disorder'."""
    assert _alternatives(r"a|(?:b|c)|[|x]|d\|e") == ["a", "(?:b|c)", "[|x]", r"d\|e"]
    assert _bounded(["1|v?1\\.1"]).fullmatch("1.1")
    assert leftover("history of seizure disorder.", ["seizures"]) == []
    assert leftover("measurable disease per recist 1.1", ["measurable_disease"]) == []


def test_no_concurrent_cancer_medicine_in_an_inclusion_is_read() -> None:
    """Inclusion 'No concurrent antineoplastic agents': certain 'not getting cancer treatment'."""
    assert _read("inclusion", "No concurrent antineoplastic agents") == [
        ("current_anticancer_therapy", "certain", "not (current_anticancer_therapy == yes)")
    ]


def test_cancer_named_with_a_biomarker_is_explained_but_a_qualifier_is_not() -> None:
    """'HER2-negative breast cancer' is whole; 'HER2-negative metastatic breast cancer' is not."""
    assert [c[1] for c in _read("inclusion", "HER2-negative breast cancer")] == ["certain"]
    assert [c[1] for c in _read("inclusion", "HER2-negative metastatic breast cancer")] == [
        "partial"
    ]


def test_hypertension_defined_by_numbers_despite_treatment_is_whole() -> None:
    """'Uncontrollable hypertension (SBP >= 140 or DBP >= 90 despite optimal treatment)' is read
    whole by its numbers; a bare 'Uncontrolled hypertension' is not a number reading."""
    text = (
        "Uncontrollable hypertension (systolic blood pressure ≥ 140 mmHg, or diastolic blood "
        "pressure ≥ 90 mmHg, despite using the optimal medical treatment;"
    )
    assert [c[1] for c in _read("exclusion", text)] == ["certain"]

"""A heading naming everyone ("All cohorts:") whose items a later group's own list repeats is
not read as everyone: its items are scoped and never certain (NCT04958239, labelled part 10)."""

from __future__ import annotations

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import read_criteria


def _trial(lines: list[tuple[str, str]]) -> Trial:
    counts = {"inclusion": 0, "exclusion": 0}
    criteria = []
    for kind, text in lines:
        counts[kind] += 1
        prefix = "inc" if kind == "inclusion" else "exc"
        criteria.append(CriterionText(id=f"{prefix}-{counts[kind]}", kind=kind, text=text))
    return Trial(id="NCT00000001", registry="ctgov", title="A trial", criteria=criteria)


def _ecog(trial: Trial) -> list[StructuredCriterion]:
    return [c for c in read_criteria(trial) if c.concept == "ecog_level"]


def test_all_cohorts_restated_under_a_phase_heading_is_scoped() -> None:
    trial = _trial(
        [
            ("inclusion", "All cohorts:"),
            ("inclusion", "At least 18 years of age at the time of the consent"),
            ("inclusion", "Eastern Cooperative Oncology Group (ECOG) performance status of 0 or 1"),
            ("inclusion", "Phase 1b:"),
            ("inclusion", "No prior systemic therapy in the metastatic setting"),
            ("inclusion", "At least 18 years of age at the time of the consent"),
        ]
    )
    (ecog,) = _ecog(trial)
    assert ecog.applies_to == "All cohorts (as listed before Phase 1b)"
    assert ecog.confidence != "certain"


def test_variant_all_participants_restated_in_a_cohort_list() -> None:
    trial = _trial(
        [
            ("exclusion", "All participants:"),
            ("exclusion", "Pregnant or breastfeeding"),
            ("exclusion", "ECOG performance status of 2 or more"),
            ("exclusion", "Cohort B:"),
            ("exclusion", "Pregnant or breastfeeding"),
        ]
    )
    (ecog,) = _ecog(trial)
    assert ecog.applies_to == "All participants (as listed before Cohort B)"


def test_an_everyone_heading_nobody_restates_stays_everyone() -> None:
    trial = _trial(
        [
            ("inclusion", "All patients:"),
            ("inclusion", "ECOG performance status of 0 or 1"),
            ("inclusion", "Cohort 2:"),
            ("inclusion", "Prior treatment with a platinum-based chemotherapy"),
        ]
    )
    (ecog,) = _ecog(trial)
    assert ecog.applies_to is None
    assert ecog.confidence == "certain"

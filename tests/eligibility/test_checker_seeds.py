"""Checker verdict paths on both seed trials, read from the seed documents as received, with the
reviews shipped with them (sources/bundled_reviews.json) applied as the service does."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from trialbot.domain.checker import assess
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.facts import NEVER, UNKNOWN, Profile
from trialbot.eligibility import read_criteria
from trialbot.sources.readers import read_document
from trialbot.sources.reviews import apply_reviews, bundled_reviews

DRAGONFLY = "2026-525223-24-00"
APATINIB = "NCT07479732"
TODAY = datetime.date(2026, 5, 1)


def _criteria(seeds_dir: Path, trial_id: str) -> list[StructuredCriterion]:
    for path in sorted(seeds_dir.iterdir()):
        for trial in read_document(path):
            if trial.id == trial_id:
                return apply_reviews(read_criteria(trial), bundled_reviews(trial.id))
    raise AssertionError(f"{trial_id} not among the seeds")


@pytest.fixture(scope="module")
def dragonfly(seeds_dir: Path) -> list[StructuredCriterion]:
    """DRAGONFLY's structured criteria."""
    return _criteria(seeds_dir, DRAGONFLY)


@pytest.fixture(scope="module")
def apatinib(seeds_dir: Path) -> list[StructuredCriterion]:
    """The apatinib trial's structured criteria."""
    return _criteria(seeds_dir, APATINIB)


DRAGONFLY_OK: Profile = {
    "age_years": 12, "sex": "male", "agrees_to_contraception": True,
    "recovered_from_side_effects": True, "histology_confirmed": True, "swallow_tablets": True,
    "disease_status": "remission", "last_major_surgery": NEVER, "last_radiotherapy": "2026-01-02",
    "last_blood_clot": NEVER, "hepatitis_b": False, "hepatitis_c": False,
    "last_serious_bleeding": NEVER, "other_cancer": NEVER, "prior_mifamurtide": False,
    "allergy_mifamurtide": False, "allergy_sorafenib": False, "heart_rhythm_problem": False,
    "qtc_ms": 420, "heart_failure": False, "lvef_percent": 62,
    "immunosuppressive_medicine": False, "systolic_bp_mmhg": 112, "diastolic_bp_mmhg": 70,
}  # fmt: skip

APATINIB_OK: Profile = {
    "age_years": 30, "sex": "female", "can_become_pregnant": True, "agrees_to_contraception": True,
    "pregnant": False, "breastfeeding": False, "histology_confirmed": True,
    "disease_status": "progressing", "measurable_disease": True, "ecog_level": "1",
    "recovered_from_side_effects": True, "prior_apatinib": False,
    "prior_topoisomerase_inhibitor": False, "allergy_apatinib": False, "allergy_irinotecan": False,
    "last_anticancer_therapy": "2026-03-01", "last_radiotherapy": NEVER,
    "last_investigational_drug": NEVER, "other_cancer": NEVER, "brain_metastases": False,
    "fluid_buildup": False, "systolic_bp_mmhg": 120, "diastolic_bp_mmhg": 80,
    "current_anticancer_therapy": False,
}  # fmt: skip


def test_dragonfly_all_answers_fit_is_likely_eligible(dragonfly: list[StructuredCriterion]) -> None:
    """Every askable DRAGONFLY criterion met and the rest for the study team: likely_eligible."""
    result = assess(DRAGONFLY, dragonfly, DRAGONFLY_OK, TODAY)
    assert result.verdict == "likely_eligible", [
        (o.criterion_id, o.reason)
        for o in result.outcomes
        if o.status != "met" and not o.needs_review
    ]


def test_dragonfly_age_35_is_ineligible_with_the_limit(
    dragonfly: list[StructuredCriterion],
) -> None:
    """A 35-year-old is ineligible; the reason names the age limit."""
    result = assess(DRAGONFLY, dragonfly, {"age_years": 35}, TODAY)
    assert result.verdict == "ineligible"
    failed = [o for o in result.outcomes if o.status == "not_met"]
    assert failed and all("30" in o.reason and "35" in o.reason for o in failed)


def test_dragonfly_qtc_500_is_ineligible(dragonfly: list[StructuredCriterion]) -> None:
    """QTc 500 ms fails the QTc > 480 ms exclusion, and the reason quotes both numbers."""
    result = assess(DRAGONFLY, dragonfly, {**DRAGONFLY_OK, "qtc_ms": 500}, TODAY)
    assert result.verdict == "ineligible"
    (failed,) = [o for o in result.outcomes if o.status == "not_met"]
    assert failed.concept == "qtc_ms" and "480" in failed.reason and "500 ms" in failed.reason


def test_dragonfly_recent_blood_clot_is_ineligible(dragonfly: list[StructuredCriterion]) -> None:
    """A blood clot 3 months ago falls within the 6-month window; one a year ago does not."""
    recent = assess(DRAGONFLY, dragonfly, {**DRAGONFLY_OK, "last_blood_clot": "2026-02-01"}, TODAY)
    old = assess(DRAGONFLY, dragonfly, {**DRAGONFLY_OK, "last_blood_clot": "2025-04-01"}, TODAY)
    assert recent.verdict == "ineligible" and old.verdict == "likely_eligible"


def test_dragonfly_pregnancy_applies_to_females_only(dragonfly: list[StructuredCriterion]) -> None:
    """Pregnancy does not apply to a male; a pregnant female is ineligible."""
    male = assess(DRAGONFLY, dragonfly, DRAGONFLY_OK, TODAY)
    pregnancy = [o for o in male.outcomes if o.concept == "pregnant"]
    assert pregnancy[0].status == "met" and "does not apply" in pregnancy[0].reason
    female = {**DRAGONFLY_OK, "sex": "female", "can_become_pregnant": True, "pregnant": True}
    assert assess(DRAGONFLY, dragonfly, female, TODAY).verdict == "ineligible"


def test_dragonfly_unknown_measurement_goes_to_the_study_team(
    dragonfly: list[StructuredCriterion],
) -> None:
    """An ejection fraction the patient does not know is a study-team check (v2), not an open
    question, so the trial can still be likely_eligible; an unknown yes/no fact keeps it open."""
    result = assess(DRAGONFLY, dragonfly, {**DRAGONFLY_OK, "lvef_percent": UNKNOWN}, TODAY)
    assert result.verdict == "likely_eligible"
    (lvef,) = [o for o in result.outcomes if o.concept == "lvef_percent"]
    assert lvef.status == "unknown" and lvef.needs_review and "measure" in lvef.reason
    unsure = assess(DRAGONFLY, dragonfly, {**DRAGONFLY_OK, "hepatitis_b": UNKNOWN}, TODAY)
    assert unsure.verdict == "undetermined"


def test_no_criteria_or_no_answer_is_never_likely_eligible() -> None:
    """A record without criteria, or one where only the study team settled anything, stays
    undetermined: likely_eligible needs at least one criterion the patient's answers settled."""
    assert assess("X", [], {}, TODAY).verdict == "undetermined"
    review = StructuredCriterion(
        id="inc-1", kind="inclusion", text="Adequate organ function", needs_review=True
    )
    assert assess("X", [review], {}, TODAY).verdict == "undetermined"


def test_dragonfly_missing_facts_in_asking_order(dragonfly: list[StructuredCriterion]) -> None:
    """With nothing known, the pregnancy criterion needs sex first, then pregnant."""
    result = assess(DRAGONFLY, dragonfly, {}, TODAY)
    assert result.verdict == "undetermined"
    pregnancy = next(o for o in result.outcomes if o.concept == "pregnant")
    assert pregnancy.missing_facts == ["sex", "pregnant"]


def test_dragonfly_meta_criterion_is_met_not_asked(dragonfly: list[StructuredCriterion]) -> None:
    """The "do not meet all the requirements" criterion evaluates met and is never asked."""
    meta = next(c for c in dragonfly if c.concept == "meta")
    assert meta.question is None
    outcome = next(
        o for o in assess(DRAGONFLY, dragonfly, {}, TODAY).outcomes if o.concept == "meta"
    )
    assert outcome.status == "met"


def test_apatinib_all_answers_fit_is_likely_eligible(apatinib: list[StructuredCriterion]) -> None:
    """Every askable apatinib criterion met and the rest for the study team: likely_eligible."""
    result = assess(APATINIB, apatinib, APATINIB_OK, TODAY)
    assert result.verdict == "likely_eligible", [
        (o.criterion_id, o.reason)
        for o in result.outcomes
        if o.status != "met" and not o.needs_review
    ]


@pytest.mark.parametrize(
    ("change", "concept"),
    [
        ({"prior_apatinib": True}, "prior_apatinib"),
        ({"prior_topoisomerase_inhibitor": True}, "prior_topoisomerase_inhibitor"),
        ({"systolic_bp_mmhg": 150, "diastolic_bp_mmhg": 95}, "systolic_bp_mmhg"),
        ({"ecog_level": "2"}, "ecog_level"),
        ({"age_years": 70}, "age_years"),
        ({"last_anticancer_therapy": "2026-04-20"}, "last_anticancer_therapy"),
        ({"breastfeeding": True}, "breastfeeding"),
        ({"other_cancer": "2025-01-10", "other_cancer_low_risk": False}, "other_cancer"),
    ],
)
def test_apatinib_ineligible_paths(
    apatinib: list[StructuredCriterion], change: Profile, concept: str
) -> None:
    """Each failing answer makes the apatinib trial ineligible through the expected criterion."""
    result = assess(APATINIB, apatinib, {**APATINIB_OK, **change}, TODAY)
    assert result.verdict == "ineligible"
    assert concept in {o.concept for o in result.outcomes if o.status == "not_met"}


def test_apatinib_member_drug_implies_its_class(apatinib: list[StructuredCriterion]) -> None:
    """Having had irinotecan counts as having had a topoisomerase inhibitor."""
    profile = {**APATINIB_OK, "prior_irinotecan": True}
    del profile["prior_topoisomerase_inhibitor"]
    result = assess(APATINIB, apatinib, profile, TODAY)
    assert result.verdict == "ineligible"


def test_apatinib_low_risk_other_cancer_is_allowed(apatinib: list[StructuredCriterion]) -> None:
    """A recent low-risk other cancer (the listed exceptions) does not exclude."""
    profile = {**APATINIB_OK, "other_cancer": "2025-01-10", "other_cancer_low_risk": True}
    assert assess(APATINIB, apatinib, profile, TODAY).verdict == "likely_eligible"


def test_apatinib_male_needs_no_pregnancy_answers(apatinib: list[StructuredCriterion]) -> None:
    """A male who agrees to contraception is not asked about pregnancy or breastfeeding."""
    profile = {k: v for k, v in APATINIB_OK.items() if k not in ("pregnant", "breastfeeding")}
    profile.update({"sex": "male", "can_become_pregnant": UNKNOWN})
    assert assess(APATINIB, apatinib, profile, TODAY).verdict == "likely_eligible"

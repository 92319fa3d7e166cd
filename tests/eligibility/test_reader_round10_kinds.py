"""Kinds left by part 6-8 of the labelled set: an exclusion restated as "can not participate",
hepatitis "current or past", measurable disease per RECIST with the words around it, the
Karnofsky/Lansky limit against an ECOG answer, windows written as "no more than N weeks after"
(a recent treatment required, never a washout), items of a list sharing one window, and
clauses of a "Prior therapy with:" list each with its own window. Each with the real criterion
and a few variants."""

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


def _status(criterion: StructuredCriterion, profile: Profile) -> str:
    return evaluate(criterion, profile, TODAY).status


# --- 1. Part 6 misses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT05740449 exc-9 (real)
        ("Patients who have previously received decitabine can not participate.",
         "prior_decitabine"),
        ("Patients who have received azacitidine cannot participate.", "prior_azacitidine"),
        ("Patients previously treated with pembrolizumab cannot take part in this study.",
         "prior_pembrolizumab"),
        ("Participants who received prior olaparib may not participate.", "prior_olaparib"),
    ],
)  # fmt: skip
def test_can_not_participate_restates_the_exclusion(text: str, concept: str) -> None:
    item = _one("exclusion", text, concept)
    assert item.confidence == "certain", _rules("exclusion", text)
    assert item.rule == f"{concept} == yes"
    assert _status(item, {concept: True}) == "not_met"
    assert _status(item, {concept: False}) == "met"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT05665361 exc-10 (real)
        ("Participants with current or past hepatitis B (HBV) infection", "hepatitis_b"),
        ("Current or past hepatitis B infection", "hepatitis_b"),
        ("Past or current hepatitis C infection", "hepatitis_c"),
        ("Patients with active or past hepatitis C (HCV) infection", "hepatitis_c"),
    ],
)
def test_current_or_past_hepatitis_excludes_on_a_yes_only(text: str, concept: str) -> None:
    item = _one("exclusion", text, concept)
    assert (item.confidence, item.decisive_when) == ("partial", "met"), _rules("exclusion", text)
    assert _status(item, {concept: True}) == "not_met"
    # a "no" to the infection now says nothing of one that is over: the study team checks
    assert _status(item, {concept: False}) == "unknown"


def test_current_or_past_hepatitis_with_an_exception_decides_nothing() -> None:
    text = "Current or past hepatitis B infection unless on antiviral therapy"
    assert all(c.decisive_when is None for c in _read("exclusion", text))
    assert all(c.confidence != "certain" for c in _read("exclusion", text))


@pytest.mark.parametrize(
    "text",
    [
        # NCT06224673 inc-6 (real)
        "Presence of at least one measurable lesion per Response Evaluation Criteria in Solid "
        "Tumors (RECIST) version (v) 1.1. NOTE: Participant's with at least one measurable lytic "
        "bone lesion are eligible.",
        "Have measurable disease by RECIST 1.1 (Eisenhauer et al., 2009)",
        "At least one measurable lesion as outlined in RECIST 1.1",
        "At least one measurable lesion as defined by RECIST v1.1.",
    ],
)
def test_measurable_disease_per_recist_with_its_extra_words(text: str) -> None:
    item = _one("inclusion", text, "measurable_disease")
    assert item.confidence == "certain", _rules("inclusion", text)
    assert _status(item, {"measurable_disease": False}) == "not_met"


@pytest.mark.parametrize(
    "text",
    [
        # bone-only disease allowed: no longer a requirement of a measurable lesion
        "Measurable disease per RECIST 1.1. Patients with only bone lesions are eligible.",
        "Measurable disease as outlined in RECIST 1.1 or evaluable disease",
    ],
)
def test_measurable_disease_with_an_alternative_never_fails(text: str) -> None:
    assert all(c.confidence != "certain" for c in _read("inclusion", text)), _rules(
        "inclusion", text
    )


@pytest.mark.parametrize(
    "text",
    [
        # NCT05740449 inc-2 (real)
        "Performance status: Karnofsky performance status (for patients >12 years of age) or "
        "Lansky Play score (for patients <=12 years of age) >= 50% (Appendix I).",
        "Lansky play score >= 50",
        "Karnofsky performance status of 50 or higher",
    ],
)
def test_karnofsky_50_fails_only_the_ecog_levels_wholly_below_it(text: str) -> None:
    item = _one("inclusion", text, "ecog_level")
    assert _status(item, {"ecog_level": "4"}) == "not_met"
    assert _status(item, {"ecog_level": "2"}) == "met"
    # ECOG 3 stands for Karnofsky 40-50: one side of the limit or the other
    assert _status(item, {"ecog_level": "3"}) == "unknown"


# --- 4. "No more than N weeks after the last dose": recent treatment required, never a washout --

RECENT_CHEMO = {
    "prior_cancer_treatment": True,
    "prior_platinum": True,
    "prior_carboplatin": True,
    "last_platinum": "2026-10-20",
    "last_carboplatin": "2026-10-20",
    "last_anticancer_therapy": "2026-10-20",
}


@pytest.mark.parametrize(
    "text",
    [
        # NCT06580314 inc-7 (real)
        "Patients must be randomized at least 3 weeks and no more than 12 weeks after their last "
        "dose of chemotherapy (last dose is the day of the last infusion of platinum agent)",
        "Enrolled no more than 12 weeks after the last dose of chemotherapy",
        "Randomization not later than 8 weeks after completion of platinum-based chemotherapy",
        "Completed all intended therapy (surgery, radiation, and/or chemotherapy) - AND- no more "
        "than 32 weeks has elapsed after the last day of this therapy.",
    ],
)
def test_no_more_than_weeks_after_chemotherapy_never_excludes_recent_chemotherapy(
    text: str,
) -> None:
    read = _read("inclusion", text)
    assert all(c.confidence != "certain" for c in read), _rules("inclusion", text)
    assert all("not (" not in (c.rule or "") for c in read), _rules("inclusion", text)
    assert all(_status(c, RECENT_CHEMO) != "not_met" for c in read)


def test_at_least_weeks_after_is_still_a_minimum_gap() -> None:
    # chemotherapy alone is narrower than "any cancer medicine": a yes within the window is the
    # study team's (audit14)
    item = _one("exclusion", "Chemotherapy no more than 4 weeks before the first dose",
                "last_anticancer_therapy")  # fmt: skip
    assert item.rule == "last_anticancer_therapy within 28 days and study team"
    gap = _one("inclusion", "At least 4 weeks since the last dose of chemotherapy",
               "last_anticancer_therapy")  # fmt: skip
    assert gap.rule == "not (last_anticancer_therapy within 28 days and study team)"


# --- 2. Items of a comma list sharing one window ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05279300 exc-12 (real)
        "Has received major surgery, chemotherapy, definitive radiotherapy, target therapy, "
        "immunotherapy, or other anti-cancer therapy within 21 days prior to the administration "
        "of the first dose of the study drug.",
        "Major surgery, chemotherapy, radiotherapy or other anti-cancer therapy within 21 days",
        "Chemotherapy, immunotherapy, or other anticancer therapy within 3 weeks",
    ],
)
def test_other_anticancer_therapy_item_shares_the_window(text: str) -> None:
    item = _one("exclusion", text, "last_anticancer_therapy")
    assert (item.confidence, item.decisive_when) == ("partial", "met"), _rules("exclusion", text)
    assert _status(item, {"last_anticancer_therapy": "2026-11-20"}) == "not_met"
    assert _status(item, {"last_anticancer_therapy": "2026-06-01"}) == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        # a qualifier opening the list may limit every item
        "Palliative radiotherapy, chemotherapy or other anti-cancer therapy within 14 days",
        "Chemotherapy, radiotherapy, or other anticancer therapy within 4 weeks, except hormonal "
        "therapy",
        # the item is another reading's ("any investigational agent"), never the broader question
        "Prior chemotherapy, definitive radiation, biological cancer therapy or any "
        "investigational agent within 21 days before the first dose of study treatment",
    ],
)
def test_limited_lists_leave_any_cancer_medicine_to_the_study_team(text: str) -> None:
    item = _one("exclusion", text, "last_anticancer_therapy")
    assert item.decisive_when is None, _rules("exclusion", text)
    assert _status(item, {"last_anticancer_therapy": "2026-11-20"}) == "unknown"


def test_definitive_radiotherapy_is_narrower_than_any_radiotherapy() -> None:
    text = (
        "Has received major surgery, chemotherapy, definitive radiotherapy, target therapy, "
        "immunotherapy, or other anti-cancer therapy within 21 days prior to the administration "
        "of the first dose of the study drug."
    )
    assert _one("exclusion", text, "last_radiotherapy").decisive_when is None
    surgery = _one("exclusion", text, "last_major_surgery")
    assert surgery.decisive_when == "met"


def test_an_upper_bound_on_how_long_a_treatment_was_given_is_no_recency() -> None:
    # NCT06005818 inc-11 (real): "for no more than 6 weeks" says how long, not how recently
    text = (
        "Have received no prior systemic therapy for advanced RCC unless having recently "
        "initiated immunotherapy with pembrolizumab for no more than 6 weeks or 1 dose prior to "
        "enrollment."
    )
    assert all(c.rule is None or "within" not in c.rule for c in _read("inclusion", text))


def test_no_more_than_weeks_after_is_met_when_recent() -> None:
    item = _one("inclusion", "No more than 12 weeks after last anticancer therapy",
                "last_anticancer_therapy")  # fmt: skip
    assert item.rule == "last_anticancer_therapy within 84 days"
    assert _status(item, RECENT_CHEMO) == "met"
    # chemotherapy alone: a recent cancer medicine may be another kind, the study team's (audit14)
    chemo = _one("inclusion", "No more than 12 weeks after last chemotherapy",
                 "last_anticancer_therapy")  # fmt: skip
    assert chemo.rule == "last_anticancer_therapy within 84 days and study team"
    assert _status(chemo, RECENT_CHEMO) == "unknown"


# --- 1. A requirement in a sentence of its own inside an age inclusion -------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05740449 inc-1 (real)
        "Children between 4 years and 18 years of age at the time of first diagnosis and less "
        "than 21 years at the time of inclusion. Children must have a body weight ≥ 20 kg.",
        "Age 12 to 17 years at diagnosis. Patients must have a body weight of at least 20 kg.",
        "Aged 1 to 21 years at first relapse. Participants must have a body weight >= 20 kg.",
    ],
)
def test_weight_in_its_own_sentence_is_read_whole(text: str) -> None:
    weight = _one("inclusion", text, "weight_kg")
    assert weight.confidence == "certain", _rules("inclusion", text)
    assert _status(weight, {"weight_kg": 17}) == "not_met"
    # the age at diagnosis is not the age now: never certain
    assert _one("inclusion", text, "age_years").confidence != "certain"


@pytest.mark.parametrize(
    "text",
    [
        "Age 18 years or older at diagnosis. Patients must have body weight at least 40 kg, or "
        "30 kg if younger than 12.",
        "Age 12 to 17 years at diagnosis. Patients must have a body weight of at least 40 kg. "
        "Patients with a lower weight may be enrolled after discussion with the sponsor.",
    ],
)
def test_a_sentence_that_may_widen_another_keeps_it_partial(text: str) -> None:
    assert _one("inclusion", text, "weight_kg").confidence != "certain", _rules("inclusion", text)

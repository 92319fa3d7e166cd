"""Kinds the eighth held-out part (a) found left partial or unread though one patient answer
settles them. Each with the real criterion and a few written variants; anything more stays
partial."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import status_of as _check

# --- 1. a stomach or bowel problem that limits absorption ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05961124 (real)
        "Patients with gastrointestinal abnormalities that may limit absorption",
        # NCT05947851 (real)
        "Has gastrointestinal (GI) dysfunction that may affect drug absorption",
        "Gastrointestinal condition which could impair absorption of study medication",
        "GI disorders that may interfere with the absorption of oral medications.",
    ],
)
def test_a_problem_limiting_absorption_is_the_question(text: str) -> None:
    problem = _one("exclusion", text, "digestive_problem")
    assert (problem.confidence, problem.rule) == ("certain", "digestive_problem == yes")
    assert _check(problem, {"digestive_problem": True}) == ("not_met", False)
    assert _check(problem, {"digestive_problem": False}) == ("met", False)


@pytest.mark.parametrize(
    "text",
    [
        # NCT05665361 (real)
        "Active inflammatory bowel disease, chronic diarrhea, gastrointestinal malabsorption, "
        "gastrointestinal anastomosis, or any other condition that might affect the absorption "
        "of palbociclib",
        # NCT05546268 (real)
        "Have clinically significant active malabsorption syndrome or other condition likely to "
        "affect gastrointestinal absorption of the study drug",
        # NCT06403436 (real)
        "Serious gastrointestinal bleeding within 3 months, refractory nausea and vomiting, "
        "uncontrolled diarrhea, known malabsorption, significant small bowel resection or gastric "
        "bypass surgery, use of feeding tubes, other chronic gastrointestinal disease, and/or "
        "other situation that may preclude adequate absorption of oral medications.",
        "Crohn's disease, ulcerative colitis or any other condition that could affect absorption "
        "of oral drugs",
    ],
)
def test_an_any_other_absorption_alternative_excludes_on_a_yes(text: str) -> None:
    problem = _one("exclusion", text, "digestive_problem")
    assert (problem.confidence, problem.decisive_when) == ("partial", "met")
    assert _check(problem, {"digestive_problem": True})[0] == "not_met"
    assert _check(problem, {"digestive_problem": False})[0] != "met"


@pytest.mark.parametrize(
    "text",
    [
        # a qualifier before or after the alternative narrows it: a "yes" settles nothing
        "Inability to swallow pills or any significant gastrointestinal disease which would "
        "preclude the adequate oral absorption of medications",
        "Gastrointestinal conditions which could prevent absorption of zunsemetinib, in the "
        "opinion of the treating physician.",
        "Impairment of GI function or disease that may significantly alter the absorption of "
        "oral TNG260",
        "Any condition that may affect absorption, unless controlled with medication",
    ],
)
def test_a_narrowed_absorption_alternative_stays_partial(text: str) -> None:
    found = [c for c in _read("exclusion", text) if c.concept == "digestive_problem"]
    assert all(c.confidence != "certain" and c.decisive_when is None for c in found)


# --- 2. able to take medicine by mouth ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05961124 (real)
        "Patients must be able to take oral medications",
        # NCT06580314 (real)
        "No current inability to swallow orally administered medication",
        "Able to take oral medication.",
        "Must be able to take medications by mouth",
    ],
)
def test_taking_medicine_by_mouth_is_the_swallowing_question(text: str) -> None:
    swallow = _one("inclusion", text, "swallow_tablets")
    assert (swallow.confidence, swallow.rule) == ("certain", "swallow_tablets == yes")
    assert _check(swallow, {"swallow_tablets": False})[0] == "not_met"
    assert _check(swallow, {"swallow_tablets": True})[0] == "met"


@pytest.mark.parametrize(
    "text", ["Unable to take oral medication.", "Inability to take medications orally"]
)
def test_unable_to_take_medicine_by_mouth_excludes(text: str) -> None:
    swallow = _one("exclusion", text, "swallow_tablets")
    assert (swallow.confidence, swallow.rule) == ("certain", "not (swallow_tablets == yes)")
    assert _check(swallow, {"swallow_tablets": False})[0] == "not_met"


def test_taking_medicine_for_a_purpose_stays_partial() -> None:
    # a purpose beside it is no word of the question
    swallow = _one(
        "inclusion",
        "Able to take oral medications (for pre-medications and supportive management)",
        "swallow_tablets",
    )
    assert swallow.confidence == "partial"


# --- 3. live vaccines: the start date, a non-live exception, a rule for later -------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # NCT05961124 (real)
        (
            "Patients who have had a live vaccine within 30 days of planned start date of study "
            "treatment",
            30,
        ),
        # NCT06225804 (real)
        (
            "Vaccination with a live, attenuated vaccine within 4 weeks prior to the first dose of "
            "study treatment except for administration of inactivate vaccines (e.g., COVID-19 "
            "vaccines, inactivated influenza vaccines).",
            28,
        ),
        (
            "Live vaccine within 14 days of the start date of treatment, other than inactivated "
            "vaccines",
            14,
        ),
        (
            "Receipt of live (growth/replication competent) attenuated vaccine within 30 days "
            "prior "
            "to enrollment.",
            30,
        ),
    ],
)
def test_a_live_vaccine_window_is_read_whole(text: str, days: int) -> None:
    vaccine = _one("exclusion", text, "last_live_vaccine")
    assert (vaccine.confidence, vaccine.rule) == (
        "certain",
        f"last_live_vaccine within {days} days",
    )
    assert _check(vaccine, {"last_live_vaccine": "2026-11-20"})[0] == "not_met"
    assert _check(vaccine, {"last_live_vaccine": "2025-01-01"})[0] == "met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT04616248 (real, its examples kept)
        "Live vaccines within 30 days prior to the first dose of trial treatment and while "
        "participating in the trial. Examples of live vaccines include, but are not limited to, "
        "the following: measles, mumps, rubella, varicella/zoster, yellow fever, rabies, Bacillus "
        "Calmette-Guerin (BCG), and typhoid vaccine.",
        "Have received any live vaccine within 30 days prior to the first dose or intend to "
        "receive a live vaccine during the study.",
        "Live vaccine within 30 days before the first dose and throughout the study",
    ],
)
def test_a_live_vaccine_rule_for_later_excludes_on_a_recent_vaccine(text: str) -> None:
    vaccine = _one("exclusion", text, "last_live_vaccine")
    assert (vaccine.confidence, vaccine.decisive_when) == ("partial", "met")
    assert _check(vaccine, {"last_live_vaccine": "2026-11-20"})[0] == "not_met"
    assert _check(vaccine, {"last_live_vaccine": "2025-01-01"})[0] != "met"


def test_a_live_vaccine_with_an_exception_of_its_own_stays_partial() -> None:
    vaccine = _one(
        "exclusion",
        "Live vaccine within 30 days before the first dose, except for inactivated vaccines for "
        "travel",
        "last_live_vaccine",
    )
    assert vaccine.confidence == "partial"


# --- 4. washouts: "halflives" in one word, anti-cancer therapy with its kinds as examples ------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05961124 (real)
        "Patients who received another investigational therapy within 4 weeks or 5 halflives of "
        "the investigational agent, whichever is longer",
        "Another investigational drug within 28 days or 5 half-lives of the study drug, whichever "
        "is longer",
        "Received an investigational agent within 4 weeks (or 5 halflives, whichever is longer)",
    ],
)
def test_half_lives_whichever_longer_is_decisive_when_met(text: str) -> None:
    drug = _one("exclusion", text, "last_investigational_drug")
    assert (drug.confidence, drug.decisive_when) == ("partial", "met")
    assert _check(drug, {"last_investigational_drug": "2026-11-20"})[0] == "not_met"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # NCT06225804 (real; radiotherapy and investigational drugs read beside it)
        (
            "Previous anti-cancer therapy, including chemotherapy, radiotherapy, molecular "
            "targeted therapy, antibody therapy or other investigational drugs received ≤4 weeks "
            "prior to initiation of study treatment.",
            28,
        ),
        (
            "Anticancer therapy (including chemotherapy, targeted therapy or immunotherapy) within "
            "21 days before the first dose",
            21,
        ),
        (
            "Anti-cancer therapy, such as chemotherapy, endocrine therapy or biological therapy, "
            "within 14 days prior to the first dose of study drug",
            14,
        ),
    ],
)
def test_anticancer_therapy_with_its_kinds_as_examples_is_read_whole(text: str, days: int) -> None:
    therapy = _one("exclusion", text, "last_anticancer_therapy")
    assert (therapy.confidence, therapy.rule) == (
        "certain",
        f"last_anticancer_therapy within {days} days",
    )
    assert _check(therapy, {"last_anticancer_therapy": "2026-11-28"})[0] == "not_met"


def test_one_kind_of_cancer_medicine_with_examples_stays_partial() -> None:
    # chemotherapy is narrower than "any cancer medicine": its examples explain nothing
    read = _read(
        "exclusion",
        "Chemotherapy, including targeted therapy, within 21 days before the first dose",
    )
    assert all(c.confidence != "certain" for c in read)


# --- 5. pregnancy: how it is defined and confirmed, a plan to conceive or to father a child ----


@pytest.mark.parametrize(
    "text",
    [
        # NCT06225804 (real)
        "Pregnant or nursing (lactating) women, where pregnancy is defined as the state of a "
        "female after conception and until the termination of gestation, confirmed by a positive "
        "human chorionic gonadotropin (hCG) laboratory test within 7 days prior to the start of "
        "study drug.",
        "Pregnant or nursing (lactating) women, where pregnancy is defined as the state of a "
        "female after conception and until the termination of gestation, confirmed by a positive "
        "hCG laboratory test (> 5 mIU/mL).",
        # NCT05665361 (real)
        "Pregnant women (confirmed by beta-HCG serum pregnancy test performed at screening)",
    ],
)
def test_pregnancy_defined_and_confirmed_by_a_test_is_read_whole(text: str) -> None:
    pregnant = _one("exclusion", text, "pregnant")
    assert (pregnant.confidence, pregnant.rule) == ("certain", "pregnant == yes (females)")
    assert _check(pregnant, {"sex": "female", "pregnant": True})[0] == "not_met"
    assert not [c for c in _read("exclusion", text) if c.concept == "organ_function"]


@pytest.mark.parametrize(
    "text",
    [
        # NCT05961124 (real, its typo kept)
        "Patient who are pregnant, breastfeeding, or expecting to conceive children during the "
        "study treatment of for 6 months after completion of the study treatment.",
        # NCT06182072 (real)
        "A woman who is pregnant or breast-feeding, or a woman who is planning to become pregnant "
        "or a man who plans to father a child while enrolled in this study or within 30 days "
        "after the last dose of study agent.",
        "Pregnant or lactating or expecting to conceive a child during the study or within 6 "
        "months after the last dose of study intervention.",
    ],
)
def test_a_plan_to_conceive_beside_pregnancy_makes_a_yes_decisive(text: str) -> None:
    pregnant = _one("exclusion", text, "pregnant")
    assert (pregnant.confidence, pregnant.decisive_when) == ("partial", "met")
    assert _check(pregnant, {"sex": "female", "pregnant": True})[0] == "not_met"
    assert _check(pregnant, {"sex": "female", "pregnant": False})[0] != "met"


# --- 6. HIV as "(AIDS)-related illness"; the NCI sentence that everyone is eligible -----------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06225804 (real)
        "Known acquired immunodeficiency syndrome (AIDS)-related illness, or positive test for "
        "HIV 1/2 antibody.",
        "Acquired immunodeficiency syndrome (AIDS)-related illness or known HIV infection",
    ],
)
def test_an_aids_related_illness_is_the_hiv_question(text: str) -> None:
    hiv = _one("exclusion", text, "hiv")
    assert (hiv.confidence, hiv.rule) == ("certain", "hiv == yes")
    assert _check(hiv, {"hiv": True})[0] == "not_met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT06157099 (real)
        "Age >= 18 years. Both men and women and members of all races and ethnic groups are "
        "eligible for inclusion",
        "Age ≥ 18 years. Both men and women and members of all races and ethnic groups are "
        "eligible for this trial.",
        "Age 18 years or older. Both men and women are eligible to participate in this study.",
    ],
)
def test_everyone_is_eligible_sentence_asks_nothing(text: str) -> None:
    age = _one("inclusion", text, "age_years")
    assert (age.confidence, age.rule) == ("certain", "age_years >= 18")
    assert _check(age, {"age_years": 17})[0] == "not_met"


# --- 7. PARP inhibitors spelled out; a trial with the drug in one arm --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Prior treatment with a poly (ADP-ribose) polymerase (PARP) inhibitor",
        # NCT06617923 (real)
        "Prior treatment with a poly ADP ribose polymerase (PARP) inhibitor or temozolomide.",
        "Prior poly ADP-ribose polymerase inhibitor",
    ],
)
def test_a_spelled_out_parp_inhibitor_is_the_parp_question(text: str) -> None:
    parp = _one("exclusion", text, "prior_parp_inhibitor")
    assert (parp.confidence, parp.rule) == ("certain", "prior_parp_inhibitor == yes")


@pytest.mark.parametrize(
    "text",
    [
        # NCT05961124 (real)
        "Patients who have received a poly adenosine diphosphate-ribose polymerase (PARP) "
        "inhibitor as part of their previous treatment or participated in a trial where PARP "
        "inhibitors were administered in one arm of the trial.",
        "Prior PARP inhibitor, or participation in a study in which a PARP inhibitor was given in "
        "either arm",
    ],
)
def test_a_trial_with_the_drug_in_one_arm_makes_a_yes_decisive(text: str) -> None:
    parp = _one("exclusion", text, "prior_parp_inhibitor")
    assert (parp.confidence, parp.decisive_when) == ("partial", "met")
    assert _check(parp, {"prior_parp_inhibitor": True})[0] == "not_met"
    assert _check(parp, {"prior_parp_inhibitor": False})[0] != "met"


def test_a_count_of_drugs_is_no_widening() -> None:
    # "more than one" narrows: one PARP inhibitor alone does not exclude
    parp = _one(
        "exclusion", "Prior treatment with more than one PARP inhibitor", "prior_parp_inhibitor"
    )
    assert (parp.confidence, parp.decisive_when) == ("partial", None)

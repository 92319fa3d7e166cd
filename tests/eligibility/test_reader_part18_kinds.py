"""Kinds of singly-excluded patients missed, and of criteria labelled certain read in part, by
the eighteenth held-out part (labelled/held_out_18.yaml): each kind pinned by a real text and
written variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading, read_one_text, readings_summary, status_of

from trialbot.eligibility.bullets import bullet_items
from trialbot.eligibility.text import normalize

# --- swallowing whole, spelled out -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05950464 inc-20 (real)
        "Patients must be able to swallow oral medications (capsules and tablets) without "
        "chewing, breaking, crushing, opening, or otherwise altering the product formulation.",
        "Able to swallow tablets without crushing or chewing them",
        "Must be able to swallow capsules whole without opening, dissolving or chewing",
    ],
)
def test_swallowing_without_chewing_or_crushing_is_the_swallowing_question(text: str) -> None:
    reading = only_reading("inclusion", text, "swallow_tablets")
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(reading, {"swallow_tablets": False}) == ("not_met", False)


def test_swallowing_with_a_tube_allowed_stays_partial() -> None:
    # another way to take it is no part of the question
    text = "Able to swallow tablets without crushing, or to take them through a feeding tube"
    readings = [c for c in read_one_text("inclusion", text) if c.concept == "swallow_tablets"]
    assert all(c.confidence != "certain" for c in readings), readings_summary("inclusion", text)


# --- hepatitis B "active or chronic": every hepatitis B now ----------------------------------


@pytest.mark.parametrize(
    ("text", "concepts"),
    [
        # NCT06941857 exc-18 (real)
        ("Active or chronic hepatitis B or hepatitis C.", ("hepatitis_b", "hepatitis_c")),
        ("Chronic or active hepatitis B infection", ("hepatitis_b",)),
        ("Known active or chronic hepatitis C", ("hepatitis_c",)),
    ],
)
def test_active_or_chronic_hepatitis_is_hepatitis_now(text: str, concepts: tuple[str]) -> None:
    for concept in concepts:
        reading = only_reading("exclusion", text, concept)
        assert reading.confidence == "certain", readings_summary("exclusion", text)
        assert status_of(reading, {concept: True}) == ("not_met", False)


@pytest.mark.parametrize("text", ["Active hepatitis B", "Known active hepatitis B infection"])
def test_active_hepatitis_b_alone_stays_narrower_than_the_question(text: str) -> None:
    # an inactive carrier answers "yes" to hepatitis B now
    assert only_reading("exclusion", text, "hepatitis_b").confidence == "partial"


# --- the brain with its lining named by another word -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06941857 exc-10 (real)
        "Has history of central nervous system (CNS) metastases and/or carcinomatous meningitis.",
        "Known CNS metastases or meningeal carcinomatosis",
        "Brain metastases and/or neoplastic meningitis",
    ],
)
def test_cns_metastases_and_carcinomatous_meningitis_is_the_brain_question(text: str) -> None:
    reading = only_reading("exclusion", text, "brain_metastases")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"brain_metastases": True}) == ("not_met", False)


def test_cns_metastases_with_treated_ones_allowed_stays_partial() -> None:
    text = (
        "Known CNS metastases and/or carcinomatous meningitis. Subjects with previously treated "
        "brain metastases may participate provided they are stable."
    )
    assert all(c.confidence != "certain" for c in read_one_text("exclusion", text))


# --- when the scan of measurable disease is done is the study team's -------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05578326 inc-5 (real)
        "Measurable disease according to RECIST v1.1 within 28 days prior to start of treatment.",
        "Measurable disease per RECIST 1.1 within 4 weeks before registration",
        "At least one measurable lesion by RECIST v1.1 documented within 21 days prior to "
        "randomization",
    ],
)
def test_a_scan_window_of_measurable_disease_is_read_whole(text: str) -> None:
    reading = only_reading("inclusion", text, "measurable_disease")
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(reading, {"measurable_disease": False}) == ("not_met", False)


# --- a named carcinoma of the trial, confirmed by a biopsy -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT07221058 inc-1 (real)
        "Subjects must have histologically or cytologically confirmed rectal adenocarcinoma.",
        "Histologically confirmed colorectal adenocarcinoma",
        "Pathologically confirmed colon carcinoma",
    ],
)
def test_a_confirmed_named_carcinoma_is_the_biopsy_question(text: str) -> None:
    reading = only_reading("inclusion", text, "histology_confirmed")
    assert reading.confidence == "certain", readings_summary("inclusion", text)


def test_a_confirmed_carcinoma_with_a_stage_stays_partial() -> None:
    text = "Histologically confirmed stage III rectal adenocarcinoma"
    assert only_reading("inclusion", text, "histology_confirmed").confidence != "certain"


# --- a positive pregnancy test before the study drug is started ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06941857 exc-22 (real)
        "A WOCBP who has a positive urine pregnancy test within 72 hours prior to study drug "
        "initiation.",
        "A WOCBP who has a positive serum pregnancy test within 7 days prior to treatment "
        "initiation",
    ],
)
def test_a_positive_pregnancy_test_before_initiation_is_pregnancy(text: str) -> None:
    reading = only_reading("exclusion", text, "pregnant")
    assert reading.confidence == "certain", readings_summary("exclusion", text)


# --- earlier treatment for the trial's own cancer, named -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT07221058 exc-1 (real)
        "Subjects who have been previously treated for rectal cancer are excluded.",
        "Patients previously treated for pancreatic ductal adenocarcinoma",
        "Previously treated for colorectal cancer.",
    ],
)
def test_previously_treated_for_the_named_cancer_is_earlier_treatment(text: str) -> None:
    reading = only_reading("exclusion", text, "prior_cancer_treatment")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"prior_cancer_treatment": True}) == ("not_met", False)
    assert status_of(reading, {"prior_cancer_treatment": False}) == ("met", False)


def test_previously_treated_with_a_named_medicine_is_no_plain_earlier_treatment() -> None:
    text = "Subjects who have been previously treated for rectal cancer with oxaliplatin."
    found = [c for c in read_one_text("exclusion", text) if c.concept == "prior_cancer_treatment"]
    assert all(c.confidence != "certain" for c in found), readings_summary("exclusion", text)


# --- further exclusions indented under the first one ----------------------------------------

_INDENTED = (
    # NCT05578326 exc-1 (real)
    "Active infection requiring systemic therapy. - Pregnant or breastfeeding (NOTE: breast milk "
    "cannot be stored for future use while the mother is being treated on study). - Treatment "
    "with any investigational drug within 4 weeks prior to start of treatment. - A known allergy "
    "or sensitivity to either study drug or its excipients. - Subject is receiving prohibited "
    "medications or treatments as listed in the protocol."
)


@pytest.mark.parametrize(
    ("text", "concept", "yes"),
    [
        (_INDENTED, "active_infection", True),
        (_INDENTED, "pregnant", True),
        (_INDENTED, "last_investigational_drug", "2026-11-10"),
        ("Known HIV infection. - Pregnant women. - Any investigational agent within 21 days "
         "before the first dose. - Hypersensitivity to any study drug.",
         "last_investigational_drug", "2026-11-20"),
        ("Uncontrolled seizures. - Active infection requiring intravenous antibiotics. - "
         "Breastfeeding.", "breastfeeding", True),
    ],
)  # fmt: skip
def test_each_indented_exclusion_read_whole_excludes_on_a_yes(
    text: str, concept: str, yes: object
) -> None:
    reading = only_reading("exclusion", text, concept)
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    facts = {concept: yes, "sex": "female"}
    assert status_of(reading, facts) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # a bullet that qualifies the item before it is no exclusion of its own
        "A history of ataxia telangiectasia or other documented history of radiation "
        "hypersensitivity. - Includes both bi- and mono-allelic likely pathogenic or pathogenic "
        "ATM mutations (VUS is acceptable).",
        "Active infection requiring systemic therapy. - Patients on oral antibiotics may be "
        "eligible. - Pregnant women.",
        # a heading opening the list
        "Any of the following within 6 months. - Myocardial infarction. - Stroke.",
    ],
)
def test_bullets_qualifying_another_item_are_not_read_apart(text: str) -> None:
    assert bullet_items(normalize(text).lower(), "exclusion") is None


# --- a qualifier opening the list reaches its second item ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06222593 exc-11 (real)
        "Has known active Hepatitis B or Hepatitis C",
        "Known active hepatitis B or hepatitis C infection",
        "Active HBV or HCV",
    ],
)
def test_active_hepatitis_c_as_the_second_item_excludes_on_a_yes(text: str) -> None:
    reading = only_reading("exclusion", text, "hepatitis_c")
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(reading, {"hepatitis_c": True}) == ("not_met", False)
    # an inactive hepatitis B carrier says "yes" to hepatitis B now: the study team's
    assert only_reading("exclusion", text, "hepatitis_b").decisive_when is None


# --- antibodies named by their targets, some no question asks --------------------------------


@pytest.mark.parametrize(
    ("text", "concepts"),
    [
        # NCT06941857 exc-6 (real)
        ("Has received prior therapy with an anti-PD-1, anti-PD-L1, anti-PD-L2, anti-CTLA4, or "
         "anti-Lag-3 antibodies.", ("prior_pd1_inhibitor", "prior_ctla4_inhibitor")),
        ("Prior treatment with an anti-PD-1, anti-PD-L1, or anti-TIM-3 antibody",
         ("prior_pd1_inhibitor",)),
        ("Prior anti-CTLA-4 or anti-OX40 antibody therapy", ("prior_ctla4_inhibitor",)),
    ],
)  # fmt: skip
def test_an_antibody_class_listed_beside_unasked_targets_excludes_on_a_yes(
    text: str, concepts: tuple[str]
) -> None:
    for concept in concepts:
        reading = only_reading("exclusion", text, concept)
        assert reading.confidence == "partial", readings_summary("exclusion", text)
        assert reading.decisive_when == "met", readings_summary("exclusion", text)
        assert status_of(reading, {concept: True}) == ("not_met", False)


def test_an_antibody_class_with_an_exception_settles_nothing() -> None:
    text = (
        "Prior anti-PD-1, anti-PD-L1 or anti-LAG-3 antibodies, except in the adjuvant setting "
        "more than 12 months ago"
    )
    reading = only_reading("exclusion", text, "prior_pd1_inhibitor")
    assert reading.decisive_when is None, readings_summary("exclusion", text)


# --- birth control: a barrier with spermicide, advice on breastfeeding -----------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06222593 inc-8 (real)
        "Male subjects without a previous vasectomy should agree to use an adequate method of "
        "contraception (i.e. abstinence, condom with spermicidal foam/gel/film/cream) starting "
        "with the first dose of study therapy through 120 days after the last dose of study "
        "therapy.",
        "Men must agree to use contraception (condoms with spermicide) during the study and for "
        "90 days after the last dose",
        "Women of childbearing potential must agree to use a diaphragm with spermicide or "
        "hormonal contraception during the study",
    ],
)
def test_a_barrier_with_spermicide_is_the_birth_control_question(text: str) -> None:
    reading = only_reading("inclusion", text, "agrees_to_contraception")
    assert reading.confidence == "certain", readings_summary("inclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        # NCT05950464 inc-15 (real, its last sentences)
        "Women of child-bearing potential must agree to use adequate contraception (hormonal or "
        "barrier method of birth control; abstinence) prior to study entry and for the duration "
        "of study participation. Women should be advised not to breastfeed while taking the "
        "study drugs and for 1 month after cessation of treatment.",
        "Women of childbearing potential must agree to use contraception during the study. "
        "Patients will be counselled not to breastfeed during treatment.",
    ],
)
def test_advice_not_to_breastfeed_asks_nothing(text: str) -> None:
    readings = read_one_text("inclusion", text)
    assert [c.concept for c in readings] == ["agrees_to_contraception"], readings
    assert readings[0].confidence == "certain", readings_summary("inclusion", text)


# --- classes listed with an open join: a "no" to every one fails -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05578326 inc-6 (real)
        "Previous treatment with a platinum agent, PD1 or PDL1 agent.",
        "Prior treatment with a taxane, PD-1 or PD-L1 inhibitor",
        "Previous therapy with a platinum agent, PD-1 or PD-L1 agent",
    ],
)
def test_an_open_join_of_classes_fails_on_a_no_to_every_one(text: str) -> None:
    (reading,) = [c for c in read_one_text("inclusion", text) if not c.needs_review]
    assert reading.confidence == "partial", readings_summary("inclusion", text)
    assert reading.decisive_when == "not_met", readings_summary("inclusion", text)
    none = {fact: False for fact in reading.facts}
    assert status_of(reading, none) == ("not_met", False)
    one = {**none, reading.facts[0]: True}
    assert status_of(reading, one)[0] != "not_met"  # one of them: the study team decides


def test_drugs_joined_by_or_stay_a_whole_any_of() -> None:
    (reading,) = read_one_text("inclusion", "Prior treatment with carboplatin or nivolumab")
    assert (reading.confidence, reading.decisive_when) == ("certain", None)


def test_an_open_join_with_an_exception_settles_nothing() -> None:
    text = "Previous treatment with a platinum agent, PD1 or PDL1 agent, unless intolerant."
    assert all(c.decisive_when is None for c in read_one_text("inclusion", text))

"""Kinds where the criterion and the question differ in breadth (issue 10, fifth round): the
transplant question asks about an organ or a donor stem cell transplant, so an allogeneic
criterion is read whole and a broader one excludes only on a "yes"."""

from __future__ import annotations

import pytest

from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion


def _read(kind: str, text: str) -> list[tuple[str | None, str, str | None]]:
    return [
        (c.concept, c.confidence, c.decisive_when)
        for c in read_criterion(CriterionText(id="exc-1", kind=kind, text=text))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Prior allogeneic stem cell or solid organ transplantation.",
        "Allogeneic bone marrow or solid organ transplant",
        "Known history of allogeneic organ transplantation or allogeneic hematopoietic stem cell "
        "transplantation",
        "History of allogeneic organ or stem cell transplant.",
        "Has a history of allogenic stem cell transplantation or organ transplantation",
        "Previous allogeneic bone marrow transplant or solid organ transplant",
    ],
)
def test_an_organ_or_donor_stem_cell_transplant_is_read_whole(text: str) -> None:
    assert _read("exclusion", text) == [("organ_transplant", "certain", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Has had an allogeneic tissue/solid organ transplant.",  # NCT05078931 exc-6
        "History of allogenic tissue or solid organ transplant",
        # NCT05925803 exc-7
        "Hematopoietic stem cell transplantation or solid organ/limb transplantation",
        "History of solid organ or bone marrow transplantation.",
        "Prior organ or stem cell transplant.",
        "Prior allogeneic/autologous bone marrow or solid organ transplant",
    ],
)
def test_a_broader_transplant_exclusion_is_decided_by_a_yes_only(text: str) -> None:
    """Allogeneic tissue (corneas, limbs) or any stem cell transplant takes in more people than
    the question asks about: a "yes" establishes the exclusion, a "no" settles nothing."""
    assert _read("exclusion", text) == [("organ_transplant", "partial", "met")]


@pytest.mark.parametrize(
    "text",
    [
        "Prior solid organ transplantation.",
        "Prior allogeneic stem cell transplantation",
        "Autologous stem cell transplantation (SCT) within 30 days prior to Day 1",
        "Is a solid organ transplant recipient",
    ],
)
def test_a_narrower_transplant_exclusion_is_never_decided_by_the_question(text: str) -> None:
    """An organ alone, a donor stem cell transplant alone or an autologous one: a "yes" to the
    question does not establish it (partial, not decisive)."""
    read = _read("exclusion", text)
    assert ("organ_transplant", "partial", None) in read
    assert all(c[1] != "certain" and c[2] is None for c in read)


@pytest.mark.parametrize(
    "text",
    [
        "Has an active infection requiring systemic therapy.",  # NCT05078931 exc-14
        "Active bacterial, viral or fungal infection requiring systemic treatment",
        "Active infection requiring systemic anti-infective therapy",
        "Ongoing infection that requires systemic therapy",
    ],
)
def test_an_infection_needing_systemic_medicine_is_read_whole(text: str) -> None:
    """The question asks about an infection needing antibiotics, antiviral or antifungal
    medicine by mouth, injection or drip: the criterion's own words."""
    assert _read("exclusion", text) == [("active_infection", "certain", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Active infection",
        "Active infection requiring treatment",
        "Presence of active infection",
        # NCT04774718 exc-12: the group after "including" is what the question asks
        "Infection considered by the investigator to be clinically uncontrolled or of "
        "unacceptable risk to the participant upon induction of neutropenia, including "
        "participants who are, or should be, on antimicrobial agents for the treatment as active "
        "infection",
        "Uncontrolled intercurrent illness including, but not limited to, ongoing or active "
        "infection",
        "Serious medical illness including active infection requiring systemic therapy",
    ],
)
def test_a_broader_infection_exclusion_is_decided_by_a_yes_only(text: str) -> None:
    """Any active infection (or a group that includes every infection needing such medicine)
    is broader than the question: a "yes" excludes, a "no" goes to the study team."""
    assert _read("exclusion", text) == [("active_infection", "partial", "met")]


@pytest.mark.parametrize(
    "text",
    [
        "Uncontrolled infection",
        "Serious active infections",
        "Has an uncontrolled infection requiring intravenous (IV) antibiotics, antivirals, or "
        "antifungals.",
        "Active infection requiring antibiotics within 1 day of study treatment.",
        "Active infection requiring systemic antibiotics",  # an antiviral is no antibiotic
        "Active, uncontrolled bacterial, viral, or fungal infections, requiring systemic therapy",
        "Serious infection including participants on antibiotics",
        "Active infection including participants on antimicrobial agents, unless prophylactic",
    ],
)
def test_a_narrower_infection_exclusion_is_never_decided_by_the_question(text: str) -> None:
    """Uncontrolled, serious, IV antibiotics only, a window, an exception: a "yes" to the
    question does not establish the criterion."""
    read = _read("exclusion", text)
    assert read and all(c[1] != "certain" and c[2] is None for c in read)


def test_no_active_infection_in_an_inclusion_is_partial() -> None:
    """'No active infections': an infection treated with a cream is active too, so a "no" to the
    question (no infection needing antibiotics by mouth or drip) does not establish it."""
    assert _read("inclusion", "No active infections") == [("active_infection", "partial", None)]
    assert _read("inclusion", "No active infection requiring systemic therapy") == [
        ("active_infection", "certain", None)
    ]


def _decisive(kind: str, text: str) -> dict[str, str | None]:
    return {c[0] or "": c[2] for c in _read(kind, text) if c[1] == "partial"}


@pytest.mark.parametrize(
    ("text", "met"),
    [
        (  # NCT06207123 exc-7
            "Pregnant females; breastfeeding females; males with female partners of reproductive "
            "potential and females of childbearing potential not using highly effective "
            "contraception for a minimum of 5 months after the last dose of investigational "
            "product if male and 8 months after the last dose if female.",
            # the birth-control clause is read whole too ("the last dose of investigational
            # product" ends its duration): a "no" to birth control excludes
            {"pregnant", "breastfeeding", "agrees_to_contraception"},
        ),
        (
            "Women who are currently pregnant or are breast feeding; or women of child bearing "
            "potential who are not currently taking adequate birth control.",
            {"pregnant", "breastfeeding"},
        ),
        (
            "Unstable angina; history of congestive heart failure of Class II-IV New York Heart "
            "Association (NYHA) criteria; or history of myocardial infarction within 6 months",
            {"last_heart_attack"},
        ),
    ],
)
def test_a_clause_read_whole_in_a_semicolon_list_excludes_on_yes(text: str, met: set[str]) -> None:
    """Each semicolon clause of an exclusion is one way to be excluded: a reading that accounts
    for its own clause establishes the exclusion on a "yes", whatever the other clauses say."""
    decisive = _decisive("exclusion", text)
    assert {c for c, d in decisive.items() if d == "met"} == met


@pytest.mark.parametrize(
    "text",
    [
        # a window in another clause may qualify this one
        "Myocardial infarction; unstable angina; stroke within the last 6 months",
        # a colon after a heading that narrows every item ("Any of the following: pregnancy;
        # ..." only lists them: see test_reader_anyof_kinds.py)
        "Conditions requiring hospitalization: myocardial infarction; unstable angina; stroke",
        # a permission or an exception elsewhere
        "Known HIV infection; active hepatitis B, unless on antiviral therapy",
        "Pregnant or breastfeeding women; women of childbearing potential are eligible if using "
        "contraception",
    ],
)
def test_a_clause_that_others_may_qualify_is_not_decisive(text: str) -> None:
    decisive = _decisive("exclusion", text)
    assert "met" not in {d for c, d in decisive.items() if c != "last_stroke"}


def test_an_including_clause_of_filler_words_decides_nothing() -> None:
    """'including but not limited to: 89Strontium ...' names no question's group."""
    text = (
        "Has received prior treatment with radioisotopes, including but not limited to: "
        "89Strontium, 153Samarium, or hemi-body irradiation within 6 months prior to enrolment"
    )
    assert "met" not in _decisive("exclusion", text).values()


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("inclusion", ">= 4 weeks from other investigational anticancer therapy"),  # NCT03884829
        (
            "inclusion",
            "The washout period for investigational agents without published half-lives should "
            "be 3 weeks since last therapy",
        ),
        ("exclusion", "Prior investigational anticancer therapy within 4 weeks"),
        ("exclusion", "Other concurrent investigational anticancer agents."),
        ("exclusion", "Any anti-cancer investigational product within 28 days"),
    ],
)
def test_an_investigational_medicine_is_not_any_cancer_medicine(kind: str, text: str) -> None:
    """A study medicine for cancer is asked as the last study medicine: ordinary chemotherapy
    3 weeks ago is no answer to '4 weeks from any investigational therapy'."""
    concepts = {c[0] for c in _read(kind, text)}
    assert "last_anticancer_therapy" not in concepts
    assert "current_anticancer_therapy" not in concepts
    assert concepts & {"last_investigational_drug", "in_other_trial"}


@pytest.mark.parametrize(
    "text",
    [
        "Has received prior systemic anti-cancer therapy including investigational agents within "
        "4 weeks prior to randomization.",
        "Investigational agents or anticancer therapy within 4 weeks",
        "Patients must not have had chemotherapy or investigational agents within 14 days",
    ],
)
def test_cancer_medicine_beside_a_study_medicine_is_still_read(text: str) -> None:
    kind = "inclusion" if text.startswith("Patients must not") else "exclusion"
    concepts = {c[0] for c in _read(kind, text)}
    assert {"last_anticancer_therapy", "last_investigational_drug"} <= concepts


@pytest.mark.parametrize(
    ("text", "confidence"),
    [
        ("Patient under court protection, guardianship or curatorship.", "certain"),  # NCT05793801
        ("Adults under guardianship", "certain"),
        ("Adult person subject to a legal protection measure", "certain"),
        # a deprivation of liberty is another thing: partial
        (
            "Is a person deprived of their liberty by a judicial or administrative decision, or an "
            "adult person subject to a legal protection measure.",
            "partial",
        ),
    ],
)
def test_a_court_ordered_protection_is_asked(text: str, confidence: str) -> None:
    assert _read("exclusion", text) == [("legal_protection", confidence, None)]


def test_a_parent_or_legal_guardian_signing_consent_is_no_protection() -> None:
    read = _read("inclusion", "Parent or legal guardian must sign informed consent")
    assert "legal_protection" not in {c[0] for c in read}


@pytest.mark.parametrize(
    "text", ["Adult patients with HIV", "Adults unable to consent", "Adults under guardianship"]
)
def test_adults_in_an_exclusion_is_no_age_limit(text: str) -> None:
    """'Adult patients with HIV' names who is excluded; read as 'age >= 18' it would exclude
    every adult."""
    assert "age_years" not in {c[0] for c in _read("exclusion", text)}
    assert _read("inclusion", "Adults") == [("age_years", "certain", None)]


@pytest.mark.parametrize(
    "text",
    [
        "HIV antibody positive",
        "Known HIV positivity",
        "Known HIV-positivity or AIDS-related illness",
        "Known to have tested positive for HIV",
    ],
)
def test_hiv_named_by_its_test_is_read_whole(text: str) -> None:
    """HIV is never over: an antibody test or an AIDS-related illness says the infection."""
    assert _read("exclusion", text) == [("hiv", "certain", None)]


@pytest.mark.parametrize(
    ("kind", "text", "confidence"),
    [
        ("inclusion", "No previous history of malignant tumors", "certain"),
        ("inclusion", "No prior malignancy", "certain"),
        ("exclusion", "History of another primary malignancy.", "certain"),
        ("exclusion", "Previous history of other malignancy;", "certain"),
        # may mean a cancer now: partial
        ("exclusion", "Other malignancy", "partial"),
        ("exclusion", "Patients with second primary cancer", "partial"),
        ("inclusion", "No other malignancy", "partial"),
        # a qualifier, a window or an exception
        ("exclusion", "History of another primary invasive malignancy", "partial"),
        ("exclusion", "History of other malignancy within the last 5 years", "partial"),
        ("exclusion", "History of other malignancy, except non-melanoma skin cancer", "partial"),
    ],
)
def test_another_cancer_ever_is_whole_only_when_the_text_reaches_into_the_past(
    kind: str, text: str, confidence: str
) -> None:
    read = [c for c in _read(kind, text) if c[0] == "other_cancer"]
    assert [c[1] for c in read] == [confidence]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("≥ 18 years-old. There will be no upper limit for age inclusion.", "age_years"),
        ("Patients must be 18 years-old or older", "age_years"),
        ("Adult patients from 18 to 70 years of age inclusive", "age_years"),
        ("Patients should be willing and able to swallow oral tablets", "swallow_tablets"),
        ("Histologically confirmed diagnosis of PDAC", "histology_confirmed"),
        ("Biopsy proven renal cell carcinoma", "histology_confirmed"),
    ],
)
def test_plain_inclusions_are_read_whole(text: str, concept: str) -> None:
    """'years-old' is an age, 'from 18 to 70', 'willing and able to swallow', a cancer named
    by its abbreviation (the trial's own illness): nothing left over."""
    assert _read("inclusion", text) == [(concept, "certain", None)]


@pytest.mark.parametrize(
    "text",
    [
        # NCT06207123 inc-9
        "Participants who are willing and able to comply with scheduled visits, treatment plan, "
        "laboratory tests, and other study procedures.",
        "Be willing and able to comply with scheduled visits, the treatment plan, imaging and "
        "laboratory tests.",
        "Patient is able and willing to complete the Patient Related Outcomes questionnaire",
    ],
)
def test_study_procedures_to_comply_with_are_no_lab_limit_nor_another_study(text: str) -> None:
    """Laboratory tests listed among the visits to comply with set no lab limit, and 'other
    study procedures' is no other study: one certain reading of the study plan."""
    assert _read("inclusion", text) == [("able_to_follow_visits", "certain", None)]


def test_lab_limits_and_other_studies_are_still_read() -> None:
    labs = _read("inclusion", "Adequate organ functions as confirmed by laboratory tests")
    assert [c[:2] for c in labs] == [("organ_function", "review")]
    assert ("in_other_trial", "certain", None) in _read(
        "exclusion", "Concurrent participation in any other study"
    )

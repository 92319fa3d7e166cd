"""Kinds found on held-out trials where the reader attached a wrong concept or qualifier: a
"never treated with <drug or class>" criterion read as never treated at all, pregnancy-test
wording, birth-control rules held against the sex the sentence does not name, a surgery that
must not be delayed read as a recent operation, and words out of context attaching unrelated
conditions. Each with the real criterion and a few variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

from trialbot.domain.trial import CriterionKind

# --- 1. "No previous treatment with <drug or class>" is that treatment only -------------------

NEVER_TREATED_WITH_A_CLASS = [
    # NCT06580314 inc-8 (real)
    (
        "No previous treatment with a PARP inhibitor, including olaparib, niraparib, and rucaparib",
        "prior_parp_inhibitor",
    ),
    ("No prior PARP inhibitor therapy", "prior_parp_inhibitor"),
    ("Patients must not have received a PARP inhibitor (e.g. olaparib)", "prior_parp_inhibitor"),
    (
        "Without prior treatment with checkpoint inhibitors such as pembrolizumab",
        "prior_checkpoint_inhibitor",
    ),
    ("No prior therapy with an anti-PD-1, anti-PD-L1 agent", "prior_pd1_inhibitor"),
    ("No prior anti-PD-1/PD-L1 therapy", "prior_pd1_inhibitor"),
    ("No previous treatment with CDK4/6 inhibitors (e.g., palbociclib)", "prior_cdk46_inhibitor"),
    ("Must not have received prior taxane therapy", "prior_taxane"),
    ("Must not have received prior treatment with TDxD", "prior_trastuzumab_deruxtecan"),
]


@pytest.mark.parametrize(("text", "concept"), NEVER_TREATED_WITH_A_CLASS)
def test_never_treated_with_a_known_class_is_that_class_only(text: str, concept: str) -> None:
    """One certain reading of the class; a patient treated with something else (chemo) is not
    held to "no prior cancer treatment"."""
    read = _read("inclusion", text)
    assert [c.concept for c in read] == [concept], _rules("inclusion", text)
    assert read[0].confidence == "certain"
    assert read[0].rule == f"not ({concept} == yes)"
    assert _check(read[0], {"prior_cancer_treatment": True, concept: False}) == ("met", False)
    assert _check(read[0], {concept: True}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # real, from the corpus
        "No prior treatment with EZH inhibitors.",
        "Has not received abiraterone acetate, enzalutamide, or apalutamide at the time of "
        "enrollment.",
        "Not received immunotherapy (PD-1, PD-L1, or CTLA-4 antibodies) or be intended to receive "
        "immunotherapy, apart from this study.",
        "Treatment naive to immunotherapy targeting T-cell co-stimulation",
        "No prior chemotherapy or radiotherapy",
        "Participant must have mPDAC that has not been previously treated with chemotherapy.",
        "Must not have received radiotherapy",
        "No prior treatment with tegavivint",
    ],
)
def test_never_treated_with_something_named_is_never_any_cancer_treatment(text: str) -> None:
    """An unknown class, a drug list or another treatment: never the bare "no prior cancer
    treatment" reading; what is read of it is never certain unless the class is known."""
    read = _read("inclusion", text)
    assert "prior_cancer_treatment" not in [c.concept for c in read], _rules("inclusion", text)
    assert all(c.confidence != "certain" for c in read), _rules("inclusion", text)


def test_a_drug_named_as_an_example_of_a_never_treated_class_is_never_treated() -> None:
    """ "must not have been treated with MET TKIs such as ... crizotinib": read as never treated
    with the class (MET inhibitors are a known class since audit12), never as required."""
    text = (
        "Participants must not have been previously treated with MET tyrosine kinase "
        "inhibitors (TKIs) such as tepotinib, capmatinib, and crizotinib"
    )
    met = _one("inclusion", text, "prior_met_inhibitor")
    assert met.rule == "not (prior_met_inhibitor == yes)"


@pytest.mark.parametrize(
    "text",
    [
        "No prior systemic therapy",
        "Treatment-naive",
        "No prior therapy for their lung cancer.",
        "Patients with previously untreated acute lymphoblastic leukemia",
        "No prior treatment with any anticancer agent",
    ],
)
def test_never_treated_at_all_is_still_read(text: str) -> None:
    read = _one("inclusion", text, "prior_cancer_treatment")
    assert read.rule == "not (prior_cancer_treatment == yes)"


def test_a_class_named_in_the_plural_is_read_whole() -> None:
    """ "checkpoint inhibitors" is the class's own word, so the exclusion is read whole."""
    text = "Any prior treatment with immune checkpoint inhibitors"
    read = _one("exclusion", text, "prior_checkpoint_inhibitor")
    assert read.confidence == "certain"


# --- 3. A birth-control rule is for the sex its sentence names ----------------------------------

# NCT06699602 exc-19 (real): a rule for women, whose list of methods names a male partner
WOMEN_ONLY_EXCLUSION = (
    "Women of childbearing potential (WOCBP) who are sexually active and are not willing to "
    "practice highly effective contraception prior to the first treatment, during the study, and "
    "for at least 6 months after the last dose. Highly effective contraceptive measures include:\n"
    "* intrauterine device; intrauterine hormone-releasing system;\n"
    "* bilateral tubal occlusion/ligation;\n"
    "* vasectomized partner (provided that the male vasectomized partner is the sole sexual "
    "partner of the WOCBP study participant and that the vasectomized partner has obtained "
    "medical assessment of surgical success for the procedure); and/or\n"
    "* sexual abstinence"
)
# NCT06575296 inc-14 (real): a rule for men "of childbearing potential"
MEN_ONLY_INCLUSION = (
    "PATIENTS WHO ARE SCHEDULED TO UNDERGO HCT OR THOSE WHO HAVE UNDERGONE HCT: If male of "
    "childbearing potential, must agree to use barrier contraception from the time of enrollment "
    "through 120 days following the last study drug dose\n"
    "  * Childbearing potential defined as not being surgically sterilized (men and women) or "
    "have not been free from menses for > 1 year (women only)"
)
MAN_REFUSING = {"sex": "male", "agrees_to_contraception": False}
WOMAN_REFUSING = {"sex": "female", "can_become_pregnant": True, "agrees_to_contraception": False}


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("exclusion", WOMEN_ONLY_EXCLUSION),
        (
            "exclusion",
            "Women of childbearing potential whose male partner is not vasectomized and who are "
            "not willing to use contraception",
        ),
        (
            "inclusion",
            "Females of reproductive potential must agree to use contraception; a vasectomized "
            "male partner is an acceptable method",
        ),
    ],
)
def test_a_rule_for_women_never_goes_against_a_man(kind: CriterionKind, text: str) -> None:
    rule = _one(kind, text, "agrees_to_contraception")
    assert "applies to females who can become pregnant" in str(rule.rule)
    assert _check(rule, MAN_REFUSING) == ("met", False)
    assert _check(rule, WOMAN_REFUSING)[0] != "met"


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("inclusion", MEN_ONLY_INCLUSION),
        ("inclusion", "Male participants must agree to use contraception and not donate sperm"),
        (
            "exclusion",
            "Sexually active males with female partners of childbearing potential who are not "
            "willing to use condoms",
        ),
        ("inclusion", "Men with partners of childbearing potential (WOCBP) must use condoms"),
    ],
)
def test_a_rule_for_men_never_goes_against_a_woman(kind: CriterionKind, text: str) -> None:
    rule = _one(kind, text, "agrees_to_contraception")
    assert "applies to males)" in str(rule.rule)
    assert _check(rule, WOMAN_REFUSING) == ("met", False)
    assert _check(rule, MAN_REFUSING)[0] != "met"


def test_a_rule_naming_both_sexes_is_for_both() -> None:
    text = "Women of childbearing potential and men who are not willing to use contraception"
    rule = _one("exclusion", text, "agrees_to_contraception")
    assert "applies to males and those who can become pregnant" in str(rule.rule)


def test_a_rule_for_every_patient_naming_one_sex_as_included_is_for_both() -> None:
    text = (
        "The patient must agree to use a highly effective contraception, including men with "
        "vasectomies if they are having sex with a woman of childbearing potential"
    )
    rule = _one("inclusion", text, "agrees_to_contraception")
    assert "applies to males and those who can become pregnant" in str(rule.rule)


def test_men_including_men_with_vasectomies_is_for_men() -> None:
    text = (
        "Men (including men with vasectomies) must agree to use adequate contraception (a condom "
        "and another effective method of birth control)"
    )
    rule = _one("inclusion", text, "agrees_to_contraception")
    assert "applies to males)" in str(rule.rule)


# --- 2. A positive pregnancy test in an exclusion is a pregnancy ------------------------------

PREGNANT = {"sex": "female", "pregnant": True}
NOT_PREGNANT = {"sex": "female", "pregnant": False}


@pytest.mark.parametrize(
    "text",
    [
        # real (held-out trial)
        "Women of childbearing potential with a positive urine pregnancy test, or whose test "
        "cannot be confirmed negative by serum test",
        # NCT06699602 exc-17 (real): a positive test without a pregnancy does not exclude
        "Women with a positive serum beta-hCG pregnancy test at screening/baseline visit. If "
        "positive, pregnancy must be ruled out by ultrasound for patient to be eligible.",
        # NCT05319015 exc-1 (real)
        "A WOCBP who has a positive urine pregnancy test within 72 hours prior to allocation (see "
        "Appendix 3). If the urine test is positive or cannot be confirmed as negative, a serum "
        "pregnancy test will be required.",
        "Positive pregnancy test at screening",
        "Female patients with a positive serum pregnancy test within 7 days prior to first dose",
        "Pregnancy (positive pregnancy test) or lactation",
        "Pregnancy or positive pregnancy test (urine or serum) in females of childbearing "
        "potential. Pregnancy test must be performed within 7 days prior to C1D1.",
        "Female subjects of childbearing potential with a positive pregnancy test assessed at "
        "screening and/or day 1 by a highly sensitive urine or serum pregnancy test.",
    ],
)
def test_a_positive_pregnancy_test_is_read_as_a_pregnancy(text: str) -> None:
    """The test is the study team's; the patient answers whether she is pregnant."""
    read = _one("exclusion", text, "pregnant")
    assert read.confidence == "certain", _rules("exclusion", text)
    assert _check(read, PREGNANT) == ("not_met", False)
    assert _check(read, NOT_PREGNANT) == ("met", False)


@pytest.mark.parametrize(
    "text",
    [
        "Female subjects of childbearing potential should have a negative urine or serum "
        "pregnancy within 72 hours prior to receiving the first dose of study medication; if the "
        "urine test is positive or cannot be confirmed as negative, a serum pregnancy test will "
        "be required",
        "Female participants of childbearing potential must have a negative urine or serum "
        "pregnancy test within 72 hours prior to randomization. If the urine test is positive or "
        "cannot be confirmed as negative, a serum pregnancy test will be required.",
    ],
)
def test_a_pregnancy_test_inclusion_asks_no_birth_control(text: str) -> None:
    read = _read("inclusion", text)
    assert "agrees_to_contraception" not in [c.concept for c in read], _rules("inclusion", text)
    pregnant = _one("inclusion", text, "pregnant")
    assert _check(pregnant, PREGNANT)[0] != "met"


# --- 4. A surgery or treatment that must wait is no recent one ---------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # real (held-out trial)
        ("Inability to safely delay surgery by 9 weeks as per surgeon's discretion.", None),
        ("Patients who cannot delay surgery for 6 weeks", None),
        ("Unable to postpone their planned surgery for at least 4 weeks", None),
        ("Inability to delay chemotherapy by 4 weeks", "last_anticancer_therapy"),
        ("Cannot defer radiotherapy for 8 weeks", "last_radiotherapy"),
    ],
)
def test_a_treatment_that_cannot_wait_is_no_recent_treatment(
    text: str, concept: str | None
) -> None:
    """How long an operation still to come may wait is the study team's: never "had an
    operation in the last N days"."""
    read = _read("exclusion", text)
    assert all(c.needs_review for c in read), _rules("exclusion", text)
    if concept:
        assert concept in [c.concept for c in read]


def test_delayed_wound_healing_keeps_the_surgery_window() -> None:
    read = _one(
        "exclusion", "Major surgery within 4 weeks or delayed wound healing", ("last_major_surgery")
    )
    assert read.rule == "last_major_surgery within 28 days"


# --- 5. Words out of context: a tumour's site, a diabetic complication, an age for a lab limit ---


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("exclusion", "No history of gastric cancer or gastric cancer in a family member"),
        ("exclusion", "Small cell, carcinoid, or gastrointestinal stromal (GIST) tumours"),
        (
            "exclusion",
            "Subjects with previous malignancies (except non-melanoma skin cancers, and in situ "
            "cancers, such as, bladder, gastric, colon, cervical/ dysplasia, melanoma, or breast) "
            "are excluded",
        ),
        ("exclusion", "Has cancer at screening endoscopy in gastrointestinal (GI) tract"),
        (
            "inclusion",
            "Solid tumors where topoisomerase I inhibitors have shown efficacy, including "
            "gastrointestinal tumors (e.g., colon, pancreatic, gastric cancer and "
            "cholangiocarcinoma), breast cancer",
        ),
        ("inclusion", "Advanced gastric, colorectal or pancreatic adenocarcinoma"),
    ],
)
def test_a_tumour_site_is_no_digestive_problem(kind: CriterionKind, text: str) -> None:
    read = [c for c in _read(kind, text) if c.concept == "digestive_problem"]
    assert all(c.needs_review for c in read), _rules(kind, text)


@pytest.mark.parametrize(
    "text",
    [
        "Malabsorption syndrome or inability to take oral medication",
        "Presence of significant cardiovascular, pulmonary, gastrointestinal, hepatic, renal, "
        "hematological, malignancy, endocrine, neurological or psychiatric disease",
    ],
)
def test_a_digestive_problem_is_still_read(text: str) -> None:
    read = _one("exclusion", text, "digestive_problem")
    assert read.rule == "digestive_problem == yes"


@pytest.mark.parametrize(
    "text",
    [
        "History of an ongoing eye abnormality, including retinal pathologies such as diabetic "
        "retinopathy, veno-occlusion, or macular edema",
        "Diabetic macular edema requiring treatment",
        "Active diabetic foot ulcer",
    ],
)
def test_a_diabetic_complication_is_no_diabetes_question(text: str) -> None:
    """A diabetic without retinopathy is not excluded by an eye exclusion."""
    read = [c for c in _read("exclusion", text) if c.concept == "diabetes"]
    assert all(c.needs_review for c in read), _rules("exclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        # NCT06575296 inc-26 (real)
        "CRITERIA TO PROCEED TO MAINTENANCE THERAPY WITH REVUMENIB: Total bilirubin =< 1.5 x "
        "upper limit of normal (ULN) (unless considered to be due to Gilbert's syndrome)\n"
        "- Note: Participants who are < 75 years of age may have a bilirubin of =< 3.0 x ULN.",
        "Total bilirubin <= 1.5 x ULN, or <= 3 x ULN if under 75 years",
        "Creatinine clearance >= 60 mL/min for patients aged 70 years or older",
    ],
)
def test_an_age_that_picks_a_lab_limit_is_no_age_limit(text: str) -> None:
    read = _read("inclusion", text)
    assert all(c.needs_review for c in read if c.concept == "age_years"), _rules("inclusion", text)


def test_an_age_limit_beside_a_lab_limit_in_its_own_sentence_is_read() -> None:
    read = _one("inclusion", "Age >= 18 years. Total bilirubin <= 1.5 x ULN", "age_years")
    assert read.rule == "age_years >= 18"

"""Kinds read whole in the sixth round of issue 10: the pregnancy test beside pregnancy, the ways
of saying birth control and its refusal, a study of a new medicine in the last weeks, live
vaccines with their examples, recovery from a list of earlier treatments, the trial's own cancer
named in "no prior therapy for their lung cancer", the QTc on a baseline EKG, CNS involvement.
Each with a few variants; the ones that stay partial beside them."""

from __future__ import annotations

import pytest

from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion


def _read(kind: str, text: str) -> list[tuple[str | None, str, str | None]]:
    return [
        (c.concept, c.confidence, c.rule)
        for c in read_criterion(CriterionText(id="exc-1", kind=kind, text=text))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Female patients who are pregnant are ineligible. A pregnancy test is required for female "
        "patients of childbearing potential",
        "Women who are pregnant are excluded. A serum pregnancy test will be performed for women "
        "of childbearing potential.",
        "Pregnant women are not eligible; a urine pregnancy test is required for WOCBP.",
    ],
)
def test_an_exclusion_of_pregnancy_with_its_test_is_read_whole(text: str) -> None:
    assert _read("exclusion", text) == [("pregnant", "certain", "pregnant == yes (females)")]


@pytest.mark.parametrize(
    "text",
    [
        "Women of childbearing potential must have a negative serum pregnancy test within 7 days "
        "prior to registration.",
        "If of childbearing potential, pregnancy test must be negative within 72 hours of the "
        "first dose of study drug.",
        "Negative urine or serum pregnancy test for females of child-bearing potential (FCBP)",
    ],
)
def test_a_negative_pregnancy_test_is_not_being_pregnant(text: str) -> None:
    assert _read("inclusion", text) == [("pregnant", "certain", "not (pregnant == yes (females))")]


def test_a_test_rule_for_an_unconfirmed_result_stays_with_the_study_team() -> None:
    text = (
        "Women of childbearing potential should have a negative urine pregnancy test within 72 "
        "hours of the first dose; if the urine test is positive or cannot be confirmed as "
        "negative, a serum pregnancy test will be required"
    )
    assert [c for c, conf, _ in _read("inclusion", text) if conf == "certain"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Female patients who are pregnant or breastfeeding or male or female patients of "
        "reproductive potential who are not willing to employ effective birth control from "
        "screening to 90 days after the last dose of nivolumab monotherapy.",
        "Patients who are pregnant or breastfeeding, or male or female patients of reproductive "
        "potential unwilling to employ effective contraception from screening until 6 months "
        "after the last dose of durvalumab.",
    ],
)
def test_refusing_birth_control_up_to_the_last_dose_of_a_named_drug_is_read_whole(
    text: str,
) -> None:
    read = _read("exclusion", text)
    assert [(c, conf) for c, conf, _ in read] == [
        ("pregnant", "certain"),
        ("breastfeeding", "certain"),
        ("agrees_to_contraception", "certain"),
    ]
    assert read[2][2] == (
        "agrees_to_contraception == no (applies to males and those who can become pregnant)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Male subjects should agree to abstinence or use of an adequate method of contraception "
        "from the first dose through 120 days after the last dose of study therapy",
        "Men must agree to use appropriate contraception or abstain from heterosexual activity "
        "during the study and for 3 months after the final dose of olaparib.",
    ],
)
def test_abstinence_beside_birth_control_is_read_whole(text: str) -> None:
    assert _read("inclusion", text) == [
        ("agrees_to_contraception", "certain", "agrees_to_contraception == yes (applies to males)")
    ]


def test_non_hormonal_birth_control_stays_partial() -> None:
    """A woman on the pill says yes to birth control; the trial wants another method."""
    text = "Women of childbearing potential must use non-hormonal contraception during the study."
    assert [conf for _, conf, _ in _read("inclusion", text)] == ["partial"]


@pytest.mark.parametrize(
    "text",
    [
        "Participation in another clinical study with an investigational product during the last "
        "3 weeks.",
        "Participation in a clinical trial with an investigational drug within 30 days prior to "
        "the first dose",
        "Enrolled in another study with an investigational agent during the past 4 weeks",
    ],
)
def test_a_study_of_a_new_medicine_in_the_last_weeks_is_read_whole(text: str) -> None:
    read = _read("exclusion", text)
    assert [(c, conf) for c, conf, _ in read] == [("last_investigational_drug", "certain")]


def test_any_other_study_in_the_last_weeks_stays_partial() -> None:
    """Any study (an observational one too) is broader than a study testing a new medicine."""
    text = "Participation in another clinical study within 30 days before screening."
    assert [conf for _, conf, _ in _read("exclusion", text)] == ["partial"]


@pytest.mark.parametrize(
    "text",
    [
        "Use of any live vaccines against infectious diseases (eg, influenza, varicella) within "
        "4 weeks (28 days) of C1D1.",
        "Live vaccines against infectious diseases within 30 days of cycle 1 day 1",
        "Received a live vaccine (e.g. intranasal influenza, yellow fever) within 28 days of C1D1",
    ],
)
def test_live_vaccines_with_their_examples_are_read_whole(text: str) -> None:
    assert [(c, conf) for c, conf, _ in _read("exclusion", text)] == [
        ("last_live_vaccine", "certain")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Recovery from effects of recent radiotherapy, surgery, or chemotherapy",
        "Recovered from the effects of prior chemotherapy or surgery",
        "Must have fully recovered from the acute toxic effects of prior chemotherapy, targeted "
        "therapy and radiotherapy, reduced to grade 1 or less",
    ],
)
def test_recovery_from_a_list_of_earlier_treatments_is_read_whole(text: str) -> None:
    assert _read("inclusion", text) == [
        ("recovered_from_side_effects", "certain", "recovered_from_side_effects == yes")
    ]


@pytest.mark.parametrize(
    "text", ["Recovered from any prior surgery", "Must have fully recovered from recent surgery"]
)
def test_recovery_from_an_operation_alone_goes_to_the_study_team(text: str) -> None:
    # audit12 kind 3: recovery from an operation is no side effect of cancer treatment, and the
    # side-effects question would ask the wrong thing
    assert [conf for _, conf, _ in _read("inclusion", text)] == ["review"]


@pytest.mark.parametrize(
    "text",
    [
        "No prior therapy for their lung cancer.",
        "No prior treatment for their cancer",
        "No previous therapy for the breast cancer",
    ],
)
def test_no_prior_therapy_for_the_trials_own_cancer_is_read_whole(text: str) -> None:
    assert _read("inclusion", text) == [
        ("prior_cancer_treatment", "certain", "not (prior_cancer_treatment == yes)")
    ]


def test_no_prior_therapy_for_metastatic_disease_stays_partial() -> None:
    read = _read("inclusion", "No prior therapy for metastatic disease")
    assert [conf for _, conf, _ in read] == ["partial"]


@pytest.mark.parametrize(
    "text", ["Baseline EKG with QTcF ≤ 460 ms.", "QTcF <= 470 ms on baseline 12-lead EKG"]
)
def test_the_qtc_of_a_baseline_ekg_is_asked_partial(text: str) -> None:
    # audit12 kind 1: a QTcF or screening/baseline QTc limit is never decided on a recalled value
    assert [(c, conf) for c, conf, _ in _read("inclusion", text)] == [("qtc_ms", "partial")]


@pytest.mark.parametrize(
    "text",
    [
        "Known brain metastases or CNS involvement",
        "Known CNS involvement",
        "Brain metastases or involvement of the central nervous system",
    ],
)
def test_cns_involvement_is_spread_to_the_brain(text: str) -> None:
    assert _read("exclusion", text) == [("brain_metastases", "certain", "brain_metastases == yes")]


@pytest.mark.parametrize(
    "text",
    [
        "Known brain metastases or CNS involvement, because brain metastases are often associated "
        "with poor functional status, shortened life expectancy and risk of toxicity.",
        "Known brain metastases, because the study drug does not cross the blood-brain barrier.",
    ],
)
def test_a_reason_after_a_comma_asks_nothing(text: str) -> None:
    assert _read("exclusion", text) == [("brain_metastases", "certain", "brain_metastases == yes")]


def test_a_cause_after_because_of_narrows() -> None:
    read = _read("exclusion", "Seizures, because of brain metastases")
    assert "certain" not in [conf for _, conf, _ in read]


@pytest.mark.parametrize(
    "text",
    [
        "Has a known history of human immunodeficiency virus (HIV) (HIV 1/2 antibodies)",
        "Known HIV-1 or HIV-2 infection",
        "Known history of HIV (HIV-1/2 antibodies positive)",
    ],
)
def test_the_numbers_of_a_virus_name_are_no_limits(text: str) -> None:
    assert _read("exclusion", text) == [("hiv", "certain", "hiv == yes")]


@pytest.mark.parametrize(
    "text",
    [
        "Pregnant women are not eligible; a urine pregnancy test is required for WOCBP.",
        "Breastfeeding women are not allowed.",
    ],
)
def test_not_eligible_is_no_permission(text: str) -> None:
    assert [conf for _, conf, _ in _read("exclusion", text)] == ["certain"]


def test_unless_otherwise_specified_is_no_exception() -> None:
    text = "Prior treatment with olaparib within 28 days, unless otherwise specified."
    assert _read("exclusion", text) == [
        ("prior_olaparib", "certain", "prior_olaparib == yes within 28 days")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Has received a live vaccine within 30 days of planned start of study therapy - Note: "
        "Seasonal influenza vaccines for injection are generally inactivated flu vaccines and are "
        "allowed; however intranasal influenza vaccines (e.g., Flu-Mist) are live attenuated "
        "vaccines, and are not allowed",
        "Live vaccines within 30 days. Inactivated vaccines (e.g. the flu shot) are allowed.",
        "Received a live vaccine within 4 weeks of C1D1; killed virus vaccines are permitted.",
    ],
)
def test_allowed_inactivated_vaccines_are_no_exception_to_live_ones(text: str) -> None:
    assert [(c, conf) for c, conf, _ in _read("exclusion", text)] == [
        ("last_live_vaccine", "certain")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Major surgery within 28 days prior to C1D1. Central line placement is allowed.",
        "Major surgery within 4 weeks of the first dose; port placement is permitted.",
        "Major surgery within 14 days prior to cycle 1 day 1. Minor procedures are allowed.",
    ],
)
def test_an_allowed_minor_procedure_keeps_a_major_operation_from_being_certain(text: str) -> None:
    """A port or line the patient may call an operation is allowed, and the question does not
    say so: never a certain exclusion."""
    read = [(c, conf) for c, conf, _ in _read("exclusion", text)]
    assert [c for c, _ in read] == ["last_major_surgery"]
    assert read[0][1] != "certain"


def test_an_allowed_biopsy_keeps_a_major_operation_partial() -> None:
    """An open biopsy may be what a patient calls a major operation."""
    text = "Major surgery within 28 days prior to C1D1. Surgical biopsies are allowed."
    assert "certain" not in [conf for _, conf, _ in _read("exclusion", text)]


def _decisive(text: str) -> dict[str | None, str | None]:
    read = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    return {c.concept: c.decisive_when for c in read}


@pytest.mark.parametrize(
    "text",
    [
        "Active hepatitis B or C virus (HBV, HBC), or known HIV-positivity or AIDS-related illness",
        "Chronic active hepatitis B, or known HIV infection",
        "Uncontrolled hepatitis C, or a known history of HIV",
    ],
)
def test_a_last_alternative_starting_afresh_excludes_on_a_yes(text: str) -> None:
    """The qualifier of the first alternative ("active") does not reach "known HIV ..."."""
    assert _decisive(text)["hiv"] == "met"


@pytest.mark.parametrize(
    "text",
    [
        "Active hepatitis B, or HIV",  # "active" may reach HIV
        "Active hepatitis B or C, or known HIV infection requiring treatment",
        "Hepatitis B, or known HIV, unless the viral load is undetectable",
    ],
)
def test_a_last_alternative_without_a_fresh_start_or_read_whole_is_not_decisive(
    text: str,
) -> None:
    assert _decisive(text).get("hiv") is None


@pytest.mark.parametrize(
    "text",
    [
        "Pregnant, lactating, or of child-bearing potential.",
        "Women who are pregnant or of childbearing potential",
        "Pregnant or breastfeeding women, or WOCBP",
    ],
)
def test_being_able_to_become_pregnant_as_an_exclusion_is_not_read_away(text: str) -> None:
    """Only the women a pregnancy test is for are explained by the pregnancy question."""
    assert "certain" not in [conf for _, conf, _ in _read("exclusion", text)]


def test_a_reason_ends_at_the_colon_of_its_list() -> None:
    text = (
        "Any of the following, because this study involves an agent that has known genotoxic, "
        "mutagenic and teratogenic effects: - Pregnant persons - Nursing persons - Persons of "
        "childbearing potential who are unwilling to employ adequate contraception"
    )
    assert [c for c, _, _ in _read("exclusion", text)] == [
        "pregnant",
        "breastfeeding",
        "agrees_to_contraception",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Has a QT interval corrected by Fridericia's formula (QTcF) prolongation to >470 msec "
        "(female subjects) or >450 msec (male subjects) based on average of the Screening "
        "triplicate 12-lead ECG.",
        "QTcF > 470 ms (females) or > 450 ms (males)",
        "QTcF > 480 msec (for women) or > 470 msec (for men)",
    ],
)
def test_a_qtc_limit_per_sex_in_parentheses_keeps_both_limits(text: str) -> None:
    read = _read("exclusion", text)
    # audit12 kind 1: a QTcF or screening/baseline QTc limit is never decided on a recalled value
    assert [(c, conf) for c, conf, _ in read] == [("qtc_ms", "partial")]
    assert "(females) or" in str(read[0][2])


@pytest.mark.parametrize(
    "text",
    [
        "Pregnant or breastfeeding, or intending to become pregnant during the study or within 3 "
        "months after the final dose of alectinib",
        "Currently pregnant, planning to become pregnant within 6 months, or breastfeeding",
        "Is pregnant, lactating or planning to get pregnant during the trial",
    ],
)
def test_a_plan_to_become_pregnant_is_not_read_by_the_pregnant_now_question(text: str) -> None:
    read = dict((c, conf) for c, conf, _ in _read("exclusion", text))
    assert read["pregnant"] == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "Major surgery (excluding placement of vascular access) within 4 weeks of the first dose "
        "of study treatment",
        "Has had major surgery (excluding placement of vascular access) within 4 weeks prior to "
        "the planned start of LNS8801.",
        "Major surgery (except for central line placement) within 14 days before the first dose "
        "of tucatinib",
    ],
)
def test_vascular_access_left_out_of_major_surgery_is_never_a_certain_exclusion(
    text: str,
) -> None:
    """The question does not ask about a port or central line, which a patient may count as an
    operation: the reading is never certain (it goes to the study team or stays partial)."""
    read = [(c, conf) for c, conf, _ in _read("exclusion", text)]
    assert [c for c, _ in read] == ["last_major_surgery"]
    assert read[0][1] != "certain"


@pytest.mark.parametrize(
    "text",
    [
        "Major surgery (e.g., intra-thoracic, intra-abdominal or intra-pelvic) within 4 weeks "
        "prior to starting study drug",
        "Major surgery (e.g., requiring general anesthesia) within 4 weeks prior to first dose",
        "Major surgery (such as a laparoscopic nephrectomy) within 28 days of C1D1",
    ],
)
def test_examples_of_major_surgery_make_a_yes_decisive(text: str) -> None:
    """An example may be an operation the person would not call major: a no settles nothing."""
    read = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    assert [(c.concept, c.confidence, c.decisive_when) for c in read] == [
        ("last_major_surgery", "partial", "met")
    ]


def test_a_biopsy_left_out_of_major_surgery_keeps_it_non_decisive() -> None:
    text = "Major surgery (excluding prior diagnostic biopsy) within 4 weeks"
    read = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    assert [(c.confidence, c.decisive_when) for c in read] == [("partial", None)]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("exclusion", "Age less than 18 or greater than 65."),
        ("exclusion", "Peripheral neuropathy of grade 2."),
        ("exclusion", "Major surgery within 28 days of first dose of AMG 193."),
    ],
)
def test_a_number_at_the_end_of_a_sentence_is_still_a_number_to_read(kind: str, text: str) -> None:
    """A number before the full stop escaped the check that every number is read: "greater
    than 65." was dropped and the age limit read as certain."""
    assert "certain" not in [conf for _, conf, _ in _read(kind, text)]


@pytest.mark.parametrize("text", ["3. Age: ≥ 18 years", "12) Age 18 years or older"])
def test_the_number_of_a_list_item_is_no_limit(text: str) -> None:
    assert _read("inclusion", text) == [("age_years", "certain", "age_years >= 18")]


@pytest.mark.parametrize(
    "text",
    [
        "Pregnant or lactating women. Women of childbearing potential must have a negative serum "
        "pregnancy test at screening and a negative urine dipstick test (can be done on C1-D1).",
        "Currently pregnant or breastfeeding women. Development of pregnancy during the study "
        "period will necessitate withdrawal from the study.",
    ],
)
def test_a_sentence_naming_pregnancy_excludes_on_its_own(text: str) -> None:
    assert {c: d for c, d in _decisive(text).items() if c in ("pregnant", "breastfeeding")} == {
        "pregnant": "met",
        "breastfeeding": "met",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Pregnant or breastfeeding women. Women who stop breastfeeding may be enrolled.",
        "Pregnant women. This applies only to part B.",
        "Pregnant women, except in the observational cohort. A pregnancy test is required.",
    ],
)
def test_a_pregnancy_sentence_beside_an_exception_is_not_decisive(text: str) -> None:
    assert "met" not in _decisive(text).values()


@pytest.mark.parametrize(
    "text",
    [
        "Pregnant women are excluded from this study because doxorubicin a class D agent with the "
        "potential for teratogenic or abortifacient effects.",
        "Pregnant women are excluded from this study because both compounds are potentially "
        "teratogenic.",
    ],
)
def test_a_reason_after_excluded_from_this_study_asks_nothing(text: str) -> None:
    assert _read("exclusion", text) == [("pregnant", "certain", "pregnant == yes (females)")]


@pytest.mark.parametrize(
    "text",
    [
        "Karnofsky >= 50% for patients > 16 years of age and Lansky >= 50% for patients =< 16 "
        "years of age",
        "Patients must have a performance status corresponding to ECOG scores of 0, 1 or 2. Use "
        "Karnofsky for patients > 16 years of age and Lansky for patients =< 16 years of age",
        "Lansky play score >= 60 for children under 16 years and Karnofsky >= 60 for those 16 "
        "years and older",
    ],
)
def test_the_age_each_performance_scale_is_for_changes_nothing_when_limits_agree(
    text: str,
) -> None:
    assert [(c, conf) for c, conf, _ in _read("inclusion", text)] == [("ecog_level", "certain")]


@pytest.mark.parametrize(
    "text",
    [
        "For participants < 16 years old, Lansky Performance Status >/= 50%",
        "Karnofsky >= 70% for patients > 16 years of age and Lansky >= 50% for patients =< 16 "
        "years of age",
    ],
)
def test_one_scale_for_one_age_or_different_limits_stay_partial(text: str) -> None:
    assert [(c, conf) for c, conf, _ in _read("inclusion", text)] == [("ecog_level", "partial")]


@pytest.mark.parametrize(
    "text",
    [
        "Women of child-bearing potential must agree to use highly effective methods of "
        "contraception during dosing and for 30 days after study treatment. Should a woman become "
        "pregnant or suspect she is pregnant while she or her partner is participating in this "
        "study, she should inform her treating physician immediately.",
        "The effects of XY-123 on the developing human fetus are unknown. For this reason, women "
        "of child-bearing potential must agree to use adequate contraception (hormonal or barrier "
        "method of birth control; abstinence) for the duration of study participation.",
        "Chemotherapy is harmful to the human fetus. For this reason, females of childbearing "
        "potential must be willing to use an effective method of contraception through 6 months "
        "after the last dose of study medication.",
    ],
)
def test_what_to_do_if_pregnant_and_why_birth_control_ask_nothing(text: str) -> None:
    assert _read("inclusion", text) == [
        (
            "agrees_to_contraception",
            "certain",
            "agrees_to_contraception == yes (applies to females who can become pregnant)",
        )
    ]


def test_birth_control_only_before_study_entry_stays_partial() -> None:
    """The question asks about birth control during the study and after it."""
    text = (
        "Participants of child-bearing potential must agree to use adequate contraceptive methods "
        "(e.g., hormonal or barrier method of birth control; abstinence) prior to study entry."
    )
    assert [(c, conf) for c, conf, _ in _read("inclusion", text)] == [
        ("agrees_to_contraception", "partial")
    ]


def test_a_list_after_a_teratogenic_reason_is_still_read() -> None:
    text = (
        "Any of the following because this study involves an agent that has known genotoxic, "
        "mutagenic, and teratogenic effects: - Pregnant persons - Nursing persons"
    )
    assert [c for c, _, _ in _read("exclusion", text)] == ["pregnant", "breastfeeding"]


@pytest.mark.parametrize(
    "text",
    [
        "Participant has received any investigational therapy within 14 days or 5 half-lives, "
        "whichever is longer, prior to screening.",
        "Prior anticancer therapy within 21 days or 5 half-lives (whichever is longer) before the "
        "first dose",
        "Investigational agents within 4 weeks or 5 half-lives of the drug, whichever is greater",
    ],
)
def test_the_longer_of_a_window_and_half_lives_excludes_on_a_yes(text: str) -> None:
    read = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    assert [(c.confidence, c.decisive_when) for c in read] == [("partial", "met")]


@pytest.mark.parametrize(
    "text",
    [
        "Any investigational therapy within 28 days or 5 half-lives of the drug, whichever is "
        "shorter, prior to the start of study treatment",
        "Anti-cancer therapy within 21 days (or 5 half-lives) of receiving the study drug",
    ],
)
def test_the_shorter_or_an_unsaid_one_is_not_decisive(text: str) -> None:
    read = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    assert [(c.confidence, c.decisive_when) for c in read] == [("partial", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Any unresolved toxicities from prior therapy greater than Grade 1 at the time of "
        "screening except alopecia.",
        "AEs from prior anticancer therapy that have not resolved to Grade ≤1 except for alopecia.",
        "Toxicity not yet recovered from previous anti-tumor therapies",
    ],
)
def test_unresolved_side_effects_of_earlier_treatment_are_read_whole(text: str) -> None:
    assert _read("exclusion", text) == [
        ("recovered_from_side_effects", "certain", "not (recovered_from_side_effects == yes)")
    ]


def test_unresolved_side_effects_up_to_grade_2_stay_partial() -> None:
    text = "Resolution of all prior anti-cancer therapy toxicities to Grade 2 or less"
    assert [conf for _, conf, _ in _read("inclusion", text)] == ["partial"]


@pytest.mark.parametrize(
    "text",
    [
        "Major surgery less than or equal to 3 weeks prior to initiating protocol therapy",
        "Radiotherapy within 2 weeks prior to study treatment initiation.",
        "Major surgery within 12 weeks prior to enrollment into the study;",
    ],
)
def test_a_window_starting_at_the_first_dose_in_other_words_is_read_whole(text: str) -> None:
    assert [conf for _, conf, _ in _read("exclusion", text)] == ["certain"]

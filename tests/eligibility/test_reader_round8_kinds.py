"""Kinds read in the eighth round of issue 10, from the excluding profiles the reader missed in
the labelled parts 4 and 5: each with its real criterion, a few variants, and the ones that stay
partial beside them."""

from __future__ import annotations

import pytest

from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion


def _read(kind: str, text: str) -> list[tuple[str | None, str, str | None]]:
    return [
        (c.concept, c.confidence, c.rule)
        for c in read_criterion(CriterionText(id="exc-1", kind=kind, text=text))
    ]


def _decisive(kind: str, text: str) -> list[tuple[str | None, str, str | None]]:
    return [
        (c.concept, c.confidence, c.decisive_when)
        for c in read_criterion(CriterionText(id="exc-1", kind=kind, text=text))
    ]


# --- a QTc limit per sex written "if male" / "if female" ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "QTcF > 450 msec if male and QTcF > 470 msec if female.",  # NCT06194929 exc-8
        "QTcF > 470 msec if female and QTcF > 450 msec if male",
        "QTcF > 470 ms for females, > 450 ms for males",
    ],
)
def test_a_qtc_limit_per_sex_written_with_if_keeps_both_limits(text: str) -> None:
    # audit12 kind 1: a QTcF or screening/baseline QTc limit is never decided on a recalled value
    assert _read("exclusion", text) == [
        ("qtc_ms", "partial", "qtc_ms > 470 (females) or qtc_ms > 450 (males)")
    ]


@pytest.mark.parametrize(
    "text", ["QTcF > 470 msec if female.", "QTcF > 470 msec for females", "QTc > 470 ms in women"]
)
def test_a_qtc_limit_for_one_sex_applies_to_that_sex_only(text: str) -> None:
    # it was read as a limit for everyone: a man with a QTc of 475 ms was excluded (a QTcF limit
    # is partial since audit12 kind 1; a plain QTc one is read whole)
    confidence = "partial" if "qtcf" in text.lower() else "certain"
    assert _read("exclusion", text) == [("qtc_ms", confidence, "qtc_ms > 470 (females)")]


def test_a_qtc_limit_for_everyone_beside_one_for_a_sex_stays_partial() -> None:
    assert _read("exclusion", "QTc > 470 ms (or > 480 ms for females)")[0][1] == "partial"


# --- ages: the unit written once after the second limit; the consent form ---------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Patients must be ≥ 10.0 and <26.0 years of age.", "age_years >= 10 and age_years < 26"),
        ("Patients must be >= 18 and <= 75 years old", "age_years >= 18 and age_years <= 75"),
        ("Age >= 12 and < 18 years", "age_years >= 12 and age_years < 18"),
    ],
)
def test_an_age_range_with_the_unit_written_once_keeps_both_limits(text: str, rule: str) -> None:
    assert _read("inclusion", text) == [("age_years", "certain", rule)]


@pytest.mark.parametrize(
    "text",
    [
        "Participant must be ≥18 years of age at the time of signature of the informed consent "
        "form (ICF).",  # NCT05815173 inc-2
        "Age >= 18 years at the time of signing the informed consent form",
    ],
)
def test_an_age_at_the_signature_of_the_consent_form_is_read_whole(text: str) -> None:
    assert _read("inclusion", text) == [("age_years", "certain", "age_years >= 18")]


# --- "excluded if they are ...": the "if" names who is excluded --------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Patient will be excluded if they are pregnant.", "pregnant"),  # NCT05082519 exc-6
        ("Patients are ineligible if they are breastfeeding", "breastfeeding"),
        ("Participants will be excluded if they have HIV", "hiv"),
    ],
)
def test_excluded_if_they_are_names_who_is_excluded(text: str, concept: str) -> None:
    read = _read("exclusion", text)
    assert [(c, conf) for c, conf, _ in read] == [(concept, "certain")]


def test_excluded_if_with_a_qualifier_stays_partial() -> None:
    text = "Patients with brain metastases will be excluded if they are symptomatic"
    assert _read("exclusion", text)[0][1] == "partial"


# --- the NCI sentences after a pregnancy exclusion ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04981509 exc-21
        "Pregnant women are excluded from this study because study drugs may have the potential "
        "for teratogenic or abortifacient effects. Because there is an unknown but potential risk "
        "for adverse events in nursing infants secondary to treatment of the mother with study "
        "drugs, breastfeeding should be discontinued if the mother is treated with study drugs",
        "Pregnant women are excluded from this study because of potential for teratogenic or "
        "abortifacient effects of study drugs. Because there is an unknown but potential risk for "
        "adverse events in nursing infants secondary to treatment of the mother with study drugs, "
        "breastfeeding should be discontinued prior to enrollment.",
        "Pregnant women are excluded from this study because nivolumab and ipilimumab have the "
        "potential for teratogenic or abortifacient effects. Because there is an unknown but "
        "potential risk for AEs in nursing infants secondary to treatment of the mother, "
        "breastfeeding should be discontinued if the mother is treated with nivolumab or "
        "ipilimumab. These potential risks may also apply to other agents used in this study",
    ],
)
def test_breastfeeding_to_be_stopped_is_no_breastfeeding_exclusion(text: str) -> None:
    # she may stop breastfeeding: a "yes, breastfeeding now" settles nothing, and the pregnancy
    # exclusion is read whole (it went to the study team beside a breastfeeding review)
    assert _read("exclusion", text) == [("pregnant", "certain", "pregnant == yes (females)")]


def test_lactating_women_named_as_excluded_stay_excluded_beside_the_nci_sentence() -> None:
    text = (
        "Pregnant or lactating women are excluded from this study because gemcitabine is an "
        "agent with the potential for teratogenic or abortifacient effects. Because there is an "
        "unknown but potential risk for adverse events in nursing infants secondary to treatment "
        "of the mother with gemcitabine, breastfeeding should be discontinued if the mother is "
        "treated with gemcitabine."
    )
    assert [(c, conf) for c, conf, _ in _read("exclusion", text)] == [
        ("pregnant", "certain"),
        ("breastfeeding", "certain"),
    ]


# --- a group broader than the question: a "yes" establishes the exclusion ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "History of treatment with KRAS inhibitors.",  # NCT05815173 exc-24
        "Prior KRAS inhibitor",
        "Prior treatment with a pan-KRAS inhibitor",
    ],
)
def test_kras_inhibitors_are_broader_than_the_kras_g12c_question(text: str) -> None:
    # the question names KRAS G12C inhibitors (sotorasib, adagrasib): a pan-KRAS or G12D
    # inhibitor is a KRAS inhibitor too, so a "no" settles nothing
    assert _decisive("exclusion", text) == [("prior_kras_inhibitor", "partial", "met")]


def test_a_kras_g12c_inhibitor_is_the_question_itself() -> None:
    text = "Prior treatment with a KRAS G12C inhibitor"
    assert _read("exclusion", text) == [
        ("prior_kras_inhibitor", "certain", "prior_kras_inhibitor == yes")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Patients with active infectious diseases",  # NCT05887817 exc-14
        "Active infectious disease",
        "Current infectious illness",
    ],
)
def test_an_active_infectious_disease_is_any_infection_now(text: str) -> None:
    assert _decisive("exclusion", text) == [("active_infection", "partial", "met")]


@pytest.mark.parametrize(
    "text", ["Serious infectious disease", "Active infectious disease requiring IV antibiotics"]
)
def test_a_serious_or_iv_treated_infectious_disease_decides_nothing(text: str) -> None:
    assert all(decisive is None for _, _, decisive in _decisive("exclusion", text))


# --- every reading decisive when broader phrases are its only words left ---------------------


@pytest.mark.parametrize(
    ("text", "concepts"),
    [
        ("Pregnant, possibly pregnant, or lactating patients", ["pregnant", "breastfeeding"]),
        ("Pregnant or planning to become pregnant", ["pregnant"]),
        (
            "Pregnant or breastfeeding, or intending to become pregnant during the study or within "
            "3 months after the final dose of alectinib",
            ["pregnant", "breastfeeding"],
        ),
        (
            "Currently pregnant, planning to become pregnant within 6 months, or breastfeeding",
            ["pregnant", "breastfeeding"],
        ),
        (
            # NCT01640457 exc-7: the first sentence says who is excluded
            "The patient is pregnant, breastfeeding or actual planning to become pregnant. Female "
            "patients must be either at least two years postmenopausal or using one of the "
            "following means of birth control during the treatment phase, i.e. to "
            "transplantation\n- surgical sterility\n- intrauterine contraceptive device",
            ["pregnant", "breastfeeding"],
        ),
    ],
)
def test_a_possible_or_planned_pregnancy_beside_pregnancy_excludes_on_a_yes(
    text: str, concepts: list[str]
) -> None:
    # "pregnant now?" is narrower than "pregnant or planning to be": a yes excludes, a no
    # (she may plan one) goes to the study team
    read = [r for r in _decisive("exclusion", text) if r[0] in concepts]
    assert read == [(c, "partial", "met") for c in concepts]


def test_a_planned_pregnancy_beside_an_unread_condition_decides_only_on_pregnancy() -> None:
    # each item of the any-of list is one way to be excluded: a pregnancy now (read whole as its
    # own item) excludes on a yes; the hypertension ("uncontrolled" is not asked) decides nothing
    text = (
        "Women who are pregnant or plan to become pregnant within 6 months, or with uncontrolled "
        "hypertension"
    )
    decisive = {concept: d for concept, _, d in _decisive("exclusion", text)}
    assert decisive == {"pregnant": "met", "high_blood_pressure": None}


@pytest.mark.parametrize(
    "text",
    [
        "Inability to swallow and retain study treatment.",  # NCT06194929 exc-5
        "Inability to swallow and retain oral medication",
        "Unable to swallow or keep down oral medication",
    ],
)
def test_unable_to_swallow_and_retain_excludes_on_a_no_to_swallowing(text: str) -> None:
    assert _read("exclusion", text) == [
        ("swallow_tablets", "partial", "not (swallow_tablets == yes)")
    ]
    assert _decisive("exclusion", text)[0][2] == "met"


def test_being_able_to_swallow_the_study_treatment_is_the_question() -> None:
    assert _read("inclusion", "Able to swallow study treatment.") == [
        ("swallow_tablets", "certain", "swallow_tablets == yes")
    ]


# --- a definition of major surgery that takes in every operation under anaesthesia -----------


def test_major_surgery_defined_as_any_procedure_under_anaesthesia_excludes_on_a_yes() -> None:
    # NCT06648434 exc-14; "requires long recovery times" was also read as not recovered from
    # earlier treatment, a second reading that kept the operation from excluding
    text = (
        "Major surgery within 28 days prior to C1D1. Major surgery refers to any surgical "
        "procedure that involves general or regional anesthesia, involves extensive resecting or "
        "altering of body parts, carries a higher risk of complications, or requires long "
        "recovery times. Central line placement is allowed."
    )
    assert _decisive("exclusion", text) == [("last_major_surgery", "partial", "met")]


def test_major_surgery_defined_more_narrowly_decides_nothing() -> None:
    text = (
        "Major surgery within 28 days prior to C1D1. Major surgery is defined as surgery "
        "requiring hospitalization for more than 3 days."
    )
    assert _decisive("exclusion", text) == [("last_major_surgery", "partial", None)]


# --- HIV named by its antibody test, with a note on who is tested ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05815173 exc-9
        "History of seropositive status for human immunodeficiency virus (HIV) at any time before "
        "the start of treatment as determined by presence of anti-HIV-1 or anti-HIV-2 "
        "antibodies.\n-- Note: Testing for seropositive status during Screening will be at the "
        "discretion of the investigator in participants without previously reported results.",
        "Known HIV infection. Testing for HIV is at the discretion of the investigator.",
    ],
)
def test_hiv_seropositive_status_with_a_testing_note_is_read_whole(text: str) -> None:
    assert _read("exclusion", text) == [("hiv", "certain", "hiv == yes")]


# --- words that only say when or how a read fact is checked, or name the trial's own cancer ---


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (
            "inclusion",
            "Histologically or cytologically confirmed adenocarcinoma of the prostate",
            [("histology_confirmed", "certain", "histology_confirmed == yes")],
        ),
        (
            "inclusion",
            "Participant must have histologic diagnosis of prostate adenocarcinoma",
            [("histology_confirmed", "certain", "histology_confirmed == yes")],
        ),
        (
            "inclusion",
            "Women of childbearing potential must have negative pregnancy test at start of therapy",
            [("pregnant", "certain", "not (pregnant == yes (females))")],
        ),
        (
            "exclusion",
            "Positive HIV test at screening or at any time prior to screening",
            [("hiv", "certain", "hiv == yes")],
        ),
        (
            "inclusion",
            "PRE-REGISTRATION: Age >= 18 years",
            [("age_years", "certain", "age_years >= 18")],
        ),
        (
            "inclusion",
            "Subject must be 18 years of age or older at the time the Informed Consent is signed.",
            [("age_years", "certain", "age_years >= 18")],
        ),
        (
            "inclusion",
            "Have an Eastern Cooperative Oncology Group (ECOG) performance status of 0 to 1. "
            "Evaluation of ECOG is to be performed within 14 days prior to the first dose of study "
            "intervention.",
            [("ecog_level", "certain", "ecog_level <= 1")],
        ),
    ],
)
def test_words_of_when_or_how_a_fact_is_checked_are_read(
    kind: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _read(kind, text) == expected


def test_a_qualifier_beside_the_cancer_named_stays_partial() -> None:
    text = "Histologically or cytologically confirmed metastatic adenocarcinoma of the prostate"
    assert _read("inclusion", text)[0][1] == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "Female patients may not be pregnant or breastfeeding.",
        "Participants may not be pregnant or lactating.",
        "Subjects must not be pregnant or breast-feeding.",
    ],
)
def test_an_exclusion_restating_that_patients_may_not_be_pregnant_is_read_whole(
    text: str,
) -> None:
    assert [(c, conf) for c, conf, _ in _read("exclusion", text)] == [
        ("pregnant", "certain"),
        ("breastfeeding", "certain"),
    ]


# --- a sex limit written in the plural ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        (
            "Females with pathologically confirmed adenocarcinoma of the breast.",  # NCT00456846
            ["sex == female", "histology_confirmed == yes"],
        ),
        ("Males 18 years of age and above", ["sex == male", "age_years >= 18"]),
        ("Adult males ≥18 years of age", ["age_years >= 18", "sex == male"]),
    ],
)
def test_a_sex_limit_in_the_plural_is_read(text: str, rules: list[str]) -> None:
    # "Females"/"Males" were taken for filler words: the sex limit was dropped, yet certain
    read = _read("inclusion", text)
    assert [rule for _, _, rule in read] == rules
    assert {conf for _, conf, _ in read} == {"certain"}


def test_both_sexes_in_the_plural_are_no_sex_limit() -> None:
    read = _read("inclusion", "Males and females aged 18 years or older")
    assert "sex" not in [c for c, _, _ in read]


# --- venous clots alone are narrower than the blood-clot question -----------------------------


def test_venous_thromboembolism_alone_is_narrower_than_the_blood_clot_question() -> None:
    # the question takes in strokes and mini-strokes: a stroke patient's date would exclude
    text = "Venous thromboembolism within 12 months of starting treatment on study."
    assert _read("exclusion", text) == [
        ("last_blood_clot", "partial", "last_blood_clot within 365 days")
    ]


# --- birth control: the methods named as examples, its time in other words -------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04981509 inc-18
        "The effects of study drugs on the developing human fetus are unknown. For this reason, "
        "all women and men of childbearing potential must agree to use adequate contraception "
        "(including but not limited to abstinence, barrier methods, hormonal contraceptives "
        "[birth control pills, injections, or implants], intrauterine device [IUD], tubal "
        "ligation, vasectomy) prior to study entry and for 6 months after completion of study "
        "therapy. Should a woman become pregnant or suspect she is pregnant while she or her "
        "partner is participating in this study, she should inform her treating physician "
        "immediately. Men treated or enrolled on this protocol must also agree to use adequate "
        "contraception prior to the study, and 6 months after completion of study drugs "
        "administration",
        "Both female and male participants of childbearing potential must agree to use highly "
        "effective contraceptive precautions during the trial and for at least 3 months "
        "following the last dose of study drug.",
        "Women of childbearing potential and sexually active males must use an effective "
        "contraception method during treatment and for three months after completing treatment.",
        "For both Women and Men, must use acceptable form of birth control while on study.",
    ],
)
def test_birth_control_with_its_methods_and_time_in_other_words_is_read_whole(text: str) -> None:
    assert _read("inclusion", text) == [
        (
            "agrees_to_contraception",
            "certain",
            "agrees_to_contraception == yes (applies to males and those who can become pregnant)",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Intrauterine hormone-releasing system (IUS)",  # a method of a list, split off
        "Women of childbearing potential must use non-hormonal contraception during the study",
    ],
)
def test_a_method_alone_or_a_narrower_method_stays_partial(text: str) -> None:
    assert {conf for _, conf, _ in _read("inclusion", text)} == {"partial"}


def test_an_inclusion_ending_in_or_is_one_alternative_and_stays_partial() -> None:
    # NCT04318938 inc-13: the next criterion is the other way to meet it (abstinence)
    text = (
        "agree to practice effective barrier contraception during the entire study treatment "
        "period and through at least 3 months after the last dose of study drug, OR"
    )
    assert {conf for _, conf, _ in _read("inclusion", text)} == {"partial"}


# --- more words a question already says -----------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "text", "concept"),
    [
        ("exclusion", "Positive HIV serology", "hiv"),
        (
            "exclusion",
            "Participants infected with human immunodeficiency virus (HIV) (HIV 1/2 antibody "
            "positive).",
            "hiv",
        ),
        (
            "exclusion",
            "Known human immunodeficiency virus (HIV). Screening is not required.",
            "hiv",
        ),
        ("exclusion", "Minors less than 18 years old.", "age_years"),
        ("inclusion", "Individuals 18 years of age and older are eligible.", "age_years"),
        ("inclusion", "ECOG PS grade of 0-1.", "ecog_level"),
        (
            "inclusion",
            "Have at least one measurable area of disease (Target Lesion) based on RECIST 1.1.",
            "measurable_disease",
        ),
        (
            "inclusion",
            "Measurable disease by computed tomography or magnetic resonance imaging",
            "measurable_disease",
        ),
        ("exclusion", "Brain or leptomeningeal metastases", "brain_metastases"),
        ("exclusion", "Known central nervous system involvement by leukemia.", "brain_metastases"),
        (
            "inclusion",
            "Participants who have AEs due to previous anticancer therapies must have recovered "
            "to Grade ≤1 or baseline.",
            "recovered_from_side_effects",
        ),
        (
            "exclusion",
            "Vaccinated with a live vaccine within 30 days of enrollment.",
            "last_live_vaccine",
        ),
        ("exclusion", "Currently receiving any treatment for cancer", "current_anticancer_therapy"),
    ],
)
def test_words_the_question_already_says_are_read(kind: str, text: str, concept: str) -> None:
    assert [(c, conf) for c, conf, _ in _read(kind, text)] == [(concept, "certain")]


def test_active_metastases_stay_partial() -> None:
    assert _read("exclusion", "Active central nervous system metastases")[0][1] == "partial"


def test_the_lining_alone_is_its_own_question() -> None:
    """Not the brain question: the lining's own, asked after a yes to brain metastases, read
    whole (test_reader_part7_kinds.py)."""
    assert _read("exclusion", "Leptomeningeal disease") == [
        (
            "leptomeningeal_disease",
            "certain",
            "brain_metastases == yes and leptomeningeal_disease == yes",
        )
    ]


@pytest.mark.parametrize(
    "text", ["(Possible) pregnancy", "Women who are pregnant, may become pregnant, or nursing"]
)
def test_a_possible_pregnancy_excludes_on_a_yes_only(text: str) -> None:
    read = _decisive("exclusion", text)
    assert read[0] == ("pregnant", "partial", "met")


@pytest.mark.parametrize(
    "text",
    [
        "Stated willingness to comply with all study procedures and availability for the "
        "duration of the study",
        "Willing and available to comply with all study procedures for the duration of the study",
    ],
)
def test_stated_willingness_and_availability_for_the_study_is_the_visits_question(
    text: str,
) -> None:
    assert _read("inclusion", text) == [
        ("able_to_follow_visits", "certain", "able_to_follow_visits == yes")
    ]


@pytest.mark.parametrize(
    ("text", "confidence"),
    [
        ("Histologically confirmed diagnosis of NSCLC (squamous or nonsquamous).", "certain"),
        ("Histologically confirmed non-squamous or squamous NSCLC", "certain"),
        ("Histologically confirmed squamous NSCLC", "partial"),
    ],
)
def test_both_halves_of_a_split_named_are_every_kind(text: str, confidence: str) -> None:
    assert _read("inclusion", text) == [
        ("histology_confirmed", confidence, "histology_confirmed == yes")
    ]

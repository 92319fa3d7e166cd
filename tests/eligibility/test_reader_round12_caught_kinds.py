"""Kinds behind the excluding profiles missed in parts 7-11 of the labelled set and the criteria
labelled certain but read partly: birth-control and pregnancy phrasings (a reason "due to ..."
after pregnant or nursing, a test "done" in a window, "breastfeeding a child", "avoid pregnancy or
fathering children", the sterile ways named as examples, a partner breastfeeding, a definition of
postmenopausal), which lesions count as measurable, returning to the institution for follow-up,
illicit drugs, "CDK4/6 inhibition", a cancer's abbreviation (PDA) and "Patient's age". Each with
the real criterion and a few variants, and the near ones that must stay partial."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

WOMAN = {"sex": "female", "can_become_pregnant": True}

# --- 1. A reason after pregnant or nursing ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04989959 exc-2 (real)
        "Subjects must not be pregnant or nursing due to the potential for congenital "
        "abnormalities and the potential of this regimen to harm nursing infants.",
        "Pregnant or nursing women, due to the potential harm to the unborn child.",
        "Patients must not be pregnant or breastfeeding because of the risk to the fetus.",
    ],
)
def test_a_reason_after_pregnant_or_nursing_leaves_the_reading_whole(text: str) -> None:
    readings = _read("exclusion", text)
    assert {r.concept for r in readings} == {"pregnant", "breastfeeding"}, _rules("exclusion", text)
    assert all(r.confidence == "certain" for r in readings), _rules("exclusion", text)
    pregnant = _one("exclusion", text, "pregnant")
    assert _check(pregnant, {"sex": "female", "pregnant": True})[0] == "not_met"


def test_a_cause_after_an_illness_still_narrows_it() -> None:
    text = "History of seizures due to brain metastases"
    assert not any(r.confidence == "certain" for r in _read("exclusion", text))


@pytest.mark.parametrize(
    "text",
    [
        # NCT06710756 exc-3 (real)
        "Pregnancy or breastfeeding a child",
        "Pregnant or nursing an infant",
    ],
)
def test_breastfeeding_a_child_is_breastfeeding(text: str) -> None:
    readings = _read("exclusion", text)
    assert {r.concept for r in readings} == {"pregnant", "breastfeeding"}, _rules("exclusion", text)
    assert all(r.confidence == "certain" for r in readings), _rules("exclusion", text)


# --- 2. A pregnancy test "done" in a window, "child bearing potential" --------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT07043270 inc-6 (real)
        "Females of childbearing potential must have a negative pregnancy test done ≤ 14 days "
        "prior to study enrollment, and must agree to use a highly effective method of "
        "contraception throughout the course of protocol therapy.",
        "Females of childbearing potential must have a negative pregnancy test performed within "
        "7 days prior to study enrollment, and must agree to use a highly effective method of "
        "contraception throughout the course of protocol therapy.",
    ],
)
def test_a_pregnancy_test_done_in_a_window_is_read_whole(text: str) -> None:
    readings = _read("inclusion", text)
    assert {r.concept for r in readings} == {"pregnant", "agrees_to_contraception"}
    assert all(r.confidence == "certain" for r in readings), _rules("inclusion", text)
    birth_control = _one("inclusion", text, "agrees_to_contraception")
    assert _check(birth_control, {**WOMAN, "agrees_to_contraception": False})[0] == "not_met"


def test_a_test_required_of_women_of_child_bearing_potential_in_brackets() -> None:
    # NCT06447103 inc-6 (real)
    text = (
        "Negative serum pregnancy tests in female patients of childbearing potential. (Women of "
        "child bearing potential [WOCBP] require a negative pregnancy test within 24 hours (urine) "
        "prior to receiving investigational product)"
    )
    pregnant = _one("inclusion", text, "pregnant")
    assert pregnant.confidence == "certain", _rules("inclusion", text)


# --- 3. Birth control written other ways --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06797336 inc-5 (real)
        "Willingness to avoid pregnancy or fathering children from screening through 90 days after "
        "the last dose of study treatment.",
        "Willing to avoid pregnancy or fathering a child during the study and for 6 months after "
        "the last dose of study treatment.",
    ],
)
def test_avoiding_pregnancy_or_fathering_children_is_birth_control_for_both(text: str) -> None:
    birth_control = _one("inclusion", text, "agrees_to_contraception")
    assert birth_control.confidence == "certain", _rules("inclusion", text)
    assert "males" in (birth_control.rule or "")
    man = {"sex": "male", "agrees_to_contraception": False}
    assert _check(birth_control, man)[0] == "not_met"
    assert _check(birth_control, {**WOMAN, "agrees_to_contraception": True})[0] == "met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT05382559 inc-14 (real)
        "Male participant with female partner(s) of childbearing potential (including "
        "breastfeeding partner) must agree to use contraception throughout the treatment period "
        "and for 3 months after study intervention administration.",
        # NCT06548672 inc-8 (real)
        "Men or women of childbearing potential must use a highly effective method of "
        "contraception during the study and continue to take contraception measures for 6 months "
        "after the last dose of the study drug.",
        "Women of childbearing potential must utilize a highly effective contraceptive method "
        "during the study and for 6 months after the last dose.",
    ],
)
def test_birth_control_in_other_words_is_read_whole(text: str) -> None:
    birth_control = _one("inclusion", text, "agrees_to_contraception")
    assert birth_control.confidence == "certain", _rules("inclusion", text)


def test_a_definition_of_postmenopausal_beside_birth_control_asks_nothing_more() -> None:
    # NCT06984562 inc-6 (real)
    text = (
        "Women of childbearing potential must not be pregnant (negative pregnancy test within 72 "
        "hours prior to registration). Postmenopausal woman must have been amenorrheal and "
        "non-lactating for at least 12 months to be considered of non-childbearing potential. Men "
        "and women of childbearing potential must be willing to exercise an effective form of "
        "birth control (abstinence/contraception) while on study and for at least 6 months after "
        "therapy is completed."
    )
    readings = _read("inclusion", text)
    assert {"pregnant", "agrees_to_contraception"} <= {r.concept for r in readings}
    assert all(r.confidence == "certain" for r in readings), _rules("inclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        # a plan to breastfeed is more than breastfeeding now (NCT06797336 exc-17)
        "Female participants who are pregnant or lactating/breast feeding or who plan to "
        "breastfeed while on study through 28 days after receiving the last dose of study drug.",
        # a product nobody named
        "Individuals of child-bearing potential must agree to use birth control for 3 months "
        "after the last dose of tart cherry juice supplement.",
    ],
)
def test_near_birth_control_and_pregnancy_texts_stay_partial(text: str) -> None:
    kind = "exclusion" if text.startswith("Female participants") else "inclusion"
    assert not all(r.confidence == "certain" for r in _read(kind, text)), _rules(kind, text)


# --- 4. Which lesions count as measurable --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05382559 inc-5 (real)
        "Participant has at least 1 measurable lesion per Response Evaluation Criteria in Solid "
        "Tumors (RECIST) v1.1. Lesions situated in a previously irradiated area are considered "
        "measurable if progression has been demonstrated in such lesions.",
        # NCT06548672 inc-5 (real)
        "Subjects with at least one measurable lesion according to RECIST 1.1. Lesions situated "
        "in a previously irradiated area are considered measurable if progression has been "
        "demonstrated in such lesions",
        "At least one measurable lesion per RECIST 1.1. Lesions located in a previously "
        "irradiated field are considered measurable if progression has been documented in those "
        "lesions.",
    ],
)
def test_irradiated_lesions_counted_measurable_ask_no_radiotherapy(text: str) -> None:
    readings = _read("inclusion", text)
    assert [r.concept for r in readings] == ["measurable_disease"], _rules("inclusion", text)
    assert readings[0].confidence == "certain"
    assert _check(readings[0], {"measurable_disease": False})[0] == "not_met"


def test_a_lesion_never_irradiated_still_narrows() -> None:
    # NCT07227025 inc-2 (real)
    text = (
        "Participant must have at least 1 measurable lesion, according to RECIST version.1.1, "
        "that has not been previously irradiated"
    )
    assert not all(r.confidence == "certain" for r in _read("inclusion", text))


# --- 5. Small words of other questions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "concept", "kind"),
    [
        # NCT06378866 inc-13 (real)
        (
            "Willing to return to enrolling institution for follow-up (during the active "
            "monitoring phase of the study)",
            "able_to_follow_visits",
            "inclusion",
        ),
        # NCT06710756 exc-11 (real)
        ("Current abuse of alcohol or illicit drugs", "substance_use", "exclusion"),
        ("Active abuse of alcohol or recreational drugs", "substance_use", "exclusion"),
        # NCT06126276 inc-12 (real)
        ("No prior therapy with CDK4/6 inhibition", "prior_cdk46_inhibitor", "inclusion"),
        # NCT06984562 inc-1 (real)
        (
            "Patients must have histologically or cytologically-confirmed PDA.",
            "histology_confirmed",
            "inclusion",
        ),
        # NCT05961124 exc-1 (real)
        ("Patient's age is <18 years.", "age_years", "exclusion"),
        # NCT06403436 exc-5 (real)
        (
            "Subject received a live vaccine within 30 days prior to the first dose of the study "
            "treatment administration.",
            "last_live_vaccine",
            "exclusion",
        ),
    ],
)
def test_small_words_of_a_question_leave_it_whole(text: str, concept: str, kind: str) -> None:
    reading = _one(kind, text, concept)  # type: ignore[arg-type]
    assert reading.confidence == "certain", _rules(kind, text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Willing to return to the enrolling institution for a biopsy at progression", "inclusion"),
        ("Current abuse of prescription drugs", "exclusion"),
        ("Patients must have histologically confirmed PDA with liver metastases.", "inclusion"),
    ],
)
def test_near_texts_of_those_questions_stay_partial(text: str, kind: str) -> None:
    readings = _read(kind, text)  # type: ignore[arg-type]
    assert not all(r.confidence == "certain" for r in readings), _rules(kind, text)  # type: ignore[arg-type]


# --- 6. Vinca alkaloids and ixabepilone named among drugs given before ---------------------------


def test_vinca_alkaloids_and_ixabepilone_are_drugs_a_patient_is_asked_about() -> None:
    # NCT06268665 exc-1 without its doxorubicin permission
    text = (
        "Have received any prior therapy with taxanes, vinca alkaloids, eribulin, ixabepilone, or "
        "platinum."
    )
    readings = _read("exclusion", text)
    assert {r.concept for r in readings} == {
        "prior_taxane", "prior_vinca_alkaloid", "prior_eribulin", "prior_ixabepilone",
        "prior_platinum",
    }  # fmt: skip
    assert all(r.confidence == "certain" for r in readings), _rules("exclusion", text)
    vinca = _one("exclusion", text, "prior_vinca_alkaloid")
    assert _check(vinca, {"prior_vinorelbine": True})[0] == "not_met"


def test_a_permission_beside_the_list_still_sends_it_to_the_study_team() -> None:
    # NCT06268665 exc-1 (real): "Doxorubicin is allowed" keeps the list for the study team
    text = (
        "Have received any prior therapy with taxanes, vinca alkaloids, eribulin, ixabepilone, or "
        "platinum. Doxorubicin is allowed (≥ 2 week washout period required)."
    )
    assert not any(r.confidence == "certain" for r in _read("exclusion", text))

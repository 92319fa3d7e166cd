"""Kinds of singly-excluded patients missed, and of criteria labelled certain read in part, by
the twentieth held-out part (labelled/held_out_20.yaml): each kind pinned by a real text and
written variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading, read_one_text, readings_summary, status_of

# --- words that only restate a limit: "good" performance, ages "restricted to" -------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04473781 inc-18 (real)
        "Good performance status (Eastern Cooperative Oncology Group [ECOG]) < 2",
        "Good performance status (ECOG 0-1)",
        "Good ECOG performance status of 0 or 1",
    ],
)
def test_good_performance_status_is_the_limit_read(text: str) -> None:
    reading = only_reading("inclusion", text, "ecog_level")
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(reading, {"ecog_level": "2"}) == ("not_met", False)


def test_good_performance_status_without_a_limit_is_not_read() -> None:
    text = "Good performance status"
    readings = read_one_text("inclusion", text)
    assert all(c.confidence != "certain" for c in readings), readings_summary("inclusion", text)


@pytest.mark.parametrize(
    ("text", "upper"),
    [
        # NCT05753306 inc-1 (real)
        ("Restricted to 18 to 80 years of age", 80),
        ("Enrollment limited to patients 18 to 75 years old", 75),
        ("Restricted to adults aged 18 to 70 years", 70),
    ],
)
def test_ages_restricted_to_a_range_are_the_range(text: str, upper: int) -> None:
    reading = only_reading("inclusion", text, "age_years")
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(reading, {"age_years": upper + 2}) == ("not_met", False)
    assert status_of(reading, {"age_years": 60})[0] == "met"


# --- unwillingness to undergo the study's monitoring: the study-plan question ---------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04473781 exc-6 (real)
        "Unwillingness to undergo clinical and laboratory monitoring and/or imaging studies",
        "Unwilling to undergo study monitoring",
        "Unwillingness or inability to comply with study procedures",
    ],
)
def test_unwillingness_to_undergo_monitoring_is_the_study_plan_question(text: str) -> None:
    reading = only_reading("exclusion", text, "able_to_follow_visits")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"able_to_follow_visits": False}) == ("not_met", False)
    assert status_of(reading, {"able_to_follow_visits": True})[0] == "met"


def test_clinical_and_laboratory_monitoring_sets_no_lab_limit() -> None:
    text = "Unwillingness to undergo clinical and laboratory monitoring and/or imaging studies"
    concepts = {c.concept for c in read_one_text("exclusion", text)}
    assert "organ_function" not in concepts, readings_summary("exclusion", text)


def test_a_lab_limit_beside_monitoring_is_still_read() -> None:
    text = "Inadequate laboratory values: creatinine > 1.5 x ULN"
    concepts = {c.concept for c in read_one_text("exclusion", text)}
    assert "organ_function" in concepts, readings_summary("exclusion", text)


# --- "ongoing or uncontrolled" infection: an alternative to any active infection -------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05204147 exc-1 (real)
        "Patients should not have any uncontrolled illness including ongoing or uncontrolled "
        "active infection",
        "Ongoing or uncontrolled active infection",
        "Serious illness including uncontrolled or active infections",
        "Active or serious infection",
    ],
)
def test_an_alternative_to_an_active_infection_excludes_on_a_yes(text: str) -> None:
    reading = only_reading("exclusion", text, "active_infection")
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(reading, {"active_infection": True}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        "Active and uncontrolled infection",
        "Uncontrolled active infection",
        "Ongoing and serious infection",
        # "acute" leaves out a chronic infection treated now
        "Patients with acute infections (viral, bacterial, or fungal infections requiring therapy)",
    ],
)
def test_a_qualifier_that_must_hold_too_still_narrows(text: str) -> None:
    reading = only_reading("exclusion", text, "active_infection")
    assert reading.confidence != "certain", readings_summary("exclusion", text)
    assert reading.decisive_when is None, readings_summary("exclusion", text)


# --- any steroid offered beside immunosuppressive drugs: broader than the question ----------


@pytest.mark.parametrize(
    "text",
    [
        # NCT01913106 exc-3 (real)
        "Patients on corticosteroids or any immunosuppressive drugs.",
        "Patients on steroids or other immunosuppressive medications",
        "Receiving immunosuppressive drugs or systemic corticosteroids",
    ],
)
def test_steroids_or_immunosuppressive_drugs_exclude_on_a_yes(text: str) -> None:
    reading = only_reading("exclusion", text, "immunosuppressive_medicine")
    assert reading.confidence == "partial", readings_summary("exclusion", text)
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(reading, {"immunosuppressive_medicine": True}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # steroids alone: a "yes" may be tacrolimus
        "Use of systemic corticosteroids",
        # both at once, and a window the question does not ask
        "Systemic corticosteroids and immunosuppressive drugs within 14 days",
        "Patients on corticosteroids or any immunosuppressive drugs, except inhaled steroids",
    ],
)
def test_steroids_not_offered_as_an_alternative_settle_nothing(text: str) -> None:
    reading = only_reading("exclusion", text, "immunosuppressive_medicine")
    assert reading.confidence != "certain", readings_summary("exclusion", text)
    assert reading.decisive_when is None, readings_summary("exclusion", text)


# --- "cannot take oral pills": the swallowing question, said with "cannot" ------------------


@pytest.mark.parametrize(
    "text",
    [
        "Patients who cannot take oral pills",
        "Patients who cannot take oral medications",
        "Patient can not take medications by mouth",
    ],
)
def test_cannot_take_oral_pills_is_the_swallowing_question(text: str) -> None:
    reading = only_reading("exclusion", text, "swallow_tablets")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"swallow_tablets": False}) == ("not_met", False)


def test_cannot_take_oral_pills_beside_an_allergy_is_read_in_part() -> None:
    # NCT01913106 exc-11 (real): the allergy is the study team's
    text = (
        "Patients with history of allergies to valacyclovir, acyclovier or who cannot take oral "
        "pills"
    )
    reading = only_reading("exclusion", text, "swallow_tablets")
    assert reading.confidence == "partial", readings_summary("exclusion", text)


# --- "deemed unable to comply": whoever cannot follow the plan, and maybe others -------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05753306 exc-4 (real)
        "Subjects deemed unable to comply with study and/or follow-up procedures",
        "Patients considered unable to comply with study procedures",
        "Participants deemed unable to comply with the study schedule",
    ],
)
def test_deemed_unable_to_comply_excludes_on_a_no(text: str) -> None:
    reading = only_reading("exclusion", text, "able_to_follow_visits")
    assert reading.confidence == "partial", readings_summary("exclusion", text)
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(reading, {"able_to_follow_visits": False}) == ("not_met", False)
    assert status_of(reading, {"able_to_follow_visits": True})[0] != "met"


@pytest.mark.parametrize(
    "text",
    [
        # another reason beside the plan: the plan question is no answer to it
        "Patients deemed unable to comply with study procedures or with social situations "
        "limiting participation",
        # an inclusion: the study team decides who is able
        "Patients deemed able to comply with study procedures",
    ],
)
def test_deemed_with_more_words_or_in_an_inclusion_stays_with_the_team(text: str) -> None:
    kind = "inclusion" if text.startswith("Patients deemed able") else "exclusion"
    reading = only_reading(kind, text, "able_to_follow_visits")
    assert reading.needs_review, readings_summary(kind, text)


# --- a later sentence saying which ages are excluded, and why, restates the age limit --------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # NCT06084780 inc-5 (real)
        (
            "Age ≥ 18 and ≤ 75. - Pediatric participants were excluded as PMP is a disease that "
            "affects adults. Participants > 75 years of age are excluded as they are beyond the "
            "commonly accepted transplantability criteria.",
            18,
            75,
        ),
        (
            "Age 18 to 70. Patients over 70 years are excluded as the surgery carries a risk.",
            18,
            70,
        ),
        ("Age >= 18 years. Children are excluded since no dosing data are available.", 18, None),
    ],
)
def test_ages_excluded_with_a_reason_restate_the_limit(
    text: str, low: int, high: int | None
) -> None:
    reading = only_reading("inclusion", text, "age_years")
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(reading, {"age_years": low - 1}) == ("not_met", False)
    if high is not None:
        assert status_of(reading, {"age_years": high + 2}) == ("not_met", False)
    assert status_of(reading, {"age_years": 50})[0] == "met"
    assert all(c.concept != "organ_transplant" for c in read_one_text("inclusion", text))


def test_an_excluded_age_other_than_the_limit_is_not_set_aside() -> None:
    text = "Age 18 to 75 years. Patients over 70 years are excluded as the surgery carries a risk."
    readings = read_one_text("inclusion", text)
    assert all(c.confidence != "certain" for c in readings), readings_summary("inclusion", text)


# --- "as no data are available": the reason an age or weight limit rests on ------------------


@pytest.mark.parametrize(
    ("text", "fact", "below"),
    [
        # NCT05204147 inc-5 (real)
        (
            "Patients must be >= 18 years old as phase I data for the antibody is not available "
            "for younger patients.",
            "age_years",
            17,
        ),
        ("Age >= 18 years, since no dosing data are available in children", "age_years", 16),
        ("Weight >= 40 kg as safety data below this weight are lacking", "weight_kg", 38),
    ],
)
def test_a_limit_with_the_data_it_rests_on_is_read_whole(text: str, fact: str, below: int) -> None:
    reading = only_reading("inclusion", text, fact)
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(reading, {fact: below}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        "Age >= 18 years as data in minors are lacking, or age 12-17 with weight >= 40 kg",
        "Age >= 18 years due to lack of data, or age 12-17 with weight >= 40 kg",
    ],
)
def test_a_reason_never_swallows_another_alternative(text: str) -> None:
    # a 14-year-old of 45 kg is eligible: no reading may fail them
    for reading in read_one_text("inclusion", text):
        assert reading.confidence != "certain", readings_summary("inclusion", text)


def test_no_data_beside_an_illness_still_narrows() -> None:
    text = "Brain metastases as no safety data exist"
    reading = only_reading("exclusion", text, "brain_metastases")
    assert reading.confidence != "certain", readings_summary("exclusion", text)


# --- "... and patients must have recovered ...": a requirement of its own, read whole --------

_WASHOUT_AND_RECOVERY = (
    # NCT05204147 inc-13 (real)
    "Prior radiotherapy, immunotherapy, or chemotherapy must have been completed at least 4 weeks "
    "prior to patient entry on this study (6 weeks if treated with mitomycin-c or nitrosoureas) "
    "and patients must have recovered from any expected side effects of prior therapy"
)


@pytest.mark.parametrize(
    "text",
    [
        _WASHOUT_AND_RECOVERY,
        "At least 4 weeks since prior chemotherapy and patients must have recovered from side "
        "effects of prior therapy",
        "Prior surgery at least 2 weeks before entry; patients must have recovered from the "
        "toxic effects of prior treatment",
    ],
)
def test_a_recovery_requirement_of_its_own_is_read_whole(text: str) -> None:
    reading = only_reading("inclusion", text, "recovered_from_side_effects")
    assert reading.confidence == "certain", readings_summary("inclusion", text)
    assert status_of(reading, {"recovered_from_side_effects": False}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # a choice offered inside the clause
        "At least 4 weeks since prior chemotherapy, and patients must have recovered from side "
        "effects of prior therapy or be eligible per the investigator",
        # a permission anywhere may reach it
        "At least 4 weeks since prior chemotherapy and patients must have recovered from side "
        "effects of prior therapy; grade 2 neuropathy is allowed",
    ],
)
def test_a_recovery_clause_with_a_choice_or_permission_stays_partial(text: str) -> None:
    reading = only_reading("inclusion", text, "recovered_from_side_effects")
    assert reading.confidence != "certain", readings_summary("inclusion", text)


# --- every kind of treatment listed in an inclusion's washout must be that long ago ----------


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        (_WASHOUT_AND_RECOVERY, "2026-11-16"),
        (
            "Prior chemotherapy or radiotherapy must have been completed at least 3 weeks before "
            "enrollment",
            "2026-11-20",
        ),
        (
            "Prior radiotherapy, immunotherapy or chemotherapy must have been completed at least "
            "4 weeks before entry (6 weeks for nitrosoureas)",
            "2026-11-10",
        ),
    ],
)
def test_radiotherapy_listed_in_a_washout_fails_inside_the_window(text: str, inside: str) -> None:
    reading = only_reading("inclusion", text, "last_radiotherapy")
    assert reading.decisive_when == "not_met", readings_summary("inclusion", text)
    assert status_of(reading, {"last_radiotherapy": inside}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # a shorter window for some radiotherapy
        "Prior chemotherapy or radiotherapy must have been completed at least 4 weeks before entry "
        "(2 weeks for palliative radiotherapy)",
        # a permission
        "Prior chemotherapy or radiotherapy must have been completed at least 4 weeks before "
        "entry; palliative radiotherapy is allowed",
        # the radiotherapy item narrowed
        "Prior radiotherapy to the target lesion, or chemotherapy, must have been completed at "
        "least 4 weeks before entry",
        # a second window outside brackets
        "Prior immunotherapy, radiotherapy or chemotherapy completed at least 4 weeks before "
        "entry, or 6 weeks for nitrosoureas",
    ],
)
def test_a_washout_list_with_another_window_or_a_permission_settles_nothing(text: str) -> None:
    reading = only_reading("inclusion", text, "last_radiotherapy")
    assert reading.confidence != "certain", readings_summary("inclusion", text)
    assert reading.decisive_when is None, readings_summary("inclusion", text)


def test_radiotherapy_completed_before_entry_alone_is_read_whole() -> None:
    text = "Prior radiotherapy must have been completed at least 4 weeks prior to patient entry"
    reading = only_reading("inclusion", text, "last_radiotherapy")
    assert reading.confidence == "certain", readings_summary("inclusion", text)


# --- bone or brain named as an example of spread beyond the allowed sites ---------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # NCT05753306 exc-1 (real)
        (
            "Distant metastatic disease not limited to peritoneum, such as solid organ metastases "
            "(liver, lung, bone, distant lymph node, etc)",
            "bone_metastases",
        ),
        # NCT04107077 exc-2 (real)
        (
            "Sites of metastases other than loco-regional lymph nodes and peritoneum (ex. Visceral "
            "metastases such as liver, lungs, bone, brain).",
            "brain_metastases",
        ),
        ("Spread beyond the pelvis, e.g. to bones or lungs", "bone_metastases"),
    ],
)
def test_a_site_named_as_spread_beyond_the_allowed_ones_excludes_on_a_yes(
    text: str, fact: str
) -> None:
    reading = only_reading("exclusion", text, fact)
    assert reading.confidence == "partial", readings_summary("exclusion", text)
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(reading, {fact: True}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # the spread narrowed
        "Active metastatic disease outside of the lungs including bone, CNS, or any "
        "extrapulmonary involvement",
        # an exception
        "Metastases other than to the liver, such as lung, brain or bone, except treated brain "
        "metastases",
    ],
)
def test_spread_beyond_with_a_qualifier_or_an_exception_settles_nothing(text: str) -> None:
    for reading in read_one_text("exclusion", text):
        if reading.concept in ("bone_metastases", "brain_metastases"):
            assert reading.decisive_when is None, readings_summary("exclusion", text)
            assert reading.confidence != "certain", readings_summary("exclusion", text)


# --- a response to earlier treatment needs that treatment ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05753306 inc-9 (real, its first two ways)
        "Response to systemic chemotherapy defined as at least one of the following: - Reduction "
        "(>= 30%) in standardized uptake value (SUV) max [Response Evaluation Criteria in Solid "
        "Tumors (RECIST) criteria] - Reduction ( >= 30%) in serum tumor markers CEA or CA 19-9",
        "Disease that responded to prior platinum-based chemotherapy",
        "Documented response to prior chemotherapy, as shown by one of the following: CT, PET",
    ],
)
def test_a_response_to_earlier_treatment_fails_without_any(text: str) -> None:
    reading = only_reading("inclusion", text, "prior_cancer_treatment")
    assert reading.confidence == "partial", readings_summary("inclusion", text)
    assert reading.decisive_when == "not_met", readings_summary("inclusion", text)
    assert status_of(reading, {"prior_cancer_treatment": False}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        "Response to prior chemotherapy or treatment-naive",
        "Either response to prior chemotherapy or stable disease",
    ],
)
def test_a_response_offered_beside_another_way_in_settles_nothing(text: str) -> None:
    for reading in read_one_text("inclusion", text):
        if reading.concept == "prior_cancer_treatment":
            assert reading.decisive_when is None, readings_summary("inclusion", text)
            assert reading.confidence != "certain", readings_summary("inclusion", text)


# --- "patients with ... or who cannot ...": a second group of patients, read on its own -------


@pytest.mark.parametrize(
    "text",
    [
        # NCT01913106 exc-11 (real)
        "Patients with history of allergies to valacyclovir, acyclovier or who cannot take oral "
        "pills",
        "Patients with a known allergy to the study drug or who are unable to swallow tablets",
        "Subjects with an allergy to acyclovir or who cannot take oral medications",
    ],
)
def test_a_last_who_group_unable_to_swallow_excludes_on_a_no(text: str) -> None:
    reading = only_reading("exclusion", text, "swallow_tablets")
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(reading, {"swallow_tablets": False}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # a qualifier before "with" may reach both groups
        "Patients over 70 with heart disease or who cannot take oral pills",
        # an exception
        "Patients with a known allergy to the study drug or who cannot take oral pills, unless a "
        "liquid form is available",
    ],
)
def test_a_who_group_with_a_shared_qualifier_or_exception_settles_nothing(text: str) -> None:
    reading = only_reading("exclusion", text, "swallow_tablets")
    assert reading.decisive_when is None, readings_summary("exclusion", text)
    assert reading.confidence != "certain", readings_summary("exclusion", text)


# --- "a competent immune system": immune-weakening medicine rules it out ----------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04473781 inc-16 (real)
        "A competent immune system",
        "Immunocompetent patients",
        "Patients must have an intact immune system",
    ],
)
def test_a_competent_immune_system_fails_on_immune_weakening_medicine(text: str) -> None:
    reading = only_reading("inclusion", text, "immunosuppressive_medicine")
    assert reading.confidence == "partial", readings_summary("inclusion", text)
    assert reading.decisive_when == "not_met", readings_summary("inclusion", text)
    assert status_of(reading, {"immunosuppressive_medicine": True}) == ("not_met", False)
    assert status_of(reading, {"immunosuppressive_medicine": False})[0] != "not_met"


@pytest.mark.parametrize(
    "text",
    [
        "Immunocompetent or with HIV controlled on treatment",
        "Patients must have an intact immune system, unless on low-dose steroids",
    ],
)
def test_a_competent_immune_system_with_another_way_in_settles_nothing(text: str) -> None:
    for reading in read_one_text("inclusion", text):
        assert reading.decisive_when is None, readings_summary("inclusion", text)
        assert reading.confidence != "certain", readings_summary("inclusion", text)


# --- the state or the response must be what the criterion asks, not a word of its explanation -


def test_an_intact_immune_system_named_in_an_explanation_decides_nothing() -> None:
    # NCT01174121 inc-9 (real): the requirement is the HIV test
    text = (
        "Seronegative for HIV antibody. (The experimental treatment being evaluated in this "
        "protocol depends on an intact immune system. Patients who are HIV seropositive may have "
        "decreased immune-competence and thus may be less responsive to the experimental "
        "treatment and more susceptible to its toxicities.)"
    )
    for reading in read_one_text("inclusion", text):
        assert reading.concept != "immunosuppressive_medicine", readings_summary("inclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        # NCT06208150 inc-2 (real, opening): a response inside a definition
        "Relapsed or refractory disease as defined below: a) Relapsed disease is defined as an "
        "initial response to prior treatment, followed by confirmed progressive disease (PD) by "
        "IMWG criteria greater than (>) 60 days after cessation of treatment.",
        # NCT06580314 inc-5 (real): a response in brackets, the investigator's call before it
        "Patients must have, in the opinion of the investigator, no clinical evidence of disease "
        "progression following completion of this chemotherapy course (partial or complete "
        "response to platinum-based chemotherapy)",
    ],
)
def test_a_response_not_opening_the_criterion_is_not_read_as_treatment(text: str) -> None:
    for reading in read_one_text("inclusion", text):
        if reading.concept == "prior_cancer_treatment":
            assert reading.decisive_when is None, readings_summary("inclusion", text)

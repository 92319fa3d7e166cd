"""The completeness stage: which words a reading accounts for (rules/completeness.yaml)."""

from __future__ import annotations

from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion
from trialbot.eligibility.completeness import _alternatives, _bounded, leftover, set_aside


def _read(kind: str, text: str) -> list[tuple[str | None, str, str | None]]:
    return [
        (c.concept, c.confidence, c.rule)
        for c in read_criterion(CriterionText(id="exc-1", kind=kind, text=text))
    ]


def test_a_short_filler_word_does_not_hide_a_longer_phrase() -> None:
    """'at' (one filler line) never stops 'at least' (another line) from being explained."""
    assert leftover("at least 4 weeks since major surgery", ["last_major_surgery"]) == []


def test_alternatives_are_tried_longest_first() -> None:
    """'1' never hides '1.1', 'seizure' never hides 'seizure disorder'."""
    assert _alternatives(r"a|(?:b|c)|[|x]|d\|e") == ["a", "(?:b|c)", "[|x]", r"d\|e"]
    assert _bounded(["1|v?1\\.1"]).fullmatch("1.1")
    assert leftover("history of seizure disorder.", ["seizures"]) == []
    assert leftover("measurable disease per recist 1.1", ["measurable_disease"]) == []


def test_no_concurrent_cancer_medicine_in_an_inclusion_is_read() -> None:
    """Inclusion 'No concurrent antineoplastic agents': certain 'not getting cancer treatment'."""
    assert _read("inclusion", "No concurrent antineoplastic agents") == [
        ("current_anticancer_therapy", "certain", "not (current_anticancer_therapy == yes)")
    ]


def test_cancer_named_with_a_biomarker_is_explained_but_a_qualifier_is_not() -> None:
    """'HER2-negative breast cancer' is whole; 'HER2-negative metastatic breast cancer' is not."""
    assert [c[1] for c in _read("inclusion", "HER2-negative breast cancer")] == ["certain"]
    assert [c[1] for c in _read("inclusion", "HER2-negative metastatic breast cancer")] == [
        "partial"
    ]


def test_hypertension_defined_by_numbers_despite_treatment_is_whole() -> None:
    """'Uncontrollable hypertension (SBP >= 140 or DBP >= 90 despite optimal treatment)' is read
    whole by its numbers; a bare 'Uncontrolled hypertension' is not a number reading."""
    text = (
        "Uncontrollable hypertension (systolic blood pressure ≥ 140 mmHg, or diastolic blood "
        "pressure ≥ 90 mmHg, despite using the optimal medical treatment;"
    )
    assert [c[1] for c in _read("exclusion", text)] == ["certain"]


def test_an_inclusion_stating_who_is_excluded_is_read_as_that_exclusion() -> None:
    """Inclusion 'Known HIV-positive patients are not eligible.' must not hold: HIV excludes."""
    assert _read("inclusion", "Known HIV-positive patients are not eligible.") == [
        ("hiv", "certain", "not (hiv == yes)")
    ]
    assert _read("inclusion", "Pregnant women are excluded from this study")[0][1] == "certain"


def test_a_stated_exclusion_with_a_condition_is_left_alone() -> None:
    """'... are not eligible unless treated' keeps its exception: no certain reading."""
    read = _read("inclusion", "Patients with brain metastases are not eligible unless treated")
    assert all(confidence != "certain" for _, confidence, _ in read)


def test_before_the_first_dose_is_window_wording() -> None:
    """'within 90 days before the first dose' is the whole window of a live-vaccine reading."""
    text = "Have received a live vaccine within 90 days before the first dose of study treatment"
    assert _read("exclusion", text) == [
        ("last_live_vaccine", "certain", "last_live_vaccine within 90 days")
    ]


def test_another_cancer_study_is_not_another_cancer() -> None:
    """'another breast cancer intervention clinical study' asks nothing about a second cancer."""
    text = "Currently participating in another breast cancer intervention clinical study."
    assert "other_cancer" not in {concept for concept, _, _ in _read("exclusion", text)}


def test_life_expectancy_beside_ecog_leaves_the_ecog_reading_whole() -> None:
    """'life expectancy of >= 3 months and ECOG <= 2': the study team checks the first part,
    ECOG is certain; joined by 'or' in an inclusion it stays partial."""
    text = "A predicted life expectancy of ≥ 3 months and an ECOG performance status ≤ 2"
    read = _read("inclusion", text)
    assert ("ecog_level", "certain", "ecog_level <= 2") in read
    assert ("life_expectancy", "review", None) in read
    either = _read("inclusion", "ECOG 0-1 or life expectancy > 3 months")
    assert ("ecog_level", "partial", "ecog_level <= 1") in either


def test_a_duration_after_ecog_is_not_a_level() -> None:
    """'ECOG 0-1 or life expectancy > 3 months' gives levels 0-1, never '>= 4' from '> 3 months'."""
    read = _read("inclusion", "ECOG 0-1 or life expectancy > 3 months")
    assert [rule for concept, _, rule in read if concept == "ecog_level"] == ["ecog_level <= 1"]


def test_a_second_age_limit_in_years_is_kept() -> None:
    """'Age >= 18 years and <= 72 years' keeps both limits; a later unrelated span of years
    ('off treatment for less than 15 years') is not an age limit."""
    text = "Age greater than or equal to 18 years and less than or equal to 72 years."
    assert _read("inclusion", text) == [
        ("age_years", "certain", "age_years >= 18 and age_years <= 72")
    ]
    other = _read("inclusion", "Age 10 years or older, and off treatment for less than 15 years")
    assert other == [("age_years", "partial", "age_years >= 10")]


def test_when_ecog_is_measured_is_part_of_the_ecog_reading() -> None:
    """'ECOG <= 2 within 14 days of registration': the window says when it is measured."""
    text = "Eastern Cooperative Oncology Group (ECOG) performance status ≤ 2 within 14 days of "
    assert _read("inclusion", text + "registration.") == [
        ("ecog_level", "certain", "ecog_level <= 2")
    ]


def test_a_tumour_marker_beside_another_reading_is_partial() -> None:
    """Exclusion 'Use of antibody drug conjugate (HER2+ breast cancer)' never excludes every
    HER2-positive patient (the marker only says which drug is meant: study team, audit14); two
    markers alone ('HR-positive, HER2-negative') stay certain."""
    read = _read("exclusion", "Use of antibody drug conjugate (HER2+ breast cancer)")
    assert read and all(confidence != "certain" for _, confidence, _ in read)
    assert ("her2_status", "review", None) in read
    both = _read("inclusion", "HR-positive, HER2-negative breast cancer")
    assert [confidence for _, confidence, _ in both] == ["certain", "certain"]


def test_unwilling_to_participate_is_not_the_visits_question() -> None:
    """'Patients unwilling to participate' is not read whole as 'able to follow the visits'."""
    # not read whole, the generic plan question goes to the study team (audit13)
    assert [c[1] for c in _read("exclusion", "Patients unwilling to participate")] == ["review"]


def test_ages_defining_menopause_are_not_age_limits() -> None:
    """NCT05386108: 'Postmenopausal status is defined by: Age >= 60 ... Age < 60 and
    amenorrhea' leaves the trial's age limit at >= 18 (it read 'age_years < 60' too)."""
    text = (
        "Women or men aged ≥18 years, at the time of informed consent signature. - Female "
        "participants may be either postmenopausal or pre/perimenopausal. Postmenopausal status "
        "is defined by: 1. Age ≥60 years 2. Age <60 years and amenorrhea for 12 or more months"
    )
    rules = [rule for concept, _, rule in _read("inclusion", text) if concept == "age_years"]
    assert rules == ["age_years >= 18"]


def test_not_including_the_limit_is_age_wording() -> None:
    """NCT01998425: 'Age less than 20 years (not include 20 years).' is read whole."""
    assert _read("exclusion", "Age less than 20 years (not include 20 years).") == [
        ("age_years", "certain", "age_years < 20")
    ]


def test_a_widening_clause_is_set_aside_up_to_a_word_that_narrows() -> None:
    """'regardless of CD4 count' never narrows an HIV exclusion; 'provided ...' after it does."""
    assert _read("exclusion", "Known HIV infection, regardless of CD4 count") == [
        ("hiv", "certain", "hiv == yes")
    ]
    kept = set_aside("hiv regardless of cd4 count provided viral load is detectable", ["hiv"])
    assert kept.split() == ["hiv", "provided", "viral", "load", "is", "detectable"]


def test_a_rationale_is_set_aside_after_a_limit_but_not_after_an_illness() -> None:
    """'Weight >= 50 kg due to fixed dosing' is whole; 'seizures due to brain metastases' is not."""
    assert _read("inclusion", "Weight ≥ 50 kg due to fixed cell dosing and product packaging") == [
        ("weight_kg", "certain", "weight_kg >= 50")
    ]
    assert set_aside("seizures due to brain metastases", ["seizures"]) == (
        "seizures due to brain metastases"
    )


def test_administration_of_a_live_vaccine_is_window_wording() -> None:
    """'Administration of a live, attenuated vaccine within 30 days prior to ... initiation'."""
    assert _read(
        "exclusion",
        "Administration of a live, attenuated vaccine within 30 days prior to study treatment "
        "initiation.",
    ) == [("last_live_vaccine", "certain", "last_live_vaccine within 30 days")]


def test_no_inability_to_swallow_is_not_read_as_unable() -> None:
    """Inclusion 'No current inability to swallow ...' means able, read whole (its "no" is the
    double negative read); never a certain 'unable'."""
    assert _read("inclusion", "No current inability to swallow orally administered medication") == [
        ("swallow_tablets", "certain", "swallow_tablets == yes")
    ]
    assert _read("inclusion", "Able to swallow orally administered medication") == [
        ("swallow_tablets", "certain", "swallow_tablets == yes")
    ]


def test_a_severe_allergy_is_narrower_than_the_allergy_question() -> None:
    """'Severe hypersensitivity to X' is partial: the question asks about any bad reaction to X."""
    assert [
        c[1] for c in _read("exclusion", "History of severe hypersensitivity to capecitabine")
    ] == ["partial"]
    assert [c[1] for c in _read("exclusion", "Known hypersensitivity to capecitabine")] == [
        "certain"
    ]


def test_a_named_infection_is_not_read_as_any_infection() -> None:
    """'Active tuberculosis infection' never excludes for any infection needing medicine."""
    assert [c[0] for c in _read("exclusion", "Active tuberculosis infection.")] == [
        "active_tuberculosis"
    ]
    named = _read("exclusion", "Known active infection with HIV, hepatitis B or C.")
    assert [c[0] for c in named] == ["hiv", "hepatitis_b", "hepatitis_c"]
    assert _read("exclusion", "Active infection requiring systemic therapy") == [
        ("active_infection", "certain", "active_infection == yes")
    ]


def test_a_transplant_is_whole_only_when_it_names_what_the_question_asks() -> None:
    """The question asks about an organ or a donor stem cell transplant: 'solid organ transplant'
    alone is partial, an organ or an allogeneic stem cell transplant is whole, and any stem cell
    transplant (autologous ones too) is broader: partial, decisive when met."""
    assert [c[1] for c in _read("exclusion", "Prior solid organ transplant")] == ["partial"]
    allogeneic = _read("exclusion", "Prior allogeneic stem cell or solid organ transplant")
    assert [c[1] for c in allogeneic] == ["certain"]
    assert [c[1] for c in _read("exclusion", "Prior organ or stem cell transplant.")] == ["partial"]

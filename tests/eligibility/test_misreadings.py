"""Readings that would flag an eligible patient with a false reason go to the study team: the
trial's own illness or population read as an exclusion, a term named only as an example, a
relative or a procedure, a qualifier the question does not ask, a window of another clause."""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import assess
from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import read_criterion
from trialbot.eligibility.reader import read_criteria

TODAY = datetime.date(2026, 12, 1)


def _readings(text: str, kind: str = "exclusion") -> dict[str | None, str]:
    return {
        c.concept: c.confidence
        for c in read_criterion(CriterionText(id=f"{kind[:3]}-1", kind=kind, text=text))  # type: ignore[arg-type]
    }


def _asked(text: str, kind: str = "exclusion") -> set[str | None]:
    """The concepts a patient would be asked (partial or certain readings)."""
    return {c for c, conf in _readings(text, kind).items() if conf != "review"}


# Kind 2: the trial's own disease or population read as an exclusion.
def test_own_neuropathy_is_not_held_against_a_cidp_patient() -> None:
    trial = Trial(
        id="NCT06858579",
        registry="ctgov",
        title="DNTH103 in CIDP",
        conditions=["Chronic Inflammatory Demyelinating Polyneuropathy"],
        criteria=[
            CriterionText(id="exc-1", kind="exclusion", text=(
                "Clinical signs or symptoms suggestive of polyneuropathy of causes other than CIDP."
            )),
            CriterionText(id="exc-2", kind="exclusion", text=(
                "Participants with an autoimmune disease affecting joints, muscle or nerves."
            )),
        ],
    )  # fmt: skip
    read = read_criteria(trial)
    asked = [c for c in read if c.concept in {"peripheral_neuropathy", "autoimmune_disease"}]
    assert asked and all(c.confidence == "review" for c in asked)


@pytest.mark.parametrize(
    "text",
    [
        "Peripheral neuropathy of causes other than diabetes",
        "Signs of polyneuropathy of an etiology other than CIDP",
    ],
)
def test_neuropathy_of_another_cause_is_not_asked_as_any_neuropathy(text: str) -> None:
    assert "peripheral_neuropathy" not in _asked(text)


@pytest.mark.parametrize(
    "text",
    [
        "Patient must not have any lesion(s) with ≥ 2cm growth within 3 months, and must not"
        " have documented anaplastic histology at or following cancer recurrence",
        "Must not have histologically confirmed small cell transformation",
    ],
)
def test_a_histology_type_excluded_is_not_a_missing_biopsy(text: str) -> None:
    assert "histology_confirmed" not in _asked(text, "inclusion")


@pytest.mark.parametrize(
    "text",
    [
        "If the patient does not meet criteria for postmenopausal status but is receiving ovarian"
        " ablation therapy with a gonadotropin-releasing hormone (GnRH) agonist, the patient is"
        " eligible",
        "Has not been naturally postmenopausal for at least 12 consecutive months (i.e., has had"
        " menses at any time in the preceding 12 consecutive months).",
    ],
)
def test_a_premenopausal_route_does_not_exclude_postmenopausal_women(text: str) -> None:
    assert "postmenopausal" not in _asked(text, "inclusion")


def test_histology_confirmed_is_still_required() -> None:
    assert "histology_confirmed" in _asked("Histologically confirmed breast cancer", "inclusion")


# Kind 3: a term named only as an example, a relative, a medicine or a procedure.
@pytest.mark.parametrize(
    ("text", "concept", "kind"),
    [
        ("Patient must not have had major surgery (e.g., GI surgery, removal or biopsy of brain"
         " metastasis) within 8 weeks prior to randomization.", "brain_metastases", "inclusion"),
        ("Resection of a brain metastasis within 4 weeks", "brain_metastases", "exclusion"),
        ("Patient must not have had major surgery (e.g., GI surgery, removal or biopsy of brain"
         " metastasis) within 8 weeks prior to randomization.", "digestive_problem", "inclusion"),
        ("Family history of long QT syndrome or unexplained sudden death under 40 years of age",
         "age_years", "exclusion"),
        ("Family history of sudden death before the age of 50", "age_years", "exclusion"),
        ("Participant is not receiving steroids and/or enzyme inducing anti-epileptic medications"
         " for brain metastases.", "seizures", "exclusion"),
        ("Use of anticonvulsant or antiepileptic medicines", "seizures", "exclusion"),
        ("Patients who are hepatitis B core antibody positive are allowed if taking and compliant"
         " with daily oral hepatitis B prophylactic medications", "able_to_follow_visits",
         "exclusion"),
        ("Previous significant bowel resection that would preclude adequate absorption of"
         " abemaciclib", "prior_abemaciclib", "exclusion"),
        ("Patients whose previous cancer treatment contraindicates this protocol",
         "current_anticancer_therapy", "exclusion"),
        ("History of major surgical resection involving the stomach or small bowel",
         "last_major_surgery", "exclusion"),
        ("Major surgery (excluding placement of vascular access) within 4 weeks",
         "last_major_surgery", "exclusion"),
    ],
)  # fmt: skip
def test_a_term_named_only_as_an_example_is_not_a_patient_fact(
    text: str, concept: str, kind: str
) -> None:
    assert concept not in _asked(text, kind)


# Kind 4: a qualifier or exception the question does not ask.
@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("History of uncontrolled ventricular arrhythmia, uncontrolled major seizure disorder",
         "seizures"),
        ("Poorly controlled epilepsy", "seizures"),
        ("Serious cardiac arrhythmia requiring medication. This does not include asymptomatic"
         " atrial fibrillation with controlled ventricular rate.", "heart_rhythm_problem"),
        ("Symptomatic or uncontrolled atrial fibrillation within 6 months", "heart_rhythm_problem"),
        ("Congestive heart failure NYHA ≥ Class 3 within 6 months", "heart_failure"),
        ("Unstable angina pectoris", "heart_disease"),
        ("Preexisting Crohn's disease or ulcerative colitis", "autoimmune_disease"),
    ],
)  # fmt: skip
def test_a_narrowing_qualifier_keeps_the_broad_question_from_flagging(
    text: str, concept: str
) -> None:
    assert concept not in _asked(text)


@pytest.mark.parametrize(
    "text",
    [
        "The patient has measurable or evaluable disease (including bone-only metastatic disease)",
        "Measurable or non-measurable disease per RECIST 1.1",
        "Evaluable disease is allowed; measurable disease is not required",
    ],
)
def test_measurable_or_evaluable_is_not_measurable_only(text: str) -> None:
    assert "measurable_disease" not in _asked(text, "inclusion")


def test_plain_exclusions_are_still_asked() -> None:
    assert "seizures" in _asked("History of seizures")
    assert "active_infection" in _asked("Active infection")
    assert "organ_transplant" in _asked("Prior solid organ or allogeneic bone marrow transplant")


# Kind 5: a number or window attached to the wrong clause or direction.
@pytest.mark.parametrize(
    ("text", "concept", "kind"),
    [
        ("A washout period of at least 21 days is required between last chemotherapy dose and"
         " randomization (provided the patient did not receive radiotherapy).",
         "last_radiotherapy", "inclusion"),
        ("Tumors within a previously irradiated field will be designated as non-target lesions"
         " unless a biopsy is obtained at least 90 days following completion of radiation"
         " therapy.", "last_radiotherapy", "inclusion"),
        ("Patients who plan to receive live attenuated vaccines within 1 week of start of"
         " alpelisib and during the study.", "last_live_vaccine", "exclusion"),
        ("Expected to require a live vaccine within 30 days of the first dose",
         "last_live_vaccine", "exclusion"),
        ("Therapeutic anticoagulation with any agent in patients on a stable dose for at least 6"
         " weeks prior to randomization", "last_serious_bleeding", "inclusion"),
        ("If the patient has ER-, PR-, HER2- metastatic breast cancer: the patient may have had"
         " up to 4 prior lines of chemotherapy", "prior_lines_of_therapy", "inclusion"),
    ],
)  # fmt: skip
def test_a_window_of_another_clause_is_not_asked(text: str, concept: str, kind: str) -> None:
    assert concept not in _asked(text, kind)


def test_a_false_flag_no_longer_makes_an_eligible_patient_undetermined() -> None:
    """NCT06130254: an epileptic whose seizures are controlled, answering 'ever had seizures?'
    yes, is not told her answer goes against 'uncontrolled major seizure disorder'."""
    criteria = [
        *read_criterion(CriterionText(id="inc-1", kind="inclusion", text="Age 18 years or older")),
        *read_criterion(
            CriterionText(id="exc-1", kind="exclusion", text="Uncontrolled major seizure disorder")
        ),
    ]
    result = assess("NCT06130254", criteria, {"age_years": 50, "seizures": True}, TODAY)
    assert result.verdict == "likely_eligible"

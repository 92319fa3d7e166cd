"""Reader kinds left over after the seventeenth parts (issue #10), each pinned by a real text and
variants: a protocol code is no drug, a setting narrows earlier treatment, another proof beside a
biopsy, a medicine's exception is no illness, platelet inhibitors beside the blood-thinner
question, a "no" to brain metastases despite a permission, a bulleted HIV item, a class window
met by a member drug's own last date."""

from __future__ import annotations

import pytest
from reading_helpers import TODAY, only_reading, read_one_text, readings_summary, status_of

from trialbot.eligibility import read_criterion
from trialbot.eligibility.drugs import find_drugs
from trialbot.eligibility.rule_syntax import parse_rule
from trialbot.sources.criteria_split import split_criteria

# --- 1. a protocol or study code is no drug history -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # the real text
        "Has been previously allocated/randomized to study intervention in any sub study of "
        "protocol MK-3475-U03",
        "Participants previously randomized in any substudy of KEYMAKER-U01 (MK-3475-U01)",
        "Prior enrollment in protocol MK-3475-123",
        "Was previously enrolled in this study",
    ],
)
def test_earlier_participation_in_a_named_study_is_no_drug_and_goes_to_the_study_team(
    text: str,
) -> None:
    readings = read_one_text("exclusion", text)
    assert not any(c.concept.startswith("prior_") for c in readings if c.concept), readings_summary(
        "exclusion", text
    )
    study = only_reading("exclusion", text, "in_other_trial")
    assert study.needs_review, readings_summary("exclusion", text)


def test_a_drug_code_on_its_own_is_still_the_drug() -> None:
    assert [slug for _, slug in find_drugs("prior exposure to mk-3475")] == ["pembrolizumab"]
    assert [slug for _, slug in find_drugs("protocol mk-3475-u03")] == []
    # a radionuclide's name with letters after it is no protocol number
    assert [slug for _, slug in find_drugs("prior lu-177-psma")] == ["lutetium_177"]


# --- 2. a setting or "systemic" narrows "no previous treatment" --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "No previous systemic therapy for stage IV disease",  # the real text
        "No prior systemic treatment in the metastatic setting",
        "No prior therapy for metastatic disease",
        "Patients must have received no prior systemic therapy for advanced or metastatic NSCLC",
    ],
)
def test_no_treatment_for_a_setting_is_settled_by_a_no_and_never_failed_by_a_yes(
    text: str,
) -> None:
    reading = only_reading("inclusion", text, "prior_cancer_treatment")
    assert reading.confidence != "certain"
    assert status_of(reading, {"prior_cancer_treatment": False}) == ("met", False)
    # surgery for an early stage is a "yes" to the question: no proof of the criterion
    assert status_of(reading, {"prior_cancer_treatment": True}) == ("unknown", False)


def test_no_prior_treatment_at_all_is_still_the_question() -> None:
    text = "No prior treatment for their lung cancer"
    reading = only_reading("inclusion", text, "prior_cancer_treatment")
    assert reading.confidence == "certain"
    assert status_of(reading, {"prior_cancer_treatment": True})[0] == "not_met"


# --- 3. another proof beside the biopsy -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Histologically or radiographically confirmed renal cell carcinoma",  # the real text
        "Histologically or clinically confirmed glioma",
        "Diagnosis of hepatocellular carcinoma confirmed by histology or by imaging criteria",
        "Radiologically or histologically confirmed diffuse intrinsic pontine glioma",
    ],
)
def test_a_no_to_the_biopsy_never_fails_a_criterion_offering_another_proof(text: str) -> None:
    reading = only_reading("inclusion", text, "histology_confirmed")
    assert reading.confidence != "certain"
    assert status_of(reading, {"histology_confirmed": True})[0] == "met"
    assert status_of(reading, {"histology_confirmed": False}) == ("unknown", False)


def test_a_scan_named_for_another_requirement_is_no_other_proof() -> None:
    text = "Histologically confirmed breast cancer with measurable disease on CT or MRI"
    reading = only_reading("inclusion", text, "histology_confirmed")
    assert status_of(reading, {"histology_confirmed": False})[0] != "met"
    assert reading.rule == "histology_confirmed == yes"


# --- 4. what a medicine is allowed for is no illness -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # the real kind
        "Use of immunosuppressive medication within 7 days prior to enrollment, except steroids "
        "for allergic reactions or to treat brain metastases",
        "Current use of immunosuppressive medication within 7 days before the first dose, EXCEPT "
        "for the following: a. intranasal, inhaled, topical steroids; b. systemic corticosteroids "
        "at physiologic doses; c. steroids as premedication for hypersensitivity reactions",
        "Receiving immunosuppressive medication, except corticosteroids for brain metastases",
    ],
)
def test_an_immunosuppressant_exception_asks_no_allergy_or_brain_question(text: str) -> None:
    concepts = [c.concept for c in read_one_text("exclusion", text)]
    assert concepts == ["immunosuppressive_medicine"], readings_summary("exclusion", text)
    reading = only_reading("exclusion", text, "immunosuppressive_medicine")
    assert status_of(reading, {"immunosuppressive_medicine": False})[0] == "met"


def test_brain_metastases_with_a_steroid_exception_are_still_read() -> None:
    text = "Untreated brain metastases, except those on stable steroids"
    assert "brain_metastases" in [c.concept for c in read_one_text("exclusion", text)]


# --- 5. platelet inhibitors are outside the blood-thinner question ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Use of anticoagulants or antiplatelet agents such as clopidogrel",
        "Therapeutic anticoagulation or platelet inhibitors",
        "Currently receiving anticoagulation or clopidogrel, prasugrel or ticagrelor",
    ],
)
def test_a_no_to_blood_thinners_never_settles_a_platelet_inhibitor_criterion(text: str) -> None:
    reading = only_reading("exclusion", text, "anticoagulant_use")
    # "Aspirin or clopidogrel alone do not count": a person on clopidogrel answers no
    assert status_of(reading, {"anticoagulant_use": False})[0] == "unknown"
    assert reading.confidence != "certain"


@pytest.mark.parametrize(
    "text",
    [
        # the real kind
        "Current use of platelet inhibitors that cannot be stopped (e.g. clopidogrel, prasugrel, "
        "ticagrelor)",
        "Patients receiving clopidogrel, prasugrel or ticagrelor",
        "Need for dual antiplatelet therapy",
    ],
)
def test_platelet_inhibitors_alone_go_to_the_study_team(text: str) -> None:
    readings = read_one_text("exclusion", text)
    assert all(c.needs_review for c in readings), readings_summary("exclusion", text)
    assert "organ_function" not in [c.concept for c in readings]


def test_anticoagulants_alone_stay_certain() -> None:
    reading = only_reading("exclusion", "Current use of anticoagulants", "anticoagulant_use")
    assert reading.confidence == "certain"
    assert status_of(reading, {"anticoagulant_use": False})[0] == "met"


# --- 6. a "no" to brain metastases settles an exclusion with a permission ---------------------


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("exclusion", "Untreated or symptomatic brain metastases"),  # the real text
        (
            "exclusion",
            "Untreated or symptomatic brain metastases; patients with treated, stable brain "
            "metastases are eligible",
        ),
        (
            "exclusion",
            "Untreated or symptomatic brain metastases (patients with previously treated brain "
            "metastases may participate provided they are stable)",
        ),
        (
            "inclusion",
            "No untreated or symptomatic brain metastases (treated, stable brain metastases are "
            "allowed)",
        ),
    ],
)
def test_no_brain_metastases_settles_it_and_a_yes_is_the_study_teams(kind: str, text: str) -> None:
    reading = only_reading(kind, text, "brain_metastases")  # type: ignore[arg-type]
    assert status_of(reading, {"brain_metastases": False})[0] == "met"
    assert status_of(reading, {"brain_metastases": True}) == ("unknown", False)


def test_brain_metastases_allowed_in_an_inclusion_stay_with_the_study_team() -> None:
    text = "Patients with brain metastases are eligible if treated and stable"
    reading = only_reading("inclusion", text, "brain_metastases")
    assert reading.needs_review


# --- 7. HIV as a bulleted item under "Active infections, including:" -------------------------


def _exclusion_readings(registry_text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (s.id, s.concept, s.decisive_when)
        for c in split_criteria(registry_text)
        if c.kind == "exclusion"
        for s in read_criterion(c)
    ]


@pytest.mark.parametrize(
    "items",
    [
        "  * HIV\n  * Hepatitis B or C\n",  # the real layout
        "  * Human immunodeficiency virus (HIV)\n  * Active hepatitis B\n  * Tuberculosis\n",
        "  * HIV;\n  * Active hepatitis B;\n  * Active tuberculosis.\n",
    ],
)
def test_hiv_as_a_sub_bullet_of_active_infections_excludes_on_a_yes(items: str) -> None:
    text = (
        "Inclusion Criteria:\n\n* Age 18 years or older\n\nExclusion Criteria:\n\n"
        f"* Active infections, including:\n{items}* Pregnant\n"
    )
    found = [r for r in _exclusion_readings(text) if r[1] == "hiv"]
    assert len(found) == 1, _exclusion_readings(text)
    assert found[0][2] == "met"
    criterion = next(
        s
        for c in split_criteria(text)
        if c.kind == "exclusion"
        for s in read_criterion(c)
        if s.concept == "hiv"
    )
    assert status_of(criterion, {"hiv": True})[0] == "not_met"
    assert status_of(criterion, {"hiv": False})[0] != "not_met"


def test_a_dash_between_numbers_is_no_bullet() -> None:
    text = "Active infections, including HIV - 1 or 2 - requiring treatment"
    hiv = only_reading("exclusion", text, "hiv")
    assert hiv.decisive_when is None


# --- 8. a drug's own last date fills its class's window ---------------------------------------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Treatment with a PD-1 inhibitor within 4 weeks prior to first dose", "pembrolizumab"),
        ("Prior anti-PD-1 therapy within 28 days", "nivolumab"),
        ("Prior PARP inhibitor within 14 days of the first dose", "olaparib"),
    ],
)
def test_a_member_drugs_own_date_meets_its_class_window(text: str, drug: str) -> None:
    reading = next(c for c in read_one_text("exclusion", text) if c.concept.startswith("prior_"))
    recent = TODAY.isoformat()
    old = "2025-01-10"
    assert status_of(reading, {f"prior_{drug}": True, f"last_{drug}": recent})[0] == "not_met"
    # an old dose of that drug proves nothing about the class: asked of the class itself
    assert status_of(reading, {f"prior_{drug}": True, f"last_{drug}": old})[0] == "unknown"
    klass = reading.concept.removeprefix("prior_")
    answered = {f"prior_{drug}": True, f"last_{drug}": old, f"last_{klass}": old}
    assert status_of(reading, answered)[0] == "met"


def test_the_latest_member_date_decides() -> None:
    text = "Treatment with a PD-1 inhibitor within 4 weeks prior to first dose"
    reading = only_reading("exclusion", text, "prior_pd1_inhibitor")
    profile = {
        "prior_pembrolizumab": True,
        "last_pembrolizumab": "2025-11-20",
        "prior_nivolumab": True,
        "last_nivolumab": "2026-11-25",
        "last_pd1_inhibitor": "2025-11-20",
    }
    assert status_of(reading, profile)[0] == "not_met"


def test_a_staff_rule_for_a_class_window_reads_the_member_dates_too() -> None:
    condition = parse_rule("prior_pd1_inhibitor == yes within 28 days").condition
    assert "last_pembrolizumab" in str(condition)
    reading = only_reading(
        "exclusion",
        "Treatment with a PD-1 inhibitor within 4 weeks prior to first dose",
        "prior_pd1_inhibitor",
    )
    assert str(reading.condition).count("latest_of") == str(condition).count("latest_of") == 1

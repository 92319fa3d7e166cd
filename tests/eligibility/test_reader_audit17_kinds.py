"""Reader kinds found by the coordinator audit of four unseen trials (audit17, Part 1): readings
that flag eligible patients although they cannot exclude (a conditional lead read as the
exclusion, an "other than X" exception dropped, "active" not carried into a listed member, words of
a permission or exception read as facts, a withdrawn criterion read as live, a permission read as
the exclusion, portal hypertension as high blood pressure, a window counted from another event, a
count's qualifier dropped, examples narrower than a generic question, the setting of an exclusion
read as the exclusion), readings from nothing (a consent's "trial-specific procedure", an age at
consent), and non-oncology treatments with windows that a patient can answer (IVIg, plasma
exchange, eculizumab, efgartigimod). Each with the real criterion and a few variants."""

from __future__ import annotations

import pytest
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionKind


def _of(kind: CriterionKind, text: str, concept: str) -> list[StructuredCriterion]:
    return [c for c in _read(kind, text) if c.concept == concept]


def _not_asked(kind: CriterionKind, text: str, concept: str) -> None:
    """`concept` is either not read from `text` or goes to the study team (never asked)."""
    for reading in _of(kind, text, concept):
        assert reading.needs_review, _rules(kind, text)


# --- kind 1: a conditional lead "Patients who have received X:" with sub-items -------------------
# The lead names who the items are for: the lead's treatment is no exclusion, and the items are
# that group's (study team, as FACTS says of conditional criteria).

_CONDITIONAL = (  # NCT04892953 exc-22 (real)
    "Patients who have received prior anti-PD-1, anti PD-L1 or anti CTLA-4:\n"
    "- Must not have experienced a toxicity that led to permanent discontinuation of prior "
    "immunotherapy\n"
    "- All AEs while receiving prior immunotherapy must have completely resolved or resolved to "
    "baseline prior to screening for this study\n"
    "- Must not have required the use of additional immunosuppression other than corticosteroids "
    "for the management of an AE, not have experienced recurrence of an AE if re-challenged, and "
    "not currently require maintenance doses of > 10 mg prednisone or equivalent per day"
)


@pytest.mark.parametrize(
    "text",
    [
        _CONDITIONAL,
        "Participants who have previously received a PD-1 inhibitor: must not have had a grade 3 "
        "immune-related pneumonitis",
        "Patients who had received prior bevacizumab: no bleeding event of grade 2 or higher",
        "1. Subjects who have been treated with an anti-CTLA-4 antibody: all side effects must "
        "have resolved to grade 1",
    ],
)
def test_a_conditional_lead_is_the_study_teams(text: str) -> None:
    readings = _read("exclusion", text)
    assert readings and all(r.needs_review for r in readings), _rules("exclusion", text)


def test_a_plain_prior_treatment_exclusion_is_still_read() -> None:
    text = "Patients who have received prior anti-PD-1 therapy."
    (pd1,) = _of("exclusion", text, "prior_pd1_inhibitor")
    assert not pd1.needs_review and pd1.confidence == "certain"


def test_a_colon_inside_brackets_closes_no_lead() -> None:
    text = (  # tests/eligibility/test_reader_readings.py (real)
        "Patients who have received any anticancer drugs, including hormonal therapy (Exceptions: "
        "hormone-replacement therapy or oral contraceptives), must have stopped treatment at least "
        "4 weeks before first dose."
    )
    (last,) = _of("inclusion", text, "last_anticancer_therapy")
    assert not last.needs_review


def test_a_lead_of_a_treatment_list_is_still_the_exclusion() -> None:
    text = (
        "Patients who have received any of the following within 4 weeks:\n- chemotherapy\n"
        "- radiotherapy"
    )
    readings = _read("exclusion", text)
    assert any(not r.needs_review for r in readings), _rules("exclusion", text)


# --- kind 2: an "other than X" exception of a drug class ----------------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT04892953 exc-2 (real)
        ("Patients who were treated with anti-PD-(L)1 therapy other than durvalumab",
         "prior_pd1_inhibitor"),
        ("Prior treatment with a PD-1 inhibitor other than pembrolizumab", "prior_pd1_inhibitor"),
        ("Prior anti-CTLA-4 antibody other than ipilimumab given with nivolumab",
         "prior_ctla4_inhibitor"),
    ],
)  # fmt: skip
def test_a_class_other_than_a_named_drug_is_not_asked_as_the_class(text: str, concept: str) -> None:
    _not_asked("exclusion", text, concept)


# --- kind 3: "active" reaches a listed member ("Active infection including tuberculosis") -------


@pytest.mark.parametrize(
    "text",
    [
        "Active infection including tuberculosis and HBV, HCV or HIV",  # NCT05123482 exc-5 (real)
        # NCT04892953 exc-17 (real, shortened)
        "Active infection including tuberculosis (clinical evaluation that includes clinical "
        "history, physical examination and radiographic findings, and tuberculosis (TB) testing "
        "in line with local practice), hepatitis B",
        "Active infections, including tuberculosis",
        "Current infection such as pneumonia or tuberculosis",
    ],
)
def test_active_infection_including_tb_is_active_tb(text: str) -> None:
    assert _of("exclusion", text, "active_tuberculosis"), _rules("exclusion", text)
    assert not _of("exclusion", text, "tuberculosis"), _rules("exclusion", text)


def test_a_history_of_tb_is_still_any_tb() -> None:
    assert _of("exclusion", "History of tuberculosis", "tuberculosis")


# --- kind 4: words inside a permission or an exception are not facts of their own ---------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04892953 exc-17 (real, end)
        "Active infection including hepatitis B, hepatitis C patients with a past or resolved HBV "
        "infection (defined as the presence of hepatitis B core antibody [anti-HBc] and absence of "
        "HBsAg) are eligible",
        "Active hepatitis B; patients with a prior or resolved hepatitis B infection are eligible",
        # NCT04892953 exc-14 (real, end)
        "Brain metastases must be treated prior to enrolment. In addition, any neurologic symptoms "
        "that developed either as a result of the brain metastases or their treatment must have "
        "resolved or be stable",
    ],
)
def test_resolved_in_a_permission_is_no_recovery_question(text: str) -> None:
    _not_asked("exclusion", text, "recovered_from_side_effects")


@pytest.mark.parametrize(
    "text",
    [
        # NCT04892953 exc-18 (real)
        "Current or prior use of immunosuppressive medication within 14 days before the first dose "
        "of durvalumab. The following are exceptions to this criterion:\n"
        "- Intranasal, inhaled, topical steroids, or local steroid injections\n"
        "- Steroids as premedication for hypersensitivity reactions (e.g., CT scan premedication)",
        "Systemic steroids within 7 days, except as premedication for hypersensitivity to "
        "durvalumab",
    ],
)
def test_premedication_for_hypersensitivity_is_no_allergy(text: str) -> None:
    for reading in _read("exclusion", text):
        if reading.concept and reading.concept.startswith("allergy_"):
            assert reading.needs_review, _rules("exclusion", text)


# --- kind 5: a withdrawn criterion ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05123482 exc-20 (real)
        "Thromboembolic event within 3 months before the first dose of study intervention - No "
        "longer applicable per amendment 7",
        "Prior bevacizumab within 4 weeks (deleted per Amendment 3)",
        "Pregnant or breastfeeding - not applicable as of protocol version 4",
    ],
)
def test_a_withdrawn_criterion_is_never_asked(text: str) -> None:
    readings = _read("exclusion", text)
    assert readings and all(r.needs_review for r in readings), _rules("exclusion", text)


def test_a_live_window_criterion_is_still_read() -> None:
    text = "Thromboembolic event within 3 months before the first dose of study intervention"
    (clot,) = _of("exclusion", text, "last_blood_clot")
    assert not clot.needs_review


# --- kind 6: the permitted case is no exclusion ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06122480 exc-5 (real)
        "Any tumor-specific pretreatment of the adenocarcinoma of the pancreas (including but not "
        "limited to surgery, radiation therapy, chemotherapy or ablative procedures). Currently "
        "being on FOLFIRINOX or modified FOLFIRINOX (mFOLFIRINOX) is allowed, unless more than 2 "
        "treatments",
        "Prior chemotherapy for pancreatic cancer. Patients currently receiving gemcitabine are "
        "permitted.",
        "Any prior systemic therapy. Currently on hormonal therapy is acceptable.",
    ],
)
def test_a_permitted_current_treatment_is_no_current_treatment_exclusion(text: str) -> None:
    _not_asked("exclusion", text, "current_anticancer_therapy")


# --- kind 7: portal, pulmonary or eye pressure is no high blood pressure ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Radiographic evidence of severe portal hypertension",  # NCT06122480 exc-16 (real)
        "Known pulmonary hypertension",
        "Uncontrolled glaucoma or ocular hypertension",
        "Idiopathic intracranial hypertension",
    ],
)
def test_other_hypertensions_are_not_high_blood_pressure(text: str) -> None:
    _not_asked("exclusion", text, "high_blood_pressure")


def test_uncontrolled_hypertension_is_still_high_blood_pressure() -> None:
    (bp,) = _of("exclusion", "Uncontrolled hypertension", "high_blood_pressure")
    assert not bp.needs_review


# --- kind 8: a window counted from another event ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06290128 exc-10 (real)
        "Evidence of CIDP worsening within the 6 weeks following a prior vaccination that, in the "
        "opinion of the Investigator, constituted a relapse",
        "Relapse of myasthenia within 4 weeks after a previous vaccination",
        "Flare of the disease within 30 days following an earlier vaccine",
    ],
)
def test_a_window_after_a_past_vaccination_is_no_recent_vaccine(text: str) -> None:
    _not_asked("exclusion", text, "last_vaccine")


def test_a_recent_vaccine_is_still_read() -> None:
    text = "Any vaccination within 4 weeks before the first dose"
    assert any(not r.needs_review for r in _of("exclusion", text, "last_vaccine"))


# --- kind 9: a count's qualifier ("lines of any other PARPi-based regimen") -----------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05123482 exc-33 (real)
        "Patients have received prior therapy with AZD9574 or more than 1 prior line of any "
        "other PARPi-based regimen",
        "More than 2 prior lines of platinum-based chemotherapy",
        "More than one prior regimen containing a taxane",
    ],
)
def test_lines_of_one_kind_of_treatment_are_not_any_lines(text: str) -> None:
    _not_asked("exclusion", text, "prior_lines_of_therapy")


def test_plain_lines_are_still_read() -> None:
    (lines,) = _of("exclusion", "More than 3 prior lines of therapy", "prior_lines_of_therapy")
    assert not lines.needs_review


# --- kind 10: examples narrower than the generic question --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06290128 exc-15 (real)
        "Prior treatment with (any time) with highly immunosuppressive/chemotherapeutic "
        "medications with sustained effects, eg, mitoxantrone, alemtuzumab, cladribine",
        "Any previous highly immunosuppressive therapy",
        "Immunosuppressive medicines with sustained effects at any time",
    ],
)
def test_highly_immunosuppressive_medicines_are_not_the_immune_medicine_question(
    text: str,
) -> None:
    _not_asked("exclusion", text, "immunosuppressive_medicine")


@pytest.mark.parametrize(
    "text",
    [
        # NCT04892953 exc-10 (real, shortened)
        "Active or prior documented autoimmune or inflammatory disorders (including inflammatory "
        "bowel disease [e.g., colitis or Crohn's disease], diverticulitis [with the exception of "
        "diverticulosis], systemic lupus erythematosus)",
        # NCT04892953 exc-11 (real, one item)
        "Uncontrolled intercurrent illness, including serious chronic gastrointestinal conditions "
        "associated with diarrhea",
        "History of autoimmune disease such as Crohn's disease or ulcerative colitis",
    ],
)
def test_ibd_among_autoimmune_disorders_is_not_the_pill_question(text: str) -> None:
    _not_asked("exclusion", text, "digestive_problem")


def test_malabsorption_is_still_the_pill_question() -> None:
    text = "Malabsorption syndrome or inability to swallow tablets"
    assert any(not r.needs_review for r in _of("exclusion", text, "digestive_problem"))


@pytest.mark.parametrize(
    "text",
    [
        "Patients with any known predisposition to bleeding",  # NCT05123482 exc-29 (real)
        "Known tendency to bleeding",
        "Genetic predisposition to bleeding",
    ],
)
def test_a_predisposition_to_bleed_is_a_bleeding_disorder(text: str) -> None:
    _not_asked("exclusion", text, "last_serious_bleeding")
    assert _of("exclusion", text, "bleeding_disorder") or all(
        r.needs_review for r in _read("exclusion", text)
    ), _rules("exclusion", text)


# --- kind 11: the setting of an exclusion read as the exclusion ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04892953 exc-1 (real)
        "Patients who rapidly progressed on the PACIFIC regimen (chemoradiotherapy [CRT] + "
        "durvalumab). This is defined as any progression on the first 3-month imaging scan after "
        "starting durvalumab post-CRT",
        "Rapid progression on prior osimertinib",
        "Patients who rapidly progressed during first-line pembrolizumab",
    ],
)
def test_rapid_progression_on_a_treatment_flags_neither_the_treatment_nor_progression(
    text: str,
) -> None:
    for reading in _read("exclusion", text):
        if reading.concept == "disease_status" or (reading.concept or "").startswith("prior_"):
            assert reading.needs_review, _rules("exclusion", text)


# --- kind 12: readings from nothing: a consent's procedure, an age at consent --------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06122480 (real; read as an exclusion before the numbered heading was fixed)
        "Patient's written informed consent prior to any trial-specific procedure",
        "Signed informed consent before any study-specific procedure",
        "Consent obtained before any study-related assessment",
    ],
)
def test_a_consent_before_a_trial_procedure_is_no_other_trial(text: str) -> None:
    for kind in ("exclusion", "inclusion"):
        assert not _of(kind, text, "in_other_trial") or all(
            r.needs_review for r in _of(kind, text, "in_other_trial")
        ), _rules(kind, text)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("Patients ≥18 years at the time of signing the informed consent", 18),  # NCT06122480 inc-5
        ("Participants must be >= 21 years at screening", 21),
        ("Patients >= 18 years", 18),
    ],
)
def test_a_person_compared_with_years_is_an_age(text: str, limit: int) -> None:
    (age,) = _of("inclusion", text, "age_years")
    assert age.rule == f"age_years >= {limit}", _rules("inclusion", text)
    assert _check(age, {"age_years": limit - 1})[0] == "not_met"


# --- kind 13: non-oncology treatments with windows are asked -------------------------------------


@pytest.mark.parametrize(
    ("text", "concept", "days"),
    [
        # NCT06290128 exc-12, 13, 29, 18 (real)
        ("Participant has received immunoglobulins (IVIg or SCIg) within 8 weeks prior to "
         "Screening", "prior_immunoglobulin", 56),
        ("Treatment with plasma exchange within the 8 weeks prior to Screening",
         "prior_plasma_exchange", 56),
        ("Treatment with efgartigimod within 8 weeks prior to screening", "prior_efgartigimod",
         56),
        ("Use of any specific complement system inhibitor (eg, eculizumab) within 12 weeks or 5 "
         "times the halflife of the product, whichever is longer, prior to Screening",
         "prior_complement_inhibitor", 84),
        ("IVIg within 3 months before randomization", "prior_immunoglobulin", 91),
        ("Plasmapheresis within 4 weeks before the first dose", "prior_plasma_exchange", 28),
        ("Prior eculizumab or ravulizumab within 12 weeks", "prior_eculizumab", 84),
    ],
)  # fmt: skip
def test_non_oncology_treatments_with_a_window_are_asked(
    text: str, concept: str, days: int
) -> None:
    found = [r for r in _read("exclusion", text) if r.concept and r.concept.startswith("prior_")]
    assert found and all(not r.needs_review for r in found), _rules("exclusion", text)
    assert any(f"within {days} days" in (r.rule or "") for r in found), _rules("exclusion", text)
    assert concept in {r.concept for r in found} or any(
        concept.removeprefix("prior_") in (r.rule or "") for r in found
    ), _rules("exclusion", text)


def test_the_study_drug_a_window_counts_from_is_no_prior_treatment() -> None:
    text = (  # NCT06290128 exc-17 (real)
        "Prior treatment with B-cell-depleting agents such as rituximab within 6 months prior to "
        "riliprubart dosing, or until return of B-cells counts to normal levels, whichever is "
        "longer"
    )
    _not_asked("exclusion", text, "prior_riliprubart")
    assert _of("exclusion", text, "prior_rituximab")

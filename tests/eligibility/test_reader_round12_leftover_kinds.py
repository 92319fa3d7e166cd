"""Kinds left over from round 12, each with a real criterion and a few variants written for the
kind:

1. A drug class is answered by a medicine only when the class words always take it in
   (rules/drugs.yaml gives the source of each membership): abiraterone (a CYP17 inhibitor) is no
   androgen receptor inhibitor, but it is an AR pathway inhibitor (ARPI, ARSI, novel hormonal
   agent); cetuximab is no EGFR TKI, irinotecan no ADC with a topoisomerase I payload, degarelix
   no LHRH agonist, ramucirumab no anti-VEGF antibody.
2. A permission sentence naming only medicines outside a prior-drug list ("Doxorubicin is
   allowed") grants the list nothing: a "yes" to a listed drug excludes.
3. "Sufficiently recovered and stable" after surgery is how recovered, not a permission: the
   surgery window is read, not sent to the study team.
4. Weight limits written "weigh more than ... (>200 kilograms)", BRCA spelled out as "breast
   cancer susceptibility gene", and "STEP 2 REGISTRATION:" prefixes scoping the criterion to that
   step.
5. "Other cancer within N years" with exceptions wider than the low-risk question (curative
   intent, Gleason 6, stage I-II): no other cancer or one outside the window never excludes; one
   inside the window that is not low-risk goes to the study team (the exception may still take it
   in); a low-risk one inside the window is allowed. Nothing there is certain.
"""

from __future__ import annotations

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

from trialbot.eligibility.drugs import DRUG_CLASSES, find_classes
from trialbot.eligibility.scope import prefix_scope

# --- 1. Drug classes: members only when the class words always take them in -------------------

_ABIRATERONE_ONLY = {"prior_abiraterone": True, "last_abiraterone": "2025-06-01"}


@pytest.mark.parametrize(
    "text",
    [
        # NCT04986423 (real)
        "Receipt of prior second-generation androgen receptor inhibitors (e.g. enzalutamide, "
        "apalutamide, darolutamide, proxalutamide).",
        "Prior treatment with an androgen receptor inhibitor (enzalutamide, apalutamide, "
        "darolutamide)",
        "Prior AR inhibitor therapy",
        "Prior treatment with an androgen receptor antagonist",
        "Prior treatment with a second-generation AR inhibitor",
    ],
)
def test_abiraterone_alone_is_no_androgen_receptor_inhibitor(text: str) -> None:
    item = _one("exclusion", text, "prior_ar_inhibitor")
    assert _check(item, _ABIRATERONE_ONLY)[0] != "not_met", _rules("exclusion", text)
    # enzalutamide never passes (a "second-generation" reading is partial: the study team)
    assert _check(item, {"prior_enzalutamide": True})[0] != "met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT06378866 exc-3 item (real) with its list head
        "Prior treatment with an androgen receptor pathway inhibitor such as abiraterone, "
        "apalutamide, darolutamide, or enzalutamide",
        "Prior treatment with an ARPI",
        "Prior androgen receptor signaling inhibitor (ARSI) therapy",
        "Prior novel hormonal agent",
    ],
)
def test_abiraterone_is_an_androgen_receptor_pathway_inhibitor(text: str) -> None:
    found = [c for c in _read("exclusion", text) if c.concept == "prior_ar_pathway_inhibitor"]
    if found:
        assert _check(found[0], _ABIRATERONE_ONLY)[0] == "not_met", _rules("exclusion", text)
    else:  # each named medicine read on its own
        item = _one("exclusion", text, "prior_abiraterone")
        assert _check(item, _ABIRATERONE_ONLY)[0] == "not_met"


def test_ar_inhibitors_named_beside_a_cyp17_inhibitor_leave_abiraterone_out() -> None:
    # NCT04946370 (real): the trial names abiraterone as a CYP17 inhibitor beside the ARIs
    text = (
        "Have previously been treated with at least one of the following in any disease state: "
        "Androgen receptor inhibitor (ARI, such as enzalutamide, apalutamide or darolutamide), "
        "CYP 17 inhibitor (such as abiraterone acetate)."
    )
    named = {slug for _, slug in find_classes(text)}
    assert "ar_inhibitor" in named
    assert "abiraterone" not in DRUG_CLASSES["ar_inhibitor"].members


def test_first_generation_arpi_is_bicalutamide_not_the_newer_medicines() -> None:
    # NCT06894511 (real): "First generation ARPI is allowed but not considered as prior ARPI"
    named = {slug for _, slug in find_classes("first-generation ARPI (e.g. bicalutamide)")}
    assert named == {"first_gen_antiandrogen"}
    assert "enzalutamide" not in DRUG_CLASSES["first_gen_antiandrogen"].members


@pytest.mark.parametrize(
    ("slug", "not_members"),
    [
        ("ar_inhibitor", {"abiraterone", "bicalutamide"}),
        ("antiandrogen", {"abiraterone"}),
        ("egfr_tki", {"cetuximab", "panitumumab", "amivantamab"}),
        ("anti_egfr_antibody", {"osimertinib", "erlotinib"}),
        ("topoisomerase_i_inhibitor", {"etoposide", "trastuzumab_deruxtecan"}),
        ("topoisomerase_inhibitor", {"trastuzumab_deruxtecan", "sacituzumab_govitecan"}),
        ("gnrh_agonist", {"degarelix", "relugolix"}),
        ("anti_vegf", {"ramucirumab"}),
        ("her2_antibody", {"tucatinib", "lapatinib"}),
    ],
)
def test_class_members_are_only_the_medicines_the_words_always_take_in(
    slug: str, not_members: set[str]
) -> None:
    assert not set(DRUG_CLASSES[slug].members) & not_members


@pytest.mark.parametrize(
    ("text", "concept", "other_medicine"),
    [
        ("Prior treatment with an EGFR TKI", "prior_egfr_tki", {"prior_cetuximab": True}),
        ("Prior treatment with LHRH agonist", "prior_gnrh_agonist", {"prior_degarelix": True}),
        ("Prior anti-VEGF therapy", "prior_anti_vegf", {"prior_ramucirumab": True}),
        # NCT06168812-like wording written here: an ADC with a topoisomerase I payload
        (
            "Prior treatment with an ADC with a topoisomerase I (TOP1) payload",
            "prior_topo1_adc",
            {"prior_irinotecan": True},
        ),
        (
            "Received prior treatment with a topoisomerase I inhibitor-containing ADC",
            "prior_topo1_adc",
            {"prior_irinotecan": True},
        ),
    ],
)
def test_a_medicine_outside_the_class_words_never_excludes(
    text: str, concept: str, other_medicine: dict[str, bool]
) -> None:
    for item in _read("exclusion", text):
        assert _check(item, other_medicine)[0] != "not_met", _rules("exclusion", text)
    assert _one("exclusion", text, concept).concept == concept


# --- 2. A permission naming another medicine grants a prior-drug list nothing -------------------

# NCT06268665 exc-1 (real)
_TAXANES_DOXORUBICIN = (
    "Have received any prior therapy with taxanes, vinca alkaloids, eribulin, ixabepilone, or "
    "platinum. Doxorubicin is allowed (≥ 2 week washout period required)."
)


@pytest.mark.parametrize(
    ("text", "concept", "profile"),
    [
        (_TAXANES_DOXORUBICIN, "prior_taxane", {"prior_paclitaxel": True}),
        (_TAXANES_DOXORUBICIN, "prior_platinum", {"prior_carboplatin": True}),
        (_TAXANES_DOXORUBICIN, "prior_eribulin", {"prior_eribulin": True}),
        (
            "Prior treatment with a PARP inhibitor or platinum. Prior capecitabine is permitted.",
            "prior_parp_inhibitor",
            {"prior_olaparib": True},
        ),
        (
            "Prior treatment with CDK4/6 inhibitors. Fulvestrant is allowed.",
            "prior_cdk46_inhibitor",
            {"prior_palbociclib": True},
        ),
    ],
)
def test_another_medicines_permission_leaves_a_yes_excluding(
    text: str, concept: str, profile: dict[str, bool]
) -> None:
    item = _one("exclusion", text, concept)
    assert not item.needs_review, _rules("exclusion", text)
    assert _check(item, profile)[0] == "not_met"


def test_a_no_to_the_list_leaves_the_other_medicines_note_to_the_study_team() -> None:
    item = _one("exclusion", _TAXANES_DOXORUBICIN, "prior_taxane")
    assert item.confidence != "certain"  # the doxorubicin washout is not read
    assert _check(item, {"prior_taxane": False})[0] != "not_met"


@pytest.mark.parametrize(
    "text",
    [
        # the permission names a listed medicine or a member of a listed class: study team
        "Prior treatment with taxanes or platinum. Nab-paclitaxel is allowed.",
        "Prior treatment with taxanes or platinum. Carboplatin is allowed.",
        # a permission reaching beyond the medicine it names
        "Prior treatment with taxanes or platinum. Doxorubicin or any other chemotherapy is "
        "allowed.",
    ],
)
def test_a_permission_that_may_be_the_listed_ones_still_goes_to_the_study_team(text: str) -> None:
    profile = {"prior_paclitaxel": True, "prior_carboplatin": True}
    item = _one("exclusion", text, "prior_taxane")
    assert _check(item, profile)[0] != "not_met", _rules("exclusion", text)


# --- 3. "Recovered and stable" after surgery is no permission ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06710756 exc-9 (real)
        "Major surgery within 21 days prior to the administration of [212Pb]Pb-PSV359; the "
        "subject must be sufficiently recovered and stable before treatment administration",
        "Major surgery within 28 days before the first dose of study treatment; participants "
        "must be fully recovered and stable",
        "Major surgery within 4 weeks prior to first dose; patients must have recovered and be "
        "stable",
    ],
)
def test_recovered_and_stable_keeps_the_surgery_window(text: str) -> None:
    item = _one("exclusion", text, "last_major_surgery")
    assert not item.needs_review, _rules("exclusion", text)
    assert "within" in (item.rule or "")
    assert _check(item, {"last_major_surgery": "2026-11-25"})[0] == "not_met"
    assert _check(item, {"last_major_surgery": "2019-01-01"})[0] != "not_met"


def test_stable_brain_metastases_remain_a_permission() -> None:
    text = "Untreated brain metastases. Treated, stable brain metastases are eligible."
    for item in _read("exclusion", text):
        assert _check(item, {"brain_metastases": True})[0] != "not_met", _rules("exclusion", text)


# --- 4. Weight limits, BRCA spelled out, later registration steps ------------------------------


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        # NCT04989959 exc-4 (real)
        (
            "Subjects must not weigh more than the maximum weight limit for the table for the "
            "PET/CT scanner where the study is being performed (>200 kilograms or 440 pounds).",
            200,
        ),
        ("Patients who weigh more than 150 kg", 150),
        ("Weight > 140 kilograms", 140),
    ],
)
def test_weight_limits_written_with_weigh_or_kilograms(text: str, limit: int) -> None:
    item = _one("exclusion", text, "weight_kg")
    assert item.rule == f"weight_kg > {limit}", _rules("exclusion", text)
    assert _check(item, {"weight_kg": 80})[0] == "met"
    assert _check(item, {"weight_kg": limit - 1})[0] == "met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT05961124 exc-22 (real)
        "Patients with a known breast cancer susceptibility gene (BRCA1 and 2) mutation (as they "
        "routinely receive olaparib at our institution) If BRCA unknown they are not excluded.",
        "Known breast cancer susceptibility gene mutation",
        "Carriers of a breast cancer susceptibility gene (BRCA) mutation",
    ],
)
def test_brca_spelled_out_is_the_brca_question(text: str) -> None:
    item = _one("exclusion", text, "brca_status")
    assert item.rule == "brca_status == positive", _rules("exclusion", text)
    assert _check(item, {"brca_status": "negative"})[0] == "met"
    for other in _read("exclusion", text):  # no other cancer read from "breast cancer"
        assert _check(other, {"other_cancer": "2025-01-01"})[0] != "not_met"


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        # NCT04510597 exc-9 (real)
        (
            "STEP 2 REGISTRATION: Participants must not have known active brain metastases.",
            "STEP 2 REGISTRATION",
        ),
        (
            "STEP 2 RANDOMIZATION: Total bilirubin ≤ institutional upper limit of normal (ULN)",
            "STEP 2 RANDOMIZATION",
        ),
        ("Step 3 registration: ECOG 0-1", "Step 3 registration"),
    ],
)
def test_a_later_registration_step_scopes_its_criteria(text: str, scope: str) -> None:
    assert prefix_scope(text) == scope


def test_the_first_registration_step_is_everyones() -> None:
    text = "STEP 1 REGISTRATION: Participants must have primary tumor in place"
    assert prefix_scope(text) is None


# --- 5. Other cancer in a window with exceptions wider than the low-risk question --------------

_OUTSIDE = {"other_cancer": "2015-01-01", "other_cancer_low_risk": False}
_INSIDE_NOT_LOW_RISK = {"other_cancer": "2026-01-01", "other_cancer_low_risk": False}
_INSIDE_LOW_RISK = {"other_cancer": "2026-01-01", "other_cancer_low_risk": True}


@pytest.mark.parametrize(
    "text",
    [
        # NCT06194929 (real)
        "The diagnosis of another malignancy within ≤ 2 years before study enrollment, except "
        "for those considered to be adequately treated with no evidence of disease or symptoms "
        "and/or will not require therapy during the study duration (i.e., basal cell or squamous "
        "cell skin cancer, carcinoma in situ of the breast, bladder or of the cervix, or "
        "low-grade prostate cancer with Gleason Score ≤ 6)",
        # NCT06907615 (real)
        "History of any second malignancy within 2 years prior to randomization, except for "
        "early-stage malignancies (carcinoma in situ or stage I tumors) that have received "
        "radical treatment, such as non-melanoma skin cancer, cervical carcinoma in situ, "
        "localized prostate cancer, ductal carcinoma in situ of the breast, and papillary "
        "thyroid cancer",
        "Other malignancy within 3 years, except for adequately treated non-melanoma skin "
        "cancer, carcinoma in situ, low-risk prostate cancer (Gleason 6), or stage I-II cancer "
        "treated with curative intent",
        "Another malignancy within 5 years. Gleason 6 prostate cancer and stage I or II cancers "
        "treated with curative intent are allowed.",
        "Prior malignancy within the past 3 years other than curatively treated stage I-II solid "
        "tumours",
    ],
)
def test_other_cancer_in_a_window_with_wide_exceptions(text: str) -> None:
    item = _one("exclusion", text, "other_cancer")
    assert item.confidence != "certain", _rules("exclusion", text)
    assert _check(item, {"other_cancer": "never"})[0] == "met"
    assert _check(item, _OUTSIDE)[0] == "met"
    assert _check(item, _INSIDE_LOW_RISK)[0] == "met"
    # a curatively treated stage II cancer last year may be one of the exceptions: study team
    assert _check(item, _INSIDE_NOT_LOW_RISK)[0] == "unknown"

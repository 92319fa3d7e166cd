"""Kinds a coordinator found in five audited trials (round 12), each with the real criterion and a
few variants written for the kind:

1. A bare other-cancer criterion (no exception list) never excludes a low-risk other cancer: the
   study team decides; any other cancer still excludes.
2. Sub-study and sub-cohort section headings ("Sub study 1 Specific Inclusion criteria:") scope
   the criteria under them (`applies_to`) instead of requiring them of everyone.
3. Words matched out of context into the wrong question: a transplant named as when a relapse
   happened ("relapse after the allo-SCT") is no transplant that excludes; a treatment inside
   another cancer's exceptions ("cancers in remission receiving endocrine therapy") is no
   washout; an ulcer (peptic, corneal, skin) is no problem taking or absorbing pills.
4. The study drug named as when something else may be given ("supportive measures ... prior to
   and during therapy with venetoclax", a note merged into another criterion) is no prior use of
   it; such a note indented under a criterion it is not about ("If the PI assesses the decreased
   ANC and/or Plt ...") is also kept with the earlier criterion whose abbreviations it names.
5. Drug classes named by an ADC's payload ("MMAE-based ADC") or used outside cancer (mTOR
   inhibitors such as sirolimus, calcineurin inhibitors "CNIs") ask about the right medicines;
   "systemic treatment with <named medicines>" is no window on any cancer medicine.
6. A permission naming one infection ("Treated hepatitis C is allowed") grants nothing to another
   named beside it (HIV, hepatitis B); carcinomatous meningitis is leptomeningeal disease;
   per-sex QTc limits keep both limits.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check
from split_texts import record_text, split_texts

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial
from trialbot.eligibility import read_criteria
from trialbot.sources.criteria_split import split_criteria


def _trial(text: str) -> list[StructuredCriterion]:
    trial = Trial(id="NCT00000001", registry="ctgov", title="t", criteria=split_criteria(text))
    return read_criteria(trial)


# --- 1. A bare other-cancer criterion: a low-risk other cancer goes to the study team ------------

_LOW_RISK_LONG_AGO = {"other_cancer": "2015-03-01", "other_cancer_low_risk": True}
_MELANOMA_LAST_YEAR = {"other_cancer": "2025-10-01", "other_cancer_low_risk": False}


@pytest.mark.parametrize(
    "text",
    [
        # NCT06219941 exc-6 (real)
        "History of another primary malignancy.",
        "Prior malignancy.",
        "History of any other cancer",
        "Previous history of a second primary malignancy",
    ],
)
def test_bare_other_cancer_sends_a_low_risk_cancer_to_the_study_team(text: str) -> None:
    item = _one("exclusion", text, "other_cancer")
    assert item.rule == "other_cancer ever and (not other_cancer_low_risk or study team)", _rules(
        "exclusion", text
    )
    assert _check(item, _LOW_RISK_LONG_AGO)[0] == "unknown"
    assert _check(item, {"other_cancer": "never"})[0] == "met"
    if item.confidence == "certain":  # read whole: any other cancer still excludes
        assert _check(item, _MELANOMA_LAST_YEAR)[0] == "not_met"


@pytest.mark.parametrize(
    "text",
    [
        "History of another malignancy within the past 3 years",
        "Other primary malignancy within 2 years before enrollment",
    ],
)
def test_other_cancer_in_a_window_without_exceptions_never_excludes_a_low_risk_one(
    text: str,
) -> None:
    item = _one("exclusion", text, "other_cancer")
    recent_low_risk = {"other_cancer": "2026-05-01", "other_cancer_low_risk": True}
    assert _check(item, recent_low_risk)[0] == "unknown", _rules("exclusion", text)
    if item.decisive_when == "met":  # a cancer in the window that is not low risk excludes
        assert _check(item, _MELANOMA_LAST_YEAR)[0] == "not_met"


@pytest.mark.parametrize(
    "text",
    [
        "History of another malignancy, except adequately treated basal cell carcinoma of the "
        "skin or carcinoma in situ of the cervix",
        "Prior malignancy within 2 years, except non-melanoma skin cancer or carcinoma in situ",
    ],
)
def test_other_cancer_with_exceptions_still_allows_a_low_risk_one(text: str) -> None:
    item = _one("exclusion", text, "other_cancer")
    assert item.rule is not None and item.rule.endswith("and not other_cancer_low_risk")
    assert _check(item, _LOW_RISK_LONG_AGO)[0] != "not_met"


# --- 2. Sub-study / sub-cohort section headings scope the criteria under them ------------------


def test_sub_study_sections_of_the_real_record_are_scoped(corpus_dir: Path) -> None:
    """NCT06219941: master criteria for everyone, "Sub study N Specific ... criteria" for one."""
    read = _trial(record_text(corpus_dir, "NCT06219941"))
    by_text = {c.text: c for c in read if c.concept not in (None, "meta")}
    master = by_text["History of another primary malignancy."]
    assert master.applies_to is None
    assert by_text["Use of strong inhibitors or inducers of CYP3A4."].applies_to == "Sub study 2"
    gastric = by_text["Maximum 2 prior lines of systemic treatment for unresectable or metastatic "
                      "disease."]  # fmt: skip
    assert gastric.applies_to == "Sub study 1"
    biliary = [c for c in read if c.text.startswith("Clinically significant biliary obstruction")]
    assert biliary and all(c.applies_to == "Sub study 3" for c in biliary)
    # nothing a sub-study asks is required of everyone
    assert all(c.applies_to or c.text != "Advanced or metastatic GC/GEJC." for c in read)


_SUB_STUDIES = """Inclusion Criteria:

* Age 18 years or older

{first}:

* Prior treatment with osimertinib

{second}:

* Pregnant or breastfeeding

{everyone}:

* Known HIV infection
"""


@pytest.mark.parametrize(
    ("first", "second", "everyone", "group"),
    [
        ("Sub-study A Inclusion Criteria", "Sub-study A Exclusion Criteria",
         "Exclusion Criteria applicable to all sub-studies", "Sub-study A"),
        ("Substudy 2 specific inclusion criteria", "Substudy 2 specific exclusion criteria",
         "Exclusion Criteria", "Substudy 2"),
        ("Sub-cohort B Additional Inclusion Criteria", "Sub-cohort B Additional Exclusion Criteria",
         "Exclusion criteria for all sub-cohorts", "Sub-cohort B"),
    ],
)  # fmt: skip
def test_sub_study_headings_scope_their_criteria(
    first: str, second: str, everyone: str, group: str
) -> None:
    text = _SUB_STUDIES.format(first=first, second=second, everyone=everyone)
    read = {c.text: c for c in _trial(text) if c.concept not in (None, "meta")}
    assert read["Age 18 years or older"].applies_to is None
    assert read["Prior treatment with osimertinib"].applies_to == group
    assert read["Pregnant or breastfeeding"].applies_to == group
    assert read["Known HIV infection"].applies_to is None


# --- 3. Words out of context: the wrong question ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06388564 exc-7 (real)
        "Evidence of relapse of the primary hematologic disease or treatment for relapse after the "
        "allo-SCT was performed, including DLIs for the treatment of molecular relapse.",
        "Relapse of the underlying malignancy following allogeneic stem cell transplantation",
        "Disease progression since the transplant",
        "Post-transplant lymphoproliferative disorder",
    ],
)
def test_a_transplant_naming_when_something_happened_asks_no_transplant(text: str) -> None:
    for item in _read("exclusion", text):
        assert item.concept != "organ_transplant" or item.confidence == "review", _rules(
            "exclusion", text
        )


def test_a_transplant_that_excludes_is_still_asked() -> None:
    item = _one("exclusion", "Prior allogeneic stem cell transplant", "organ_transplant")
    assert item.confidence == "partial" and item.condition is not None


@pytest.mark.parametrize(
    "text",
    [
        # NCT03986034 exc-4 (real)
        "Known additional malignancy that is progressing or requires active treatment. --Note: "
        "Exceptions include basal cell carcinoma of skin, squamous cell carcinoma of skin, and in "
        "situ cervical cancer that has undergone potentially curative therapy. Further exceptions "
        "include other cancers from which the subject has been diseasefree for > 2 years, cancers "
        "which will not limit survival to < 2 years or cancers in remission receiving endocrine "
        "therapy.",
        "Other cancer within 2 years, except tumors not treated with systemic therapy",
        "Other malignancy. Exceptions include cancers in remission receiving endocrine therapy for "
        "more than 2 years.",
        "Prior malignancy within 3 years other than breast cancer on tamoxifen or an aromatase "
        "inhibitor",
    ],
)
def test_a_treatment_in_another_cancers_exceptions_is_no_washout(text: str) -> None:
    concepts = [c.concept for c in _read("exclusion", text)]
    assert concepts == ["other_cancer"], _rules("exclusion", text)


def test_a_washout_beside_another_cancer_is_still_read() -> None:
    text = "Chemotherapy within 4 weeks or known other malignancy"
    assert _one("exclusion", text, "last_anticancer_therapy").rule == (
        "last_anticancer_therapy within 28 days and study team"  # chemotherapy only (audit14)
    )


@pytest.mark.parametrize(
    "text",
    [
        # NCT06219941 exc-1 (real)
        "Unstable or active peptic ulcer disease or digestive tract bleeding including but not "
        "limited to clinically significant bleeding in the setting of prior CLDN18.2 directed "
        "therapy.",
        "Active gastrointestinal ulcer",
        "Gastric or duodenal ulcer within 3 months",
        "Serious non-healing wound, active ulcer, or untreated bone fracture",
        "Corneal ulcer",
    ],
)
def test_an_ulcer_is_no_problem_taking_pills(text: str) -> None:
    for item in _read("exclusion", text):
        assert item.concept != "digestive_problem" or item.confidence == "review", _rules(
            "exclusion", text
        )


@pytest.mark.parametrize(
    "text",
    [
        "Disease significantly affecting gastrointestinal function or absorption",
        "Malabsorption syndrome",
    ],
)
def test_an_absorption_problem_is_still_asked(text: str) -> None:
    assert _one("exclusion", text, "digestive_problem").confidence != "review"


# --- 4. The study drug named for during the study is no prior use of it -----------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT03986034 exc-13 with the note merged under it (real)
        "Severe psychiatric illness/social situations or cognitive impairment that would limit "
        "the patient s ability to tolerate and/or comply with study requirements\n- If the PI "
        "assesses the decreased ANC and/or Plt to be related to CLL involvement, patients may "
        "still be enrolled in the study, as cytopenias as expected to improve with treatment of "
        "CLL. Patients may receive supportive measures (e.g. transfusions, IVIG, growth factor "
        "support, etc.) to avoid severe cytopenias prior to and during therapy with venetoclax.",
        "Patients may receive growth factors during treatment with venetoclax.",
        "Transfusions are allowed while on therapy with ibrutinib.",
        "Antiemetics may be given throughout study treatment with olaparib.",
    ],
)
def test_a_drug_named_for_during_the_study_asks_no_prior_use(text: str) -> None:
    for item in _read("exclusion", text):
        if item.concept is not None and item.concept.startswith("prior_"):
            assert item.confidence == "review", _rules("exclusion", text)


def test_a_note_under_the_wrong_criterion_is_kept_with_the_one_it_is_about(
    corpus_dir: Path,
) -> None:
    """NCT03986034: the ANC/platelet note indented under exc-13 belongs to exc-11."""
    items = dict(split_texts(record_text(corpus_dir, "NCT03986034")))
    assert "If the PI assesses the decreased ANC" in items["exc-11"]
    assert items["exc-11"].startswith("Absolute neutrophil count (ANC)")
    assert "If the PI assesses" in items["exc-13"]  # never taken from where it was written


_NOTE_UNDER = """Exclusion Criteria:

1. Absolute neutrophil count (ANC) < 1.0 x 10^9/L
2. {parent}

   * {note}
"""


@pytest.mark.parametrize(
    ("parent", "note", "moves"),
    [
        ("Severe psychiatric illness", "If the low ANC is due to marrow involvement, patients may "
         "still be enrolled.", True),
        # the note names its own parent's abbreviation: it stays only there
        ("Active hepatitis B (HBV) infection", "If HBV DNA is undetectable, patients are eligible.",
         False),
        # a note naming nothing of an earlier criterion stays with its parent
        ("Uncontrolled diabetes", "If on a stable insulin regimen, patients may be enrolled.",
         False),
    ],
)  # fmt: skip
def test_a_conditional_note_follows_the_criterion_it_names(
    parent: str, note: str, moves: bool
) -> None:
    items = dict(split_texts(_NOTE_UNDER.format(parent=parent, note=note)))
    assert note in items["exc-2"]
    assert (note in items["exc-1"]) is moves


def test_a_prior_drug_is_still_asked() -> None:
    assert _one("exclusion", "Any prior therapy with venetoclax", "prior_venetoclax").rule == (
        "prior_venetoclax == yes"
    )


# --- 5. Payload and non-cancer drug classes ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06219941 exc-7 (real)
        "Prior exposure to any MMAE-based ADC.",
        "Prior treatment with a monomethyl auristatin E (MMAE)-containing ADC such as brentuximab "
        "vedotin",
        "Previous treatment with an MMAE-conjugated antibody-drug conjugate",
        "Prior vedotin ADC",
    ],
)
def test_an_mmae_adc_is_asked_as_the_vedotin_medicines(text: str) -> None:
    concepts = [c.concept for c in _read("exclusion", text)]
    assert concepts == ["prior_mmae_adc"], _rules("exclusion", text)
    item = _one("exclusion", text, "prior_mmae_adc")
    assert item.question is not None and "vedotin" in item.question
    assert _check(item, {"prior_enfortumab_vedotin": True})[0] == "not_met"
    # trastuzumab deruxtecan carries no MMAE: not this criterion
    assert _check(item, {"prior_trastuzumab_deruxtecan": True, "prior_mmae_adc": False})[0] == (
        "met"
    )


def test_any_adc_is_still_the_broad_class() -> None:
    text = "Prior treatment with an antibody-drug conjugate"
    assert _one("exclusion", text, "prior_antibody_drug_conjugate").confidence == "certain"


@pytest.mark.parametrize(
    "text",
    [
        "Prior treatment with an mTOR inhibitor",
        "Prior treatment with mTOR inhibitors (e.g., sirolimus, everolimus)",
        "Prior rapalog therapy",
    ],
)
def test_mtor_inhibitors_take_in_sirolimus(text: str) -> None:
    item = _one("exclusion", text, "prior_mtor_inhibitor")
    assert item.question is not None and "sirolimus" in item.question
    assert _check(item, {"prior_sirolimus": True})[0] == "not_met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT06388564 exc-5 (real)
        "Initiated systemic treatment with CNIs or mTOR inhibitors within 2 weeks prior to C1D1.",
        "Systemic treatment with calcineurin inhibitors within 14 days before the first dose",
    ],
)
def test_calcineurin_inhibitors_are_no_cancer_medicine(text: str) -> None:
    concepts = {c.concept for c in _read("exclusion", text)}
    assert "prior_calcineurin_inhibitor" in concepts, _rules("exclusion", text)
    assert "last_anticancer_therapy" not in concepts


def test_systemic_therapy_alone_is_still_a_washout() -> None:
    text = "Systemic therapy within 4 weeks"
    assert _one("exclusion", text, "last_anticancer_therapy").rule == (
        "last_anticancer_therapy within 28 days"
    )


# --- 6. Permissions of one infection, meningitis, per-sex QTc ---------------------------------


@pytest.mark.parametrize(
    ("text", "excluding"),
    [
        ("Known HIV infection. Treated hepatitis C is allowed.", ["hiv"]),
        ("HIV or hepatitis B. Treated hepatitis C is allowed.", ["hiv", "hepatitis_b"]),
        ("Active hepatitis B or C. Patients with treated hepatitis C and undetectable viral load "
         "are allowed.", ["hepatitis_b"]),
    ],
)  # fmt: skip
def test_a_permission_of_hepatitis_c_does_not_leak_onto_another_infection(
    text: str, excluding: list[str]
) -> None:
    read = {c.concept: c for c in _read("exclusion", text)}
    for concept in excluding:
        assert read[concept].confidence != "review", _rules("exclusion", text)
        assert _check(read[concept], {concept: False})[0] == "met"  # asked: a "no" settles it
    assert read["hepatitis_c"].confidence == "review"


def test_a_permission_for_people_with_hiv_still_narrows_any_infection() -> None:
    text = "Active infection. Patients with HIV on antiretroviral therapy are eligible."
    assert _one("exclusion", text, "active_infection").confidence == "review"


@pytest.mark.parametrize(
    "text", ["Known carcinomatous meningitis", "Carcinomatous meningitis or leptomeningeal disease"]
)
def test_carcinomatous_meningitis_is_leptomeningeal_disease(text: str) -> None:
    item = _one("exclusion", text, "leptomeningeal_disease")
    assert item.rule == "brain_metastases == yes and leptomeningeal_disease == yes"


@pytest.mark.parametrize(
    ("text", "male_460"),
    [
        ("QTc >470 ms for females, >450 ms for males", "not_met"),
        # a Fridericia or mean value is not the number on the patient's printout: the study team
        ("QTcF >470 ms for females, >450 ms for males", "unknown"),
        ("Mean resting QTc > 470 ms for females or > 450 ms for males", "unknown"),
    ],
)
def test_per_sex_qtc_limits_keep_both(text: str, male_460: str) -> None:
    item = _one("exclusion", text, "qtc_ms")
    assert item.rule == "qtc_ms > 470 (females) or qtc_ms > 450 (males)"
    assert _check(item, {"qtc_ms": 460, "sex": "female"})[0] == "met"
    assert _check(item, {"qtc_ms": 460, "sex": "male"})[0] == male_460

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
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check
from split_texts import record_text

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
        "last_anticancer_therapy within 28 days"
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

"""Reader kinds found by the coordinator and patient audit of four unseen trials (audit14): a
qualifier that separates the excluded group from the study's own population dropped (another
cancer's therapy read as any cancer medicine, a dialysis plan read as kidney disease, chemotherapy
read as any cancer medicine); a permission or a work-up read as a requirement or an exclusion
(HER2+ "is allowed if", replacement therapy allowed, BRAF/MEK for one group, treated brain
metastases permitted, "should have an evaluation"); a defining inclusion read only as a biopsy, a
bracket of windows per kind of radiation read as its shortest; and wrong concepts hiding
questions (acid medicines and bowel bleeding read as a problem absorbing pills). Each with the
real criterion and a few variants."""

from __future__ import annotations

import datetime

import pytest
from reading_helpers import TODAY
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import read_criteria


def _of(kind: str, text: str, concept: str) -> list[StructuredCriterion]:
    return [c for c in _read(kind, text) if c.concept == concept]  # type: ignore[arg-type]


def _ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def _goes_against(item: StructuredCriterion, answers: dict[str, object]) -> bool:
    """The answers exclude the patient (certain) or go against the reading (partial)."""
    status, against = _check(item, answers)  # type: ignore[arg-type]
    return status == "not_met" or against


def _never_against(kind: str, text: str, concept: str, answer: object) -> None:
    """No reading of `concept` in `text` goes against a patient answering `answer`."""
    for item in _of(kind, text, concept):
        status, against = _check(item, {concept: answer})
        assert not against and status != "not_met", (status, _rules(kind, text))  # type: ignore[arg-type]


# --- kind 2: the qualifier that separates the excluded group is kept, or the study team reads it


_OTHER_CANCER_THERAPY = [
    # NCT06789172 exc-16 (real, first sentence)
    "Evidence of any other active malignancy requiring systemic therapy within the 2 years "
    "prior to Screening.",
    "Any other malignancy that required systemic treatment within the past 3 years",
    "Another invasive cancer needing chemotherapy within the last 5 years",
    "Prior malignancy requiring active treatment within 2 years of enrollment",
]


@pytest.mark.parametrize("text", _OTHER_CANCER_THERAPY)
def test_another_cancers_therapy_is_no_cancer_medicine_window(text: str) -> None:
    # the father had FOLFIRI 5 weeks ago for the colon cancer the trial is for
    _never_against("exclusion", text, "last_anticancer_therapy", _ago(35))
    assert _of("exclusion", text, "other_cancer"), _rules("exclusion", text)


def test_a_plain_cancer_medicine_window_is_still_read() -> None:
    text = "Systemic anticancer therapy within 4 weeks before the first dose of study drug"
    (item,) = _of("exclusion", text, "last_anticancer_therapy")
    assert _goes_against(item, {"last_anticancer_therapy": _ago(10)})


_GRAFT = [
    # NCT05896839 exc-2 (real)
    ("exclusion", "Patients unwilling or unable to undergo dialysis in the event of allograft "
     "failure"),
    # NCT05896839 inc-1 (real)
    ("inclusion", "Patients must be kidney transplant recipients with a functioning allograft who "
     "do not currently require dialysis"),
    ("exclusion", "Not willing to resume dialysis if the transplanted kidney fails"),
    ("inclusion", "Renal transplant recipients with stable graft function, not on dialysis"),
]  # fmt: skip


@pytest.mark.parametrize("kind,text", _GRAFT)
def test_a_transplanted_kidney_is_no_kidney_disease_question(kind: str, text: str) -> None:
    # k2: kidney transplant 2019 after kidney failure, graft works, answers "yes"
    _never_against(kind, text, "kidney_disease", True)


def test_kidney_disease_needing_dialysis_is_still_read() -> None:
    text = "Severe kidney disease or need for dialysis"
    (item,) = _of("exclusion", text, "kidney_disease")
    assert _goes_against(item, {"kidney_disease": True})


_CHEMOTHERAPY_ONLY = [
    "Administered chemotherapy less than 4 weeks prior to enrollment.",  # NCT05030038 exc-2
    "Cytotoxic chemotherapy within 21 days before the first dose",
    "Received chemotherapy in the 3 weeks before registration",
]


@pytest.mark.parametrize("text", _CHEMOTHERAPY_ONLY)
def test_chemotherapy_is_narrower_than_any_cancer_medicine(text: str) -> None:
    (item,) = _of("exclusion", text, "last_anticancer_therapy")
    # b3: trastuzumab every 3 weeks (allowed elsewhere) answers "any cancer medicine: 2 weeks ago"
    assert _check(item, {"last_anticancer_therapy": _ago(14)}) == ("unknown", False)
    # a "no cancer medicine for months" still settles it
    assert _check(item, {"last_anticancer_therapy": _ago(200)})[0] == "met"


def test_chemotherapy_among_other_cancer_medicines_is_read_whole() -> None:
    text = "Chemotherapy, immunotherapy or targeted therapy within 4 weeks of the first dose"
    (item,) = _of("exclusion", text, "last_anticancer_therapy")
    assert "study team" not in str(item.rule)


# the trial's own population: "must be kidney transplant recipients" is required, so "a liver,
# lung, heart, or pancreas transplant" asked as "an organ transplant?" is the study team's

_RECIPIENTS = [
    # NCT05896839 inc-1 (real)
    "Patients must be kidney transplant recipients with a functioning allograft who do not "
    "currently require dialysis",
    "Recipients of a deceased-donor kidney transplant at least 6 months ago",
    "Must have received a kidney transplant",
]


@pytest.mark.parametrize("text", _RECIPIENTS)
def test_a_transplant_recipients_inclusion_asks_about_the_transplant(text: str) -> None:
    (item,) = _of("inclusion", text, "organ_transplant")
    # k3 answered no to "Have you had an organ transplant": not the trial's population
    assert _goes_against(item, {"organ_transplant": False})
    # a yes (which organ?) is the study team's, never "Meets"
    assert _check(item, {"organ_transplant": True}) == ("unknown", False)


def _trial(*criteria: tuple[str, str]) -> Trial:
    texts = [
        CriterionText(id=f"{kind[:3]}-{n}", kind=kind, text=text)  # type: ignore[arg-type]
        for n, (kind, text) in enumerate(criteria, start=1)
    ]
    return Trial(id="NCT00000001", registry="ctgov", title="A trial", criteria=texts)


@pytest.mark.parametrize(
    "exclusion",
    [
        # NCT05896839 exc-1 (real)
        "Patients who have received a liver, lung, heart, or pancreas transplant; or allogeneic "
        "stem cell transplant; or any kind of bone marrow transplant",
        "Prior solid organ transplant other than kidney",
        "History of organ transplantation",
    ],
)
def test_an_exclusion_every_recipient_matches_goes_to_the_study_team(exclusion: str) -> None:
    trial = _trial(("inclusion", _RECIPIENTS[0]), ("exclusion", exclusion))
    for item in read_criteria(trial):
        if item.kind == "exclusion" and item.concept == "organ_transplant":
            assert item.needs_review, item.rule
            assert not _check(item, {"organ_transplant": True})[1]


def test_a_transplant_exclusion_without_a_recipients_inclusion_is_still_asked() -> None:
    trial = _trial(
        ("inclusion", "Histologically confirmed melanoma"),
        ("exclusion", "History of organ transplantation"),
    )
    (item,) = [i for i in read_criteria(trial) if i.concept == "organ_transplant"]
    assert not item.needs_review and _goes_against(item, {"organ_transplant": True})


# --- kind 4: a permission, an exception or a work-up is no requirement and no exclusion ------

_PERMITTED_MARKER = [
    # NCT05030038 inc-4 (real)
    ("inclusion", "HER2+ breast cancer is allowed if patients are on a monoclonal antibody therapy "
     "for which a change is not anticipated while on study (12 weeks) and they have been on the "
     "monoclonal antibody therapy for at least 4 weeks.", "her2_status"),
    # NCT05030038 exc-4 (real): the marker says which drug is meant
    ("exclusion", "Use of antibody drug conjugate (HER2+ breast cancer)", "her2_status"),
    ("inclusion", "HER2-positive disease is permitted provided trastuzumab is continued",
     "her2_status"),
    ("inclusion", "Patients with EGFR-mutant NSCLC are also eligible if they progressed on "
     "osimertinib", "egfr_status"),
    ("exclusion", "Prior tyrosine kinase inhibitor for HER2-positive breast cancer", "her2_status"),
]  # fmt: skip


@pytest.mark.parametrize("kind,text,concept", _PERMITTED_MARKER)
def test_a_permitted_marker_is_no_requirement(kind: str, text: str, concept: str) -> None:
    for answer in ("positive", "negative"):  # b2 (HER2-negative) and b3 (HER2+) both pass
        _never_against(kind, text, concept, answer)


_ALLOWED_CONDITION = [
    # NCT06789172 exc-10 (real)
    "For participants planned to receive combination therapy: Ongoing and history of active "
    "autoimmune disease that has required systemic treatment in the past 2 years (i.e. with use "
    "of disease modifying agents, corticosteroids or immunosuppressive drugs). Any replacement "
    "therapy (i.e. thyroxine, insulin, or physiologic corticosteroid replacement therapy for "
    "adrenal or pituitary insufficiency, etc.) is not considered a form of systemic treatment and "
    "is allowed. Participants with hyperthyroidism or hypothyroidism but that are stable on "
    "hormone replacement are also allowed.",
    "Active autoimmune disease requiring systemic treatment within the past 2 years",
    "Autoimmune disease that needed immunosuppressive therapy in the last year; hormone "
    "replacement therapy is allowed",
]


@pytest.mark.parametrize("text", _ALLOWED_CONDITION)
def test_autoimmune_disease_needing_treatment_is_narrower(text: str) -> None:
    # o1: Hashimoto's on levothyroxine answers "yes"
    _never_against("exclusion", text, "autoimmune_disease", True)
    _never_against("exclusion", text, "autoimmune_disease", False)


_ONE_GROUPS_DRUG = [
    # NCT05896839 inc-3 (real)
    "Patients must have histologically or cytologically confirmed non-uveal melanoma, basal cell "
    "carcinoma, Merkel cell carcinoma, or cutaneous squamous cell carcinoma for which standard "
    "non-immunological medical, surgical, or radiation therapy would be insufficient (i.e., "
    "patients who are not surgical candidates). Patients with cutaneous squamous cell carcinoma "
    "or Merkel cell carcinoma may enroll without prior medical therapy (e.g., cetuximab or "
    "chemotherapy respectively). Non-immunologic standard therapies that patients must have "
    "received, refused or for which patients were ineligible include:\n"
    "- For patients with BRAF-mutant melanoma, prior therapies include BRAF/MEK inhibitors\n"
    "- For patients with Basal cell carcinoma, prior therapies include hedgehog pathway "
    "inhibitors",
    "For patients with BRAF V600-mutant melanoma, prior treatment must include a MEK inhibitor",
    "Must have received, or refused, prior MEK inhibitor therapy",
]


@pytest.mark.parametrize("text", _ONE_GROUPS_DRUG)
def test_a_drug_required_of_one_group_or_refusable_is_no_requirement(text: str) -> None:
    # k1b (cSCC) and k3 (Merkel) never had a MEK inhibitor
    _never_against("inclusion", text, "prior_mek_inhibitor", False)


def test_a_plain_drug_requirement_is_still_read() -> None:
    text = "Must have received prior treatment with a MEK inhibitor"
    (item,) = _of("inclusion", text, "prior_mek_inhibitor")
    assert _goes_against(item, {"prior_mek_inhibitor": False})


_SOME_BRAIN_METASTASES = [
    # NCT05896839 exc-8 (real)
    "Patients with leptomeningeal metastases, more than 3 untreated central nervous system (CNS) "
    "metastases, untreated brain metastases measuring >1cm, or requiring treatment-dose steroids "
    "(> 10 mg/day prednisone equivalents) for CNS-related symptoms. Exclusions are due to "
    "concerns regarding progressive neurologic dysfunction that would confound the evaluation of "
    "neurologic and other AEs. Patients with brain metastases meeting the above requirements are "
    "permitted to enroll",
    "Untreated brain metastases larger than 1 cm",
    "More than 5 brain metastases",
]


@pytest.mark.parametrize("text", _SOME_BRAIN_METASTASES)
def test_only_some_brain_metastases_exclude(text: str) -> None:
    # k2: one small spot treated with gamma knife last year, stable, answers "yes"
    _never_against("exclusion", text, "brain_metastases", True)


_WORK_UP = [
    # NCT05896839 exc-14 (real, the heart part)
    "In addition, patients with a history of cardiac disease including coronary artery disease "
    "(CAD), myocardial infarction (MI), cardiomyopathy, arrhythmia, heart block, should have an "
    "evaluation by history pulmonary embolism (PE) and appropriate testing to allow evaluation of "
    "any events that may occur on study.",
    "Patients with a prior myocardial infarction should be evaluated by a cardiologist before "
    "enrolment",
    "Participants with a history of pulmonary embolism or arrhythmia should undergo assessment "
    "with an echocardiogram",
]


@pytest.mark.parametrize("text", _WORK_UP)
def test_a_work_up_is_no_exclusion(text: str) -> None:
    answers = {
        "heart_disease": True,
        "heart_rhythm_problem": True,
        "last_heart_attack": _ago(3000),
        "last_blood_clot": _ago(3000),
    }
    for concept, answer in answers.items():
        _never_against("exclusion", text, concept, answer)


def test_anticonvulsants_allowed_beside_cns_disease_never_asks_about_seizures() -> None:
    text = (  # NCT03608631 exc-3 (real, shortened)
        "Known CNS (central nervous system) disease, except for treated brain metastasis. "
        "Treated brain metastases are defined as having no evidence of progression or hemorrhage "
        "after treatment and no ongoing requirement for dexamethasone. Anticonvulsants (stable "
        "dose) are allowed."
    )
    _never_against("exclusion", text, "seizures", True)


# --- kind 5: the defining inclusion is not met from a biopsy alone; each kind of radiation has
# its own window


_DEFINING = [
    # NCT03608631 inc-1 (real)
    "Patients with histologically confirmed metastatic pancreatic ductal adenocarcinoma harboring "
    "KrasG12D mutation",
    "Histologically confirmed colorectal adenocarcinoma with a KRAS G12D mutation",
    "Cytologically confirmed NSCLC harboring a BRAF V600E mutation",
]


@pytest.mark.parametrize("text", _DEFINING)
def test_a_biopsy_alone_does_not_meet_a_mutation_inclusion(text: str) -> None:
    # p2: "my mutation is KRAS G12V not G12D", biopsy yes
    for item in _of("inclusion", text, "histology_confirmed"):
        assert _check(item, {"histology_confirmed": True})[0] != "met", _rules("inclusion", text)
        assert _goes_against(item, {"histology_confirmed": False})


_RADIATION_KINDS = [
    # NCT06789172 exc-1 (real)
    "Ongoing or recent anticancer therapy within the following timeframe prior to first dose of "
    "study drug:\n1. Chemotherapy, ADCs, or other antibodies < 21 days\n2. Immunotherapy or "
    "cellular therapy < 28 days\n3. Radiation therapy (palliative radiation for bone pain <48 "
    "hours; stereotactic or small field brain irradiation <7 days; all other radiation therapy "
    "<14 days)\n4. TKI or any other anticancer therapy < 5 half-lives or < 7 days, whichever is "
    "longer",
    "Radiotherapy (palliative radiotherapy within 7 days; any other radiotherapy within 4 weeks)",
    "Prior radiation therapy (within 2 weeks for palliative bone radiation, within 6 weeks for "
    "radiation to the chest)",
]


@pytest.mark.parametrize("text", _RADIATION_KINDS)
def test_radiation_windows_per_kind_keep_the_longest_for_the_study_team(text: str) -> None:
    (item,) = _of("exclusion", text, "last_radiotherapy")
    # o2: "10 days ago, to the chest" is not "not excluded"
    assert _check(item, {"last_radiotherapy": _ago(10)}) == ("unknown", False)
    assert _check(item, {"last_radiotherapy": _ago(120)})[0] == "met"


def test_one_radiation_window_is_still_read() -> None:
    text = "Radiation therapy within 14 days before the first dose"
    (item,) = _of("exclusion", text, "last_radiotherapy")
    assert _goes_against(item, {"last_radiotherapy": _ago(10)})


# --- kind 8: criteria a patient can answer are asked: everyday medicines with a stop before the
# study drug, an infection that needs a drip


_EVERYDAY_MEDICINES = [
    # NCT05030038 exc-1 (real)
    ("Have been on antibiotics within 4 weeks of enrollment.", "prior_antibiotic", 28),
    ("Use of antibiotics within 2 weeks prior to the first stool sample", "prior_antibiotic", 14),
    ("Use of proton pump inhibitors within 7 days before the first dose",
     "prior_proton_pump_inhibitor", 7),
    # NCT06789172 exc-8 (real): the 7 days are the PPIs', the 12 hours the H2 blockers'
    ("Systemic treatment with any drug known to impact gastrointestinal pH within 7 days (PPIs) "
     "or 12 hours (H2 antagonists) of first dose of OKN4395.", "prior_proton_pump_inhibitor", 7),
    ("Regular use of non-steroidal anti-inflammatory drugs within 14 days of starting treatment",
     "prior_nsaid", 14),
]  # fmt: skip


@pytest.mark.parametrize("text,concept,days", _EVERYDAY_MEDICINES)
def test_an_everyday_medicine_with_a_stop_is_asked(text: str, concept: str, days: int) -> None:
    (item,) = _of("exclusion", text, concept)
    assert not item.needs_review and f"within {days} days" in str(item.rule)
    # "amoxicillin 2 weeks ago" / "omeprazole daily" goes against it, "not for months" does not
    assert _goes_against(item, {concept: True, f"last_{concept[6:]}": _ago(days - 1)})
    assert not _goes_against(item, {concept: True, f"last_{concept[6:]}": _ago(days + 60)})


@pytest.mark.parametrize(
    "text",
    [
        "Active infection requiring systemic antibiotics",
        "Infection requiring IV antibiotics within 14 days",
        "Prophylactic antibiotics are allowed",
    ],
)
def test_an_infections_treatment_is_no_antibiotic_question(text: str) -> None:
    for item in _of("exclusion", text, "prior_antibiotic"):
        assert item.needs_review, _rules("exclusion", text)


def test_an_antibiotic_named_as_an_interaction_is_no_prior_treatment() -> None:
    text = (  # NCT04981509 exc-23 (real, shortened)
        "Concomitant therapy with potent CYP450 1A2 inhibitors (fluoroquinolone antibiotics "
        "including ciprofloxacin, levofloxacin, and norfloxacin; ticlopidine, cimetidine, "
        "amiodarone, etc.) who cannot discontinue these medications"
    )
    for item in _read("exclusion", text):
        if item.concept and item.concept.startswith("prior_"):
            assert item.needs_review, _rules("exclusion", text)


@pytest.mark.parametrize(
    "text",
    [
        "Any active infection (bacterial, viral, fungal) requiring IV systemic therapy.",  # real
        "Active infection requiring intravenous treatment",
        "Serious infection requiring hospitalization",
        "Active bacterial infection requiring intravenous [IV] antibiotics",
    ],
)
def test_an_infection_needing_a_drip_asks_about_infection(text: str) -> None:
    (item,) = _of("exclusion", text, "active_infection")
    assert not item.needs_review  # asked: a "no" settles it
    assert _check(item, {"active_infection": False})[0] == "met"
    assert _check(item, {"active_infection": True}) == ("unknown", False)


# --- kind 8: wrong concepts hide questions: an acid medicine or a bowel bleeding is no problem
# absorbing pills


_NOT_ABSORBING = [
    # NCT06789172 exc-8 (real)
    "Systemic treatment with any drug known to impact gastrointestinal pH within 7 days (PPIs) or "
    "12 hours (H2 antagonists) of first dose of OKN4395.",
    # NCT06789172 exc-6 (real)
    "Known history of bleeding disorders, INR ≥1.5 × ULN at screening (or INR and/or aPTT within "
    "therapeutic range if on anticoagulation therapy), or a history of gastrointestinal bleeding "
    "(inflammatory, ulcerative, or diverticular) within the last 2 years.",
    "Use of proton pump inhibitors within 7 days before the first dose",
    "Upper GI bleeding within the past 6 months",
    "Gastrointestinal bleeding within 3 months",
]


@pytest.mark.parametrize("text", _NOT_ABSORBING)
def test_acid_medicines_and_bowel_bleeding_are_no_absorption_question(text: str) -> None:
    # "he takes omeprazole for heartburn, otherwise no" is no answer to this criterion
    for item in _of("exclusion", text, "digestive_problem"):
        assert item.needs_review, _rules("exclusion", text)


def test_a_bowel_bleeding_asks_about_bleeding() -> None:
    (item,) = _of("exclusion", "Gastrointestinal bleeding within 3 months", "last_serious_bleeding")
    assert _goes_against(item, {"last_serious_bleeding": _ago(30)})

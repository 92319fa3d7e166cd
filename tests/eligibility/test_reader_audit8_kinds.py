"""Kinds a coordinator's audit of five unseen trials (audit 8) found. Each with the real criterion
and a few variants written for the kind or taken from other corpus records.

1. Scope: a cohort or part named before a criterion's colon ("Cohort 1 (n=200 participants):
   ...", "(ARM VII): ...", "RT Cohort: ...", "Dose expansion cohort 1: ...") or a disease and
   its parts ("CRC: Part 1A, Part 2A-CRC, Part 1B, and Part 2B: i) ...") is the criterion's
   `applies_to`, so alternative cohorts are not all required of everyone; a name that only holds
   a group word ("Eastern Cooperative Oncology Group (ECOG) Performance Status: 0-1") is none.
2. Plain facts a patient knows (an infection needing systemic therapy with IV antibiotics as its
   example, earlier systemic treatment for the trial's own cancer, a prior donor stem cell
   transplant, 177Lu written mass number first) are asked, a "yes" for the study team where the
   question is broader.
3. A concept picked by a surface word: embolization, TTP/HUS, an AIDS-defining infection,
   steroids that treated a side effect, drugs required "if available".
4. A cancer susceptibility gene is no other cancer; spinal cord compression is no brain spread.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from split_texts import record_text

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionKind, CriterionText, Trial
from trialbot.eligibility import read_criterion
from trialbot.eligibility.reader import read_criteria
from trialbot.sources.criteria_split import split_criteria


def _read(kind: CriterionKind, text: str) -> list[StructuredCriterion]:
    return read_criterion(CriterionText(id=f"{kind[:3]}-1", kind=kind, text=text))


def _record(corpus: Path, nct_id: str) -> dict[str, list[StructuredCriterion]]:
    """Each criterion id of a corpus record with its readings."""
    trial = Trial(
        id=nct_id, registry="ctgov", title="t",
        criteria=split_criteria(record_text(corpus, nct_id)),
    )  # fmt: skip
    read: dict[str, list[StructuredCriterion]] = {}
    for item in read_criteria(trial):
        read.setdefault(item.id.rstrip("abcdefgh"), []).append(item)
    return read


# --- 1. cohort and part names before a criterion's colon --------------------------------------


def test_the_parts_of_each_disease_scope_their_criteria(corpus_dir: Path) -> None:
    """NCT06730750: the CRC, NSCLC and GC parts' criteria are each for their part only, and the
    ECOG line numbered as the GC part's item ii) stays with it (a guess that it is everyone's
    could exclude a CRC or NSCLC patient the trial takes)."""
    read = _record(corpus_dir, "NCT06730750")
    assert {c.applies_to for c in read["inc-1"]} == {None}
    assert {c.applies_to for c in read["inc-2"]} == {
        "CRC: Part 1A, Part 2A-CRC, Part 1B, and Part 2B"
    }
    assert {c.applies_to for c in read["inc-3"]} == {"NSCLC: Part 2A-NSCLC/GC, 2L+ NSCLC"}
    assert {c.applies_to for c in read["inc-4"]} == {"GC: Part 2A-NSCLC/GC, 2L+ GC"}
    assert all(c.confidence != "certain" for i in ("inc-2", "inc-3", "inc-4") for c in read[i])
    assert {c.applies_to for c in read["exc-1"]} == {None}


def test_alternative_cohorts_are_each_scoped(corpus_dir: Path) -> None:
    """NCT04794322: Cohort 1 (surgery for a suspected mass) and Cohort 2 (BRCA carriers before
    risk-reducing surgery) are alternatives; the intact-uterus criterion is everyone's."""
    read = _record(corpus_dir, "NCT04794322")
    assert {c.applies_to for c in read["inc-1"]} == {None}
    assert {c.applies_to for c in read["inc-2"]} == {"Cohort 1 (n=200 participants)"}
    assert {c.applies_to for c in read["inc-3"]} == {"Cohort 2 (n=50 participants)"}
    assert all(c.confidence != "certain" for c in read["inc-3"])


@pytest.mark.parametrize(
    ("nct_id", "criterion", "scope"),
    [
        ("NCT04903873", "inc-4", "Cohort 2 (NSCLC)"),
        ("NCT04421820", "exc-20", "ARM VII"),
        ("NCT04792489", "inc-22", "RT Cohort"),
        ("NCT06130254", "inc-3", "Dose expansion cohort 1"),
        ("NCT03331198", "inc-11", "venetoclax + JCAR017 combination cohort"),
    ],
)
def test_cohort_names_of_other_records_scope_their_criteria(
    corpus_dir: Path, nct_id: str, criterion: str, scope: str
) -> None:
    assert {c.applies_to for c in _record(corpus_dir, nct_id)[criterion]} == {scope}


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("Breast cancer: Part 2A and Part 2B: ECOG 0 to 2", "Breast cancer: Part 2A and Part 2B"),
        ("HNSCC: Cohorts B1 and B2: i) Measurable disease", "HNSCC: Cohorts B1 and B2"),
        ("Arm B (n=30 patients): ECOG performance status 0 or 1", "Arm B (n=30 patients)"),
        ("Mantle cell lymphoma (MCL) cohort: ECOG 0 to 2", "Mantle cell lymphoma (MCL) cohort"),
        ("a) Phase 1a: ECOG performance status 0 or 1", "Phase 1a"),
    ],
)
def test_written_cohort_names_scope_the_criterion(text: str, scope: str) -> None:
    read = _read("inclusion", text)
    assert {c.applies_to for c in read} == {scope}
    assert all(c.confidence != "certain" for c in read)


@pytest.mark.parametrize(
    "text",
    [
        "Eastern Cooperative Oncology Group (ECOG) Performance Status: 0-1",
        "Part of a vulnerable population (ex: prisoners)",
        "Histologically confirmed recurrent disease for the respective cohort: see protocol",
        "Prior treatments: - Cohort A: progressed on tucatinib - Cohort B: no prior tucatinib",
    ],
)
def test_words_holding_a_group_word_that_name_no_group_scope_nothing(text: str) -> None:
    assert {c.applies_to for c in _read("inclusion", text)} == {None}


def test_a_performance_status_named_by_its_group_stays_certain() -> None:
    read = _read("inclusion", "Eastern Cooperative Oncology Group (ECOG) Performance Status: 0-1")
    assert [(c.concept, c.confidence) for c in read] == [("ecog_level", "certain")]


def test_part_headings_on_their_own_line_scope_the_criteria_under_them() -> None:
    text = (
        "Inclusion Criteria:\n\n* Age 18 years or older\n\nNSCLC part:\n\n"
        "* ECOG performance status 0 or 1\n\nGC part:\n\n* ECOG 0 to 2\n\n"
        "Exclusion Criteria:\n\n* Pregnant"
    )
    trial = Trial(id="NCT1", registry="ctgov", title="t", criteria=split_criteria(text))
    read = {c.text: (c.applies_to, c.confidence) for c in read_criteria(trial)}
    assert read["Age 18 years or older"] == (None, "certain")
    assert read["ECOG performance status 0 or 1"] == ("NSCLC part", "partial")
    assert read["ECOG 0 to 2"] == ("GC part", "partial")
    assert read["Pregnant"] == (None, "certain")


# --- 3. a concept picked by a surface word ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT04609592 exc-2 (real)
        "Any surgery or radiofrequency ablation within 12 weeks prior to enrollment in the study; "
        "or prior radioembolization; chemoembolization; or external beam radiation therapy (EBRT) "
        "to > 25% of bone marrow, at any time",
        "Prior transarterial chemoembolisation (TACE) of the liver",
        "Previous hepatic artery embolization or radioembolization",
        # NCT06462365 exc-7 (real)
        "Subjects with a previous history of Thrombotic Thrombocytopenic Purpura (TTP) or "
        "Hemolytic Uremic Syndrome (HUS) who are not good candidates for treatment with "
        "sirolimus.",
        "History of thrombotic microangiopathy",
    ],
)
def test_embolization_and_ttp_are_no_blood_clot(text: str) -> None:
    assert "last_blood_clot" not in {c.concept for c in _read("exclusion", text)}


@pytest.mark.parametrize(
    "text",
    ["History of pulmonary embolism within 6 months", "Deep vein thrombosis in the past 3 months"],
)
def test_a_clot_is_still_a_blood_clot(text: str) -> None:
    assert "last_blood_clot" in {c.concept for c in _read("exclusion", text)}


@pytest.mark.parametrize(
    "text",
    [
        # NCT06136559 exc-4 (real)
        "Has had acquired immune deficiency syndrome (AIDS)-defining opportunistic infection in "
        "the past 12 months before screening.",
        "AIDS-defining illness within the last year",
        "History of an AIDS-related opportunistic infection in the past 6 months",
    ],
)
def test_an_aids_defining_infection_is_no_hiv_exclusion(text: str) -> None:
    """Someone with HIV and no such infection is not excluded: a "yes" to HIV goes to the study
    team, a "no" settles it."""
    (hiv,) = [c for c in _read("exclusion", text) if c.concept == "hiv"]
    assert hiv.confidence != "certain"
    assert hiv.rule == "hiv == yes and study team"


def test_hiv_named_beside_an_aids_defining_illness_stays_the_hiv_question() -> None:
    (hiv,) = _read("exclusion", "Known HIV infection or history of AIDS-defining illness")
    assert (hiv.concept, hiv.rule) == ("hiv", "hiv == yes")


@pytest.mark.parametrize(
    "text",
    [
        # NCT06136559 exc-11 (real)
        "Received prior radiotherapy within 2 weeks of start of study intervention, or "
        "radiation-related toxicities, requiring corticosteroids.",
        "History of immune-related adverse events requiring systemic steroids",
        "Radiation side effects that needed treatment with corticosteroids",
    ],
)
def test_steroids_that_treated_a_side_effect_are_no_steroid_use(text: str) -> None:
    read = [c for c in _read("exclusion", text) if c.concept == "immunosuppressive_medicine"]
    assert all(c.condition == {"op": "review"} for c in read)


def test_steroids_taken_now_are_still_asked() -> None:
    (read,) = _read(
        "exclusion", "Current use of systemic corticosteroids or other immunosuppressive medication"
    )
    assert read.rule == "immunosuppressive_medicine == yes"


@pytest.mark.parametrize(
    "text",
    [
        # NCT06730750 inc-2 (real, after its part prefix)
        "Locally advanced/metastatic, recurrent, or unresectable CRC with adenocarcinoma histology "
        "and whose disease has progressed after systemic cancer therapy in the metastatic or "
        "adjuvant setting including 5-FU, irinotecan, and/or oxaliplatin (if available and not "
        "contraindicated).",
        "Prior treatment with a fluoropyrimidine and oxaliplatin, unless contraindicated",
        "Progressed after prior irinotecan or oxaliplatin where available",
    ],
)
def test_drugs_required_only_if_available_are_for_the_study_team(text: str) -> None:
    read = _read("inclusion", text)
    drugs = [c for c in read if (c.concept or "").startswith("prior_")]
    assert drugs
    assert all(c.condition == {"op": "review"} for c in drugs)


@pytest.mark.parametrize(
    "text",
    [
        "Progressed after prior treatment with fluorouracil, irinotecan and/or oxaliplatin",
        "Prior treatment with irinotecan and/or oxaliplatin",
    ],
)
def test_drugs_listed_with_and_or_are_alternatives(text: str) -> None:
    drugs = [c for c in _read("inclusion", text) if (c.concept or "").startswith("prior_")]
    assert len(drugs) == 1
    assert drugs[0].rule is not None and drugs[0].rule.startswith("any of: ")


# --- 2. plain facts a patient knows, sent to the study team -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06136559 exc-14 (real)
        "Has active infection requiring systemic therapy, including intravenous (IV) antibiotics "
        "during screening.",
        "Active infection requiring systemic treatment, such as IV antibiotics",
        "Active infection requiring systemic therapy",
    ],
)
def test_iv_antibiotics_as_an_example_of_systemic_therapy_is_the_infection_question(
    text: str,
) -> None:
    assert [(c.concept, c.confidence, c.rule) for c in _read("exclusion", text)] == [
        ("active_infection", "certain", "active_infection == yes")
    ]


def test_an_infection_needing_iv_antibiotics_only_stays_with_the_study_team() -> None:
    # asked as the infection question (audit14): a "no" settles it, a "yes" is the study team's
    (read,) = _read("exclusion", "Active infection requiring intravenous antibiotics")
    assert read.rule == "active_infection == yes and study team"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # NCT06136559 exc-9 (real): systemic only, so a "yes" is for the study team
        ("Has received any systemic anticancer therapy for CLL/SLL.", "and study team"),
        ("Prior systemic therapy for their disease", "and study team"),
        ("Any prior therapy for multiple myeloma", ""),
        ("Prior treatment for CLL", ""),
    ],
)
def test_earlier_treatment_for_the_trials_own_cancer_is_asked(text: str, rule: str) -> None:
    (read,) = _read("exclusion", text)
    assert read.concept == "prior_cancer_treatment"
    assert read.rule == f"prior_cancer_treatment == yes {rule}".strip()
    assert read.confidence != "certain"  # the cancer named is the trial's own: not checked here


@pytest.mark.parametrize(
    "text",
    [
        "Prior systemic therapy for metastatic disease",  # a setting: adjuvant treatment is fine
        "Prior treatment for CLL with a BTK inhibitor",  # one class only
    ],
)
def test_earlier_treatment_narrowed_is_no_question_of_any_treatment(text: str) -> None:
    assert "prior_cancer_treatment" not in {c.concept for c in _read("exclusion", text)}


@pytest.mark.parametrize(
    "text",
    [
        # NCT06462365 exc-1 (real)
        "Prior allogeneic bone marrow, peripheral blood, or cord blood HSCT.",
        "Prior allogeneic stem cell transplant",
        "History of allogeneic hematopoietic cell transplantation",
        # moved from test_misreadings: asked, but a "yes" still never flags
        "Undergone allogenic bone marrow transplant or double umbilical cord blood "
        "transplantation (dUCBT).",
    ],
)
def test_a_prior_donor_stem_cell_transplant_is_the_transplant_question(text: str) -> None:
    """The question also takes in an organ transplant: a "no" settles it, a "yes" is for the
    study team."""
    (read,) = _read("exclusion", text)
    assert (read.concept, read.rule) == (
        "organ_transplant",
        "organ_transplant == yes and study team",
    )


def test_bone_marrow_without_a_donor_transplant_is_no_transplant() -> None:
    assert "organ_transplant" not in {
        c.concept for c in _read("exclusion", "Bone marrow involvement by lymphoma")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Prior 177Lu Dotatate treatment",  # NCT04609592 exc-1 (real)
        "Previous peptide receptor radionuclide therapy with Lu177-DOTATATE",
        "Prior treatment with 177-Lu-PSMA-617",
    ],
)
def test_lutetium_177_written_mass_number_first_is_the_named_drug(text: str) -> None:
    assert "prior_lutetium_177" in {c.concept for c in _read("exclusion", text)}


def test_a_dotatate_scan_is_no_lutetium_treatment() -> None:
    read = _read("inclusion", "SSTR-positive disease on Ga-68 DOTATATE PET")
    assert "prior_lutetium_177" not in {c.concept for c in read}


# --- 4. part 8a leftovers: a gene and a compressed cord ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05961124 exc-22 (real)
        "Patients with a known breast cancer susceptibility gene (BRCA1 and 2) mutation (as they "
        "routinely receive olaparib at our institution) If BRCA unknown they are not excluded.",
        "Known carrier of a breast cancer susceptibility gene mutation",
        "Germline mutation in a cancer predisposition gene",
    ],
)
def test_a_cancer_susceptibility_gene_is_no_other_cancer(text: str) -> None:
    read = [c for c in _read("exclusion", text) if c.concept == "other_cancer"]
    assert all(c.condition == {"op": "review"} for c in read)


def test_another_cancer_is_still_asked() -> None:
    (read,) = _read("exclusion", "History of another cancer within 3 years")
    assert read.rule == (
        "other_cancer within 1096 days and (not other_cancer_low_risk or study team)"
    )


@pytest.mark.parametrize(
    "text",
    [
        # NCT06225804 exc-10 (real)
        "Have current spinal cord compression (symptomatic or asymptomatic and detected by "
        "radiographic imaging) or leptomeningeal disease (symptomatic or asymptomatic).",
        "Untreated spinal cord compression",
        "Malignant spinal cord compression requiring radiotherapy",
    ],
)
def test_spinal_cord_compression_is_no_brain_metastasis(text: str) -> None:
    read = [c for c in _read("exclusion", text) if c.concept == "brain_metastases"]
    assert all(c.condition == {"op": "review"} for c in read)


def test_brain_metastases_beside_cord_compression_are_still_asked() -> None:
    read = _read("exclusion", "Symptomatic brain metastases or spinal cord compression")
    assert [c.concept for c in read] == ["brain_metastases"]
    assert read[0].confidence != "certain"


def test_the_lining_beside_cord_compression_is_the_leptomeningeal_question() -> None:
    text = "Symptomatic or untreated leptomeningeal disease or spinal cord compression"
    assert "leptomeningeal_disease" in {c.concept for c in _read("exclusion", text)}


@pytest.mark.parametrize(
    "text",
    [
        # NCT06403436 inc-1 (real)
        "Males and nonpregnant and non-breastfeeding females, aged ≥ 18 years of age at the time "
        "of signing the informed consent.",
        "Men and women aged 18 years or older who are not pregnant or breastfeeding",
        "Male and female patients, not pregnant, aged 18 years or older",
    ],
)
def test_an_age_for_both_sexes_beside_pregnancy_is_kept(text: str) -> None:
    ages = [c for c in _read("inclusion", text) if c.concept == "age_years"]
    assert [c.rule for c in ages] == ["age_years >= 18"]

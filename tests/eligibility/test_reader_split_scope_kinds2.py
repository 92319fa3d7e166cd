"""Kinds of the split and scope stages, second round: where one criterion ends and which group
it is for.

1. A lead of alternatives or conditions ("Participants must meet at least one of the following
   criteria:", "... with one or more of the following:", "... are eligible, provided they meet
   all of the following criteria:") written with its items at its own indent keeps them as one
   criterion: the items are alternatives (or the conditions of one exception), not required
   criteria of their own. In an exclusion section "any of the following" lists separate
   exclusions and stays split.
2. A lead-in naming an arm or cohort scopes the criteria under it (`applies_to`): a sub-heading
   ("For ASP3082 Combination Therapy:", "For participants in the atezolizumab cohort:") or a
   section heading that names its group after "for" or "only to", or in brackets ("Additional
   Exclusion Criteria for Giredestrant + Ipatasertib Arm (Cohort 1, Stage 1):", "Following
   additional exclusion criteria applies only to the patients in the cohort including
   atezolizumab:").
3. Item numbers written inside a line ("... kg/m2 at the screening visit. 5. Medically healthy
   ...") start the section's next criteria when they follow its last item number (one may be
   skipped), never at a decimal, "Grade 2.", "Exclusion Criterion 10." or a date.
4. A heading that names every group ("For both Cohorts 1 and 2:", "DOSE ESCALATION AND DOSE
   EXPANSION PHASES", "Phase 1 and Phase 2 ...") is for everyone: no scope.
Each with the real record and a few variants written for the kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from split_texts import record_text, split_texts

from trialbot.domain.trial import Trial
from trialbot.eligibility import read_criteria
from trialbot.eligibility.scope import heading_scope, section_group
from trialbot.sources.criteria_split import split_criteria
from trialbot.sources.readers import read_document


def _scopes(text: str) -> dict[str, str | None]:
    """Criterion id -> applies_to of every reading of an eligibility text."""
    trial = Trial(id="NCT1", registry="ctgov", title="t", criteria=split_criteria(text))
    return {c.id: c.applies_to for c in read_criteria(trial) if "-" in c.id}


def _record_scopes(corpus: Path, nct_id: str) -> dict[str, str | None]:
    """Criterion id (without its reading's letter) -> applies_to of its first reading."""
    trial = read_document(corpus / f"{nct_id}.json")[0]
    scopes: dict[str, str | None] = {}
    for reading in read_criteria(trial):
        if "-" in reading.id:
            scopes.setdefault(reading.id.rstrip("abcdefghij"), reading.applies_to)
    return scopes


# --- 1. A lead of alternatives or conditions with its items at its own indent -----------------


def test_at_least_one_of_the_following_keeps_its_alternatives(corpus_dir: Path) -> None:
    """NCT06608511: the two skin cancer alternatives are one criterion under their lead."""
    items = dict(split_texts(record_text(corpus_dir, "NCT06608511")))
    assert items["inc-1"] == "Age ≥18 years."
    assert items["inc-2"].startswith(
        "Participants must meet at least one of the following criteria: - Finding suspicious of "
        "melanoma"
    )
    assert items["inc-2"].endswith(
        "- A confirmed diagnosis of melanoma or non-melanoma skin cancer."
    )
    assert [i for i in items if i.startswith("inc-")] == ["inc-1", "inc-2"]
    assert [i for i in items if i.startswith("exc-")] == ["exc-1", "exc-2"]


def test_provided_they_meet_all_keeps_its_conditions_up_to_the_next_criterion(
    corpus_dir: Path,
) -> None:
    """NCT05800587: the three conditions of the brain metastases exception stay with it; the
    list ends at "May have received prior therapy ...", a criterion of its own."""
    items = dict(split_texts(record_text(corpus_dir, "NCT05800587")))
    assert items["inc-5"].startswith(
        "History of treated or untreated asymptomatic CNS metastases are eligible, provided they "
        "meet all of the following criteria: - No ongoing requirement for corticosteroids"
    )
    assert "- No stereotactic radiation" in items["inc-5"]
    assert "- Stable doses of anti-seizure medications are allowed" in items["inc-5"]
    assert items["inc-6"].startswith("May have received prior therapy for lung cancer.")
    assert items["inc-7"] == "Age > 18 years"


def test_at_least_one_of_the_following_ends_at_a_criterion_of_its_own(corpus_dir: Path) -> None:
    """NCT06520345: two ways of progressing are alternatives; "Have disease that is
    PSMA-positive" is the next criterion."""
    items = dict(split_texts(record_text(corpus_dir, "NCT06520345")))
    assert items["inc-6"].startswith("Have a disease that is progressing at study entry")
    assert "- Two consecutive rising PSA values" in items["inc-6"]
    assert "- Progressive disease or new lesion(s)" in items["inc-6"]
    assert items["inc-7"].startswith("Have disease that is PSMA-positive")


def test_a_plain_lead_keeps_nested_alternatives(corpus_dir: Path) -> None:
    """NCT06078267: the plain lead's two alternatives, the second with its own four, are the one
    inclusion criterion."""
    items = dict(split_texts(record_text(corpus_dir, "NCT06078267")))
    assert items["inc-1"].startswith("Heart failure (HF) patients regardless of ejection fraction")
    assert "- New York Heart Association (NYHA) Class III-IV" in items["inc-1"]
    assert "- NYHA Class II HF with one or more of the following:" in items["inc-1"]
    assert items["inc-1"].endswith("- Chronic obstructive pulmonary disease (COPD)")
    assert [i for i in items if i.startswith("inc-")] == ["inc-1"]
    assert items["exc-1"] == "Under 18 years of age"


@pytest.mark.parametrize(
    ("text", "joined", "after"),
    [
        (
            "Inclusion Criteria:\n\n* Age 18 or older\n* Must meet one of the following:\n"
            "* Prior radical prostatectomy\n* Prior radiotherapy to the prostate\n\n"
            "Exclusion Criteria:\n\n* Pregnant",
            "Must meet one of the following: - Prior radical prostatectomy - Prior radiotherapy "
            "to the prostate",
            None,
        ),
        (
            "Inclusion Criteria:\n\n1. Age 18 or older\n2. High risk disease, defined by the "
            "following criteria:\n3. Gleason score 8-10\n4. PSA above 20 ng/mL\n5. Willing to "
            "provide consent\n\nExclusion Criteria:\n\n1. Pregnant",
            "High risk disease, defined by the following criteria: 3. Gleason score 8-10 4. PSA "
            "above 20 ng/mL",
            "Willing to provide consent",
        ),
        (
            "Inclusion Criteria:\n\n- ECOG 0-1\n- Patients with any of the following:\n"
            "- Relapsed disease\n- Refractory disease\n- Participants must have adequate organ "
            "function\n",
            "Patients with any of the following: - Relapsed disease - Refractory disease",
            "Participants must have adequate organ function",
        ),
        (
            "Inclusion Criteria:\n\n* Age 18 or older\n\nExclusion Criteria:\n\n* Pregnant\n"
            "* Brain metastases, unless eligible provided they meet all of the following:\n"
            "* Stable for 4 weeks\n* Off steroids\n* Has an active infection\n",
            "Brain metastases, unless eligible provided they meet all of the following: - "
            "Stable for 4 weeks - Off steroids",
            "Has an active infection",
        ),
    ],
)
def test_a_lead_of_alternatives_written_at_its_own_indent(
    text: str, joined: str, after: str | None
) -> None:
    """Variants: bullets, numbers, a list that ends at an own criterion, an exception's
    conditions in an exclusion section."""
    items = [body for _, body in split_texts(text)]
    assert joined in items
    at = items.index(joined)
    if after is not None:
        assert items[at + 1] == after


@pytest.mark.parametrize(
    "text",
    [
        # An exclusion list of "any of the following": each item excludes on its own.
        "Exclusion Criteria:\n\n* Pregnant\n* Patient has any of the following:\n"
        "* Uncontrolled hypertension\n* Active infection\n",
        # An exclusion section's lead.
        "Exclusion Criteria:\n\n* Patients who meet any of the following criteria will be "
        "excluded:\n* Uncontrolled hypertension\n* Active infection\n",
        # A list that does not end cleanly (no sibling after it) is left as written.
        "Inclusion Criteria:\n\nPediatric or adult subjects with one of the following:\n\n"
        "* Diagnosis of any tumor\n* Relatives of a patient with a tumor\n"
        "* Biospecimens can be collected with minimal risk\n* Ability to sign consent\n",
    ],
)
def test_lists_that_stay_split(text: str) -> None:
    """Separate exclusions and lists without a clean end keep their items as criteria."""
    items = [body for _, body in split_texts(text)]
    assert "Uncontrolled hypertension" in items or "Diagnosis of any tumor" in items
    assert not any("- Uncontrolled hypertension" in body for body in items)
    assert not any("- Diagnosis of any tumor" in body for body in items)


# --- 2. A lead-in naming an arm or cohort scopes the criteria under it -------------------------


def test_per_arm_exclusion_sections_scope_their_criteria(corpus_dir: Path) -> None:
    """NCT04802759: 'Additional Exclusion Criteria for Giredestrant + Ipatasertib Arm (Cohort 1,
    Stage 1):' is kept as the group of the exclusions under it, and so on for every arm."""
    items = dict(split_texts(record_text(corpus_dir, "NCT04802759")))
    assert items["exc-33"] == "Giredestrant + Ipatasertib Arm (Cohort 1, Stage 1):"
    assert items["exc-70"] == "Giredestrant + PH FDC SC + Palbociclib Arm (Cohort 2, Stage 1):"
    scopes = _record_scopes(corpus_dir, "NCT04802759")
    assert scopes["exc-34"] == "Giredestrant + Ipatasertib Arm (Cohort 1, Stage 1)"
    assert scopes["exc-71"] == "Giredestrant + PH FDC SC + Palbociclib Arm (Cohort 2, Stage 1)"
    # The general exclusions are headed "for all Treatment Arms in Stage 1, Cohorts 1 and 2", and
    # Cohort 3's own list restates some of them: they are scoped, not read for Cohort 3 too.
    assert scopes["exc-2"] == "All participants (as listed before Cohort 3)"


def test_part_sections_named_in_brackets_scope_their_criteria(corpus_dir: Path) -> None:
    """NCT05919264: 'Additional Inclusion Criteria for Dose Escalation and Dose Expansion Cohorts
    (Part 1c and Part 2c):' scopes the HCC criterion; it was 'All participants' before."""
    scopes = _record_scopes(corpus_dir, "NCT05919264")
    hcc = next(i for i, t in split_texts(record_text(corpus_dir, "NCT05919264")) if "HCC" in t)
    assert scopes[hcc] == "Dose Escalation and Dose Expansion Cohorts (Part 1c and Part 2c)"
    assert scopes["inc-1"] is None


@pytest.mark.parametrize(
    ("heading", "group"),
    [
        ("For ASP3082 Combination Therapy:", "For ASP3082 Combination Therapy"),
        (
            "For participants in the atezolizumab cohort:",
            "For participants in the atezolizumab cohort",
        ),
        ("* For Monotherapy:", "For Monotherapy"),
        (
            "For the patients in the nivolumab arm only:",
            "For the patients in the nivolumab arm only",
        ),
    ],
)
def test_an_arm_sub_heading_scopes_the_criteria_under_it(heading: str, group: str) -> None:
    """Variants: a drug-named arm without a group word, a cohort named by its drug."""
    text = (
        "Inclusion Criteria:\n\n* Age 18 or older\n\nExclusion Criteria:\n\n* Pregnant\n\n"
        f"{heading}\n\n* Known allergy to the study drug\n* Prior pneumonitis\n"
    )
    scopes = _scopes(text)
    assert scopes["exc-1"] is None
    assert scopes["exc-3"] == group and scopes["exc-4"] == group


@pytest.mark.parametrize(
    ("heading", "group"),
    [
        (
            "Additional exclusion criteria for the nivolumab arm:",
            "nivolumab arm",
        ),
        (
            "Following additional exclusion criteria applies only to the patients in the cohort "
            "including atezolizumab:",
            "For the cohort including atezolizumab",
        ),
        ("Exclusion Criteria (Cohort 1, Stage 1):", "Cohort 1, Stage 1"),
        (
            "Additional Exclusion Criteria for Giredestrant + Ipatasertib Arm (Cohort 1, Stage 1):",
            "Giredestrant + Ipatasertib Arm (Cohort 1, Stage 1)",
        ),
    ],
)
def test_a_section_heading_naming_an_arm_scopes_its_criteria(heading: str, group: str) -> None:
    """Variants: the group after 'for', after 'only to the patients in', in brackets."""
    text = (
        "Inclusion Criteria:\n\n* Age 18 or older\n\nExclusion Criteria:\n\n* Pregnant\n\n"
        f"{heading}\n\n* Known allergy to the study drug\n* Prior pneumonitis\n"
    )
    scopes = _scopes(text)
    assert scopes["exc-1"] is None
    assert scopes["exc-3"] == group and scopes["exc-4"] == group


def test_words_that_are_no_arm_heading() -> None:
    """A sub-heading for women or a criterion with 'must' names no group."""
    assert heading_scope("For women of childbearing potential:") is None
    assert heading_scope("For patients who must have surgery in part 2:") is None
    assert section_group("Exclusion Criteria:") is None
    assert section_group("Inclusion criteria for adults:") is None


# --- 4. A heading naming every group is for everyone ------------------------------------------


def test_a_heading_for_both_cohorts_is_for_everyone(corpus_dir: Path) -> None:
    """NCT05866302: 'For both Cohorts 1 and 2:' scopes nothing; NCT04585958: 'DOSE ESCALATION
    AND DOSE EXPANSION PHASES' ends the dose expansion group."""
    scopes = _record_scopes(corpus_dir, "NCT05866302")
    assert scopes["inc-2"] is None
    scopes = _record_scopes(corpus_dir, "NCT04585958")
    assert scopes["inc-5"] == "DOSE EXPANSION PHASE"
    assert scopes["inc-10"] is None


@pytest.mark.parametrize(
    "heading",
    [
        "For both Cohorts 1 and 2:",
        "DOSE ESCALATION AND DOSE EXPANSION PHASES",
        "Phase 1 and Phase 2",
        "Phase 1 or Phase 2",
        "For all cohorts:",
        "Both parts:",
    ],
)
def test_headings_naming_every_group(heading: str) -> None:
    assert heading_scope(heading) == ""


@pytest.mark.parametrize(
    "heading",
    [
        "Phase 1 and Phase 2 Inclusion Criteria:",
        "Inclusion criteria for dose escalation and dose expansion:",
        "Inclusion Criteria (all participants)",
    ],
)
def test_section_headings_naming_every_group_open_all_participants(heading: str) -> None:
    """After a cohort's criteria, a section naming every group is for everyone again."""
    text = (
        "Inclusion Criteria:\n\n* Age 18 or older\n\nCohort 2:\n\n* Prior platinum\n\n"
        f"{heading}\n\n* ECOG 0-1\n"
    )
    scopes = _scopes(text)
    assert scopes["inc-3"] == "Cohort 2"
    last = max(scopes, key=lambda i: int(i.split("-")[1].rstrip("abcdef")))
    assert scopes[last] is None


# --- 3. Item numbers written inside a line ----------------------------------------------------


def test_inline_numbered_criteria_are_split(corpus_dir: Path) -> None:
    """NCT07221240: '4. Body mass index ... kg/m2 at the screening visit. 5. Medically healthy
    ...' and '2. ... 3. ... 4. ... 5. ...' in the exclusions are criteria of their own; the
    ECG item keeps its indented list."""
    items = dict(split_texts(record_text(corpus_dir, "NCT07221240")))
    assert items["inc-2"].startswith("Male subjects must follow protocol specified contraception")
    assert "Section 7.4.5 Contraception" in items["inc-2"]
    assert items["inc-3"].startswith("Continuous non-smoker")
    assert items["inc-4"] == "Body mass index (BMI) ≥ 18.0 and < 32.0 kg/m2 at the screening visit."
    assert items["inc-5"].startswith("Medically healthy with no clinically significant")
    assert "- Seated blood pressure is ≥ 90/50 mmHg and ≤ 140/90 mmHg" in items["inc-5"]
    assert items["inc-6"].startswith("No ECG findings of clinical significance")
    assert items["inc-6"].endswith("- PR interval ≤ 210 msec")
    assert items["inc-7"].startswith("Understands the study procedures")
    assert items["exc-7"] == "Female subjects of childbearing potential."
    assert items["exc-11"].startswith(
        "Unable to refrain from or anticipates the use of: - Any drugs"
    )
    assert items["exc-15"].startswith("Participation in another clinical study within 90 days")


def test_inline_numbers_may_skip_one(corpus_dir: Path) -> None:
    """NCT06748872: '8. ECOG 0-1 9. Adequate vital organ function ... 12. Toxicities ... ≤ Grade 2
    according to ... 14. Prior toxicities ... Grade ≤ 1 15. Women of childbearing potential'."""
    items = dict(split_texts(record_text(corpus_dir, "NCT06748872")))
    assert items["inc-7"] == "Eastern Cooperative Oncology Group (ECOG) performance status 0-1"
    assert items["inc-8"] == "Adequate vital organ function"
    assert items["inc-11"].endswith("excluding alopecia")
    assert items["inc-12"] == (
        "Prior toxicities related to surgical procedures should have recovered to Grade ≤ 1"
    )
    assert items["inc-13"].startswith("Women of childbearing potential (WCBP)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Inclusion Criteria:\n\n1. Age 18 or older\n2. ECOG 0-1 3. Hemoglobin >= 9.0 g/dL "
            "4. Platelets >= 100 x 10^9/L\n",
            ["Age 18 or older", "ECOG 0-1", "Hemoglobin >= 9.0 g/dL", "Platelets >= 100 x 10^9/L"],
        ),
        (
            # A qualifier before the number, a decimal and a comparison stay inside the criterion.
            "Inclusion Criteria:\n\n1. Age 18 or older\n2. Toxicity resolved to Grade 3. Any "
            "grade allowed otherwise; creatinine < 3. Bilirubin normal as in Criterion 3. Text\n",
            [
                "Age 18 or older",
                "Toxicity resolved to Grade 3. Any grade allowed otherwise; creatinine < 3. "
                "Bilirubin normal as in Criterion 3. Text",
            ],
        ),
        (
            # A number that does not follow the last item number is no item number.
            "Exclusion Criteria:\n\n1. Pregnant\n2. Prior therapy with drug 7. More text here\n",
            ["Pregnant", "Prior therapy with drug 7. More text here"],
        ),
        (
            # A date written with day numbers.
            "Exclusion Criteria:\n\n1. Pregnant\n2. Enrolled before March 3. Patients later "
            "are allowed\n",
            ["Pregnant", "Enrolled before March 3. Patients later are allowed"],
        ),
    ],
)
def test_inline_numbering_variants(text: str, expected: list[str]) -> None:
    assert [body for _, body in split_texts(text)] == expected

"""Prior-therapy, washout and treatment kinds left by parts 7-9 of the labelled set: a live-vaccine
window beside a permission for killed or mRNA vaccines, the checkpoint-inhibitor question inside
"an anti-PD-1, anti-PD-L1, or anti-PD-L2 agent or an agent directed to another stimulatory or
co-inhibitory T-cell receptor", an "experimental diagnostic or therapeutic drug" window, the first
alternative of an exclusion closed by its own window ("Major surgery within 4 weeks ... or
postoperative complications ..."), the items of a "Prior therapy with:" list each with its own
window and permissions, an operation under local anesthesia allowed beside the major-operation
window, PSA tests "N weeks apart" misread as a washout, "of any study drug" as the start of a
window misread as another study, and an upper bound on earlier lines listed as an exclusion.
Each with the real criterion and a few variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

from trialbot.domain.trial import CriterionKind

# --- 1. A live-vaccine window beside killed or mRNA vaccines allowed ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06863402 exc-4 (real)
        "Has received a live vaccine or live-attenuated vaccine within 30 days before the first "
        "dose of study intervention. Administration of killed or messenger ribonucleic acid "
        "(mRNA) vaccines is allowed.",
        "Has received a live vaccine within 30 days prior to the first dose of study drug. Killed "
        "and mRNA vaccines are allowed.",
        "Received a live vaccine within 30 days before the first dose. Inactivated or mRNA "
        "vaccines are permitted.",
    ],
)
def test_killed_or_mrna_vaccines_allowed_leave_the_live_vaccine_window_whole(text: str) -> None:
    vaccine = _one("exclusion", text, "last_live_vaccine")
    assert vaccine.confidence == "certain", _rules("exclusion", text)
    assert vaccine.rule == "last_live_vaccine within 30 days"
    assert _check(vaccine, {"last_live_vaccine": "2026-11-17"})[0] == "not_met"
    assert _check(vaccine, {"last_live_vaccine": "2026-08-01"})[0] == "met"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # NCT06747845 exc-11 (corpus)
        ("Has received a live vaccine within 4 weeks prior to the first dose of trial therapy - "
         "Note: seasonal influenza vaccines for injection are generally inactivated and are "
         "allowed; however intranasal influenza vaccines (e.g. Flu-Mist®) are live attenuated "
         "vaccines and are not allowed.", 28),
        ("Vaccination with a live vaccine =< 35 days before the first dose of the study drug - "
         "Note: Seasonal vaccines for influenza are generally inactivated vaccines and are "
         "allowed.", 35),
        # NCT06265285 exc-14 (corpus)
        ("Treatment with any live attenuated vaccines ≤ 30 days of registration (vaccines that are "
         "not live attenuated are allowed, including COVID-19 vaccine)", 30),
        ("Has received a live vaccine within 30 days prior to the first dose. Seasonal flu "
         "vaccines that do not contain live virus are permitted.", 30),
        ("Use of live vaccines within 30 days of initiation of study therapy. Killed vaccinations "
         "(e.g. influenza) are allowed.", 30),
    ],
)  # fmt: skip
def test_non_live_vaccines_allowed_written_other_ways(text: str, days: int) -> None:
    vaccine = _one("exclusion", text, "last_live_vaccine")
    assert vaccine.confidence == "certain", _rules("exclusion", text)
    assert vaccine.rule == f"last_live_vaccine within {days} days"


@pytest.mark.parametrize(
    "text",
    [
        "Has received a live vaccine within 30 days prior to the first dose of study drug. Live "
        "attenuated or mRNA vaccines are allowed if given more than 14 days before.",
        # NCT04918186 exc-9 (corpus): a note split from the criterion before it ("a live vaccine
        # <= 4 weeks before enrollment"), with no window of its own
        "Note: Seasonal vaccines for influenza are general inactivated vaccines and are allowed. "
        "Intranasal vaccines are live vaccines and not allowed.",
    ],
)
def test_a_live_vaccine_text_not_read_whole_is_never_certain(text: str) -> None:
    assert all(c.confidence != "certain" for c in _read("exclusion", text)), _rules(
        "exclusion", text
    )


# --- 2. Anti-PD-1/PD-L1/PD-L2 or another T-cell receptor: broader than the question -----------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06863402 exc-1 (real)
        "Has received prior therapy with an anti-PD-1, anti-PD-L1, or anti-PDL2 agent or with an "
        "agent directed to another stimulatory or co-inhibitory T-cell receptor (e.g., CTLA-4, "
        "OX40, CD137).",
        # the same written elsewhere in the corpus
        "Prior treatment with an anti-PD1, anti-PDL1, or anti PD L2 agent or with an agent "
        "directed to another stimulatory or co-inhibitory T-cell receptor (eg, CTLA-4, OX 40, "
        "CD137).",
        "Prior therapy with an anti-PD-1 agent or an agent directed to another co-inhibitory "
        "T-cell receptor (e.g., CTLA-4, LAG-3).",
    ],
)
def test_any_checkpoint_inhibitor_establishes_the_broader_exclusion(text: str) -> None:
    """Every checkpoint inhibitor is one of the listed agents; the list adds others (anti-PD-L2,
    OX40 and CD137 agonists): a "yes" excludes, a "no" settles nothing."""
    item = _one("exclusion", text, "prior_checkpoint_inhibitor")
    assert (item.confidence, item.decisive_when) == ("partial", "met"), _rules("exclusion", text)
    assert _check(item, {"prior_checkpoint_inhibitor": True})[0] == "not_met"
    assert _check(item, {"prior_checkpoint_inhibitor": False})[0] == "unknown"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # a later condition narrows it: only those who stopped for a severe side effect
        ("Received prior therapy with an anti-PD-1, anti-PD-L1, or anti-PD-L2 agent or with an "
         "agent directed to another stimulatory or co-inhibitory T-cell receptor and discontinued "
         "from that treatment due to a Grade 3 or higher immune-related AE (irAE)",
         "prior_checkpoint_inhibitor"),
        # an exception for one setting (anti-PD-(L)1 agents only: no CTLA-4 inhibitor)
        ("Has received prior therapy with an anti-PD-1, anti-PD-L1, or anti-PD-L2 agent, unless "
         "given in the adjuvant setting", "prior_pd1_inhibitor"),
    ],
)  # fmt: skip
def test_a_narrowed_checkpoint_exclusion_decides_nothing(text: str, concept: str) -> None:
    item = _one("exclusion", text, concept)
    assert item.confidence != "certain"
    assert item.decisive_when is None, _rules("exclusion", text)


# --- 3. An experimental diagnostic or therapeutic drug within a window --------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06447103 exc-8 (real)
        "Exposure to experimental diagnostic or therapeutic drug within 14 days from date of "
        "planned administration",
        "Exposure to an experimental diagnostic drug within 14 days of the first dose",
        "Received an experimental therapeutic or diagnostic agent within 14 days before dosing",
    ],
)
def test_an_experimental_diagnostic_drug_is_broader_than_a_study_medicine(text: str) -> None:
    """A study of a new medicine within the window excludes; a diagnostic agent tested in a
    study may be one the patient would not call a new medicine, so a "no" settles nothing."""
    item = _one("exclusion", text, "last_investigational_drug")
    assert item.rule == "last_investigational_drug within 14 days"
    assert (item.confidence, item.decisive_when) == ("partial", "met"), _rules("exclusion", text)
    assert _check(item, {"last_investigational_drug": "2026-11-24"})[0] == "not_met"
    assert _check(item, {"last_investigational_drug": "never"})[0] == "unknown"


def test_an_experimental_drug_is_a_study_medicine() -> None:
    text = "Exposure to an experimental drug within 14 days of the first dose"
    item = _one("exclusion", text, "last_investigational_drug")
    assert item.confidence == "certain", _rules("exclusion", text)
    assert _check(item, {"last_investigational_drug": "2026-10-01"})[0] == "met"


# --- 4. The first alternative of an exclusion, closed by its own window -------------------------


@pytest.mark.parametrize(
    ("text", "concept", "fact", "recent"),
    [
        # NCT06797336 exc-10 (real)
        ("Major surgery within 4 weeks of the start of study therapy or postoperative "
         "complications preventing the participant from adhering to protocol assessments and "
         "procedures.", "last_major_surgery", "last_major_surgery", "2026-11-17"),
        # NCT06839053 exc-1 (corpus)
        ("Exposure to a Bcl-2 inhibitor within the last 12 months or a history of disease "
         "progression while taking a Bcl-2 inhibitor", "prior_bcl2_inhibitor",
         "last_bcl2_inhibitor", "2026-06-01"),
        ("Major surgery within 28 days prior to the first dose or a non-healing wound",
         "last_major_surgery", "last_major_surgery", "2026-11-20"),
        ("Radiotherapy within 2 weeks of the first dose or radiation-related toxicity requiring "
         "steroids", "last_radiotherapy", "last_radiotherapy", "2026-11-25"),
    ],
)  # fmt: skip
def test_a_window_closed_first_alternative_excludes_on_its_own(
    text: str, concept: str, fact: str, recent: str
) -> None:
    item = _one("exclusion", text, concept)
    assert (item.confidence, item.decisive_when) == ("partial", "met"), _rules("exclusion", text)
    facts = {fact: recent, concept: True} if concept != fact else {fact: recent}
    assert _check(item, facts)[0] == "not_met"
    old = {fact: "2024-01-01", concept: True} if concept != fact else {fact: "2024-01-01"}
    assert _check(item, old)[0] == "unknown"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT06136559 exc-11 (corpus): the phrase after a comma may close both alternatives
        ("Received prior radiotherapy within 2 weeks of start of study intervention, or "
         "radiation-related toxicities, requiring corticosteroids.", "last_radiotherapy"),
        # NCT05947851 exc-11 (real)
        ("Has received prior B-cell lymphoma 2 inhibitor(s) (BCL2i) within ≤ 12 months before "
         "randomization or has received prior radiotherapy within 2 weeks of start of study "
         "intervention, or radiation related toxicities, requiring corticosteroids",
         "prior_bcl2_inhibitor"),
        # a second bound of the same window, not an alternative
        ("Major surgery within 4 weeks or 5 half-lives", "last_major_surgery"),
        # a judgement after the "or" may reach back
        ("Major surgery within 4 weeks or complications that in the opinion of the investigator "
         "would interfere", "last_major_surgery"),
        # a permission anywhere
        ("Major surgery within 4 weeks of the first dose or radiotherapy; minor surgery is "
         "allowed", "last_major_surgery"),
    ],
)  # fmt: skip
def test_a_first_alternative_that_may_be_qualified_decides_nothing(text: str, concept: str) -> None:
    assert _one("exclusion", text, concept).decisive_when is None, _rules("exclusion", text)


# --- 5. The items of a "Prior therapy with:" list, each with its own window -------------------

PRIOR_THERAPY_LIST = (
    # NCT05849298 exc-4 (real)
    "Prior therapy with: second generation anti-androgens (e.g., enzalutamide, apalutamide and "
    "darolutamide) < 3 months before randomization; CYP17 inhibitors (e.g., abiraterone acetate, "
    "orteronel, galeterone) < 3 months before randomization; ketoconazole (short duration "
    "ketoconazole treatment (<28 days) is permitted); radiopharmaceutical agents (e.g., "
    "Strontium-89) if wash-out period of at least 3 months is not completed, PSMA-targeted "
    "radioligand therapy; immunotherapy (e.g., sipuleucel-T); chemotherapy, except if "
    "administered in the adjuvant/neoadjuvant setting, completed > 2 years before randomization; "
    "any other investigational agents for CRPC; use of estrogens, 5-α reductase inhibitors "
    "(finasteride, dutasteride), other steroidogenesis inhibitors (aminoglutethimide) or "
    "first-generation anti-androgens (bicalutamide, flutamide, nilutamide, cyproterone) within 28 "
    "days before randomization; radiation therapy (external beam radiation therapy [EBRT] and "
    "brachytherapy within 28 days before randomization"
)


@pytest.mark.parametrize(
    ("text", "drug", "days"),
    [
        (PRIOR_THERAPY_LIST, "enzalutamide", 91),
        (PRIOR_THERAPY_LIST, "darolutamide", 91),
        (PRIOR_THERAPY_LIST, "abiraterone", 91),
        ("Prior therapy with: enzalutamide within 4 weeks before randomization; ketoconazole "
         "(short courses are permitted); chemotherapy, except in the adjuvant setting",
         "enzalutamide", 28),
        ("Prior treatment with: CYP17 inhibitors (e.g., abiraterone) < 6 months before "
         "randomization; radiotherapy within 28 days", "abiraterone", 182),
    ],
)  # fmt: skip
def test_an_item_of_a_prior_therapy_list_excludes_on_its_own_window(
    text: str, drug: str, days: int
) -> None:
    item = _one("exclusion", text, f"prior_{drug}")
    assert item.rule == f"prior_{drug} == yes within {days} days"
    assert (item.confidence, item.decisive_when) == ("partial", "met"), _rules("exclusion", text)
    recent = {f"prior_{drug}": True, f"last_{drug}": "2026-11-10"}
    assert _check(item, recent)[0] == "not_met"
    assert _check(item, {f"prior_{drug}": False})[0] == "unknown"


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # the item's own exception
        ("Prior therapy with: enzalutamide within 3 months, except if given for less than 28 "
         "days; chemotherapy", "enzalutamide"),
        # another item's permission names the drug
        ("Prior therapy with: enzalutamide within 3 months; ketoconazole (patients given "
         "enzalutamide for less than 28 days are permitted)", "enzalutamide"),
        # a combination, not each drug alone
        ("Prior therapy with: enzalutamide and abiraterone within 3 months before "
         "randomization; chemotherapy", "enzalutamide"),
        # no list head: the semicolons may join conditions of one exclusion
        ("Enzalutamide within 3 months before randomization; ketoconazole is permitted",
         "enzalutamide"),
    ],
)  # fmt: skip
def test_a_list_item_that_may_be_qualified_decides_nothing(text: str, drug: str) -> None:
    found = [c for c in _read("exclusion", text) if c.concept == f"prior_{drug}"]
    assert all(c.decisive_when is None and c.confidence != "certain" for c in found), _rules(
        "exclusion", text
    )


@pytest.mark.parametrize(
    "text",
    [
        PRIOR_THERAPY_LIST,
        "Prior therapy with: radiopharmaceutical agents if wash-out period of at least 3 months "
        "is not completed, PSMA-targeted radioligand therapy; radiation therapy within 28 days "
        "before randomization",
        "Prior treatment with: abiraterone < 3 months before randomization; radiotherapy "
        "(external beam or brachytherapy) within 28 days before randomization",
    ],
)
def test_the_radiotherapy_item_of_a_prior_therapy_list_has_its_own_window(text: str) -> None:
    """The item opening with radiotherapy is read with its own 28 days, not the 3 months of a
    radioligand named inside another item."""
    item = _one("exclusion", text, "last_radiotherapy")
    assert item.rule == "last_radiotherapy within 28 days", _rules("exclusion", text)
    decides = item.confidence == "certain" or item.decisive_when == "met"
    assert decides, _rules("exclusion", text)
    assert _check(item, {"last_radiotherapy": "2026-11-10"})[0] == "not_met"
    assert _check(item, {"last_radiotherapy": "2020-05-01"})[0] != "not_met"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Prior therapy with radiation therapy within 28 days before randomization",
         "last_radiotherapy"),
        ("Prior therapy with: radiation therapy (external beam radiation therapy [EBRT] and "
         "brachytherapy within 28 days before randomization", "last_radiotherapy"),
        ("Prior therapy with an anti-PD-1 agent within 28 days before randomization",
         "prior_pd1_inhibitor"),
    ],
)  # fmt: skip
def test_prior_therapy_with_a_named_treatment_is_not_any_cancer_medicine(
    text: str, concept: str
) -> None:
    """ "Prior therapy with X within 28 days": chemotherapy two weeks ago is no X."""
    assert all(c.concept != "last_anticancer_therapy" for c in _read("exclusion", text)), _rules(
        "exclusion", text
    )
    assert _one("exclusion", text, concept).confidence == "certain", _rules("exclusion", text)


def test_prior_therapy_with_a_window_alone_is_any_cancer_medicine() -> None:
    text = "Prior therapy within 28 days before randomization"
    item = _one("exclusion", text, "last_anticancer_therapy")
    assert (item.confidence, item.rule) == ("certain", "last_anticancer_therapy within 28 days")


def test_a_drug_ending_in_imide_is_no_immunomodulatory_drug() -> None:
    text = "Prior therapy with aminoglutethimide within 28 days before randomization"
    assert all(c.concept != "prior_immunomodulatory_drug" for c in _read("exclusion", text))


# --- 6. An operation under local anesthesia allowed beside the major-operation window ---------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06182072 exc-13 (real), the major-operation part
        "Had hospitalization for infection or major surgery (eg, requiring general anesthesia) "
        "within 2 weeks before enrollment or have not fully recovered from surgery. Note: "
        "subjects with surgical procedures conducted under local anesthesia may participate.",
        "Major surgery within 2 weeks before enrollment. Note: subjects with surgical procedures "
        "conducted under local anesthesia may participate.",
        "Major surgery within 14 days prior to the first dose; procedures performed under local "
        "anaesthesia are allowed",
    ],
)
def test_local_anesthesia_allowed_is_no_exception_to_a_major_operation(text: str) -> None:
    surgery = _one("exclusion", text, "last_major_surgery")
    assert not surgery.needs_review, _rules("exclusion", text)
    assert surgery.rule == "last_major_surgery within 14 days"


# --- 7. Measurements "N weeks apart": a spacing between tests, never a washout ------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT06288113 inc-6 (corpus)
        ("Patients must have had a PSA increase after the first regimen of 177Lu-PSMA-617 "
         "therapy, confirmed by a second measurement ≥ 3 weeks apart", "prior_lutetium_177"),
        ("Rising PSA after prior enzalutamide, confirmed by two values at least 1 week apart",
         "prior_enzalutamide"),
        ("Progression after abiraterone with two rising PSA values measured 2 weeks apart",
         "prior_abiraterone"),
    ],
)  # fmt: skip
def test_measurements_weeks_apart_are_no_window_of_the_treatment(text: str, concept: str) -> None:
    """The weeks between two PSA tests say nothing of when the treatment was last given."""
    item = _one("inclusion", text, concept)
    assert item.rule == f"{concept} == yes", _rules("inclusion", text)


def test_a_window_before_the_start_is_still_read_beside_apart_tests() -> None:
    text = (
        "Two rising PSA values at least 1 week apart, and no enzalutamide within 4 weeks before "
        "the first dose"
    )
    assert any("within 28 days" in (c.rule or "") for c in _read("inclusion", text)), _rules(
        "inclusion", text
    )


# --- 8. "... of any study drug": the window's start, never another study ----------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06412198 exc-7 (corpus)
        "Major surgery within 4 weeks of the first dose of any study drug",
        "Radiotherapy within 2 weeks before the first dose of any study treatment.",
        "Major surgery within 28 days prior to the start of any study medication",
    ],
)
def test_any_study_drug_as_the_start_of_a_window_is_no_other_study(text: str) -> None:
    """A patient who took part in another drug study two weeks ago, without an operation or
    radiotherapy, is not excluded by these."""
    concepts = [c.concept for c in _read("exclusion", text)]
    assert "last_investigational_drug" not in concepts, _rules("exclusion", text)


def test_another_study_with_a_window_is_still_read() -> None:
    text = "Treatment with any study drug in another trial within 4 weeks"
    item = _one("exclusion", text, "last_investigational_drug")
    assert item.rule == "last_investigational_drug within 28 days"


# --- 9. An upper bound on earlier lines listed as an exclusion or written as a permission ---


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # NCT07223541 exc-8 (corpus): an inclusion in the exclusion list; read literally it would
        # exclude the untreated patients the trial may be for
        (
            "exclusion",
            "Patients with no more than 1 prior systemic therapy for metastatic disease.",
        ),
        ("exclusion", "Patients who have received at most 2 prior lines of therapy"),
        ("exclusion", "Up to 3 prior lines of systemic therapy"),
        # NCT06126276 inc-9 (labelled part 11, read certain on its first run): written as what is
        # allowed, the count of lines (which lines count) is the study team's to judge
        ("inclusion", "Patients may have received up to 5 prior lines of systemic therapy"),
        ("inclusion", "Participants may have had up to 3 prior lines of therapy"),
        ("inclusion", "Up to 2 prior lines of systemic therapy are allowed"),
    ],
)
def test_an_upper_bound_on_lines_that_is_no_limit_goes_to_the_study_team(
    kind: CriterionKind, text: str
) -> None:
    """An upper bound listed as an exclusion, or one written as a permission."""
    found = [c for c in _read(kind, text) if c.concept == "prior_lines_of_therapy"]
    assert found, _rules(kind, text)
    assert all(c.needs_review for c in found), _rules(kind, text)


@pytest.mark.parametrize(
    ("kind", "text", "rule"),
    [
        ("exclusion", "More than 2 lines of chemotherapy in the metastatic setting",
         "prior_lines_of_therapy > 2"),
        ("inclusion", "No more than 2 prior lines of therapy", "prior_lines_of_therapy <= 2"),
    ],
)  # fmt: skip
def test_lower_bounds_in_exclusions_and_upper_bounds_in_inclusions_are_still_read(
    kind: CriterionKind, text: str, rule: str
) -> None:
    assert _one(kind, text, "prior_lines_of_therapy").rule == rule

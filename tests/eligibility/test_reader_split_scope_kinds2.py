"""Kinds of the split and scope stages, second round: where one criterion ends and which group
it is for.

1. A lead of alternatives or conditions ("Participants must meet at least one of the following
   criteria:", "... with one or more of the following:", "... are eligible, provided they meet
   all of the following criteria:") written with its items at its own indent keeps them as one
   criterion: the items are alternatives (or the conditions of one exception), not required
   criteria of their own. In an exclusion section "any of the following" lists separate
   exclusions and stays split.
Each with the real record and a few variants written for the kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trialbot.sources.criteria_split import split_criteria


def _record_text(corpus: Path, nct_id: str) -> str:
    """The eligibility text of one corpus record."""
    record = json.loads((corpus / f"{nct_id}.json").read_text("utf-8"))
    return str(record["protocolSection"]["eligibilityModule"]["eligibilityCriteria"])


def _texts(text: str) -> list[tuple[str, str]]:
    return [(c.id, " ".join(c.text.split())) for c in split_criteria(text)]


# --- 1. A lead of alternatives or conditions with its items at its own indent -----------------


def test_at_least_one_of_the_following_keeps_its_alternatives(corpus_dir: Path) -> None:
    """NCT06608511: the two skin cancer alternatives are one criterion under their lead."""
    items = dict(_texts(_record_text(corpus_dir, "NCT06608511")))
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
    items = dict(_texts(_record_text(corpus_dir, "NCT05800587")))
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
    items = dict(_texts(_record_text(corpus_dir, "NCT06520345")))
    assert items["inc-6"].startswith("Have a disease that is progressing at study entry")
    assert "- Two consecutive rising PSA values" in items["inc-6"]
    assert "- Progressive disease or new lesion(s)" in items["inc-6"]
    assert items["inc-7"].startswith("Have disease that is PSMA-positive")


def test_a_plain_lead_keeps_nested_alternatives(corpus_dir: Path) -> None:
    """NCT06078267: the plain lead's two alternatives, the second with its own four, are the one
    inclusion criterion."""
    items = dict(_texts(_record_text(corpus_dir, "NCT06078267")))
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
    items = [body for _, body in _texts(text)]
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
    items = [body for _, body in _texts(text)]
    assert "Uncontrolled hypertension" in items or "Diagnosis of any tumor" in items
    assert not any("- Uncontrolled hypertension" in body for body in items)
    assert not any("- Diagnosis of any tumor" in body for body in items)

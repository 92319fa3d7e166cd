"""Kinds of the split and reading of lists, third round.

1. An exclusion whose lead says each listed item excludes on its own ("Such significant medical
   conditions include, but are not limited to the following:", "Any of the following:",
   "... cardiac diseases, including any of the following:") is split into the lead and one
   exclusion per item, so that an item the reader cannot read still reaches the study team
   instead of disappearing inside the long criterion. A list that is the terms of an exception
   ("... with the exception of any of the following:"), of a definition ("contraception includes
   any of the following:") or that needs the lead's drugs, tests or window ("Treatment with any
   of the following:", "Any of the following within 6 months prior to ...") stays one criterion.
3. An inclusion whose lead offers alternatives ("... with one or more of the following:", "1 or
   more of the following", "at least one of the following") is no list of requirements: no
   reading of one item may count against a patient who meets another.
2. Population branches inside one inclusion ("1. Subjects without actionable genomic alterations
   (AGAs): ... 2. Subjects with AGAs: ... (patients with EGFR mutations must be previously
   treated with EGFR inhibitors)", "Patients with HIV: ...; patients without HIV: ...") are an
   any-of: what is read after a branch's heading is asked only of that population, so it goes to
   the study team instead of being required of everyone; what the lead asks of all is still read.
Each with the real record and a few variants written for the kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from split_texts import record_text, split_texts

from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion
from trialbot.sources.criteria_split import split_criteria


def test_significant_conditions_list_is_split_into_exclusions(corpus_dir: Path) -> None:
    """NCT05904093 exc-2: the 14 numbered conditions are exclusions exc-3 to exc-16."""
    items = dict(split_texts(record_text(corpus_dir, "NCT05904093")))
    assert items["exc-2"].endswith("include, but are not limited to the following:")
    assert items["exc-3"].startswith("History of neutropenia")
    assert items["exc-4"] == "History of posterior reversible encephalopathy syndrome (PRES)"
    assert items["exc-7"] == "History of drug-induced cholestatic hepatitis."
    assert items["exc-16"] == "Currently receiving erythropoiesis stimulating agents."
    assert "exc-17" not in items


_EACH = [
    "Exclusion Criteria:\n\n1. Prior transplant.\n2. Have a significant medical condition. Such "
    "conditions include, but are not limited to the following:\n\n   1. History of PRES\n"
    "   2. History of neutropenia\n   3. Currently receiving erythropoiesis stimulating agents\n"
    "3. Known HIV infection.",
    "Exclusion Criteria:\n\n* Prior transplant.\n* Any of the following:\n  - History of PRES\n"
    "  - History of neutropenia\n  - Currently receiving erythropoiesis stimulating agents\n"
    "* Known HIV infection.",
    "Exclusion Criteria:\n\n* Prior transplant.\n* Participants who have clinically significant "
    "cardiac diseases, including any of the following:\n  - History of PRES\n"
    "  - History of neutropenia\n  - Currently receiving erythropoiesis stimulating agents\n"
    "* Known HIV infection.",
]


@pytest.mark.parametrize("text", _EACH)
def test_each_item_of_an_exclusion_list_is_its_own_exclusion(text: str) -> None:
    items = split_texts(text)
    assert [i for i, _ in items] == ["exc-1", "exc-2", "exc-3", "exc-4", "exc-5", "exc-6"]
    assert items[2][1] == "History of PRES"
    assert items[4][1] == "Currently receiving erythropoiesis stimulating agents"
    assert items[5][1] == "Known HIV infection."


_ONE = [
    "Active known second malignancy with the exception of any of the following:",
    "Highly effective non-hormonal method of contraception includes any of the following:",
    "Treatment with any of the following:",
    "Any of the following within 6 months prior to the first dose:",
    "Brain metastases, unless all of the following:",
]


@pytest.mark.parametrize("lead", _ONE)
def test_a_list_needing_its_lead_stays_one_exclusion(lead: str) -> None:
    text = (
        f"Exclusion Criteria:\n\n* Prior transplant.\n* {lead}\n  - Item one\n  - Item two\n"
        "  - Item three\n* Known HIV infection."
    )
    items = split_texts(text)
    assert len(items) == 3
    assert items[1][1].startswith(lead)
    assert "Item three" in items[1][1]


def test_an_inclusion_list_of_alternatives_is_not_split() -> None:
    text = (
        "Inclusion Criteria:\n\n* Age 18 or older\n* Any of the following:\n  - Item one\n"
        "  - Item two\n  - Item three\n* ECOG 0-1"
    )
    assert len(split_texts(text)) == 3


def _decisive(text: str) -> list[str]:
    """The concepts of readings that may count against a patient."""
    read = read_criterion(CriterionText(id="inc-1", kind="inclusion", text=text))
    return [r.concept or "" for r in read if not r.needs_review]


def test_joined_alternatives_record_counts_no_item_against_the_patient(corpus_dir: Path) -> None:
    """NCT06078267 inc-1: 'HF patients ... with one or more of the following:' was read item by
    item, 'not heart_rhythm_problem' required of everyone."""
    inc_1 = next(c for c in split_criteria(record_text(corpus_dir, "NCT06078267")))
    assert inc_1.id == "inc-1"
    assert _decisive(inc_1.text) == []


@pytest.mark.parametrize(
    "lead",
    [
        "Heart failure patients with one or more of the following:",
        "Patients must have 1 or more of the following risk factors:",
        "Participants must meet at least one of the following criteria:",
        "Patients with one or both of the following:",
    ],
)
def test_alternatives_lead_counts_no_item_against_the_patient(lead: str) -> None:
    text = (
        f"{lead}\n- NT-proBNP > 300 pg/ml for patients not in atrial fibrillation\n"
        "- Chronic obstructive pulmonary disease (COPD)\n- Prior myocardial infarction"
    )
    assert _decisive(text) == []


def _readings(text: str) -> dict[str, bool]:
    """Concept -> whether it needs the study team, of an inclusion's readings."""
    read = read_criterion(CriterionText(id="inc-3", kind="inclusion", text=text))
    return {r.concept or "": r.needs_review for r in read}


def test_population_branches_of_the_record_are_not_required_of_everyone(
    corpus_dir: Path,
) -> None:
    """NCT06907615 inc-3: branch 2's EGFR-positive and prior EGFR inhibitor were required."""
    inc_3 = next(
        c for c in split_criteria(record_text(corpus_dir, "NCT06907615")) if c.id == "inc-3"
    )
    read = _readings(inc_3.text)
    assert read["egfr_status"] and read["prior_egfr_inhibitor"]
    assert not read["histology_confirmed"]


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed NSCLC and: 1. Subjects without EGFR mutations: prior platinum-based "
        "chemotherapy; 2. Subjects with EGFR mutations: prior treatment with an EGFR inhibitor.",
        "Histologically confirmed NSCLC. Patients with EGFR mutation: must have received an EGFR "
        "tyrosine kinase inhibitor; patients without EGFR mutation: must have received "
        "platinum-based chemotherapy.",
        "Histologically confirmed NSCLC meeting the following:\n- Participants with EGFR "
        "mutations: previously treated with osimertinib\n- Participants without EGFR mutations: "
        "previously treated with platinum-based chemotherapy",
    ],
)
def test_population_branch_atoms_go_to_the_study_team(text: str) -> None:
    read = _readings(text)
    assert all(review for concept, review in read.items() if concept != "histology_confirmed")
    assert any(concept.startswith(("prior_", "egfr")) for concept in read)

"""Kinds found on held-out trials where the reader attached a wrong concept or qualifier: a
"never treated with <drug or class>" criterion read as never treated at all, pregnancy-test
wording, birth-control rules held against the sex the sentence does not name, a surgery that
must not be delayed read as a recent operation, and words out of context attaching unrelated
conditions. Each with the real criterion and a few variants."""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import evaluate
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.facts import Profile
from trialbot.domain.trial import CriterionKind, CriterionText
from trialbot.eligibility import read_criterion

TODAY = datetime.date(2026, 12, 1)


def _read(kind: CriterionKind, text: str) -> list[StructuredCriterion]:
    return read_criterion(CriterionText(id=f"{kind[:3]}-1", kind=kind, text=text))


def _rules(kind: CriterionKind, text: str) -> list[tuple[str | None, str, str | None]]:
    return [(c.concept, c.confidence, c.rule) for c in _read(kind, text)]


def _one(kind: CriterionKind, text: str, concept: str) -> StructuredCriterion:
    found = [c for c in _read(kind, text) if c.concept == concept]
    assert len(found) == 1, _rules(kind, text)
    return found[0]


def _check(criterion: StructuredCriterion, profile: Profile) -> tuple[str, bool]:
    outcome = evaluate(criterion, profile, TODAY)
    return outcome.status, outcome.against


# --- 1. "No previous treatment with <drug or class>" is that treatment only -------------------

NEVER_TREATED_WITH_A_CLASS = [
    # NCT06580314 inc-8 (real)
    (
        "No previous treatment with a PARP inhibitor, including olaparib, niraparib, and rucaparib",
        "prior_parp_inhibitor",
    ),
    ("No prior PARP inhibitor therapy", "prior_parp_inhibitor"),
    ("Patients must not have received a PARP inhibitor (e.g. olaparib)", "prior_parp_inhibitor"),
    (
        "Without prior treatment with checkpoint inhibitors such as pembrolizumab",
        "prior_checkpoint_inhibitor",
    ),
    ("No prior therapy with an anti-PD-1, anti-PD-L1 agent", "prior_checkpoint_inhibitor"),
    ("No prior anti-PD-1/PD-L1 therapy", "prior_checkpoint_inhibitor"),
    ("No previous treatment with CDK4/6 inhibitors (e.g., palbociclib)", "prior_cdk46_inhibitor"),
    ("Must not have received prior taxane therapy", "prior_taxane"),
]


@pytest.mark.parametrize(("text", "concept"), NEVER_TREATED_WITH_A_CLASS)
def test_never_treated_with_a_known_class_is_that_class_only(text: str, concept: str) -> None:
    """One certain reading of the class; a patient treated with something else (chemo) is not
    held to "no prior cancer treatment"."""
    read = _read("inclusion", text)
    assert [c.concept for c in read] == [concept], _rules("inclusion", text)
    assert read[0].confidence == "certain"
    assert read[0].rule == f"not ({concept} == yes)"
    assert _check(read[0], {"prior_cancer_treatment": True, concept: False}) == ("met", False)
    assert _check(read[0], {concept: True}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # real, from the corpus
        "Participants must not have been previously treated with MET tyrosine kinase inhibitors "
        "(TKIs) such as tepotinib, capmatinib, and crizotinib",
        "No prior treatment with EZH inhibitors.",
        "Has not received abiraterone acetate, enzalutamide, or apalutamide at the time of "
        "enrollment.",
        "Not received immunotherapy (PD-1, PD-L1, or CTLA-4 antibodies) or be intended to receive "
        "immunotherapy, apart from this study.",
        "Treatment naive to immunotherapy targeting T-cell co-stimulation",
        "No prior chemotherapy or radiotherapy",
        "Must not have received radiotherapy",
        "No prior treatment with tegavivint",
    ],
)
def test_never_treated_with_something_named_is_never_any_cancer_treatment(text: str) -> None:
    """An unknown class, a drug list or another treatment: never the bare "no prior cancer
    treatment" reading; what is read of it is never certain unless the class is known."""
    read = _read("inclusion", text)
    assert "prior_cancer_treatment" not in [c.concept for c in read], _rules("inclusion", text)
    assert all(c.confidence != "certain" for c in read), _rules("inclusion", text)


def test_a_drug_named_as_an_example_of_a_never_treated_class_is_never_treated() -> None:
    """ "must not have been treated with MET TKIs such as ... crizotinib": crizotinib is read as
    never taken (partial: the class is not known), never as required."""
    text = (
        "Participants must not have been previously treated with MET tyrosine kinase "
        "inhibitors (TKIs) such as tepotinib, capmatinib, and crizotinib"
    )
    crizotinib = _one("inclusion", text, "prior_crizotinib")
    assert crizotinib.rule == "not (prior_crizotinib == yes)"
    assert crizotinib.confidence == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "No prior systemic therapy",
        "Treatment-naive",
        "No prior therapy for their lung cancer.",
        "Patients with previously untreated acute lymphoblastic leukemia",
        "No prior treatment with any anticancer agent",
    ],
)
def test_never_treated_at_all_is_still_read(text: str) -> None:
    read = _one("inclusion", text, "prior_cancer_treatment")
    assert read.rule == "not (prior_cancer_treatment == yes)"


def test_a_class_named_in_the_plural_is_read_whole() -> None:
    """ "checkpoint inhibitors" is the class's own word, so the exclusion is read whole."""
    text = "Any prior treatment with immune checkpoint inhibitors"
    read = _one("exclusion", text, "prior_checkpoint_inhibitor")
    assert read.confidence == "certain"

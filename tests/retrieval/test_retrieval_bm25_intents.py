"""Lexical index and question intents."""

from __future__ import annotations

import pytest

from trialbot.retrieval.bm25 import BM25Index
from trialbot.retrieval.intents import (
    definition_term,
    needs_figure,
    section_boosts,
    structured_intent,
)
from trialbot.retrieval.text import terms


def test_bm25_finds_drug_names_and_numbers() -> None:
    """Rare words such as a drug name or a lab value rank their passage first."""
    index = BM25Index(
        ["Prior treatment with apatinib.", "Blood pressure at or above 140/90.", "Any cancer."]
    )
    assert int(index.scores(terms("apatinib before?")).argmax()) == 0
    assert int(index.scores(terms("is 140 too high")).argmax()) == 1
    assert index.idf("never-seen") == index.max_idf


def test_bm25_of_an_empty_corpus_is_empty() -> None:
    """No passages: an empty score vector, no crash."""
    assert len(BM25Index([]).scores(["x"])) == 0


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Where is it?", "sites"),
        ("Which cities is it in?", "sites"),
        ("Is it in Germany?", "sites"),
        ("Is it still recruiting?", "status"),
        ("When does it start?", "status"),
        ("What phase is it?", "phase"),
        ("Who do I call?", "contacts"),
        ("What's the phone number?", "contacts"),
        ("How old do I need to be?", "eligibility"),
        ("Is it open to women?", "eligibility"),
        ("How many people will take part?", "enrollment"),
        ("Who is the sponsor?", "sponsor"),
        ("What drugs are being tested?", "interventions"),
        ("What is this study about?", "summary"),
        ("How is the drug given?", None),
        ("Where in the body is it injected?", None),
        ("Is parking free at the hospital?", None),
        ("Does it cost money?", None),
    ],
)
def test_structured_intents(question: str, intent: str | None) -> None:
    """Questions about record fields are recognised; others are left to retrieval."""
    assert structured_intent(question) == intent


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("What does refractory mean?", "refractory"),
        ("what does 'relapsed' mean", "relapsed"),
        ("What is osteosarcoma?", "osteosarcoma"),
        ("What kind of medicine is mifamurtide?", "mifamurtide"),
        ("Define hypersensitivity", "hypersensitivity"),
        ("What is this study about?", None),
        ("What is the dose?", None),
    ],
)
def test_definition_terms(question: str, term: str | None) -> None:
    """'What does X mean?' questions name their term."""
    assert definition_term(question) == term


def test_boosts_and_figures() -> None:
    """Eligibility wording points to criteria; rate questions need a figure."""
    assert section_boosts("Can I still join if I smoke?") == {"eligibility": 0.1}
    assert "interventions" in section_boosts("How is the drug given?")
    assert needs_figure("What is the success rate?")
    assert not needs_figure("How is it given?")

"""A running answerer sees trials another process indexed; a foreign store is one clear error;
the no-answer contact belongs to the trial asked about (fake embeddings, no model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromadb.api.types import EmbeddingFunction
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import DeterministicFakeEmbedding

from trialbot.domain.trial import Contact, Site, Trial
from trialbot.retrieval import answerer as answerer_module
from trialbot.retrieval import store
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.errors import StoreMismatch
from trialbot.retrieval.indexer import sync_index
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.settings import Settings

DRAGONFLY = "2026-525223-24-00"
APATINIB = "NCT07479732"


def test_a_trial_indexed_elsewhere_is_answered_without_restart(
    tmp_path: Path,
    seed_trials: list[Trial],
    fake_embedder: DeterministicFakeEmbedding,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After another process syncs a new trial into the store, the next question about it is
    answered from it (the store's change stamp makes the mirror reload)."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path)
    first, second = seed_trials
    catalog = MemoryCatalog([first])
    running = RetrievalAnswerer(settings, catalog, embedder=fake_embedder)
    assert running.answer("Where is it?", [first.id]).kind == "answer"
    # another process: registers and indexes the second trial without touching our counter
    monkeypatch.setattr(store, "bump_generation", lambda: None)
    catalog._trials[second.id.lower()] = second
    sync_index(settings, MemoryCatalog([first, second]), embedder=fake_embedder)
    monkeypatch.setattr(answerer_module, "STAMP_EVERY", 0.0)
    reply = running.answer("Where is it?", [second.id])
    assert reply.kind == "answer" and second.id in {c.trial_id for c in reply.citations}


class _OtherFunction(EmbeddingFunction):  # type: ignore[type-arg]
    """An embedding function of some other tool that built the store."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: list[str]) -> list[list[float]]:
        return [[0.0] * 4 for _ in input]

    @staticmethod
    def name() -> str:
        return "another-tool"

    def get_config(self) -> dict[str, str]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, str]) -> _OtherFunction:
        return _OtherFunction()


def test_a_store_of_another_embedding_function_is_one_clear_error(
    tmp_path: Path, seed_trials: list[Trial], fake_embedder: DeterministicFakeEmbedding
) -> None:
    """Opening it raises StoreMismatch naming both functions; a question gets a calm no_answer."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path)
    register_embedding_function(_OtherFunction)
    store.open_client(settings).get_or_create_collection(
        store.COLLECTION, embedding_function=_OtherFunction()
    )
    answerer = RetrievalAnswerer(settings, MemoryCatalog(seed_trials), embedder=fake_embedder)
    with pytest.raises(StoreMismatch, match="another-tool") as caught:
        answerer.check_store()
    assert "\n" not in str(caught.value)
    reply = answerer.answer("Where is it?", [APATINIB])
    assert reply.kind == "no_answer" and not reply.citations


def test_no_answer_gives_the_contact_of_the_trial_asked_about(
    tmp_path: Path, seed_trials: list[Trial], fake_embedder: DeterministicFakeEmbedding
) -> None:
    """Both seeds in scope, a question naming Poland: the contact line is the Polish trial's
    (which lists none), not the Beijing trial's."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path)
    answerer = RetrievalAnswerer(settings, MemoryCatalog(seed_trials), embedder=fake_embedder)
    reply = answerer.answer("does the study pay for our travel to Poland?", [DRAGONFLY, APATINIB])
    assert reply.kind == "no_answer"
    assert "xie.lu@hotmail.com" not in reply.text


def test_no_answer_labels_each_trial_contact_when_several_are_asked_about(
    tmp_path: Path, fake_embedder: DeterministicFakeEmbedding
) -> None:
    """Two trials in scope, neither named: each gets its own labelled contact (or none listed)."""
    one = Trial(id="NCT1", registry="ctgov", title="One", contacts=[Contact(name="Ann")])
    two = Trial(id="NCT2", registry="ctgov", title="Two", sites=[Site(city="Oslo")])
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path)
    answerer = RetrievalAnswerer(settings, MemoryCatalog([one, two]), embedder=fake_embedder)
    reply = answerer.answer("Is there free parking?", ["NCT1", "NCT2"])
    assert reply.kind == "no_answer" and "Ann" in reply.text and "NCT2" in reply.text

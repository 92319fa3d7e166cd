"""The index through LangChain: the hybrid retriever and the Chroma vector store."""

from __future__ import annotations

from pathlib import Path

from langchain_core.embeddings import DeterministicFakeEmbedding

from trialbot.domain.trial import Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.store import open_vectorstore
from trialbot.settings import Settings


def test_hybrid_retriever_returns_cited_documents(tmp_path: Path, seed_trials: list[Trial]) -> None:
    """`as_retriever` gives LangChain Documents of the trials in scope with their sections."""
    answerer = RetrievalAnswerer(
        Settings(TRIALBOT_INDEX_DIR=tmp_path),
        MemoryCatalog(seed_trials),
        embedder=DeterministicFakeEmbedding(size=384),
    )
    documents = answerer.as_retriever(["NCT07479732"], k=3).invoke("prior apatinib treatment")
    assert len(documents) == 3
    assert all(d.metadata["trial_id"] == "NCT07479732" for d in documents)
    assert "apatinib" in documents[0].page_content.lower()


def test_chroma_vector_store_sees_the_synced_passages(
    tmp_path: Path, seed_trials: list[Trial]
) -> None:
    """The stored collection is usable as a LangChain Chroma vector store with a trial filter."""
    fake = DeterministicFakeEmbedding(size=384)
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path)
    RetrievalAnswerer(settings, MemoryCatalog(seed_trials), embedder=fake).warm_up()
    store = open_vectorstore(settings, embedder=fake)
    found = store.similarity_search("Where is it?", k=2, filter={"trial_id": "NCT07479732"})
    assert [d.metadata["trial_id"] for d in found] == ["NCT07479732", "NCT07479732"]

"""What a question costs in embeddings: a question the record's fields answer is never
embedded, and a question with its drug-less reading takes one pass of the model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from trialbot.domain.trial import Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.embeddings import load_embedder, pair_vectors, query_vector
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.settings import Settings

DRAGONFLY = "2026-525223-24-00"
APATINIB = "NCT07479732"


class RecordingEmbedding(DeterministicFakeEmbedding):
    """The deterministic fake embeddings, remembering every text embedded."""

    embedded: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return super().embed_documents(texts)


@pytest.fixture
def recording(tmp_path: Path, seed_trials: list[Trial]) -> tuple[RetrievalAnswerer, list[str]]:
    """A warmed-up answerer over the seeds and the list of texts it embeds from now on."""
    embedder = RecordingEmbedding(size=384, embedded=[])
    answerer = RetrievalAnswerer(
        Settings(TRIALBOT_INDEX_DIR=tmp_path), MemoryCatalog(seed_trials), embedder=embedder
    )
    answerer.warm_up()
    embedder.embedded.clear()
    return answerer, embedder.embedded


@pytest.mark.parametrize(
    "question",
    [
        "Where is it?",
        "Where does the study of apatinib take place?",
        "Who do I call?",
        "Is it recruiting?",
        "Is there a placebo?",
    ],
)
def test_a_question_the_record_answers_is_never_embedded(
    recording: tuple[RetrievalAnswerer, list[str]], question: str
) -> None:
    """Sites, contacts, status and placebo come from the record's fields: no vector made."""
    answerer, embedded = recording
    reply = answerer.answer(question, [APATINIB])
    assert reply.kind == "answer"
    assert embedded == []


@pytest.mark.parametrize(
    "question",
    ["Can I join if I'm breastfeeding?", "What happens at each visit?", "Does it hurt?"],
)
def test_a_searched_question_is_embedded_once(
    recording: tuple[RetrievalAnswerer, list[str]], question: str
) -> None:
    """A question the passages answer is embedded once, however many steps read its vector."""
    answerer, embedded = recording
    answerer.answer(question, [DRAGONFLY])
    assert embedded == [question]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("How is Mifamurtide given? (1)", "How is it given? (1)"),
        (
            "How often do I see the doctor during the apatinib study?",
            "How often do I see the doctor during it study?",
        ),
        ("Can I take apatinib if I'm on warfarin?", "Can I take it if I'm on warfarin?"),
    ],
)
def test_two_questions_in_one_pass_are_the_lone_vectors(first: str, second: str) -> None:
    """The padded pass of a question and its drug-less reading gives each one's own vector
    (to rounding), and caches neither."""
    embedder = load_embedder()
    embedder._cache.pop(first, None)
    embedder._cache.pop(second, None)
    pair = pair_vectors(embedder, first, second)
    assert pair is not None
    assert first not in embedder._cache and second not in embedder._cache
    for text, vector in zip((first, second), pair, strict=True):
        lone = query_vector(embedder, text)
        assert np.allclose(vector, lone, atol=1e-5)
        assert abs(float(np.dot(vector, lone)) - 1.0) < 1e-5


def test_numpy_blas_runs_on_one_thread_after_setup() -> None:
    """The small question products stay on the calling thread (the model keeps its own)."""
    from threadpoolctl import threadpool_info

    from trialbot.retrieval.embeddings import one_blas_thread

    one_blas_thread()
    blas = [i for i in threadpool_info() if i["user_api"] == "blas"]
    assert blas and all(i["num_threads"] == 1 for i in blas)

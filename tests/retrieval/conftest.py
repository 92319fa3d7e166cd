"""Fixtures of the retrieval tests: seed trials, fake and real embedders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from trialbot.domain.trial import Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.quality import QAReport, evaluate, load_unseen
from trialbot.settings import Settings


@pytest.fixture(scope="session")
def seed_trials(seeds_dir: Path) -> list[Trial]:
    """The two seed documents read by the ingestion reader."""
    from trialbot.sources.readers import read_document

    return [t for path in sorted(seeds_dir.iterdir()) for t in read_document(path)]


@pytest.fixture(scope="session")
def wording() -> dict[str, Any]:
    """The answer wording shipped in prompts/answers.yaml."""
    from trialbot.prompts import load_prompts

    return dict(load_prompts("answers"))


@pytest.fixture
def fake_embedder() -> DeterministicFakeEmbedding:
    """LangChain's deterministic fake embeddings, for plumbing-only tests."""
    return DeterministicFakeEmbedding(size=384)


@pytest.fixture(scope="session")
def real_answerer(
    seed_trials: list[Trial], tmp_path_factory: pytest.TempPathFactory
) -> RetrievalAnswerer:
    """The answerer over the seeds with the real embedding model (loaded once per session)."""
    index_dir = tmp_path_factory.mktemp("seed-index")
    answerer = RetrievalAnswerer(Settings(TRIALBOT_INDEX_DIR=index_dir), MemoryCatalog(seed_trials))
    answerer.warm_up()
    return answerer


@pytest.fixture(scope="session")
def answerer_over(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Sequence[Trial], str], RetrievalAnswerer]:
    """A function building a warmed-up answerer with the real embedding model over `trials`,
    its index in a fresh temporary directory named after `name`."""

    def build(trials: Sequence[Trial], name: str) -> RetrievalAnswerer:
        settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp(name))
        answerer = RetrievalAnswerer(settings, MemoryCatalog(list(trials)))
        answerer.warm_up()
        return answerer

    return build


@pytest.fixture(scope="session")
def qa_report_of(
    corpus_dir: Path, full_corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[Sequence[Path], str], QAReport]:
    """A function scoring question files: every question asked once over an index of only the
    trials they ask about (the full API v2 record where there is one, else the thin one)."""

    def report(files: Sequence[Path], name: str) -> QAReport:
        from trialbot.sources.readers import read_document

        cases = [case for path in files for case in load_unseen(path)]
        trials = []
        for tid in sorted({t for case in cases for t in case.trial_ids}):
            full = full_corpus_dir / f"{tid}.json"
            trials.extend(read_document(full if full.exists() else corpus_dir / f"{tid}.json"))
        settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp(f"{name}-index"))
        answerer = RetrievalAnswerer(settings, MemoryCatalog(trials))
        answerer.warm_up()
        return evaluate(answerer, cases)

    return report

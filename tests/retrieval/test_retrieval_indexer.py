"""Index sync: only changed trials are embedded, removed ones deleted, ids stable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from langchain_core.embeddings import DeterministicFakeEmbedding

from trialbot.domain.trial import Trial
from trialbot.retrieval import store
from trialbot.retrieval.chunking import chunk_trial
from trialbot.retrieval.indexer import sync_index
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.settings import Settings


class CountingEmbeddings(DeterministicFakeEmbedding):
    """Fake embeddings that count how many passages they embedded."""

    calls: int = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed and count."""
        self.calls += len(texts)
        return super().embed_documents(texts)


def _settings(tmp_path: Path) -> Settings:
    return Settings(TRIALBOT_INDEX_DIR=tmp_path)


def _stored_ids(settings: Settings) -> set[str]:
    got: dict[str, Any] = store.open_collection(settings).get(include=[])
    return set(got["ids"])


def test_first_sync_embeds_every_passage(tmp_path: Path, seed_trials: list[Trial]) -> None:
    """An empty store gets every passage of every trial, with the stable ids."""
    settings, fake = _settings(tmp_path), CountingEmbeddings(size=384)
    report = sync_index(settings, MemoryCatalog(seed_trials), embedder=fake)
    expected = {c.id for t in seed_trials for c in chunk_trial(t)}
    assert report.embedded_chunks == len(expected) == fake.calls == report.chunks
    assert report.changed_trials == 2 and report.unchanged_trials == 0
    assert _stored_ids(settings) == expected


def test_unchanged_resync_embeds_nothing(tmp_path: Path, seed_trials: list[Trial]) -> None:
    """Syncing the same trials again embeds and deletes nothing."""
    settings, fake = _settings(tmp_path), CountingEmbeddings(size=384)
    sync_index(settings, MemoryCatalog(seed_trials), embedder=fake)
    fake.calls = 0
    report = sync_index(settings, MemoryCatalog(seed_trials), embedder=fake)
    assert (report.embedded_chunks, report.deleted_chunks, fake.calls) == (0, 0, 0)
    assert report.unchanged_trials == 2


def test_only_the_changed_trial_is_reembedded(tmp_path: Path, seed_trials: list[Trial]) -> None:
    """Editing one trial re-embeds its passages only and drops its vanished passages."""
    settings, fake = _settings(tmp_path), CountingEmbeddings(size=384)
    sync_index(settings, MemoryCatalog(seed_trials), embedder=fake)
    first, second = seed_trials
    edited = second.model_copy(update={"criteria": second.criteria[:-1]})
    fake.calls = 0
    report = sync_index(settings, MemoryCatalog([first, edited]), embedder=fake)
    assert report.changed_trials == 1 and report.unchanged_trials == 1
    assert fake.calls == len(chunk_trial(edited))
    assert report.deleted_chunks == 1
    assert _stored_ids(settings) == {c.id for t in (first, edited) for c in chunk_trial(t)}


def test_removed_trial_is_deleted(tmp_path: Path, seed_trials: list[Trial]) -> None:
    """A trial no longer registered loses all its passages."""
    settings, fake = _settings(tmp_path), CountingEmbeddings(size=384)
    sync_index(settings, MemoryCatalog(seed_trials), embedder=fake)
    report = sync_index(settings, MemoryCatalog(seed_trials[:1]), embedder=fake)
    assert report.removed_trials == 1
    assert _stored_ids(settings) == {c.id for c in chunk_trial(seed_trials[0])}


def test_empty_catalog_gives_an_empty_index(tmp_path: Path) -> None:
    """No trials: nothing to embed, an empty but valid store."""
    report = sync_index(_settings(tmp_path), MemoryCatalog([]), embedder=CountingEmbeddings(size=8))
    assert report.trials == 0 and report.chunks == 0

"""Brings the vector store in line with the registered trials; only changed trials are embedded."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from trialbot.domain.ports import TrialCatalog
from trialbot.retrieval import store
from trialbot.retrieval.chunking import Chunk, chunk_trial, chunks_hash
from trialbot.retrieval.embeddings import embed_texts, load_embedder
from trialbot.settings import Settings

EMBED_BLOCK = 1024  # passages embedded per round; each round is written while the next embeds


class IndexReport(BaseModel):
    """What one index sync did."""

    trials: int
    chunks: int
    embedded_chunks: int
    deleted_chunks: int
    unchanged_trials: int
    changed_trials: int
    removed_trials: int
    seconds: float
    embed_seconds: float
    chunks_per_second: float
    store: str


def _stored_state(collection: Any) -> dict[str, tuple[str, set[str]]]:
    """trial id -> (content hash, passage ids) of what the store holds now."""
    state: dict[str, tuple[str, set[str]]] = {}
    got = collection.get(include=["metadatas"])
    for chunk_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
        trial_id = str((meta or {}).get("trial_id", ""))
        digest = str((meta or {}).get("trial_hash", ""))
        old_hash, ids = state.get(trial_id, (digest, set()))
        ids.add(chunk_id)
        state[trial_id] = (old_hash if old_hash == digest else "", ids)
    return state


@dataclass
class _Plan:
    to_embed: list[tuple[Chunk, str]] = field(default_factory=list)  # passage, trial hash
    to_delete: list[str] = field(default_factory=list)
    unchanged: int = 0
    changed: int = 0
    removed: int = 0


def _plan(catalog: TrialCatalog, stored: dict[str, tuple[str, set[str]]]) -> _Plan:
    """Which passages to (re)embed and which ids to delete."""
    plan = _Plan()
    current: set[str] = set()
    for trial in catalog.list_trials():
        current.add(trial.id)
        chunks = chunk_trial(trial)
        digest = chunks_hash(chunks)
        old_hash, old_ids = stored.get(trial.id, ("", set()))
        new_ids = {c.id for c in chunks}
        if old_hash == digest and old_ids == new_ids:
            plan.unchanged += 1
            continue
        plan.changed += 1
        plan.to_embed.extend((chunk, digest) for chunk in chunks)
        plan.to_delete.extend(sorted(old_ids - new_ids))
    for trial_id, (_, ids) in stored.items():
        if trial_id not in current:
            plan.removed += 1
            plan.to_delete.extend(sorted(ids))
    return plan


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def _progress_bar(enabled: bool, total: int) -> Iterator[Any]:
    if not enabled or not total:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("embedding passages", total=total)
        yield lambda n: bar.advance(task, n)


def _write(
    collection: Any, items: Sequence[tuple[Chunk, str]], limit: int, embedder: Any, progress: bool
) -> float:
    """Embed length-sorted blocks, writing each while the next is embedded; seconds embedding."""
    ordered = sorted(items, key=lambda item: -len(item[0].text))  # less padding per batch
    embed_seconds = 0.0
    with _progress_bar(progress, len(ordered)) as advance, ThreadPoolExecutor(1) as writer:
        pending: Future[None] | None = None
        for block in _batches(ordered, limit):
            started = time.perf_counter()
            vectors = embed_texts(embedder, [chunk.text for chunk, _ in block])
            embed_seconds += time.perf_counter() - started
            if pending is not None:
                pending.result()
            pending = writer.submit(_upsert, collection, block, vectors)
            if advance:
                advance(len(block))
        if pending is not None:
            pending.result()
    return embed_seconds


def _upsert(collection: Any, block: Sequence[tuple[Chunk, str]], vectors: Any) -> None:
    collection.upsert(
        ids=[chunk.id for chunk, _ in block],
        embeddings=vectors,
        documents=[chunk.text for chunk, _ in block],
        metadatas=[chunk.metadata(digest) for chunk, digest in block],
    )


def sync_index(
    settings: Settings, catalog: TrialCatalog, *, progress: bool = False, embedder: Any = None
) -> IndexReport:
    """Re-embed changed trials, delete removed ones, leave unchanged ones alone."""
    started = time.perf_counter()
    collection = store.open_collection(settings)
    limit = min(EMBED_BLOCK, int(store.open_client(settings).get_max_batch_size()))
    plan = _plan(catalog, _stored_state(collection))
    for ids in _batches(plan.to_delete, limit):
        collection.delete(ids=list(ids))
    embed_seconds = 0.0
    if plan.to_embed:
        embed_seconds = _write(
            collection, plan.to_embed, limit, embedder or load_embedder(), progress
        )
    seconds = time.perf_counter() - started
    if plan.to_embed or plan.to_delete:
        store.write_stamp(collection)
        store.bump_generation()
    embedded = len(plan.to_embed)
    return IndexReport(
        trials=plan.unchanged + plan.changed,
        chunks=int(collection.count()),
        embedded_chunks=embedded,
        deleted_chunks=len(plan.to_delete),
        unchanged_trials=plan.unchanged,
        changed_trials=plan.changed,
        removed_trials=plan.removed,
        seconds=round(seconds, 3),
        embed_seconds=round(embed_seconds, 3),
        chunks_per_second=round(embedded / seconds, 1) if embedded and seconds else 0.0,
        store=store.store_location(settings),
    )

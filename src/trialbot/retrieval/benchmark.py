"""Speed figures of the retrieval side: raw model throughput, indexing, re-sync, query latency."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from trialbot.domain.ports import TrialCatalog
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.chunking import chunk_trial
from trialbot.retrieval.embeddings import load_embedder
from trialbot.retrieval.indexer import sync_index
from trialbot.settings import Settings

SAMPLE_QUESTIONS = (
    "How is the drug given?",
    "Where does the trial take place?",
    "What does refractory mean?",
    "Who do I call?",
    "Can I join if I am pregnant?",
    "How old do I have to be?",
    "Is it still recruiting?",
    "What are the side effects?",
    "Do I need to stop my other medicines?",
    "Is parking free at the hospital?",
    "Can I take part if I had cancer before?",
    "How many people will take part?",
)


class RetrievalBench(BaseModel):
    """Measured figures (seconds, per-second rates and milliseconds)."""

    trials: int
    chunks: int
    raw_encode_per_second: float
    index_chunks_per_second: float
    index_vs_raw: float
    index_seconds: float
    resync_seconds: float
    queries: int
    query_p50_ms: float
    query_p95_ms: float
    query_max_ms: float


def raw_throughput(texts: Sequence[str]) -> float:
    """Passages per second of the bare `model.encode` on these texts."""
    model = load_embedder().model
    model.encode(list(texts[:64]))  # warm-up
    started = time.perf_counter()
    model.encode(list(texts))
    return len(texts) / (time.perf_counter() - started)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def query_latencies(
    answerer: RetrievalAnswerer, trial_ids: Sequence[str], rounds: int = 300, seed: int = 7
) -> list[float]:
    """Milliseconds per `answer` call: random questions, one random trial in scope (or all)."""
    rng = random.Random(seed)
    answerer.warm_up()
    timings = []
    for n in range(rounds):
        question = SAMPLE_QUESTIONS[n % len(SAMPLE_QUESTIONS)]
        scope = [] if n % 10 == 9 else [rng.choice(list(trial_ids))]
        started = time.perf_counter()
        answerer.answer(question, scope)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def run(settings: Settings, catalog: TrialCatalog, *, sample: int = 2000, rounds: int = 300) -> Any:
    """Build the index from scratch in `settings`, then time re-sync and queries."""
    trials = catalog.list_trials()
    texts = [c.text for t in trials for c in chunk_trial(t)]
    rng = random.Random(1)
    raw = raw_throughput(rng.sample(texts, min(sample, len(texts))))
    built = sync_index(settings, catalog)
    again = sync_index(settings, catalog)
    answerer = RetrievalAnswerer(settings, catalog, sync_on_open=False)
    timings = query_latencies(answerer, [t.id for t in trials], rounds)
    return RetrievalBench(
        trials=len(trials),
        chunks=built.chunks,
        raw_encode_per_second=round(raw, 1),
        index_chunks_per_second=built.chunks_per_second,
        index_vs_raw=round(built.chunks_per_second / raw, 3) if raw else 0.0,
        index_seconds=built.seconds,
        resync_seconds=again.seconds,
        queries=len(timings),
        query_p50_ms=round(_percentile(timings, 0.5), 2),
        query_p95_ms=round(_percentile(timings, 0.95), 2),
        query_max_ms=round(max(timings), 2),
    )

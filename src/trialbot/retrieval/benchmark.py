"""Speed figures of the retrieval side: raw model throughput, indexing, re-sync, query latency."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from trialbot.domain.ports import TrialCatalog
from trialbot.domain.trial import Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.chunking import chunk_trial
from trialbot.retrieval.embeddings import load_embedder
from trialbot.retrieval.indexer import sync_index
from trialbot.settings import Settings

SAMPLE_QUESTIONS = (
    "How is {drug} given?",
    "Where does the {condition} trial take place?",
    "What does {condition} mean?",
    "Who do I call about the {drug} study?",
    "Can I join if I am pregnant and have {condition}?",
    "How old do I have to be for the {condition} study?",
    "Is the {drug} trial still recruiting?",
    "What are the side effects of {drug}?",
    "Do I need to stop my other medicines before {drug}?",
    "Is parking free at the {condition} clinic?",
    "Can I take part if I had {condition} before?",
    "How many people will get {drug}?",
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
    repeated_query_p95_ms: float  # the same questions again (query vectors cached)
    model_p50_ms: float  # bare `model.encode(question)` on the same questions, interleaved
    model_p95_ms: float


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


def sample_questions(trials: Sequence[Trial], rounds: int, seed: int = 7) -> list[tuple[str, str]]:
    """(question, trial id) pairs: templates filled with each trial's own drug or condition."""
    rng = random.Random(seed)
    pairs = []
    for n in range(rounds):
        trial = rng.choice(list(trials))
        drug = trial.interventions[0].name if trial.interventions else "the study drug"
        condition = trial.conditions[0] if trial.conditions else "this"
        template = SAMPLE_QUESTIONS[n % len(SAMPLE_QUESTIONS)]
        pairs.append((template.format(drug=drug, condition=condition), trial.id))
    return pairs


def query_latencies(
    answerer: RetrievalAnswerer, pairs: Sequence[tuple[str, str]]
) -> tuple[list[float], list[float]]:
    """Milliseconds of `answer` and of bare `model.encode` per question, interleaved (same load)."""
    answerer.warm_up()
    model = load_embedder().model
    answers, bare = [], []
    for n, (question, trial_id) in enumerate(pairs):
        scope = [] if n % 10 == 9 else [trial_id]
        started = time.perf_counter()
        model.encode(question)
        bare.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        answerer.answer(question, scope)
        answers.append((time.perf_counter() - started) * 1000)
    return answers, bare


def run(settings: Settings, catalog: TrialCatalog, *, sample: int = 2000, rounds: int = 300) -> Any:
    """Build the index from scratch in `settings`, then time re-sync and queries."""
    trials = catalog.list_trials()
    texts = [c.text for t in trials for c in chunk_trial(t)]
    rng = random.Random(1)
    raw = raw_throughput(rng.sample(texts, min(sample, len(texts))))
    built = sync_index(settings, catalog)
    again = sync_index(settings, catalog)
    answerer = RetrievalAnswerer(settings, catalog, sync_on_open=False)
    pairs = sample_questions(trials, rounds)
    timings, bare = query_latencies(answerer, pairs)
    repeated, _ = query_latencies(answerer, pairs)
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
        repeated_query_p95_ms=round(_percentile(repeated, 0.95), 2),
        model_p50_ms=round(_percentile(bare, 0.5), 2),
        model_p95_ms=round(_percentile(bare, 0.95), 2),
    )

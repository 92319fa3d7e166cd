"""Index build of a corpus folder: chunks/s against the model's raw throughput, and re-ingest."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from trialbot.settings import load_settings

RAW_SAMPLE = 1024  # passages embedded to measure the model's own throughput


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    """The corpus documents (sorted), the first `limit` of them when given."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".json", ".txt"))
    return files[:limit] if limit else files


def index_build(corpus: Path, index_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Ingest and index a corpus into a new index dir, then repeat with nothing changed."""
    from trialbot.retrieval.chunking import chunk_trial
    from trialbot.retrieval.embeddings import load_embedder
    from trialbot.retrieval.indexer import sync_index
    from trialbot.sources.catalog import FileTrialCatalog
    from trialbot.sources.ingest import ingest_paths

    files = corpus_files(corpus, limit)
    settings = load_settings(index_dir=index_dir, database_url="memory://")
    catalog = FileTrialCatalog(index_dir)
    embedder = load_embedder()

    started = time.perf_counter()
    ingest = ingest_paths(catalog, files)
    ingest_s = time.perf_counter() - started
    build = sync_index(settings, catalog)
    total_s = time.perf_counter() - started

    texts = [c.text for t in catalog.list_trials() for c in chunk_trial(t)][:RAW_SAMPLE]
    raw_started = time.perf_counter()
    embedder.encode(texts)
    raw_s = time.perf_counter() - raw_started
    raw_rate = len(texts) / raw_s if raw_s else None

    again = time.perf_counter()
    reingest = ingest_paths(catalog, files)
    resync = sync_index(settings, catalog)
    again_s = time.perf_counter() - again
    queries = corpus_query_latency(settings, catalog, rounds=40 if limit else 300)

    return {
        "corpus": str(corpus),
        "documents": len(files),
        "trials": build.trials,
        "errors": len(ingest.errors),
        "chunks": build.chunks,
        "ingest_s": round(ingest_s, 3),
        "index_s": round(build.seconds, 3),
        "embed_s": round(build.embed_seconds, 3),
        "total_s": round(total_s, 3),
        "chunks_per_s": round(build.chunks / build.seconds, 1) if build.seconds else None,
        "raw_model_chunks_per_s": round(raw_rate, 1) if raw_rate else None,
        "raw_sample": len(texts),
        "build_vs_raw": round(build.chunks / build.seconds / raw_rate, 3)
        if build.seconds and raw_rate
        else None,
        "reingest_unchanged_s": round(again_s, 3),
        "reingest_unchanged": reingest.unchanged,
        "reembedded_chunks": resync.embedded_chunks,
        "store": build.store,
        "query_over_corpus_ms": queries,
    }


def corpus_query_latency(settings: Any, catalog: Any, rounds: int) -> dict[str, Any]:
    """QA answer latency with the whole corpus indexed, and the bare model on the same questions."""
    from trialbot.retrieval.answerer import RetrievalAnswerer
    from trialbot.retrieval.benchmark import query_latencies, sample_questions

    answerer = RetrievalAnswerer(settings, catalog, sync_on_open=False)
    answers, bare = query_latencies(answerer, sample_questions(catalog.list_trials(), rounds))
    return {
        "n": len(answers),
        "p50": _percentile(answers, 0.50),
        "p95": _percentile(answers, 0.95),
        "model_p50": _percentile(bare, 0.50),
        "model_p95": _percentile(bare, 0.95),
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))], 3)

"""`trialbot bench --json --quick` runs end to end on a tiny corpus and reports every figure."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from trialbot.cli import main
from trialbot.settings import Settings

pytestmark = pytest.mark.slow


def test_quick_bench_reports_every_section(
    tmp_path: Path,
    seed_settings: Settings,
    corpus_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Machine, latency vs floor, web load, index build, cold start (in process and `serve` from
    a fresh clone's state), memory and targets."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted(corpus_dir.glob("*.json"))[0], corpus)
    monkeypatch.setenv("TRIALBOT_INDEX_DIR", str(seed_settings.index_dir))
    assert main(["bench", "--json", "--quick", "--corpus", str(corpus)]) == 0
    report = json.loads(capsys.readouterr().out)
    for section in (
        "latency", "index", "criteria", "web", "catalogue", "cold_start", "fresh_clone_serve",
    ):  # fmt: skip
        assert "error" not in report[section], report.get("tracebacks", {}).get(section)
    assert {"cpu_count", "cpu_model", "memory_gb", "python", "torch"} <= set(report["machine"])
    latency = report["latency"]
    for key in ("dialog_turn_ms", "qa_turn_ms", "embedding_floor_ms"):
        assert {"p50", "p95", "p99"} <= set(latency[key]) and latency[key]["n"] > 0
    assert latency["qa_p95_over_floor_p95"] > 0 and latency["dialog_error_replies"] == 0
    web = report["web"]
    assert web["turns"] > 0 and web["turns_per_s"] > 0 and web["errors"] == 0
    assert web["concurrent_conversations"] == 100 and web["latency_ms"]["p95"] is not None
    index = report["index"]
    assert index["trials"] == 1 and index["chunks"] > 0 and index["raw_model_chunks_per_s"] > 0
    assert index["reembedded_chunks"] == 0 and index["reingest_unchanged"] == 1
    assert report["cold_start"]["first_reply_s"] > 0 and report["peak_rss_mb"] > 0
    assert report["criteria"]["trials"] == 1 and report["criteria"]["criteria"] > 0
    assert report["criteria"]["per_trial_ms"]["n"] == 1
    assert report["catalogue"]["simulated"]["trials"] == 2000
    assert report["catalogue"]["corpus"]["p95_ms"] is not None
    fresh = report["fresh_clone_serve"]
    assert 0 < fresh["healthz_s"] <= fresh["first_reply_s"] <= fresh["first_answer_s"]
    assert set(report["targets"]) == {
        "catalogue_p95_ms",
        "catalogue_20k_p95_ms",
        "catalogue_20k_rss_growth_mb",
        "criteria_corpus_cpu_s",
        "dialog_p95_ms",
        "qa_p95_over_floor",
        "web_turns_per_s",
        "web_errors",
        "web_p95_ms",
    }


def test_bench_refuses_a_missing_corpus(tmp_path: Path) -> None:
    """A --corpus that is not a folder is a usage error."""
    assert main(["bench", "--json", "--corpus", str(tmp_path / "nope")]) == 2

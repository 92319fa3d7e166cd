"""Runs every benchmark section and puts the figures next to their targets."""

from __future__ import annotations

import datetime as dt
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from trialbot.evaluation.bench.catalogue import P95_TARGET_MS, RSS_GROWTH_TARGET_MB, catalogue_bench
from trialbot.evaluation.bench.coldstart import cold_start, fresh_clone_serve
from trialbot.evaluation.bench.criteria import CORPUS_READ_TARGET_S, criteria_reading
from trialbot.evaluation.bench.indexing import index_build
from trialbot.evaluation.bench.latency import dialog_latency, lay_questions, qa_latency
from trialbot.evaluation.bench.machine import (
    describe_machine,
    load_average,
    own_peak_rss_mb,
    summarize,
)
from trialbot.evaluation.bench.patient import ages_in_range
from trialbot.evaluation.bench.web import web_throughput
from trialbot.settings import Settings

DIALOG_P95_MS = 5.0
QA_OVER_FLOOR = 2.0
WEB_TURNS_PER_S = 500.0
WEB_P95_MS = 300.0


@dataclass
class BenchOptions:
    """What to measure and how much."""

    settings: Settings
    corpus: Path | None = None
    quick: bool = False
    runs: int | None = None  # web load runs per client (default 1 with --quick, else 3)
    only: frozenset[str] | None = None  # sections to run (default: all of SECTIONS)
    workers: int = 1  # web server processes
    access_log: bool = True  # the web server's line per request

    @property
    def web_runs(self) -> int:
        """How many times each web client is run (the figures are their medians)."""
        if self.runs is not None:
            return max(1, self.runs)
        return 1 if self.quick else 3

    def wants(self, section: str) -> bool:
        """True when `section` is to be measured."""
        return self.only is None or section in self.only

    @property
    def sizes(self) -> dict[str, Any]:
        """Sample sizes: small with --quick, large enough for stable p99 otherwise."""
        if self.quick:
            return {
                "dialog": 300,
                "qa": 20,
                "web_turns": 400,
                "web_s": 10.0,
                "docs": 20,
                "catalogue_turns": 200,
                "catalogue_simulated": 2000,
            }
        return {
            "dialog": 3000,
            "qa": 150,
            "web_turns": 4000,
            "web_s": 30.0,
            "docs": None,
            "catalogue_turns": 2000,
            "catalogue_simulated": 20_000,
        }


SECTIONS = (
    "latency", "index", "criteria", "catalogue", "web", "cold_start", "fresh_clone_serve",
)  # fmt: skip


def _section(name: str, report: dict[str, Any], work: Callable[[], dict[str, Any]]) -> None:
    """Run one section; a failure is reported in its place instead of ending the run."""
    if name in report.get("skipped", []):
        return
    try:
        report[name] = work()
    except Exception as exc:
        report[name] = {"error": f"{type(exc).__name__}: {exc}"}
        report.setdefault("tracebacks", {})[name] = traceback.format_exc(limit=5)


def _latency(options: BenchOptions) -> dict[str, Any]:
    from trialbot.evaluation.session import eval_core
    from trialbot.retrieval.embeddings import load_embedder

    core = eval_core(options.settings)
    trials = core.catalog.list_trials()
    if not trials:
        raise RuntimeError("no trials registered in the index dir; run `trialbot ingest` first")
    sizes = options.sizes
    scopes: list[list[str] | None] = [[t.id] for t in trials[:10]] + [None]
    ages = ages_in_range(trials)
    dialog = dialog_latency(core.service, scopes, sizes["dialog"], ages)
    qa = qa_latency(core.service, load_embedder(), lay_questions(trials[:10], sizes["qa"]))
    floor, answered = summarize(qa["floor_ms"]), summarize(qa["qa_ms"])
    ratio = None
    if floor["p95"] and answered["p95"]:
        ratio = round(float(answered["p95"]) / float(floor["p95"]), 2)
    return {
        "trials": len(trials),
        "dialog_turn_ms": summarize(dialog["ms"]),
        "dialog_conversations": dialog["conversations"],
        "dialog_error_replies": dialog["error_replies"],
        "qa_turn_ms": answered,
        "embedding_floor_ms": floor,
        "qa_p95_over_floor_p95": ratio,
        "qa_not_answered_as_question": qa["not_answered_as_question"],
    }


def default_corpus() -> Path | None:
    """../shared/corpus/ctgov next to the working directory or the repository, if present."""
    repo = Path(__file__).resolve().parents[4]
    for base in (Path.cwd(), repo):
        candidate = base.parent / "shared" / "corpus" / "ctgov"
        if candidate.is_dir():
            return candidate
    return None


def _targets(report: dict[str, Any]) -> dict[str, Any]:
    latency, web = report.get("latency", {}), report.get("web", {})
    dialog_p95 = latency.get("dialog_turn_ms", {}).get("p95")
    ratio = latency.get("qa_p95_over_floor_p95")
    rate, errors = web.get("turns_per_s"), web.get("errors")
    web_p95 = (web.get("latency_ms") or {}).get("p95")

    def target(value: Any, goal: float, ok: Callable[[Any], bool]) -> dict[str, Any]:
        return {"target": goal, "value": value, "met": value is not None and ok(value)}

    catalogue = report.get("catalogue", {})
    criteria_cpu = report.get("criteria", {}).get("cpu_s")
    corpus_p95 = (catalogue.get("corpus") or {}).get("p95_ms")
    simulated = catalogue.get("simulated") or {}
    corpus_goal, simulated_goal = P95_TARGET_MS["corpus"], P95_TARGET_MS["simulated"]
    return {
        "catalogue_p95_ms": target(corpus_p95, corpus_goal, lambda v: v <= corpus_goal),
        "catalogue_20k_p95_ms": target(
            simulated.get("p95_ms"), simulated_goal, lambda v: v <= simulated_goal
        ),
        "catalogue_20k_rss_growth_mb": target(
            simulated.get("rss_growth_mb"),
            RSS_GROWTH_TARGET_MB,
            lambda v: v <= RSS_GROWTH_TARGET_MB,
        ),
        "criteria_corpus_cpu_s": target(
            criteria_cpu, CORPUS_READ_TARGET_S, lambda v: v <= CORPUS_READ_TARGET_S
        ),
        "dialog_p95_ms": target(dialog_p95, DIALOG_P95_MS, lambda v: v <= DIALOG_P95_MS),
        "qa_p95_over_floor": target(ratio, QA_OVER_FLOOR, lambda v: v <= QA_OVER_FLOOR),
        "web_turns_per_s": target(rate, WEB_TURNS_PER_S, lambda v: v >= WEB_TURNS_PER_S),
        "web_errors": target(errors, 0, lambda v: v == 0),
        "web_p95_ms": target(web_p95, WEB_P95_MS, lambda v: v <= WEB_P95_MS),
    }


def run_bench(options: BenchOptions) -> dict[str, Any]:
    """Every figure of `trialbot bench --json`."""
    sizes = options.sizes
    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": options.quick,
        "machine": describe_machine(),
    }
    skipped = [name for name in SECTIONS if not options.wants(name)]
    if skipped:
        report["skipped"] = skipped
    _section("latency", report, partial(_latency, options))
    index_dir = options.settings.index_dir
    corpus = options.corpus or default_corpus()
    with tempfile.TemporaryDirectory(prefix="trialbot-bench-") as tmp:
        work = Path(tmp)
        if corpus is not None:
            _section("index", report, partial(index_build, corpus, work / "index", sizes["docs"]))
            _section("criteria", report, partial(criteria_reading, corpus, sizes["docs"]))
            turns, simulated = sizes["catalogue_turns"], sizes["catalogue_simulated"]
            _section("catalogue", report, partial(catalogue_bench, corpus, turns, simulated))
        else:
            for name in ("index", "criteria", "catalogue"):
                if options.wants(name):
                    report[name] = {"error": "no corpus folder (give --corpus DIR)"}
        web = partial(
            web_throughput,
            index_dir,
            work,
            100,
            sizes["web_turns"],
            sizes["web_s"],
            runs=options.web_runs,
            workers=options.workers,
            access_log=options.access_log,
        )
        _section("web", report, web)
    _section("cold_start", report, partial(cold_start, index_dir))
    _section("fresh_clone_serve", report, partial(fresh_clone_serve, index_dir))
    report["peak_rss_mb"] = own_peak_rss_mb()
    report["load_average_at_end"] = load_average()
    report["targets"] = _targets(report)
    return report

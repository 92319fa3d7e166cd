"""The benchmark report as a table for people (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _ms(stats: dict[str, Any] | None) -> str:
    if not stats or stats.get("p50") is None:
        return "–"
    p50, p95, p99 = stats["p50"], stats["p95"], stats["p99"]
    return f"p50 {p50:.2f} · p95 {p95:.2f} · p99 {p99:.2f} ms (n={stats['n']})"


def _query(stats: dict[str, Any] | None) -> str:
    if not stats:
        return "–"
    return (
        f"p50 {stats['p50']:.2f} · p95 {stats['p95']:.2f} ms (n={stats['n']}); "
        f"model alone p50 {stats['model_p50']:.2f} · p95 {stats['model_p95']:.2f} ms"
    )


def _catalogue(case: dict[str, Any] | None) -> str:
    if not case or case.get("p50_ms") is None:
        return "–"
    return (
        f"{case['trials']} trials: p50 {case['p50_ms']:.2f} · p95 {case['p95_ms']:.2f} · "
        f"p99 {case['p99_ms']:.2f} ms (n={case['turns']}) · RSS +{case['rss_growth_mb']} MB · "
        f"warm-up {case['warm_up_s']} s"
    )


def _criteria(reading: dict[str, Any]) -> str:
    per_trial = reading.get("per_trial_ms") or {}
    if per_trial.get("p50") is None:
        return "–"
    return (
        f"{reading['trials']} trials · {reading['criteria']} criteria: CPU {reading['cpu_s']} s · "
        f"wall {reading['wall_s']} s (one process) · per trial p50 {per_trial['p50']:.2f} · "
        f"p95 {per_trial['p95']:.2f} ms"
    )


def _web_clients(web: dict[str, Any]) -> list[tuple[str, str]]:
    """One row per load client: median rate and p95 over its runs, CPU ms per turn."""
    rows = []
    for name, client in (web.get("by_client") or {}).items():
        rows.append(
            (
                f"  {name} client, median of {client.get('runs', '–')}",
                f"{client.get('turns_per_s', '–')} turns/s {client.get('turns_per_s_each', '')} · "
                f"p95 {(client.get('latency_ms') or {}).get('p95', '–')} ms · "
                f"{client.get('errors', '–')} errors · CPU per turn: server "
                f"{client.get('server_cpu_ms_per_turn', '–')} ms, client "
                f"{client.get('client_cpu_ms_per_turn', '–')} ms",
            )
        )
    return rows


def _rows(report: dict[str, Any]) -> list[tuple[str, str]]:
    lat, web = report.get("latency", {}), report.get("web", {})
    catalogue = report.get("catalogue", {})
    index, cold = report.get("index", {}), report.get("cold_start", {})
    fresh = report.get("fresh_clone_serve", {})
    rows = [
        ("dialog turn (in process)", _ms(lat.get("dialog_turn_ms"))),
        ("dialog error replies", str(lat.get("dialog_error_replies", "–"))),
        ("QA turn (in process)", _ms(lat.get("qa_turn_ms"))),
        ("embedding floor (1 query)", _ms(lat.get("embedding_floor_ms"))),
        ("QA p95 / floor p95", str(lat.get("qa_p95_over_floor_p95", "–"))),
        (
            "web API, 100 conversations",
            f"{web.get('turns_per_s', '–')} turns/s · {web.get('errors', '–')} errors · "
            f"p95 {(web.get('latency_ms') or {}).get('p95', '–')} ms "
            f"({web.get('turns', '–')} turns in {web.get('seconds', '–')} s)",
        ),
        *_web_clients(web),
        (
            "index build",
            f"{index.get('trials', '–')} trials · {index.get('chunks', '–')} chunks in "
            f"{index.get('index_s', '–')} s · {index.get('chunks_per_s', '–')} chunks/s "
            f"(model alone {index.get('raw_model_chunks_per_s', '–')}/s)",
        ),
        ("unchanged re-ingest", f"{index.get('reingest_unchanged_s', '–')} s"),
        ("criteria reading, whole corpus", _criteria(report.get("criteria", {}))),
        ("catalogue turn, all in scope", _catalogue(catalogue.get("corpus"))),
        ("catalogue turn, simulated", _catalogue(catalogue.get("simulated"))),
        ("QA query, corpus indexed", _query(index.get("query_over_corpus_ms"))),
        (
            "cold start",
            f"first reply {cold.get('first_reply_s', '–')} s · first answer "
            f"{cold.get('first_answer_s', '–')} s · peak {cold.get('peak_rss_mb', '–')} MB",
        ),
        (
            "make run from a fresh clone",
            f"/healthz {fresh.get('healthz_s', '–')} s · first reply "
            f"{fresh.get('first_reply_s', '–')} s · first answer (index synced) "
            f"{fresh.get('first_answer_s', '–')} s",
        ),
        (
            "peak memory",
            f"bench {report.get('peak_rss_mb', '–')} MB · web server "
            f"{web.get('server_peak_rss_mb', '–')} MB",
        ),
    ]
    for name in (
        "latency", "web", "index", "criteria", "catalogue", "cold_start", "fresh_clone_serve",
    ):  # fmt: skip
        section = report.get(name, {})
        if isinstance(section, dict) and "error" in section:
            rows.append((f"{name} FAILED", str(section["error"])))
    return rows


def print_table(report: dict[str, Any], console: Console | None = None) -> None:
    """Machine, figures and targets as rich tables."""
    console = console or Console()
    machine = report["machine"]
    console.print(
        f"[bold]trialbot bench[/bold] {report['date']}{' (quick)' if report['quick'] else ''}: "
        f"{machine['cpu_count']} × {machine['cpu_model']}, {machine['memory_gb']} GB, "
        f"Python {machine['python']}, torch {machine['torch']}, load average "
        f"{machine.get('load_average')} at start, {report.get('load_average_at_end')} at end"
    )
    figures = Table("measure", "result")
    for name, value in _rows(report):
        figures.add_row(name, value)
    console.print(figures)
    targets = Table("target", "goal", "measured", "met")
    for name, target in report["targets"].items():
        met = "[green]yes[/green]" if target["met"] else "[red]no[/red]"
        targets.add_row(name, str(target["target"]), str(target["value"]), met)
    console.print(targets)

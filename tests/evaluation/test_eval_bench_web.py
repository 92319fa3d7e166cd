"""The web load bench's pieces that need no server: reply parsing, medians of runs, CLI options."""

from __future__ import annotations

import json
from typing import Any

import pytest

from trialbot.cli import build_parser
from trialbot.evaluation.bench.run import SECTIONS, BenchOptions
from trialbot.evaluation.bench.web import combine_runs, question_in
from trialbot.settings import Settings


def _run(rate: float, p95: float, errors: int = 0, server_ms: float = 2.0) -> dict[str, Any]:
    return {
        "turns_per_s": rate,
        "latency_ms": {"n": 100, "p50": p95 / 2, "p95": p95, "p99": p95 * 2, "max": p95 * 3},
        "errors": errors,
        "error_samples": ["HTTP 500"] * errors,
        "server_cpu_ms_per_turn": server_ms,
        "client_cpu_ms_per_turn": 0.5,
        "turns": 100,
        "seconds": 1.0,
        "conversations_started": 10,
        "load_average_start": [1.0, 1.0, 1.0],
    }


def test_question_in_reads_only_the_last_question_of_a_turn() -> None:
    """The lean client takes the last `question` reply of a Turn's JSON, with its buttons."""
    turn = {
        "conversation_id": "c",
        "replies": [
            {"kind": "question", "text": "Old question?", "asks": "x"},
            {"kind": "info", "text": "Thanks."},
            {"kind": "question", "text": "Age?", "asks": "age_years", "buttons": []},
        ],
        "verdicts": {},
    }
    question = question_in(json.dumps(turn).encode())
    assert question is not None and question.asks == "age_years"
    assert question_in(json.dumps({**turn, "replies": []}).encode()) is None


def test_question_in_refuses_a_body_that_is_not_a_turn() -> None:
    """An error body or a list is counted as a failed turn, not taken for 'no more questions'."""
    for body in (b'{"detail": "nope"}', b"[]", b"not json", b'{"replies": []}'):
        with pytest.raises(ValueError):
            question_in(body)


def test_combine_runs_gives_medians_and_sums_errors() -> None:
    """Rate, percentiles and CPU per turn are medians over runs; errors and turns are summed."""
    combined = combine_runs([_run(100, 400), _run(300, 200, errors=1), _run(200, 900)])
    assert combined["turns_per_s"] == 200
    assert combined["latency_ms"]["p95"] == 400 and combined["latency_ms"]["n"] == 300
    assert combined["errors"] == 1 and combined["error_samples"] == ["HTTP 500"]
    assert combined["turns_per_s_each"] == [100, 300, 200] and combined["turns"] == 300


def test_bench_options_parse_only_runs_and_workers() -> None:
    """`--only web --runs 5 --workers 2` picks the section, the run count and the processes."""
    args = build_parser().parse_args(["bench", "--only", "web,latency", "--runs", "5"])
    assert args.only == frozenset({"web", "latency"}) and args.runs == 5 and args.workers == 1
    options = BenchOptions(settings=Settings(), only=args.only, runs=args.runs)
    assert options.wants("web") and not options.wants("index") and options.web_runs == 5
    assert BenchOptions(settings=Settings(), quick=True).web_runs == 1
    assert BenchOptions(settings=Settings()).web_runs == 3
    assert set(SECTIONS) >= {"web", "latency", "index"}


@pytest.mark.parametrize("argv", [["--only", "webb"], ["--runs", "0"], ["--workers", "x"]])
def test_bench_refuses_bad_options(argv: list[str]) -> None:
    """An unknown section, a zero run count or a non-number is a usage error."""
    with pytest.raises(SystemExit):
        build_parser().parse_args(["bench", *argv])

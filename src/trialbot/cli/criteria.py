"""`trialbot criteria show|coverage`: the structured criteria of a trial, and reading coverage."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from trialbot.cli.criteria_review import register_review
from trialbot.cli.usage import show_usage
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial


def register(subparsers: Any) -> None:
    """Add the `criteria` command with its `show` and `coverage` actions."""
    parser = subparsers.add_parser("criteria", help="structured eligibility criteria")
    actions = parser.add_subparsers(dest="criteria_action", metavar="ACTION")
    show = actions.add_parser("show", help="the structured criteria of one registered trial")
    show.add_argument("trial_id", metavar="ID")
    show.add_argument("--json", action="store_true", help="JSON list of structured criteria")
    show.set_defaults(handler=run_show)
    coverage = actions.add_parser("coverage", help="how many criteria of documents are read")
    coverage.add_argument("paths", nargs="+", metavar="PATH", help="trial documents or folders")
    coverage.add_argument("--json", action="store_true", help="counts as one JSON document")
    coverage.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes reading documents side by side (default: one per core)",
    )
    coverage.set_defaults(handler=run_coverage)
    register_review(actions)
    parser.set_defaults(handler=lambda args: show_usage(parser))


def public_fields(criterion: StructuredCriterion) -> dict[str, Any]:
    """The public JSON shape of one structured criterion (interfaces.md), plus the facts read."""
    data = criterion.model_dump(mode="json")
    return {
        key: data[key]
        for key in (
            "id", "kind", "text", "concept", "question", "answer_type", "rule", "needs_review",
            "confidence", "thresholds", "applies_to", "review", "facts", "decisive_when",
        )
    }  # fmt: skip


def run_show(args: argparse.Namespace) -> int:
    """Print the structured criteria of one registered trial; 1 when the id is unknown."""
    from trialbot.bootstrap import open_catalog
    from trialbot.eligibility import read_criteria
    from trialbot.settings import load_settings

    trial = open_catalog(load_settings()).get_trial(args.trial_id)
    if trial is None:
        print(
            f"No trial {args.trial_id!r} is registered (see: trialbot trials list).",
            file=sys.stderr,
        )
        return 1
    from trialbot.sources.reviews import review_fields, review_words

    criteria, progress = _with_reviews(trial, read_criteria(trial))
    if args.json:
        print(
            json.dumps([public_fields(c) | review_fields(c) for c in criteria], ensure_ascii=False)
        )
        return 0
    print(f"{trial.id}: {progress}")
    for criterion in criteria:
        print(_describe(criterion) + review_words(criterion))
    return 0


def _with_reviews(trial: Trial, criteria: list[StructuredCriterion]) -> tuple[list[Any], str]:
    """The criteria with staff reviews applied, and the progress in words."""
    from trialbot.settings import load_settings
    from trialbot.sources.reviews import open_review_book, progress_of

    reviewed = open_review_book(load_settings().index_dir).apply(trial, criteria)
    return reviewed, progress_of(reviewed).words()


def _describe(criterion: StructuredCriterion) -> str:
    if criterion.needs_review:
        reading = f"study team checks ({criterion.concept or 'not read'})"
    else:
        reading = f"{criterion.rule or '-'} [{criterion.confidence}]"
    if criterion.applies_to:
        reading += f" (only {criterion.applies_to})"
    question = f"\n      asks: {criterion.question}" if criterion.question else ""
    return f"{criterion.id:>10}  {criterion.kind:<9} {reading}\n      {criterion.text}{question}"


def _documents(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        else:
            yield path


def _read_trials(paths: Sequence[str], errors: list[dict[str, str]]) -> Iterator[Trial]:
    from trialbot.sources.errors import DocumentError
    from trialbot.sources.readers import read_document

    for path in _documents(paths):
        try:
            yield from read_document(path)
        except DocumentError as exc:
            errors.append({"path": str(path), "error": exc.reason})
        except Exception as exc:  # a reader bug is reported for that file, the rest goes on
            errors.append({"path": str(path), "error": f"{type(exc).__name__}: {exc}"})


_COUNTS = ("trials", "criteria", "structured", "askable", "review_only", "certain", "partial",
           "review", "source_criteria")  # fmt: skip


def _count(paths: Sequence[str]) -> tuple[dict[str, int], list[dict[str, str]]]:
    """The counts and document errors of some documents, read in this process."""
    from trialbot.eligibility import read_criteria

    errors: list[dict[str, str]] = []
    counts = dict.fromkeys(_COUNTS, 0)
    for trial in _read_trials(paths, errors):
        counts["trials"] += 1
        counts["source_criteria"] += len(trial.criteria)
        for criterion in read_criteria(trial):
            counts["criteria"] += 1
            counts["structured"] += criterion.concept is not None
            counts["askable"] += criterion.question is not None
            counts["review_only"] += criterion.needs_review and criterion.question is None
            counts[criterion.confidence] += 1
    return counts, errors


def coverage_counts(paths: Sequence[str], jobs: int = 1) -> dict[str, Any]:
    """Counts of criteria read from the documents: structured, askable, study-team only, and
    by confidence (certain / partial / review); `errors` lists documents not read.

    `jobs` > 1 reads the documents in that many processes side by side (every n-th document
    each); the counts are the same as in one process. `seconds` is wall-clock time.
    """
    started = time.perf_counter()
    documents = [str(path) for path in _documents(paths)]
    jobs = max(1, min(jobs, len(documents)))
    if jobs == 1:
        parts = [_count(documents)]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            parts = list(pool.map(_count, [documents[i::jobs] for i in range(jobs)]))
    counts = {key: sum(part[key] for part, _ in parts) for key in _COUNTS}
    errors = sorted((e for _, part_errors in parts for e in part_errors), key=lambda e: e["path"])
    return {**counts, "errors": errors, "seconds": round(time.perf_counter() - started, 2)}


def run_coverage(args: argparse.Namespace) -> int:
    """Print how many criteria of the documents are read; 1 when a document failed."""
    result = coverage_counts(args.paths, jobs=args.jobs)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        total = max(result["criteria"], 1)
        print(f"{result['trials']} trials, {result['criteria']} criteria")
        for key in ("structured", "askable", "review_only", "certain", "partial", "review"):
            print(f"  {key:<12} {result[key]:>6}  {100 * result[key] / total:5.1f} %")
        for error in result["errors"]:
            print(f"  error: {error['path']}: {error['error']}", file=sys.stderr)
    return 1 if result["errors"] else 0

"""`trialbot bench`: performance figures of this machine (latency, throughput, index build)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from trialbot.settings import load_settings


def register(subparsers: Any) -> None:
    """Add `bench [--json] [--corpus DIR] [--quick] [--only S,...] [--runs N] [--workers N]`."""
    parser = subparsers.add_parser(
        "bench",
        help="measure latency, web throughput and index build on this machine",
        description="Measures trialbot on this machine and compares with the targets.",
    )
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument(
        "--corpus", type=Path, metavar="DIR", help="trial documents to index (default: ctgov)"
    )
    parser.add_argument("--quick", action="store_true", help="small samples (a quick check)")
    parser.add_argument(
        "--only",
        type=_sections,
        metavar="SECTION,...",
        help="measure only these sections (latency, index, criteria, catalogue, web, cold_start, "
        "fresh_clone_serve)",
    )
    parser.add_argument(
        "--runs",
        type=_positive,
        metavar="N",
        help="web load runs per client, figures are medians (default 3, 1 with --quick)",
    )
    parser.add_argument(
        "--workers", type=_positive, default=1, metavar="N", help="web server processes (default 1)"
    )
    parser.add_argument(
        "--no-access-log",
        dest="access_log",
        action="store_false",
        help="run the web server without its line per request",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the benchmark; 0 when it ran (targets are reported, not enforced), 2 on bad usage."""
    from trialbot.evaluation.bench import BenchOptions, run_bench

    if args.corpus is not None and not args.corpus.is_dir():
        print(f"trialbot bench: no such folder: {args.corpus}", file=sys.stderr)
        return 2
    options = BenchOptions(
        settings=load_settings(),
        corpus=args.corpus,
        quick=args.quick,
        runs=args.runs,
        only=args.only,
        workers=args.workers,
        access_log=args.access_log,
    )
    report = run_bench(options)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        from trialbot.evaluation.bench.table import print_table

        print_table(report)
    return 0


def _sections(value: str) -> frozenset[str]:
    """An argparse type: comma-separated section names."""
    from trialbot.evaluation.bench.run import SECTIONS

    names = frozenset(name.strip() for name in value.split(",") if name.strip())
    unknown = sorted(names - set(SECTIONS))
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(SECTIONS)}"
        )
    return names


def _positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is less than 1")
    return number

"""`trialbot bench`: performance figures of this machine (latency, throughput, index build)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from trialbot.settings import load_settings


def register(subparsers: Any) -> None:
    """Add `bench [--json] [--corpus DIR] [--quick]`."""
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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the benchmark; 0 when it ran (targets are reported, not enforced), 2 on bad usage."""
    from trialbot.evaluation.bench import BenchOptions, run_bench

    if args.corpus is not None and not args.corpus.is_dir():
        print(f"trialbot bench: no such folder: {args.corpus}", file=sys.stderr)
        return 2
    options = BenchOptions(settings=load_settings(), corpus=args.corpus, quick=args.quick)
    report = run_bench(options)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        from trialbot.evaluation.bench.table import print_table

        print_table(report)
    return 0

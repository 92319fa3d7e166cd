"""`trialbot eval`: replays conversation scripts and reports every expectation that failed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from trialbot.evaluation.needs import needed_trials
from trialbot.evaluation.reports import as_json, as_text, write_junit
from trialbot.evaluation.runner import run_files
from trialbot.evaluation.scripts import find_scripts
from trialbot.evaluation.session import open_replay
from trialbot.settings import load_settings


def register(subparsers: Any) -> None:
    """Add `eval SCRIPT_OR_DIR... [--url URL] [--json] [--junit FILE]`."""
    parser = subparsers.add_parser(
        "eval",
        help="replay conversation scripts (YAML) and check what the bot says",
        description="Replays conversation scripts; exit 0 only when every script passed.",
    )
    parser.add_argument("paths", nargs="+", metavar="SCRIPT_OR_DIR", type=Path)
    parser.add_argument("--url", help="replay over a running web chat (POST URL/api/chat)")
    parser.add_argument("--json", action="store_true", help="one JSON report on stdout")
    parser.add_argument("--junit", type=Path, metavar="FILE", help="also write JUnit XML here")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of trial records (<id>.json) for the trials scripts declare under `needs:`"
        " (searched before TRIALBOT_SHARED_DIR/corpus)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Replay the scripts; 0 when all passed, 1 when any failed, 2 on bad usage."""
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"trialbot eval: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    paths = find_scripts(list(args.paths))
    if not paths:
        print("trialbot eval: no conversation scripts (*.yaml) found", file=sys.stderr)
        return 2
    settings = load_settings()
    needs = needed_trials(paths)
    with open_replay(settings, args.url, needs, args.corpus) as replay:
        if replay.registered and not args.json:
            added = ", ".join(replay.registered)
            print(f"registered for this run only (a copy of the index): {added}", file=sys.stderr)
        results = run_files(paths, replay.driver, replay.missing)
    if args.junit:
        write_junit(results, args.junit)
    if args.json:
        print(json.dumps(as_json(results), indent=2))
    else:
        print(as_text(results))
    return 0 if all(r.passed for r in results) else 1

"""The `trialbot` command line: each command lives in its own module with a `register` hook."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from trialbot.retrieval.errors import StoreMismatch

# Modules under trialbot.cli, each exposing `register(subparsers)` which adds its commands and
# sets `handler=<callable(args) -> int>` on its parsers.
COMMAND_MODULES = (
    "ingest",
    "trials",
    "criteria",
    "ask",
    "chat",
    "eval",
    "web",
    "telegram",
    "bench",
    "serve",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="trialbot",
        description="Helps patients and families find out whether they might join a trial.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"trialbot.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(handler(args))
    except KeyboardInterrupt:
        return 130
    except StoreMismatch as error:  # a search index built by another embedding function
        print(f"trialbot: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (e.g. `trialbot trials list | head`): not an error of ours.
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """Point stdout at devnull so the interpreter's final flush does not fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())

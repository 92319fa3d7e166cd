"""`trialbot ingest`: not wired yet."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add the command's parser (filled in by its module owner)."""
    del subparsers


def _unused(args: argparse.Namespace) -> int:
    return 0

"""What a command group does when it is called without its action."""

from __future__ import annotations

import argparse
import sys


def show_usage(parser: argparse.ArgumentParser) -> int:
    """Print the group's help on stderr; exit status 2 (a usage error)."""
    parser.print_help(sys.stderr)
    return 2

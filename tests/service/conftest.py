"""Service tests reuse the dialog tests' fakes (tests/dialog/dialog_fakes.py)."""

from __future__ import annotations

import sys
from pathlib import Path

DIALOG_TESTS = str(Path(__file__).resolve().parents[1] / "dialog")
if DIALOG_TESTS not in sys.path:
    sys.path.insert(0, DIALOG_TESTS)

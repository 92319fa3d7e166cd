"""Coverage targets on the 649-trial corpus: structured, askable or for the study team, fast."""

from __future__ import annotations

import time
from pathlib import Path

from trialbot.cli.criteria import coverage_counts


def test_corpus_coverage_targets(corpus_dir: Path) -> None:
    """>= 85 % structured, 100 % askable or study team, no errors, whole corpus under 30 s."""
    started = time.process_time()  # CPU time: other processes on the machine do not count
    result = coverage_counts([str(corpus_dir)])
    cpu_seconds = time.process_time() - started
    assert result["trials"] == 649 and result["errors"] == []
    assert result["structured"] / result["criteria"] >= 0.85
    assert result["askable"] + result["review_only"] == result["criteria"]
    assert cpu_seconds < 30

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


def test_reading_in_two_processes_counts_the_same(full_corpus_dir: Path, tmp_path: Path) -> None:
    """`--jobs 2` splits the documents over two processes; the counts and errors are the same
    as in one process (a bad document is reported by its path)."""
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    one = coverage_counts([str(full_corpus_dir), str(bad)], jobs=1)
    two = coverage_counts([str(full_corpus_dir), str(bad)], jobs=2)
    assert one["trials"] == 49 and str(bad) in [e["path"] for e in one["errors"]]
    assert {k: v for k, v in one.items() if k != "seconds"} == {
        k: v for k, v in two.items() if k != "seconds"
    }

"""Coverage targets on the 649-trial corpus: structured, askable or for the study team. How long
reading the corpus takes is measured by `trialbot bench --only criteria` (per-trial median and
p95, whole-corpus CPU seconds), not here: a shared machine makes any time limit in a test flaky."""

from __future__ import annotations

from pathlib import Path

from trialbot.cli.criteria import coverage_counts


def test_corpus_coverage_targets(corpus_dir: Path) -> None:
    """>= 85 % structured, 100 % askable or study team, no errors."""
    result = coverage_counts([str(corpus_dir)])
    assert result["trials"] == 649 and result["errors"] == []
    assert result["structured"] / result["criteria"] >= 0.85
    assert result["askable"] + result["review_only"] == result["criteria"]


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

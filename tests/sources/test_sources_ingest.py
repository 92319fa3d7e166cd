"""Ingesting folders that hold registered trials."""

from __future__ import annotations

from pathlib import Path

from trialbot.sources.catalog import FileTrialCatalog
from trialbot.sources.ingest import ingest_paths


def test_ingesting_a_registered_trials_folder_reads_only_its_sources(tmp_path: Path) -> None:
    """A catalog's own `trials/` folder (e.g. the bundled one) re-registers from the sources kept
    in it; its normalized records and hash files are not taken for documents."""
    bundled = Path(__file__).resolve().parents[2] / "index" / "trials"
    report = ingest_paths(FileTrialCatalog(tmp_path / "index"), [bundled])
    assert report.errors == []
    assert report.trials == 2

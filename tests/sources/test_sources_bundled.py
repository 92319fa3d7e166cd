"""The bundled trials under index/trials are the two seeds, registered and up to date."""

from __future__ import annotations

import json
from pathlib import Path

from trialbot.sources.catalog import FileTrialCatalog, record_hash
from trialbot.sources.readers import read_document

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_bundled_trials_are_the_registered_seeds(seeds_dir: Path) -> None:
    """Each bundled trial keeps its seed byte for byte and a record the readers still produce."""
    catalog = FileTrialCatalog(REPO_ROOT / "index")
    trials = catalog.list_trials()
    assert [t.id for t in trials] == ["2026-525223-24-00", "NCT07479732"]
    for trial in trials:
        sources = catalog.source_files(trial.id)
        assert len(sources) == 1
        assert sources[0].read_bytes() == (seeds_dir / sources[0].name).read_bytes()
        fresh = read_document(sources[0])[0]
        assert fresh == trial, f"index/trials/{trial.id} is stale: re-run trialbot ingest"
        assert catalog.content_hash(trial.id) == record_hash(fresh)
        meta = json.loads((REPO_ROOT / "index" / "trials" / trial.id / "meta.json").read_text())
        assert meta["source_name"] == sources[0].name

"""Full API v2 records keep what thin records lack: design, arms, outcomes, site coordinates."""

from __future__ import annotations

from pathlib import Path

from trialbot.sources.readers import read_document


def test_full_record_keeps_design_arms_outcomes_and_geopoints(full_corpus_dir: Path) -> None:
    """NCT00003454's record: design codes, arm groups, outcomes and Houston's coordinates."""
    trials = [t for p in sorted(full_corpus_dir.glob("*.json")) for t in read_document(p)]
    assert len(trials) == 49
    with_geo = [s for t in trials for s in t.sites if s.lat is not None and s.lon is not None]
    assert len(with_geo) > 100
    assert all(-90 <= s.lat <= 90 and -180 <= s.lon <= 180 for s in with_geo)  # type: ignore[operator]
    assert sum(bool(t.arms) for t in trials) >= 35
    assert sum(any(o.kind == "primary" for o in t.outcomes) for t in trials) >= 35
    assert sum(t.design is not None and t.design.allocation is not None for t in trials) >= 35
    assert sum(bool(t.mesh_terms) for t in trials) >= 30


def test_thin_record_without_new_fields_still_reads(corpus_dir: Path) -> None:
    """A thin record has no coordinates; the new fields stay empty rather than failing."""
    trial = read_document(sorted(corpus_dir.glob("*.json"))[0])[0]
    assert all(site.lat is None for site in trial.sites)

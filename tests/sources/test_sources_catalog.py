"""The file catalog and ingest runs: layout, idempotence, replacement, bad and mixed folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from trialbot.sources.catalog import FileTrialCatalog
from trialbot.sources.ingest import ingest_paths

DRAGONFLY = "2026-525223-24-00"
APATINIB = "NCT07479732"


def _copy_corpus(corpus_dir: Path, target: Path, ids: list[str]) -> None:
    """Copy a few corpus files into a folder."""
    target.mkdir(parents=True, exist_ok=True)
    for nct_id in ids:
        shutil.copy(corpus_dir / f"{nct_id}.json", target / f"{nct_id}.json")


def test_register_keeps_source_and_record(tmp_path: Path, seeds_dir: Path) -> None:
    """Each trial gets <index>/trials/<id>/ with the source as received and trial.json."""
    catalog = FileTrialCatalog(tmp_path / "index")
    report = ingest_paths(catalog, [seeds_dir])
    assert (report.trials, report.added, report.errors) == (2, 2, [])
    folder = tmp_path / "index" / "trials" / APATINIB
    kept = folder / "source" / "001_c4c337ba658af602.txt"
    assert kept.read_bytes() == (seeds_dir / "001_c4c337ba658af602.txt").read_bytes()
    record = json.loads((folder / "trial.json").read_text("utf-8"))
    assert record["id"] == APATINIB and record["min_age_years"] == 12.0
    assert catalog.source_files(APATINIB) == [kept]


def test_list_and_case_insensitive_get(tmp_path: Path, seeds_dir: Path) -> None:
    """list_trials is ordered by id; get_trial ignores case and returns None for unknown ids."""
    catalog = FileTrialCatalog(tmp_path)
    ingest_paths(catalog, [seeds_dir])
    assert [t.id for t in catalog.list_trials()] == [DRAGONFLY, APATINIB]
    trial = catalog.get_trial("nct07479732")
    assert trial is not None and trial.id == APATINIB
    assert catalog.get_trial("NCT00000000") is None
    assert catalog.get_trial("../etc") is None
    assert FileTrialCatalog(tmp_path / "empty").list_trials() == []


def test_reingest_is_unchanged_then_changed_document_replaces(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """Re-ingesting does no work; a changed document replaces the record and its hash."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(seeds_dir / "001_c4c337ba658af602.txt", docs / "apatinib.txt")
    catalog = FileTrialCatalog(tmp_path / "index")
    assert ingest_paths(catalog, [docs]).added == 1
    first_hash = catalog.content_hash(APATINIB)
    record_file = tmp_path / "index" / "trials" / APATINIB / "trial.json"
    before = record_file.stat().st_mtime_ns
    again = ingest_paths(catalog, [docs])
    assert (again.unchanged, again.added, again.updated) == (1, 0, 0)
    assert record_file.stat().st_mtime_ns == before
    text = (docs / "apatinib.txt").read_text("utf-8")
    (docs / "apatinib.txt").write_text(
        text.replace("'maximumAge': '65 Years'", "'maximumAge': '70 Years'")
    )
    changed = ingest_paths(catalog, [docs])
    assert (changed.updated, changed.unchanged) == (1, 0)
    trial = catalog.get_trial(APATINIB)
    assert trial is not None and trial.max_age_years == 70.0
    assert catalog.content_hash(APATINIB) not in (None, first_hash)


def test_source_renamed_replaces_old_copy(tmp_path: Path, seeds_dir: Path) -> None:
    """A new version under another file name leaves one source copy, the new one."""
    catalog = FileTrialCatalog(tmp_path / "index")
    ingest_paths(catalog, [seeds_dir / "000_7320c18a40267df0.txt"])
    renamed = tmp_path / "dragonfly-page.txt"
    renamed.write_bytes((seeds_dir / "000_7320c18a40267df0.txt").read_bytes() + b"\n")
    assert ingest_paths(catalog, [renamed]).updated == 1
    assert [p.name for p in catalog.source_files(DRAGONFLY)] == ["dragonfly-page.txt"]


def test_remove_and_content_hash(tmp_path: Path, seeds_dir: Path) -> None:
    """remove() unregisters a trial; content_hash is None for unknown trials."""
    catalog = FileTrialCatalog(tmp_path)
    ingest_paths(catalog, [seeds_dir])
    digest = catalog.content_hash(DRAGONFLY)
    assert digest is not None and len(digest) == 64
    assert catalog.remove(DRAGONFLY.lower()) is True
    assert catalog.remove(DRAGONFLY) is False
    assert catalog.get_trial(DRAGONFLY) is None and catalog.content_hash(DRAGONFLY) is None
    assert [t.id for t in catalog.list_trials()] == [APATINIB]


def test_cache_follows_file_changes(tmp_path: Path, seeds_dir: Path) -> None:
    """A record rewritten on disk (another process) is re-read; an unchanged one is reused."""
    catalog = FileTrialCatalog(tmp_path)
    ingest_paths(catalog, [seeds_dir])
    first = catalog.get_trial(APATINIB)
    assert catalog.get_trial(APATINIB) is first
    other = FileTrialCatalog(tmp_path)
    assert first is not None
    edited = first.model_copy(update={"title": "Edited title"})
    other.register(edited, seeds_dir / "001_c4c337ba658af602.txt")
    reread = catalog.get_trial(APATINIB)
    assert reread is not None and reread.title == "Edited title"


def test_mixed_folder_keeps_good_and_reports_bad(
    tmp_path: Path, corpus_dir: Path, seeds_dir: Path
) -> None:
    """Good documents in nested folders register; each bad one is listed with its reason."""
    docs = tmp_path / "docs"
    _copy_corpus(corpus_dir, docs / "nested" / "deeper", ["NCT00001465", "NCT00001532"])
    shutil.copy(seeds_dir / "000_7320c18a40267df0.txt", docs / "ctis.txt")
    (docs / "empty.json").write_text("")
    (docs / "truncated.json").write_text('{"protocolSection": {"identificationModule": ')
    (docs / "notes.txt").write_text("remember to call the study team")
    (docs / ".hidden.json").write_text("not even looked at")
    catalog = FileTrialCatalog(tmp_path / "index")
    report = ingest_paths(catalog, [docs, tmp_path / "missing.json"])
    assert (report.trials, report.added) == (3, 3)
    errors = {Path(e.path).name: e.error for e in report.errors}
    assert set(errors) == {"empty.json", "truncated.json", "notes.txt", "missing.json"}
    assert "empty" in errors["empty.json"]
    assert "truncated" in errors["truncated.json"]
    assert "unknown format" in errors["notes.txt"]
    assert "no such file" in errors["missing.json"]
    assert len(catalog.list_trials()) == 3


def test_search_page_keeps_each_study_as_its_source(tmp_path: Path, corpus_dir: Path) -> None:
    """A {'studies': [...]} document registers each study with its own record kept as source."""
    studies = [
        json.loads((corpus_dir / f"{i}.json").read_text()) for i in ("NCT00001465", "NCT00001532")
    ]
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"studies": studies}))
    catalog = FileTrialCatalog(tmp_path / "index")
    assert ingest_paths(catalog, [page]).added == 2
    kept = catalog.source_files("NCT00001532")
    assert len(kept) == 1 and json.loads(kept[0].read_text()) == studies[1]


def test_damaged_record_is_skipped_not_fatal(tmp_path: Path, seeds_dir: Path) -> None:
    """A corrupt trial.json or a stray folder does not break listing the others."""
    catalog = FileTrialCatalog(tmp_path)
    ingest_paths(catalog, [seeds_dir])
    (tmp_path / "trials" / DRAGONFLY / "trial.json").write_text("{not json")
    (tmp_path / "trials" / "stray").mkdir()
    assert [t.id for t in catalog.list_trials()] == [APATINIB]
    assert catalog.get_trial(DRAGONFLY) is None
    again = ingest_paths(catalog, [seeds_dir / "000_7320c18a40267df0.txt"])
    assert again.trials == 1
    assert catalog.get_trial(DRAGONFLY) is not None

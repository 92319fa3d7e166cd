"""Register trial documents (files or folders) in the catalog and report what happened."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from trialbot.domain.trial import Trial
from trialbot.sources.catalog import (
    META_NAME,
    RECORD_NAME,
    REVIEWS_NAME,
    SOURCE_DIR,
    FileTrialCatalog,
)
from trialbot.sources.ctgov import trial_from_study
from trialbot.sources.errors import DocumentError
from trialbot.sources.readers import read_document

PROGRESS_THRESHOLD = 20
_SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}


class IngestError(BaseModel):
    """One document that could not be registered, and why."""

    path: str
    error: str


class IngestReport(BaseModel):
    """What an ingest run did."""

    trials: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[IngestError] = Field(default_factory=list)
    trial_ids: list[str] = Field(default_factory=list, exclude=True)

    def count(self, result: str, trial_id: str) -> None:
        """Tally one registered trial."""
        self.trials += 1
        setattr(self, result, getattr(self, result) + 1)
        self.trial_ids.append(trial_id)

    def fail(self, path: Path | str, error: str) -> None:
        """Record a rejected document."""
        self.errors.append(IngestError(path=str(path), error=error))


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | DocumentError]:
    """Files named directly plus the files of folders (recursively, hidden ones skipped)."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                hidden = any(part.startswith(".") for part in relative)
                skipped = hidden or child.name in _SKIPPED_NAMES or _is_catalog_record(child)
                if child.is_file() and not skipped:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield DocumentError(path, "no such file or folder")


def _is_catalog_record(path: Path) -> bool:
    """A record, hash or reviews file of a registered trial folder (its `source/` is read)."""
    kept = (RECORD_NAME, META_NAME, REVIEWS_NAME)
    return path.name in kept and (path.parent / SOURCE_DIR).is_dir()


def _register_document(catalog: FileTrialCatalog, path: Path, report: IngestReport) -> None:
    """Read one document and register each trial in it."""
    trials = read_document(path)
    for trial, source in _with_sources(trials, path):
        result = catalog.register(trial, path, source_bytes=source)
        report.count(result, trial.id)


def _with_sources(trials: list[Trial], path: Path) -> list[tuple[Trial, bytes | None]]:
    """Each trial with the bytes to keep as its source (its own study for multi-study files)."""
    if len(trials) <= 1:
        return [(trial, None) for trial in trials]
    data = json.loads(path.read_text("utf-8-sig"))
    studies = data["studies"] if isinstance(data, dict) else data
    by_id = {}
    for study in studies:
        try:
            by_id[trial_from_study(study).id] = study
        except (ValueError, TypeError):
            continue
    return [
        (trial, _json_bytes(by_id[trial.id]) if trial.id in by_id else None) for trial in trials
    ]


def _json_bytes(value: Any) -> bytes:
    """A study record as pretty JSON bytes."""
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def ingest_paths(
    catalog: FileTrialCatalog, paths: Sequence[Path], *, progress: bool = False
) -> IngestReport:
    """Register every readable document under the paths; bad ones are reported and skipped."""
    report = IngestReport()
    items = list(expand_paths(paths))
    iterable: Iterable[Path | DocumentError] = items
    if progress and len(items) >= PROGRESS_THRESHOLD:
        from rich.console import Console
        from rich.progress import track

        iterable = track(
            items, description="Reading trials", transient=True, console=Console(stderr=True)
        )
    for item in iterable:
        if isinstance(item, DocumentError):
            report.fail(item.path, item.reason)
            continue
        try:
            _register_document(catalog, item, report)
        except DocumentError as exc:
            report.fail(exc.path, exc.reason)
        except (OSError, ValueError) as exc:
            report.fail(item, f"could not be registered: {exc}")
    return report


def register_records(
    catalog: FileTrialCatalog, records: Iterable[dict[str, Any]], origin: str
) -> IngestReport:
    """Register v2 study records fetched from the registry, keeping each as received."""
    report = IngestReport()
    for record in records:
        try:
            trial = trial_from_study(record)
        except (ValueError, TypeError) as exc:
            report.fail(origin, f"study not usable: {exc}")
            continue
        name = Path(f"{trial.id}.json")
        result = catalog.register(trial, name, source_bytes=_json_bytes(record))
        report.count(result, trial.id)
    return report


def merge_reports(*reports: IngestReport) -> IngestReport:
    """One report adding up several."""
    total = IngestReport()
    for part in reports:
        total.trials += part.trials
        total.added += part.added
        total.updated += part.updated
        total.unchanged += part.unchanged
        total.errors.extend(part.errors)
        total.trial_ids.extend(part.trial_ids)
    return total

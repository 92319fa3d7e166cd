"""The registered trials on disk: `<index_dir>/trials/<id>/` holds the source and the record."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from trialbot.domain.trial import Trial

log = logging.getLogger(__name__)

RECORD_NAME = "trial.json"
META_NAME = "meta.json"
REVIEWS_NAME = "reviews.json"  # staff reviews of the criteria readings (sources/reviews.py)
SOURCE_DIR = "source"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")
RegisterResult = Literal["added", "updated", "unchanged"]


def record_hash(trial: Trial) -> str:
    """A stable hash of the normalized record (what the indexer compares)."""
    canonical = json.dumps(trial.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file so readers see either the old or the new content, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class FileTrialCatalog:
    """Trials registered under an index dir; list/get are served from an mtime-keyed cache."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.trials_dir = self.index_dir / "trials"
        self._lock = threading.RLock()
        self._cache: dict[str, tuple[tuple[int, int], Trial]] = {}

    # Read side -----------------------------------------------------------------------------
    def list_trials(self) -> list[Trial]:
        """Every registered trial, ordered by id."""
        with self._lock:
            trials = [t for d in self._trial_dirs() if (t := self._load(d)) is not None]
        return sorted(trials, key=lambda t: t.id)

    def get_trial(self, trial_id: str) -> Trial | None:
        """One trial by id (case-insensitive), or None."""
        folder = self._find_dir(trial_id)
        if folder is None:
            return None
        with self._lock:
            return self._load(folder)

    def content_hash(self, trial_id: str) -> str | None:
        """The registered record's content hash, or None when the trial is not registered."""
        folder = self._find_dir(trial_id)
        if folder is None:
            return None
        meta = self._read_meta(folder)
        value = meta.get("content_hash")
        if isinstance(value, str):
            return value
        trial = self.get_trial(trial_id)
        return record_hash(trial) if trial is not None else None

    def source_files(self, trial_id: str) -> list[Path]:
        """The source document(s) kept for a trial, as received."""
        folder = self._find_dir(trial_id)
        if folder is None or not (folder / SOURCE_DIR).is_dir():
            return []
        return sorted(p for p in (folder / SOURCE_DIR).iterdir() if p.is_file())

    # Write side ----------------------------------------------------------------------------
    def register(
        self, trial: Trial, source_path: Path, *, source_bytes: bytes | None = None
    ) -> RegisterResult:
        """Keep the source as received and the normalized record; report what changed."""
        if not _SAFE_ID.match(trial.id):
            raise ValueError(f"trial id {trial.id!r} cannot name a folder")
        data = source_bytes if source_bytes is not None else Path(source_path).read_bytes()
        source_name = _source_name(Path(source_path))
        new_hash = record_hash(trial)
        source_sha = hashlib.sha256(data).hexdigest()
        with self._lock:
            existing = self._find_dir(trial.id)
            if existing is not None:
                meta = self._read_meta(existing)
                same_record = meta.get("content_hash") == new_hash
                intact = self._load(existing) is not None
                if same_record and meta.get("source_sha256") == source_sha and intact:
                    return "unchanged"
            folder = existing or self.trials_dir / trial.id
            self._write(folder, trial, data, source_name, new_hash, source_sha)
            return "updated" if existing is not None else "added"

    def remove(self, trial_id: str) -> bool:
        """Unregister a trial (source and record); True when something was removed."""
        with self._lock:
            folder = self._find_dir(trial_id)
            if folder is None:
                return False
            shutil.rmtree(folder)
            self._cache.pop(folder.name, None)
            return True

    # Internals -----------------------------------------------------------------------------
    def _write(
        self, folder: Path, trial: Trial, data: bytes, name: str, new_hash: str, sha: str
    ) -> None:
        """Write the source, then the record, then the metadata."""
        source_dir = folder / SOURCE_DIR
        source_dir.mkdir(parents=True, exist_ok=True)
        for old in source_dir.iterdir():
            if old.is_file() and old.name != name:
                old.unlink()
        atomic_write(source_dir / name, data)
        record = json.dumps(trial.model_dump(mode="json"), indent=2, ensure_ascii=False)
        atomic_write(folder / RECORD_NAME, (record + "\n").encode("utf-8"))
        meta = {
            "id": trial.id,
            "content_hash": new_hash,
            "source_name": name,
            "source_sha256": sha,
            "registered_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        atomic_write(folder / META_NAME, (json.dumps(meta, indent=2) + "\n").encode("utf-8"))
        self._cache.pop(folder.name, None)

    def _trial_dirs(self) -> list[Path]:
        """Trial folders (a folder without a record is skipped when loading)."""
        try:
            with os.scandir(self.trials_dir) as entries:
                return [Path(e.path) for e in entries if e.is_dir() and not e.name.startswith(".")]
        except OSError:
            return []

    def _find_dir(self, trial_id: str) -> Path | None:
        """The folder of a trial id, matched case-insensitively."""
        wanted = (trial_id or "").strip()
        if not wanted or not _SAFE_ID.match(wanted):
            return None
        for candidate in (wanted, wanted.upper()):
            if (self.trials_dir / candidate / RECORD_NAME).is_file():
                return self.trials_dir / candidate
        lowered = wanted.lower()
        return next(
            (
                d
                for d in self._trial_dirs()
                if d.name.lower() == lowered and (d / RECORD_NAME).is_file()
            ),
            None,
        )

    def _load(self, folder: Path) -> Trial | None:
        """The record in a folder, parsed once per file version."""
        path = folder / RECORD_NAME
        try:
            stat = path.stat()
        except OSError:
            self._cache.pop(folder.name, None)
            return None
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(folder.name)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            trial = Trial.model_validate_json(path.read_bytes())
        except (OSError, ValidationError, ValueError):
            log.warning("skipping unreadable trial record in %s", folder.name)
            return None
        self._cache[folder.name] = (key, trial)
        return trial

    def _read_meta(self, folder: Path) -> dict[str, object]:
        """The folder's metadata ({} when missing or unreadable)."""
        try:
            value = json.loads((folder / META_NAME).read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}


def _source_name(path: Path) -> str:
    """A safe file name for the kept source."""
    name = re.sub(r"[^A-Za-z0-9._-]", "_", path.name).lstrip(".") or "source"
    return name[:120]

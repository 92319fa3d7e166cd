"""Trials the scripts `need` registered: found in the index, or registered from a corpus folder
into a throw-away copy of the index; a trial found nowhere fails its scripts with one line."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trialbot.evaluation.scripts import ScriptError, load_script
from trialbot.settings import Settings

DOCUMENT_SUFFIXES = (".json", ".xml", ".txt")
CORPUS_FOLDERS = ("corpus/ctgov_full", "corpus/ctgov")  # under the shared dir, full records first
COPY_IGNORED = ("conversations.sqlite3*", "*.lock")


@dataclass
class Prepared:
    """The settings to replay over, what was registered for the run, and the trials still missing
    (trial id -> the one-line instruction shown for each script that needs it)."""

    settings: Settings
    registered: list[str] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)


def needed_trials(paths: Iterable[Path]) -> list[str]:
    """Every trial id the scripts declare under `needs:`, in first-seen order (a broken script is
    skipped here: the replay reports it)."""
    seen: dict[str, None] = {}
    for path in paths:
        try:
            script = load_script(path)
        except ScriptError:
            continue
        for trial_id in script.needs:
            seen.setdefault(trial_id.upper(), None)
    return list(seen)


def corpus_dirs(settings: Settings, extra: Sequence[Path] = ()) -> list[Path]:
    """The folders searched for a needed trial's document: the given ones, then the shared
    corpus (full records before thin ones)."""
    dirs = list(extra)
    if settings.shared_dir is not None:
        dirs.extend(settings.shared_dir / folder for folder in CORPUS_FOLDERS)
    return [d for d in dirs if d.is_dir()]


def find_document(trial_id: str, dirs: Sequence[Path]) -> Path | None:
    """The first `<trial id>.<json|xml|txt>` in the folders, or None."""
    for folder in dirs:
        for suffix in DOCUMENT_SUFFIXES:
            candidate = folder / f"{trial_id}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def instruction(trial_id: str) -> str:
    """The line shown for a script whose trial cannot be registered for the run."""
    how = f"--ctgov-id {trial_id}" if trial_id.upper().startswith("NCT") else "PATH"
    return (
        f"needs trial {trial_id} registered: trialbot ingest {how} "
        "(or give a folder holding its record: --corpus DIR or TRIALBOT_SHARED_DIR)"
    )


def registered_ids(settings: Settings) -> set[str]:
    """The ids registered in the settings' index (upper case)."""
    from trialbot.bootstrap import open_catalog

    return {t.id.upper() for t in open_catalog(settings).list_trials()}


def prepare_index(
    settings: Settings,
    needed: Sequence[str],
    workdir: Path,
    corpus: Sequence[Path] = (),
) -> Prepared:
    """Settings over an index holding every needed trial that can be found.

    The configured index is used as it is when it already has them all; otherwise it is copied to
    `workdir/index` and the missing trials are registered there from the corpus folders (their
    criteria and questions, not embedded: the scripts ask nothing about their text), so the real
    index is never changed."""
    known = registered_ids(settings)
    absent = [t for t in needed if t.upper() not in known]
    if not absent:
        return Prepared(settings)
    dirs = corpus_dirs(settings, corpus)
    documents = {t: doc for t in absent if (doc := find_document(t, dirs)) is not None}
    missing = {t: instruction(t) for t in absent if t not in documents}
    if not documents:
        return Prepared(settings, missing=missing)
    from trialbot.bootstrap import open_catalog
    from trialbot.sources.ingest import ingest_paths

    target = workdir / "index"
    if settings.index_dir.is_dir():
        shutil.copytree(settings.index_dir, target, ignore=shutil.ignore_patterns(*COPY_IGNORED))
    copy = settings.model_copy(update={"index_dir": target})
    ingest_paths(open_catalog(copy), list(documents.values()), progress=False)
    now = registered_ids(copy)
    registered = [t for t in documents if t.upper() in now]
    for trial_id in documents:
        if trial_id.upper() not in now:
            missing[trial_id] = instruction(trial_id)
    return Prepared(copy, registered=registered, missing=missing)

"""Opens the driver a replay runs through: an in-process core, or the web chat's API."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trialbot.bootstrap import Core, build_core, open_catalog, sync_search_index
from trialbot.evaluation.drivers import Driver, HttpDriver, InProcessDriver
from trialbot.evaluation.needs import instruction, prepare_index
from trialbot.settings import Settings, load_settings

MEMORY_STORE = "memory://"


def eval_core(settings: Settings, sync: bool = True) -> Core:
    """A core over the configured trials and index, with a throw-away in-memory store."""
    core = build_core(settings.model_copy(update={"database_url": MEMORY_STORE}))
    if sync:
        sync_search_index(settings, core.catalog)
    return core


def index_sources(index_dir: Path, sources: Sequence[Path], **overrides: Any) -> Settings:
    """Register trial documents in a (new) index dir and build its search index."""
    from trialbot.sources.ingest import ingest_paths

    settings = load_settings(index_dir=index_dir, database_url=MEMORY_STORE, **overrides)
    catalog = open_catalog(settings)
    ingest_paths(catalog, list(sources), progress=False)
    sync_search_index(settings, catalog)
    return settings


@dataclass
class Replay:
    """A driver to replay through, and the needed trials it lacks (id -> the line to act on)."""

    driver: Driver
    missing: dict[str, str] = field(default_factory=dict)
    registered: list[str] = field(default_factory=list)  # registered for this run only


@contextmanager
def open_replay(
    settings: Settings,
    url: str | None = None,
    needs: Sequence[str] = (),
    corpus: Sequence[Path] = (),
) -> Iterator[Replay]:
    """The HTTP driver for `url` (staff token from the settings), else an in-process one over the
    configured index, or over a throw-away copy of it where the needed trials it lacks were
    registered from the corpus folders (see `needs.prepare_index`)."""
    if url:
        driver = HttpDriver(url, token=settings.staff_token)
        try:
            known = driver.registered_trials() if needs else None
            missing = {t: instruction(t) for t in needs if known is not None and t not in known}
            yield Replay(driver, missing)
        finally:
            driver.close()
        return
    if needs:  # the copy is made of a synced index; the trials added to it are not embedded
        sync_search_index(settings, open_catalog(settings))
    with tempfile.TemporaryDirectory(prefix="trialbot-eval-") as workdir:
        prepared = prepare_index(settings, needs, Path(workdir), corpus)
        core = eval_core(prepared.settings, sync=not needs)
        yield Replay(InProcessDriver(core.service), prepared.missing, prepared.registered)


@contextmanager
def open_driver(settings: Settings, url: str | None = None) -> Iterator[Driver]:
    """The HTTP driver for `url` (staff token from the settings), else an in-process one."""
    with open_replay(settings, url) as replay:
        yield replay.driver

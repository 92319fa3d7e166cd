"""Opens the driver a replay runs through: an in-process core, or the web chat's API."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from trialbot.bootstrap import Core, build_core, open_catalog, sync_search_index
from trialbot.evaluation.drivers import Driver, HttpDriver, InProcessDriver
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


@contextmanager
def open_driver(settings: Settings, url: str | None = None) -> Iterator[Driver]:
    """The HTTP driver for `url` (staff token from the settings), else an in-process one."""
    if url:
        driver = HttpDriver(url, token=settings.staff_token)
        try:
            yield driver
        finally:
            driver.close()
        return
    yield InProcessDriver(eval_core(settings).service)

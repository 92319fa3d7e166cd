"""Opens the driver a replay runs through: an in-process core, or the web chat's API."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from trialbot.bootstrap import Core, build_core, sync_search_index
from trialbot.evaluation.drivers import Driver, HttpDriver, InProcessDriver, MemoryStore
from trialbot.settings import Settings


def eval_core(settings: Settings, sync: bool = True) -> Core:
    """A core over the configured trials and index, with a throw-away in-memory store."""
    core = build_core(settings, store=MemoryStore())
    if sync:
        sync_search_index(settings, core.catalog)
    return core


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

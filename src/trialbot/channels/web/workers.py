"""`trialbot web --workers N`: N uvicorn processes answering on one socket, sharing one store.

Each worker builds its own core (settings from the environment, its own store connections and
model) in `worker_app`. Conversations stay whole across workers because every turn runs inside the
store's cross-process conversation lock (a flock per id bucket for SQLite, a key for Redis) and
loads the state after taking it; SQLite runs in WAL mode with a busy timeout, so workers' commits
queue instead of failing. A `memory://` store lives inside one process, so it refuses workers.
"""

from __future__ import annotations

import logging

import uvicorn
from fastapi import FastAPI

from trialbot.channels.web.app import create_app
from trialbot.channels.web.server import RedactTokens

APP_FACTORY = "trialbot.channels.web.workers:worker_app"
ONE_PROCESS_SCHEMES = ("memory",)


class WorkerStartFailed(RuntimeError):
    """Raised in a worker whose core cannot be built (uvicorn then stops every worker)."""


def shares_across_processes(database_url: str) -> bool:
    """True when the store at `database_url` can be shared by several worker processes."""
    return database_url.split(":", 1)[0].lower() not in ONE_PROCESS_SCHEMES


def worker_app() -> FastAPI:
    """The web chat of one worker process (uvicorn calls this factory in each worker)."""
    from trialbot.bootstrap import build_core
    from trialbot.settings import load_settings

    try:
        core = build_core(load_settings())
        core.warm_up()
    except Exception as error:
        raise WorkerStartFailed(f"cannot start: {type(error).__name__}: {error}") from None
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactTokens) for f in access.filters):
        access.addFilter(RedactTokens())
    return create_app(core)


def run_workers(host: str, port: int, workers: int, access_log: bool = True) -> None:
    """Serve `worker_app` in `workers` processes on host:port until interrupted."""
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        proxy_headers=False,
        log_level="info",
    )

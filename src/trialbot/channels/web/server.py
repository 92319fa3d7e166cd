"""Running the web chat under uvicorn: bind checks, log redaction, an awaitable server."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import socket
from collections.abc import Coroutine
from typing import Any, TypeVar

import uvicorn
from fastapi import FastAPI

T = TypeVar("T")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]{1,40}")
REDACTED = "[redacted]"


class BindRefused(Exception):
    """Raised when the server would be reachable from the network without a staff token."""


def is_loopback_host(host: str) -> bool:
    """True when `host` (an address or a name) only reaches this machine."""
    name = host.strip().strip("[]")
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        pass
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(name, None)}
    except OSError:
        return False
    return bool(addresses) and all(_is_loopback_address(address) for address in addresses)


def _is_loopback_address(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


def check_bind(host: str, staff_token: str | None) -> None:
    """Refuse a non-loopback bind when no staff token protects the chat."""
    if (staff_token or "").strip() or is_loopback_host(host):
        return
    raise BindRefused(
        f"refusing to serve the staff web chat on {host!r} without a staff token: anyone on the "
        "network could read patients' conversations. Set TRIALBOT_STAFF_TOKEN (e.g. in .env) "
        "or bind to 127.0.0.1."
    )


def redact_query(target: str) -> str:
    """A request target with every query value replaced by `[redacted]` (and the fragment cut).

    `/api/trials?api_key=abc&x=1` -> `/api/trials?api_key=[redacted]&x=[redacted]`. Keys stay when
    they are plain words; an encoded or odd key (`%74oken`, `Bearer abc`) is redacted whole.
    """
    path, mark, query = target.partition("?")
    if not mark:
        return target
    parts = []
    for part in re.split(r"[&;]", query.split("#", 1)[0]):
        if not part:
            continue
        key, equals, _value = part.partition("=")
        parts.append(f"{key}={REDACTED}" if equals and _PLAIN_KEY.fullmatch(key) else REDACTED)
    return f"{path}?{'&'.join(parts)}"


class RedactTokens(logging.Filter):
    """Redacts every query value from access-log lines, so no token or key lands in a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's arguments in place; always keep the record."""
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_query(arg) if isinstance(arg, str) and "?" in arg else arg
                for arg in record.args
            )
        return True


def build_server(
    app: FastAPI, host: str, port: int, log_level: str = "info", access_log: bool = True
) -> uvicorn.Server:
    """A uvicorn server for the app (httptools parser when installed), with the staff token kept
    out of its access log; `access_log=False` leaves out the line per request."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        proxy_headers=False,
        access_log=access_log,
    )
    server = uvicorn.Server(config)
    access_logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactTokens) for f in access_logger.filters):
        access_logger.addFilter(RedactTokens())
    return server


def run_event_loop(main: Coroutine[Any, Any, T]) -> T:
    """Run `main` to completion on uvloop when it is installed, else on asyncio's own loop.

    `uvicorn.Server.serve()` runs on whatever loop it is awaited in (only `Server.run()` picks
    uvloop), so the web commands start their loop here.
    """
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)


async def serve_with(server: uvicorn.Server, *companions: Coroutine[Any, Any, object]) -> None:
    """Run the web server and companion tasks (e.g. Telegram polling) in one event loop.

    A companion that returns leaves the web chat running; one that fails stops the web server
    and its error is re-raised; when the web server stops, the companions are cancelled.
    """
    web = asyncio.create_task(server.serve(), name="web")
    others = {asyncio.create_task(coro, name=f"companion-{i}") for i, coro in enumerate(companions)}
    failure: BaseException | None = None
    pending: set[asyncio.Task[Any]] = {web, *others}
    while web in pending and failure is None:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        failure = next((t.exception() for t in done if t in others and not t.cancelled()), None)
    for task in others:
        task.cancel()
    server.should_exit = True
    await asyncio.gather(web, *others, return_exceptions=True)
    if failure is not None:
        raise failure

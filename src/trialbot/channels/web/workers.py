"""`trialbot web --workers N`: N uvicorn processes, each on its own listening socket, sharing one
store.

Each worker builds its own core (settings from the environment, its own store connections and
model) in `worker_app`. Conversations stay whole across workers because every turn runs inside the
store's cross-process conversation lock (a flock per id bucket for SQLite, a key for Redis) and
loads the state after taking it; SQLite runs in WAL mode with a busy timeout, so workers' commits
queue instead of failing. A `memory://` store lives inside one process, so it refuses workers.

Where the system has `SO_REUSEPORT` (Linux, the BSDs, macOS), every worker listens on a socket of
its own bound to the same address, and the kernel spreads new connections evenly over them
(nginx's `reuseport`). With one shared socket, as `uvicorn --workers` has, the first worker to wake
accepts a whole burst of keep-alive connections: measured here, 100 connections opened at once
went 69 to one worker and 31 to the other, and the busier worker's queue set the p95. Elsewhere
the workers share one socket, as before.
"""

from __future__ import annotations

import logging
import socket
import threading

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors.multiprocess import Multiprocess, Process

from trialbot.channels.web.app import create_app
from trialbot.channels.web.server import RedactTokens

APP_FACTORY = "trialbot.channels.web.workers:worker_app"
ONE_PROCESS_SCHEMES = ("memory",)
HAS_REUSE_PORT = hasattr(socket, "SO_REUSEPORT")


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


def _address(host: str, port: int) -> tuple[int, int, int, tuple[str, int]]:
    """(family, type, proto, sockaddr) for a TCP server on host:port; OSError for no such host."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    return family, kind, proto, address  # type: ignore[return-value]


def check_port_free(host: str, port: int) -> None:
    """Raise OSError (EADDRINUSE) when another server listens on host:port.

    A plain bind (without `SO_REUSEPORT`) conflicts with any listening socket, another
    trialbot's workers included, so a second `trialbot web --workers` on the port stops here
    instead of joining the first one's sockets.
    """
    family, kind, proto, address = _address(host, port)
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)


def reuse_port_socket(host: str, port: int, listen: int | None) -> socket.socket:
    """A TCP socket bound to host:port with `SO_REUSEPORT`, listening with backlog `listen`
    (None: bound only, which keeps the port from other programs without taking connections).

    Raises OSError when the address cannot be bound (in use without `SO_REUSEPORT`, no such host).
    """
    family, kind, proto, address = _address(host, port)
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind(address)
        if listen is not None:
            sock.listen(listen)
    except OSError:
        sock.close()
        raise
    return sock


class OwnSocketWorker(Process):
    """A uvicorn worker process that listens on a `SO_REUSEPORT` socket of its own."""

    def target(self, sockets: list[socket.socket] | None = None) -> None:  # pragma: no cover
        """In the worker: answer the supervisor's health checks and serve on its own socket."""
        threading.Thread(target=self.always_pong, daemon=True).start()
        config = self.config
        self.server.run([reuse_port_socket(config.host, config.port, config.backlog)])


class OwnSocketWorkers(Multiprocess):
    """uvicorn's supervisor (signals, health checks, restarts) over `OwnSocketWorker`s."""

    def init_processes(self) -> None:
        """Start every worker."""
        for _ in range(self.processes_num):
            process = OwnSocketWorker(self.config, [])
            process.start()
            self.processes.append(process)

    def restart_all(self) -> None:
        """Replace each worker (SIGHUP), the new one serving before the old one is stopped."""
        for index, old in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            new = OwnSocketWorker(self.config, [])
            new.start()
            if not new.wait_until_ready(self.config.timeout_worker_healthcheck, self.should_exit):
                new.kill()
                new.join()
                return
            old.terminate()
            old.join()
            self.processes[index] = new

    def keep_subprocess_alive(self) -> None:
        """Replace a worker that died or hangs; stop everything when one failed to start."""
        if self.should_exit.is_set():
            return
        for index, process in enumerate(self.processes):
            if process.is_alive(timeout=self.config.timeout_worker_healthcheck):
                continue
            process.kill()
            process.join()
            if process.exitcode == uvicorn.config.STARTUP_FAILURE:
                logging.getLogger("uvicorn.error").error(
                    "Child process [%s] failed to start, stopping the parent process.", process.pid
                )
                self.should_exit.set()
                return
            if self.should_exit.is_set():
                return
            logging.getLogger("uvicorn.error").info("Child process [%s] died", process.pid)
            replacement = OwnSocketWorker(self.config, [])
            replacement.start()
            self.processes[index] = replacement


def run_workers(host: str, port: int, workers: int, access_log: bool = True) -> None:
    """Serve `worker_app` in `workers` processes on host:port until interrupted.

    Raises OSError when host:port cannot be bound (before any worker starts).
    """
    config = uvicorn.Config(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        proxy_headers=False,
        log_level="info",
    )
    if HAS_REUSE_PORT:
        check_port_free(host, port)
        # Held bound (not listening) while the workers run: the port is checked once, here, and
        # no other program can take it between worker restarts.
        reserved = reuse_port_socket(host, port, listen=None)
        supervisor: Multiprocess = OwnSocketWorkers(config, sockets=[])
    else:
        reserved = config.bind_socket()
        supervisor = Multiprocess(config, sockets=[reserved])
    try:
        supervisor.run()
    except KeyboardInterrupt:
        pass
    finally:
        reserved.close()

"""Storage fixtures: a real redis-server on loopback, and one store URL per backend."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from trialbot.evaluation.bench.web import stop_process

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _free_port() -> int:
    """A TCP port that was free on loopback a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_redis(workdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Start redis-server on a free loopback port and wait until it answers PING."""
    for _attempt in range(3):
        port = _free_port()
        args = [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
        args += ["--appendonly", "no", "--dir", str(workdir), "--daemonize", "no"]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if client.ping():
                    client.close()
                    return proc, port
            except redis.RedisError:
                time.sleep(0.05)
        proc.kill()
        proc.wait()
    pytest.fail(f"redis-server ({REDIS_SERVER}) did not start on loopback")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a redis-server this test session started itself (fails if none is installed)."""
    if not os.access(REDIS_SERVER, os.X_OK):
        pytest.fail(
            "redis-server is not installed: the Redis store tests need Debian's redis-server "
            "(`apt-get install redis-server`, or `make system-deps`)"
        )
    proc, port = _start_redis(tmp_path_factory.mktemp("redis"))
    yield f"redis://127.0.0.1:{port}"
    stop_process(proc)


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """URL of an emptied Redis database for one test."""
    url = f"{redis_server}/0"
    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()
    return url


@pytest.fixture(params=["memory", "sqlite", "redis"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL for each backend (SQLite in tmp_path, Redis on the session's server)."""
    if request.param == "memory":
        return "memory://"
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'db' / 'conversations.sqlite3').as_posix()}"
    return str(request.getfixturevalue("redis_url"))


@pytest.fixture(params=["sqlite", "redis"])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL for each backend shared between processes."""
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'conversations.sqlite3').as_posix()}"
    return str(request.getfixturevalue("redis_url"))

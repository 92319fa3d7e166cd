"""Web API throughput: the real `trialbot web` server on loopback, many conversations at once."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from trialbot.domain.turn import Turn
from trialbot.evaluation.bench.machine import peak_rss_mb_of, summarize
from trialbot.evaluation.bench.patient import ages_in_range, answer, last_question

STARTUP_TIMEOUT_S = 180.0


@dataclass
class Server:
    """A running web chat subprocess."""

    url: str
    token: str
    process: subprocess.Popen[bytes]


@dataclass
class Load:
    """What the simulated conversations did."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    turns: int = 0
    conversations: int = 0

    def error(self, what: str) -> None:
        """Count one failed request, keeping a few examples."""
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what[:200])


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def web_server(index_dir: Path, database_url: str, log_path: Path) -> Iterator[Server]:
    """`python -m trialbot web` on a free loopback port, with a fresh staff token."""
    port, token = free_port(), secrets.token_urlsafe(16)
    env = dict(os.environ)
    env.update(
        TRIALBOT_INDEX_DIR=str(index_dir.resolve()),
        TRIALBOT_DATABASE_URL=database_url,
        TRIALBOT_STAFF_TOKEN=token,
        HF_HUB_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
    )
    command = [sys.executable, "-m", "trialbot", "web", "--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", token, process)
    try:
        _wait_ready(server)
        yield server
    finally:
        stop_process(process)


def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the web server exited with status {server.process.returncode}")
        try:
            if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the web server did not answer /healthz in time")


async def _conversation_loop(
    client: httpx.AsyncClient, load: Load, budget: list[int], deadline: float, ages: list[int]
) -> None:
    """One simulated user: conversations one after another until the budget or time runs out."""
    while budget[0] > 0 and time.monotonic() < deadline:
        cid = f"bench-web-{uuid.uuid4().hex[:12]}"
        load.conversations += 1
        body: dict[str, Any] = {"conversation_id": cid, "text": "/start"}
        step = 0
        while budget[0] > 0 and time.monotonic() < deadline:
            budget[0] -= 1
            turn = await _post(client, body, load)
            question = last_question(turn) if turn else None
            if question is None:
                break
            step += 1
            text, button = answer(question, step + load.conversations, ages)
            body = {"conversation_id": cid}
            body.update({"button": button} if button is not None else {"text": text or ""})


async def _post(client: httpx.AsyncClient, body: dict[str, Any], load: Load) -> Turn | None:
    started = time.perf_counter()
    try:
        response = await client.post("/api/chat", json=body)
    except httpx.HTTPError as exc:
        load.error(f"{type(exc).__name__}: {exc}")
        return None
    load.latencies_ms.append((time.perf_counter() - started) * 1000)
    load.turns += 1
    if response.status_code != 200:
        load.error(f"HTTP {response.status_code}: {response.text}")
        return None
    try:
        return Turn.model_validate(response.json())
    except ValueError as exc:
        load.error(f"not a Turn: {exc}")
        return None


async def _user(
    server: Server, load: Load, budget: list[int], deadline: float, ages: list[int]
) -> None:
    """One simulated patient with their own connection (as each browser has)."""
    async with _client(server, 1) as client:
        await _conversation_loop(client, load, budget, deadline, ages)


def _client(server: Server, connections: int) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    headers = {"Authorization": f"Bearer {server.token}"}
    return httpx.AsyncClient(base_url=server.url, headers=headers, limits=limits, timeout=30)


async def drive(
    server: Server, conversations: int, max_turns: int, max_seconds: float, ages: list[int]
) -> Load:
    """Run `conversations` simulated users at once; bounded by turn count and time.

    Each user has its own client: one client pool shared by 100 tasks measures httpx's pool
    (it falls to a fraction of the server's rate), not trialbot.
    """
    async with _client(server, 1) as client:
        await _post(client, {"conversation_id": "bench-warmup", "text": "/start"}, Load())
    load = Load()
    budget = [max_turns]
    deadline = time.monotonic() + max_seconds
    await asyncio.gather(
        *(_user(server, load, budget, deadline, ages) for _ in range(conversations))
    )
    return load


def web_throughput(
    index_dir: Path,
    work_dir: Path,
    conversations: int = 100,
    max_turns: int = 3000,
    max_seconds: float = 30.0,
    database_url: str | None = None,
) -> dict[str, Any]:
    """Turns/s, errors and latency of the web API under `conversations` concurrent users."""
    from trialbot.sources.catalog import FileTrialCatalog

    ages = ages_in_range(FileTrialCatalog(index_dir).list_trials())
    database_url = database_url or f"sqlite:///{(work_dir / 'bench-web.sqlite3').as_posix()}"
    with web_server(index_dir, database_url, work_dir / "web-server.log") as server:
        started = time.perf_counter()
        load = asyncio.run(drive(server, conversations, max_turns, max_seconds, ages))
        seconds = time.perf_counter() - started
        server_peak = peak_rss_mb_of(server.process.pid)
    return {
        "concurrent_conversations": conversations,
        "conversations_started": load.conversations,
        "turns": load.turns,
        "seconds": round(seconds, 3),
        "turns_per_s": round(load.turns / seconds, 1) if seconds else None,
        "errors": load.errors,
        "error_samples": load.error_samples,
        "latency_ms": summarize(load.latencies_ms),
        "store": database_url.split(":", 1)[0],
        "server_peak_rss_mb": server_peak,
    }


def stop_process(process: subprocess.Popen[Any]) -> None:
    """Terminate a server process, killing it when it has not exited within 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

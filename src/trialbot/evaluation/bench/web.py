"""Web API throughput: the real `trialbot web` server on loopback, many conversations at once.

Two load clients measure the same server: `aiohttp` (lean: one keep-alive connection per
simulated user, as a browser has, and only the asked question parsed from each reply) and
`httpx` (the earlier client; it burns more CPU on the same two cores than the server does). Both
run in this process, so the client's CPU is `time.process_time()`; the server's is read from
its process (and its workers). Several runs alternate the clients and report medians.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

from trialbot.domain.turn import Reply, Turn
from trialbot.evaluation.bench.machine import load_average, peak_rss_mb_of, summarize
from trialbot.evaluation.bench.patient import ages_in_range, answer, last_question

STARTUP_TIMEOUT_S = 180.0
CLIENTS = ("aiohttp", "httpx")
Post = Callable[[dict[str, Any]], Awaitable["Reply | bool | None"]]


@dataclass
class Server:
    """A running web chat subprocess."""

    url: str
    token: str
    process: subprocess.Popen[bytes]

    def cpu_seconds(self) -> float:
        """User + system CPU of the server process and its workers so far (0.0 once gone)."""
        try:
            main = psutil.Process(self.process.pid)
            processes = [main, *main.children(recursive=True)]
        except psutil.Error:
            return 0.0
        total = 0.0
        for process in processes:
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system
        return total


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
def web_server(
    index_dir: Path, database_url: str, log_path: Path, workers: int = 1, access_log: bool = True
) -> Iterator[Server]:
    """`python -m trialbot web` (with `workers` processes, and its access log unless
    `access_log` is False) on a free loopback port, with a fresh staff token."""
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
    if workers > 1:
        command += ["--workers", str(workers)]
    if not access_log:
        command.append("--no-access-log")
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", token, process)
    try:
        _wait_ready(server, log_path, workers)
        yield server
    finally:
        stop_process(process)


def _wait_ready(server: Server, log_path: Path, workers: int = 1) -> None:
    """Until /healthz answers 200 and every worker logged that its application started."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the web server exited with status {server.process.returncode}")
        try:
            healthy = httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            healthy = False
        if healthy and (workers == 1 or _started_workers(log_path) >= workers):
            return
        time.sleep(0.2)
    raise RuntimeError("the web server did not answer /healthz in time")


def _started_workers(log_path: Path) -> int:
    """How many uvicorn processes logged 'Application startup complete' so far."""
    try:
        return log_path.read_text(errors="replace").count("Application startup complete")
    except OSError:
        return 0


async def _conversation_loop(
    post: Post, load: Load, budget: list[int], deadline: float, ages: list[int]
) -> None:
    """One simulated user: conversations one after another until the budget or time runs out.

    `post(body)` returns the turn's last question, None when the bot stopped asking, or False
    after a failed request (counted in `load` by the client).
    """
    while budget[0] > 0 and time.monotonic() < deadline:
        cid = f"bench-web-{uuid.uuid4().hex[:12]}"
        load.conversations += 1
        body: dict[str, Any] = {"conversation_id": cid, "text": "/start"}
        step = 0
        while budget[0] > 0 and time.monotonic() < deadline:
            budget[0] -= 1
            question = await post(body)
            if not isinstance(question, Reply):
                break
            step += 1
            text, button = answer(question, step + load.conversations, ages)
            body = {"conversation_id": cid}
            body.update({"button": button} if button is not None else {"text": text or ""})


def question_in(raw: bytes) -> Reply | None:
    """The last question of a Turn's JSON (only that reply is parsed); ValueError when the
    body is not a Turn."""
    data = json.loads(raw)
    if not isinstance(data, dict) or not isinstance(data.get("replies"), list):
        raise ValueError("no replies")
    if not isinstance(data.get("conversation_id"), str):
        raise ValueError("no conversation_id")
    questions = [r for r in data["replies"] if isinstance(r, dict) and r.get("kind") == "question"]
    return Reply.model_validate(questions[-1]) if questions else None


async def _aiohttp_user(
    server: Server, load: Load, budget: list[int], deadline: float, ages: list[int]
) -> None:
    """One simulated patient on aiohttp, with one keep-alive connection (as a browser has)."""
    import aiohttp

    headers = {"Authorization": f"Bearer {server.token}", "Content-Type": "application/json"}
    async with aiohttp.ClientSession(
        server.url,
        connector=aiohttp.TCPConnector(limit=1),
        headers=headers,
        timeout=aiohttp.ClientTimeout(total=30),
        cookie_jar=aiohttp.DummyCookieJar(),
    ) as session:

        async def post(body: dict[str, Any]) -> Reply | bool | None:
            started = time.perf_counter()
            try:
                async with session.post("/api/chat", data=json.dumps(body)) as response:
                    status, raw = response.status, await response.read()
            except (aiohttp.ClientError, TimeoutError) as exc:
                load.error(f"{type(exc).__name__}: {exc}")
                return False
            load.latencies_ms.append((time.perf_counter() - started) * 1000)
            load.turns += 1
            if status != 200:
                load.error(f"HTTP {status}: {raw[:200]!r}")
                return False
            try:
                return question_in(raw)
            except ValueError as exc:
                load.error(f"not a Turn: {exc}")
                return False

        await _conversation_loop(post, load, budget, deadline, ages)


async def _httpx_user(
    server: Server, load: Load, budget: list[int], deadline: float, ages: list[int]
) -> None:
    """One simulated patient on its own httpx client (one client pool shared by 100 tasks
    measures httpx's pool, not trialbot); every reply is validated as a whole Turn."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    headers = {"Authorization": f"Bearer {server.token}"}
    async with httpx.AsyncClient(
        base_url=server.url, headers=headers, limits=limits, timeout=30
    ) as client:

        async def post(body: dict[str, Any]) -> Reply | bool | None:
            started = time.perf_counter()
            try:
                response = await client.post("/api/chat", json=body)
            except httpx.HTTPError as exc:
                load.error(f"{type(exc).__name__}: {exc}")
                return False
            load.latencies_ms.append((time.perf_counter() - started) * 1000)
            load.turns += 1
            if response.status_code != 200:
                load.error(f"HTTP {response.status_code}: {response.text}")
                return False
            try:
                return last_question(Turn.model_validate(response.json()))
            except ValueError as exc:
                load.error(f"not a Turn: {exc}")
                return False

        await _conversation_loop(post, load, budget, deadline, ages)


USERS = {"aiohttp": _aiohttp_user, "httpx": _httpx_user}


async def drive(
    server: Server,
    conversations: int,
    max_turns: int,
    max_seconds: float,
    ages: list[int],
    client: str = "aiohttp",
) -> Load:
    """Run `conversations` simulated users of `client` at once; bounded by turns and time."""
    user = USERS[client]
    load = Load()
    budget = [max_turns]
    deadline = time.monotonic() + max_seconds
    await asyncio.gather(
        *(user(server, load, budget, deadline, ages) for _ in range(conversations))
    )
    return load


def measure_run(
    server: Server,
    client: str,
    conversations: int,
    max_turns: int,
    max_seconds: float,
    ages: list[int],
) -> dict[str, Any]:
    """One load run: rate, latency, errors, and CPU seconds per turn of server and client."""
    load_start = load_average()
    server_cpu, client_cpu = server.cpu_seconds(), time.process_time()
    started = time.perf_counter()
    load = asyncio.run(drive(server, conversations, max_turns, max_seconds, ages, client))
    seconds = time.perf_counter() - started
    server_cpu, client_cpu = server.cpu_seconds() - server_cpu, time.process_time() - client_cpu
    turns = load.turns

    def per_turn(cpu: float) -> float | None:
        return round(cpu / turns * 1000, 3) if turns else None

    return {
        "client": client,
        "conversations_started": load.conversations,
        "turns": turns,
        "seconds": round(seconds, 3),
        "turns_per_s": round(turns / seconds, 1) if seconds else None,
        "errors": load.errors,
        "error_samples": load.error_samples,
        "latency_ms": summarize(load.latencies_ms),
        "server_cpu_s": round(server_cpu, 3),
        "client_cpu_s": round(client_cpu, 3),
        "server_cpu_ms_per_turn": per_turn(server_cpu),
        "client_cpu_ms_per_turn": per_turn(client_cpu),
        "load_average_start": load_start,
        "load_average_end": load_average(),
    }


def _median(values: list[Any]) -> Any:
    """The median of the numbers among `values` (None when there are none)."""
    numbers = [v for v in values if isinstance(v, int | float)]
    return round(statistics.median(numbers), 3) if numbers else None


def combine_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over runs of one client (latency percentiles each a median, n summed); errors
    and turns summed."""
    latency_keys = ("p50", "p95", "p99", "max")
    latency: dict[str, Any] = {
        key: _median([r["latency_ms"][key] for r in runs]) for key in latency_keys
    }
    latency = {"n": sum(r["latency_ms"]["n"] for r in runs), **latency}
    samples = [sample for r in runs for sample in r["error_samples"]][:5]
    return {
        "runs": len(runs),
        "turns_per_s": _median([r["turns_per_s"] for r in runs]),
        "turns_per_s_each": [r["turns_per_s"] for r in runs],
        "latency_ms": latency,
        "p95_ms_each": [r["latency_ms"]["p95"] for r in runs],
        "errors": sum(r["errors"] for r in runs),
        "error_samples": samples,
        "server_cpu_ms_per_turn": _median([r["server_cpu_ms_per_turn"] for r in runs]),
        "client_cpu_ms_per_turn": _median([r["client_cpu_ms_per_turn"] for r in runs]),
        "turns": sum(r["turns"] for r in runs),
        "seconds": round(sum(r["seconds"] for r in runs), 3),
        "conversations_started": sum(r["conversations_started"] for r in runs),
        "load_average_each": [r["load_average_start"] for r in runs],
    }


def web_throughput(
    index_dir: Path,
    work_dir: Path,
    conversations: int = 100,
    max_turns: int = 3000,
    max_seconds: float = 30.0,
    database_url: str | None = None,
    runs: int = 1,
    clients: tuple[str, ...] = CLIENTS,
    workers: int = 1,
    access_log: bool = True,
) -> dict[str, Any]:
    """Turns/s, errors, latency and CPU per turn of the web API under `conversations`
    concurrent users; `runs` runs of each client in alternating order against one server.

    The top-level figures are the first client's medians (turns and errors summed over runs);
    `by_client` has every client's medians and each run.
    """
    from trialbot.sources.catalog import FileTrialCatalog

    ages = ages_in_range(FileTrialCatalog(index_dir).list_trials())
    database_url = database_url or f"sqlite:///{(work_dir / 'bench-web.sqlite3').as_posix()}"
    each: dict[str, list[dict[str, Any]]] = {client: [] for client in clients}
    log_path = work_dir / "web-server.log"
    with web_server(index_dir, database_url, log_path, workers, access_log) as server:
        measure_run(server, clients[0], 1, 30, 10.0, ages)  # warm-up: files, caches, connections
        for run in range(max(1, runs)):
            order = clients if run % 2 == 0 else tuple(reversed(clients))
            for client in order:
                result = measure_run(server, client, conversations, max_turns, max_seconds, ages)
                each[client].append(result)
        server_peak = peak_rss_mb_of(server.process.pid)
    by_client = {
        client: {**combine_runs(results), "each": results} for client, results in each.items()
    }
    main = by_client[clients[0]]
    return {
        "concurrent_conversations": conversations,
        "conversations_started": main["conversations_started"],
        "turns": main["turns"],
        "seconds": main["seconds"],
        "turns_per_s": main["turns_per_s"],
        "errors": sum(c["errors"] for c in by_client.values()),
        "error_samples": main["error_samples"],
        "latency_ms": main["latency_ms"],
        "store": database_url.split(":", 1)[0],
        "server_peak_rss_mb": server_peak,
        "client": clients[0],
        "runs": max(1, runs),
        "workers": workers,
        "access_log": access_log,
        "server_cpu_ms_per_turn": main["server_cpu_ms_per_turn"],
        "client_cpu_ms_per_turn": main["client_cpu_ms_per_turn"],
        "by_client": by_client,
    }


def stop_process(process: subprocess.Popen[Any]) -> None:
    """Terminate a server process, killing it when it has not exited within 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

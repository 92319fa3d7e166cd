"""Per-conversation locks across processes: SQLite file and real Redis, exact counts, crashes."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from collections.abc import Sequence
from multiprocessing.synchronize import Event

import pytest

from trialbot.storage import LockTimeout, open_store

CTX = multiprocessing.get_context("fork")
WORKERS = 4
CYCLES = 40


def _bump_many(url: str, conversation_id: str, cycles: int) -> None:
    """Child process: `cycles` locked read-modify-writes of a counter (own store from the URL)."""
    store = open_store(url)
    for _ in range(cycles):
        with store.locked(conversation_id):
            raw = store.load(conversation_id)
            count = json.loads(raw)["count"] if raw else 0
            time.sleep(0.0002)  # widen the window a lost update would need
            store.save(conversation_id, json.dumps({"count": count + 1}))


def _hold_forever(url: str, conversation_id: str, holding: Event) -> None:
    """Child process: take the lock, say so, then never let go (until killed)."""
    store = open_store(url)
    with store.locked(conversation_id):
        holding.set()
        time.sleep(60)


def _count(url: str, conversation_id: str) -> int:
    """The counter stored for a conversation."""
    raw = open_store(url).load(conversation_id)
    return int(json.loads(raw)["count"]) if raw else 0


def _run(processes: Sequence[multiprocessing.process.BaseProcess]) -> None:
    """Start, join and check the exit codes of child processes."""
    for proc in processes:
        proc.start()
    for proc in processes:
        proc.join(60)
        assert proc.exitcode == 0


def test_processes_lose_no_update(shared_url: str) -> None:
    """Several processes doing locked read-modify-writes on one conversation: exact final count."""
    procs = [
        CTX.Process(target=_bump_many, args=(shared_url, "shared", CYCLES)) for _ in range(WORKERS)
    ]
    _run(procs)
    assert _count(shared_url, "shared") == WORKERS * CYCLES


def test_inherited_store_is_safe_after_fork(shared_url: str) -> None:
    """A store opened before fork and used by parent and children at once still loses nothing."""
    store = open_store(shared_url)
    store.save("forked", json.dumps({"count": 0}))
    with store.locked("warm"):
        pass

    def work() -> None:
        for _ in range(CYCLES):
            with store.locked("forked"):
                count = json.loads(store.load("forked") or "{}")["count"]
                time.sleep(0.0002)
                store.save("forked", json.dumps({"count": count + 1}))

    procs = [CTX.Process(target=work) for _ in range(3)]
    for proc in procs:
        proc.start()
    work()
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    assert _count(shared_url, "forked") == 4 * CYCLES


def test_lock_held_by_another_process_times_out(shared_url: str) -> None:
    """While another process holds the lock, locked() gives LockTimeout after its timeout."""
    holding = CTX.Event()
    proc = CTX.Process(target=_hold_forever, args=(shared_url, "held", holding))
    proc.start()
    try:
        assert holding.wait(10)
        store = open_store(shared_url)
        started = time.monotonic()
        with pytest.raises(LockTimeout), store.locked("held", timeout=0.3):
            pass
        assert 0.25 <= time.monotonic() - started < 3.0
    finally:
        proc.kill()
        proc.join()


def test_crashed_holder_does_not_block_forever(shared_url: str) -> None:
    """A holder killed by SIGKILL frees the lock (flock by the kernel, Redis by the lock TTL)."""
    url = shared_url if shared_url.startswith("sqlite") else f"{shared_url}?lock_ttl=0.5"
    holding = CTX.Event()
    proc = CTX.Process(target=_hold_forever, args=(url, "crash", holding))
    proc.start()
    assert holding.wait(10)
    assert proc.pid is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.join()
    store = open_store(url)
    started = time.monotonic()
    with store.locked("crash", timeout=5):
        store.save("crash", "{}")
    assert time.monotonic() - started < 3.0
    assert store.load("crash") == "{}"

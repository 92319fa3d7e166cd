"""Group commit: concurrent saves share commits, yet each acknowledged save survives kill -9."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path

from trialbot.storage import SqliteConversationStore
from trialbot.storage.group_commit import GroupCommitter
from trialbot.storage.sqlite_db import SqliteDatabase

CTX = multiprocessing.get_context("fork")


def test_concurrent_saves_share_commits_and_all_land(tmp_path: Path) -> None:
    """Forty threads saving 400 states need far fewer commits than saves, and each state is kept."""
    store = SqliteConversationStore(tmp_path / "c.sqlite3")
    barrier = threading.Barrier(40)

    def save(i: int) -> None:
        if i < 40:
            barrier.wait()
        store.save(f"c{i}", json.dumps({"n": i}))

    with ThreadPoolExecutor(40) as pool:
        list(pool.map(save, range(400)))
    assert store.commits.batches < 400
    assert all(json.loads(store.load(f"c{i}") or "{}") == {"n": i} for i in range(400))
    store.close()


def test_failing_write_fails_alone(tmp_path: Path) -> None:
    """A write that raises gets its own error; writes batched with it are still committed."""
    db = SqliteDatabase(tmp_path / "c.sqlite3")
    committer = GroupCommitter(db)
    errors: list[BaseException] = []

    def good(i: int) -> None:
        committer.write(
            lambda conn: conn.execute(
                "INSERT INTO conversations VALUES (?, '{}', 0)", (f"ok{i}",)
            ).close()
        )

    def bad() -> None:
        try:
            committer.write(lambda conn: conn.execute("INSERT INTO nowhere VALUES (1)").close())
        except sqlite3.Error as error:
            errors.append(error)

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(good, i) for i in range(20)] + [pool.submit(bad)]
        for future in futures:
            future.result()
    assert len(errors) == 1
    with db.connection() as conn:
        assert conn.execute("SELECT count(*) FROM conversations").fetchone()[0] == 20
    db.close()


def _save_and_report(path: str, sender: Connection) -> None:
    """Child: 8 threads save numbered states forever, reporting each save once it returned."""
    store = SqliteConversationStore(path)
    lock = threading.Lock()

    def loop(worker: int) -> None:
        n = 0
        while True:
            n += 1
            store.save(f"w{worker}", json.dumps({"n": n}))
            with lock:
                sender.send((worker, n))

    for worker in range(8):
        threading.Thread(target=loop, args=(worker,), daemon=True).start()
    time.sleep(60)


def test_kill_9_loses_no_acknowledged_save(tmp_path: Path) -> None:
    """A process killed with SIGKILL mid-load keeps every save it had acknowledged (durability)."""
    path = tmp_path / "c.sqlite3"
    receiver, sender = CTX.Pipe(duplex=False)
    child = CTX.Process(target=_save_and_report, args=(str(path), sender))
    child.start()
    acknowledged: dict[int, int] = {}
    deadline = time.monotonic() + 20
    while sum(acknowledged.values()) < 300 and time.monotonic() < deadline:
        if receiver.poll(0.5):
            worker, n = receiver.recv()
            acknowledged[worker] = max(n, acknowledged.get(worker, 0))
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    while receiver.poll(0.1):  # acknowledgements sent just before the kill
        worker, n = receiver.recv()
        acknowledged[worker] = max(n, acknowledged.get(worker, 0))
    assert sum(acknowledged.values()) >= 50
    store = SqliteConversationStore(path)
    for worker, n in acknowledged.items():
        assert json.loads(store.load(f"w{worker}") or "{}")["n"] >= n
    store.close()

"""Backend specifics: SQLite WAL and real erasure, Redis prefix, idle TTL and lock fencing."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

import pytest
import redis

from trialbot.storage import (
    LockLost,
    LockTimeout,
    RedisConversationStore,
    SqliteConversationStore,
    open_store,
)

MARKER = "PATIENT-MARKER-7f3a9c"


def _sqlite(tmp_path: Path, query: str = "") -> SqliteConversationStore:
    """A SQLite store in tmp_path."""
    store = open_store(f"sqlite:///{tmp_path.as_posix()}/c.sqlite3{query}")
    assert isinstance(store, SqliteConversationStore)
    return store


def _file_bytes(path: Path) -> bytes:
    """The database file and its WAL/shm companions, concatenated."""
    parts = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return b"".join(p.read_bytes() for p in parts if p.exists())


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    """The SQLite file is in WAL journal mode."""
    store = _sqlite(tmp_path)
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_delete_leaves_no_trace_on_disk(tmp_path: Path) -> None:
    """After delete, the state's text is in neither the database file nor its WAL."""
    store = _sqlite(tmp_path)
    store.save("keep", '{"x": 1}')
    store.save("gone", f'{{"facts": "{MARKER}"}}')
    store.save("gone", f'{{"facts": "{MARKER} v2"}}')
    assert MARKER.encode() in _file_bytes(store.path)
    assert store.delete("gone")
    store.close()
    assert MARKER.encode() not in _file_bytes(store.path)
    assert _sqlite(tmp_path).load("keep") == '{"x": 1}'


def test_two_sqlite_stores_on_one_file_exclude_each_other(tmp_path: Path) -> None:
    """Two store objects on one file (as two processes would) cannot both hold one conversation."""
    first, second = _sqlite(tmp_path), _sqlite(tmp_path)
    with first.locked("x"), pytest.raises(LockTimeout), second.locked("x", timeout=0.1):
        pass
    with second.locked("x", timeout=1):
        pass


def test_shared_bucket_nesting_and_threads(tmp_path: Path) -> None:
    """With one lock bucket, nesting two ids in a thread and two threads on two ids both work."""
    store = _sqlite(tmp_path, "?lock_buckets=1")
    with store.locked("a", timeout=1), store.locked("b", timeout=1):
        store.save("b", "nested")
    done: list[str] = []

    def use(cid: str) -> None:
        for _ in range(20):
            with store.locked(cid, timeout=5):
                done.append(cid)

    threads = [threading.Thread(target=use, args=(cid,)) for cid in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(done) == ["a"] * 20 + ["b"] * 20 + ["c"] * 20


def test_sqlite_survives_reopen(tmp_path: Path) -> None:
    """A committed save is there for a new store object (another process, a restart)."""
    _sqlite(tmp_path).save("p", "persisted")
    assert _sqlite(tmp_path).load("p") == "persisted"


def test_redis_prefix_and_idle_ttl(redis_url: str) -> None:
    """States live under the prefix; with `ttl` an idle conversation expires."""
    store = open_store(f"{redis_url}?prefix=tb-test:&ttl=600")
    store.save("c1", "{}")
    client = redis.Redis.from_url(redis_url)
    assert client.exists("tb-test:conv:c1") == 1
    assert 0 < client.pttl("tb-test:conv:c1") <= 600_000
    assert client.pttl("tb-test:lock:c1") == -2  # no lock left behind
    assert list(store.conversation_ids()) == ["c1"]
    assert list(open_store(redis_url).conversation_ids()) == []  # other prefix sees nothing
    short = open_store(f"{redis_url}?ttl=0.05")
    short.save("brief", "{}")
    time.sleep(0.15)
    assert short.load("brief") is None


def test_redis_ids_with_glob_characters(redis_url: str) -> None:
    """Ids and prefixes containing glob characters are listed exactly."""
    store = open_store(f"{redis_url}?prefix=p[1]*:")
    store.save("a*b", "{}")
    store.save("[x]", "{}")
    assert sorted(store.conversation_ids()) == ["[x]", "a*b"]


def test_redis_expired_lock_refuses_stale_write(
    redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A holder whose lock expired gets LockLost on save; the newer state is kept; nothing leaks."""
    slow = open_store(f"{redis_url}?lock_ttl=0.2")
    fast = open_store(redis_url)
    assert isinstance(slow, RedisConversationStore)
    with caplog.at_level(logging.DEBUG), slow.locked("c"):
        time.sleep(0.35)
        with fast.locked("c", timeout=1):
            fast.save("c", "newer")
        with pytest.raises(LockLost):
            slow.save("c", f"stale {MARKER}")
    assert fast.load("c") == "newer"
    assert MARKER not in caplog.text


def test_redis_save_under_lock_renews_lock(redis_url: str) -> None:
    """A save inside locked() renews the lock TTL, so a long turn that keeps saving keeps it."""
    store = open_store(f"{redis_url}?lock_ttl=0.3")
    with store.locked("r"):
        for i in range(4):
            time.sleep(0.15)
            store.save("r", str(i))
    assert store.load("r") == "3"


def test_store_logs_no_state(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Normal use logs nothing of the state contents."""
    with caplog.at_level(logging.DEBUG):
        store = _sqlite(tmp_path)
        with store.locked("l"):
            store.save("l", MARKER)
            store.load("l")
        store.delete("l")
    assert MARKER not in caplog.text


def _reader_holding_snapshot(path: Path) -> sqlite3.Connection:
    """Another connection (as the Telegram process would be) inside an open read transaction."""
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM conversations").fetchone()
    return reader


def test_erasure_with_reader_open_is_finished_once_reader_leaves(tmp_path: Path) -> None:
    """A delete while another connection reads leaves the erasure pending, and the background
    retry truncates the WAL as soon as the reader is gone (no restart or close needed)."""
    store = _sqlite(tmp_path)
    store.save("keep", '{"x": 1}')
    store.save("gone", f'{{"facts": "{MARKER}"}}')
    reader = _reader_holding_snapshot(store.path)
    assert store.delete("gone")
    assert store.db.erasure_pending
    assert MARKER.encode() in _file_bytes(store.path)  # the reader still needs those frames
    reader.execute("COMMIT")
    reader.close()
    deadline = time.monotonic() + 10
    while store.db.erasure_pending and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not store.db.erasure_pending
    assert MARKER.encode() not in _file_bytes(store.path)
    assert store.load("keep") == '{"x": 1}'
    store.close()


def test_erasure_pending_at_shutdown_is_finished_at_next_open(tmp_path: Path) -> None:
    """An erasure still blocked by a reader when the store closes is finished when the file is
    next opened (the other process keeps its connection open, so SQLite would not do it)."""
    store = _sqlite(tmp_path)
    store.save("gone", f'{{"facts": "{MARKER}"}}')
    reader = _reader_holding_snapshot(store.path)
    assert store.delete("gone")
    store.close()
    reader.execute("COMMIT")  # the other process stays connected, idle
    assert MARKER.encode() in _file_bytes(store.path)
    reopened = _sqlite(tmp_path)
    assert MARKER.encode() not in _file_bytes(reopened.path)
    assert reopened.load("gone") is None
    reopened.close()
    reader.close()

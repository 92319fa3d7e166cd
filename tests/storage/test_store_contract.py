"""The ConversationStore contract, run against memory, SQLite (tmp file) and a real Redis server."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest

from trialbot.domain.ports import ConversationStore
from trialbot.storage import LockTimeout, open_store


def _bump(store: ConversationStore, conversation_id: str) -> None:
    """One read-modify-write of a counter kept in the conversation state."""
    with store.locked(conversation_id):
        raw = store.load(conversation_id)
        count = json.loads(raw)["count"] if raw else 0
        time.sleep(0)  # let other threads run between the read and the write
        store.save(conversation_id, json.dumps({"count": count + 1}))


def test_round_trip_and_overwrite(store_url: str) -> None:
    """A saved state loads back exactly; a second save replaces it; unknown ids load None."""
    store: ConversationStore = open_store(store_url)
    assert store.load("c1") is None
    state = json.dumps({"facts": {"age_years": 31}, "note": "émoji 🙂 中文 \u0000 end"})
    store.save("c1", state)
    assert store.load("c1") == state
    store.save("c1", "{}")
    assert store.load("c1") == "{}"
    assert store.load("c2") is None


def test_delete_and_ids(store_url: str) -> None:
    """delete erases and reports it; conversation_ids lists exactly the stored ones."""
    store = open_store(store_url)
    for cid in ("tg:1", "web:abc", "cli:x y"):
        store.save(cid, "{}")
    assert sorted(store.conversation_ids()) == ["cli:x y", "tg:1", "web:abc"]
    assert store.delete("web:abc") is True
    assert store.delete("web:abc") is False
    assert store.load("web:abc") is None
    assert sorted(store.conversation_ids()) == ["cli:x y", "tg:1"]


def test_ping(store_url: str) -> None:
    """An open store answers ping."""
    assert open_store(store_url).ping() is True


def test_large_state(store_url: str) -> None:
    """A large state (1 MB) survives the round trip."""
    store = open_store(store_url)
    big = json.dumps({"blob": "x" * 1_000_000})
    store.save("big", big)
    assert store.load("big") == big


def test_hundreds_of_threads_lose_no_update(store_url: str) -> None:
    """200 threads incrementing one conversation's counter under its lock end at exactly 200."""
    store = open_store(store_url)
    threads = [threading.Thread(target=_bump, args=(store, "shared")) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert json.loads(store.load("shared") or "{}") == {"count": 200}


def test_many_conversations_in_parallel_stay_apart(store_url: str) -> None:
    """Bursts in 50 conversations at once: each ends with its own exact count."""
    store = open_store(store_url)

    def burst(cid: str) -> None:
        for _ in range(4):
            _bump(store, cid)

    threads = [threading.Thread(target=burst, args=(f"c{i % 50}",)) for i in range(100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i in range(50):
        assert json.loads(store.load(f"c{i}") or "{}") == {"count": 8}


def test_nested_lock_in_same_thread_does_not_deadlock(store_url: str) -> None:
    """locked(id) inside locked(id) on one thread is re-entrant."""
    store = open_store(store_url)
    with store.locked("n"), store.locked("n"):
        store.save("n", "inner")
    with store.locked("n"):
        assert store.load("n") == "inner"


def test_lock_times_out_while_another_thread_holds_it(store_url: str) -> None:
    """A second thread waiting past its timeout gets LockTimeout; other ids are not blocked."""
    store = open_store(store_url)
    holding, release = threading.Event(), threading.Event()

    def holder() -> None:
        with store.locked("busy"):
            holding.set()
            release.wait(5)

    result: dict[str, Any] = {}

    def waiter() -> None:
        started = time.monotonic()
        try:
            with store.locked("busy", timeout=0.2):
                result["error"] = None
        except LockTimeout as exc:
            result["error"] = exc
        result["elapsed"] = time.monotonic() - started
        with store.locked("other", timeout=1):
            result["other"] = True

    owner = threading.Thread(target=holder)
    owner.start()
    assert holding.wait(5)
    other = threading.Thread(target=waiter)
    other.start()
    other.join()
    release.set()
    owner.join()
    assert isinstance(result["error"], LockTimeout)
    assert 0.15 <= result["elapsed"] < 2.0
    assert result["other"] is True
    with store.locked("busy", timeout=1):
        pass


def test_lock_released_when_block_raises(store_url: str) -> None:
    """An exception inside the block releases the lock for the next caller."""
    store = open_store(store_url)
    with pytest.raises(RuntimeError), store.locked("r"):
        raise RuntimeError("boom")
    done = threading.Event()

    def again() -> None:
        with store.locked("r", timeout=1):
            done.set()

    thread = threading.Thread(target=again)
    thread.start()
    thread.join()
    assert done.is_set()


def test_lock_timeout_from_url_option(store_url: str) -> None:
    """`lock_timeout` in the URL sets the default wait."""
    url = f"{store_url}{'&' if '?' in store_url else '?'}lock_timeout=0.1"
    if store_url == "memory://":
        url = "memory://?lock_timeout=0.1"
    store = open_store(url)
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with store.locked("t"):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(5)
    started = time.monotonic()
    with pytest.raises(LockTimeout), store.locked("t"):
        pass
    assert time.monotonic() - started < 2.0
    release.set()
    thread.join()

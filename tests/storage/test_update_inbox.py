"""The durable Telegram update inbox: de-duplication, replay of pending updates, done, prune."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from trialbot.storage import open_store
from trialbot.storage.inbox import UpdateInbox, open_inbox


@pytest.fixture
def inbox(store_url: str) -> UpdateInbox:
    """An inbox on each backend."""
    return open_inbox(store_url)


def _payload(update_id: int) -> str:
    """A Telegram-like update body."""
    return json.dumps({"update_id": update_id, "message": {"text": f"hi ✓ {update_id}"}})


def test_accept_dedupes(inbox: UpdateInbox) -> None:
    """The first delivery of an update_id is accepted, a redelivery is not."""
    assert inbox.accept(10, _payload(10)) is True
    assert inbox.accept(10, _payload(10)) is False
    assert inbox.accept(11, _payload(11)) is True
    inbox.mark_done(10)
    assert inbox.accept(10, _payload(10)) is False


def test_pending_oldest_first_until_done(inbox: UpdateInbox) -> None:
    """pending lists accepted, unfinished updates in arrival order with their payloads."""
    for uid in (7, 3, 9):
        inbox.accept(uid, _payload(uid))
    assert inbox.pending() == [(7, _payload(7)), (3, _payload(3)), (9, _payload(9))]
    inbox.mark_done(3)
    assert inbox.pending() == [(7, _payload(7)), (9, _payload(9))]
    inbox.mark_done(7)
    inbox.mark_done(9)
    inbox.mark_done(12345)  # unknown id: no error
    assert inbox.pending() == []


def test_prune_keeps_pending_and_newest_done(inbox: UpdateInbox) -> None:
    """prune drops only done updates beyond `keep` (oldest first); pending ones survive."""
    for uid in range(1, 8):
        inbox.accept(uid, _payload(uid))
    for uid in (1, 2, 3, 5, 6):
        inbox.mark_done(uid)
    assert inbox.prune(2) == 3  # forgets 1, 2, 3; keeps done 5, 6
    assert [uid for uid, _ in inbox.pending()] == [4, 7]
    assert inbox.accept(5, _payload(5)) is False
    assert inbox.accept(6, _payload(6)) is False
    assert inbox.accept(1, _payload(1)) is True  # forgotten, so new again
    assert inbox.prune(100) == 0


def test_concurrent_redelivery_accepted_once(inbox: UpdateInbox) -> None:
    """Twenty threads delivering the same update at once: exactly one accept wins."""
    results: list[bool] = []
    lock = threading.Lock()

    def deliver() -> None:
        accepted = inbox.accept(42, _payload(42))
        with lock:
            results.append(accepted)

    threads = [threading.Thread(target=deliver) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 1
    assert inbox.pending() == [(42, _payload(42))]


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
def test_pending_survives_restart(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """An accepted update not yet done is still pending for a new inbox object (after a crash)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path.as_posix()}/conv.sqlite3"
    else:
        url = str(request.getfixturevalue("redis_url"))
    first = open_inbox(url)
    first.accept(1, _payload(1))
    first.accept(2, _payload(2))
    first.mark_done(1)
    again = open_inbox(url)
    assert again.pending() == [(2, _payload(2))]
    assert again.accept(1, _payload(1)) is False


def test_sqlite_inbox_shares_file_with_conversations(tmp_path: Path) -> None:
    """The SQLite inbox and the conversation store live side by side in one file."""
    url = f"sqlite:///{tmp_path.as_posix()}/conv.sqlite3?lock_timeout=5"
    store, inbox = open_store(url), open_inbox(url)
    store.save("c", "{}")
    inbox.accept(5, _payload(5))
    assert list(store.conversation_ids()) == ["c"]
    assert inbox.pending() == [(5, _payload(5))]


def test_done_update_keeps_no_payload(tmp_path: Path) -> None:
    """A handled update's message text is dropped from the SQLite row."""
    import sqlite3

    path = tmp_path / "conv.sqlite3"
    inbox = open_inbox(f"sqlite:///{path.as_posix()}")
    inbox.accept(8, _payload(8))
    inbox.mark_done(8)
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT payload FROM telegram_updates").fetchall()
    assert rows == [("",)]

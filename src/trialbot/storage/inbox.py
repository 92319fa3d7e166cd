"""A durable inbox for Telegram webhook updates: stored before acknowledged, handled once.

Use: `if inbox.accept(update_id, raw_json): <ack 200>`; handle; `inbox.mark_done(update_id)`.
On start, replay `inbox.pending()` (accepted, never marked done), then `prune(keep)` now and then.
`open_inbox(url)` takes the same URLs as `open_store` (the SQLite inbox shares the file).
"""

from __future__ import annotations

import threading
from typing import Protocol

from trialbot.storage.redis_inbox import RedisUpdateInbox
from trialbot.storage.sqlite_inbox import SqliteUpdateInbox
from trialbot.storage.urls import OPTIONS, float_option, parse_store_url, sqlite_synchronous

__all__ = [
    "MemoryUpdateInbox",
    "RedisUpdateInbox",
    "SqliteUpdateInbox",
    "UpdateInbox",
    "open_inbox",
]


class UpdateInbox(Protocol):
    """Durable, de-duplicating store of incoming updates."""

    def accept(self, update_id: int, payload: str) -> bool:
        """Store a new update durably; False when this update_id was seen before."""
        ...

    def pending(self) -> list[tuple[int, str]]:
        """Accepted updates not yet done, oldest first (replay these after a crash)."""
        ...

    def mark_done(self, update_id: int) -> None:
        """Mark an update handled (its payload is dropped; its id still de-duplicates)."""
        ...

    def prune(self, keep: int) -> int:
        """Forget done updates except the newest `keep`; returns how many were forgotten."""
        ...


class MemoryUpdateInbox:
    """The inbox in memory (tests); same behaviour as the durable ones, minus durability."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._seen: dict[int, str | None] = {}  # insertion-ordered; None once done

    def accept(self, update_id: int, payload: str) -> bool:
        """Keep a new update; False when this update_id was seen before."""
        with self._mutex:
            if int(update_id) in self._seen:
                return False
            self._seen[int(update_id)] = payload
            return True

    def pending(self) -> list[tuple[int, str]]:
        """Accepted updates not yet done, oldest first."""
        with self._mutex:
            return [(uid, p) for uid, p in self._seen.items() if p is not None]

    def mark_done(self, update_id: int) -> None:
        """Mark an update handled and drop its payload."""
        with self._mutex:
            if int(update_id) in self._seen:
                self._seen[int(update_id)] = None

    def prune(self, keep: int) -> int:
        """Forget done updates except the newest `keep`."""
        with self._mutex:
            done = [uid for uid, p in self._seen.items() if p is None]
            excess = done[: max(0, len(done) - max(0, keep))]
            for uid in excess:
                del self._seen[uid]
            return len(excess)

    def ping(self) -> bool:
        """Always True."""
        return True

    def close(self) -> None:
        """Nothing to release."""


def open_inbox(url: str) -> SqliteUpdateInbox | RedisUpdateInbox | MemoryUpdateInbox:
    """The update inbox a store URL names (UnknownStoreURL / StoreUnavailable naming the URL)."""
    parsed = parse_store_url(url, OPTIONS)
    if parsed.scheme == "memory":
        return MemoryUpdateInbox()
    if parsed.scheme == "sqlite":
        assert parsed.path is not None
        return SqliteUpdateInbox(
            parsed.path,
            busy_timeout=float_option(parsed, "busy_timeout", 10.0) or 0.0,
            synchronous=sqlite_synchronous(parsed),
            label=parsed.safe,
        )
    from trialbot.storage.redis_errors import connect_redis

    client = connect_redis(parsed.server_url, parsed.safe)
    return RedisUpdateInbox(
        client, prefix=parsed.options.get("prefix", "trialbot:"), label=parsed.safe
    )

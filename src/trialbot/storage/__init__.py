"""Conversation state storage: `open_store(url)` gives the ConversationStore a URL names.

`sqlite:///path` (embedded default, several processes on one host), `redis://host:port/db` (several
hosts), `memory://` (tests and benchmarks). Options ride in the query string, e.g.
`sqlite:///var/trialbot.sqlite3?lock_timeout=10` or `redis://127.0.0.1:6379/0?prefix=tb:&ttl=2592000`.
"""

from __future__ import annotations

from trialbot.storage.errors import (
    LockLost,
    LockTimeout,
    StoreError,
    StoreUnavailable,
    UnknownStoreURL,
)
from trialbot.storage.memory import MemoryConversationStore
from trialbot.storage.redis_store import RedisConversationStore
from trialbot.storage.sqlite_store import SqliteConversationStore
from trialbot.storage.urls import OPTIONS, float_option, parse_store_url, sqlite_synchronous

__all__ = [
    "LockLost",
    "LockTimeout",
    "MemoryConversationStore",
    "RedisConversationStore",
    "SqliteConversationStore",
    "StoreError",
    "StoreUnavailable",
    "UnknownStoreURL",
    "open_store",
]

DEFAULT_LOCK_TIMEOUT = 30.0


def open_store(
    url: str,
) -> SqliteConversationStore | RedisConversationStore | MemoryConversationStore:
    """The conversation store a URL names; UnknownStoreURL or StoreUnavailable naming the URL."""
    parsed = parse_store_url(url, OPTIONS)
    lock_timeout = float_option(parsed, "lock_timeout", DEFAULT_LOCK_TIMEOUT)
    if parsed.scheme == "memory":
        return MemoryConversationStore(lock_timeout=lock_timeout)
    if parsed.scheme == "sqlite":
        assert parsed.path is not None
        return SqliteConversationStore(
            parsed.path,
            lock_timeout=lock_timeout,
            busy_timeout=float_option(parsed, "busy_timeout", 10.0) or 0.0,
            synchronous=sqlite_synchronous(parsed),
            lock_buckets=int(float_option(parsed, "lock_buckets", 1024) or 1024),
            label=parsed.safe,
        )
    from trialbot.storage.redis_errors import connect_redis

    client = connect_redis(parsed.server_url, parsed.safe)
    return RedisConversationStore(
        client,
        prefix=parsed.options.get("prefix", "trialbot:"),
        ttl=float_option(parsed, "ttl", None),
        lock_timeout=lock_timeout,
        lock_ttl=float_option(parsed, "lock_ttl", 60.0) or 60.0,
        label=parsed.safe,
    )

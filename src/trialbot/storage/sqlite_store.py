"""The embedded conversation store: one SQLite file in WAL mode, locks shared with other processes.

Locking: `locked(id)` takes a re-entrant in-process lock for the id, then (outermost hold only) an
exclusive `flock` on `<db>.locks/<bucket>.lock`, the bucket being a hash of the id. The kernel
releases a flock when its process dies, so a crash leaves no stale lock; and no lock is held inside
a database transaction, so a slow dialog turn never blocks other conversations' writes.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from trialbot.storage.errors import LockTimeout
from trialbot.storage.group_commit import GroupCommitter
from trialbot.storage.locks import FileLocks, KeyedLocks, deadline_after, timeout_error
from trialbot.storage.sqlite_db import SqliteDatabase

DEFAULT_LOCK_TIMEOUT = 30.0


class SqliteConversationStore:
    """Conversation states in the `conversations` table of a SQLite file."""

    def __init__(
        self,
        path: Path | str,
        *,
        lock_timeout: float | None = DEFAULT_LOCK_TIMEOUT,
        busy_timeout: float = 10.0,
        synchronous: str = "FULL",
        lock_buckets: int = 1024,
        label: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self.db = SqliteDatabase(
            self.path, busy_timeout=busy_timeout, synchronous=synchronous, label=label
        )
        self.commits = GroupCommitter(self.db)
        self._lock_dir = self.path.with_name(self.path.name + ".locks")
        self._buckets = lock_buckets
        self._reset_locks()

    def _reset_locks(self) -> None:
        """Fresh lock bookkeeping (at start and in a forked child)."""
        self._pid = os.getpid()
        self._thread_locks = KeyedLocks()
        self._file_locks = FileLocks(self._lock_dir, self._buckets)

    def _check_fork(self) -> None:
        """A forked child must not reuse the parent's lock state (flocks are shared by fork)."""
        if os.getpid() != self._pid:
            self._reset_locks()

    @contextmanager
    def locked(self, conversation_id: str, timeout: float | None = None) -> Iterator[None]:
        """Hold this conversation's lock across threads and processes inside the block."""
        self._check_fork()
        limit = self.lock_timeout if timeout is None else timeout
        deadline = deadline_after(limit)
        try:
            with self._thread_locks.hold(conversation_id, deadline) as outermost:
                if not outermost:
                    yield
                    return
                self._file_locks.acquire(conversation_id, deadline)
                try:
                    yield
                finally:
                    self._file_locks.release(conversation_id)
        except LockTimeout:
            raise timeout_error(limit) from None

    def load(self, conversation_id: str) -> str | None:
        """The stored state, or None for a new conversation."""
        with self.db.connection() as conn:
            row = conn.execute(
                "SELECT state FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
        return None if row is None else str(row[0])

    def save(self, conversation_id: str, state: str) -> None:
        """Store the state durably (committed when this returns; concurrent saves share commits)."""
        row = (conversation_id, state, time.time())

        def upsert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO conversations (id, state, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET state = excluded.state, "
                "updated_at = excluded.updated_at",
                row,
            )

        self.commits.write(upsert)

    def delete(self, conversation_id: str) -> bool:
        """Erase the conversation: row deleted, freed pages zeroed (`secure_delete`), WAL truncated.

        When another connection's read transaction keeps the WAL alive, the truncation is retried
        in the background until it succeeds (`db.erasure_pending` says whether it is still due).
        """
        with self.db.transaction() as conn:
            erased = conn.execute(
                "DELETE FROM conversations WHERE id = ?", (conversation_id,)
            ).rowcount
        if erased:
            self.db.erase_wal()
        return bool(erased)

    def conversation_ids(self) -> Iterator[str]:
        """Ids of every stored conversation."""
        with self.db.connection() as conn:
            rows = conn.execute("SELECT id FROM conversations ORDER BY id").fetchall()
        return iter([str(row[0]) for row in rows])

    def ping(self) -> bool:
        """True when the database file answers."""
        return self.db.ping()

    def close(self) -> None:
        """Close the pooled connections."""
        self.db.close()

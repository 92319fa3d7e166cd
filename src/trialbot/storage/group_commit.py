"""Group commit: writes from many threads share one SQLite transaction and one fsync.

With `synchronous=FULL` every commit waits for the disk; under load, threads queue on SQLite's
write lock one commit at a time. Here the first writer to arrive becomes the leader: it takes
every write queued so far, runs them in one `BEGIN IMMEDIATE ... COMMIT`, and wakes their callers;
writers that arrived during that commit go in the next batch (their leader is one of them). Each
`write()` still returns only after its own data is committed, so durability is unchanged. No
background thread: nothing to restart after a fork and nothing left running at exit.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from trialbot.storage.sqlite_db import SqliteDatabase

Write = Callable[[sqlite3.Connection], None]
MAX_BATCH = 128


@dataclass
class _Pending:
    """One queued write and what became of it."""

    write: Write
    done: bool = False
    error: BaseException | None = None
    event: threading.Event = field(default_factory=threading.Event)


class GroupCommitter:
    """Commits queued writes to `db` in batches of up to `max_batch`, one transaction each."""

    def __init__(self, db: SqliteDatabase, max_batch: int = MAX_BATCH) -> None:
        self.db = db
        self.max_batch = max(1, max_batch)
        self._mutex = threading.Lock()
        self._queue: list[_Pending] = []
        self._leading = False
        self.batches = 0  # commits made (a test reads it to see writes were grouped)

    def write(self, write: Write) -> None:
        """Run `write(conn)` inside a committed transaction; returns once it is on disk.

        Raises whatever the write (or the commit) raised for this write alone: a failed batch is
        retried one write at a time so one bad write never fails the others.
        """
        pending = _Pending(write)
        with self._mutex:
            self._queue.append(pending)
        while not pending.done:
            if self._take_lead():
                try:
                    self._lead()
                finally:
                    self._hand_over()
                continue
            pending.event.wait(0.05)
            pending.event.clear()  # set for "done" (checked above) or "lead next": try again
        if pending.error is not None:
            raise pending.error

    def _take_lead(self) -> bool:
        with self._mutex:
            if self._leading:
                return False
            self._leading = True
            return True

    def _hand_over(self) -> None:
        """Stop leading; wake one waiting writer so it leads the next batch."""
        with self._mutex:
            self._leading = False
            waiting = next((p for p in self._queue if not p.done), None)
        if waiting is not None:
            waiting.event.set()

    def _lead(self) -> None:
        """Commit batches until the queue is empty when this leader looked."""
        with self._mutex:
            batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch :]
        if not batch:
            return
        try:
            with self.db.transaction() as conn:
                for pending in batch:
                    pending.write(conn)
            self.batches += 1
        except BaseException:  # retry alone, so each caller gets its own outcome
            for pending in batch:
                try:
                    with self.db.transaction() as conn:
                        pending.write(conn)
                except BaseException as error:
                    pending.error = error
        for pending in batch:
            pending.done = True
            pending.event.set()

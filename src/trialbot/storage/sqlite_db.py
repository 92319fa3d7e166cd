"""A small pool of SQLite connections to one file: WAL, busy timeout, secure delete, schema."""

from __future__ import annotations

import logging
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from trialbot.storage.errors import StoreUnavailable

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS telegram_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    update_id INTEGER NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    accepted_at REAL NOT NULL,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS telegram_updates_pending ON telegram_updates (done, seq);
"""
SYNCHRONOUS_MODES = ("OFF", "NORMAL", "FULL", "EXTRA")
ERASE_RETRY_MAX_S = 2.0


class SqliteDatabase:
    """Thread-safe access to one SQLite file: each thread borrows its own connection from a pool."""

    def __init__(
        self,
        path: Path,
        *,
        busy_timeout: float = 10.0,
        synchronous: str = "FULL",
        max_idle: int = 8,
        label: str | None = None,
    ) -> None:
        self.path = path
        self.label = label or str(path)
        self.busy_timeout_ms = int(busy_timeout * 1000)
        self.synchronous = synchronous.upper()
        if self.synchronous not in SYNCHRONOUS_MODES:
            raise ValueError(f"synchronous must be one of {SYNCHRONOUS_MODES}")
        self.max_idle = max_idle
        self._pid = os.getpid()
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._closed = False
        self._init_lock = threading.Lock()
        self.erasure_pending = False
        self._retry: threading.Thread | None = None
        self._prepare()

    def _prepare(self) -> None:
        """Create the parent directory, switch to WAL and create the schema."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.connection() as conn:
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    log.warning("SQLite store %s is not in WAL mode (%s)", self.label, mode)
                with _immediate(conn):
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                # an erasure left pending by a process that stopped is finished here (no waiting)
                conn.execute("PRAGMA busy_timeout=0")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                conn.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
        except (OSError, sqlite3.Error) as exc:
            raise StoreUnavailable(f"cannot open SQLite store {self.label!r}: {exc}") from exc

    def _connect(self) -> sqlite3.Connection:
        """A new connection in autocommit mode with our pragmas."""
        conn = sqlite3.connect(
            str(self.path),
            timeout=self.busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
        conn.execute(f"PRAGMA synchronous={self.synchronous}")
        conn.execute("PRAGMA secure_delete=ON")
        return conn

    def _check_fork(self) -> None:
        """After a fork, forget the parent's connections (SQLite must not share them)."""
        if os.getpid() != self._pid:
            with self._init_lock:
                if os.getpid() != self._pid:
                    self._idle = queue.LifoQueue()
                    self._pid = os.getpid()

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """Borrow a connection for this thread; it goes back to the pool afterwards."""
        if self._closed:
            raise StoreUnavailable(f"SQLite store {self.label!r} is closed")
        self._check_fork()
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._connect()
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        finally:
            self._give_back(conn)

    def _give_back(self, conn: sqlite3.Connection) -> None:
        """Return a connection to the pool, or close it when the pool is full or closed."""
        if self._closed or self._idle.qsize() >= self.max_idle:
            conn.close()
        else:
            self._idle.put(conn)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (`BEGIN IMMEDIATE`), committed on success, rolled back on error."""
        with self.connection() as conn, _immediate(conn):
            yield conn

    def checkpoint(self) -> bool:
        """Fold the WAL into the main file and truncate it to zero bytes; True when it did.

        False when a reader in any process still needs older frames (after waiting briefly):
        the WAL then keeps copies of pages, so an erasure is finished later (`erase_later`).
        """
        try:
            with self.connection() as conn:
                conn.execute(f"PRAGMA busy_timeout={min(1000, self.busy_timeout_ms)}")
                try:
                    row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                finally:
                    conn.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
        except sqlite3.Error:
            return False
        return row is not None and not row[0]

    def erase_wal(self) -> bool:
        """Truncate the WAL now, or mark it pending and retry in the background until it works.

        Returns True when the WAL was truncated now; False when the erasure is pending (finished
        by the retry thread, the next `finish_erasure()`, `close()`, or the next open).
        """
        if self.checkpoint():
            return True
        with self._init_lock:
            self.erasure_pending = True
            if self._retry is None or not self._retry.is_alive():
                self._retry = threading.Thread(
                    target=self._retry_erasure, name="sqlite-erase", daemon=True
                )
                self._retry.start()
        return False

    def finish_erasure(self) -> bool:
        """Try a pending erasure's checkpoint again; True when nothing is pending any more."""
        if not self.erasure_pending:
            return True
        if self.checkpoint():
            self.erasure_pending = False
            return True
        return False

    def _retry_erasure(self) -> None:
        """Retry the truncating checkpoint with back-off until it succeeds or the file closes."""
        delay = 0.05
        while self.erasure_pending and not self._closed:
            time.sleep(delay)
            try:
                if self.finish_erasure():
                    return
            except StoreUnavailable:
                return
            delay = min(delay * 2, ERASE_RETRY_MAX_S)

    def ping(self) -> bool:
        """True when the file answers a trivial query."""
        try:
            with self.connection() as conn:
                return conn.execute("SELECT 1").fetchone() == (1,)
        except (sqlite3.Error, StoreUnavailable, OSError):
            return False

    def close(self) -> None:
        """Finish a pending erasure if readers allow, then close the pooled connections."""
        if self.erasure_pending and not self._closed:
            self.finish_erasure()
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


@contextmanager
def _immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT on an autocommit connection, ROLLBACK on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")

"""Lock building blocks: re-entrant in-process locks per key, and flock-based cross-process locks.

Design: every store first takes an in-process, re-entrant lock for the conversation id
(`KeyedLocks`), which serialises threads and lets the same thread nest `locked(id)` freely. Only the
outermost hold then takes the cross-process lock (a flock'd file for SQLite, a Redis key for Redis),
so one process never contends with itself for the same conversation.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from trialbot.storage.errors import LockTimeout, StoreUnavailable

_POLL_FIRST = 0.0005
_POLL_MAX = 0.01


def remaining(deadline: float | None) -> float | None:
    """Seconds left before `deadline` (a monotonic time), never negative; None = no limit."""
    if deadline is None:
        return None
    return max(0.0, deadline - time.monotonic())


def deadline_after(timeout: float | None) -> float | None:
    """The monotonic time `timeout` seconds from now, or None for no limit."""
    return None if timeout is None else time.monotonic() + timeout


def timeout_error(timeout: float | None) -> LockTimeout:
    """The error for a lock not obtained in time (without the id: it may be personal)."""
    if timeout is None:
        return LockTimeout("conversation lock not acquired in time")
    return LockTimeout(f"conversation lock not acquired within {timeout:g} s")


def backoff_sleep(delay: float, deadline: float | None) -> float:
    """Sleep `delay` (capped by the deadline) and return the next, longer delay."""
    left = remaining(deadline)
    time.sleep(delay if left is None else min(delay, left))
    return min(delay * 2, _POLL_MAX)


@dataclass
class _Entry:
    """One key's lock and how many threads are using or waiting for it."""

    lock: threading.RLock = field(default_factory=threading.RLock)
    users: int = 0
    depth: int = 0


class KeyedLocks:
    """Re-entrant per-key thread locks, created on demand and dropped when no thread uses them."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._entries: dict[str, _Entry] = {}

    @contextmanager
    def hold(self, key: str, deadline: float | None) -> Iterator[bool]:
        """Hold `key`'s lock; yields True for the outermost hold by this thread."""
        with self._mutex:
            entry = self._entries.setdefault(key, _Entry())
            entry.users += 1
        try:
            left = remaining(deadline)
            if not entry.lock.acquire(timeout=-1 if left is None else left):
                raise timeout_error(left)
            entry.depth += 1
            try:
                yield entry.depth == 1
            finally:
                entry.depth -= 1
                entry.lock.release()
        finally:
            with self._mutex:
                entry.users -= 1
                if entry.users == 0:
                    self._entries.pop(key, None)

    def __len__(self) -> int:
        """How many keys currently have a lock object (held or awaited)."""
        with self._mutex:
            return len(self._entries)


class FileLocks:
    """Cross-process exclusive locks: `flock` on one of `buckets` files chosen by a hash of the key.

    The kernel drops a flock when its holder dies, so a crash never leaves a stale lock. Keys that
    share a bucket merely wait for each other. A thread that already holds a bucket (nesting two
    conversations that hash alike) re-uses its hold instead of deadlocking on itself.
    """

    def __init__(self, directory: Path, buckets: int = 1024) -> None:
        self.directory = directory
        self.buckets = max(1, buckets)
        self._held = threading.local()
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"cannot create lock directory {directory}: {exc}") from exc

    def _bucket(self, key: str) -> int:
        """The bucket number of a key (stable across processes)."""
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
        return int.from_bytes(digest[:8], "big") % self.buckets

    def _held_map(self) -> dict[int, list[int]]:
        """This thread's held buckets: bucket -> [fd, depth]."""
        held: dict[int, list[int]] | None = getattr(self._held, "map", None)
        if held is None:
            held = {}
            self._held.map = held
        return held

    def acquire(self, key: str, deadline: float | None) -> None:
        """Take the key's file lock, polling until the deadline."""
        bucket = self._bucket(key)
        held = self._held_map()
        if bucket in held:
            held[bucket][1] += 1
            return
        path = self.directory / f"{bucket:04x}.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            self._flock(fd, deadline)
        except BaseException:
            os.close(fd)
            raise
        held[bucket] = [fd, 1]

    @staticmethod
    def _flock(fd: int, deadline: float | None) -> None:
        """Exclusive flock on fd: blocking without a deadline, else polled with back-off."""
        if deadline is None:
            fcntl.flock(fd, fcntl.LOCK_EX)
            return
        delay = _POLL_FIRST
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
            if remaining(deadline) == 0.0:
                raise timeout_error(None)
            delay = backoff_sleep(delay, deadline)

    def release(self, key: str) -> None:
        """Release one hold of the key's file lock (the flock goes with the last one)."""
        held = self._held_map()
        bucket = self._bucket(key)
        entry = held.get(bucket)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            del held[bucket]
            try:
                fcntl.flock(entry[0], fcntl.LOCK_UN)
            finally:
                os.close(entry[0])

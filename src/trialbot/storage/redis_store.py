"""The shared conversation store for several bot and web processes: Redis.

Locking: `locked(id)` takes a re-entrant in-process lock for the id, then (outermost hold only) the
Redis lock `SET <prefix>lock:<id> <random token> NX PX <lock_ttl>`, polled with back-off until the
timeout, released by a Lua compare-and-delete. The TTL frees the lock if its holder dies. A `save`
made under the lock is fenced: a Lua script writes only while the lock still carries our token (and
renews its TTL), so a holder whose lock expired gets `LockLost` instead of overwriting newer state.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import redis

from trialbot.storage.errors import LockLost, LockTimeout
from trialbot.storage.locks import (
    KeyedLocks,
    backoff_sleep,
    deadline_after,
    remaining,
    timeout_error,
)
from trialbot.storage.redis_errors import RedisBacked, redis_errors

log = logging.getLogger(__name__)

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_FENCED_SAVE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if ARGV[4] == '' then
  redis.call('SET', KEYS[2], ARGV[3])
else
  redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
end
return 1
"""


class RedisConversationStore(RedisBacked):
    """Conversation states as Redis strings under `<prefix>conv:<id>`."""

    def __init__(
        self,
        client: redis.Redis,
        *,
        prefix: str = "trialbot:",
        ttl: float | None = None,
        lock_timeout: float | None = 30.0,
        lock_ttl: float = 60.0,
        label: str = "redis",
    ) -> None:
        self.client = client
        self.prefix = prefix
        self.ttl_ms = None if not ttl else max(1, int(ttl * 1000))
        self.lock_timeout = lock_timeout
        self.lock_ttl_ms = max(1, int(lock_ttl * 1000))
        self.label = label
        self._reset_locks()
        self._release = client.register_script(_RELEASE)
        self._fenced_save = client.register_script(_FENCED_SAVE)

    def _reset_locks(self) -> None:
        """Fresh lock bookkeeping (at start and in a forked child)."""
        self._pid = os.getpid()
        self._thread_locks = KeyedLocks()
        self._tokens = threading.local()

    def _key(self, conversation_id: str) -> str:
        """The state key of a conversation."""
        return f"{self.prefix}conv:{conversation_id}"

    def _lock_key(self, conversation_id: str) -> str:
        """The lock key of a conversation."""
        return f"{self.prefix}lock:{conversation_id}"

    def _held(self) -> dict[str, str]:
        """This thread's lock tokens: conversation id -> token."""
        held: dict[str, str] | None = getattr(self._tokens, "map", None)
        if held is None:
            held = {}
            self._tokens.map = held
        return held

    @contextmanager
    def locked(self, conversation_id: str, timeout: float | None = None) -> Iterator[None]:
        """Hold this conversation's lock across threads and processes inside the block."""
        if os.getpid() != self._pid:
            self._reset_locks()
        limit = self.lock_timeout if timeout is None else timeout
        deadline = deadline_after(limit)
        try:
            with self._thread_locks.hold(conversation_id, deadline) as outermost:
                if not outermost:
                    yield
                    return
                token = self._acquire(conversation_id, deadline)
                self._held()[conversation_id] = token
                try:
                    yield
                finally:
                    self._held().pop(conversation_id, None)
                    self._release_lock(conversation_id, token)
        except LockTimeout:
            raise timeout_error(limit) from None

    def _acquire(self, conversation_id: str, deadline: float | None) -> str:
        """Poll `SET NX PX` until we own the lock key or the deadline passes."""
        token = secrets.token_hex(16)
        key = self._lock_key(conversation_id)
        delay = 0.0005
        while True:
            with redis_errors(self.label):
                if self.client.set(key, token, nx=True, px=self.lock_ttl_ms):
                    return token
            if remaining(deadline) == 0.0:
                raise timeout_error(None)
            delay = backoff_sleep(delay, deadline)

    def _release_lock(self, conversation_id: str, token: str) -> None:
        """Compare-and-delete; a lock that already expired is only noted."""
        with redis_errors(self.label):
            released = self._release(keys=[self._lock_key(conversation_id)], args=[token])
        if not released:
            log.warning("a conversation lock expired before it was released (lock_ttl too short?)")

    def load(self, conversation_id: str) -> str | None:
        """The stored state, or None for a new conversation."""
        with redis_errors(self.label):
            value: Any = self.client.get(self._key(conversation_id))
        if value is None:
            return None
        return value.decode("utf-8") if isinstance(value, bytes) else str(value)

    def save(self, conversation_id: str, state: str) -> None:
        """Store the state; under `locked` only while the lock is still ours (else `LockLost`)."""
        token = self._held().get(conversation_id)
        key = self._key(conversation_id)
        with redis_errors(self.label):
            if token is None:
                self.client.set(key, state, px=self.ttl_ms)
                return
            args: list[str | int] = [token, self.lock_ttl_ms, state, self.ttl_ms or ""]
            written = self._fenced_save(keys=[self._lock_key(conversation_id), key], args=args)
        if not written:
            raise LockLost("the conversation lock expired before the state was saved")

    def delete(self, conversation_id: str) -> bool:
        """Erase the conversation; True when something was erased."""
        with redis_errors(self.label):
            return bool(self.client.delete(self._key(conversation_id)))

    def conversation_ids(self) -> Iterator[str]:
        """Ids of every stored conversation (SCAN over the prefix)."""
        head = f"{self.prefix}conv:"
        pattern = _glob_escape(head) + "*"
        with redis_errors(self.label):
            keys = list(self.client.scan_iter(match=pattern, count=500))
        ids = [(k.decode() if isinstance(k, bytes) else str(k))[len(head) :] for k in keys]
        return iter(sorted(ids))


def _glob_escape(text: str) -> str:
    """Escape Redis glob metacharacters."""
    return "".join("\\" + ch if ch in "*?[]\\" else ch for ch in text)

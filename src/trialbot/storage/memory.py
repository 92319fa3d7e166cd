"""In-memory conversation store for tests and benchmarks (one process, nothing persisted)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from trialbot.storage.errors import LockTimeout
from trialbot.storage.locks import KeyedLocks, deadline_after, timeout_error


class MemoryConversationStore:
    """Conversation states in a dict, with re-entrant per-conversation thread locks."""

    def __init__(self, *, lock_timeout: float | None = 30.0) -> None:
        self.lock_timeout = lock_timeout
        self._states: dict[str, str] = {}
        self._mutex = threading.Lock()
        self._locks = KeyedLocks()

    @contextmanager
    def locked(self, conversation_id: str, timeout: float | None = None) -> Iterator[None]:
        """Hold this conversation's lock (threads of this process) inside the block."""
        limit = self.lock_timeout if timeout is None else timeout
        try:
            with self._locks.hold(conversation_id, deadline_after(limit)):
                yield
        except LockTimeout:
            raise timeout_error(limit) from None

    def load(self, conversation_id: str) -> str | None:
        """The stored state, or None for a new conversation."""
        with self._mutex:
            return self._states.get(conversation_id)

    def save(self, conversation_id: str, state: str) -> None:
        """Keep the state (a str, so it is immutable and safe to share)."""
        if not isinstance(state, str):
            raise TypeError("state must be a str")
        with self._mutex:
            self._states[conversation_id] = state

    def delete(self, conversation_id: str) -> bool:
        """Forget the conversation; True when it existed."""
        with self._mutex:
            return self._states.pop(conversation_id, None) is not None

    def conversation_ids(self) -> Iterator[str]:
        """Ids of every stored conversation (a snapshot)."""
        with self._mutex:
            return iter(sorted(self._states))

    def ping(self) -> bool:
        """Always True: memory always answers."""
        return True

    def close(self) -> None:
        """Nothing to release."""

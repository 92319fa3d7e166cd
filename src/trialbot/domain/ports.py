"""Small interfaces the core depends on; adapters implement them and bootstrap.py wires them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Reply


class TrialCatalog(Protocol):
    """The registered trials (read side)."""

    def list_trials(self) -> list[Trial]:
        """Every registered trial, ordered by id."""
        ...

    def get_trial(self, trial_id: str) -> Trial | None:
        """One trial by id (case-insensitive), or None."""
        ...


class QuestionAnswerer(Protocol):
    """Answers a lay question from the trial documents only."""

    def answer(self, question: str, trial_ids: Sequence[str]) -> Reply:
        """A reply of kind `answer` (with citations) or `no_answer`."""
        ...


class ConversationStore(Protocol):
    """Keeps each conversation's state as an opaque JSON text."""

    def locked(self, conversation_id: str) -> AbstractContextManager[None]:
        """Hold this conversation's lock (across threads and processes) inside the block."""
        ...

    def load(self, conversation_id: str) -> str | None:
        """The stored state, or None for a new conversation."""
        ...

    def save(self, conversation_id: str, state: str) -> None:
        """Store the state durably (committed when this returns)."""
        ...

    def delete(self, conversation_id: str) -> bool:
        """Erase the conversation; True when something was erased."""
        ...

    def conversation_ids(self) -> Iterator[str]:
        """Ids of every stored conversation."""
        ...

    def ping(self) -> bool:
        """True when the store answers."""
        ...

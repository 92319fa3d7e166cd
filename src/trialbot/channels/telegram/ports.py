"""The two things the Telegram channel needs from the rest of trialbot, as small Protocols."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from trialbot.domain.turn import Incoming, Turn


class ConversationHandler(Protocol):
    """The conversation core (`trialbot.service.ConversationService` implements it)."""

    def handle(self, incoming: Incoming) -> Turn:
        """Answer one incoming message (synchronous, thread-safe)."""
        ...


class UpdateInbox(Protocol):
    """A durable record of Telegram updates: stored before acknowledgement, done after handling.

    `trialbot.storage.inbox.open_inbox(url)` returns one; payloads are the update's JSON text.
    """

    def accept(self, update_id: int, payload: str) -> bool:
        """Store a new update durably; False when this update id was seen before."""
        ...

    def pending(self) -> Iterable[tuple[int, str]]:
        """Updates accepted but not yet marked done, oldest first."""
        ...

    def mark_done(self, update_id: int) -> None:
        """Record that an update has been handled."""
        ...

    def prune(self, keep: int) -> int:
        """Forget old handled updates, keeping the newest `keep` ids for duplicate detection."""
        ...

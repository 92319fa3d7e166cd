"""The two things the Telegram channel needs from the rest of trialbot, as small Protocols."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from trialbot.domain.turn import Incoming, Turn


class ConversationHandler(Protocol):
    """The conversation core (`trialbot.service.ConversationService` implements it)."""

    def handle(self, incoming: Incoming) -> Turn:
        """Answer one incoming message (synchronous, thread-safe)."""
        ...


class UpdateInbox(Protocol):
    """A durable record of Telegram updates: stored before acknowledgement, done after handling."""

    def accept(self, update_id: int, payload: dict[str, Any]) -> bool:
        """Store a new update durably; False when this update id was seen before."""
        ...

    def pending(self) -> Iterable[Any]:
        """Updates accepted but not yet marked done, oldest first."""
        ...

    def mark_done(self, update_id: int) -> None:
        """Record that an update has been handled."""
        ...

    def prune(self, keep: int) -> Any:
        """Forget old handled updates, keeping the newest `keep` ids for duplicate detection."""
        ...

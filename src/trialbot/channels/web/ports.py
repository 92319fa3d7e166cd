"""What the web chat needs from the core: a small, read-only view of `bootstrap.Core`."""

from __future__ import annotations

from typing import Protocol

from trialbot.domain.ports import TrialCatalog
from trialbot.domain.turn import ConversationView, Incoming, Turn
from trialbot.settings import Settings


class ChatService(Protocol):
    """The conversation service as the web chat uses it."""

    def handle(self, incoming: Incoming) -> Turn:
        """Answer one incoming message (sync, thread-safe)."""
        ...

    def view(self, conversation_id: str) -> ConversationView | None:
        """The conversation so far, or None when unknown."""
        ...

    def forget(self, conversation_id: str) -> bool:
        """Erase a conversation; True when something was erased."""
        ...


class Pingable(Protocol):
    """A store that can say whether it answers."""

    def ping(self) -> bool:
        """True when the store answers."""
        ...


class WebCore(Protocol):
    """The pieces of `trialbot.bootstrap.Core` the web chat reads."""

    @property
    def settings(self) -> Settings:
        """The settings (the staff token is read from here)."""
        ...

    @property
    def catalog(self) -> TrialCatalog:
        """The registered trials."""
        ...

    @property
    def store(self) -> Pingable:
        """The conversation store."""
        ...

    @property
    def service(self) -> ChatService:
        """The conversation service."""
        ...

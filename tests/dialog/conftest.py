"""Fixtures for the dialog tests: the seeds, fakes around the dialog, a service to talk to."""

from __future__ import annotations

from pathlib import Path

import pytest
from dialog_fakes import TODAY, FakeAnswerer, ListCatalog, MemoryStore, Say, SeedRules, seed_trials

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService


@pytest.fixture(scope="session")
def seeds(seeds_dir: Path) -> list[Trial]:
    """Both seed trials, read once."""
    return seed_trials(seeds_dir)


@pytest.fixture
def service(seeds: list[Trial]) -> ConversationService:
    """A service over the seeds with hand-written criteria, a memory store and a fake answerer."""
    return ConversationService(
        ListCatalog(seeds), MemoryStore(), FakeAnswerer(), today=lambda: TODAY, rules=SeedRules()
    )


@pytest.fixture
def say(service: ConversationService) -> Say:
    """Send one message (text, or button=...) into conversation "t" (or conversation=...)."""

    def send(
        text: str | None = None,
        *,
        button: str | None = None,
        conversation: str = "t",
        trials: list[str] | None = None,
    ) -> Turn:
        incoming = Incoming(conversation_id=conversation, text=text, button=button, trials=trials)
        return service.handle(incoming)

    return send

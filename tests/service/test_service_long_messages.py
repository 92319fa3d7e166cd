"""A typed message over the length the service reads (4000 characters) is not read and never
an error: the Turn says so kindly, asks the pending question again, and nothing known changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from dialog_fakes import (
    DRAGONFLY,
    TODAY,
    FakeAnswerer,
    ListCatalog,
    MemoryStore,
    SeedRules,
    seed_trials,
)

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import MAX_TEXT, ConversationService

STORY = "My son was diagnosed in March, he had chemo and an operation, and he is 12 now. "


@pytest.fixture
def service(seeds_dir: Path) -> ConversationService:
    """The service over the seeds (hand-written criteria, memory store, fake answerer)."""
    trials: list[Trial] = seed_trials(seeds_dir)
    return ConversationService(
        ListCatalog(trials), MemoryStore(), FakeAnswerer(), today=lambda: TODAY, rules=SeedRules()
    )


def _send(service: ConversationService, text: str, cid: str = "long") -> Turn:
    return service.handle(Incoming(conversation_id=cid, text=text, trials=[DRAGONFLY]))


def _asks(turn: Turn) -> str | None:
    questions = [r for r in turn.replies if r.kind == "question"]
    return questions[-1].asks if questions else None


@pytest.mark.parametrize("size", [MAX_TEXT + 1, 4096, 20_000])
def test_a_message_too_long_gets_a_notice_and_the_question_again(
    service: ConversationService, size: int
) -> None:
    """Mid-walk, a pasted story of `size` characters: a notice (not an error, not a cut reading),
    the same question again, and the facts known before are all kept."""
    _send(service, "/start")
    _send(service, "can I join this study?")
    asked = _send(service, "20")
    pending = _asks(asked)
    assert pending is not None and pending != "age_years"
    long_text = (STORY * (size // len(STORY) + 1))[:size]
    turn = _send(service, long_text)
    notices = [r.text for r in turn.replies if r.kind == "notice"]
    assert any("too long" in text and "shorter parts" in text for text in notices)
    assert "went wrong" not in " ".join(notices)
    assert _asks(turn) == pending
    view = service.view("long")
    assert view is not None and view.facts == {"age_years": 20}  # the "12" in it was not read
    assert len(view.messages[-2].text) <= 201  # the transcript keeps only its start
    assert pending == "sex"
    going_on = _send(service, "female")  # the conversation goes on where it was
    assert _asks(going_on) != "sex"
    assert service.view("long").facts["sex"] == "female"  # type: ignore[union-attr]


def test_a_message_of_exactly_the_limit_is_read(service: ConversationService) -> None:
    """4000 characters are still read as a message."""
    _send(service, "/start")
    _send(service, "can I join this study?")
    turn = _send(service, "20" + " " * (MAX_TEXT - 2))
    assert not any("too long" in r.text for r in turn.replies)
    view = service.view("long")
    assert view is not None and view.facts.get("age_years") == 20


def test_a_first_message_too_long_is_greeted_and_told(service: ConversationService) -> None:
    """The first message of a conversation too long: greeting, the notice, then the walk."""
    turn = _send(service, STORY * 80, cid="first")
    text = " ".join(r.text for r in turn.replies)
    assert "trialbot" in text and "too long" in text
    assert _asks(turn) == "age_years"

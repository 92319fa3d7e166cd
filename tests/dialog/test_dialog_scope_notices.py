"""What a conversation opened on chosen trials says first: their name, and a closed trial's
status once per turn."""

from __future__ import annotations

from pathlib import Path

from dialog_fakes import APATINIB, TODAY, FakeAnswerer, ListCatalog, MemoryStore, SeedRules

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService
from trialbot.sources.readers import read_document

CLOSED = "NCT05773092"  # osimertinib + S-1, active, not recruiting


def _service(seeds: list[Trial], full_corpus_dir: Path) -> ConversationService:
    closed = read_document(full_corpus_dir / f"{CLOSED}.json")
    catalog = ListCatalog([*seeds, *closed])
    return ConversationService(
        catalog, MemoryStore(), FakeAnswerer(), today=lambda: TODAY, rules=SeedRules()
    )


def _send(service: ConversationService, text: str, trials: list[str]) -> Turn:
    return service.handle(Incoming(conversation_id="n", text=text, trials=trials))


def test_closed_notice_is_said_once_when_the_first_message_names_the_drug(
    seeds: list[Trial], full_corpus_dir: Path
) -> None:
    """A first message naming the closed trial's drug gets its "not taking new people" once."""
    service = _service(seeds, full_corpus_dir)
    turn = _send(service, "My husband is 58 and he has been on osimertinib for 2 years", [CLOSED])
    notices = [r for r in turn.replies if "not taking new people" in r.text]
    assert len(notices) == 1


def test_start_on_a_chosen_trial_names_it(seeds: list[Trial], full_corpus_dir: Path) -> None:
    """`/start` on one chosen trial (`chat --trial`) names that trial, not "one study or all"."""
    service = _service(seeds, full_corpus_dir)
    turn = _send(service, "/start", [APATINIB])
    text = "\n".join(r.text for r in turn.replies)
    assert APATINIB in text and "Apatinib Combined With Liposomal Irinotecan" in text
    assert "let me check all of them" not in text

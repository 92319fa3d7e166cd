"""Many conversations at once and bursts in one: nothing lost, nothing crossed, order kept."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from dialog_fakes import TODAY, FakeAnswerer, ListCatalog, MemoryStore, SeedRules, seed_trials

from trialbot.domain.ports import ConversationStore
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming
from trialbot.service import ConversationService

CONVERSATIONS = 200
BURST = 60


@pytest.fixture(scope="module")
def trials(seeds_dir: Path) -> list[Trial]:
    """The two seeds."""
    return seed_trials(seeds_dir)


def _memory(tmp_path: Path) -> ConversationStore:
    return MemoryStore()


def _sqlite(tmp_path: Path) -> ConversationStore:
    from trialbot.storage import open_store

    return open_store(f"sqlite:///{tmp_path / 'conversations.sqlite3'}")


STORES: dict[str, Callable[[Path], ConversationStore]] = {"memory": _memory, "sqlite": _sqlite}


@pytest.fixture(params=sorted(STORES))
def service(
    request: pytest.FixtureRequest, tmp_path: Path, trials: list[Trial]
) -> ConversationService:
    """A service over the in-memory fake store and over the real SQLite store."""
    store = STORES[request.param](tmp_path)
    return ConversationService(
        ListCatalog(trials), store, FakeAnswerer(), today=lambda: TODAY, rules=SeedRules()
    )


def _conversation(service: ConversationService, number: int) -> tuple[int, dict[str, object]]:
    cid = f"c{number}"
    age = 5 + number % 60
    for text in ("/start", str(age), "yes"):  # "yes": a read-back of an excluding age
        service.handle(Incoming(conversation_id=cid, text=text, message_id=f"{cid}-{text}"))
    view = service.view(cid)
    assert view is not None
    return number, dict(view.facts)


def test_hundreds_of_conversations_at_once(service: ConversationService) -> None:
    """Each of 200 parallel conversations keeps exactly its own facts."""
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda n: _conversation(service, n), range(CONVERSATIONS)))
    for number, facts in results:
        assert facts["age_years"] == 5 + number % 60, f"conversation c{number} crossed"
    assert len(set(service.store.conversation_ids())) == CONVERSATIONS


def test_bursts_in_one_conversation_lose_nothing_and_keep_order(
    service: ConversationService,
) -> None:
    """Four senders burst into one conversation: every message recorded, each sender in order."""
    senders = 4
    barrier = threading.Barrier(senders)

    def burst(sender: int) -> None:
        barrier.wait()
        for i in range(BURST // senders):
            text = f"s{sender}-m{i}?"
            service.handle(Incoming(conversation_id="busy", text=text, message_id=text))

    threads = [threading.Thread(target=burst, args=(s,)) for s in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    view = service.view("busy")
    assert view is not None
    said = [m.text for m in view.messages if m.role == "user"]
    assert len(said) == BURST and len(set(said)) == BURST
    for sender in range(senders):
        mine = [t for t in said if t.startswith(f"s{sender}-")]
        assert mine == [f"s{sender}-m{i}?" for i in range(BURST // senders)]


def test_real_engine_shared_by_threads(tmp_path: Path, trials: list[Trial]) -> None:
    """The real engine's caches, shared by 16 threads over SQLite, never cross conversations."""
    from trialbot.dialog.rules import CachedEligibility

    service = ConversationService(
        ListCatalog(trials), _sqlite(tmp_path), FakeAnswerer(), today=lambda: TODAY,
        rules=CachedEligibility(),
    )  # fmt: skip
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda n: _conversation(service, n), range(100)))
    for number, facts in results:
        assert facts["age_years"] == 5 + number % 60
        view = service.view(f"c{number}")
        assert view is not None
        expected = "ineligible" if not 5 <= facts["age_years"] <= 30 else "undetermined"  # type: ignore[operator]
        assert view.verdicts["2026-525223-24-00"] == expected

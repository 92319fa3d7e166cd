"""ConversationService contract: dedupe, commit before reply, never raises, view, forget, scope."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from dialog_fakes import (
    APATINIB,
    DRAGONFLY,
    TODAY,
    FakeAnswerer,
    ListCatalog,
    MemoryStore,
    SeedRules,
    seed_trials,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService


@pytest.fixture(scope="module")
def trials(seeds_dir: Path) -> list[Trial]:
    """The two seeds."""
    return seed_trials(seeds_dir)


def _service(
    trials: list[Trial], store: object | None = None, rules: object | None = None
) -> ConversationService:
    return ConversationService(
        ListCatalog(trials),
        store or MemoryStore(),  # type: ignore[arg-type]
        FakeAnswerer(),
        today=lambda: TODAY,
        rules=rules or SeedRules(),  # type: ignore[arg-type]
    )


def _send(service: ConversationService, text: str, cid: str = "c", mid: str | None = None) -> Turn:
    return service.handle(Incoming(conversation_id=cid, text=text, message_id=mid))


def test_duplicate_message_id_is_ignored(trials: list[Trial]) -> None:
    """A repeated message id changes nothing: the latest gets its replies again, older get none."""
    store = MemoryStore()
    service = _service(trials, store)
    first = _send(service, "/start", mid="1")
    _send(service, "40", mid="2")
    saves = store.saves
    again = _send(service, "40", mid="2")
    assert again.replies and "is that right" in again.replies[0].text.lower()
    older = _send(service, "/start", mid="1")
    assert older.replies == [] and store.saves == saves
    assert first.replies


def test_state_is_committed_before_the_turn_returns(trials: list[Trial]) -> None:
    """When handle returns, the store already holds the new pending question and facts."""
    store = MemoryStore()
    service = _service(trials, store)
    _send(service, "/start")
    _send(service, "22")
    state = json.loads(store.data["c"])
    assert state["facts"]["age_years"] == 22 and state["pending"]


class _BrokenRules(SeedRules):
    def assess(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
        raise RuntimeError("checker exploded")


def test_errors_become_a_notice_and_are_logged_without_text(
    trials: list[Trial], caplog: pytest.LogCaptureFixture
) -> None:
    """A failing checker gives a notice, not an exception; the log names the error type only."""
    service = _service(trials, rules=_BrokenRules())
    with caplog.at_level(logging.ERROR):
        turn = _send(service, "my secret diagnosis is 42")
    assert [r.kind for r in turn.replies] == ["notice"]
    assert "RuntimeError" in caplog.text and "secret" not in caplog.text


class _FailingStore(MemoryStore):
    def save(self, conversation_id: str, state: str) -> None:
        raise OSError("disk full")


def test_a_failing_store_never_raises(trials: list[Trial]) -> None:
    """Store errors become a notice too."""
    turn = _send(_service(trials, _FailingStore()), "/start")
    assert turn.replies[0].kind == "notice"


def test_corrupt_state_starts_over(trials: list[Trial]) -> None:
    """Unreadable stored JSON does not crash the conversation."""
    store = MemoryStore()
    store.data["c"] = "{not json"
    assert _send(_service(trials, store), "/start").replies


def test_view_and_forget(trials: list[Trial]) -> None:
    """view() shows messages, facts, verdicts and reasons; forget() erases it all."""
    service = _service(trials)
    _send(service, "/start")
    _send(service, "40")
    _send(service, "yes")  # the read-back of a typed answer that excludes
    view = service.view("c")
    assert view is not None
    assert view.facts == {"age_years": 40}
    assert view.verdicts[DRAGONFLY] == "ineligible"
    assert view.messages[0].role == "user" and view.messages[0].text == "/start"
    reasons = view.reasons[DRAGONFLY]
    assert any(r["status"] == "not_met" and "30" in str(r["reason"]) for r in reasons)
    assert service.forget("c") is True
    assert service.view("c") is None and service.forget("c") is False


def test_forget_command_erases_the_store(trials: list[Trial]) -> None:
    """/forget deletes the stored conversation and does not write it back."""
    store = MemoryStore()
    service = _service(trials, store)
    _send(service, "/start")
    turn = _send(service, "/forget")
    assert "erased" in turn.replies[0].text and "c" not in store.data


def test_incoming_trials_set_the_scope(trials: list[Trial]) -> None:
    """`trials` on the message scopes the walk; verdicts list exactly those trials."""
    service = _service(trials)
    turn = service.handle(Incoming(conversation_id="s", text="/start", trials=[APATINIB]))
    assert set(turn.verdicts) == {APATINIB}
    service.handle(Incoming(conversation_id="s", text="70", trials=[APATINIB]))
    later = service.handle(Incoming(conversation_id="s", text="yes", trials=[APATINIB]))
    assert later.verdicts == {APATINIB: "ineligible"}


def test_button_and_empty_messages(trials: list[Trial]) -> None:
    """A button press answers; an empty message is a gentle notice, not an error."""
    service = _service(trials)
    _send(service, "/start")
    assert service.handle(Incoming(conversation_id="c", button="unknown")).replies
    assert service.handle(Incoming(conversation_id="c")).replies


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(st.text(), min_size=1, max_size=4), button=st.one_of(st.none(), st.text()))
def test_no_text_makes_handle_raise(
    trials: list[Trial], texts: list[str], button: str | None
) -> None:
    """Any text in any script, and any button value, gives a Turn with verdicts, never an error."""
    service = _service(trials)
    for text in ["/start", *texts]:
        turn = service.handle(Incoming(conversation_id="h", text=text))
        assert isinstance(turn, Turn) and turn.verdicts
    turn = service.handle(Incoming(conversation_id="h", button=button, text=texts[0]))
    assert turn.verdicts


def test_warm_up_reads_every_trial(trials: list[Trial]) -> None:
    """warm_up() reports the registered trials and works with any rules object."""
    assert _service(trials).warm_up() == len(trials)

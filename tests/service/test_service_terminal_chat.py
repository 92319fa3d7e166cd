"""`trialbot chat`: numbered buttons, typed numbers press them, same core as the channels."""

from __future__ import annotations

import io
from pathlib import Path

from dialog_fakes import (
    DRAGONFLY,
    TODAY,
    FakeAnswerer,
    ListCatalog,
    MemoryStore,
    SeedRules,
    seed_trials,
)

from trialbot.cli import build_parser
from trialbot.cli.chat import chat_loop, to_incoming
from trialbot.domain.turn import Button
from trialbot.service import ConversationService


def test_a_number_presses_the_button() -> None:
    """ "2" sends the second button's value; other text goes as text."""
    buttons = [Button(label="Yes", value="yes"), Button(label="Not sure", value="unknown")]
    assert to_incoming("2", buttons, "c").button == "unknown"
    assert to_incoming("35", buttons, "c").text == "35"


def test_chat_loop_runs_a_conversation(seeds_dir: Path) -> None:
    """A scripted stdin walks DRAGONFLY to a summary; buttons are printed with numbers."""
    store = MemoryStore()
    service = ConversationService(
        ListCatalog(seed_trials(seeds_dir)), store, FakeAnswerer(), today=lambda: TODAY,
        rules=SeedRules(),
    )  # fmt: skip
    out = io.StringIO()
    lines = io.StringIO("\n35\nyes\n/quit\nnever read\n")  # "yes" to the read-back of 35
    assert chat_loop(service, "term", [DRAGONFLY], lines, out) == 0
    printed = out.getvalue()
    assert "1) Not sure" in printed and "30" in printed
    view = service.view("term")
    assert view is not None and view.facts == {"age_years": 35}


def test_chat_command_is_registered() -> None:
    """`trialbot chat --trial ID` parses to the chat handler."""
    args = build_parser().parse_args(["chat", "--trial", DRAGONFLY])
    assert args.trial == [DRAGONFLY] and callable(args.handler)

"""`trialbot chat [--trial ID]`: the guided dialog in a terminal, through the same core."""

from __future__ import annotations

import argparse
import sys
import uuid
from typing import Any, TextIO

from trialbot.domain.turn import Button, Incoming, Turn

EXIT_WORDS = {"/quit", "/exit", "quit", "exit"}


def register(subparsers: Any) -> None:
    """Add `trialbot chat`."""
    parser = subparsers.add_parser("chat", help="chat with trialbot in the terminal")
    parser.add_argument("--trial", action="append", metavar="ID", help="check only this trial")
    parser.add_argument("--conversation", metavar="ID", help="continue a stored conversation")
    parser.set_defaults(handler=run)


def render(turn: Turn, out: TextIO) -> list[Button]:
    """Print a turn's replies; buttons are numbered. Returns the buttons, in that order."""
    buttons: list[Button] = []
    for reply in turn.replies:
        out.write(f"\n{reply.text}\n")
        for citation in reply.citations:
            out.write(f"  [{citation.trial_id} · {citation.section}] “{citation.text}”\n")
        for button in reply.buttons:
            buttons.append(button)
            out.write(f"  {len(buttons)}) {button.label}\n")
    out.flush()
    return buttons


def to_incoming(line: str, buttons: list[Button], conversation_id: str) -> Incoming:
    """A typed line as a message; a button's number presses that button."""
    text = line.strip()
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return Incoming(
            conversation_id=conversation_id, button=buttons[int(text) - 1].value, channel="terminal"
        )
    return Incoming(conversation_id=conversation_id, text=text, channel="terminal")


def chat_loop(
    service: Any, conversation_id: str, trials: list[str] | None, lines: TextIO, out: TextIO
) -> int:
    """Greet, then read lines until end of input or /quit."""
    first = Incoming(
        conversation_id=conversation_id, text="/start", trials=trials, channel="terminal"
    )
    buttons = render(service.handle(first), out)
    out.write("> ")
    out.flush()
    for line in lines:
        if line.strip().lower() in EXIT_WORDS:
            break
        if line.strip():
            buttons = render(service.handle(to_incoming(line, buttons, conversation_id)), out)
        out.write("> ")
        out.flush()
    return 0


def run(args: argparse.Namespace) -> int:
    """Run the terminal chat."""
    from trialbot.bootstrap import build_core

    try:
        core = build_core()
    except Exception as error:
        print(f"trialbot chat: cannot start ({type(error).__name__}: {error})", file=sys.stderr)
        print("Register trials first, e.g. `trialbot ingest PATH`.", file=sys.stderr)
        return 1
    conversation_id = args.conversation or f"terminal:{uuid.uuid4().hex[:12]}"
    print(f"(conversation {conversation_id}; type a number to press a button, /quit to leave)")
    return chat_loop(core.service, conversation_id, args.trial, sys.stdin, sys.stdout)

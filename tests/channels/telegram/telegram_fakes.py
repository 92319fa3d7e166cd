"""Fakes shared by the Telegram channel tests: a scripted core and a bounded wait."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from trialbot.domain.turn import Button, Incoming, Reply, Turn


class ScriptedService:
    """A fake conversation core: records every Incoming and answers with a scripted Turn."""

    def __init__(self) -> None:
        self.received: list[Incoming] = []
        self.turns: list[Turn] = []
        self.gate: threading.Event | None = None  # when set, handle waits for it
        self._mutex = threading.Lock()

    def handle(self, incoming: Incoming) -> Turn:
        """Record the message and return the next scripted turn (or a default question)."""
        if self.gate is not None:
            self.gate.wait(10)
        with self._mutex:
            self.received.append(incoming)
            if self.turns:
                return self.turns.pop(0)
        return question_turn(incoming.conversation_id)


def question_turn(conversation_id: str, text: str = "How old are you?") -> Turn:
    """A turn asking one question with two buttons."""
    reply = Reply(
        kind="question",
        text=text,
        asks="age_years",
        buttons=[Button(label="Not sure", value="unknown"), Button(label="Skip", value="skip")],
    )
    return Turn(conversation_id=conversation_id, replies=[reply])


async def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait (bounded) until `condition()` holds, checking every 10 ms."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.01)

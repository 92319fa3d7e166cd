"""Fixtures for the Telegram channel tests: a stand-in Bot API, a scripted core, settings."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from telegram_stand_in_api import TOKEN, StandInBotAPI

from trialbot.domain.turn import Button, Incoming, Reply, Turn
from trialbot.settings import Settings
from trialbot.storage.inbox import MemoryUpdateInbox


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


@pytest.fixture
async def bot_api() -> AsyncIterator[StandInBotAPI]:
    """A stand-in Bot API server on loopback."""
    api = StandInBotAPI()
    await api.start()
    yield api
    await api.close()


@pytest.fixture
def service() -> ScriptedService:
    """The scripted core."""
    return ScriptedService()


@pytest.fixture
def inbox() -> MemoryUpdateInbox:
    """An in-memory update inbox."""
    return MemoryUpdateInbox()


@pytest.fixture
def tg_settings(bot_api: StandInBotAPI, tmp_path: Path) -> Settings:
    """Settings pointing the bot at the stand-in server."""
    return Settings(
        TRIALBOT_INDEX_DIR=tmp_path / "index",
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE=bot_api.base_url,
        TELEGRAM_WEBHOOK_SECRET="s3cret-Token_1",
        TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram/webhook",
    )


@pytest.fixture
async def polling(
    service: ScriptedService, tg_settings: Settings, inbox: MemoryUpdateInbox
) -> AsyncIterator[Callable[[], Awaitable[None]]]:
    """Starts `run_polling` against the stand-in server; stopped at the end of the test."""
    from trialbot.channels.telegram import run_polling

    tasks: list[asyncio.Task[None]] = []

    async def start() -> None:
        tasks.append(
            asyncio.create_task(run_polling(service, tg_settings, inbox=inbox, poll_timeout=1))
        )

    yield start
    for task in tasks:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

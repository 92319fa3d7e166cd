"""Fixtures for the Telegram channel tests: a stand-in Bot API, a scripted core, settings."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from telegram_fakes import ScriptedService
from telegram_stand_in_api import TOKEN, StandInBotAPI

from trialbot.settings import Settings
from trialbot.storage.inbox import MemoryUpdateInbox


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

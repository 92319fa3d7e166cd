"""The Telegram bot assembled: `run_polling` and `run_webhook` (what the CLI and `serve` call)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from aiogram import Bot, Dispatcher
from aiohttp import web

from trialbot.channels.telegram.bot import (
    ALLOWED_UPDATES,
    build_bot,
    check_token,
    check_webhook,
    set_command_menu,
    until_reachable,
)
from trialbot.channels.telegram.buttons import CallbackCodec
from trialbot.channels.telegram.conversation import Conversation
from trialbot.channels.telegram.handlers import build_router
from trialbot.channels.telegram.polling import poll_updates
from trialbot.channels.telegram.ports import ConversationHandler, UpdateInbox
from trialbot.channels.telegram.runner import UpdateRunner
from trialbot.channels.telegram.texts import TelegramTexts, load_texts
from trialbot.channels.telegram.webhook import build_webhook_app
from trialbot.settings import Settings

if TYPE_CHECKING:
    from trialbot.bootstrap import Core

log = logging.getLogger(__name__)
SHUTDOWN_GRACE = 10.0  # seconds to let replies in flight finish when stopping


@dataclass
class TelegramChannel:
    """The bot, its dispatcher and the update runner, wired to one conversation core."""

    bot: Bot
    dispatcher: Dispatcher
    runner: UpdateRunner
    texts: TelegramTexts

    async def close(self) -> None:
        """Let updates in flight finish (bounded), then close the HTTP session."""
        if not await self.runner.drain(SHUTDOWN_GRACE):
            log.warning("stopping with updates still in flight; they are replayed at next start")
            await self.runner.cancel()
        await self.bot.session.close()


def resolve_service(core_or_service: Core | ConversationHandler) -> ConversationHandler:
    """The conversation service, given either a bootstrap Core or the service itself."""
    service: Any = getattr(core_or_service, "service", core_or_service)
    return cast(ConversationHandler, service)


def build_channel(
    core_or_service: Core | ConversationHandler,
    settings: Settings,
    inbox: UpdateInbox,
    bot: Bot | None = None,
) -> TelegramChannel:
    """Wire the router, dispatcher and runner (raises TelegramConfigError without a token)."""
    check_token(settings)
    texts = load_texts(settings.prompts_dir)
    conversation = Conversation(resolve_service(core_or_service), texts, CallbackCodec())
    dispatcher = Dispatcher()
    dispatcher.include_router(build_router(conversation))
    bot = bot or build_bot(settings)
    return TelegramChannel(bot, dispatcher, UpdateRunner(dispatcher, bot, inbox), texts)


async def run_polling(
    core_or_service: Core | ConversationHandler,
    settings: Settings,
    *,
    inbox: UpdateInbox | None = None,
    poll_timeout: int = 30,
) -> None:
    """Run the bot with long polling until cancelled; TelegramConfigError without a token."""
    with _inbox_for(settings, inbox) as store:
        channel = build_channel(core_or_service, settings, store)
        try:
            bot = channel.bot
            await until_reachable(
                lambda: bot.delete_webhook(drop_pending_updates=False), "deleteWebhook"
            )
            await set_command_menu(channel.bot, channel.texts)
            await channel.runner.replay_pending()
            log.info("Telegram bot polling for updates")
            await poll_updates(channel.bot, channel.runner, timeout=poll_timeout)
        finally:
            await channel.close()


async def run_webhook(
    core_or_service: Core | ConversationHandler,
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 8081,
    inbox: UpdateInbox | None = None,
    started: asyncio.Event | None = None,
) -> None:
    """Serve `POST /telegram/webhook` and register it with Telegram; runs until cancelled."""
    url, secret = check_webhook(settings)
    with _inbox_for(settings, inbox) as store:
        channel = build_channel(core_or_service, settings, store)
        server = web.AppRunner(build_webhook_app(channel.runner, secret), access_log=None)
        try:
            await channel.runner.replay_pending()
            await server.setup()
            await web.TCPSite(server, host, port).start()
            await set_command_menu(channel.bot, channel.texts)
            bot = channel.bot
            await until_reachable(
                lambda: bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES),
                "setWebhook",
            )
            log.info("Telegram webhook listening on %s:%d", host, port)
            if started is not None:
                started.set()
            await asyncio.Event().wait()
        finally:
            await server.cleanup()
            await channel.close()


@contextlib.contextmanager
def _inbox_for(settings: Settings, inbox: UpdateInbox | None) -> Iterator[UpdateInbox]:
    """The given inbox, or the durable one at the database URL (closed afterwards)."""
    if inbox is not None:
        yield inbox
        return
    from trialbot.storage.inbox import open_inbox

    opened: Any = open_inbox(settings.resolved_database_url)
    try:
        yield opened
    finally:
        close = getattr(opened, "close", None)
        if callable(close):
            close()

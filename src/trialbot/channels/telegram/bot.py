"""Building the aiogram Bot from settings, and the start-up calls both modes share."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import TypeVar

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramNetworkError, TelegramServerError
from aiogram.types import BotCommand
from aiogram.utils.token import TokenValidationError, validate_token

from trialbot.channels.telegram.retry import RetryAfterMiddleware
from trialbot.channels.telegram.texts import COMMANDS, TelegramTexts
from trialbot.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
_SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class TelegramConfigError(ValueError):
    """The settings do not allow the bot to start; the message says what to set."""


def check_token(settings: Settings) -> str:
    """The bot token, or a clear error when it is missing or malformed."""
    token = (settings.telegram_bot_token or "").strip()
    if not token:
        raise TelegramConfigError(
            "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather, then put its token in "
            "the environment or in .env (TELEGRAM_BOT_TOKEN=123456:ABC...)."
        )
    try:
        validate_token(token)
    except TokenValidationError as error:
        raise TelegramConfigError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token (expected 123456:ABC...)."
        ) from error
    return token


def check_webhook(settings: Settings) -> tuple[str, str]:
    """The webhook URL and secret, or a clear error when either is missing or invalid."""
    secret = (settings.telegram_webhook_secret or "").strip()
    url = (settings.telegram_webhook_url or "").strip()
    if not secret:
        raise TelegramConfigError(
            "Webhook mode needs TELEGRAM_WEBHOOK_SECRET (1-256 characters: letters, digits, _ "
            "and -); every webhook call is checked against it. Without a webhook, run "
            "`trialbot telegram` (long polling)."
        )
    if not _SECRET_PATTERN.fullmatch(secret):
        raise TelegramConfigError(
            "TELEGRAM_WEBHOOK_SECRET may only use letters, digits, _ and - (1-256 characters)."
        )
    if not url.startswith("https://") and not url.startswith("http://"):
        raise TelegramConfigError(
            "Webhook mode needs TELEGRAM_WEBHOOK_URL, the public https address Telegram calls, "
            "ending in /telegram/webhook (e.g. https://bot.example.org/telegram/webhook)."
        )
    return url, secret


def build_bot(settings: Settings) -> Bot:
    """A Bot using TELEGRAM_API_BASE when set, HTML parse mode, and 429 handling."""
    token = check_token(settings)
    if settings.telegram_api_base:
        api = TelegramAPIServer.from_base(settings.telegram_api_base)
        session = AiohttpSession(api=api)
    else:
        session = AiohttpSession()
    session.middleware(RetryAfterMiddleware())
    defaults = DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True)
    return Bot(token, session=session, default=defaults)


async def set_command_menu(bot: Bot, texts: TelegramTexts) -> None:
    """Publish the command menu (/start /help /trials /restart /forget)."""
    commands = [BotCommand(command=name, description=texts.commands[name]) for name in COMMANDS]
    await until_reachable(lambda: bot.set_my_commands(commands), "setMyCommands")


async def until_reachable(
    call: Callable[[], Awaitable[T]], what: str, max_delay: float = 30.0
) -> T:
    """Run a start-up call, retrying with backoff while Telegram cannot be reached."""
    delay = 0.5
    while True:
        try:
            return await call()
        except (TelegramNetworkError, TelegramServerError, OSError, TimeoutError) as error:
            log.warning("%s failed (%s); retrying in %.1f s", what, type(error).__name__, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, max_delay)

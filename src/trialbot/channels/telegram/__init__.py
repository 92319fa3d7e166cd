"""The Telegram channel (aiogram 3): polling or webhook, a thin adapter over the core."""

from trialbot.channels.telegram.app import (
    TelegramChannel,
    build_channel,
    resolve_service,
    run_polling,
    run_webhook,
)
from trialbot.channels.telegram.bot import TelegramConfigError, check_token, check_webhook
from trialbot.channels.telegram.ports import ConversationHandler, UpdateInbox

__all__ = [
    "ConversationHandler",
    "TelegramChannel",
    "TelegramConfigError",
    "UpdateInbox",
    "build_channel",
    "check_token",
    "check_webhook",
    "resolve_service",
    "run_polling",
    "run_webhook",
]

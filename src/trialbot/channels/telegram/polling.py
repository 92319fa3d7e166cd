"""Long polling: each update is stored in the inbox before the next getUpdates confirms it."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramUnauthorizedError

from trialbot.channels.telegram.bot import ALLOWED_UPDATES
from trialbot.channels.telegram.runner import UpdateRunner

log = logging.getLogger(__name__)
MAX_BACKOFF = 30.0


async def poll_updates(bot: Bot, runner: UpdateRunner, timeout: int = 30) -> None:
    """Fetch updates forever (until cancelled), backing off while Telegram is unreachable."""
    offset: int | None = None
    delay = 0.5
    while True:
        try:
            updates = await bot.get_updates(
                offset=offset,
                timeout=timeout,
                allowed_updates=ALLOWED_UPDATES,
                request_timeout=timeout + 15,
            )
        except TelegramUnauthorizedError:
            raise
        except (TimeoutError, TelegramAPIError, OSError) as error:
            log.warning("getUpdates failed (%s); retrying in %.1f s", type(error).__name__, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF)
            continue
        delay = 0.5
        for update in updates:
            # Telegram sends JSON; this gives the same JSON back to store and replay
            payload = update.model_dump(mode="json", by_alias=True, exclude_none=True)
            try:
                await runner.submit(payload)
            except Exception as error:  # inbox unavailable: not confirmed, fetched again
                log.error("could not store update %d: %s", update.update_id, type(error).__name__)
                await asyncio.sleep(delay)
                break
            offset = update.update_id + 1

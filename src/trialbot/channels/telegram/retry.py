"""Waits out Telegram's flood control (HTTP 429, `retry_after`) and sends the request again."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

log = logging.getLogger(__name__)


class RetryAfterMiddleware(BaseRequestMiddleware):
    """On 429 wait the `retry_after` seconds Telegram asks for, then retry (a bounded number)."""

    def __init__(
        self,
        max_retries: int = 5,
        max_wait: float = 120.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.max_retries = max_retries
        self.max_wait = max_wait
        self._sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        """Send the request, waiting and retrying while Telegram answers 429."""
        retries = 0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if retries >= self.max_retries or error.retry_after > self.max_wait:
                    raise
                retries += 1
                log.warning(
                    "Telegram flood control on %s: waiting %s s (retry %d)",
                    type(method).__name__,
                    error.retry_after,
                    retries,
                )
                await self._sleep(error.retry_after)

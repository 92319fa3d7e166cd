"""One exchange with the core: typing indicator, `service.handle` in a thread, replies sent."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback

from aiogram import Bot
from aiogram.enums import ChatAction
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardMarkup

from trialbot.channels.telegram.buttons import CallbackCodec
from trialbot.channels.telegram.ports import ConversationHandler
from trialbot.channels.telegram.render import escape, render_turn
from trialbot.channels.telegram.texts import TelegramTexts
from trialbot.domain.turn import Incoming, Turn

log = logging.getLogger(__name__)
TYPING_EVERY = 4.5  # seconds; Telegram shows "typing" for about 5 s per action


class Conversation:
    """Sends an Incoming to the core and the resulting Turn back to the chat."""

    def __init__(
        self, service: ConversationHandler, texts: TelegramTexts, codec: CallbackCodec
    ) -> None:
        self.service = service
        self.texts = texts
        self.codec = codec

    async def exchange(self, bot: Bot, chat_id: int, incoming: Incoming) -> None:
        """Show typing, ask the core (in a worker thread), send every reply in order."""
        work = asyncio.create_task(asyncio.to_thread(self.service.handle, incoming))
        try:
            await self._typing_until(bot, chat_id, work)
            turn = await work
        except Exception as error:  # the core failed: tell the person, keep the bot running
            _log_failure("handling a message", error)
            await self.say(bot, chat_id, self.texts.error)
            return
        await self.send_turn(bot, chat_id, turn)

    async def send_turn(self, bot: Bot, chat_id: int, turn: Turn) -> None:
        """Send the messages of a turn (nothing for an empty turn, e.g. a duplicate)."""
        for message in render_turn(turn, self.texts, self.codec):
            await bot.send_message(chat_id, message.html, reply_markup=message.keyboard)

    async def say(
        self, bot: Bot, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None = None
    ) -> None:
        """Send one channel text (escaped) to a chat."""
        await bot.send_message(chat_id, escape(text), reply_markup=keyboard)

    async def _typing_until(self, bot: Bot, chat_id: int, work: asyncio.Future[Turn]) -> None:
        """Keep the typing indicator on while the core works (best effort)."""
        while not work.done():
            with contextlib.suppress(TelegramAPIError):
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.wait([work], timeout=TYPING_EVERY)


def _log_failure(what: str, error: BaseException) -> None:
    """Log where a failure happened without its message (it could quote what a patient wrote)."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    log.error("failed %s: %s\n%s", what, type(error).__name__, frames)

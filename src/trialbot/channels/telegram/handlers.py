"""The router: thin handlers turning Telegram messages and button presses into `Incoming`.

Choices: edited messages are not used as answers (an edit of an old answer would be read as the
answer to whatever is asked now); the person gets a note asking to send the change as a new
message, which the core reads as a correction. Photos, stickers, voice, files and other non-text
messages get a friendly "please type your answer" and never reach the core. The bot talks only in
private chats; in groups it answers commands with a note to write privately.
"""

from __future__ import annotations

import contextlib

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, InaccessibleMessage, Message

from trialbot.channels.telegram.buttons import label_for
from trialbot.channels.telegram.conversation import Conversation
from trialbot.domain.turn import Incoming

CHANNEL = "telegram"


def conversation_id(chat_id: int) -> str:
    """The core's conversation id for a Telegram chat."""
    return f"tg:{chat_id}"


def normalize_command(text: str) -> str:
    """Drop the `@botname` Telegram appends to commands in menus ("/help@trialbot" → "/help")."""
    if not text.startswith("/"):
        return text
    head, _, rest = text.partition(" ")
    command = head.split("@", 1)[0]
    return f"{command} {rest}".strip() if rest else command


def build_router(conversation: Conversation) -> Router:
    """One router with every handler of the channel."""
    router = Router(name="trialbot-telegram")
    private = F.chat.type == ChatType.PRIVATE

    @router.message(private, F.text)
    async def on_text(message: Message, bot: Bot) -> None:
        """A typed message or command: pass it to the core."""
        chat_id = message.chat.id
        incoming = Incoming(
            conversation_id=conversation_id(chat_id),
            text=normalize_command(message.text or ""),
            message_id=f"{chat_id}:{message.message_id}",
            channel=CHANNEL,
        )
        await conversation.exchange(bot, chat_id, incoming)

    @router.message(private)
    async def on_other_content(message: Message, bot: Bot) -> None:
        """A photo, sticker, voice note, file, location...: ask for typed text."""
        await conversation.say(bot, message.chat.id, conversation.texts.non_text)

    @router.edited_message(private, F.text)
    async def on_edit(message: Message, bot: Bot) -> None:
        """An edited message: not used as an answer; explain how to correct instead."""
        await conversation.say(bot, message.chat.id, conversation.texts.edited)

    @router.message(F.text.startswith("/"))
    async def on_group_command(message: Message, bot: Bot) -> None:
        """A command in a group: health questions belong in a private chat."""
        await conversation.say(bot, message.chat.id, conversation.texts.private_only)

    @router.callback_query()
    async def on_button(query: CallbackQuery, bot: Bot) -> None:
        """A button press: acknowledge it, retire the old keyboard, pass the value to the core."""
        with contextlib.suppress(TelegramAPIError):  # e.g. "query is too old": still handle it
            await query.answer()
        await _handle_press(conversation, query, bot)

    return router


async def _handle_press(conversation: Conversation, query: CallbackQuery, bot: Bot) -> None:
    """Turn a pressed button into an Incoming (or a note when its value is unknown)."""
    message = query.message
    chat_id = message.chat.id if message is not None else query.from_user.id
    if message is not None and message.chat.type != ChatType.PRIVATE:
        return
    data = query.data or ""
    value = conversation.codec.decode(data)
    label = None
    if value is None and isinstance(message, Message):
        label = label_for(message.reply_markup, data)
    if value is None and label is None:
        await conversation.say(bot, chat_id, conversation.texts.button_expired)
        return
    if message is not None:
        await _retire_keyboard(bot, chat_id, message)
    incoming = Incoming(
        conversation_id=conversation_id(chat_id),
        button=value,
        text=None if value is not None else label,
        message_id=f"cb:{query.id}",
        channel=CHANNEL,
    )
    await conversation.exchange(bot, chat_id, incoming)


async def _retire_keyboard(bot: Bot, chat_id: int, message: Message | InaccessibleMessage) -> None:
    """Remove the buttons from the message that was answered (best effort)."""
    if isinstance(message, InaccessibleMessage):
        return
    with contextlib.suppress(TelegramAPIError):
        await bot.edit_message_reply_markup(
            chat_id=chat_id, message_id=message.message_id, reply_markup=None
        )

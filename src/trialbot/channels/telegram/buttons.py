"""Button values as callback data (at most 64 bytes), and the inline keyboard layout."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from trialbot.domain.turn import Button

CALLBACK_LIMIT = 64  # bytes, Telegram's limit on callback_data
TOKEN_PREFIX = "~"
_ROW_CHARS = 30  # labels per row, roughly what fits on a phone
_ROW_BUTTONS = 3


class CallbackCodec:
    """Maps button values to callback data; long values become short tokens remembered here."""

    def __init__(self, capacity: int = 20_000) -> None:
        self._capacity = capacity
        self._values: OrderedDict[str, str] = OrderedDict()

    def encode(self, value: str) -> str:
        """Callback data for a button value (the value itself when it fits)."""
        if len(value.encode("utf-8")) <= CALLBACK_LIMIT and not value.startswith(TOKEN_PREFIX):
            return value
        token = TOKEN_PREFIX + hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]
        self._values[token] = value
        self._values.move_to_end(token)
        while len(self._values) > self._capacity:
            self._values.popitem(last=False)
        return token

    def decode(self, data: str) -> str | None:
        """The button value for callback data, or None for a token this process does not know."""
        if not data.startswith(TOKEN_PREFIX):
            return data
        return self._values.get(data)


def build_keyboard(buttons: list[Button], codec: CallbackCodec) -> InlineKeyboardMarkup | None:
    """An inline keyboard with short labels side by side and long ones on their own row."""
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    width = 0
    for button in buttons:
        size = len(button.label.strip() or button.value)
        if row and (width + size > _ROW_CHARS or len(row) >= _ROW_BUTTONS):
            rows.append(row)
            row, width = [], 0
        label = button.label.strip() or button.value
        row.append(InlineKeyboardButton(text=label, callback_data=codec.encode(button.value)))
        width += size
    rows.append(row)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def label_for(markup: InlineKeyboardMarkup | None, data: str) -> str | None:
    """The label of the button carrying `data` in a keyboard, if it is there."""
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == data:
                return button.text
    return None

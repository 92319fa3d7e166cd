"""A stand-in Telegram Bot API server on loopback that records every call (for the tests)."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

BOT_ID = 4242
TOKEN = f"{BOT_ID}:TEST-token_abcdefghijklmnopqrstuvwxyz"
JSON_FIELDS = {"reply_markup", "commands", "allowed_updates", "scope", "entities"}


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


class StandInBotAPI:
    """Serves the Bot API methods trialbot uses; queue updates with `push`, inspect `calls`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.failures: dict[str, list[dict[str, Any]]] = {}
        self._arrived = asyncio.Event()
        self._message_ids = itertools.count(1000)
        self._update_ids = itertools.count(1)
        self.server: TestServer | None = None
        self.base_url = ""

    async def start(self) -> str:
        """Start on 127.0.0.1 (free port); returns the base URL for TELEGRAM_API_BASE."""
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._dispatch)
        self.server = TestServer(app, host="127.0.0.1")
        await self.server.start_server()
        self.base_url = str(self.server.make_url("")).rstrip("/")
        return self.base_url

    async def close(self) -> None:
        """Stop the server."""
        if self.server is not None:
            await self.server.close()

    # -- feeding updates -------------------------------------------------------------------
    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates (an update_id is added when missing)."""
        update.setdefault("update_id", next(self._update_ids))
        self.updates.append(update)
        self._arrived.set()
        return update

    def fail_next(self, method: str, error_code: int, description: str, **parameters: Any) -> None:
        """Make the next call of `method` fail with this Bot API error."""
        body: dict[str, Any] = {"ok": False, "error_code": error_code, "description": description}
        if parameters:
            body["parameters"] = parameters
        self.failures.setdefault(method, []).append(body)

    # -- inspecting calls ------------------------------------------------------------------
    def called(self, method: str) -> list[Call]:
        """Every call of one method, in order."""
        return [call for call in self.calls if call.method == method]

    def sent_texts(self) -> list[str]:
        """The texts of every sendMessage call, in order."""
        return [call.params["text"] for call in self.called("sendMessage")]

    # -- the server ------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != TOKEN:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        params = _decode(dict(await request.post()))
        if method != "getUpdates":
            self.calls.append(Call(method, params))
        queued = self.failures.get(method)
        if queued:
            body = queued.pop(0)
            return web.json_response(body, status=body["error_code"])
        handler = getattr(self, f"_{method}", None)
        if handler is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        return web.json_response({"ok": True, "result": await handler(params)})

    async def _getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "Trialbot", "username": "trial_bot"}

    async def _getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0) or 0)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if not self.updates:
            self._arrived.clear()
            timeout = min(float(params.get("timeout", 0) or 0), 5.0)
            try:
                await asyncio.wait_for(self._arrived.wait(), timeout)
            except TimeoutError:
                return []
        return list(self.updates[:100])

    async def _sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "text": params["text"],
        }
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _ok(self, params: dict[str, Any]) -> bool:
        return True

    _sendChatAction = _ok
    _answerCallbackQuery = _ok
    _setMyCommands = _ok
    _setWebhook = _ok
    _deleteWebhook = _ok
    _editMessageReplyMarkup = _ok


def _decode(form: dict[str, Any]) -> dict[str, Any]:
    """Form fields as sent by aiogram, with its JSON-encoded fields decoded."""
    return {key: json.loads(value) if key in JSON_FIELDS else value for key, value in form.items()}


# -- updates as Telegram sends them ------------------------------------------------------
def user(chat_id: int) -> dict[str, Any]:
    """A Telegram user whose private chat id equals their user id."""
    return {"id": chat_id, "is_bot": False, "first_name": "Pat", "language_code": "en"}


def message(chat_id: int, message_id: int, text: str | None = None, **extra: Any) -> dict[str, Any]:
    """A private-chat message (text, or other content passed as keyword arguments)."""
    body: dict[str, Any] = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
        "from": user(chat_id),
        **extra,
    }
    if text is not None:
        body["text"] = text
    return body


def text_update(chat_id: int, message_id: int, text: str, **extra: Any) -> dict[str, Any]:
    """An update carrying a typed message."""
    return {"message": message(chat_id, message_id, text), **extra}


def button_update(
    chat_id: int, data: str, query_id: str, markup: dict[str, Any] | None = None
) -> dict[str, Any]:
    """An update carrying a button press on a bot message."""
    bot_message = message(chat_id, 999, "Question?")
    bot_message["from"] = {"id": BOT_ID, "is_bot": True, "first_name": "Trialbot"}
    if markup is not None:
        bot_message["reply_markup"] = markup
    query = {
        "id": query_id,
        "from": user(chat_id),
        "chat_instance": "ci-1",
        "message": bot_message,
        "data": data,
    }
    return {"callback_query": query}

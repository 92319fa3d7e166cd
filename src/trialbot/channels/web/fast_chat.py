"""`POST /api/chat` as plain ASGI: the hot path, answered before Starlette's middleware stack.

The py-spy profile of the web path under 100 concurrent conversations put most of the event loop's
CPU in Starlette/FastAPI's per-request layers (exception, telemetry and body-limit middleware,
routing, the AsyncExitStack, the response wrappers) around a handler that already checked the
token and validated the body itself. `ChatFastPath` answers exactly `POST /api/chat` with the same
contract (interfaces.md, the OpenAPI document of the FastAPI route, which stays for the
documentation and as the answer under a mounted root path): 413 for a body over the limit, 401
without the staff token, 400 for a body that is not UTF-8, 422 as the app's validation handler
words it, 500 without user text, and the security headers on every answer.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson
from fastapi import HTTPException
from fastapi.exceptions import RequestValidationError

from trialbot.channels.web.auth import StaffAuth
from trialbot.channels.web.chat_turns import INTERNAL_ERROR, ChatTurns, parse_chat_body
from trialbot.channels.web.errors import validation_body
from trialbot.channels.web.middleware import SECURITY_HEADERS, read_limited_body
from trialbot.channels.web.turn_threads import TurnThreads

logger = logging.getLogger(__name__)
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Answer = tuple[int, bytes, list[tuple[bytes, bytes]]]

CHAT_PATH = "/api/chat"
_JSON = (b"content-type", b"application/json")


class ChatFastPath:
    """Answers `POST /api/chat` requests (see `handles`) as plain ASGI."""

    def __init__(self, turns: ChatTurns, auth: StaffAuth, max_body: int, pool: TurnThreads) -> None:
        self.turns = turns
        self.auth = auth
        self.max_body = max_body
        self.pool = pool

    @staticmethod
    def handles(scope: Scope) -> bool:
        """True for `POST /api/chat` at the server's root (everything else goes to FastAPI)."""
        return (
            scope["type"] == "http"
            and scope.get("method") == "POST"
            and scope.get("path") == CHAT_PATH
            and not scope.get("root_path")
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one chat request; an unexpected failure is a plain 500 logged by type only."""
        try:
            status, body, headers = await self._answer(scope, receive)
        except Exception as exc:
            logger.error("web POST %s failed: %s", CHAT_PATH, type(exc).__name__)
            status, body, headers = _detail(500, INTERNAL_ERROR)
        await _respond(send, status, body, headers)

    async def _answer(self, scope: Scope, receive: Receive) -> Answer:
        """(status, JSON body, extra headers) of one chat request: size, token, body, turn."""
        headers = scope["headers"]
        declared = _header(headers, b"content-length")
        if declared.isdigit() and int(declared) > self.max_body:
            return _detail(413, "request body too large")
        raw = await read_limited_body(receive, self.max_body)
        if raw is None:
            return _detail(413, "request body too large")
        if not self.auth.headers_allowed(
            _header(headers, b"authorization"), _header(headers, b"cookie")
        ):
            status, body, _ = _detail(401, self.auth.REFUSAL)
            return status, body, [(b"www-authenticate", b"Bearer")]
        try:
            request = parse_chat_body(raw, _header(headers, b"content-type"))
            turn = await self.pool.run(self.turns.answer, request)
        except RequestValidationError as exc:
            return 422, orjson.dumps(validation_body(exc.errors())), []
        except HTTPException as exc:
            status, body, _ = _detail(exc.status_code, str(exc.detail))
            extra = [(k.lower().encode(), v.encode()) for k, v in (exc.headers or {}).items()]
            return status, body, extra
        return 200, turn, []


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str:
    """The first value of a (lower-case) header as text; '' when absent."""
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return ""


def _detail(status: int, detail: str) -> Answer:
    return status, orjson.dumps({"detail": detail}), []


async def _respond(send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]]) -> None:
    headers = [
        (b"content-length", str(len(body)).encode()),
        _JSON,
        *extra,
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

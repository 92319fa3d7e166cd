"""One chat turn of the web API: the request body read, the turn run, the Turn serialized.

Shared by the FastAPI route (`api.build_chat_router`) and the plain ASGI hot path
(`fast_chat.ChatFastPath`), so both answer `POST /api/chat` alike.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import TypeVar

from fastapi import HTTPException, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from trialbot.channels.web.ports import WebCore
from trialbot.channels.web.schemas import ChatRequest
from trialbot.domain.turn import Incoming

logger = logging.getLogger(__name__)
T = TypeVar("T")
CHAT_THREADS = 40  # turns run here: they wait on the disk (the commit) and on conversation locks
INTERNAL_ERROR = "internal error while answering; please try again"


class ChatTurns:
    """Runs validated chat requests against the core's service (thread-safe, blocking)."""

    def __init__(self, core: WebCore) -> None:
        self.core = core

    def answer(self, body: ChatRequest) -> bytes:
        """The Turn's JSON for one request; HTTPException 422 for an unknown trial id, 500 when
        the service fails (logged by type only)."""
        incoming = Incoming(
            conversation_id=body.conversation_id,
            text=body.text,
            button=body.button,
            message_id=None if body.message_id is None else str(body.message_id),
            trials=resolve_trial_ids(self.core, body.trials),
            channel="web",
        )
        turn = guarded(lambda: self.core.service.handle(incoming))
        return turn.model_dump_json().encode()


def parse_chat_body(raw: bytes, content_type: str) -> ChatRequest:
    """The chat request in a body: 400 when it is not UTF-8, 422 (as FastAPI gives) otherwise."""
    if content_type.split(";", 1)[0].strip().lower() not in ("application/json", ""):
        raise RequestValidationError(
            [{"type": "model_attributes_type", "loc": ("body",), "msg": "send a JSON body"}]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "the body is not UTF-8 text") from None
    try:
        data = json.loads(text)  # keeps a lone surrogate escape, which the schema then cleans
    except ValueError:
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body",), "msg": "JSON decode error"}]
        ) from None
    try:
        return ChatRequest.model_validate(data)
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e.get("loc", ()))} for e in error.errors(include_input=False)]
        ) from None


def resolve_trial_ids(core: WebCore, requested: list[str] | None) -> list[str] | None:
    """Map requested ids onto registered ones (case-insensitive); 422 naming any unknown id."""
    if requested is None:
        return None
    resolved: list[str] = []
    unknown: list[str] = []
    for trial_id in requested:
        trial = core.catalog.get_trial(trial_id)
        if trial is None:
            unknown.append(trial_id)
        else:
            resolved.append(trial.id)
    if unknown:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"unknown trial id(s): {', '.join(unknown)}; see GET /api/trials",
        )
    return list(dict.fromkeys(resolved))


def guarded(call: Callable[[], T]) -> T:
    """Run a service call; a failure is a plain 500, logged by type only (no health data)."""
    try:
        return call()
    except HTTPException:
        raise
    except Exception as exc:
        logger.error("web api: service call failed: %s", type(exc).__name__)
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, INTERNAL_ERROR) from None

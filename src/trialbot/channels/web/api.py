"""The JSON API of the staff web chat (`/api/...`, see interfaces.md)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from trialbot.channels.web.auth import StaffAuth
from trialbot.channels.web.ports import WebCore
from trialbot.channels.web.schemas import ChatRequest, Erased, ErrorBody, TrialSummary
from trialbot.domain.turn import ConversationView, Incoming, Turn

logger = logging.getLogger(__name__)
T = TypeVar("T")
_AUTH_RESPONSES: dict[int | str, dict[str, object]] = {401: {"model": ErrorBody}}
CHAT_THREADS = 40  # turns run here: they wait on the disk (the commit) and on conversation locks
_CHAT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChatRequest"}}},
    },
    "security": [{"staffToken": []}],
}


def build_api_router(core: WebCore, auth: StaffAuth) -> APIRouter:
    """Routes over the core's service and catalog; plain `def` so they run in the threadpool."""
    router = APIRouter(
        prefix="/api", dependencies=[Depends(auth.require)], responses=_AUTH_RESPONSES
    )

    @router.get("/trials", response_model=list[TrialSummary])
    def trials() -> list[TrialSummary]:
        """The registered trials, for pickers."""
        return [
            TrialSummary(id=trial.id, title=trial.title, status=trial.status)
            for trial in core.catalog.list_trials()
        ]

    @router.get(
        "/conversations/{conversation_id:path}",
        response_model=ConversationView,
        responses={404: {"model": ErrorBody, "description": "no such conversation or empty id"}},
    )
    def conversation(conversation_id: str) -> ConversationView:
        """The conversation so far: messages, facts, verdicts with per-criterion reasons."""
        view = _guarded(lambda: core.service.view(conversation_id))
        if view is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such conversation")
        return view

    @router.delete(
        "/conversations/{conversation_id:path}",
        response_model=Erased,
        responses={404: {"model": ErrorBody, "description": "empty conversation id"}},
    )
    def erase(conversation_id: str) -> Erased:
        """Erase the conversation and its facts (idempotent: `erased` is false when unknown)."""
        erased = _guarded(lambda: core.service.forget(conversation_id))
        return Erased(conversation_id=conversation_id, erased=bool(erased))

    return router


def build_chat_router(core: WebCore, auth: StaffAuth) -> APIRouter:
    """`POST /api/chat`, the hot path, kept lean: the staff check and the body's validation
    (pydantic, straight from bytes) run inline instead of through FastAPI's dependency solving,
    the turn runs in a thread pool (it waits for its commit), and the Turn is serialized once."""
    router = APIRouter(prefix="/api", responses=_AUTH_RESPONSES)
    pool = ThreadPoolExecutor(CHAT_THREADS, thread_name_prefix="chat")

    @router.post(
        "/chat",
        response_model=Turn,
        responses={
            400: {"model": ErrorBody, "description": "the body is not UTF-8 text"},
            422: {"model": ErrorBody, "description": "the body is not a valid chat request"},
        },
        openapi_extra=_CHAT_BODY,
    )
    async def chat(request: Request) -> Response:
        """Send a text or a button value; returns the bot's turn with verdicts."""
        await auth.require(request)
        body = parse_chat_body(await request.body(), request.headers.get("content-type", ""))
        turn = await asyncio.get_running_loop().run_in_executor(pool, _chat_turn, core, body)
        return Response(turn.model_dump_json(), media_type="application/json")

    return router


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


def _chat_turn(core: WebCore, body: ChatRequest) -> Turn:
    """One turn of the service for a validated chat request (runs in the chat thread pool)."""
    incoming = Incoming(
        conversation_id=body.conversation_id,
        text=body.text,
        button=body.button,
        message_id=None if body.message_id is None else str(body.message_id),
        trials=resolve_trial_ids(core, body.trials),
        channel="web",
    )
    return _guarded(lambda: core.service.handle(incoming))


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


def _guarded(call: Callable[[], T]) -> T:
    """Run a service call; a failure is a plain 500, logged by type only (no health data)."""
    try:
        return call()
    except HTTPException:
        raise
    except Exception as exc:
        logger.error("web api: service call failed: %s", type(exc).__name__)
        raise HTTPException(
            status.HTTP_500_INTERNAL_SERVER_ERROR,
            "internal error while answering; please try again",
        ) from None

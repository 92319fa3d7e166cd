"""The JSON API of the staff web chat (`/api/...`, see interfaces.md)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status

from trialbot.channels.web.auth import StaffAuth
from trialbot.channels.web.chat_turns import ChatTurns, guarded, parse_chat_body
from trialbot.channels.web.ports import WebCore
from trialbot.channels.web.schemas import Erased, ErrorBody, TrialSummary
from trialbot.channels.web.turn_threads import TurnThreads
from trialbot.domain.turn import ConversationView, Turn

_AUTH_RESPONSES: dict[int | str, dict[str, object]] = {401: {"model": ErrorBody}}
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
        view = guarded(lambda: core.service.view(conversation_id))
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
        erased = guarded(lambda: core.service.forget(conversation_id))
        return Erased(conversation_id=conversation_id, erased=bool(erased))

    return router


def build_chat_router(turns: ChatTurns, auth: StaffAuth, pool: TurnThreads) -> APIRouter:
    """`POST /api/chat` as a FastAPI route: the OpenAPI contract, and the answer when the app is
    mounted under a root path (at the root, `fast_chat.ChatFastPath` answers first, alike)."""
    router = APIRouter(prefix="/api", responses=_AUTH_RESPONSES)

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
        turn = await pool.run(turns.answer, body)
        return Response(turn, media_type="application/json")

    return router

"""The JSON API of the staff web chat (`/api/...`, see interfaces.md)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from fastapi import APIRouter, Depends, HTTPException, status

from trialbot.channels.web.auth import StaffAuth
from trialbot.channels.web.ports import WebCore
from trialbot.channels.web.schemas import ChatRequest, Erased, ErrorBody, TrialSummary
from trialbot.domain.turn import ConversationView, Incoming, Turn

logger = logging.getLogger(__name__)
T = TypeVar("T")
_AUTH_RESPONSES: dict[int | str, dict[str, object]] = {401: {"model": ErrorBody}}


def build_api_router(core: WebCore, auth: StaffAuth) -> APIRouter:
    """Routes over the core's service and catalog; plain `def` so they run in the threadpool."""
    router = APIRouter(
        prefix="/api", dependencies=[Depends(auth.require)], responses=_AUTH_RESPONSES
    )

    @router.post(
        "/chat",
        response_model=Turn,
        responses={
            400: {"model": ErrorBody, "description": "the body is not UTF-8 text"},
            422: {"model": ErrorBody, "description": "the body is not a valid chat request"},
        },
    )
    def chat(body: ChatRequest) -> Turn:
        """Send a text or a button value; returns the bot's turn with verdicts."""
        incoming = Incoming(
            conversation_id=body.conversation_id,
            text=body.text,
            button=body.button,
            message_id=None if body.message_id is None else str(body.message_id),
            trials=resolve_trial_ids(core, body.trials),
            channel="web",
        )
        return _guarded(lambda: core.service.handle(incoming))

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

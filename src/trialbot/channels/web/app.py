"""`create_app(core)`: the staff web chat and its JSON API as one FastAPI application."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from trialbot.channels.web.api import build_api_router, build_chat_router
from trialbot.channels.web.auth import StaffAuth
from trialbot.channels.web.chat_turns import CHAT_THREADS, INTERNAL_ERROR, ChatTurns
from trialbot.channels.web.criteria_api import build_criteria_router
from trialbot.channels.web.errors import validation_body
from trialbot.channels.web.fast_chat import ChatFastPath, Receive, Scope, Send
from trialbot.channels.web.middleware import AnswerOptions, GuardRequests
from trialbot.channels.web.page import build_page_router, static_files
from trialbot.channels.web.ports import WebCore
from trialbot.channels.web.schemas import ChatRequest, Health
from trialbot.channels.web.turn_threads import TurnThreads

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 64 * 1024


class WebChatApp(FastAPI):
    """FastAPI whose `POST /api/chat` is answered first by the plain ASGI hot path."""

    chat_path: ChatFastPath | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """`POST /api/chat` to `chat_path`; every other request (and lifespan) to FastAPI."""
        if self.chat_path is not None and self.chat_path.handles(scope):
            await self.chat_path(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(core: WebCore) -> FastAPI:
    """The web chat over `core` (a `trialbot.bootstrap.Core` or anything shaped like it)."""
    auth = StaffAuth(core.settings.staff_token)
    app = WebChatApp(
        title="trialbot staff web chat",
        version="1",
        description="Talk to trialbot as a patient would, and see why it answered as it did.",
    )
    app.state.core = core
    app.state.auth = auth
    turns = ChatTurns(core)
    pool = TurnThreads(CHAT_THREADS, "chat")
    app.chat_path = ChatFastPath(turns, auth, MAX_BODY_BYTES, pool)
    app.include_router(build_chat_router(turns, auth, pool))
    app.include_router(build_api_router(core, auth))
    app.include_router(build_page_router(auth))
    app.include_router(build_criteria_router(core, auth))
    app.mount("/static", static_files(), name="static")
    _add_health(app, core)
    _add_error_handlers(app)
    _document_chat_body(app)
    app.add_middleware(AnswerOptions, routes=lambda: app.routes)
    app.add_middleware(GuardRequests, max_body=MAX_BODY_BYTES)
    return app


def _document_chat_body(app: FastAPI) -> None:
    """Put the ChatRequest schema in the OpenAPI components (the chat route reads its body
    itself, so FastAPI would not list it)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas.setdefault(
            "ChatRequest",
            ChatRequest.model_json_schema(ref_template="#/components/schemas/{model}"),
        )
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _add_health(app: FastAPI, core: WebCore) -> None:
    """`GET /healthz`: 200 when the catalog and the store answer, 503 otherwise."""

    @app.get("/healthz", response_model=Health, responses={503: {"model": Health}}, tags=["health"])
    def healthz(response: Response) -> Health:
        """Whether the index (catalog) and the conversation store answer."""
        trials = _count_trials(core)
        store_ok = _ping_store(core)
        healthy = trials is not None and store_ok
        if not healthy:
            response.status_code = 503
        return Health(
            status="ok" if healthy else "unavailable",
            catalog=trials is not None,
            store=store_ok,
            trials=trials,
        )


def _count_trials(core: WebCore) -> int | None:
    try:
        return len(core.catalog.list_trials())
    except Exception as exc:  # a broken index must show up as 503, not crash the probe
        logger.warning("health: catalog failed: %s", type(exc).__name__)
        return None


def _ping_store(core: WebCore) -> bool:
    try:
        return bool(core.store.ping())
    except Exception as exc:
        logger.warning("health: store failed: %s", type(exc).__name__)
        return False


def _add_error_handlers(app: FastAPI) -> None:
    """Readable 422s and a plain 500 that never echoes (or logs) what the user wrote."""

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(validation_body(exc.errors()), status_code=422)

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> JSONResponse:
        route = request.scope.get("route")
        logger.error(
            "web %s %s failed: %s", request.method, getattr(route, "path", "?"), type(exc).__name__
        )
        return JSONResponse({"detail": INTERNAL_ERROR}, status_code=500)

"""`create_app(core)`: the staff web chat and its JSON API as one FastAPI application."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from trialbot.channels.web.api import build_api_router, build_chat_router
from trialbot.channels.web.auth import StaffAuth
from trialbot.channels.web.criteria_api import build_criteria_router
from trialbot.channels.web.middleware import AnswerOptions, GuardRequests
from trialbot.channels.web.page import build_page_router, static_files
from trialbot.channels.web.ports import WebCore
from trialbot.channels.web.schemas import ChatRequest, Health

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 64 * 1024


def create_app(core: WebCore) -> FastAPI:
    """The web chat over `core` (a `trialbot.bootstrap.Core` or anything shaped like it)."""
    auth = StaffAuth(core.settings.staff_token)
    app = FastAPI(
        title="trialbot staff web chat",
        version="1",
        description="Talk to trialbot as a patient would, and see why it answered as it did.",
    )
    app.state.core = core
    app.state.auth = auth
    app.include_router(build_chat_router(core, auth))
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
        errors = [_describe_error(error) for error in exc.errors()]
        detail = "; ".join(
            f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors
        )
        return JSONResponse({"detail": detail, "errors": errors}, status_code=422)

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> JSONResponse:
        route = request.scope.get("route")
        logger.error(
            "web %s %s failed: %s", request.method, getattr(route, "path", "?"), type(exc).__name__
        )
        return JSONResponse(
            {"detail": "internal error while answering; please try again"}, status_code=500
        )


def _describe_error(error: Any) -> dict[str, str]:
    """One validation error without the input value (which may be health data)."""
    location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if error.get("type") == "json_invalid":
        message = "the body is not valid JSON"
    return {"field": ".".join(location), "message": message, "type": str(error.get("type", ""))}

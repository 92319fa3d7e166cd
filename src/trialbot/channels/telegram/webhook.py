"""Webhook mode: `POST /telegram/webhook`, checked against the secret, stored before the 200."""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web

from trialbot.channels.telegram.runner import UpdateRunner

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024


def build_webhook_app(runner: UpdateRunner, secret: str) -> web.Application:
    """The aiohttp app serving the webhook (and `/healthz`)."""
    app = web.Application(client_max_size=MAX_BODY)
    expected = secret.encode("utf-8")

    async def receive(request: web.Request) -> web.Response:
        """Reject forged calls; store a new update, schedule it, then acknowledge."""
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return web.json_response({"ok": False, "error": "missing secret token"}, status=401)
        # undecodable header bytes arrive as surrogates: compare them as the bytes they were
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected):
            return web.json_response({"ok": False, "error": "wrong secret token"}, status=403)
        payload = await _read_update(request)
        if payload is None:
            return web.json_response({"ok": False, "error": "not a Telegram update"}, status=400)
        await runner.submit(
            payload
        )  # durable before we answer; a repeat is acknowledged, not rerun
        return web.json_response({"ok": True})

    async def healthz(request: web.Request) -> web.Response:
        """Liveness for container healthchecks."""
        return web.json_response({"ok": True})

    app.router.add_post(WEBHOOK_PATH, receive)
    app.router.add_get("/healthz", healthz)
    return app


async def _read_update(request: web.Request) -> dict[str, Any] | None:
    """The JSON body when it is an object with an integer update_id, else None."""
    try:
        payload = json.loads(await request.read())
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict):
        return None
    update_id = payload.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return None
    return payload

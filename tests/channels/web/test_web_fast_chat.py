"""`POST /api/chat`'s plain ASGI hot path answers exactly as the FastAPI route it stands in for."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_fakes import FakeCore, make_core

from trialbot.channels.web import create_app
from trialbot.channels.web.app import WebChatApp

TOKEN = "fast-path-staff-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
COMPARED_HEADERS = (
    "content-type",
    "www-authenticate",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
)
REQUESTS: dict[str, dict[str, Any]] = {
    "text": {"json": {"conversation_id": "web:a", "text": "hello"}, "headers": BEARER},
    "button": {"json": {"conversation_id": "web:b", "button": "yes"}, "headers": BEARER},
    "no token": {"json": {"conversation_id": "web:c", "text": "hi"}},
    "wrong token": {
        "json": {"conversation_id": "web:c", "text": "hi"},
        "headers": {"Authorization": "Bearer nope"},
    },
    "bad json": {
        "content": b"{not json",
        "headers": {**BEARER, "content-type": "application/json"},
    },
    "not utf-8": {
        "content": b'{"conversation_id": "\xff"}',
        "headers": {**BEARER, "content-type": "application/json"},
    },
    "form body": {
        "content": b"conversation_id=x",
        "headers": {**BEARER, "content-type": "application/x-www-form-urlencoded"},
    },
    "both fields": {
        "json": {"conversation_id": "web:d", "text": "a", "button": "b"},
        "headers": BEARER,
    },
    "blank id": {"json": {"conversation_id": "  ", "text": "a"}, "headers": BEARER},
    "unknown trial": {
        "json": {"conversation_id": "web:e", "text": "a", "trials": ["NCT00000000"]},
        "headers": BEARER,
    },
    "too large": {
        "json": {"conversation_id": "web:f", "text": "x" * 70_000},
        "headers": BEARER,
    },
}


def _clients(core: FakeCore) -> tuple[TestClient, TestClient]:
    """A client of the app as built, and one of the same app with the hot path switched off."""
    fast, routed = create_app(core), create_app(core)
    assert isinstance(routed, WebChatApp) and isinstance(fast, WebChatApp)
    assert fast.chat_path is not None
    routed.chat_path = None
    return (
        TestClient(fast, raise_server_exceptions=False),
        TestClient(routed, raise_server_exceptions=False),
    )


def _answer(client: TestClient, request: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
    response = client.post("/api/chat", **request)
    headers = {name: response.headers.get(name, "") for name in COMPARED_HEADERS}
    return response.status_code, response.json(), headers


@pytest.mark.parametrize("case", sorted(REQUESTS))
def test_fast_path_answers_as_the_fastapi_route(case: str) -> None:
    """Status, JSON body and headers are the same through the hot path and the FastAPI route."""
    fast, routed = _clients(make_core(TOKEN))
    assert _answer(fast, REQUESTS[case]) == _answer(routed, REQUESTS[case])


def test_fast_path_service_failure_is_the_same_plain_500() -> None:
    """A failing turn is the same 500 without user text through either path."""
    core = make_core(TOKEN)
    fast, routed = _clients(core)
    answers = []
    for client in (fast, routed):
        core.service.fail_next = True
        answers.append(_answer(client, REQUESTS["text"]))
    assert answers[0] == answers[1] and answers[0][0] == 500


def test_fast_path_leaves_other_methods_and_paths_to_fastapi() -> None:
    """GET /api/chat is still FastAPI's 405, OPTIONS lists POST, /api/chat/ is not the hot path."""
    fast, routed = _clients(make_core(TOKEN))
    assert fast.get("/api/chat", headers=BEARER).status_code == 405
    assert "POST" in fast.options("/api/chat").headers["allow"]
    assert isinstance(fast.app, FastAPI)
    slash = {"json": {"conversation_id": "web:g", "text": "hi"}, "headers": BEARER}
    assert (
        fast.post("/api/chat/", **slash).status_code
        == routed.post("/api/chat/", **slash).status_code
    )

"""Web chat hardening: no query value in access logs, OPTIONS, the OpenAPI contract, odd text."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient
from web_fakes import FakeCore, make_core

from trialbot.channels.web import create_app
from trialbot.channels.web.server import RedactTokens

TOKEN = "s3cret-staff-token-0123"


def _access_line(path: str) -> str:
    """What uvicorn's access logger prints for a GET of `path` after our filter ran."""
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5555", "GET", path, "1.1", 401),
        None,
    )
    RedactTokens().filter(record)
    return record.getMessage()


@pytest.mark.parametrize(
    "path",
    [
        f"/?%74oken={TOKEN}",
        f"/?tok%65n={TOKEN}",
        f"/api/trials?api_key={TOKEN}",
        f"/api/trials?Authorization=Bearer%20{TOKEN}",
        f"/api/trials?Authorization=Bearer+{TOKEN}&x=1",
        f"/?{TOKEN}",
        f"/?a=1;token={TOKEN}",
        f"/?x=1&&token={TOKEN}#frag",
    ],
)
def test_access_log_redacts_every_query_value(path: str) -> None:
    """No query value (however its key is spelled or encoded) reaches the access log."""
    line = _access_line(path)
    assert TOKEN not in line
    assert line.startswith('127.0.0.1:5555 - "GET /')
    assert "[redacted]" in line


def test_access_log_keeps_paths_without_query() -> None:
    """A path without a query string is logged as it is."""
    assert '"GET /api/trials HTTP/1.1" 401' in _access_line("/api/trials")


@pytest.fixture
def locked() -> TestClient:
    """A client of an app protected by a staff token."""
    return TestClient(create_app(make_core(TOKEN)), raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/api/conversations/web:1", {"GET", "DELETE", "OPTIONS"}),
        ("/api/chat", {"POST", "OPTIONS"}),
        ("/healthz", {"GET", "OPTIONS"}),
    ],
)
def test_options_lists_every_method_of_the_path(
    locked: TestClient, path: str, methods: set[str]
) -> None:
    """OPTIONS answers 204 with an Allow header naming every method the path serves."""
    response = locked.options(path)
    assert response.status_code == 204
    assert {m.strip() for m in response.headers["allow"].split(",")} == methods


def test_options_on_an_unknown_path_is_404(locked: TestClient) -> None:
    """OPTIONS of a path nothing serves is 404."""
    assert locked.options("/nowhere").status_code == 404


def test_openapi_declares_bearer_scheme_and_documented_errors(locked: TestClient) -> None:
    """The schema declares the bearer scheme on the API, 400 for undecodable bodies, 404 for
    conversation paths, and that a chat body carries exactly one of text or button."""
    spec = locked.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("type") == "http" and s.get("scheme") == "bearer" for s in schemes.values())
    chat = spec["paths"]["/api/chat"]["post"]
    assert chat["security"] and {"400", "401", "422"} <= set(chat["responses"])
    conversation = spec["paths"]["/api/conversations/{conversation_id}"]
    assert (
        "404" in conversation["get"]["responses"] and "404" in conversation["delete"]["responses"]
    )
    body = spec["components"]["schemas"]["ChatRequest"]
    assert {"required": ["text"]} in body["oneOf"] and {"required": ["button"]} in body["oneOf"]


def test_undecodable_body_is_400_as_documented(locked: TestClient) -> None:
    """A body that is not UTF-8 gets the documented 400."""
    response = locked.post(
        "/api/chat",
        content=b"\xff\xfe{",
        headers={"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize("field", ["text", "button"])
def test_lone_surrogate_is_cleaned_at_the_web_edge(field: str) -> None:
    """A lone UTF-16 surrogate in text or a button reaches the service as U+FFFD (not a 422)."""
    core: FakeCore = make_core()
    client = TestClient(create_app(core), raise_server_exceptions=False)
    raw = json.dumps({"conversation_id": "web:s", field: "40 @ years"}).replace("@", "\\ud83d")
    response = client.post(
        "/api/chat", content=raw.encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    sent = core.service.received[-1]
    assert getattr(sent, field) == "40 \ufffd years"

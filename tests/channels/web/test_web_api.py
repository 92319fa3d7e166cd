"""The JSON API of the staff web chat over a fake core: routes, validation, auth and health."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_fakes import TRIAL_A, TRIAL_B, FakeCore, make_core

from trialbot.channels.web import create_app


@pytest.fixture
def client(fake_core: FakeCore) -> TestClient:
    """A test client without a staff token."""
    return TestClient(create_app(fake_core), raise_server_exceptions=False)


def test_chat_text_returns_a_turn_and_marks_the_channel(
    client: TestClient, fake_core: FakeCore
) -> None:
    """POST /api/chat with text answers with a Turn; the service sees channel "web"."""
    response = client.post("/api/chat", json={"conversation_id": "web:1", "text": "hello"})
    assert response.status_code == 200
    turn = response.json()
    assert turn["conversation_id"] == "web:1"
    assert [r["kind"] for r in turn["replies"]] == ["notice", "question"]
    assert turn["replies"][1]["asks"] == "age_years"
    assert turn["verdicts"] == {TRIAL_B: "undetermined", TRIAL_A: "undetermined"}
    assert fake_core.service.received[0].channel == "web"


def test_chat_button_and_message_id_reach_the_service(
    client: TestClient, fake_core: FakeCore
) -> None:
    """A button value and a numeric message id are passed through (the id as a string)."""
    client.post("/api/chat", json={"conversation_id": "web:2", "text": "40"})
    response = client.post(
        "/api/chat", json={"conversation_id": "web:2", "button": "yes", "message_id": 7}
    )
    assert response.status_code == 200
    incoming = fake_core.service.received[-1]
    assert (incoming.button, incoming.text, incoming.message_id) == ("yes", None, "7")
    assert response.json()["replies"][0]["kind"] == "summary"


def test_chat_trials_set_the_scope_case_insensitively(
    client: TestClient, fake_core: FakeCore
) -> None:
    """`trials` ids are matched to registered ids regardless of case and deduplicated."""
    response = client.post(
        "/api/chat",
        json={"conversation_id": "web:3", "text": "hi", "trials": ["nct00000001", TRIAL_A]},
    )
    assert response.status_code == 200
    assert fake_core.service.received[-1].trials == [TRIAL_A]
    assert response.json()["verdicts"] == {TRIAL_A: "undetermined"}


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"conversation_id": "web:x"}, "exactly one of `text` or `button`"),
        ({"conversation_id": "web:x", "text": "a", "button": "b"}, "exactly one"),
        ({"text": "hello"}, "conversation_id"),
        ({"conversation_id": "", "text": "hello"}, "conversation_id"),
        ({"conversation_id": "web:x", "text": 5}, "text"),
        ({"conversation_id": "web:x", "text": "hi", "trials": "NCT1"}, "trials"),
        ({"conversation_id": "web:x", "text": "hi", "trials": []}, "at least one trial"),
        ({"conversation_id": "web:x", "text": "hi", "trials": ["NCT99999999"]}, "NCT99999999"),
        ({"conversation_id": "web:\x00", "text": "hi"}, "control characters"),
        ([1, 2], "dictionary"),
    ],
)
def test_bad_chat_bodies_get_clear_422s(
    client: TestClient, fake_core: FakeCore, body: object, fragment: str
) -> None:
    """Every malformed body is a 422 whose `detail` says what is wrong; no service call."""
    response = client.post("/api/chat", json=body)
    assert response.status_code == 422
    assert fragment.lower() in str(response.json()["detail"]).lower()
    assert fake_core.service.received == []


def test_blank_text_reaches_the_service(client: TestClient, fake_core: FakeCore) -> None:
    """Whitespace-only text is a message like any other: the dialog decides what to say."""
    response = client.post("/api/chat", json={"conversation_id": "web:b", "text": "   "})
    assert response.status_code == 200
    assert fake_core.service.received[-1].text == "   "


def test_invalid_json_and_wrong_content_are_422(client: TestClient) -> None:
    """Broken JSON and a non-JSON body are refused with 422, not a server error."""
    broken = client.post(
        "/api/chat",
        content=b'{"conversation_id": "web:x", ',
        headers={"content-type": "application/json"},
    )
    assert broken.status_code == 422
    assert "not valid JSON" in broken.json()["detail"]
    form = client.post("/api/chat", content=b"text=hi", headers={"content-type": "text/plain"})
    assert form.status_code == 422


def test_oversized_body_is_refused(client: TestClient) -> None:
    """A body beyond 64 KiB is refused with 413 before it is parsed."""
    response = client.post(
        "/api/chat", content=b"x" * 70_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def _chunks(total: int, size: int = 8192) -> Iterator[bytes]:
    while total > 0:
        yield b" " * min(size, total)
        total -= size


def test_oversized_streamed_body_is_refused(client: TestClient) -> None:
    """A chunked body without a length is cut off at 64 KiB with 413 too."""
    headers = {"content-type": "application/json"}
    response = client.post("/api/chat", content=_chunks(200_000), headers=headers)
    assert response.status_code == 413


def test_small_streamed_body_is_accepted(client: TestClient) -> None:
    """A chunked JSON body within the limit is read whole and answered."""
    body = json.dumps({"conversation_id": "web:c", "text": "hi"}).encode()
    response = client.post(
        "/api/chat",
        content=iter([body[:10], body[10:]]),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 200


def test_security_headers_on_every_answer(client: TestClient) -> None:
    """API answers and errors carry nosniff, no-referrer and frame denial."""
    for response in (client.get("/api/trials"), client.get("/api/conversations/none")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"


def test_service_failure_is_a_plain_500_without_user_text(
    client: TestClient, fake_core: FakeCore, caplog: pytest.LogCaptureFixture
) -> None:
    """A crash in the service answers 500; neither the answer nor the log repeats health data."""
    fake_core.service.fail_next = True
    response = client.post("/api/chat", json={"conversation_id": "web:f", "text": "I am 35"})
    assert response.status_code == 500
    assert "pregnant" not in response.text
    assert "pregnant" not in caplog.text and "RuntimeError" in caplog.text
    assert (
        client.post("/api/chat", json={"conversation_id": "web:f", "text": "hi"}).status_code == 200
    )


def test_trials_lists_id_title_status(client: TestClient) -> None:
    """GET /api/trials gives id, title and status of every registered trial."""
    response = client.get("/api/trials")
    assert response.status_code == 200
    assert response.json()[1] == {
        "id": TRIAL_A,
        "title": "Lung cancer pill study",
        "status": "RECRUITING",
    }


def test_conversation_view_and_404(client: TestClient) -> None:
    """GET /api/conversations/{id} shows messages, facts, verdicts, reasons; unknown: 404."""
    assert client.get("/api/conversations/web:none").status_code == 404
    client.post("/api/chat", json={"conversation_id": "web:v", "text": "hi"})
    client.post("/api/chat", json={"conversation_id": "web:v", "text": "35"})
    view = client.get("/api/conversations/web:v").json()
    assert view["facts"] == {"age_years": 35}
    assert view["verdicts"][TRIAL_B] == "ineligible"
    assert view["reasons"][TRIAL_B][0]["status"] == "not_met"
    assert [m["role"] for m in view["messages"]][:2] == ["user", "bot"]


def test_conversation_ids_with_slashes_work(client: TestClient) -> None:
    """Ids are taken whole from the path, even with a slash in them."""
    client.post("/api/chat", json={"conversation_id": "team/a:1", "text": "hi"})
    assert client.get("/api/conversations/team/a:1").json()["conversation_id"] == "team/a:1"


def test_delete_erases_and_is_idempotent(client: TestClient) -> None:
    """DELETE erases the conversation (then 404 on GET); a second DELETE reports erased=false."""
    client.post("/api/chat", json={"conversation_id": "web:d", "text": "hi"})
    first = client.delete("/api/conversations/web:d")
    assert first.status_code == 200 and first.json() == {"conversation_id": "web:d", "erased": True}
    assert client.get("/api/conversations/web:d").status_code == 404
    assert client.delete("/api/conversations/web:d").json()["erased"] is False


def test_healthz_ok_and_503(client: TestClient, fake_core: FakeCore) -> None:
    """/healthz is 200 when catalog and store answer, 503 when either does not."""
    ok = client.get("/healthz")
    assert ok.status_code == 200 and ok.json() == {
        "status": "ok",
        "catalog": True,
        "store": True,
        "trials": 2,
    }
    fake_core.store.alive = False
    assert client.get("/healthz").status_code == 503
    fake_core.store.alive = True
    fake_core.catalog.broken = True
    down = client.get("/healthz")
    assert down.status_code == 503 and down.json()["catalog"] is False


def test_openapi_documents_the_api(client: TestClient) -> None:
    """/openapi.json lists every API route."""
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/chat", "/api/trials", "/api/conversations/{conversation_id}", "/healthz"):
        assert path in paths


TOKEN = "s3cret-staff-token"


@pytest.fixture
def locked() -> TestClient:
    """A test client of an app with a staff token."""
    return TestClient(create_app(make_core(TOKEN)), raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/chat"),
        ("GET", "/api/trials"),
        ("GET", "/api/conversations/web:1"),
        ("DELETE", "/api/conversations/web:1"),
    ],
)
def test_api_needs_the_token_when_set(locked: TestClient, method: str, path: str) -> None:
    """Without or with a wrong token every API route is 401 with a Bearer challenge."""
    body = {"conversation_id": "web:1", "text": "hi"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        response = locked.request(method, path, json=body, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"


def test_api_accepts_the_bearer_token(locked: TestClient) -> None:
    """With the right Bearer token the API answers."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert locked.get("/api/trials", headers=headers).status_code == 200
    chat = locked.post(
        "/api/chat", json={"conversation_id": "web:1", "text": "hi"}, headers=headers
    )
    assert chat.status_code == 200


def test_healthz_stays_open_with_a_token(locked: TestClient) -> None:
    """Health checks need no token (they reveal nothing about conversations)."""
    assert locked.get("/healthz").status_code == 200

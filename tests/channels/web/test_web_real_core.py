"""The web API over the real core: bundled trials, a memory store, a stand-in question answerer."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from trialbot.bootstrap import Core, build_core
from trialbot.channels.web import create_app
from trialbot.domain.turn import Citation, Reply
from trialbot.settings import Settings
from trialbot.storage import open_store

REPO = Path(__file__).resolve().parents[3]
DRAGONFLY = "2026-525223-24-00"
APATINIB = "NCT07479732"
TOKEN = "real-core-staff-token"


class QuotingAnswerer:
    """Answers every question by quoting the first criterion of the first trial in scope."""

    def __init__(self, core_catalog: object) -> None:
        self.catalog = core_catalog
        self.questions: list[str] = []

    def answer(self, question: str, trial_ids: Sequence[str]) -> Reply:
        """An `answer` citing a real passage."""
        self.questions.append(question)
        trial = self.catalog.get_trial(trial_ids[0])  # type: ignore[attr-defined]
        passage = trial.criteria[0].text if trial and trial.criteria else trial.title
        citation = Citation(trial_id=trial.id, section="Eligibility", text=passage)
        return Reply(kind="answer", text="The trial says: " + passage, citations=[citation])


def _real_core(tmp_path: Path, token: str | None = None) -> Core:
    shutil.copytree(REPO / "index" / "trials", tmp_path / "trials")
    settings = Settings(  # type: ignore[call-arg]
        TRIALBOT_INDEX_DIR=tmp_path, TRIALBOT_STAFF_TOKEN=token, _env_file=None
    )
    from trialbot.bootstrap import open_catalog

    answerer = QuotingAnswerer(open_catalog(settings))
    return build_core(settings, store=open_store("memory://"), answerer=answerer)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    """The app over a real core."""
    return TestClient(create_app(_real_core(tmp_path)))


def test_trials_and_health_over_the_real_catalog(client: TestClient) -> None:
    """The bundled trials are listed; /healthz is 200 with the real catalog and store."""
    ids = [trial["id"] for trial in client.get("/api/trials").json()]
    assert ids == [DRAGONFLY, APATINIB]
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["trials"] == 2


def test_an_eligibility_conversation_and_its_view(client: TestClient) -> None:
    """A 40-year-old is ruled out of DRAGONFLY; the view shows the age fact and a failed rule."""
    cid = "web:real-1"
    start = client.post(
        "/api/chat", json={"conversation_id": cid, "text": "/start", "trials": [DRAGONFLY]}
    )
    assert start.status_code == 200 and any(r["kind"] == "notice" for r in start.json()["replies"])
    ask = client.post(
        "/api/chat",
        json={"conversation_id": cid, "text": "I want to know if I can join the mifamurtide study"},
    ).json()
    assert [r["asks"] for r in ask["replies"] if r["kind"] == "question"][-1] == "age_years"
    readback = client.post("/api/chat", json={"conversation_id": cid, "text": "40"}).json()
    assert readback["verdicts"] == {DRAGONFLY: "undetermined"}  # typed and excluding: read back
    yes = next(b["value"] for b in readback["replies"][-1]["buttons"] if b["value"][:4] == "yes#")
    turn = client.post("/api/chat", json={"conversation_id": cid, "button": yes}).json()
    assert turn["verdicts"] == {DRAGONFLY: "ineligible"}

    view = client.get(f"/api/conversations/{cid}").json()
    assert view["facts"]["age_years"] == 40
    assert view["verdicts"] == {DRAGONFLY: "ineligible"}
    assert any(o["status"] == "not_met" and o["reason"] for o in view["reasons"][DRAGONFLY])
    assert [m["role"] for m in view["messages"]][:2] == ["user", "bot"]

    assert client.delete(f"/api/conversations/{cid}").json()["erased"] is True
    assert client.get(f"/api/conversations/{cid}").status_code == 404


def test_a_lay_question_comes_back_with_citations(client: TestClient) -> None:
    """A question about the trial is answered with a citation quoting the trial text."""
    cid = "web:real-2"
    client.post("/api/chat", json={"conversation_id": cid, "text": "/start", "trials": [APATINIB]})
    turn = client.post(
        "/api/chat", json={"conversation_id": cid, "text": "How is apatinib given in this study?"}
    ).json()
    cited = [c for r in turn["replies"] for c in r["citations"]]
    assert cited and cited[0]["trial_id"] == APATINIB


class _LiveServer:
    def __init__(self, core: Core) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(core), log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})

    def __enter__(self) -> _LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture
def live(tmp_path: Path) -> Iterator[_LiveServer]:
    """The app over a real core, served on loopback with a staff token."""
    with _LiveServer(_real_core(tmp_path, TOKEN)) as server:
        yield server


def test_eval_scripts_pass_against_the_running_web_chat(
    live: _LiveServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`trialbot eval --url` replays conversation scripts through the web API with the token."""
    from trialbot.cli import main

    monkeypatch.setenv("TRIALBOT_STAFF_TOKEN", TOKEN)
    scripts = [
        REPO / "tests" / "conversations" / name
        for name in ("both_trials_age_40.yaml", "dragonfly_age_in_words.yaml")
    ]
    status = main(["eval", *map(str, scripts), "--url", live.url, "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 0, report
    assert report["passed"] == 2


@pytest.mark.parametrize("size", [4001, 12_000])
def test_a_message_over_the_length_limit_is_a_turn_with_a_notice(
    client: TestClient, size: int
) -> None:
    """A pasted message over 4000 characters was a 422 (the chat showed an error): it is a
    normal Turn now, saying kindly it is too long, asking the same question again, and the
    conversation goes on with everything known before."""
    cid = f"web:long-{size}"
    client.post("/api/chat", json={"conversation_id": cid, "text": "/start", "trials": [DRAGONFLY]})
    client.post("/api/chat", json={"conversation_id": cid, "text": "can I join this study?"})
    asked = client.post("/api/chat", json={"conversation_id": cid, "text": "20"}).json()
    pending = [r["asks"] for r in asked["replies"] if r["kind"] == "question"][-1]
    story = ("He had chemo last year and he is 12 now. " * 400)[:size]
    response = client.post("/api/chat", json={"conversation_id": cid, "text": story})
    assert response.status_code == 200
    turn = response.json()
    texts = [r["text"] for r in turn["replies"]]
    assert any("too long" in t and "shorter parts" in t for t in texts)
    assert [r["asks"] for r in turn["replies"] if r["kind"] == "question"][-1] == pending
    assert turn["verdicts"] == {DRAGONFLY: "undetermined"}
    view = client.get(f"/api/conversations/{cid}").json()
    assert view["facts"] == {"age_years": 20}
    going_on = client.post("/api/chat", json={"conversation_id": cid, "text": "female"}).json()
    assert [r["asks"] for r in going_on["replies"] if r["kind"] == "question"][-1] != pending


def test_asking_in_plain_words_erases_the_conversation(client: TestClient) -> None:
    """ "please delete my data" is asked back with Yes / No; the Yes button erases the
    conversation as /forget and DELETE do (the view is gone)."""
    cid = "web:erase-words"
    client.post("/api/chat", json={"conversation_id": cid, "text": "/start", "trials": [DRAGONFLY]})
    client.post("/api/chat", json={"conversation_id": cid, "text": "can I join this study?"})
    client.post("/api/chat", json={"conversation_id": cid, "text": "20"})
    asked = client.post("/api/chat", json={"conversation_id": cid, "text": "please delete my data"})
    reply = asked.json()["replies"][-1]
    assert "erase everything" in reply["text"]
    assert client.get(f"/api/conversations/{cid}").status_code == 200
    done = client.post(
        "/api/chat", json={"conversation_id": cid, "button": reply["buttons"][0]["value"]}
    )
    assert "erased everything" in done.json()["replies"][0]["text"]
    assert client.get(f"/api/conversations/{cid}").status_code == 404


@pytest.mark.parametrize("opening", [[], ["/start"]])
def test_the_illness_in_the_first_message_scopes_the_web_chat(
    client: TestClient, opening: list[str]
) -> None:
    """No trial chosen, "hi, my dad has lung cancer, any trials?": the bundled osteosarcoma
    trials are not walked through; the chat says none here is for lung cancer."""
    cid = f"web:condition-{len(opening)}"
    for text in opening:
        client.post("/api/chat", json={"conversation_id": cid, "text": text})
    turn = client.post(
        "/api/chat",
        json={"conversation_id": cid, "text": "hi, my dad has lung cancer, any trials?"},
    ).json()
    text = "\n".join(r["text"] for r in turn["replies"])
    assert "lung cancer" in text and "none of the studies here is for it" in text
    assert not [r for r in turn["replies"] if r["kind"] == "question"]
    view = client.get(f"/api/conversations/{cid}").json()
    assert view["facts"]["condition"] == "lung_cancer"

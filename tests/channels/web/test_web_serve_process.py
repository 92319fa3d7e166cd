"""`trialbot serve` as a real process: builds the index, serves, stops on Ctrl-C."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[3]
TOKEN = "process-staff-token"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_process_answers_then_stops(tmp_path: Path) -> None:
    """The real command answers /healthz and the dialog at once, retrieval answers once its
    background index sync is done, and exits on Ctrl-C."""
    shutil.copytree(REPO / "index" / "trials", tmp_path / "trials")
    port = _free_port()
    env = {
        **os.environ,
        "TRIALBOT_INDEX_DIR": str(tmp_path),
        "TRIALBOT_STAFF_TOKEN": TOKEN,
        "HF_HUB_OFFLINE": "1",
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    command = [sys.executable, "-m", "trialbot", "serve", "--port", str(port)]
    log = tmp_path / "serve.err"
    errors = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=errors, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, log.read_text(encoding="utf-8")[-2000:]
            assert time.monotonic() < deadline, "serve did not come up"
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        headers = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.get(base + "/api/trials", timeout=5).status_code == 401
        start = httpx.post(
            base + "/api/chat",
            json={"conversation_id": "web:first", "text": "/start"},
            headers=headers,
            timeout=30,
        )
        assert start.status_code == 200  # the dialog answers while the index is still syncing
        answered = False
        while not answered and time.monotonic() < deadline + 60:
            turn = httpx.post(
                base + "/api/chat",
                json={
                    "conversation_id": f"web:proc{time.monotonic()}",
                    "text": "What is mifamurtide?",
                },
                headers=headers,
                timeout=30,
            ).json()
            answered = any(r["kind"] == "answer" and r["citations"] for r in turn["replies"])
            time.sleep(0.0 if answered else 1.0)
        assert answered, "no retrieval answer once the index was synced"
        # a question naming its drug may be answered from the record before the sync is done
        while "search index ready" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline + 120, "the index sync did not finish"
            time.sleep(0.5)
        assert (tmp_path / "chroma").is_dir()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        errors.close()
    err = log.read_text(encoding="utf-8")
    assert process.returncode in (0, 130), err[-2000:]
    assert "search index ready: 2 trials" in err
    assert "What is mifamurtide" not in err  # the access log carries no message text

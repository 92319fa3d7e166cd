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
    """The real command syncs a fresh index, answers /healthz and a chat, and exits on Ctrl-C."""
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
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, process.communicate()[1][-2000:]
            assert time.monotonic() < deadline, "serve did not come up"
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        headers = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.get(base + "/api/trials", timeout=5).status_code == 401
        turn = httpx.post(
            base + "/api/chat",
            json={"conversation_id": "web:proc", "text": "What is mifamurtide?"},
            headers=headers,
            timeout=30,
        ).json()
        assert any(reply["kind"] == "answer" and reply["citations"] for reply in turn["replies"])
        assert (tmp_path / "chroma").is_dir()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            _, err = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
    assert process.returncode in (0, 130), err[-2000:]
    assert "search index ready: 2 trials" in err
    assert "What is mifamurtide" not in err  # the access log carries no message text

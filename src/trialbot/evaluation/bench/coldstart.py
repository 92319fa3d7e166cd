"""Cold start: a fresh Python process from launch to its first reply (and first answer)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

# Runs in a new interpreter: times from process creation to the first reply of the core.
PROBE = """
import json, time, psutil
born = psutil.Process().create_time()


def hwm():
    # VmHWM belongs to this program's memory; ru_maxrss would include the forking parent's.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


from trialbot.bootstrap import build_core
from trialbot.domain.turn import Incoming
from trialbot.settings import load_settings
core = build_core(load_settings(database_url="memory://"))
turn = core.service.handle(Incoming(conversation_id="bench-cold", text="/start"))
first_reply = time.time() - born
trials = [t.id for t in core.catalog.list_trials()][:1]
core.service.handle(Incoming(conversation_id="bench-cold-qa", text="/start", trials=trials))
question = "How is the medicine given?"
qa = core.service.handle(Incoming(conversation_id="bench-cold-qa", text=question))
first_answer = time.time() - born
print(json.dumps({
    "first_reply_s": round(first_reply, 3),
    "first_answer_s": round(first_answer, 3),
    "first_reply_kinds": [r.kind for r in turn.replies],
    "first_answer_kinds": [r.kind for r in qa.replies],
    "peak_rss_mb": hwm(),
}))
"""


def cold_start(index_dir: Path, timeout: float = 300.0) -> dict[str, Any]:
    """Seconds from launch to the first reply and to the first retrieval answer, peak memory."""
    env = dict(os.environ, TRIALBOT_INDEX_DIR=str(index_dir.resolve()), HF_HUB_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def fresh_clone_serve(index_dir: Path, timeout: float = 300.0) -> dict[str, Any]:
    """`trialbot serve` (what `make run` starts) on a fresh clone's state: only the registered
    trials, no search index, no conversation store. Seconds from launch to /healthz answering
    200, to the first dialog reply over the API, and to the first retrieval answer."""
    import secrets
    import shutil
    import tempfile
    import time

    import httpx

    from trialbot.evaluation.bench.web import free_port, stop_process

    with tempfile.TemporaryDirectory(prefix="trialbot-fresh-") as tmp:
        fresh = Path(tmp) / "index"
        shutil.copytree(index_dir / "trials", fresh / "trials")
        port, token = free_port(), secrets.token_urlsafe(16)
        env = dict(
            os.environ,
            TRIALBOT_INDEX_DIR=str(fresh),
            TRIALBOT_STAFF_TOKEN=token,
            HF_HUB_OFFLINE="1",
            TOKENIZERS_PARALLELISM="false",
        )
        env.pop("TELEGRAM_BOT_TOKEN", None)
        env.pop("TRIALBOT_DATABASE_URL", None)
        command = [sys.executable, "-m", "trialbot", "serve", "--port", str(port), "--no-telegram"]
        started = time.monotonic()
        with (Path(tmp) / "serve.log").open("wb") as log:
            process = subprocess.Popen(command, cwd=tmp, env=env, stdout=log, stderr=log)
        base, headers = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {token}"}
        result: dict[str, Any] = {}
        try:
            deadline = started + timeout
            while "healthz_s" not in result and time.monotonic() < deadline:
                if process.poll() is not None:
                    return {"error": f"trialbot serve exited with {process.returncode}"}
                try:
                    if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                        result["healthz_s"] = round(time.monotonic() - started, 2)
                except httpx.HTTPError:
                    time.sleep(0.1)
            body = {"conversation_id": "bench-fresh", "text": "/start"}
            httpx.post(f"{base}/api/chat", json=body, headers=headers, timeout=60)
            result["first_reply_s"] = round(time.monotonic() - started, 2)
            trial = httpx.get(f"{base}/api/trials", headers=headers, timeout=10).json()[0]["id"]
            while "first_answer_s" not in result and time.monotonic() < deadline:
                ask = {"conversation_id": f"bench-fresh-{time.monotonic()}", "trials": [trial]}
                ask["text"] = "How is the medicine given?"
                turn = httpx.post(f"{base}/api/chat", json=ask, headers=headers, timeout=60).json()
                if any(reply["kind"] == "answer" for reply in turn["replies"]):
                    result["first_answer_s"] = round(time.monotonic() - started, 2)
                else:
                    time.sleep(0.5)
        finally:
            stop_process(process)
    return result

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

"""Height of the staff chat's side panel after a real two-trial conversation ends in summaries:
`python tests/review/measure_panel_height.py OUT.png` (run with PYTHONPATH naming the src to
measure). Prints {"default_px", "all_open_px", "criteria_quoted"} as JSON."""

from __future__ import annotations

import json
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from trialbot.bootstrap import build_core
from trialbot.channels.web import create_app
from trialbot.domain.turn import Reply
from trialbot.settings import Settings
from trialbot.storage import open_store

REPO = Path(__file__).resolve().parents[2]


class NoAnswers:
    """Never answers questions (only the criteria matter here)."""

    def answer(self, question: str, trial_ids: object) -> Reply:
        """Always no_answer."""
        return Reply(kind="no_answer", text="The trial information does not say.")


def main(screenshot: str) -> None:
    """Talk to both bundled trials as a 40-year-old, then measure the panel."""
    folder = Path(tempfile.mkdtemp())
    shutil.copytree(REPO / "index" / "trials", folder / "trials")
    settings = Settings(TRIALBOT_INDEX_DIR=folder, _env_file=None)  # type: ignore[call-arg]
    core = build_core(settings, store=open_store("memory://"), answerer=NoAnswers())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(core), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    try:
        measure(url, screenshot)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def measure(url: str, screenshot: str) -> None:
    """Drive the chat to its summaries and print the panel's heights."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        page.goto(url)
        page.get_by_role("button", name="Start conversation").click()
        for _ in range(40):
            page.locator("#typing").wait_for(state="detached")
            page.wait_for_timeout(150)
            last = page.locator(".msg.bot").last
            if "kind-question" not in (last.get_attribute("class") or ""):
                break
            meta = (last.locator(".meta").text_content() or "").lower()
            answer = "40" if "age" in meta.split("asks")[-1] else "no"
            answer = "female" if "sex" in meta else answer
            page.get_by_label("Message").fill(answer)
            page.keyboard.press("Enter")
        page.wait_for_timeout(800)
        default = page.evaluate("document.querySelector('.panel').scrollHeight")
        page.evaluate("document.querySelectorAll('.panel details').forEach(d => d.open = true)")
        opened = page.evaluate("document.querySelector('.panel').scrollHeight")
        quoted = page.evaluate(
            "[...document.querySelectorAll('#verdicts li')].map(li => li.textContent)"
        )
        page.evaluate("document.querySelectorAll('.panel details').forEach(d => d.open = false)")
        page.evaluate("document.querySelectorAll('.deciding details').forEach(d => d.open = true)")
        page.screenshot(path=screenshot, full_page=False)
        browser.close()
    print(json.dumps({"default_px": default, "all_open_px": opened, "criteria_lines": len(quoted)}))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/trialbot-panel.png")

"""The chat page in a real headless Chromium: a conversation, buttons, and the side panel."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from web_fakes import TRIAL_A, TRIAL_B, FakeCore, make_core

from trialbot.channels.web import create_app

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = Path("/tmp/trialbot-web-chat.png")
TOKEN = "browser-staff-token"

sync_api = pytest.importorskip("playwright.sync_api")
if not shutil.which(CHROMIUM):
    pytest.skip("Debian's chromium is not installed (make system-deps)", allow_module_level=True)


class LiveServer:
    """The app under uvicorn in a background thread on a free loopback port."""

    def __init__(self, core: FakeCore) -> None:
        self.core = core
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(core), log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the web chat did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for the module."""
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_a_conversation_through_the_page(browser: object) -> None:
    """Typing and pressing buttons drives the chat; the panel shows verdicts, reasons, citations."""
    core = make_core()
    with LiveServer(core) as live:
        page = browser.new_page(viewport={"width": 1360, "height": 900})  # type: ignore[attr-defined]
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(live.url + "/")
        expect = sync_api.expect
        expect(page.locator("#trial-picker input")).to_have_count(2)

        page.get_by_role("button", name="Start conversation").click()
        expect(page.locator(".msg.bot .bubble").last).to_have_text("How old are you?")
        expect(page.locator(".msg.bot .meta").last).to_have_text("Question · asks Age")
        page.get_by_label("Message").fill("35")
        page.keyboard.press("Enter")
        expect(page.locator(".msg.bot .bubble").last).to_have_text("Do you smoke?")

        card = page.locator(f'.verdict[data-trial="{TRIAL_B}"]')
        expect(card.locator(".badge")).to_have_text("ineligible")
        expect(card).to_contain_text("age 5-30 required; age_years = 35")
        expect(card).to_contain_text("<img src=x onerror=alert(1)>")  # shown as text, not markup
        expect(page.locator("#facts")).to_contain_text("Age35 years")

        page.locator(".buttons").get_by_role("button", name="Yes").click()
        expect(page.locator(".msg.bot").last).to_contain_text("The study team will confirm")
        expect(page.locator(f'.verdict[data-trial="{TRIAL_A}"] .badge')).to_have_text(
            "likely eligible"
        )
        expect(page.locator("#facts")).to_contain_text("Smoking")
        expect(page.locator(".buttons button").first).to_be_disabled()

        page.get_by_label("Message").fill("How old must I be?")
        page.get_by_role("button", name="Send").click()
        citation = page.locator("#citations .citation").first
        expect(citation.locator("blockquote")).to_have_text("Age 18 <script>x</script>")
        expect(citation).to_contain_text(f"{TRIAL_A} · Eligibility")
        assert page.locator("main img, #citations script").count() == 0
        page.screenshot(path=str(SCREENSHOT), full_page=True)

        page.reload()
        expect(page.locator(".msg.user .bubble").first).to_have_text("/start")
        expect(page.locator(f'.verdict[data-trial="{TRIAL_B}"] .badge')).to_have_text("ineligible")

        page.locator("#trial-picker input").nth(1).uncheck()
        page.get_by_label("Message").fill("hello again")
        page.keyboard.press("Enter")
        expect(page.locator(".verdict")).to_have_count(1)
        assert core.service.received[-1].trials == [TRIAL_B]
        assert core.service.received[-1].channel == "web"

        page.get_by_role("button", name="Restart").click()
        expect(page.locator(".msg.user .bubble").last).to_have_text("/restart")

        conversation_id = page.locator("#conversation-id").text_content()
        page.get_by_role("button", name="Erase").click()
        expect(page.locator("#log li")).to_have_count(0)
        assert conversation_id not in core.service.conversations
        assert page.locator("#conversation-id").text_content() != conversation_id
        page.close()


def test_the_page_asks_for_the_staff_token(browser: object) -> None:
    """With a staff token set the page shows a sign-in form; the right token opens the chat."""
    with LiveServer(make_core(TOKEN)) as live:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(live.url + "/")
        expect = sync_api.expect
        page.get_by_label("Staff token").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_contain_text("not right")
        page.get_by_label("Staff token").fill(TOKEN)
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("#trial-picker input")).to_have_count(2)
        page.get_by_role("button", name="Start conversation").click()
        expect(page.locator(".msg.bot .bubble").last).to_have_text("How old are you?")
        page.close()

"""The staff Criteria page in a real headless Chromium over real corpus trials: confirm, correct
(a bad rule first), study team, filter; the screenshot is kept for a person to look at."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from review_helpers import CONSENT_TRIAL, RADIOTHERAPY_TRIAL, NoAnswers, make_settings

from trialbot.bootstrap import build_core
from trialbot.channels.web import create_app
from trialbot.eligibility import read_criteria
from trialbot.sources.catalog import FileTrialCatalog
from trialbot.sources.reviews import open_review_book
from trialbot.storage import open_store

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip
SCREENSHOT = Path("/tmp/trialbot-criteria-review.png")
TOKEN = "criteria-staff-token"

sync_api = pytest.importorskip("playwright.sync_api")
if not shutil.which(CHROMIUM):
    pytest.skip("Debian's chromium is not installed (make system-deps)", allow_module_level=True)


@pytest.fixture
def live_url(index_dir: Path) -> Iterator[str]:
    """The web app over the real core under uvicorn on a free loopback port."""
    settings = make_settings(index_dir, TRIALBOT_STAFF_TOKEN=TOKEN)
    core = build_core(settings, store=open_store("memory://"), answerer=NoAnswers())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(core), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the web app did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


def test_review_a_trial_in_the_page(live_url: str) -> None:
    """Sign in, open a corpus trial, confirm by key, correct with a bad then a good rule, hand one
    to the study team, and filter to what is still unreviewed."""
    expect = sync_api.expect
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        page.goto(f"{live_url}/?token={TOKEN}")
        page.goto(f"{live_url}/criteria?trial={RADIOTHERAPY_TRIAL}")
        page.get_by_label("Reviewer").fill("A. Nowak")
        page.get_by_label("Reviewer").press("Tab")
        cards = page.locator(".rc-item")
        expect(cards).to_have_count(6)
        expect(page.locator("#progress")).to_have_text("0 of 6 criteria reviewed")

        age = page.locator('.rc-item[data-id="record-age"]')
        age.focus()
        page.keyboard.press("c")  # confirm by keyboard
        expect(age).to_have_class("rc-item state-confirmed")

        exc2 = page.locator('.rc-item[data-id="exc-2"]')
        exc2.get_by_role("button", name="Correct…").click()
        rule = exc2.get_by_role("textbox")
        rule.fill("radiotherapy ever")
        rule.press("Enter")
        expect(exc2.locator(".correct-error")).to_contain_text("unknown fact 'radiotherapy'")
        rule.fill("last_radiotherapy ever")
        rule.press("Enter")
        expect(exc2).to_have_class("rc-item state-corrected")
        expect(exc2).to_contain_text("Excluded if: ever had radiotherapy")

        page.locator('.rc-item[data-id="exc-1"]').get_by_role("button", name="Study team").click()
        expect(page.locator('.rc-item[data-id="exc-1"]')).to_have_class("rc-item state-study_team")
        expect(page.locator("#progress")).to_have_text("3 of 6 criteria reviewed")

        page.get_by_role("radio", name="Unreviewed").check()
        expect(cards).to_have_count(3)
        expect(page.locator('.rc-item[data-id="exc-2"]')).to_have_count(0)
        page.get_by_role("radio", name="All").check()
        expect(cards).to_have_count(6)
        expect(exc2).to_contain_text("corrected by A. Nowak")
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        browser.close()


def test_a_stale_review_is_found_by_filter_and_confirmed_again(
    live_url: str, index_dir: Path
) -> None:
    """After the registry rewrites a confirmed criterion, the page shows it stale and partial;
    confirming it again clears the Stale filter."""
    catalog = FileTrialCatalog(index_dir)
    trial = catalog.get_trial(CONSENT_TRIAL)
    assert trial is not None
    open_review_book(index_dir).review(trial.id, read_criteria(trial), "inc-4", "confirmed")
    changed = trial.model_copy(deep=True)
    changed.criteria[3].text = "Participants must be at least 3 years of age."
    catalog.register(changed, catalog.source_files(trial.id)[0], source_bytes=b"changed")
    expect = sync_api.expect
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(f"{live_url}/?token={TOKEN}")
        page.goto(f"{live_url}/criteria?trial={CONSENT_TRIAL}")
        expect(page.locator("#progress")).to_have_text("0 of 6 criteria reviewed, 1 stale")
        page.get_by_role("radio", name="Stale").check()
        stale = page.locator(".rc-item")
        expect(stale).to_have_count(1)
        expect(stale).to_contain_text("stale: text changed")
        expect(stale).to_contain_text("confidence: partial")
        page.get_by_role("radio", name="Partial").check()
        expect(page.locator('.rc-item[data-id="inc-4"]')).to_have_count(1)
        page.locator('.rc-item[data-id="inc-4"]').focus()
        page.keyboard.press("c")
        expect(page.locator('.rc-item[data-id="inc-4"]')).to_have_count(0)
        page.get_by_role("radio", name="Stale").check()
        expect(page.locator(".rc-item")).to_have_count(0)
        expect(page.locator("#progress")).to_have_text("1 of 6 criteria reviewed")
        browser.close()

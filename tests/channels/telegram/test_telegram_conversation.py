"""A whole eligibility conversation over Telegram with the real conversation service.

The real aiogram client polls the stand-in Bot API; the core is `bootstrap.build_core` over the
bundled seed trials with an in-memory store and a fake question answerer. A simulated patient reads
each question as Telegram shows it and answers by pressing a matching button when there is one,
by typing otherwise — following the repository's own conversation scripts.
"""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from telegram_fakes import wait_until
from telegram_stand_in_api import StandInBotAPI, button_update, text_update

from trialbot.bootstrap import Core, build_core
from trialbot.domain.turn import Incoming, Reply, Turn
from trialbot.settings import Settings
from trialbot.storage import MemoryConversationStore

REPO = Path(__file__).resolve().parents[3]
SCRIPTS = REPO / "tests" / "conversations"
CHAT = 31337
MAX_QUESTIONS = 60


class NoAnswers:
    """A question answerer that never finds anything (retrieval is not under test here)."""

    def answer(self, question: str, trial_ids: Any) -> Reply:
        """Always a polite no_answer."""
        return Reply(kind="no_answer", text="I could not find that in the trial information.")


class CountingService:
    """Wraps the real service and counts finished turns."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self.finished = 0
        self.last_turn: Turn | None = None
        self._mutex = threading.Lock()

    def handle(self, incoming: Incoming) -> Turn:
        """Delegate to the real service, then count."""
        turn = self.core.service.handle(incoming)
        with self._mutex:
            self.finished += 1
            self.last_turn = turn
        return turn


@pytest.fixture
def core(tg_settings: Settings) -> Core:
    """The real core over a copy of the bundled seed trials."""
    shutil.copytree(REPO / "index" / "trials", tg_settings.index_dir / "trials")
    return build_core(tg_settings, store=MemoryConversationStore(), answerer=NoAnswers())


class Patient:
    """Drives the chat: sends a message or presses a button, waits until the turn is answered."""

    def __init__(self, api: StandInBotAPI, service: CountingService, inbox: Any) -> None:
        self.api, self.service, self.inbox = api, service, inbox
        self.sent = 0
        self.seen_calls = 0
        self.presses = 0

    async def say(self, text: str) -> list[dict[str, Any]]:
        """Type a message; returns the bot's messages for it."""
        self.sent += 1
        self.api.push(text_update(CHAT, self.sent, text))
        return await self._replies()

    async def press(self, data: str) -> list[dict[str, Any]]:
        """Press a button; returns the bot's messages for it."""
        self.sent += 1
        self.presses += 1
        self.api.push(button_update(CHAT, data, f"press-{self.sent}"))
        return await self._replies()

    async def _replies(self) -> list[dict[str, Any]]:
        expected = self.sent
        await wait_until(lambda: self.service.finished >= expected and not self.inbox.pending())
        calls = self.api.called("sendMessage")[self.seen_calls :]
        self.seen_calls += len(calls)
        return [call.params for call in calls]


def _answer_for(question: str, rules: list[dict[str, str]], otherwise: str) -> str:
    for rule in rules:
        if re.search(rule["when"], question, re.IGNORECASE):
            return rule["say"]
    return otherwise


def _button_for(message: dict[str, Any], answer: str) -> str | None:
    """The callback data of a button whose label or data is the answer, if any."""
    for row in message.get("reply_markup", {}).get("inline_keyboard", []):
        for button in row:
            if answer.lower() in (button["text"].lower(), button["callback_data"].lower()):
                return str(button["callback_data"])
    return None


async def _run_script(patient: Patient, script: dict[str, Any]) -> list[dict[str, Any]]:
    """Scripted turns, then the simulated patient until no question is left; the last replies."""
    replies: list[dict[str, Any]] = []
    for turn in script["turns"]:
        replies = await patient.say(turn["user"])
    rules = script["patient"]["answers"]
    for _ in range(MAX_QUESTIONS):
        turn = patient.service.last_turn
        if turn is None or not any(reply.kind == "question" for reply in turn.replies):
            return replies
        last = replies[-1]
        answer = _answer_for(html.unescape(last["text"]), rules, script["patient"]["otherwise"])
        data = _button_for(last, answer)
        replies = await (patient.press(data) if data else patient.say(answer))
    raise AssertionError("the conversation did not end")


@pytest.mark.parametrize(
    ("script_name", "trial", "verdict", "says"),
    [
        ("apatinib_likely_eligible_patient.yaml", "NCT07479732", "likely_eligible", "Beijing"),
        ("dragonfly_likely_eligible_patient.yaml", "2026-525223-24-00", "likely_eligible", ""),
    ],
)
async def test_full_eligibility_conversation_over_telegram(
    bot_api, tg_settings, inbox, core, script_name, trial, verdict, says
) -> None:
    """A patient who meets every askable criterion ends with 'may be eligible' and next steps."""
    from trialbot.channels.telegram import run_polling

    script = yaml.safe_load((SCRIPTS / script_name).read_text(encoding="utf-8"))
    service = CountingService(core)
    patient = Patient(bot_api, service, inbox)
    task = asyncio.create_task(run_polling(service, tg_settings, inbox=inbox, poll_timeout=1))
    try:
        final = await _run_script(patient, script)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    text = html.unescape("\n".join(message["text"] for message in final))
    assert "study team" in text.lower()
    assert says in text
    assert "you are eligible" not in text.lower()
    assert patient.presses > 0  # buttons were used, not only typing
    view = core.service.view(f"tg:{CHAT}")
    assert view is not None
    assert view.verdicts[trial] == verdict


async def test_age_exclusion_over_telegram(bot_api, tg_settings, inbox, core) -> None:
    """A 35-year-old asking about DRAGONFLY hears the age limit; '/forget' then erases the chat."""
    from trialbot.channels.telegram import run_polling

    service = CountingService(core)
    patient = Patient(bot_api, service, inbox)
    task = asyncio.create_task(run_polling(service, tg_settings, inbox=inbox, poll_timeout=1))
    try:
        await patient.say("/start")
        asked = await patient.say("I want to know if I can join the mifamurtide study")
        assert "old" in asked[-1]["text"].lower()
        readback = await patient.say("35")  # typed and excluding: read back first
        data = _button_for(readback[-1], "Yes, that's right")
        assert data is not None and "is that right" in readback[-1]["text"].lower()
        summary = await patient.press(data)
        second_tap = await patient.press(data)
        await patient.say("/forget")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert "30" in "\n".join(m["text"] for m in summary)
    assert "earlier question" in second_tap[-1]["text"]
    assert core.service.view(f"tg:{CHAT}") is None


async def test_a_message_too_long_is_told_and_the_chat_goes_on(
    bot_api, tg_settings, inbox, core
) -> None:
    """A Telegram message over the 4000 characters the core reads (Telegram allows 4096): a
    friendly notice and the same question again; the age given before is kept."""
    from trialbot.channels.telegram import run_polling

    service = CountingService(core)
    patient = Patient(bot_api, service, inbox)
    task = asyncio.create_task(run_polling(service, tg_settings, inbox=inbox, poll_timeout=1))
    try:
        await patient.say("/start")
        await patient.say("I want to know if I can join the mifamurtide study")
        asked = await patient.say("20")
        story = ("She had chemo last year and she is 12 now. " * 100)[:4090]
        told = await patient.say(story)
        going_on = await patient.say("female")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    said = html.unescape("\n".join(m["text"] for m in told))
    assert "too long" in said and "shorter parts" in said
    assert html.unescape(told[-1]["text"]) == html.unescape(asked[-1]["text"])
    view = core.service.view(f"tg:{CHAT}")
    assert view is not None and view.facts.get("age_years") == 20
    assert going_on and going_on[-1]["text"] != asked[-1]["text"]


async def test_erasing_asked_in_plain_words_over_telegram(
    bot_api, tg_settings, inbox, core
) -> None:
    """ "forget everything I told you" gets Yes / No buttons; pressing Yes erases the chat."""
    from trialbot.channels.telegram import run_polling

    service = CountingService(core)
    patient = Patient(bot_api, service, inbox)
    task = asyncio.create_task(run_polling(service, tg_settings, inbox=inbox, poll_timeout=1))
    try:
        await patient.say("/start")
        await patient.say("I want to know if I can join the mifamurtide study")
        await patient.say("20")
        asked = await patient.say("forget everything I told you")
        assert core.service.view(f"tg:{CHAT}") is not None
        data = _button_for(asked[-1], "Yes, erase everything")
        assert data is not None
        done = await patient.press(data)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert "erased everything" in html.unescape(done[-1]["text"])
    assert core.service.view(f"tg:{CHAT}") is None

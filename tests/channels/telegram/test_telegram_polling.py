"""Long polling end to end: the real aiogram client against the stand-in Bot API server."""

from __future__ import annotations

import asyncio
import html
import json
import logging
import time

import pytest
from aiogram.exceptions import TelegramUnauthorizedError
from telegram_fakes import ScriptedService, question_turn, wait_until
from telegram_stand_in_api import button_update, message, text_update

from trialbot.channels.telegram import run_polling
from trialbot.domain.turn import Button, Citation, Reply, Turn
from trialbot.storage.inbox import MemoryUpdateInbox

CHAT = 5551


async def test_text_message_gets_reply_with_inline_keyboard(bot_api, service, polling) -> None:
    """A typed message reaches the core as an Incoming; the question comes back with buttons."""
    bot_api.push(text_update(CHAT, 7, "hello"))
    await polling()
    await wait_until(lambda: bot_api.called("sendMessage"))
    incoming = service.received[0]
    assert incoming.conversation_id == f"tg:{CHAT}"
    assert incoming.text == "hello"
    assert incoming.message_id == f"{CHAT}:7"
    assert incoming.channel == "telegram"
    sent = bot_api.called("sendMessage")[0].params
    assert sent["text"] == "How old are you?"
    assert sent["parse_mode"] == "HTML"
    keyboard = sent["reply_markup"]["inline_keyboard"]
    assert [[b["callback_data"] for b in row] for row in keyboard] == [["unknown", "skip"]]
    assert [b["text"] for b in keyboard[0]] == ["Not sure", "Skip"]


async def test_start_sets_menu_deletes_webhook_and_shows_typing(bot_api, service, polling) -> None:
    """Start-up publishes the five commands; typing is shown before the reply is sent."""
    bot_api.push(text_update(CHAT, 1, "/start@trial_bot"))
    await polling()
    await wait_until(lambda: bot_api.called("sendMessage"))
    commands = bot_api.called("setMyCommands")[0].params["commands"]
    assert [c["command"] for c in commands] == ["start", "help", "trials", "restart", "forget"]
    assert all(c["description"] for c in commands)
    assert bot_api.called("deleteWebhook")
    assert service.received[0].text == "/start"
    methods = [c.method for c in bot_api.calls]
    assert methods.index("sendChatAction") < methods.index("sendMessage")
    assert bot_api.called("sendChatAction")[0].params["action"] == "typing"


async def test_button_press_is_acknowledged_and_handled(bot_api, service, polling) -> None:
    """A button press is answered (spinner stops), its value reaches the core as `button`."""
    bot_api.push(button_update(CHAT, "unknown", "q-77"))
    await polling()
    await wait_until(lambda: bot_api.called("sendMessage"))
    assert bot_api.called("answerCallbackQuery")[0].params["callback_query_id"] == "q-77"
    incoming = service.received[0]
    assert incoming.button == "unknown"
    assert incoming.text is None
    assert incoming.message_id == "cb:q-77"
    assert incoming.conversation_id == f"tg:{CHAT}"
    retired = bot_api.called("editMessageReplyMarkup")[0].params
    assert retired["message_id"] == "999"
    assert "reply_markup" not in retired


async def test_long_button_value_round_trips_through_short_token(bot_api, service, polling) -> None:
    """A value longer than 64 bytes is sent as a short token and comes back as the full value."""
    value = "trial:" + "x" * 120
    turn = Turn(
        conversation_id=f"tg:{CHAT}",
        replies=[Reply(kind="question", text="Pick", buttons=[Button(label="It", value=value)])],
    )
    service.turns.append(turn)
    bot_api.push(text_update(CHAT, 1, "/trials"))
    await polling()
    await wait_until(lambda: bot_api.called("sendMessage"))
    data = bot_api.called("sendMessage")[0].params["reply_markup"]["inline_keyboard"][0][0]
    assert len(data["callback_data"].encode()) <= 64
    bot_api.push(button_update(CHAT, data["callback_data"], "q-1"))
    await wait_until(lambda: len(service.received) == 2)
    assert service.received[1].button == value


async def test_unknown_token_falls_back_to_label_or_asks_to_type(bot_api, service, polling) -> None:
    """A token this process never issued uses the button's label, or asks for typed text."""
    markup = {"inline_keyboard": [[{"text": "Yes", "callback_data": "~deadbeef"}]]}
    bot_api.push(button_update(CHAT, "~deadbeef", "q-1", markup))
    bot_api.push(button_update(CHAT, "~cafebabe", "q-2"))
    await polling()
    await wait_until(lambda: len(bot_api.called("answerCallbackQuery")) == 2)
    await wait_until(lambda: len(bot_api.called("sendMessage")) == 2)
    assert [(i.text, i.button) for i in service.received] == [("Yes", None)]
    assert "older message" in bot_api.sent_texts()[1]


async def test_long_reply_is_split_at_paragraphs(bot_api, service, polling) -> None:
    """A reply over 4096 characters arrives as several messages, keyboard on the last only."""
    paragraphs = [f"Paragraph {n}: " + "word " * 150 for n in range(12)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    service.turns.append(question_turn(f"tg:{CHAT}", text))
    bot_api.push(text_update(CHAT, 1, "summary please"))
    await polling()
    await wait_until(lambda: len(bot_api.called("sendMessage")) >= 3)
    sent = [c.params for c in bot_api.called("sendMessage")]
    assert all(len(p["text"]) <= 4096 for p in sent)
    assert "\n\n".join(p["text"] for p in sent) == text
    assert all(p["text"].startswith("Paragraph") for p in sent)
    assert ["reply_markup" in p for p in sent] == [False] * (len(sent) - 1) + [True]


async def test_trial_text_is_escaped_and_citations_quoted(bot_api, service, polling) -> None:
    """Characters like < > & in trial text arrive as written; sources are quoted under answers."""
    reply = Reply(
        kind="answer",
        text="You cannot join if QTc > 480 ms & <b>LVEF</b> < 50 %.",
        citations=[Citation(trial_id="NCT1", section="Exclusion <3>", text="QTc > 480 ms")],
    )
    service.turns.append(Turn(conversation_id=f"tg:{CHAT}", replies=[reply]))
    bot_api.push(text_update(CHAT, 1, "heart?"))
    await polling()
    await wait_until(lambda: bot_api.called("sendMessage"))
    sent = bot_api.sent_texts()[0]
    assert sent.startswith("You cannot join if QTc &gt; 480 ms &amp; &lt;b&gt;LVEF&lt;/b&gt;")
    assert "<b>Source: NCT1, Exclusion &lt;3&gt;</b>" in sent
    assert "<blockquote expandable>QTc &gt; 480 ms</blockquote>" in sent
    assert html.unescape(sent.split("\n\n")[0]) == reply.text


async def test_non_text_messages_get_please_type(bot_api, service, polling) -> None:
    """Photos, stickers, voice notes and files get 'please type' and never reach the core."""
    photo = [{"file_id": "p", "file_unique_id": "pu", "width": 10, "height": 10}]
    sticker = {
        "file_id": "s",
        "file_unique_id": "su",
        "type": "regular",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
    }
    extras = [
        {"photo": photo},
        {"sticker": sticker},
        {"voice": {"file_id": "v", "file_unique_id": "vu", "duration": 2}},
        {"document": {"file_id": "d", "file_unique_id": "du"}},
    ]
    for n, extra in enumerate(extras):
        bot_api.push({"message": message(CHAT + n, n + 1, **extra)})
    await polling()
    await wait_until(lambda: len(bot_api.called("sendMessage")) == 4)
    assert service.received == []
    assert all("type your answer" in t for t in bot_api.sent_texts())


async def test_edited_message_is_politely_not_used(bot_api, service, polling) -> None:
    """An edit is not fed to the core; the person is told to send the change as a new message."""
    bot_api.push({"edited_message": message(CHAT, 3, "I'm 31", edit_date=int(time.time()))})
    await polling()
    await wait_until(lambda: bot_api.called("sendMessage"))
    assert service.received == []
    assert "new message" in bot_api.sent_texts()[0]


async def test_group_chat_command_gets_private_chat_note(bot_api, service, polling) -> None:
    """In a group the bot does not collect health data; a command gets a 'write privately' note."""
    update = text_update(-100, 1, "/start")
    update["message"]["chat"] = {"id": -100, "type": "group", "title": "Family"}
    bot_api.push(update)
    await polling()
    await wait_until(lambda: bot_api.called("sendMessage"))
    assert service.received == []
    assert "private chat" in bot_api.sent_texts()[0]


async def test_duplicate_update_is_handled_once(bot_api, service, polling, inbox) -> None:
    """The same update_id delivered again (e.g. after a restart) reaches the core only once."""
    first = bot_api.push(text_update(CHAT, 1, "hello"))
    await polling()
    await wait_until(lambda: bot_api.called("sendMessage"))
    bot_api.push(dict(first))
    bot_api.push(text_update(CHAT, 2, "again"))
    await wait_until(lambda: len(service.received) == 2)
    await wait_until(lambda: not inbox.pending())
    assert [i.text for i in service.received] == ["hello", "again"]
    assert len(bot_api.called("sendMessage")) == 2


async def test_flood_control_waits_retry_after_then_succeeds(bot_api, service, polling) -> None:
    """A 429 with retry_after makes the bot wait that long and send the same message again."""
    bot_api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    bot_api.push(text_update(CHAT, 1, "hello"))
    await polling()
    await wait_until(lambda: len(bot_api.called("sendMessage")) == 2)
    failed, retried = bot_api.called("sendMessage")
    assert retried.params == failed.params
    assert retried.at - failed.at >= 0.95


async def test_core_failure_sends_apology_and_bot_keeps_going(bot_api, service, polling) -> None:
    """When the core raises, the person gets an apology and later messages are still handled."""

    class Exploding(ScriptedService):
        def handle(self, incoming):  # type: ignore[no-untyped-def]
            if incoming.text == "boom":
                raise RuntimeError("private detail")
            return super().handle(incoming)

    service.__class__ = Exploding
    bot_api.push(text_update(CHAT, 1, "boom"))
    bot_api.push(text_update(CHAT, 2, "fine"))
    await polling()
    await wait_until(lambda: len(bot_api.called("sendMessage")) == 2)
    texts = bot_api.sent_texts()
    assert "went wrong" in texts[0]
    assert texts[1] == "How old are you?"


async def test_pending_updates_are_replayed_at_start(bot_api, service, polling, inbox) -> None:
    """An update stored before a crash but never handled is handled when the bot starts."""
    stored = {"update_id": 900, **text_update(CHAT, 9, "stored before crash")}
    assert inbox.accept(900, json.dumps(stored))
    await polling()
    await wait_until(lambda: service.received)
    assert service.received[0].text == "stored before crash"
    await wait_until(lambda: not inbox.pending())


async def test_messages_of_one_chat_keep_their_order(bot_api, service, polling) -> None:
    """Many messages in one chat reach the core in the order they were sent."""
    for n in range(20):
        bot_api.push(text_update(CHAT, n + 1, f"m{n}"))
    await polling()
    await wait_until(lambda: len(service.received) == 20)
    assert [i.text for i in service.received] == [f"m{n}" for n in range(20)]


def test_inbox_fixture_is_memory(inbox) -> None:
    """The tests use the storage package's in-memory inbox (same contract as the durable one)."""
    assert isinstance(inbox, MemoryUpdateInbox)


async def test_start_up_waits_for_an_unreachable_api(bot_api, service, polling) -> None:
    """A Bot API server error during start-up is retried; the bot then works normally."""
    bot_api.fail_next("deleteWebhook", 502, "Bad Gateway")
    bot_api.push(text_update(CHAT, 1, "hello"))
    await polling()
    await wait_until(lambda: bot_api.called("sendMessage"))
    assert len(bot_api.called("deleteWebhook")) == 2


async def test_rejected_token_stops_polling(bot_api, service, tg_settings, inbox) -> None:
    """A token the Bot API rejects (401) ends run_polling with TelegramUnauthorizedError."""
    wrong = tg_settings.model_copy(update={"telegram_bot_token": "1:wrong-token"})
    with pytest.raises(TelegramUnauthorizedError):
        await asyncio.wait_for(run_polling(service, wrong, inbox=inbox, poll_timeout=1), 10)
    assert service.received == []


async def test_update_is_fetched_again_when_the_inbox_fails(
    bot_api, service, polling, inbox
) -> None:
    """When storing an update fails it is not confirmed: it is fetched again and handled once."""
    real_accept = inbox.accept
    failures = [RuntimeError("database is locked")]

    def flaky_accept(update_id: int, payload: str) -> bool:
        if failures:
            raise failures.pop()
        return real_accept(update_id, payload)

    inbox.accept = flaky_accept
    bot_api.push(text_update(CHAT, 1, "hello"))
    await polling()
    await wait_until(lambda: bot_api.called("sendMessage"))
    assert [i.text for i in service.received] == ["hello"]


async def test_unknown_update_type_warning_leaves_out_the_update(
    bot_api, service, polling, inbox, caplog: pytest.LogCaptureFixture, recwarn
) -> None:
    """An update of a type this aiogram does not know is skipped with one line naming only its id
    (aiogram's own warning would print the whole update, message text included)."""
    caplog.set_level(logging.DEBUG)
    bot_api.push({"update_id": 4242, "some_future_kind": {"text": "PRIVATE-TEXT-91"}})
    bot_api.push(text_update(CHAT, 2, "fine"))
    await polling()
    await wait_until(lambda: len(service.received) == 1)
    await wait_until(lambda: not inbox.pending())
    said = caplog.text + " ".join(str(w.message) for w in recwarn.list)
    assert "PRIVATE-TEXT-91" not in said
    assert "4242" in caplog.text


async def test_blocked_user_is_one_log_line(
    bot_api, service, polling, caplog: pytest.LogCaptureFixture
) -> None:
    """A reply refused with 403 (the person blocked the bot) logs one line, no traceback, and
    the bot goes on with other chats."""
    caplog.set_level(logging.INFO)
    bot_api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    bot_api.push(text_update(CHAT, 1, "hello"))
    bot_api.push(text_update(CHAT + 1, 1, "hello"))
    await polling()
    await wait_until(lambda: len(service.received) == 2)
    await wait_until(lambda: any("blocked" in r.getMessage() for r in caplog.records))
    lines = [
        r for r in caplog.records if r.name.startswith("trialbot") and r.levelno >= logging.INFO
    ]
    blocked = [r for r in lines if "blocked" in r.getMessage()]
    assert len(blocked) == 1 and "\n" not in blocked[0].getMessage()
    assert blocked[0].exc_info is None
    assert not any("Traceback" in r.getMessage() or "File " in r.getMessage() for r in lines)


async def test_lone_surrogate_in_text_is_cleaned_at_the_edge(bot_api, service, polling) -> None:
    """A message whose JSON carries a lone UTF-16 surrogate reaches the core with U+FFFD instead
    (the state could not be saved with it), and the person gets the normal reply."""
    bot_api.push(text_update(CHAT, 1, "age \ud83d 40"))
    await polling()
    await wait_until(lambda: service.received)
    assert service.received[0].text == "age \ufffd 40"
    await wait_until(lambda: bot_api.sent_texts())

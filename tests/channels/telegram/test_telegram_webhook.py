"""Webhook mode end to end: real HTTP calls to `run_webhook`, the stand-in Bot API behind it."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import AsyncIterator

import aiohttp
import pytest
from telegram_fakes import wait_until
from telegram_stand_in_api import text_update

from trialbot.channels.telegram import TelegramConfigError, check_webhook, run_webhook
from trialbot.settings import Settings

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CHAT = 777
SECRET = "s3cret-Token_1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def webhook(service, tg_settings, inbox) -> AsyncIterator[str]:
    """`run_webhook` serving on a free loopback port; yields the webhook URL."""
    port = _free_port()
    started = asyncio.Event()
    task = asyncio.create_task(
        run_webhook(service, tg_settings, host="127.0.0.1", port=port, inbox=inbox, started=started)
    )
    await asyncio.wait_for(started.wait(), 10)
    yield f"http://127.0.0.1:{port}/telegram/webhook"
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def _post(url: str, body: object, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=data, headers=headers) as r,
    ):
        return r.status


async def test_start_registers_webhook_with_secret(bot_api, webhook, tg_settings) -> None:
    """Start-up calls setWebhook with TELEGRAM_WEBHOOK_URL and the secret, and sets the menu."""
    params = bot_api.called("setWebhook")[0].params
    assert params["url"] == tg_settings.telegram_webhook_url
    assert params["secret_token"] == tg_settings.telegram_webhook_secret
    assert set(params["allowed_updates"]) == {"message", "edited_message", "callback_query"}
    assert bot_api.called("setMyCommands")


async def test_update_with_secret_is_handled_once(bot_api, service, webhook, inbox) -> None:
    """An update with the right secret is handled; the same update_id again is acknowledged only."""
    update = {"update_id": 5001, **text_update(CHAT, 1, "hello")}
    secret = "s3cret-Token_1"
    assert await _post(webhook, update, secret) == 200
    await wait_until(lambda: bot_api.called("sendMessage"))
    assert await _post(webhook, update, secret) == 200
    assert await _post(webhook, update, secret) == 200
    await wait_until(lambda: not inbox.pending())
    await asyncio.sleep(0.05)  # room for a wrongly scheduled second run to show up
    assert [i.text for i in service.received] == ["hello"]
    assert bot_api.sent_texts() == ["How old are you?"]


@pytest.mark.parametrize(
    ("secret", "status"), [(None, 401), ("wrong", 403), ("s3cret-Token_", 403), ("", 403)]
)
async def test_forged_calls_are_rejected_without_side_effects(
    bot_api, service, webhook, inbox, secret, status
) -> None:
    """A missing or wrong secret gets 401/403: nothing stored, nothing handled, nothing sent."""
    calls_before = len(bot_api.calls)
    update = {"update_id": 6001, **text_update(CHAT, 1, "hello")}
    assert await _post(webhook, update, secret) == status
    await asyncio.sleep(0.05)
    assert inbox.pending() == []
    assert service.received == []
    assert len(bot_api.calls) == calls_before
    # the same update_id with the right secret is still new: the forged call left no trace
    assert await _post(webhook, update, "s3cret-Token_1") == 200
    await wait_until(lambda: len(service.received) == 1)


async def test_malformed_body_is_rejected(bot_api, service, webhook, inbox) -> None:
    """A body that is not a Telegram update gets 400 and stores nothing."""
    for body in (b"{not json", b"[1, 2]", {"update_id": "7"}, {"message": {}}, b"\xff\xfe"):
        assert await _post(webhook, body, "s3cret-Token_1") == 400
    assert inbox.pending() == []
    assert service.received == []


async def test_update_is_stored_before_acknowledged(bot_api, service, webhook, inbox) -> None:
    """The 200 is sent only once the update is in the inbox; it stays pending until handled."""
    service.gate = threading.Event()
    update = {"update_id": 8001, **text_update(CHAT, 1, "slow one")}
    assert await _post(webhook, update, "s3cret-Token_1") == 200
    assert [uid for uid, _ in inbox.pending()] == [8001]
    assert json.loads(inbox.pending()[0][1])["message"]["text"] == "slow one"
    service.gate.set()
    await wait_until(lambda: not inbox.pending())
    assert [i.text for i in service.received] == ["slow one"]


def test_webhook_settings_are_checked(tmp_path) -> None:
    """Webhook mode refuses to start without a secret, with a bad secret, or without the URL."""
    base = {"TRIALBOT_INDEX_DIR": tmp_path, "TELEGRAM_BOT_TOKEN": "1:x"}
    url = "https://bot.example.org/telegram/webhook"
    cases = [
        ({"TELEGRAM_WEBHOOK_URL": url}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"TELEGRAM_WEBHOOK_URL": url, "TELEGRAM_WEBHOOK_SECRET": "has space"}, "letters"),
        ({"TELEGRAM_WEBHOOK_SECRET": "abc"}, "TELEGRAM_WEBHOOK_URL"),
    ]
    for extra, expected in cases:
        with pytest.raises(TelegramConfigError, match=expected):
            check_webhook(Settings(**base, **extra))
    assert check_webhook(
        Settings(**base, TELEGRAM_WEBHOOK_URL=url, TELEGRAM_WEBHOOK_SECRET="a-b_C1")
    )


async def test_update_survives_a_stop_before_it_was_handled(
    bot_api, tg_settings, tmp_path, monkeypatch
) -> None:
    """Acknowledged but unhandled at shutdown: kept in the SQLite inbox and handled at restart."""
    from telegram_fakes import ScriptedService

    from trialbot.channels.telegram import app as telegram_app
    from trialbot.storage.inbox import open_inbox

    monkeypatch.setattr(telegram_app, "SHUTDOWN_GRACE", 0.05)
    url = f"sqlite:///{tmp_path / 'inbox.sqlite3'}"
    stuck, fresh = ScriptedService(), ScriptedService()
    stuck.gate = threading.Event()
    update = {"update_id": 9001, **text_update(CHAT, 1, "do not lose me")}
    for service in (stuck, fresh):
        inbox = open_inbox(url)
        port = _free_port()
        started = asyncio.Event()
        run = run_webhook(
            service, tg_settings, host="127.0.0.1", port=port, inbox=inbox, started=started
        )
        task = asyncio.create_task(run)
        await asyncio.wait_for(started.wait(), 10)
        if service is stuck:
            assert await _post(f"http://127.0.0.1:{port}/telegram/webhook", update, SECRET) == 200
        else:
            await wait_until(lambda: bot_api.called("sendMessage"))
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        inbox.close()
    stuck.gate.set()
    assert [i.text for i in fresh.received] == ["do not lose me"]
    assert bot_api.sent_texts() == ["How old are you?"]
    assert open_inbox(url).pending() == []


async def _raw_status(url: str, secret: bytes, body: bytes) -> int:
    """POST with a secret header given as raw bytes (what a client may really send)."""
    host_port = url.split("//", 1)[1].split("/", 1)[0]
    host, port = host_port.split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    head = (
        b"POST /telegram/webhook HTTP/1.1\r\nHost: " + host_port.encode() + b"\r\n"
        b"Content-Type: application/json\r\nConnection: close\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n" + SECRET_HEADER.encode() + b": "
    )
    writer.write(head + secret + b"\r\n\r\n" + body)
    await writer.drain()
    status_line = await reader.readline()
    writer.close()
    return int(status_line.split()[1])


@pytest.mark.parametrize("secret", ["sécret".encode(), b"\xff\xfe-token", "токен".encode()])
async def test_non_ascii_webhook_secret_is_refused_with_403(
    bot_api, service, webhook, inbox, secret
) -> None:
    """A secret header with non-ASCII or undecodable bytes is a wrong secret (403), not a 500."""
    update = json.dumps({"update_id": 6101, **text_update(CHAT, 1, "hello")}).encode()
    assert await _raw_status(webhook, secret, update) == 403
    assert inbox.pending() == []
    assert service.received == []

"""`trialbot serve` wiring: the web chat at once, the index sync beside it, Telegram when set."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from web_fakes import make_core

import trialbot.bootstrap as bootstrap
import trialbot.channels.telegram as telegram
import trialbot.cli.serve as serve
from trialbot.cli import main

GOOD_TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678"


class Recorder:
    """Stands in for the index sync, the core and the event loop runner."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.companions: list[Any] = []
        self.polled_with: Any = None

    def sync(self, settings: Any, catalog: Any, progress: bool = False) -> Any:
        self.events.append(f"sync progress={progress}")
        return type(
            "Report", (), {"trials": 2, "changed_trials": 0, "chunks": 40, "seconds": 0.2}
        )()

    def build_core(self, settings: Any, **parts: Any) -> Any:
        self.events.append("core")
        return make_core(settings.staff_token)

    async def serve_with(self, server: Any, *companions: Any) -> None:
        self.events.append(f"serve {server.config.host}:{server.config.port}")
        self.companions = list(companions)
        for companion in companions:
            await companion

    async def run_polling(self, core: Any, settings: Any) -> None:
        self.polled_with = (core, settings.telegram_bot_token)


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Recorder:
    """Everything `serve` calls, recorded instead of run."""
    monkeypatch.chdir(tmp_path)
    for name in ("TRIALBOT_STAFF_TOKEN", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TRIALBOT_INDEX_DIR", str(tmp_path))
    rec = Recorder()
    monkeypatch.setattr(bootstrap, "sync_search_index", rec.sync)
    monkeypatch.setattr(bootstrap, "build_core", rec.build_core)
    monkeypatch.setattr(serve, "serve_with", rec.serve_with)
    monkeypatch.setattr(telegram, "run_polling", rec.run_polling)
    return rec


def test_serve_answers_while_the_index_syncs_in_background(
    recorder: Recorder, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without a bot token: the core, then the web chat, with the index sync as its companion
    (a cold start serves /healthz without waiting for the embedding of every trial)."""
    assert main(["serve", "--port", "8765"]) == 0
    assert recorder.events == ["core", "serve 127.0.0.1:8765", "sync progress=False"]
    assert len(recorder.companions) == 1
    err = capsys.readouterr().err
    assert "search index ready: 2 trials" in err and "Telegram bot not started" in err


def test_serve_runs_telegram_polling_with_a_token(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With TELEGRAM_BOT_TOKEN the bot's long polling runs beside the web chat on the same core."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", GOOD_TOKEN)
    assert main(["serve", "--skip-index"]) == 0
    assert recorder.events == ["core", "serve 127.0.0.1:8000"]
    assert len(recorder.companions) == 1
    assert recorder.polled_with is not None and recorder.polled_with[1] == GOOD_TOKEN


def test_serve_no_telegram_flag(recorder: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--no-telegram` serves the web chat only even with a bot token (the compose web service)."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", GOOD_TOKEN)
    assert main(["serve", "--skip-index", "--no-telegram"]) == 0
    assert recorder.companions == [] and recorder.polled_with is None


def test_serve_refuses_a_malformed_bot_token(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed bot token stops `serve` before any work, with exit status 2."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "not-a-token")
    assert main(["serve"]) == 2
    assert recorder.events == []
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


def test_rejected_bot_token_stops_only_the_bot(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When Telegram rejects the token the polling task ends quietly and the web chat stays up."""
    from aiogram.exceptions import TelegramUnauthorizedError
    from aiogram.methods import GetUpdates

    async def rejected(core: Any, settings: Any) -> None:
        raise TelegramUnauthorizedError(method=GetUpdates(), message="Unauthorized")

    monkeypatch.setattr(telegram, "run_polling", rejected)
    core = make_core()
    asyncio.run(serve.telegram_polling(core, core.settings))  # type: ignore[arg-type]
    assert "Telegram rejected TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


def test_index_failure_is_reported_and_the_chat_keeps_serving(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the index cannot be built, `serve` says so and goes on serving the dialog."""

    def broken(settings: Any, catalog: Any, progress: bool = False) -> Any:
        raise OSError("disk full")

    monkeypatch.setattr(bootstrap, "sync_search_index", broken)
    assert main(["serve"]) == 0
    assert "could not build the search index: disk full" in capsys.readouterr().err
    assert recorder.events == ["core", "serve 127.0.0.1:8000"]


@pytest.mark.parametrize("command", ["web", "serve"])
def test_bad_store_url_is_a_clear_error(
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An unusable TRIALBOT_DATABASE_URL stops the command with a message, not a traceback."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRIALBOT_INDEX_DIR", str(tmp_path))
    monkeypatch.setenv("TRIALBOT_DATABASE_URL", "nosuchdb://x")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    args = [command, "--skip-index"] if command == "serve" else [command]
    assert main(args) == 1
    assert "cannot start" in capsys.readouterr().err

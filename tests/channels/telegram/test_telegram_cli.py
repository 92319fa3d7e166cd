"""`trialbot telegram` refuses to start, clearly and with exit code 2, when settings are missing."""

from __future__ import annotations

import pytest

from trialbot.cli import main

VARIABLES = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
    "TELEGRAM_WEBHOOK_URL",
    "TELEGRAM_API_BASE",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path) -> None:
    """No Telegram settings from the environment or a .env file."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRIALBOT_INDEX_DIR", str(tmp_path / "index"))


def test_no_token_refuses_to_start(capsys) -> None:
    """Without TELEGRAM_BOT_TOKEN the command exits 2 and says what to set."""
    assert main(["telegram"]) == 2
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN is not set" in err
    assert "@BotFather" in err


def test_malformed_token_refuses_to_start(monkeypatch, capsys) -> None:
    """A token that cannot be a bot token is refused before anything connects."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "not a token")
    assert main(["telegram"]) == 2
    assert "does not look like a bot token" in capsys.readouterr().err


def test_webhook_without_secret_refuses_to_start(monkeypatch, capsys) -> None:
    """Webhook mode without TELEGRAM_WEBHOOK_SECRET exits 2 and names the variable."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram/webhook")
    assert main(["telegram", "--webhook", "--host", "127.0.0.1", "--port", "8443"]) == 2
    assert "TELEGRAM_WEBHOOK_SECRET" in capsys.readouterr().err

"""The sentences only the Telegram channel says, read from `prompts/telegram.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trialbot.prompts import load_prompts

COMMANDS = ("start", "help", "trials", "restart", "forget")


@dataclass(frozen=True)
class TelegramTexts:
    """Channel texts: notices for non-text input, edits, errors, and the command menu."""

    non_text: str
    edited: str
    button_expired: str
    private_only: str
    error: str
    choose: str
    source: str
    commands: dict[str, str]


def load_texts(prompts_dir: Path | None = None) -> TelegramTexts:
    """Load and check `prompts/telegram.yaml`."""
    data: dict[str, Any] = load_prompts("telegram", prompts_dir)
    commands = {name: str(data["commands"][name]) for name in COMMANDS}
    fields = ("non_text", "edited", "button_expired", "private_only", "error", "choose", "source")
    values = {name: str(data[name]).strip() for name in fields}
    return TelegramTexts(commands=commands, **values)

"""Loads the editable texts in `prompts/`: every sentence the bot says that is not trial text."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"


@lru_cache(maxsize=64)
def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_prompts(name: str, prompts_dir: Path | None = None) -> Any:
    """Return the parsed YAML file `prompts/<name>.yaml`."""
    directory = prompts_dir or DEFAULT_PROMPTS_DIR
    path = directory / f"{name}.yaml"
    if not path.exists():
        raise FileNotFoundError(f"prompt file {path} is missing; it ships with trialbot")
    return _load(path)


def load_text(name: str, prompts_dir: Path | None = None) -> str:
    """Return the text file `prompts/<name>` (e.g. an LLM prompt template)."""
    directory = prompts_dir or DEFAULT_PROMPTS_DIR
    return (directory / name).read_text(encoding="utf-8")

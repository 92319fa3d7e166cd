"""Settings from environment variables and `.env` (see README), built on demand."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting trialbot reads; names are the environment variables."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    index_dir: Path = Field(default=Path("index"), alias="TRIALBOT_INDEX_DIR")
    database_url: str | None = Field(default=None, alias="TRIALBOT_DATABASE_URL")
    telegram_bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base: str | None = Field(default=None, alias="TELEGRAM_API_BASE")
    telegram_webhook_secret: str | None = Field(default=None, alias="TELEGRAM_WEBHOOK_SECRET")
    telegram_webhook_url: str | None = Field(default=None, alias="TELEGRAM_WEBHOOK_URL")
    staff_token: str | None = Field(default=None, alias="TRIALBOT_STAFF_TOKEN")
    ctgov_base_url: str = Field(
        default="https://clinicaltrials.gov/api/v2", alias="TRIALBOT_CTGOV_BASE_URL"
    )
    chroma_url: str | None = Field(default=None, alias="TRIALBOT_CHROMA_URL")
    llm_base_url: str | None = Field(default=None, alias="TRIALBOT_LLM_BASE_URL")
    llm_model: str | None = Field(default=None, alias="TRIALBOT_LLM_MODEL")
    llm_api_key: str | None = Field(default=None, alias="TRIALBOT_LLM_API_KEY")
    llm_provider: str = Field(default="openai", alias="TRIALBOT_LLM_PROVIDER")  # or "ollama"
    prompts_dir: Path | None = Field(default=None, alias="TRIALBOT_PROMPTS_DIR")
    # shared material (corpus/ctgov_full, corpus/ctgov): where `trialbot eval` finds the documents
    # of trials a conversation script `needs` that the index has not registered
    shared_dir: Path | None = Field(default=None, alias="TRIALBOT_SHARED_DIR")
    # policy: offer patients only trials whose every criterion reading staff reviewed
    reviewed_trials_only: bool = Field(default=False, alias="TRIALBOT_REVIEWED_TRIALS_ONLY")
    # catalogue search: trials not recruiting (completed, suspended...) are left out ("hide") or
    # shown last and marked ("last")
    non_recruiting: Literal["hide", "last"] = Field(default="hide", alias="TRIALBOT_NON_RECRUITING")

    @property
    def resolved_database_url(self) -> str:
        """The conversation store URL, defaulting to a SQLite file inside the index dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.index_dir / 'conversations.sqlite3').as_posix()}"

    @property
    def chroma_dir(self) -> Path:
        """Where the embedded Chroma store lives."""
        return self.index_dir / "chroma"


def load_settings(**overrides: object) -> Settings:
    """Build the settings from the environment, `.env` and explicit overrides."""
    return Settings(**overrides)  # type: ignore[arg-type]

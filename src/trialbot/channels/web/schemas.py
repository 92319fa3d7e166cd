"""Request and response bodies of the staff web API (the Turn itself comes from the domain)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from trialbot.channels.edge_text import without_lone_surrogates

MAX_ID_CHARS = 200
MAX_TEXT_CHARS = 4000  # the service reads this much of a message (longer: a notice, not a 422)


def _printable(value: str, name: str) -> str:
    """Reject control characters, which no real id or button value contains."""
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise ValueError(f"{name} must not contain control characters")
    return value


class ChatRequest(BaseModel):
    """One message to the bot: a typed text or a pressed button's value (exactly one of them;
    a body with both, or neither, is refused with 422)."""

    model_config = ConfigDict(
        extra="ignore",
        str_strip_whitespace=False,
        json_schema_extra={"oneOf": [{"required": ["text"]}, {"required": ["button"]}]},
    )

    conversation_id: str = Field(min_length=1, max_length=MAX_ID_CHARS, examples=["web:1f3c"])
    text: str | None = Field(
        default=None,
        examples=["How old must I be?"],
        description=(
            f"a typed message; one over {MAX_TEXT_CHARS} characters gets a Turn with a notice "
            "asking to send it in shorter parts (the body limit still applies)"
        ),
    )
    button: str | None = Field(default=None, min_length=1, max_length=MAX_ID_CHARS)
    message_id: str | int | None = Field(default=None, description="repeated ids are ignored")
    trials: list[str] | None = Field(
        default=None, max_length=1000, description="sets the conversation's trials in scope"
    )

    @field_validator("conversation_id", "text", "button", mode="before")
    @classmethod
    def _clean_surrogates(cls, value: object) -> object:
        """A lone UTF-16 surrogate (from a `\\ud83d` escape) becomes U+FFFD."""
        return without_lone_surrogates(value) if isinstance(value, str) else value

    @field_validator("conversation_id")
    @classmethod
    def _check_conversation_id(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("conversation_id must not be blank")
        return _printable(value, "conversation_id")

    @field_validator("button")
    @classmethod
    def _check_button(cls, value: str | None) -> str | None:
        return None if value is None else _printable(value, "button")

    @field_validator("trials")
    @classmethod
    def _check_trials(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        if not value:
            raise ValueError(
                "`trials` must list at least one trial id (leave it out to keep the scope)"
            )
        cleaned = [item.strip() for item in value]
        if any(not item or len(item) > MAX_ID_CHARS for item in cleaned):
            raise ValueError("every trial id must be a non-empty string of at most 200 characters")
        return list(dict.fromkeys(cleaned))

    @model_validator(mode="after")
    def _text_or_button(self) -> ChatRequest:
        if (self.text is None) == (self.button is None):
            raise ValueError("send exactly one of `text` or `button`")
        return self


class TrialSummary(BaseModel):
    """A registered trial as the picker shows it."""

    id: str
    title: str
    status: str | None = None


class Health(BaseModel):
    """What `/healthz` reports."""

    status: Literal["ok", "unavailable"]
    catalog: bool
    store: bool
    trials: int | None = None


class Erased(BaseModel):
    """The result of erasing a conversation."""

    conversation_id: str
    erased: bool


class ErrorBody(BaseModel):
    """An error answer."""

    detail: str

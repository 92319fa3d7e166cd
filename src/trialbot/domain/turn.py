"""What a channel sends into the core (Incoming) and what the core sends back (Turn)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

ReplyKind = Literal["question", "answer", "no_answer", "summary", "notice", "shortlist"]
Verdict = Literal["ineligible", "likely_eligible", "undetermined"]


class Button(BaseModel):
    """A button offered with a reply; pressing it sends `value` back."""

    label: str
    value: str


class Citation(BaseModel):
    """A passage of a trial document that a reply is based on."""

    trial_id: str
    section: str
    text: str


class Reply(BaseModel):
    """One message of the bot."""

    kind: ReplyKind
    text: str
    asks: str | None = None  # the fact id a `question` asks
    buttons: list[Button] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


class Turn(BaseModel):
    """Everything the bot says in answer to one incoming message, plus the verdicts after it."""

    conversation_id: str
    replies: list[Reply] = Field(default_factory=list)
    verdicts: dict[str, Verdict] = Field(default_factory=dict)


class Incoming(BaseModel):
    """One message from a user, built by a channel adapter."""

    conversation_id: str
    text: str | None = None
    button: str | None = None  # the `value` of a pressed button
    message_id: str | None = None  # channel message id; a repeated id is ignored
    trials: list[str] | None = None  # sets the conversation's scope when given
    channel: str = "api"


class TranscriptMessage(BaseModel):
    """One line of a conversation as staff see it: who said it, and what kind of reply it was."""

    role: Literal["user", "bot"]
    text: str
    kind: ReplyKind | None = None  # for bot messages


class ConversationView(BaseModel):
    """A conversation so far, for the staff web chat (`GET /api/conversations/{id}`)."""

    conversation_id: str
    scope: list[str] = Field(default_factory=list)  # trial ids in scope
    messages: list[TranscriptMessage] = Field(default_factory=list)
    facts: dict[str, bool | int | float | str] = Field(default_factory=dict)
    verdicts: dict[str, Verdict] = Field(default_factory=dict)
    reasons: dict[str, list[dict[str, object]]] = Field(default_factory=dict)  # trial -> outcomes

"""The minimal state of one conversation, kept as JSON in the conversation store."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, ValidationError

from trialbot.domain.facts import FactValue
from trialbot.domain.turn import Reply, TranscriptMessage

MAX_HANDLED_IDS = 64
MAX_TRANSCRIPT = 200
STATE_VERSION = 1


class DialogState(BaseModel):
    """Facts, scope, the pending question and what staff may review; nothing more."""

    version: int = STATE_VERSION
    facts: dict[str, FactValue] = Field(default_factory=dict)
    scope: list[str] | None = None  # trial ids; None = every registered trial
    requested_scope: list[str] | None = None  # the last scope a channel set (Incoming.trials)
    pending: str | None = None  # fact id of the question waiting for an answer
    last_answered: str | None = None  # the fact a bare correction ("sorry, I meant no") changes
    failures: int = 0  # unreadable answers to the pending question in a row
    confirming: dict[str, FactValue] | None = None  # typed, excluding: read back first
    # A held fact converted from the unit the person used: fact -> (value, "150 lb"), said back.
    said_as: dict[str, tuple[FactValue, str]] = Field(default_factory=dict)
    confirming_kind: str | None = None  # the fact whose kind is asked ("Was it a live vaccine?")
    # Values said as an estimate or from memory ("480 i think", "last spring"): fact -> value,
    # used only while they rule no trial out (dialog/approximate.py).
    approximate: dict[str, FactValue] = Field(default_factory=dict)
    confirming_approximate: list[str] = Field(default_factory=list)  # held facts that are
    confirming_report: bool = False  # asked: "is it the exact number on your report?"
    erasing: bool = False  # "please delete my data" was asked: erase once the person confirms
    # The pending choice question was asked again with an activity question ("I'm retired": can
    # you do light work?): a plain yes or no answers that, and leaves the levels it fits.
    activity_asked: bool = False
    relation: str | None = None  # "son" once the person says "my son": questions say "your son"
    implied: list[str] = Field(default_factory=list)  # facts that follow from answers, not asked
    token: str = ""  # the current question's token, carried by its buttons ("yes#3")
    token_seq: int = 0
    finished: bool = False  # the summary was given and nothing is left to ask
    greeted: bool = False
    questions_asked: int = 0
    handled_ids: list[str] = Field(default_factory=list)
    last_replies: list[Reply] = Field(default_factory=list)  # replies to handled_ids[-1]
    transcript: list[TranscriptMessage] = Field(default_factory=list)
    catalogue: dict[str, Any] = Field(default_factory=dict)  # the catalogue search (its own keys)

    def remember_message(self, message_id: str, replies: list[Reply]) -> None:
        """Mark a channel message id handled (bounded) with the replies it got."""
        self.handled_ids.append(message_id)
        del self.handled_ids[:-MAX_HANDLED_IDS]
        self.last_replies = list(replies)

    def record(self, role: str, text: str, kind: str | None = None) -> None:
        """Append one line to the staff transcript (bounded)."""
        self.transcript.append(
            TranscriptMessage.model_validate({"role": role, "text": text, "kind": kind})
        )
        del self.transcript[:-MAX_TRANSCRIPT]

    def reset_dialog(self) -> None:
        """Forget facts and progress (for /restart); scope and message ids stay."""
        self.facts = {}
        self.implied = []
        self.relation = None
        self.pending = None
        self.confirming = None
        self.confirming_kind = None
        self.approximate = {}
        self.confirming_approximate = []
        self.confirming_report = False
        self.last_answered = None
        self.failures = 0
        self.finished = False
        self.questions_asked = 0
        self.catalogue = {}


def load_state(raw: str | None) -> DialogState:
    """Parse stored JSON; a missing or unreadable state starts a fresh conversation."""
    if not raw:
        return DialogState()
    try:
        return DialogState.model_validate_json(raw)
    except (ValidationError, ValueError):
        return DialogState()


def dump_state(state: DialogState) -> str:
    """The state as compact JSON."""
    return state.model_dump_json(exclude_defaults=False)

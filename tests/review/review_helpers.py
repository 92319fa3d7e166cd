"""Helpers for the criteria review tests: which corpus trials, settings, a scripted patient."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from trialbot.bootstrap import Core
from trialbot.domain.turn import Incoming, Reply, Turn
from trialbot.settings import Settings

# Real corpus trials: an informed-consent criterion about age (inc-3), and a
# trial whose "Radiotherapy before surgery" exclusion (exc-2) the reader leaves to the study team.
CONSENT_TRIAL = "NCT00033137"
RADIOTHERAPY_TRIAL = "NCT00897117"
REVIEW_TRIALS = (CONSENT_TRIAL, RADIOTHERAPY_TRIAL, "NCT01102569")


class NoAnswers:
    """A question answerer that never finds anything (these tests are about criteria)."""

    def answer(self, question: str, trial_ids: Sequence[str]) -> Reply:
        """Always `no_answer`."""
        return Reply(kind="no_answer", text="The trial information does not say.")


def make_settings(index_dir: Path, **more: object) -> Settings:
    """Settings over `index_dir` only (no .env from the working directory)."""
    return Settings(TRIALBOT_INDEX_DIR=index_dir, _env_file=None, **more)  # type: ignore[call-arg]


Talk = Callable[..., Turn]


def talker(core: Core, conversation: str, trials: list[str]) -> Talk:
    """Send a message (or button=...) into one conversation scoped to `trials`."""

    def send(text: str | None = None, *, button: str | None = None) -> Turn:
        incoming = Incoming(conversation_id=conversation, text=text, button=button, trials=trials)
        return core.service.handle(incoming)

    return send


def answer_all(send: Talk, answers: dict[str, str], default: str = "no", turns: int = 30) -> Turn:
    """Answer every question the bot asks from `answers` (by fact id) until it stops asking."""
    turn = send("hello")
    for _ in range(turns):
        asks = [r.asks for r in turn.replies if r.kind == "question" and r.asks]
        if not asks:
            return turn
        readback = [b.value for r in turn.replies for b in r.buttons if b.value.startswith("yes#")]
        if readback and "is that right" in turn.replies[-1].text.lower():
            turn = send(button=readback[0])
            continue
        turn = send(answers.get(asks[-1], default))
    return turn


TODAY = dt.date.today()

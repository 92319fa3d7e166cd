"""Fakes of the core for the web chat tests: a tiny scripted service, a catalog and a store."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from trialbot.domain.trial import Trial
from trialbot.domain.turn import (
    Button,
    Citation,
    ConversationView,
    Incoming,
    Reply,
    TranscriptMessage,
    Turn,
)
from trialbot.settings import Settings

TRIAL_A = "NCT00000001"
TRIAL_B = "2026-000001-01-00"
YES_NO = [Button(label="Yes", value="yes"), Button(label="No", value="no")]


class FakeCatalog:
    """Two registered trials; `broken` makes it fail like an unreadable index."""

    def __init__(self) -> None:
        self.broken = False
        self.trials = [
            Trial(id=TRIAL_B, registry="ctis", title="Bone tumour study <b>", status="RECRUITING"),
            Trial(
                id=TRIAL_A, registry="ctgov", title="Lung cancer pill study", status="RECRUITING"
            ),
        ]

    def list_trials(self) -> list[Trial]:
        """The trials, or an error when broken."""
        if self.broken:
            raise OSError("index unreadable")
        return list(self.trials)

    def get_trial(self, trial_id: str) -> Trial | None:
        """One trial by id, case-insensitive."""
        return next((t for t in self.trials if t.id.lower() == trial_id.lower()), None)


class FakeStore:
    """Answers pings unless told otherwise."""

    def __init__(self) -> None:
        self.alive = True

    def ping(self) -> bool:
        """Whether the store answers."""
        return self.alive


@dataclass
class _Conversation:
    scope: list[str]
    messages: list[TranscriptMessage] = field(default_factory=list)
    facts: dict[str, bool | int | float | str] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)


class FakeService:
    """Asks for age, then whether the patient smokes; answers questions with a citation."""

    def __init__(self, catalog: FakeCatalog) -> None:
        self.catalog = catalog
        self.conversations: dict[str, _Conversation] = {}
        self.received: list[Incoming] = []
        self.fail_next = False
        self._lock = threading.Lock()

    def handle(self, incoming: Incoming) -> Turn:
        """One scripted step of the conversation."""
        with self._lock:
            self.received.append(incoming)
            if self.fail_next:
                self.fail_next = False
                raise RuntimeError("patient said: I am 35 and pregnant")
            conv = self.conversations.setdefault(
                incoming.conversation_id, _Conversation([t.id for t in self.catalog.trials])
            )
            if incoming.trials:
                conv.scope = list(incoming.trials)
            if incoming.message_id and incoming.message_id in conv.seen:
                return Turn(conversation_id=incoming.conversation_id, verdicts=self._verdicts(conv))
            if incoming.message_id:
                conv.seen.add(incoming.message_id)
            said = incoming.text if incoming.text is not None else incoming.button or ""
            conv.messages.append(TranscriptMessage(role="user", text=said))
            replies = self._replies(conv, said.strip())
            for reply in replies:
                conv.messages.append(
                    TranscriptMessage(role="bot", text=reply.text, kind=reply.kind)
                )
            return Turn(
                conversation_id=incoming.conversation_id,
                replies=replies,
                verdicts=self._verdicts(conv),
            )

    def _replies(self, conv: _Conversation, said: str) -> list[Reply]:
        if said == "/restart":
            conv.facts.clear()
        if said.endswith("?"):
            citation = Citation(
                trial_id=TRIAL_A, section="Eligibility", text="Age 18 <script>x</script>"
            )
            return [Reply(kind="answer", text="Adults aged 18 or over.", citations=[citation])]
        if "age_years" in conv.facts and said in ("yes", "no"):
            conv.facts["smoker"] = said == "yes"
            return [Reply(kind="summary", text="Thanks. The study team will confirm the rest.")]
        if said.isdigit():
            conv.facts["age_years"] = int(said)
            return [Reply(kind="question", text="Do you smoke?", asks="smoker", buttons=YES_NO)]
        return [
            Reply(kind="notice", text="Hello! I ask a few questions."),
            Reply(kind="question", text="How old are you?", asks="age_years"),
        ]

    def _verdicts(self, conv: _Conversation) -> dict[str, Any]:
        age = conv.facts.get("age_years")
        verdicts: dict[str, Any] = {}
        for trial_id in conv.scope:
            if age is None:
                verdicts[trial_id] = "undetermined"
            elif trial_id == TRIAL_B and isinstance(age, int) and age > 30:
                verdicts[trial_id] = "ineligible"
            else:
                verdicts[trial_id] = "likely_eligible" if "smoker" in conv.facts else "undetermined"
        return verdicts

    def _reasons(self, conv: _Conversation) -> dict[str, list[dict[str, object]]]:
        age = conv.facts.get("age_years")
        status = (
            "unknown"
            if age is None
            else ("not_met" if isinstance(age, int) and age > 30 else "met")
        )
        outcome: dict[str, object] = {
            "criterion_id": "inc-1",
            "kind": "inclusion",
            "text": "Aged 5 to 30 years",
            "status": status,
            "reason": f"age 5-30 required; age_years = {age}",
        }
        review: dict[str, object] = {
            "criterion_id": "exc-1",
            "kind": "exclusion",
            "text": "Any condition <img src=x onerror=alert(1)> the investigator judges unsafe",
            "status": "unknown",
            "reason": "Only the study team can judge this",
            "needs_review": True,
        }
        return {trial_id: [outcome, review] for trial_id in conv.scope}

    def view(self, conversation_id: str) -> ConversationView | None:
        """The conversation so far, or None."""
        with self._lock:
            conv = self.conversations.get(conversation_id)
            if conv is None:
                return None
            return ConversationView(
                conversation_id=conversation_id,
                scope=conv.scope,
                messages=list(conv.messages),
                facts=dict(conv.facts),
                verdicts=self._verdicts(conv),
                reasons=self._reasons(conv),
            )

    def forget(self, conversation_id: str) -> bool:
        """Erase one conversation."""
        with self._lock:
            return self.conversations.pop(conversation_id, None) is not None


@dataclass
class FakeCore:
    """Shaped like `trialbot.bootstrap.Core` as far as the web chat reads it."""

    settings: Settings
    catalog: FakeCatalog
    store: FakeStore
    service: FakeService
    warmed_up: bool = False

    def warm_up(self) -> None:
        """Record that the channel warmed the core up before serving."""
        self.warmed_up = True


def make_core(staff_token: str | None = None) -> FakeCore:
    """A fake core, optionally with a staff token configured."""
    settings = Settings(TRIALBOT_STAFF_TOKEN=staff_token, _env_file=None)  # type: ignore[call-arg]
    catalog = FakeCatalog()
    return FakeCore(settings, catalog, FakeStore(), FakeService(catalog))

"""ConversationService: the one entry point every channel calls (lock, load, dedupe, step, commit).

Duplicates: a message whose `message_id` was already handled changes nothing. When it is the most
recent handled message, the same replies are returned again (a channel that lost the first answer
gets it again); an older duplicate gets a Turn with no replies. Both carry the current verdicts.

Length: a typed message over `MAX_TEXT` characters (a channel may pass longer ones: the web API
takes up to its body limit, Telegram up to 4096) is not read; the turn says so, asks to send it in
shorter parts and asks the pending question again, and nothing known is changed.

Scope: `Incoming.trials` sets the trials in scope when it differs from the last list a channel
sent (so a channel may send the same list with every message without undoing a trial the
patient picked by name since). An empty list means every registered trial.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from trialbot.dialog.engine import DialogEngine, StepResult
from trialbot.dialog.meaning import MeaningMatcher
from trialbot.dialog.rules import EligibilityRules
from trialbot.dialog.state import DialogState, dump_state, load_state
from trialbot.dialog.texts import Texts
from trialbot.domain.ports import ConversationStore, QuestionAnswerer, TrialCatalog
from trialbot.domain.turn import ConversationView, Incoming, Reply, Turn, Verdict

log = logging.getLogger(__name__)
MAX_TEXT = 4000  # longer messages get a notice to send it in parts, and are not read
MAX_SAVED_TEXT = 200  # what the staff transcript keeps of a message that was too long


class ConversationService:
    """Runs the guided dialog for any number of conversations, safely across threads/processes."""

    def __init__(
        self,
        catalog: TrialCatalog,
        store: ConversationStore,
        answerer: QuestionAnswerer,
        *,
        today: Callable[[], dt.date] | None = None,
        rules: EligibilityRules | None = None,
        texts: Texts | None = None,
        meaning: MeaningMatcher | None = None,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.answerer = answerer
        self.texts = texts or Texts()
        self.engine = DialogEngine(
            catalog, answerer, rules=rules, texts=self.texts, today=today, meaning=meaning
        )

    def warm_up(self) -> int:
        """Read every registered trial's criteria now (optional; else on first use). Returns
        the number of trials: a channel may call this at start so no patient waits for it."""
        trials = self.engine.trials()
        warm = getattr(self.engine.rules, "warm_up", None)
        if callable(warm):
            warm(trials)
        return len(trials)

    def handle(self, incoming: Incoming) -> Turn:
        """Handle one message; never raises (errors become a `notice` and the dialog goes on)."""
        conversation_id = incoming.conversation_id
        try:
            with self.store.locked(conversation_id):
                return self._handle_locked(incoming)
        except Exception as error:
            log.error("turn failed in the store or dialog: %s", type(error).__name__)
            return Turn(conversation_id=conversation_id, replies=[self._error_reply()])

    def _handle_locked(self, incoming: Incoming) -> Turn:
        conversation_id = incoming.conversation_id
        raw = self.store.load(conversation_id)
        state = load_state(raw)
        message_id = incoming.message_id
        if message_id is not None and message_id in state.handled_ids:
            again = state.last_replies if message_id == state.handled_ids[-1] else []
            return Turn(
                conversation_id=conversation_id,
                replies=again,
                verdicts=self._verdicts(state, conversation_id),
            )
        text = incoming.text or ""
        too_long = len(text) > MAX_TEXT and incoming.button is None
        text = text[:MAX_TEXT]
        button = incoming.button[:MAX_TEXT] if incoming.button is not None else None
        try:
            if too_long:  # not read at all: a cut message could be misread; nothing changes
                result = self.engine.too_long(state, MAX_TEXT, conversation_id)
                text = text[:MAX_SAVED_TEXT] + "…"
            else:
                result = self.engine.step(
                    state, text, button, trials=incoming.trials, conversation_id=conversation_id
                )
        except Exception as error:
            log.error("dialog step failed: %s", type(error).__name__)
            state = load_state(raw)  # drop half-made changes; keep everything known before
            result = StepResult(replies=[self._error_reply()])
        if result.forget:
            self.engine.assessor.forget(conversation_id)
            return self._forget_turn(conversation_id)
        state.record("user", button if button is not None else text)
        for reply in result.replies:
            state.record("bot", reply.text, reply.kind)
        if message_id is not None:
            state.remember_message(message_id, result.replies)
        self.store.save(conversation_id, dump_state(state))
        verdicts = result.verdicts or self._verdicts(state, conversation_id)
        return Turn(conversation_id=conversation_id, replies=result.replies, verdicts=verdicts)

    def _forget_turn(self, conversation_id: str) -> Turn:
        erased = self.store.delete(conversation_id)
        key = "forget_done" if erased else "forget_nothing"
        reply = Reply(kind="notice", text=self.texts.say(key))
        return Turn(
            conversation_id=conversation_id, replies=[reply], verdicts=self._verdicts(DialogState())
        )

    def _error_reply(self) -> Reply:
        return Reply(kind="notice", text=self.texts.say("error"))

    def _verdicts(
        self, state: DialogState, conversation_id: str | None = None
    ) -> dict[str, Verdict]:
        try:
            walk = self.engine.walk(state, conversation_id)
            return walk.verdicts()
        except Exception as error:
            log.error("verdicts failed: %s", type(error).__name__)
            return {}

    def view(self, conversation_id: str) -> ConversationView | None:
        """The conversation so far for staff: messages, facts, verdicts and reasons per trial."""
        raw = self.store.load(conversation_id)
        if raw is None:
            return None
        state = load_state(raw)
        walk = self.engine.walk(state)
        assessments = walk.assessments()
        return ConversationView(
            conversation_id=conversation_id,
            scope=[t.id for t in walk.trials],
            messages=list(state.transcript),
            facts=dict(state.facts),
            verdicts={k: a.verdict for k, a in assessments.items()},
            reasons={k: [o.model_dump() for o in a.outcomes] for k, a in assessments.items()},
        )

    def forget(self, conversation_id: str) -> bool:
        """Erase everything stored about a conversation; True when something was erased."""
        self.engine.assessor.forget(conversation_id)
        with self.store.locked(conversation_id):
            return self.store.delete(conversation_id)

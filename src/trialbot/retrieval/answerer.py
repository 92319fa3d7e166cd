"""The question answerer: structured fields, definitions and hybrid retrieval; offline."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from trialbot.domain.ports import TrialCatalog
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Citation, Reply
from trialbot.prompts import load_prompts
from trialbot.retrieval import composer, store
from trialbot.retrieval.embeddings import embed_texts, load_embedder, query_vector
from trialbot.retrieval.glossary import Glossary, load_glossary
from trialbot.retrieval.hybrid import Hit, Query, prepare_query, search
from trialbot.retrieval.intents import (
    definition_term,
    needs_figure,
    section_boosts,
    structured_intent,
)
from trialbot.retrieval.mirror import PassageMirror, load_mirror
from trialbot.retrieval.record import contact_text
from trialbot.retrieval.structured import Part, answer_part
from trialbot.settings import Settings

DEFINITION_SCAN_LIMIT = 3000  # passages scanned for a definition before falling back to hits


@dataclass(frozen=True)
class _State:
    mirror: PassageMirror
    trials: dict[str, Trial]  # lower-case id -> trial
    generation: int


class RetrievalAnswerer:
    """Answers lay questions from the trial documents only; safe to share between threads."""

    def __init__(
        self,
        settings: Settings,
        catalog: TrialCatalog,
        *,
        embedder: Any = None,
        glossary: Glossary | None = None,
        rewriter: Any = None,
        sync_on_open: bool = True,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self._embedder = embedder
        self._glossary = glossary
        self._rewriter = rewriter
        self._sync_on_open = sync_on_open
        self._wording: dict[str, Any] = load_prompts("answers", settings.prompts_dir)
        self._state: _State | None = None
        self._lock = threading.Lock()

    # -- loading -------------------------------------------------------------------------------
    @property
    def embedder(self) -> Any:
        """The embedder (the shared real model unless one was given)."""
        if self._embedder is None:
            self._embedder = load_embedder()
        return self._embedder

    @property
    def glossary(self) -> Glossary:
        """The plain-words glossary."""
        if self._glossary is None:
            self._glossary = load_glossary(self.settings.prompts_dir)
        return self._glossary

    def _current(self) -> _State:
        state = self._state
        if state is not None and state.generation == store.generation():
            return state
        with self._lock:
            state = self._state
            if state is None or state.generation != store.generation():
                state = self._load()
                self._state = state
        return state

    def _load(self) -> _State:
        if self._sync_on_open:
            from trialbot.retrieval.indexer import sync_index

            sync_index(self.settings, self.catalog, embedder=self.embedder)
        generation = store.generation()
        mirror = load_mirror(store.open_collection(self.settings))
        trials = {t.id.lower(): t for t in self.catalog.list_trials()}
        return _State(mirror, trials, generation)

    def warm_up(self) -> None:
        """Load the model, the store and the lexical index now rather than on the first question."""
        self._current()
        self.glossary.plain("")
        embed_texts(self.embedder, ["warm up"])

    def refresh(self) -> None:
        """Reload the stored passages (after another process changed the index)."""
        with self._lock:
            self._state = None

    # -- answering -----------------------------------------------------------------------------
    def answer(self, question: str, trial_ids: Sequence[str]) -> Reply:
        """A reply of kind `answer` (with citations) or `no_answer`; never text from elsewhere."""
        state = self._current()
        scope = self._scope(state, trial_ids)
        text = (question or "").strip()[:1000]
        if not scope:
            return Reply(kind="no_answer", text=str(self._wording["no_trials"]))
        if not any(ch.isalnum() for ch in text):
            return self._no_answer(scope)
        vector = np.asarray(query_vector(self.embedder, text), dtype=np.float32)
        query = prepare_query(text, vector, self.glossary)
        ids = [t.id for t in scope] if trial_ids else []
        parts = self._parts(state, query, scope, ids)
        if not parts:
            return self._no_answer(scope)
        return self._reply(query, parts)

    def _parts(self, state: _State, query: Query, scope: list[Trial], ids: list[str]) -> list[Part]:
        term = definition_term(query.text)
        if term:
            parts = self._define(state, term, query, scope, ids)
            if parts:
                return parts
        intent = structured_intent(query.text)
        hits = search(state.mirror, query, ids, k=10)
        if intent:
            focus = scope if len(scope) <= composer.MAX_TRIALS else self._trials_of(state, hits)
            found = [answer_part(intent, trial, query.text, self._wording) for trial in focus]
            return [p for p in found if p is not None]
        return self._retrieved(state, query, hits)

    def _retrieved(self, state: _State, query: Query, hits: list[Hit]) -> list[Part]:
        parts = []
        boosts = section_boosts(query.text)
        for trial_id, scored in composer.answering_trials(hits, boosts).items():
            trial = state.trials.get(trial_id.lower())
            if trial is None:
                continue
            text, passages = composer.pick_sentences(query, scored)
            if needs_figure(query.text) and not any(ch.isdigit() for ch in text):
                continue
            parts.append(composer.part_from(trial, self.glossary.plain(text), passages))
        return parts

    def _define(
        self, state: _State, term: str, query: Query, scope: list[Trial], ids: list[str]
    ) -> list[Part]:
        rows = state.mirror.rows_for(ids)
        if rows is not None and len(rows) <= DEFINITION_SCAN_LIMIT:
            passages = [state.mirror.passages[int(r)] for r in rows]
        else:
            passages = [h.passage for h in search(state.mirror, query, ids, k=20)]
        found = composer.definition_sentences(term, passages)
        parts: list[Part] = []
        for trial in scope:
            mine = [(s, p) for score, s, p in found if p.trial_id == trial.id and score >= 2][:2]
            if not mine:
                mine = [(s, p) for _, s, p in found if p.trial_id == trial.id][:1]
            if mine:
                text = " ".join(s for s, _ in mine)
                used = [p for _, p in mine]
                parts.append(composer.part_from(trial, self.glossary.plain(text), used))
        return parts[: composer.MAX_TRIALS]

    def search(self, question: str, trial_ids: Sequence[str], k: int = 8) -> list[Hit]:
        """The best passages for a question among the trials in scope (hybrid, fused)."""
        state = self._current()
        vector = np.asarray(query_vector(self.embedder, question), dtype=np.float32)
        query = prepare_query(question, vector, self.glossary)
        return search(state.mirror, query, [str(t) for t in trial_ids], k=k)

    def as_retriever(self, trial_ids: Sequence[str] = (), k: int = 6) -> Any:
        """This index as a LangChain retriever (`HybridRetriever`)."""
        from trialbot.retrieval.retriever import HybridRetriever

        return HybridRetriever(answerer=self, trial_ids=list(trial_ids), k=k)

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _scope(state: _State, trial_ids: Sequence[str]) -> list[Trial]:
        if not trial_ids:
            return list(state.trials.values())
        keys = dict.fromkeys(str(t).strip().lower() for t in trial_ids)
        return [state.trials[key] for key in keys if key in state.trials]

    @staticmethod
    def _trials_of(state: _State, hits: list[Hit]) -> list[Trial]:
        ordered = dict.fromkeys(h.passage.trial_id.lower() for h in hits)
        return [state.trials[t] for t in list(ordered)[:1] if t in state.trials]

    def _label(self, trial: Trial) -> str:
        title = trial.title if len(trial.title) <= 70 else trial.title[:67].rsplit(" ", 1)[0] + "…"
        name = f"{title} ({trial.id})"
        return str(self._wording["trial_label"]).format(name=name, id=trial.id)

    def _reply(self, query: Query, parts: list[Part]) -> Reply:
        if len(parts) == 1:
            text = parts[0].text
        else:
            text = "\n".join(self._label(p.trial) + p.text for p in parts)
        citations: list[Citation] = []
        for part in parts:
            citations.extend(c for c in part.citations if c not in citations)
        if self._rewriter is not None:
            text = self._rewriter.reword(query.text, text, citations) or text
        return Reply(kind="answer", text=text, citations=citations)

    def _no_answer(self, scope: list[Trial]) -> Reply:
        known = [t for t in scope[: composer.MAX_TRIALS] if t.contacts] if len(scope) <= 3 else []
        if known:
            contacts = "; ".join(
                (self._label(t) if len(known) > 1 else "") + contact_text(t.contacts[0])
                for t in known
            )
            contact = str(self._wording["no_answer_contact"]).format(contacts=contacts)
        else:
            contact = str(self._wording["no_answer_no_contact"])
        return Reply(kind="no_answer", text=str(self._wording["no_answer"]).format(contact=contact))

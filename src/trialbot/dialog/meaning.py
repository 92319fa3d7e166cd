"""Meaning, not only patterns: free text matched to example utterances by sentence embeddings.

Used only when the deterministic readers found nothing: free text to a choice question ("I'm
retired, I play golf twice a week") and openings that mean "check me". The examples live in
prompts/meanings.yaml; their vectors are computed once. A strong match counts; a weaker one is
read back for the person to confirm; below that nothing is matched.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from trialbot.prompts import load_prompts

Encode = Callable[[Sequence[str]], Any]  # texts -> unit-length vectors (rows)
Strength = Literal["strong", "weak"]


@dataclass(frozen=True)
class Match:
    """The label matched (a choice value or an intent name) and how strongly."""

    label: str
    score: float
    strength: Strength


class MeaningMatcher:
    """Nearest example utterance by cosine similarity, with thresholds from the data file."""

    def __init__(self, encode: Encode, data: dict[str, Any] | None = None) -> None:
        self._encode = encode
        self._data = data if data is not None else dict(load_prompts("meanings"))
        limits = self._data.get("thresholds") or {}
        self.strong = float(limits.get("strong", 0.62))
        self.weak = float(limits.get("weak", 0.48))
        self.margin = float(limits.get("margin", 0.04))
        self._examples: dict[str, tuple[list[str], Any]] = {}
        self._lock = threading.Lock()

    def _vectors(self, key: str, groups: dict[str, list[str]]) -> tuple[list[str], Any]:
        """(label per example, example vectors) for one group, encoded once."""
        cached = self._examples.get(key)
        if cached is None:
            labels = [label for label, texts in groups.items() for _ in texts]
            texts = [text for items in groups.values() for text in items]
            cached = (labels, self._encode(texts))
            with self._lock:
                self._examples[key] = cached
        return cached

    def _best(self, key: str, groups: dict[str, list[str]], text: str) -> Match | None:
        if not groups or not text.strip():
            return None
        labels, vectors = self._vectors(key, groups)
        scores = vectors @ self._encode([text])[0]
        best: dict[str, float] = {}
        for label, score in zip(labels, scores, strict=True):
            best[label] = max(best.get(label, -1.0), float(score))
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
        label, score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else -1.0
        if score < self.weak or score - runner_up < self.margin:
            return None
        return Match(label, score, "strong" if score >= self.strong else "weak")

    def choice(self, fact_id: str, labels: dict[str, str], text: str) -> Match | None:
        """The choice value `text` means (examples plus the choices' own labels), or None."""
        groups = {value: [label] for value, label in labels.items()}
        for value, examples in ((self._data.get("choices") or {}).get(fact_id) or {}).items():
            groups.setdefault(str(value), []).extend(str(e) for e in examples)
        return self._best(f"choice:{fact_id}:{sorted(labels.items())}", groups, text)

    def intent(self, name: str, text: str) -> Match | None:
        """A match when `text` means the intent `name` (against other intents' examples too)."""
        raw = self._data.get("intents") or {}
        intents = {str(k): [str(e) for e in v] for k, v in raw.items()}
        found = self._best("intents", intents, text)
        return found if found is not None and found.label == name else None

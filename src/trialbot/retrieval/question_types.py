"""Kinds of lay questions (prompts/question_types.yaml): patterns first, then nearest examples."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from trialbot.prompts import load_prompts

# "how long is the part where I might get the fake treatment" asks how long, not whether
_HOW_MUCH = re.compile(r"^\W*(and |so |but )?how (long|often|many|much|far|soon)\b", re.I)
_YES_NO_START = re.compile(
    r"^\W*(and |so |but |ok,? )?(is|are|was|were|will|would|do|does|did|can|could|has|have|am|"
    r"should|shall|may|might|won.?t|isn.?t|aren.?t|don.?t|doesn.?t)\b",
    re.I,
)


VOTERS = 3  # the nearest examples that vote for a kind, each with its cosine


@dataclass(frozen=True)
class QuestionType:
    """One kind of question: its patterns, answer source and section boosts."""

    name: str
    source: str  # record | passages | refuse
    yes_no: bool = False
    fallback: str = "passages"  # when the record lacks the field: passages | none | untyped
    patterns: tuple[re.Pattern[str], ...] = ()
    examples: tuple[str, ...] = ()
    boosts: dict[str, float] = field(default_factory=dict)
    # questions never given this kind by their nearest examples ("when will the operation
    # happen, before or after the drug?" is near "what stage of testing is it at", no phase)
    unless: tuple[re.Pattern[str], ...] = ()


_QUESTION = re.compile(
    r"\?\s*$|^\W*(and |so |but )?(what|which|who|whom|whose|where|when|why|how|is|are|was|"
    r"were|will|would|do|does|did|can|could|has|have|should|may|might)\b",
    re.I,
)


def is_question(text: str) -> bool:
    """True for text worded as a question (not a statement such as "I'm in another trial")."""
    return bool(_QUESTION.search(text))


def is_yes_no(question: str) -> bool:
    """True for a question that asks for yes or no ("Is there a placebo?")."""
    return bool(_YES_NO_START.search(question)) and not _HOW_MUCH.search(question)


class QuestionTypes:
    """Classifies a question into one kind, or None (then passages answer it)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.min_similarity = float(data.get("min_similarity", 0.62))
        self.margin = float(data.get("margin", 0.03))
        self.types: dict[str, QuestionType] = {}
        for name, spec in (data.get("types") or {}).items():
            self.types[name] = QuestionType(
                name=name,
                source=str(spec.get("source", "passages")),
                yes_no=bool(spec.get("yes_no", False)),
                fallback=str(spec.get("fallback", "passages")),
                patterns=tuple(re.compile(p, re.I) for p in spec.get("patterns") or []),
                examples=tuple(str(e) for e in spec.get("examples") or []),
                boosts={str(k): float(v) for k, v in (spec.get("boosts") or {}).items()},
                unless=tuple(re.compile(p, re.I) for p in spec.get("unless") or []),
            )
        self._labels = [t.name for t in self.types.values() for _ in t.examples]
        self._texts = [e for t in self.types.values() for e in t.examples]
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()

    def by_pattern(self, question: str) -> QuestionType | None:
        """The first kind whose pattern matches (yes/no kinds only for yes/no questions)."""
        if _HOW_MUCH.search(question):
            wanted = [t for t in self.types.values() if not t.yes_no]
        else:
            wanted = list(self.types.values())
        for kind in wanted:
            if any(p.search(question) for p in kind.patterns):
                return kind
        return None

    def nearest(
        self, vector: np.ndarray, embedder: Any, question: str = ""
    ) -> tuple[QuestionType | None, float]:
        """The kind most of the nearest examples share (cosine-weighted vote over unit vectors),
        when the nearest is close enough and the vote clear enough, and the question is none
        its `unless` patterns keep out."""
        matrix = self._examples(embedder)
        if matrix is None or not len(matrix):
            return None, 0.0
        scores = matrix @ np.asarray(vector, dtype=np.float32)
        top = np.argsort(-scores)[:VOTERS]
        votes: dict[str, float] = {}
        for row in top.tolist():
            votes[self._labels[row]] = votes.get(self._labels[row], 0.0) + float(scores[row])
        ranked = sorted(votes.items(), key=lambda item: -item[1])
        name, weight = ranked[0]
        score = float(scores[top[0]])
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if score < self.min_similarity or weight - runner_up < self.margin:
            return None, score
        kind = self.types[name]
        if question and any(p.search(question) for p in kind.unless):
            return None, score
        return kind, score

    def prepare(self, embedder: Any) -> None:
        """Embed the example questions now rather than on the first question."""
        self._examples(embedder)

    def _examples(self, embedder: Any) -> np.ndarray | None:
        if self._matrix is None and self._texts:
            with self._lock:
                if self._matrix is None:
                    from trialbot.retrieval.embeddings import embed_texts

                    encoded = embed_texts(embedder, self._texts)
                    self._matrix = np.asarray(encoded, dtype=np.float32)
        return self._matrix


def load_question_types(prompts_dir: Path | None = None) -> QuestionTypes:
    """The kinds in prompts/question_types.yaml."""
    return QuestionTypes(load_prompts("question_types", prompts_dir) or {})

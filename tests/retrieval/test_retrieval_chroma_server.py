"""The index on a Chroma server (chromadb.HttpClient), chosen by TRIALBOT_CHROMA_URL."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from trialbot.domain.trial import Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.indexer import sync_index
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.settings import Settings

CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    """A Chroma server on a free local port, stopped after the test."""
    if not CHROMA.exists() and shutil.which("chroma") is None:
        pytest.skip("the chroma server command is not installed")
    port = _free_port()
    command = [str(CHROMA if CHROMA.exists() else "chroma"), "run", "--path", str(tmp_path)]
    server = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=0.5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.skip("the chroma server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_sync_and_answer_through_a_chroma_server(
    chroma_url: str, tmp_path: Path, seed_trials: list[Trial]
) -> None:
    """Indexing and answering work the same against a server; a re-sync embeds nothing."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path / "index", TRIALBOT_CHROMA_URL=chroma_url)
    fake = DeterministicFakeEmbedding(size=384)
    catalog = MemoryCatalog(seed_trials)
    first = sync_index(settings, catalog, embedder=fake)
    assert first.embedded_chunks == first.chunks > 0 and first.store == chroma_url
    assert sync_index(settings, catalog, embedder=fake).embedded_chunks == 0
    reply = RetrievalAnswerer(settings, catalog, embedder=fake).answer("Where is it?", [])
    assert reply.kind == "answer" and reply.citations
    assert not (tmp_path / "index" / "chroma").exists()

"""Vector index and retrieval chain: answers lay questions from the trial documents only."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from trialbot.settings import Settings

if TYPE_CHECKING:
    from trialbot.domain.ports import TrialCatalog
    from trialbot.retrieval.answerer import RetrievalAnswerer

__all__ = ["open_answerer"]

_lock = threading.Lock()
_answerers: dict[tuple[str, int], RetrievalAnswerer] = {}


def open_answerer(settings: Settings, catalog: TrialCatalog) -> RetrievalAnswerer:
    """The question answerer over the built index (one per store and catalog in a process)."""
    from trialbot.retrieval.answerer import RetrievalAnswerer
    from trialbot.retrieval.llm import rewriter_from_settings
    from trialbot.retrieval.store import store_location

    key = (store_location(settings), id(catalog))
    with _lock:
        answerer = _answerers.get(key)
        if answerer is None:
            rewriter = rewriter_from_settings(settings)
            answerer = RetrievalAnswerer(settings, catalog, rewriter=rewriter)
            _answerers[key] = answerer
        return answerer

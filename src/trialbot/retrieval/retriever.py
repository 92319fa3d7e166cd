"""The hybrid search as a LangChain retriever, for composing chains over the same index."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field


class HybridRetriever(BaseRetriever):
    """Dense + BM25 passages of the trials in scope (all trials when `trial_ids` is empty)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    answerer: Any  # a RetrievalAnswerer: its loaded passages, embedder and glossary are reused
    trial_ids: list[str] = Field(default_factory=list)
    k: int = 6

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        """The best passages with their trial, section and scores as metadata."""
        del run_manager
        hits = self.answerer.search(query, self.trial_ids, k=self.k)
        return [
            Document(
                page_content=hit.passage.text,
                id=hit.passage.id,
                metadata={
                    "trial_id": hit.passage.trial_id,
                    "section": hit.passage.section,
                    "criterion_id": hit.passage.criterion_id,
                    "dense": hit.dense,
                    "lexical": hit.lexical,
                    "fused": hit.fused,
                },
            )
            for hit in hits
        ]

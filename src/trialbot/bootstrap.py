"""Wires the adapters to the core in one place. Imports are local so each piece loads lazily."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from trialbot.settings import Settings, load_settings

if TYPE_CHECKING:
    from trialbot.domain.ports import ConversationStore, QuestionAnswerer
    from trialbot.service import ConversationService
    from trialbot.sources.catalog import FileTrialCatalog


@dataclass
class Core:
    """Everything a channel needs: the service and the pieces behind it."""

    settings: Settings
    catalog: FileTrialCatalog
    store: ConversationStore
    answerer: QuestionAnswerer
    service: ConversationService

    def warm_up(self) -> None:
        """Load what the first patient would otherwise wait for: criteria, model, passages."""
        self.service.warm_up()
        warm_answerer = getattr(self.answerer, "warm_up", None)
        if callable(warm_answerer):
            warm_answerer()


def open_catalog(settings: Settings) -> FileTrialCatalog:
    """The trials registered in the index dir."""
    from trialbot.sources.catalog import FileTrialCatalog

    return FileTrialCatalog(settings.index_dir)


def open_store(settings: Settings) -> ConversationStore:
    """The conversation store named by the database URL (SQLite by default)."""
    from trialbot.storage import open_store as open_conversation_store

    return open_conversation_store(settings.resolved_database_url)


def open_answerer(settings: Settings, catalog: FileTrialCatalog) -> QuestionAnswerer:
    """The retrieval chain over the built index."""
    from trialbot.retrieval import open_answerer as open_retrieval_answerer

    return open_retrieval_answerer(settings, catalog)


def sync_search_index(settings: Settings, catalog: FileTrialCatalog, progress: bool = False) -> Any:
    """Bring the vector index in line with the registered trials (only changed ones re-embedded)."""
    from trialbot.retrieval.indexer import sync_index

    return sync_index(settings, catalog, progress=progress)


def build_core(
    settings: Settings | None = None,
    *,
    store: ConversationStore | None = None,
    answerer: QuestionAnswerer | None = None,
) -> Core:
    """The conversation service with its catalog, store and answerer."""
    from trialbot.service import ConversationService

    settings = settings or load_settings()
    catalog = open_catalog(settings)
    store = store or open_store(settings)
    answerer = answerer or open_answerer(settings, catalog)
    rules, offered = reviewed_rules(settings, catalog)
    service = ConversationService(
        catalog=offered, store=store, answerer=answerer, rules=rules, meaning=meaning_matcher()
    )
    from trialbot.dialog.catalogue import set_non_recruiting_policy

    set_non_recruiting_policy(settings.non_recruiting)
    return Core(settings, catalog, store, answerer, service)


def reviewed_rules(settings: Settings, catalog: FileTrialCatalog) -> tuple[Any, Any]:
    """The criteria engine with staff reviews applied, and the trials offered to patients
    (only fully reviewed ones when `TRIALBOT_REVIEWED_TRIALS_ONLY` is set)."""
    from trialbot.dialog.rules import CachedEligibility
    from trialbot.sources.reviews import ReviewedTrials, open_review_book

    rules = CachedEligibility(reviews=open_review_book(settings.index_dir))
    if settings.reviewed_trials_only:
        return rules, ReviewedTrials(catalog, rules.criteria)
    return rules, catalog


def meaning_matcher() -> Any:
    """The dialog's meaning matcher over the shared embedding model (loaded on first use)."""
    from trialbot.dialog.meaning import MeaningMatcher

    def encode(texts: Any) -> Any:
        from trialbot.retrieval.embeddings import embed_texts, load_embedder

        return embed_texts(load_embedder(), list(texts))

    return MeaningMatcher(encode)

"""Optional chat-model wording: kept only when the sources support it."""

from __future__ import annotations

from pathlib import Path

from langchain_core.embeddings import DeterministicFakeEmbedding
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Citation
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.llm import LLMRewriter, rewriter_from_settings, supported
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.settings import Settings

SOURCE = [
    Citation(
        trial_id="NCT07479732",
        section="interventions",
        text="Liposomal Irinotecan: Intravenous liposomal irinotecan on Day 1, 8, and 15.",
    )
]


class FailingModel:
    """A chat model whose endpoint is down."""

    def invoke(self, prompt: str) -> str:
        """Always fail."""
        raise ConnectionError("endpoint down")


def test_supported_answer_is_used() -> None:
    """Wording that only restates the sources replaces the draft."""
    words = "Irinotecan goes into a vein on days 1, 8 and 15."
    rewriter = LLMRewriter(FakeListChatModel(responses=[words]))
    assert rewriter.reword("How is it given?", "draft", SOURCE) == words


def test_unsupported_facts_fall_back_to_the_offline_answer() -> None:
    """A number, place or drug not in the sources makes the model's wording unusable."""
    for invented in (
        "It is given on day 22.",
        "It is given in Berlin.",
        "You also get sorafenib.",
    ):
        rewriter = LLMRewriter(FakeListChatModel(responses=[invented]))
        assert rewriter.reword("How is it given?", "draft", SOURCE) is None


def test_refusal_and_errors_fall_back() -> None:
    """The model saying the sources do not answer, or failing, leaves the offline answer."""
    refusing = LLMRewriter(FakeListChatModel(responses=["NOT_IN_SOURCES"]))
    assert refusing.reword("q", "d", SOURCE) is None
    assert LLMRewriter(FailingModel()).reword("q", "d", SOURCE) is None


def test_supported_checks_numbers_names_and_drugs() -> None:
    """The support check accepts restatements and rejects new facts."""
    sources = "Patients aged 12 to 65 in Beijing receive apatinib."
    assert supported("People from 12 to 65 can join, in Beijing.", sources)
    assert not supported("People from 12 to 70 can join.", sources)
    assert not supported("It runs in Shanghai.", sources)
    assert not supported("You get regorafenib.", sources)


def test_answerer_uses_the_rewriter_when_configured(
    tmp_path: Path, seed_trials: list[Trial]
) -> None:
    """The answerer passes its draft and citations through the rewriter."""
    model = FakeListChatModel(responses=["The trial is in Beijing, China."])
    answerer = RetrievalAnswerer(
        Settings(TRIALBOT_INDEX_DIR=tmp_path),
        MemoryCatalog(seed_trials),
        embedder=DeterministicFakeEmbedding(size=384),
        rewriter=LLMRewriter(model),
    )
    reply = answerer.answer("Where is it?", ["NCT07479732"])
    assert reply.text == "The trial is in Beijing, China." and reply.citations


def test_no_model_configured_means_offline() -> None:
    """Without a model name there is no rewriter; with one, a LangChain chat model is built."""
    assert rewriter_from_settings(Settings()) is None
    rewriter = rewriter_from_settings(
        Settings(TRIALBOT_LLM_MODEL="llama3", TRIALBOT_LLM_PROVIDER="ollama")
    )
    assert rewriter is not None and "11434" in str(rewriter.model.openai_api_base)

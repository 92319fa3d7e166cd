"""Optional wording of answers by a chat model; kept only when the sources support every fact."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trialbot.domain.turn import Citation
from trialbot.prompts import load_text
from trialbot.settings import Settings

log = logging.getLogger(__name__)
REFUSAL = "NOT_IN_SOURCES"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'-]{2,}")
_DRUG_LIKE = re.compile(
    r"\b\w+(?:mab|nib|tinib|platin|taxel|rubicin|tecan|mide|stine|mycin|cillin|vir|zumab|"
    r"lisib|ciclib|parib|tide|sone|olone)\b",
    re.I,
)


def supported(answer: str, sources: str, question: str = "") -> bool:
    """True when every number, name and drug-like word of the answer appears in the sources."""
    haystack = f"{sources}\n{question}".lower()
    digits = set(_NUMBER.findall(haystack))
    if any(n not in digits and n.replace(",", ".") not in digits for n in _NUMBER.findall(answer)):
        return False
    for sentence in re.split(r"(?<=[.!?])\s+", answer):
        for name in _NAME.findall(sentence[1:] if sentence else ""):
            if name.lower() not in haystack:
                return False
    return all(word.lower() in haystack for word in _DRUG_LIKE.findall(answer))


class LLMRewriter:
    """Asks a LangChain chat model to word the answer; falls back to the offline text."""

    def __init__(self, model: Any, prompts_dir: Path | None = None) -> None:
        self.model = model
        self.template = load_text("llm_answer.txt", prompts_dir)

    def reword(self, question: str, draft: str, citations: Sequence[Citation]) -> str | None:
        """The model's answer when it is supported by the cited passages, else None."""
        sources = "\n".join(f"[{c.trial_id} · {c.section}] {c.text}" for c in citations)
        prompt = self.template.format(sources=sources, draft=draft, question=question)
        try:
            result = self.model.invoke(prompt)
        except Exception as error:  # the offline answer is always there to fall back on
            log.warning("chat model failed (%s); using the offline answer", type(error).__name__)
            return None
        text = str(getattr(result, "content", result)).strip()
        if not text or REFUSAL in text or not supported(text, sources + "\n" + draft, question):
            return None
        return text


def rewriter_from_settings(settings: Settings) -> LLMRewriter | None:
    """A rewriter over the configured OpenAI-compatible (or Ollama) endpoint, or None."""
    if not settings.llm_model:
        return None
    from langchain_openai import ChatOpenAI

    base_url = settings.llm_base_url
    if settings.llm_provider == "ollama" and not base_url:
        base_url = "http://localhost:11434/v1"
    model = ChatOpenAI(
        model=settings.llm_model,
        base_url=base_url,
        api_key=settings.llm_api_key or "not-needed",
        temperature=0,
        timeout=20,
        max_retries=1,
    )
    return LLMRewriter(model, settings.prompts_dir)

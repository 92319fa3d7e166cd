"""Recognises questions about structured fields of a trial (where, status, phase, contacts, ...)."""

from __future__ import annotations

import re

_BODY_WORDS = re.compile(r"\b(vein|body|spread|bone|skin|injected|cancer|tumou?r|given)\b")
_PLACE_NOUNS = (
    r"cit(y|ies)|countr(y|ies)|hospitals?|clinics?|sites?|places?|cent(er|re)s?|locations?|towns?"
)

INTENTS: dict[str, re.Pattern[str]] = {
    "contacts": re.compile(
        r"\b(contact|phone|telephone|e-?mail|call|ring|get in touch|reach (them|someone|the)|"
        r"(talk|speak) (to|with) (someone|somebody|the|a)|who (do|should|can) i (ask|talk|speak))"
    ),
    "eligibility": re.compile(
        r"\b(how old|ages?|age limit|age range|too (old|young)|years? old|minimum age|"
        r"maximum age|old enough|young enough|gender|only for (men|women|boys|girls)|"
        r"(men|women|boys|girls|males?|females?) (only|allowed)|"
        r"(open|available) to (men|women|boys|girls|children|kids|adults|teenagers)|"
        r"can (men|women|boys|girls|children|kids|adults|teenagers) (join|take part))\b"
    ),
    "sites": re.compile(
        rf"\b(where|(which|what) ({_PLACE_NOUNS})|locations?|sites?|near me|"
        r"in (which|what) (city|country|town)|what hospital|which hospital)\b"
    ),
    "status": re.compile(
        r"\b(recruit\w*|still (open|running|going|accepting|enrolling)|"
        r"(is|are) (it|the (trial|study)|they) (open|accepting|enrolling|taking)|"
        r"accepting (new )?(people|patients|participants)|taking (new )?(people|patients)|"
        r"when (does|will|did) (it|the (trial|study)) (start|begin|open)|start date|status)\b"
    ),
    "phase": re.compile(r"\bphase\b"),
    "enrollment": re.compile(
        r"\b(how many (people|participants|patients|subjects|children|volunteers|others)|"
        r"number of (people|participants|patients)|enrol+ment|sample size|how big)\b"
    ),
    "sponsor": re.compile(
        r"\b(sponsor\w*|who (is )?(runs|running|organi[sz]es|conducts|is behind|leads)|"
        r"which (company|organi[sz]ation|university))\b"
    ),
    "summary": re.compile(
        r"\b(what('s| is) (this|the) (trial|study) (about|for)|what (is|are) (it|they) (about|testing)|"
        r"purpose of (this|the) (trial|study)|what is being (tested|studied)|"
        r"aim of (this|the) (trial|study)|goal of (this|the) (trial|study)|"
        r"what (does|will) (the|this) (trial|study) (do|test|look at))\b"
    ),
}

_DEFINITION = re.compile(
    r"^\s*(?:what|wat)\s+(?:does|do|is|are)\s+(?:the\s+(?:word|term)\s+)?[\"“']?"
    r"(?P<a>[\w /'\-]+?)[\"”']?\s+(?:mean|means|stand for)\b"
    r"|^\s*what(?:'s| is| are)\s+(?:an?\s+)?(?P<b>[\w\-]+(?:\s[\w\-]+)?)\s*\??\s*$"
    r"|^\s*(?:define|meaning of|explain)\s+(?:the\s+(?:word|term)\s+)?[\"“']?(?P<c>[\w /\-]+?)[\"”']?\s*\??\s*$",
    re.I,
)
_NOT_TERMS = {"it", "this", "that", "the trial", "the study", "this trial", "this study", "they"}


def structured_intent(question: str) -> str | None:
    """The structured field a question asks about, or None."""
    lowered = question.lower()
    for name, pattern in INTENTS.items():
        if not pattern.search(lowered):
            continue
        if name == "sites" and _BODY_WORDS.search(lowered) and "where" in lowered:
            continue
        return name
    return None


def definition_term(question: str) -> str | None:
    """The term a 'what does X mean?' question asks about, or None."""
    match = _DEFINITION.search(question.strip())
    if match is None:
        return None
    term = next(g for g in match.groups() if g)
    term = term.strip(" ?\"'“”").lower()
    if not term or term in _NOT_TERMS or term.split()[0] in {"the", "this", "your", "my"}:
        return None
    return term

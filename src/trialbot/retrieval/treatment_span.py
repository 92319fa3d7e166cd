"""How long the treatment goes on, read from a thin record's own text.

A thin record has no arms or outcomes, and its many criteria fill the best search hits, so "how
long do I take the pills?" may find nothing although the summary says "olaparib ... administered
for 6 months prior to surgery" or the description "treated with acalabrutinib for 12 cycles,
then ... 6 cycles". A sentence of the summary, description, groups or drugs giving a span of
treatment ("for 6 months", "for 12 cycles", "6 cycles of") answers it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from trialbot.retrieval.intents import asks_rule_timing
from trialbot.retrieval.mirror import Passage
from trialbot.retrieval.text import split_sentences

SPAN_SECTIONS = ("summary", "description", "arms", "interventions")
# what a trial gives that is no medicine: a programme of sessions, training, an app
_PROGRAMME = (
    r"(intervention|program|programme|course|treatment|therapy|training|sessions?|classes|"
    r"coaching|counsel+ing|trial period|study period|regimen|plan)"
)
_AMOUNT = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
_SPAN_UNIT = r"(days?|weeks?|months?|years?|cycles?|courses?|rounds?)"
_TREATMENT_SPAN = re.compile(
    rf"\b(for|over|up to|of)\s+(about |approximately |a total of )?{_AMOUNT}\s*(-|to)?\s*"
    rf"(\d+\s*)?{_SPAN_UNIT}\b|\b{_AMOUNT}\s+{_SPAN_UNIT}\s+of\s+(treatment|therapy|\w+)\b"
    # "a 3-month intervention of 12 sessions", "a 12-week programme", "an 8 week course"
    # "a remotely-delivered 8-week mindfulness intervention"
    rf"|(?<![\w-]){_AMOUNT}[- ](day|week|month|year)[- ](long )?([\w-]+ ){{0,2}}{_PROGRAMME}\b",
    re.I,
)
# the span must be said of giving the treatment, not of follow-up or of a past event
_GIVING = re.compile(
    r"\b(receiv\w*|administ\w*|treat\w*|given|giv\w*|tak\w*|therapy|dos\w*|"
    r"intervention|program|programme|sessions?|training|coaching|classes|us(e|es|ing)|wear\w*)\b",
    re.I,
)
_NOT_TREATMENT = re.compile(r"\b(follow(ed)?[- ]up|survival|after (the )?last dose)\b", re.I)
MAX_SENTENCES = 2


def treatment_span(passages: Sequence[Passage]) -> tuple[str, list[Passage]]:
    """The sentences of one trial's own text that say for how long the treatment is given,
    and the passages they come from ('' when none does)."""
    found: list[str] = []
    used: list[Passage] = []
    for passage in passages:
        if passage.section not in SPAN_SECTIONS:
            continue
        for sentence in split_sentences(passage.text):
            if len(found) >= MAX_SENTENCES or sentence in found:
                break
            if (
                _TREATMENT_SPAN.search(sentence)
                and _GIVING.search(sentence)
                and not _NOT_TREATMENT.search(sentence)
            ):
                found.append(sentence)
                used.append(passage)
    return " ".join(found), used


_ASKS_LENGTH = re.compile(
    r"\bhow long\b|\bhow many (days|weeks|months|years|cycles|courses|rounds)\b|"
    r"\b(length|duration) of (the |my )?(treatment|therapy|medicine|drug)\b"
)


def asks_treatment_span(question: str) -> bool:
    """True for 'how long do I take the pills / is the treatment?', not for a rule's window
    ('how long after chemo can I start?') nor how long the whole study follows people."""
    lowered = question.lower()
    if asks_rule_timing(lowered) or re.search(r"\b(study|trial|follow)", lowered):
        return False
    return bool(_ASKS_LENGTH.search(lowered))

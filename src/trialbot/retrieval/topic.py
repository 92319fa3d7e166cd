"""The topic of a question about one trial, and whether an answering sentence shares it.

A question's topic is its content words minus the words every passage of that trial shares
(the trial's title, drug names and conditions): "Does gabapentin make you sleepy?" asked of a
gabapentin trial is about "sleepy", so a sentence naming gabapentin alone does not answer it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from trialbot.domain.trial import Trial
from trialbot.retrieval.hybrid import Query
from trialbot.retrieval.text import terms

# Words that ask about the trial itself rather than a topic inside it.
_ASKING = frozenset(
    terms(
        "drug medicine medication treatment therapy group arm patient participant people person "
        "give given get receive take taking trial study doctor hospital week day month year "
        "time need allowed join part happen start end rule out stop exclude eligible matter "
        "problem treated ok okay other still keep fill look tell send put another later "
        "earlier again already count lot lots "
        "bring actually exactly reach reached gone got stay never weak bad poor "
        "qualify qualifies sign ago yet issue concern worry done centre center clinic"
    )
)
AMOUNT = re.compile(r"\d|\b(once|twice|one|two|three|four|five|six|seven|eight|ten|twelve)\b", re.I)
CLOSE_ENOUGH = 0.75  # a passage this close in meaning answers without sharing a topic word


def trial_words(trial: Trial) -> frozenset[str]:
    """Stems every passage of the trial implies (title, drugs, conditions)."""
    texts = [trial.title, *trial.conditions, *(i.name for i in trial.interventions)]
    return frozenset(t for text in texts for t in terms(text))


# "my child", "our son": the person asking about, not what is asked
_WHO = re.compile(
    r"\b(?:my|our|his|her)\s+(child|children|kids?|baby|toddler|teen|teenager|partner|parent)\b",
    re.I,
)


# "I haven't had any treatment yet", "she has never had chemo": having had no treatment is the
# person's situation (criteria on prior or first-line treatment speak to it), not the trial's
_NO_TREATMENT = re.compile(
    r"\b(?:haven'?t|hasn'?t|hadn'?t|have not|has not|had not|not|never|no|yet to)\b"
    r"(?:\s+(?:had|have|has|got|gotten|received|started|begun|begin|start|tried|been given|"
    r"any|yet|a|an|the|other|prior|previous|single|\w+ed))*\s+"
    r"(treatment|treatments|therapy|therapies|medicine|medicines|drug|drugs)\b",
    re.I,
)


def topic_terms(query: Query, trial: Trial) -> frozenset[str]:
    """The question's topic stems for this trial (may be empty: then any sentence may answer)."""
    common = trial_words(trial) | _ASKING
    common |= {t for m in _WHO.finditer(query.text) for t in terms(m.group(1))}
    common -= {t for m in _NO_TREATMENT.finditer(query.text) for t in terms(m.group(1))}
    return frozenset(t for t in query.terms if t not in common)


def _same_root(a: str, b: str) -> bool:
    """'higher'/'high', 'compensat'/'compensation': one starts with the other (>= 4 letters)."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short)


def _has(present: set[str], lowered: str, words: Iterable[str]) -> bool:
    for word in words:
        if word in present or (not word.isalnum() and word in lowered):
            return True
        if len(word) >= 4 and any(_same_root(p, word) for p in present):
            return True
    return False


def on_topic(
    text: str,
    query: Query,
    topic: frozenset[str],
    required: frozenset[str] | None = None,
    dense: float = 0.0,
) -> bool:
    """True when the sentence shares most of the question's topic (words or glossary synonyms:
    one of one, both of two, two of three...) and holds one of the `required` words when given."""
    present = set(terms(text))
    lowered = text.lower()
    if required is not None:
        if not _has(present, lowered, required):
            return False
        # the kind's own words ("paid") already matched; the rest is the topic ("visits")
        topic = frozenset(t for t in topic if not _has({t}, t, required))
    if not topic or dense >= CLOSE_ENOUGH:
        return True
    if query.hints and AMOUNT.search(text) and set(query.hints) & present:
        return True  # "how long is each session?" is answered by "60 minutes", word or not
    shared = sum(
        _has(present, lowered, [term, *query.synonyms.get(term, frozenset())]) for term in topic
    )
    return shared * 2 >= len(topic) + (1 if len(topic) == 2 else 0)


_OWN_NUMBER_WORDS = frozenset(terms("old aged age years kg kgs kilos kilograms weigh weighs lbs"))
RULE_DENSE = 0.3


def without_own_numbers(topic: frozenset[str]) -> frozenset[str]:
    """A rule question's topic without the person's age or weight ("our 17 year old is
    expecting" is about pregnancy: the age was checked against the limits already)."""
    return frozenset(
        t for t in topic if t not in _OWN_NUMBER_WORDS and not t.isdigit()
    )  # a criterion answering "can I join if ...?" is at least this close in meaning


def on_rule_topic(text: str, query: Query, topic: frozenset[str], dense: float) -> bool:
    """True when a criterion answers a 'can I join if ...?' question: as `on_topic`, or, since
    the question tells of the person ("I take lithium for bipolar"), sharing only one of its
    topic words (or a glossary synonym: "prison" / "incarcerated") when close in meaning. The answer
    quotes the rule; it never says Yes or No from it."""
    topic = without_own_numbers(topic)
    if on_topic(text, query, topic, None, dense):
        return True  # what any question needs is enough
    if dense < RULE_DENSE:
        return False
    present = set(terms(text))
    lowered = text.lower()
    return any(
        _has(present, lowered, [term, *query.synonyms.get(term, frozenset())]) for term in topic
    )

"""What each part of a free-text answer is about: the asked fact, another fact, another event.

"no serious bleeding, but his last chemo was 10 days ago" is two parts: a "no" about bleeding and
a date about chemo. A date is taken for the asked fact only from a part about it (or about
nothing else); words are in prompts/answer_topics.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from trialbot.prompts import load_prompts

_SPLIT = re.compile(
    r"\s*(?:[,;.!?()]|\bbut\b|\band\b(?! a half)|\bjust\b|\bonly\b|\bexcept\b|\bthough\b)\s*"
)
_NEGATION = re.compile(
    r"\b(?:no|not|never|none|nope|nah|nothing|nevr|neva)\b|n't\b|\bnt\b|\bwithout\b"
)


@dataclass(frozen=True)
class TopicWords:
    """The topic data of prompts/answer_topics.yaml, compiled."""

    topics: dict[str, re.Pattern[str]]
    volunteered: frozenset[str]
    other_events: re.Pattern[str]
    relatives: re.Pattern[str]
    hedges: re.Pattern[str]
    hedges_not_for: dict[str, re.Pattern[str]]
    yes_no: dict[str, Any]
    yes_no_hedges: re.Pattern[str]
    hedged_yes: re.Pattern[str]
    hedged_no: re.Pattern[str]
    heights: re.Pattern[str]
    measures: dict[str, re.Pattern[str]]


def _words(words: list[str]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _leading(words: list[str]) -> re.Pattern[str]:
    """One of `words` as the start of an answer (after a "well," or "hmm"), a whole phrase."""
    if not words:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:(?:well|hmm+|um+|erm+|uh+|oh)\b[\s,.]*)?(?:{alternatives})(?![\w-])")


@lru_cache(maxsize=1)
def topic_words() -> TopicWords:
    """The compiled topic data (read once)."""
    data = load_prompts("answer_topics")
    return TopicWords(
        topics={str(k): _words([str(w) for w in v]) for k, v in data["topics"].items()},
        volunteered=frozenset(str(f) for f in data.get("volunteered") or []),
        other_events=_words([str(w) for w in data.get("other_events") or []]),
        relatives=_words([str(w) for w in data.get("relatives") or []]),
        hedges=_words([str(w) for w in data.get("hedges") or []]),
        hedges_not_for={
            str(k): _words([str(w) for w in v])
            for k, v in (data.get("hedges_not_for") or {}).items()
        },
        yes_no=dict(data.get("yes_no") or {}),
        yes_no_hedges=_words([str(w) for w in data.get("yes_no_hedges") or []]),
        hedged_yes=_leading([str(w) for w in data.get("hedged_yes") or []]),
        hedged_no=_leading([str(w) for w in data.get("hedged_no") or []]),
        heights=re.compile("|".join(str(p) for p in data.get("heights") or []) or r"(?!x)x"),
        measures={
            str(unit).lower(): _measure([str(w) for w in words])
            for unit, words in (data.get("measure_units") or {}).items()
        },
    )


def _measure(units: list[str]) -> re.Pattern[str]:
    """A number followed by one of `units` ("60 kg", "60kg", "120 mmHg", "45%")."""
    alternatives = "|".join(re.escape(w.lower()) for w in sorted(units, key=len, reverse=True))
    return re.compile(rf"(?<![\d.,])\d+(?:[.,]\d+)?\s*(?:{alternatives})(?![a-z])")


@dataclass(frozen=True)
class OtherIllnesses:
    """`other_illnesses` of prompts/answer_topics.yaml: illnesses besides the cancer."""

    words: re.Pattern[str]  # names an illness other than the cancer
    cancer_words: re.Pattern[str]  # names the cancer or its treatment
    facts: frozenset[str]  # the questions about one of those illnesses
    cancer_statements: frozenset[str]  # statements about the cancer, not about those illnesses
    treatment_words: re.Pattern[str]  # a treatment, which a "not" may deny on its own


@lru_cache(maxsize=1)
def other_illnesses() -> OtherIllnesses:
    """The compiled `other_illnesses` data (read once)."""
    data = load_prompts("answer_topics").get("other_illnesses") or {}
    return OtherIllnesses(
        words=_words([str(w) for w in data.get("words") or []]),
        cancer_words=_words([str(w) for w in data.get("cancer_words") or []]),
        facts=frozenset(str(f) for f in data.get("facts") or []),
        cancer_statements=frozenset(str(f) for f in data.get("cancer_statements") or []),
        treatment_words=_words([str(w) for w in data.get("treatment_words") or []]),
    )


def about_other_illness(said: str, asked: str | None = None) -> bool:
    """True when a message is about an illness besides the cancer: it answers the question about
    one (`asked`), or names one and no word of the cancer ("hepatitis C, not treated yet")."""
    illnesses = other_illnesses()
    if asked is not None and asked in illnesses.facts:
        return True
    return bool(illnesses.words.search(said)) and not illnesses.cancer_words.search(said)


def denies_only_treatment(said: str) -> bool:
    """True when every "not" of an answer is said of a treatment ("hepatitis C, not treated yet",
    "never had medicine for it"): the illness itself is not denied. False without a "not"."""
    illnesses = other_illnesses()
    negated = [p for p in _SPLIT.split(said) if p.strip() and _NEGATION.search(p)]
    return bool(negated) and all(illnesses.treatment_words.search(p) for p in negated)


def one_named_yes(said: str, words: list[str], future: re.Pattern[str]) -> bool:
    """True when a part of an answer that also denies something says one of `words` without a
    "not" ("she had chemo but no radiation"), and that part is no plan ("surgery next week")."""
    named = _words(words)
    parts = [p.strip() for p in _SPLIT.split(said) if p.strip()]
    if not any(_NEGATION.search(p) for p in parts):
        return False
    return any(
        named.search(p) and not _NEGATION.search(p) and not future.search(p) and not is_hedged(p)
        for p in parts
    )


def topic_of(fact_id: str) -> re.Pattern[str] | None:
    """The words that name a fact: its listed topic words, or the drug name of a drug fact."""
    words = topic_words()
    if fact_id in words.topics:
        return words.topics[fact_id]
    for prefix in ("last_", "prior_", "allergy_"):
        if fact_id.startswith(prefix):
            return _drug_words(fact_id.removeprefix(prefix))
    return None


@lru_cache(maxsize=2048)
def _drug_words(slug: str) -> re.Pattern[str]:
    return _words([slug.replace("_", " "), slug.replace("_", "-")])


@dataclass(frozen=True)
class Part:
    """One part of an answer and what it talks about."""

    text: str
    negated: bool
    asked: bool  # names the asked fact
    others: tuple[str, ...]  # other facts it names
    aside: bool  # another event, or a relative


def split_parts(said: str, asked: str, candidates: tuple[str, ...]) -> list[Part]:
    """The answer cut at commas, "but", "and"..., each part labelled with its topics."""
    words = topic_words()
    asked_words = topic_of(asked)
    parts = []
    for piece in _SPLIT.split(said):
        piece = piece.strip()
        if not piece:
            continue
        others = tuple(
            fact
            for fact in candidates
            if fact != asked and (pattern := topic_of(fact)) is not None and pattern.search(piece)
        )
        names_asked = bool(asked_words and asked_words.search(piece))
        # the asked fact's own words are no other event ("IV antibiotics" to its own question)
        rest = asked_words.sub(" ", piece) if asked_words else piece
        aside = bool(words.other_events.search(rest) or words.relatives.search(piece))
        parts.append(Part(piece, bool(_NEGATION.search(piece)), names_asked, others, aside))
    return parts


def is_hedged(said: str, fact_id: str | None = None) -> bool:
    """True for vague answers ("maybe", "nothing serious", "a small nosebleed"); a word that
    is no doubt about the asked fact (`hedges_not_for`: "a small basal cell skin cancer" to the
    other-cancer question) does not count."""
    words = topic_words()
    not_for = words.hedges_not_for.get(fact_id or "")
    if not_for is not None:
        said = not_for.sub(" ", said)
    return bool(words.hedges.search(said))


def without_heights(said: str) -> tuple[str, bool]:
    """The answer with any height cut out ("I'm 5 foot 6" -> "I'm "), and whether one was."""
    rest, count = topic_words().heights.subn(" ", said)
    return rest, count > 0


def without_measures(said: str, unit: str | None) -> tuple[str, bool]:
    """The answer with any measure in a unit other than `unit` cut out ("60 kg" to the age
    question -> " "), and whether one was."""
    own = (unit or "").lower()
    found = False
    for measure_unit, pattern in topic_words().measures.items():
        if measure_unit != own:
            said, count = pattern.subn(" ", said)
            found = found or count > 0
    return said, found


def hedged_yes_no(said: str) -> bool | None:
    """True / False for a whole answer that is a yes or a no said with doubt ("maybe yes", "I
    believe so", "I doubt it", "not that I know of"), None for any other answer."""
    words = topic_words()
    said = said.lstrip("\"'([ ")
    if words.hedged_no.match(said):
        return False
    if words.hedged_yes.match(said):
        return True
    return None


def is_hedged_yes_no(said: str) -> bool:
    """True for a yes or no said with doubt ("probably not", "I think so", "maybe yes")."""
    return bool(topic_words().yes_no_hedges.search(said))


def date_topics() -> tuple[str, ...]:
    """The facts whose words the date reader looks for in the other parts of an answer."""
    return tuple(topic_words().topics)


def yes_no_rules(fact_id: str) -> dict[str, list[str]]:
    """The yes/no rules of one fact: `not_an_answer`, `means_no`, `not_an_answer_unless_named`."""
    found: dict[str, list[str]] = {}
    for name, rules in topic_words().yes_no.items():
        facts = rules.get("facts") or ([] if name.startswith("_") else [name])
        prefix = rules.get("prefix")
        if fact_id in facts or (prefix and fact_id.startswith(prefix)):
            for key, patterns in rules.items():
                if key not in ("facts", "prefix"):
                    found.setdefault(key, []).extend(str(p) for p in patterns)
    return found


@dataclass(frozen=True)
class PartialWords:
    """The words of prompts/answer_topics.yaml that keep an answer from being a plain yes or no:
    `partial_yes_no`, `yes_no_contrasts`, `no_continuations` and `none_not_an_answer`."""

    partial: re.Pattern[str]
    contrasts: re.Pattern[str]
    continuations: frozenset[str]
    none_questions: re.Pattern[str]


@lru_cache(maxsize=1)
def partial_words() -> PartialWords:
    """The compiled partial-answer words (read once)."""
    data = load_prompts("answer_topics")
    questions = [str(p) for p in data.get("none_not_an_answer") or []]
    return PartialWords(
        partial=_words([str(w) for w in data.get("partial_yes_no") or []]),
        contrasts=_words([str(w) for w in data.get("yes_no_contrasts") or []]),
        continuations=frozenset(str(w).lower() for w in data.get("no_continuations") or []),
        none_questions=re.compile("|".join(f"(?:{p})" for p in questions) or r"(?!x)x"),
    )


def is_partial_yes_no(said: str) -> bool:
    """True for a yes or no said only in part, on a condition, or with both sides: "not every
    visit", "it depends", "we'd try", "i think so but ... maybe not" (a hedge, a contrast and a
    "not"). Such an answer is neither a yes nor a no: it is noted as not sure."""
    words = partial_words()
    if words.partial.search(said):
        return True
    return bool(is_hedged_yes_no(said) and words.contrasts.search(said) and _NEGATION.search(said))


_NO_THING = re.compile(r"^(?:no|none)\s+([^\W\d_][\w']*)")
_TOKEN = re.compile(r"[^\W\d_]+")
_STEM = 5  # letters a denied thing and a question word share to be the same ("treatmnt")


def denied_thing(said: str) -> str | None:
    """The thing a leading "no" denies ("treatmnt" of "no treatmnt yet", "pain" of "no pain"),
    or None when the words after the "no" belong to the answer itself ("no way", "no, never",
    "no we don't": `no_continuations` of prompts/answer_topics.yaml)."""
    match = _NO_THING.match(said.lstrip("\"'([ "))
    if match is None:
        return None
    thing = match[1]
    if thing in partial_words().continuations or len(thing) < 3:
        return None
    return thing


def is_about(thing: str, text: str) -> bool:
    """True when a word of `text` is `thing`, or shares its first letters ("treatmnt" and
    "treatment", "infections" and "infection")."""
    stem = thing.rstrip("s")[:_STEM]
    return any(word.startswith(stem) for word in _TOKEN.findall(text))


def none_answers_no(question: str) -> bool:
    """False for a question of ability or willingness ("Would you be able to ...?"), which a
    "none" or "nothing" does not answer, and to which a hedged no ("probably not") is not sure:
    whether the person can take part is the study team's call (`none_not_an_answer` of
    prompts/answer_topics.yaml)."""
    return not partial_words().none_questions.search(question.lower())

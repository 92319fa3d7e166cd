"""One-sided readings: a question narrower than its exclusion, decisive only when the answer meets
it (data: `rules/one_sided.yaml`)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml


@cache
def _widening() -> dict[str, frozenset[str]]:
    text = resources.files("trialbot.eligibility").joinpath("rules/one_sided.yaml")
    data = yaml.load(
        text.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    start = [str(w).lower() for w in data.get("start_point") or ()]
    return {
        str(fact): frozenset([*start, *(str(w).lower() for w in words or ())])
        for fact, words in (data.get("facts") or {}).items()
    }


def widening_words(fact: str) -> frozenset[str]:
    """The leftover words that only make an exclusion on `fact` broader than its question
    ("invasive" beside the major-surgery question) or name the start of its window ("initiation
    of study drug"); empty when the fact has none. Every `allergy_<drug>` fact shares the
    `_allergy` row, every `prior_<drug>` fact without a row of its own the `_prior_drug` row."""
    key = fact
    if fact.startswith("allergy_"):
        key = "_allergy"
    elif fact.startswith("prior_") and fact not in _widening():
        key = "_prior_drug"
    return _widening().get(key, frozenset())


@cache
def _lacking() -> frozenset[str]:
    text = resources.files("trialbot.eligibility").joinpath("rules/one_sided.yaml")
    data = yaml.load(
        text.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    return frozenset(str(f) for f in data.get("lacking") or ())


def named_by_lack(fact: str) -> bool:
    """Whether an exclusion names `fact`, an ability, by its lack ("deemed unable to comply"):
    its negated reading is then the one the widening words widen (`lacking`)."""
    return fact in _lacking()


@cache
def _narrowing() -> dict[str, frozenset[str]]:
    text = resources.files("trialbot.eligibility").joinpath("rules/one_sided.yaml")
    data = yaml.load(
        text.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    rows = data.get("narrowing_in_inclusions") or {}
    return {
        str(fact): frozenset(str(w).lower() for w in words or ()) for fact, words in rows.items()
    }


def narrowing_words(fact: str) -> frozenset[str]:
    """The leftover words that only make an inclusion on `fact` narrower than its question
    ("radical prostatectomy" beside the planned-operation question); empty when it has none."""
    return _narrowing().get(fact, frozenset())


@cache
def _narrowing_phrases() -> dict[str, re.Pattern[str]]:
    text = resources.files("trialbot.eligibility").joinpath("rules/one_sided.yaml")
    data = yaml.load(
        text.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    rows = data.get("narrowing_phrases_in_inclusions") or {}
    return {
        str(fact): re.compile(
            r"(?<![a-z0-9])(?:" + "|".join(f"(?:{p})" for p in phrases) + r")(?![a-z0-9])"
        )
        for fact, phrases in rows.items()
        if phrases
    }


def narrowing_blanked(low: str, fact: str) -> str:
    """The lowercased inclusion with the phrases that only narrow it beside the question on
    `fact` ("resectable (T1-3, N0-2, M0)" beside a biopsy-confirmed diagnosis) blanked to spaces,
    their numbers with them; unchanged when the fact has none."""
    pattern = _narrowing_phrases().get(fact)
    return low if pattern is None else pattern.sub(lambda m: " " * len(m.group(0)), low)


@cache
def _ruled_out() -> dict[str, re.Pattern[str]]:
    text = resources.files("trialbot.eligibility").joinpath("rules/one_sided.yaml")
    data = yaml.load(
        text.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    rows = data.get("ruled_out_by_yes") or {}
    return {
        str(fact): re.compile(r"(?<![a-z0-9])(?:" + "|".join(phrases) + r")(?![a-z0-9])")
        for fact, phrases in rows.items()
        if phrases
    }


def ruled_out_states(low: str) -> list[tuple[str, int]]:
    """The states named in a lowercased inclusion that a "yes" to a fact's question rules out
    (`ruled_out_by_yes`), as (fact, position)."""
    found = []
    for fact, pattern in _ruled_out().items():
        match = pattern.search(low)
        # the state is what the criterion opens on ("A competent immune system", "Patients must
        # have an intact immune system"), never one named in an explanation ("(The treatment
        # depends on an intact immune system ...)")
        if match is not None and _STATE_OPENING.fullmatch(low[: match.start()]):
            found.append((fact, match.start()))
    return found


_STATE_OPENING = re.compile(
    r"\s*(?:[-*•]\s*)?(?:(?:patients?|participants?|subjects?) (?:must )?(?:have|be|with) )?"
)

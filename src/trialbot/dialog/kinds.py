"""Which kind of item an answer to a narrow question names (a live vaccine or another vaccine).

The data is `prompts/named_kinds.yaml`: per fact, the names of items of the asked kind
(`inside`), names of the same broad class that are not of it (`outside`), and the class words
that say an item of the class without naming it. "Shingrix 2 weeks ago" to the live-vaccine
question names an item outside the asked kind, so it sets no live-vaccine date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from trialbot.prompts import load_prompts

Kind = Literal["inside", "outside", "both", "unnamed"]


@dataclass(frozen=True)
class NamedKinds:
    """One fact's entry of prompts/named_kinds.yaml, compiled."""

    inside: tuple[str, ...]
    outside: tuple[str, ...]
    class_words: re.Pattern[str] | None
    outside_note: str
    kind_question: str | None
    kind_no: str | None
    only: re.Pattern[str] | None = None  # "just the flu jab": the item named is all there was


def _pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])")


def _alternatives(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    ordered = sorted((w.lower() for w in words), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in ordered)})(?![\w-])")


@lru_cache(maxsize=1)
def _all() -> dict[str, NamedKinds]:
    data = load_prompts("named_kinds") or {}
    found: dict[str, NamedKinds] = {}
    for fact_id, entry in data.items():
        found[str(fact_id)] = NamedKinds(
            inside=tuple(str(w).lower() for w in entry.get("inside") or []),
            outside=tuple(str(w).lower() for w in entry.get("outside") or []),
            class_words=_alternatives([str(w) for w in entry.get("class_words") or []]),
            outside_note=str(entry.get("outside_note") or ""),
            kind_question=entry.get("kind_question"),
            kind_no=entry.get("kind_no"),
            only=_alternatives([str(w) for w in entry.get("only_words") or []]),
        )
    return found


def kinds_of(fact_id: str) -> NamedKinds | None:
    """The named-kinds entry of a fact, or None when its answers are read as usual."""
    return _all().get(fact_id)


def only_other_kind(fact_id: str, said: str) -> bool:
    """True when an answer naming only items outside the asked kind says they are all there was
    ("just the normal flu jab in October" to the live-vaccine question: no live vaccine)."""
    entry = kinds_of(fact_id)
    if entry is None or entry.only is None or named_kind(fact_id, said) != "outside":
        return False
    return entry.only.search(said) is not None


def _spans(said: str, words: tuple[str, ...], side: str) -> list[tuple[int, int, str]]:
    return [
        (match.start(), match.end(), side)
        for word in words
        for match in _pattern(word).finditer(said)
    ]


def named_kind(fact_id: str, said: str) -> Kind | None:
    """Which kind of item a (normalised) answer names for `fact_id`.

    "inside": only items of the asked kind ("MMR last month"); "outside": only items of the class
    that are not of it ("Shingrix 2 weeks ago", "controlled high blood pressure"); "both";
    "unnamed": a class word and no item ("a jab last week"); None: nothing of the kind is said, or
    the fact has no entry. A name inside a longer one counts as the longer one ("nasal spray flu"
    is no "flu"; of two overlapping names the longer counts).
    """
    entry = kinds_of(fact_id)
    if entry is None:
        return None
    spans = _spans(said, entry.inside, "inside") + _spans(said, entry.outside, "outside")
    kept = {
        side
        for start, end, side in spans
        if not any(s < end and start < e and (e - s) > (end - start) for s, e, _ in spans)
    }
    if kept == {"inside", "outside"}:
        return "both"
    if kept:
        return "inside" if "inside" in kept else "outside"
    if entry.class_words is not None and entry.class_words.search(said):
        return "unnamed"
    return None

"""Test results on the cancer said for several markers at once ("ER+ PR+ HER2-"): the result of
the marker a question asks about, read next to that marker's own name (prompts/answer_topics.yaml:
`marker_names`, `marker_results`, `marker_filler`, `marker_phrases`, `positive_if_any`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from trialbot.prompts import load_prompts


@dataclass(frozen=True)
class MarkerSaid:
    """What an answer says of markers: `value` of the asked one (None: not said or said two
    ways), and whether it names results of other markers."""

    value: str | None
    asked_named: bool
    others_named: bool


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return dict(load_prompts("answer_topics"))


@lru_cache(maxsize=64)
def _pattern(fact_id: str) -> re.Pattern[str] | None:
    """The asked marker's name, then filler words, then a result (group `result`)."""
    names = (_data().get("marker_names") or {}).get(fact_id)
    if not names:
        return None
    results = _data().get("marker_results") or {}
    every = [str(p) for patterns in results.values() for p in patterns]
    filler = _alternatives([str(w) for w in _data().get("marker_filler") or []])
    result = "|".join(sorted(every, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w/-])(?:{_alternatives([str(n) for n in names])})"
        rf"(?:\s*(?:{filler}))*\s*-?\s*(?P<result>{result})(?![\w+])"
    )


def _result_value(result: str) -> str | None:
    for value, patterns in (_data().get("marker_results") or {}).items():
        if any(re.fullmatch(str(p), result) for p in patterns):
            return str(value)
    return None


def marker_said(fact_id: str, said: str) -> MarkerSaid | None:
    """What `said` (normalized) tells of the marker `fact_id`; None when `fact_id` is no marker
    or the answer names no marker with a result."""
    own = _pattern(fact_id)
    if own is None:
        return None
    values: set[str] = set()
    for match in own.finditer(said):
        value = _result_value(match["result"])
        if value is not None:
            values.add(value)
    for phrase, facts in (_data().get("marker_phrases") or {}).items():
        if re.search(str(phrase), said) and fact_id in facts:
            values.add(str(facts[fact_id]))
    others = any(
        (pattern := _pattern(str(other))) is not None and pattern.search(said)
        for other in (_data().get("marker_names") or {})
        if other != fact_id
    ) or any(re.search(str(p), said) for p in _data().get("marker_phrases") or {})
    if not values and not others:
        return None
    if len(values) > 1 and fact_id in (_data().get("positive_if_any") or []):
        values = {"positive"}
    value = next(iter(values)) if len(values) == 1 else None
    return MarkerSaid(value=value, asked_named=bool(values), others_named=others)


def marker_spans(fact_id: str, said: str) -> list[tuple[int, int]]:
    """Where `said` (normalized) names the marker `fact_id` with a result ("her2-negative") or a
    phrase giving it ("triple negative"): the words that state it."""
    own = _pattern(fact_id)
    spans = [m.span() for m in own.finditer(said)] if own is not None else []
    for phrase, facts in (_data().get("marker_phrases") or {}).items():
        if fact_id in facts:
            spans += [m.span() for m in re.finditer(str(phrase), said)]
    return spans

"""Cancer types listed as cohorts in one inclusion: a marker or prior treatment written into one
listed type qualifies that type only (`rules/cohorts.yaml`)."""

from __future__ import annotations

import itertools
import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A sentence or list line; "e.g." and "i.e." do not end one.
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.;:]\s|\n")
_PARENTHESES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Items of a list of alternatives: commas and "or" (not "or equal", "and/or" stays one item).
_ITEM_SEP = re.compile(r",|\bor\b(?!\s+(?:equal|greater|less|more))")


@cache
def _rules() -> tuple[re.Pattern[str], tuple[str, ...], int]:
    path = resources.files("trialbot.eligibility").joinpath("rules/cohorts.yaml")
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    words = re.compile(rf"(?<![a-z0-9])(?:{'|'.join(data['cancer_words'])})(?![a-z0-9])")
    return words, tuple(data["facts"]), int(data["min_types"])


def _qualifiable(concept: str, facts: tuple[str, ...]) -> bool:
    return (
        any(concept.endswith(f) if f.startswith("_") else concept.startswith(f) for f in facts)
        and concept != "disease_status"
    )


def qualifies_one_cohort(low: str, concept: str, position: int) -> bool:
    """True when the reading at `position` stands in one item of a list of cancer types (at
    least `min_types` items name one) and that item names a cancer type itself: the marker or
    treatment is that listed type's condition, not everyone's."""
    words, facts, min_types = _rules()
    if not _qualifiable(concept, facts):
        return False
    start = max((m.end() for m in _SENTENCE_END.finditer(low, 0, position)), default=0)
    end_match = _SENTENCE_END.search(low, position)
    end = end_match.start() if end_match else len(low)
    sentence = _PARENTHESES.sub(lambda m: " " * len(m.group(0)), low[start:end])
    cuts = [0, *(m.end() for m in _ITEM_SEP.finditer(sentence)), len(sentence)]
    items = [(a, b) for a, b in itertools.pairwise(cuts)]
    typed = [(a, b) for a, b in items if words.search(sentence, a, b)]
    if len(typed) < min_types:
        return False
    here = position - start
    return any(a <= here < b for a, b in typed)

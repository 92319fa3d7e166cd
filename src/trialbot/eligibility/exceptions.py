"""Exceptions a broad question cannot tell apart: "hormonal therapy within 4 weeks (other than
GnRH agonist/antagonist therapy)" read as the last-cancer-medicine date (`rules/exceptions.yaml`).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# An exception clause runs to its closing bracket or the end of its sentence.
_CLAUSE_END = re.compile(r"\)|(?<!\be\.g)(?<!\bi\.e)[.;:]\s|\n")


@cache
def _rules() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    path = resources.files("trialbot.eligibility").joinpath("rules/exceptions.yaml")
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    opening = re.compile(
        rf"\b(?:{data['exception_words']})\b"
        rf"|(?:\(\s*|,\s+)(?:{data['bracketed_exception_words']})\b"
    )
    taken_in = {
        fact: re.compile(rf"(?<![a-z0-9])(?:{'|'.join(rows)})(?![a-z0-9])")
        for fact, rows in data["taken_in"].items()
    }
    return opening, taken_in


def excepts_what_is_asked(low: str, concept: str) -> bool:
    """True when an exception clause of the criterion names something the fact's question takes
    in (the answer may be the excepted medicine)."""
    opening, taken_in = _rules()
    words = taken_in.get(concept)
    if words is None:
        return False
    for found in opening.finditer(low):
        end = _CLAUSE_END.search(low, found.end())
        clause = low[found.end() : end.start() if end else len(low)]
        if words.search(clause):
            return True
    return False


def in_exception(low: str, position: int) -> bool:
    """True when `position` lies inside an exception clause ("except for LHRH agonists"): what is
    read there is allowed, never what the criterion requires or excludes."""
    opening, _ = _rules()
    for found in opening.finditer(low, 0, position):
        end = _CLAUSE_END.search(low, found.end())
        if position < (end.start() if end else len(low)):
            return True
    return False

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
# "EXCEPT for the following: a. ...; b. ...": an exception opening a list runs to the text's end.
_OPENS_LIST = re.compile(r"\s*(?:for\s+)?(?:the\s+)?following\s*$")


def _clause_end(low: str, start: int) -> int:
    """Where the exception clause opened at `start` ends (see _CLAUSE_END, _OPENS_LIST)."""
    end = _CLAUSE_END.search(low, start)
    if end is None:
        return len(low)
    if low[end.start()] == ":" and _OPENS_LIST.match(low[start : end.start()]):
        return len(low)
    return end.start()


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
        clause = low[found.end() : _clause_end(low, found.end())]
        if words.search(clause):
            return True
    return False


def in_exception(low: str, position: int) -> bool:
    """True when `position` lies inside an exception clause ("except for LHRH agonists"): what is
    read there is allowed, never what the criterion requires or excludes."""
    opening, _ = _rules()
    for found in opening.finditer(low, 0, position):
        if position < _clause_end(low, found.end()):
            return True
    return False


@cache
def medicine_heads() -> frozenset[str]:
    """Facts about a medicine taken whose exception clauses name what it is allowed for
    (`medicine_heads` in rules/exceptions.yaml)."""
    path = resources.files("trialbot.eligibility").joinpath("rules/exceptions.yaml")
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return frozenset(data.get("medicine_heads") or ())


@cache
def outside_blood_thinner_question() -> re.Pattern[str]:
    """Platelet inhibitors, which the blood-thinner question leaves out
    (`outside_blood_thinner_question` in rules/exceptions.yaml)."""
    path = resources.files("trialbot.eligibility").joinpath("rules/exceptions.yaml")
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return re.compile(rf"(?<![a-z0-9])(?:{data['outside_blood_thinner_question']})(?![a-z0-9])")


@cache
def settled_by_no() -> dict[str, re.Pattern[str]]:
    """Findings a "no" settles whatever an exclusion's permission allows, with the words that
    must name them where they are read (`settled_by_no` in rules/exceptions.yaml)."""
    path = resources.files("trialbot.eligibility").joinpath("rules/exceptions.yaml")
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return {fact: re.compile(words) for fact, words in (data.get("settled_by_no") or {}).items()}

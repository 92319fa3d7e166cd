"""Inclusions that are alternatives of each other, read as one any-of per fact.

Two shapes (markers in `rules/alternatives.yaml`):
- per-group limits: "For Group 1: ... less than 21 years", "For Group 4: ... 21 years or older".
  A person is in one group only, so failing one group's limit says nothing while another group's
  limit on the same fact may hold;
- eligibility routes written as separate items joined by a trailing "-OR" / "-AND/OR" ("Biopsy
  proven LCH -AND", "Failure of front-line therapy -OR", "... progression -OR", "Biopsy proven
  ECD, ..."): each item is one way in.

Each reading of such an alternative becomes the any-of of every alternative's reading of the same
fact, never certain; an alternative with no reading of that fact (a group with no age limit, a
route only the study team reads) is a study-team leaf, so an answer that fails every read
alternative is a study-team item, not an answer against the rules. A patient who meets another
alternative is never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from trialbot.domain.criteria import StructuredCriterion
from trialbot.eligibility.atoms import all_of, any_of

_RULES = Path(__file__).parent / "rules" / "alternatives.yaml"


@cache
def _markers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = yaml.safe_load(_RULES.read_text(encoding="utf-8"))
    link = re.compile(rf"(?:{'|'.join(data['route_link'])})\W*$", re.I)
    either = re.compile(rf"(?:{'|'.join(data['route_or'])})\W*$", re.I)
    return link, either


def _readable(item: StructuredCriterion) -> bool:
    return (
        item.kind == "inclusion"
        and not item.needs_review
        and item.condition is not None
        and item.condition.get("op") != "meta"
        and bool(item.concept)
    )


def _routes(structured: Sequence[StructuredCriterion]) -> list[list[str]]:
    """Source ids of inclusion items chained by trailing route words, where one link is an "or"."""
    link, either = _markers()
    chains: list[list[str]] = []
    chain: list[str] = []
    has_or = False
    seen: set[str] = set()
    for item in structured:
        source = _source(item.id)
        if item.kind != "inclusion" or source in seen:
            continue
        seen.add(source)
        flat = " ".join(item.text.split())
        if chain or link.search(flat):
            chain.append(source)
            has_or = has_or or bool(either.search(flat))
        if chain and not link.search(flat):
            if has_or and len(chain) > 1:
                chains.append(chain)
            chain, has_or = [], False
    if has_or and len(chain) > 1:
        chains.append(chain)
    return chains


def _source(criterion_id: str) -> str:
    """ "inc-18b" -> "inc-18": the registry criterion an atom was read from."""
    return re.sub(r"(?<=\d)(?:[a-z]|_\d+)$", "", criterion_id)


def _merged(
    items: Sequence[StructuredCriterion], members: dict[str, list[StructuredCriterion]]
) -> list[StructuredCriterion]:
    """Each reading of `items` replaced by the any-of of every alternative's reading of its fact;
    `members` maps each alternative (a group name or a route item) to its readings."""
    changed: dict[int, StructuredCriterion] = {}
    by_fact: dict[str, list[StructuredCriterion]] = {}
    for readings in members.values():
        for item in readings:
            if _readable(item):
                by_fact.setdefault(item.concept or "", []).append(item)
    for fact, readings in by_fact.items():
        branches: list[dict[str, Any]] = []
        rules: list[str] = []
        open_alternative = False
        for name, alternative in members.items():
            own = [r for r in alternative if _readable(r) and r.concept == fact]
            if not own:
                open_alternative = True
                continue
            branch = all_of(*[r.condition for r in own if r.condition])
            if branch in branches:
                continue
            branches.append(branch)
            rules.append(f"({' and '.join(r.rule or '' for r in own)}) [{name}]")
        if not open_alternative and len(branches) < 2:
            continue
        if open_alternative:
            branches.append({"op": "review"})
            rules.append("(another alternative: the study team checks)")
        condition = any_of(*branches)
        facts = sorted({f for r in readings for f in r.facts})
        for reading in readings:
            changed[id(reading)] = reading.model_copy(
                update={
                    "condition": condition,
                    "rule": "any of: " + " or ".join(rules),
                    "facts": facts,
                    "confidence": "partial",
                    "decisive_when": None,
                }
            )
    return [changed.get(id(item), item) for item in items]


def alternatives_merged(structured: Sequence[StructuredCriterion]) -> list[StructuredCriterion]:
    """The readings with per-group inclusion limits and "-OR" routes read as any-of."""
    result = list(structured)
    groups: dict[str, list[StructuredCriterion]] = {}
    for item in result:
        if item.kind == "inclusion" and item.applies_to and item.concept != "meta":
            groups.setdefault(item.applies_to, []).append(item)
    if len(groups) >= 2:
        result = _merged(result, groups)
    for chain in _routes(result):
        members = {
            source: [item for item in result if _source(item.id) == source] for source in chain
        }
        result = _merged(result, members)
    return result

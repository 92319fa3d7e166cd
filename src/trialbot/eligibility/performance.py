"""Karnofsky and Lansky limits read against the patient's ECOG answer.

The patient answers on the ECOG scale; a Karnofsky/Lansky limit ("KPS>60;", "Karnofsky >= 70%",
"Lansky 50-100", "Karnofsky Performance Status of 70 or higher") is settled by an ECOG level only
when every Karnofsky score that level can stand for (`rules/performance.yaml`, with its sources)
lies on one side of the limit. The other levels go to the study team.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from trialbot.eligibility.anchors import Anchored
from trialbot.eligibility.atoms import all_of, any_of, leaf
from trialbot.eligibility.text import comparator_after, comparator_before

Condition = dict[str, object]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KARNOFSKY_CUE = Anchored(r"karnofsky|lansky|\bkps\b|\blps\b")
# A score (10-100, "%" optional) that is not an age or a duration ("Lansky (12-15 years of age)").
_SCORE = re.compile(
    r"(?<![\d.])(\d{2,3})(?!\.\d)\s*%?"
    r"(?!\s*(?:-\s*\d+\s*)?(?:years?|yrs?|y\b|months?|weeks?|days?|\+))"
)
# "Karnofsky performance status ...": the ECOG cue words belong to the Karnofsky score.
KARNOFSKY_BEFORE = re.compile(r"(?:karnofsky|lansky|\bkps|\blps|play)\s*(?:\([a-z]+\)\s*)?$")
_CLAUSE_END = re.compile(r"[.;]\s|;$|\.$")
_NEXT_SCALE = re.compile(r"\becog\b|\bzubrod\b|\bwho\b")


@cache
def ecog_to_karnofsky() -> dict[int, tuple[int, int]]:
    """ECOG level (0-4) -> the lowest and highest Karnofsky/Lansky score it can stand for."""
    path = resources.files("trialbot.eligibility").joinpath("rules/performance.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    table = data["ecog_to_karnofsky"]
    return {int(level): (int(low), int(high)) for level, (low, high) in table.items()}


def karnofsky_limits(low: str) -> list[tuple[str, float]]:
    """Every (comparator, score) limit written after a Karnofsky/Lansky cue in lowercase text:
    "kps>60" -> [(">", 60)], "karnofsky 60-100%" -> [(">=", 60)], "70 or higher" -> [(">=", 70)]."""
    low = low.replace(">/=", ">=").replace("</=", "<=")
    limits: list[tuple[str, float]] = []
    for cue in KARNOFSKY_CUE.finditer(low):
        span = low[cue.end() : cue.end() + 70]
        end = _CLAUSE_END.search(span)
        span = span[: end.start()] if end else span
        other = _NEXT_SCALE.search(span)
        span = span[: other.start()] if other else span
        number = _SCORE.search(span)
        if number is None or not 10 <= int(number.group(1)) <= 100:
            continue
        before, after = span[: number.start()], span[number.end() : number.end() + 30]
        op = comparator_before(before[-30:]) or comparator_after(after)
        if op is None and re.match(r"\s*(?:-|to)\s*100\b", after):
            op = ">="  # "60-100%": the lowest score allowed
        if op is None and not re.search(r"(?:of|score|status|scale|:|\))\s*$", before):
            continue
        limit = (op or ">=", float(number.group(1)))
        if limit not in limits:
            limits.append(limit)
    return limits


def _meets(op: str, limit: float, score: int) -> bool:
    return {">": score > limit, ">=": score >= limit, "<": score < limit, "<=": score <= limit}[op]


def split_levels(
    limits: list[tuple[str, float]], ecog_levels: set[int]
) -> tuple[set[int], set[int]]:
    """ECOG levels (met, for the study team) for limits that are alternatives to each other and
    to the ECOG levels already read; every other level fails them all."""
    met, unsure = set(ecog_levels), set()
    for level, (lowest, highest) in ecog_to_karnofsky().items():
        if level in met:
            continue
        scores = range(lowest, highest + 1, 10)
        outcomes = {_meets(op, value, s) for op, value in limits for s in scores}
        if any(all(_meets(op, value, s) for s in scores) for op, value in limits):
            met.add(level)
        elif True in outcomes:
            unsure.add(level)
    return met, unsure


def _levels_node(levels: set[int]) -> tuple[Condition, str]:
    top, bottom = max(levels), min(levels)
    if levels == set(range(top + 1)):
        return leaf("ecog_level", "cmp", cmp="<=", value=top), f"ecog_level <= {top}"
    if levels == set(range(bottom, 5)):
        return leaf("ecog_level", "cmp", cmp=">=", value=bottom), f"ecog_level >= {bottom}"
    parts = [leaf("ecog_level", "cmp", cmp="==", value=v) for v in sorted(levels)]
    rules = [f"ecog_level == {v}" for v in sorted(levels)]
    return any_of(*parts), " or ".join(rules) if len(rules) == 1 else f"({' or '.join(rules)})"


def levels_condition(met: set[int], unsure: set[int]) -> tuple[Condition, str] | None:
    """The condition on ecog_level: met levels hold, unsure ones hold only if the study team says
    so ("ecog_level <= 1 or (ecog_level == 2 and study team)"); None when nothing can be met."""
    parts: list[Condition] = []
    rules: list[str] = []
    if met:
        node, rule = _levels_node(met)
        parts.append(node)
        rules.append(rule)
    if unsure:
        node, rule = _levels_node(unsure)
        parts.append(all_of(node, {"op": "review"}))
        rules.append(f"({rule} and study team)")
    if not parts:
        return None
    return any_of(*parts), " or ".join(rules)

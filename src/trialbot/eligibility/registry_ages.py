"""An age limit written with a strict sign that the registry record gives as inclusive.

"Age > 18 years" in a record whose minimum age field says "18 Years": the sponsor's own structured
field includes the 18-year-old, and "> 18" in protocols usually means "18 or older". The two
disagree only on the boundary age; read literally, an 18-year-old would be told "not eligible" on
a sign the record itself contradicts, so the bound is read inclusively (the study team still
screens). Only inclusions are changed, and only a bound equal to the record's own limit.
"""

from __future__ import annotations

import re
from typing import Any

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial

_INCLUSIVE = {">": ">=", "<": "<="}


def _widened(node: Any, low: float | None, high: float | None) -> tuple[Any, bool]:
    """The condition with strict age leaves at the record's limits made inclusive."""
    if not isinstance(node, dict):
        return node, False
    if node.get("op") in ("all", "any"):
        parts = [_widened(part, low, high) for part in node.get("of", [])]
        if not any(changed for _, changed in parts):
            return node, False
        return {**node, "of": [part for part, _ in parts]}, True
    if node.get("op") != "cmp" or node.get("fact") != "age_years":
        return node, False
    cmp, value = node.get("cmp"), node.get("value")
    if (cmp == ">" and value == low) or (cmp == "<" and value == high):
        return {**node, "cmp": _INCLUSIVE[cmp]}, True
    return node, False


def agree_with_record_ages(criterion: StructuredCriterion, trial: Trial) -> StructuredCriterion:
    """`criterion` unchanged, or, for an inclusion age limit "> N" ("< N") where N is the
    record's minimum (maximum) age in years, the same reading with ">=" ("<="); its rule text
    follows ("age_years >= 18")."""
    if criterion.kind != "inclusion" or "age_years" not in criterion.facts:
        return criterion
    low, high = trial.min_age_years, trial.max_age_years
    if low is None and high is None:
        return criterion
    condition, changed = _widened(criterion.condition, low, high)
    if not changed:
        return criterion
    rule = criterion.rule
    if rule:
        for bound, strict in ((low, ">"), (high, "<")):
            if bound is not None and float(bound).is_integer():
                rule = re.sub(
                    rf"age_years {strict} {int(bound)}\b",
                    f"age_years {_INCLUSIVE[strict]} {int(bound)}",
                    rule,
                )
    return criterion.model_copy(update={"condition": condition, "rule": rule})

"""A criterion's reading in plain words for staff ("Excluded if: the QTc higher than 480 ms")."""

from __future__ import annotations

from typing import Any

from trialbot.domain.checker import plain_number, span_words
from trialbot.domain.criteria import StructuredCriterion

_OPS = {">": "higher than", ">=": "at least", "<": "lower than", "<=": "at most", "==": "exactly"}


def _label(node: dict[str, Any]) -> str:
    return str(node.get("label") or str(node.get("fact", "")).replace("_", " "))


def _leaf(node: dict[str, Any]) -> str:
    op, label = node.get("op"), _label(node)
    choices: dict[str, str] = node.get("choices") or {}
    if op == "cmp":
        value = node["value"]
        if choices and str(value) in choices:
            return f"{label} {_OPS[node['cmp']]} “{choices[str(value)]}”"
        unit = node.get("unit") or ""
        space = "" if unit in ("", "%") else " "
        number = plain_number(value) if isinstance(value, int | float) else value
        return f"{label} {_OPS[node['cmp']]} {number}{space}{unit}"  # "2 years", not "2.0 years"
    if op in ("eq", "in"):
        values = [node["value"]] if op == "eq" else list(node.get("values", []))
        return f"{label}: " + " or ".join(str(choices.get(str(v), v)) for v in values)
    if op == "within":
        return f"{label} in the last {span_words(int(node['days']))}"
    if op == "ever":
        return f"ever had {label}"
    return label


def condition_words(node: Any) -> str:
    """A condition tree in words: "the age at least 18 years and not brain metastases"."""
    if not isinstance(node, dict):
        return "-"
    op = node.get("op")
    if op in ("all", "any"):
        joiner = " and " if op == "all" else " or "
        parts = [condition_words(child) for child in node.get("of", [])]
        return joiner.join(f"({p})" if " and " in p or " or " in p else p for p in parts)
    if op == "not":
        return f"not {condition_words(node.get('of'))}"
    if op == "only_if":
        return (
            f"{condition_words(node.get('then'))} (only when {condition_words(node.get('when'))})"
        )
    if op == "meta":
        return "sums up the other requirements"
    if op == "review" or "fact" not in node:
        return "the study team checks"
    return _leaf(node)


def reading_words(criterion: StructuredCriterion) -> str:
    """What the checker reads from a criterion, in words: "Required: the age at least 5 years"."""
    if criterion.needs_review or criterion.condition is None:
        return "The study team checks this."
    if criterion.condition.get("op") == "meta":
        return "Sums up the other requirements (not a separate check)."
    head = "Excluded if" if criterion.kind == "exclusion" else "Required"
    return f"{head}: {condition_words(criterion.condition)}"

"""Three-valued evaluation of a criterion's condition tree over a patient profile. Pure.

A condition is a JSON-able dict. Leaves read one fact:
  {"op": "true", "fact": f, "implied_by": [g, ...]}      yes/no fact is yes (or an implying fact is)
  {"op": "cmp", "fact": f, "cmp": ">=", "value": 5}       number (or numeric choice) comparison
  {"op": "eq", "fact": f, "value": v} / {"op": "in", "fact": f, "values": [...]}
  {"op": "within", "fact": f, "days": n}                  date fact within the last n days
    (a drug class's window may carry "latest_of": [member date facts]: a member drug's own
    last date within the window meets it, whatever the class's own answer)
  {"op": "ever", "fact": f}                               date fact is not "never"
Nodes: {"op": "all" | "any", "of": [...]}, {"op": "not", "of": c},
  {"op": "only_if", "when": c, "then": c}  (does not apply when `when` is false),
  {"op": "review"} (only the study team can tell), {"op": "meta"} (always met).
Leaves may carry "label", "unit" and "choices" (value -> label) used to word reasons.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from trialbot.domain.facts import NEVER, UNKNOWN, FactValue

Condition = dict[str, Any]

_CMP: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
}


@dataclass
class Result:
    """A three-valued result (None = unknown) with the facts that decided it."""

    value: bool | None
    applies: bool = True
    used: list[tuple[Condition, FactValue]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # facts not asked yet, in asking order
    unsure: list[str] = field(default_factory=list)  # facts the patient does not know
    review: bool = False
    # The value holds only if an open `only_if` condition applies ("pregnant: no" while the sex
    # is open): a criterion it leaves met whether or not that applies is met; otherwise unknown.
    conditional: bool = False


def _as_number(value: FactValue) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _as_date(value: FactValue) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _leaf_value(leaf: Condition, value: FactValue, today: datetime.date) -> bool | None:
    op = leaf["op"]
    if op == "true":
        return value if isinstance(value, bool) else None
    if op == "eq":
        return str(value).lower() == str(leaf["value"]).lower()
    if op == "in":
        return str(value).lower() in {str(v).lower() for v in leaf["values"]}
    if op == "cmp":
        number = _as_number(value)
        return None if number is None else _CMP[leaf["cmp"]](number, float(leaf["value"]))
    if op in ("within", "ever"):
        if value == NEVER or value is False:
            return False
        if op == "ever":
            return True if value is True or _as_date(value) is not None else None
        when = _as_date(value)
        return None if when is None else (today - when).days <= int(leaf["days"])
    return None


def _implied(leaf: Condition, profile: Mapping[str, FactValue]) -> Result | None:
    for other in leaf.get("implied_by", ()):
        if profile.get(other) is True:
            return Result(True, used=[({**leaf, "fact": other}, True)])
    return None


def _latest_member(
    leaf: Condition, profile: Mapping[str, FactValue], today: datetime.date
) -> Result | None:
    """A class's window met by the latest dated member drug ("last_pembrolizumab" inside "a
    PD-1 inhibitor within 28 days"); None when no member's date meets it (the class's own date,
    or its question, decides then: an undated or earlier member proves nothing)."""
    meeting = [
        (when, other)
        for other in leaf.get("latest_of", ())
        if (when := _as_date(profile.get(other, ""))) is not None
        and _leaf_value(leaf, profile[other], today)
    ]
    if not meeting:
        return None
    when, other = max(meeting)
    return Result(True, used=[({**leaf, "fact": other}, profile[other])])


def _leaf(leaf: Condition, profile: Mapping[str, FactValue], today: datetime.date) -> Result:
    fact = leaf["fact"]
    if leaf.get("latest_of"):
        member = _latest_member(leaf, profile, today)
        if member is not None:
            return member
    if fact not in profile or profile[fact] == UNKNOWN:
        implied = _implied(leaf, profile)
        if implied is not None:
            return implied
        if fact not in profile:
            return Result(None, missing=[fact])
        return Result(None, unsure=[fact])
    value = profile[fact]
    if value is False:
        # a class answered "no" beside a member drug answered "yes" ("EGFR pills: no",
        # "osimertinib: yes"): the member is one, so the class is met whatever its own answer
        implied = _implied(leaf, profile)
        if implied is not None:
            return implied
    outcome = _leaf_value(leaf, value, today)
    if outcome is None:
        return Result(None, unsure=[fact])
    return Result(outcome, used=[(leaf, value)])


def _merge(parts: list[Result], value: bool | None, deciding: list[Result]) -> Result:
    result = Result(value)
    for part in deciding:
        result.used += part.used
    if value is not None and any(part.conditional for part in deciding):
        result.conditional = True
        for part in deciding:
            result.missing += [f for f in part.missing if f not in result.missing]
            result.unsure += [f for f in part.unsure if f not in result.unsure]
    if value is None:
        for part in parts:
            result.missing += [f for f in part.missing if f not in result.missing]
            result.unsure += [f for f in part.unsure if f not in result.unsure]
            result.review = result.review or part.review
    return result


def _combine(node: Condition, profile: Mapping[str, FactValue], today: datetime.date) -> Result:
    parts = [evaluate_condition(child, profile, today) for child in node["of"]]
    parts = [p for p in parts if p.applies]
    if not parts:
        return Result(None, applies=False)
    decisive = node["op"] == "any"  # any: one True decides; all: one False decides
    hits = sorted((p for p in parts if p.value is decisive), key=lambda p: p.conditional)
    if hits:
        return _merge(parts, decisive, hits[:1])  # a hit that holds in any case first
    if all(p.value is not None for p in parts):
        return _merge(parts, not decisive, parts)
    return _merge(parts, None, [])


def _only_if(node: Condition, profile: Mapping[str, FactValue], today: datetime.date) -> Result:
    when = evaluate_condition(node["when"], profile, today)
    if when.value is False:
        return Result(None, applies=False, used=when.used)
    then = evaluate_condition(node["then"], profile, today)
    if when.value is True:
        then.used = when.used + then.used
        return then
    if then.value is not None and then.applies:
        # "not pregnant" with the sex open: holds if the condition applies, else nothing applies
        return Result(
            then.value,
            used=when.used + then.used,
            missing=[*when.missing, *(f for f in then.missing if f not in when.missing)],
            unsure=[*when.unsure, *(f for f in then.unsure if f not in when.unsure)],
            review=when.review,
            conditional=True,
        )
    return _merge([when, then], None, [])


def evaluate_condition(
    node: Condition, profile: Mapping[str, FactValue], today: datetime.date
) -> Result:
    """Evaluate a condition tree: True / False / None (unknown), or not applicable."""
    op = node.get("op")
    if op in ("all", "any"):
        return _combine(node, profile, today)
    if op == "not":
        inner = evaluate_condition(node["of"], profile, today)
        inner.value = None if inner.value is None else not inner.value
        inner.used = [({**leaf, "negated": not leaf.get("negated")}, v) for leaf, v in inner.used]
        return inner
    if op == "only_if":
        return _only_if(node, profile, today)
    if op == "meta":
        return Result(True)
    if op == "review" or "fact" not in node:
        return Result(None, review=True)
    return _leaf(node, profile, today)

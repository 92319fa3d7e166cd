"""Atoms (one structured reading found in a criterion) and condition builders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trialbot.domain.conditions import Condition
from trialbot.eligibility.vocabulary import fact_labels, fact_spec


@dataclass
class Atom:
    """A reading of part of a criterion.

    `condition` states what the text names (for an exclusion: having the excluding condition);
    `negated` flips it ("no brain metastases"). `adverse` marks things that are normally reasons to
    exclude (an inclusion naming one without negation is usually conditional, so review).
    """

    concept: str
    position: int
    condition: Condition | None = None
    rule: str | None = None
    facts: list[str] = field(default_factory=list)
    review: bool = False
    adverse: bool = False
    negated: bool = False
    settled: bool = False  # polarity already read by the recognizer: no negation search
    denied: bool = False  # flipped from an exclusion's own negation: never certain alone
    # the text leaves its time open ("Patients received radiotherapy;": ever, or recently?)
    never_certain: bool = False
    # More word lists of rules/completeness.yaml the reading accounts for (not facts asked)
    explained: list[str] = field(default_factory=list)


def leaf(fact: str, op: str, **params: Any) -> Condition:
    """A condition leaf reading one fact, with the words the checker needs for reasons."""
    node: Condition = {"op": op, "fact": fact, **params}
    node["label"] = fact_labels().get(fact, fact.replace("_", " "))
    spec = fact_spec(fact)
    if spec is not None and spec.unit:
        node["unit"] = spec.unit
    if spec is not None and spec.choices:
        node["choices"] = {c.value: c.label for c in spec.choices}
    return node


def all_of(*nodes: Condition) -> Condition:
    """All must hold."""
    return nodes[0] if len(nodes) == 1 else {"op": "all", "of": list(nodes)}


def any_of(*nodes: Condition) -> Condition:
    """At least one must hold."""
    return nodes[0] if len(nodes) == 1 else {"op": "any", "of": list(nodes)}


def negate(node: Condition) -> Condition:
    """The opposite condition (keeps applicability: "only if" stays outside the negation)."""
    if node.get("op") == "only_if":
        return {**node, "then": negate(node["then"])}
    if node.get("op") == "not":
        inner: Condition = node["of"]
        return inner
    return {"op": "not", "of": node}


def only_if(when: Condition, then: Condition) -> Condition:
    """`then`, applying only when `when` holds (otherwise: does not apply)."""
    return {"op": "only_if", "when": when, "then": then}


def is_female() -> Condition:
    """The patient is female."""
    return leaf("sex", "eq", value="female")


def is_male() -> Condition:
    """The patient is male."""
    return leaf("sex", "eq", value="male")


def fact_atom(concept: str, position: int, *, adverse: bool = True) -> Atom:
    """An atom for a yes/no fact: the patient has it."""
    return Atom(
        concept=concept,
        position=position,
        condition=leaf(concept, "true"),
        rule=f"{concept} == yes",
        facts=[concept],
        adverse=adverse,
    )


def review_atom(concept: str, position: int) -> Atom:
    """An atom only the study team can judge."""
    return Atom(concept=concept, position=position, condition={"op": "review"}, review=True)


def event_atom(fact: str, position: int, days: int | None, *, at_least: bool = False) -> Atom:
    """An atom for a dated event: within the last `days` (or ever, when no window is given)."""
    if days is None:
        return Atom(fact, position, leaf(fact, "ever"), f"{fact} ever", [fact], adverse=True)
    condition = leaf(fact, "within", days=days)
    rule = f"{fact} within {days} days"
    atom = Atom(fact, position, condition, rule, [fact], adverse=not at_least)
    if at_least:
        atom.negated = True
    return atom


def cmp_atom(fact: str, position: int, op: str, value: float) -> Atom:
    """An atom comparing a number fact with a threshold."""
    shown = int(value) if float(value).is_integer() else value
    condition = leaf(fact, "cmp", cmp=op, value=shown)
    return Atom(fact, position, condition, f"{fact} {op} {shown}", [fact], settled=True)
